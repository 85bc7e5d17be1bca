// period_claims — every claim of the given relation groups, with its record time.
//
// Purpose:    periods (kg.graph.periods) are derived from all claims of a group: for
//             exclusive types (CONTROLS, LEADS) all holders of one target
//             (source_id ''), else one (source, type, target).
// Parameters: $groups  [{type, source_id, target_id}]
// Example:    :param groups => [{type: 'CONTROLS', source_id: '', target_id: 'al-kum-station'}]
UNWIND $groups AS g
MATCH (c:Claim {type: g.type, target_id: g.target_id})-[:CLAIMED_IN]->(a)
WHERE g.source_id = '' OR c.source_id = g.source_id
RETURN c.id AS id, c.type AS type, c.source_id AS source, c.target_id AS target,
       toString(c.valid_from) AS valid_from, toString(c.valid_to) AS valid_to,
       c.precision AS precision, toString(a.published) AS published, a.id AS origin,
       a.outlet AS outlet
ORDER BY id;
