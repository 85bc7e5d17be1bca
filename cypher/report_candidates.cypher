// report_candidates — stored reports that might describe the same event as new ones.
//
// Purpose:    cross-article merging (kg.graph.merge): reports of unkeyed events of the
//             same type and sub-type whose date window meets the given one (either end
//             open). Python then decides compatibility and clusters.
// Parameters: $rows  [{event_type, sub_event_type, lo, hi}]  (lo/hi: ISO dates or null)
// Example:    :param rows => [{event_type: 'Battles', sub_event_type: 'Armed clash',
//                              lo: '2018-04-22', hi: '2018-05-06'}]
UNWIND $rows AS row
MATCH (ev:Event {event_type: row.event_type, sub_event_type: row.sub_event_type})
MATCH (ev)-[r:REPORTED_IN]->(a:Article)
WHERE r.event_key IS NULL
  AND (row.lo IS NULL OR r.window_hi IS NULL OR r.window_hi >= date(row.lo))
  AND (row.hi IS NULL OR r.window_lo IS NULL OR r.window_lo <= date(row.hi))
WITH DISTINCT ev, r, a
RETURN ev.id AS event_id, a.id AS article_id, a.published AS published, properties(r) AS report
ORDER BY r.report_key;
