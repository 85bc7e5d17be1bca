// as_of_snapshot — what the graph knew on a day: events and relation periods reported by then.
//
// Purpose:    record time. Only articles published on or before as_of count: an event
//             appears once one of them reported it (sources counted as of then); a
//             relation period once a claim behind it was published, its end only if
//             the closing claim was. With at (valid time) also: only events that
//             happened on that day and periods holding on it.
// Parameters: $as_of  ISO date
//             $at     ISO date or null (default: null)
//             $limit  maximum rows (default: 500)
// Example:    :param as_of => '2018-04-01'; :param at => null; :param limit => 500
CALL () {
  MATCH (e:Event)-[:REPORTED_IN]->(a:Article)
  WHERE a.published <= date($as_of)
  WITH e, collect(DISTINCT coalesce(a.outlet, a.id)) AS outlets, min(a.published) AS first
  WHERE $at IS NULL OR (e.date_start <= date($at) AND e.date_end >= date($at))
  RETURN 'event' AS kind, e.id AS id, e.event_type AS type,
         COLLECT { MATCH (x:Entity)-[:AGENT_IN]->(e) RETURN x.id ORDER BY x.id } AS subject,
         COLLECT { MATCH (e)-[:AT]->(x:Place) RETURN x.id ORDER BY x.id } AS object,
         e.date_start AS valid_from, e.date_end AS valid_to, size(outlets) AS sources,
         first AS first_reported
  UNION ALL
  MATCH (s:Entity)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS]->(t:Entity)
  WHERE r.first_reported <= date($as_of)
  WITH s, r, t, CASE WHEN r.closed_by IS NOT NULL AND r.closed_reported > date($as_of)
                     THEN null ELSE r.valid_to END AS valid_to
  WHERE $at IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= date($at))
                        AND (valid_to IS NULL OR valid_to > date($at)))
  CALL (r) {
    UNWIND r.claim_ids AS cid
    MATCH (:Claim {id: cid})-[:CLAIMED_IN]->(a:Article)
    WHERE a.published <= date($as_of)
    RETURN count(DISTINCT coalesce(a.outlet, a.id)) AS sources
  }
  RETURN 'relation' AS kind, null AS id, type(r) AS type, [s.id] AS subject, [t.id] AS object,
         r.valid_from AS valid_from, valid_to, sources, r.first_reported AS first_reported
}
RETURN kind, id, type, subject, object, valid_from, valid_to, sources, first_reported
ORDER BY kind, valid_from, type, id, subject, object
LIMIT $limit;
