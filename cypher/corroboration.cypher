// corroboration — how well each fact is sourced: events by outlet count, and single-source claims.
//
// Purpose:    events whose valid time overlaps the window, with the distinct outlets that
//             reported them (most corroborated first), then relations (source, type,
//             target) that only one outlet claims (the ones to check).
// Parameters: $min_sources  minimum outlets for an event row (default: 1)
//             $start        ISO date or null (default: null)
//             $end          ISO date or null (default: null)
//             $limit        maximum rows (default: 100)
// Example:    :param min_sources => 2; :param start => null; :param end => null;
//             :param limit => 100
CALL () {
  MATCH (e:Event)
  WHERE e.source_count >= $min_sources
    AND ($start IS NULL OR e.date_end >= date($start))
    AND ($end IS NULL OR e.date_start <= date($end))
  RETURN 'event' AS kind, e.id AS id, e.event_type AS type, e.source_count AS sources,
         e.report_count AS reports,
         COLLECT { MATCH (e)-[:REPORTED_IN]->(a:Article)
                   RETURN DISTINCT coalesce(a.outlet, a.id) AS o ORDER BY o } AS outlets,
         e.date_start AS date
  UNION ALL
  MATCH (c:Claim)-[:CLAIMED_IN]->(a:Article)
  WHERE ($start IS NULL OR c.valid_from IS NULL OR c.valid_from >= date($start))
    AND ($end IS NULL OR c.valid_from IS NULL OR c.valid_from <= date($end))
  WITH c.source_id + ' ' + c.type + ' ' + c.target_id AS id, c.type AS type,
       collect(DISTINCT coalesce(a.outlet, a.id)) AS outlets, count(c) AS reports,
       min(c.valid_from) AS date
  WHERE size(outlets) = 1
  RETURN 'single-source claim' AS kind, id, type, 1 AS sources, reports, outlets, date
}
RETURN kind, id, type, sources, reports, outlets, date
ORDER BY kind, sources DESC, date, id
LIMIT $limit;
