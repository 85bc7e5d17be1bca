// delete_periods — remove the period edges of the given groups before they are derived again.
//
// Parameters: $groups  [{type, source_id, target_id}]  (source_id '' = every source)
// Example:    :param groups => [{type: 'CONTROLS', source_id: '', target_id: 'al-kum-station'}]
UNWIND $groups AS g
MATCH (s:Entity)-[e]->(t:Entity {id: g.target_id})
WHERE type(e) = g.type AND (g.source_id = '' OR s.id = g.source_id)
DELETE e;
