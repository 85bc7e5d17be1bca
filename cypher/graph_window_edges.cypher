// graph_window_edges — the edges of a window of the graph, each with its valid time.
//
// Purpose:    the edge list behind the networkx view and `kg export graphml`: roles in
//             events of the window (AGENT_IN, TARGET_IN: entity → event; AT: event → place;
//             start/end = the event's dates) and direct relations whose period overlaps
//             the window (start/end = valid_from/valid_to, open when null).
// Parameters: $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
// Example:    :param start => '2018-01-01'; :param end => '2018-12-31'
CALL () {
  MATCH (n:Entity)-[r:AGENT_IN|TARGET_IN]->(e:Event)
  WHERE ($start IS NULL OR e.date_end >= date($start)) AND ($end IS NULL OR e.date_start <= date($end))
  RETURN n.id AS source, e.id AS target, type(r) AS type, toString(e.date_start) AS start,
         toString(e.date_end) AS end, size(r.articles) AS weight, false AS contested
  UNION ALL
  MATCH (e:Event)-[r:AT]->(p:Place)
  WHERE ($start IS NULL OR e.date_end >= date($start)) AND ($end IS NULL OR e.date_start <= date($end))
  RETURN e.id AS source, p.id AS target, 'AT' AS type, toString(e.date_start) AS start,
         toString(e.date_end) AS end, size(r.articles) AS weight, false AS contested
  UNION ALL
  MATCH (s:Entity)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS|LOCATED_IN|RESIDES_IN|ASSISTS|SUPPORTS|OPPOSES]->(t:Entity)
  WHERE ($start IS NULL OR r.valid_to IS NULL OR r.valid_to > date($start))
    AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end))
  RETURN s.id AS source, t.id AS target, type(r) AS type, toString(r.valid_from) AS start,
         toString(r.valid_to) AS end, r.claim_count AS weight, coalesce(r.contested, false) AS contested
}
RETURN source, target, type, start, end, weight, contested
ORDER BY source, target, type, start;
