// graph_window_nodes — the nodes of a window of the graph: events in it and the entities they touch.
//
// Purpose:    the node list behind the networkx view and `kg export graphml`: events whose
//             date overlaps the window (an undated event only when no window is given),
//             and every entity taking part in one of them or holding a relation whose
//             period overlaps the window.
// Parameters: $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
// Example:    :param start => '2018-01-01'; :param end => '2018-12-31'
CALL () {
  MATCH (e:Event)
  WHERE ($start IS NULL OR e.date_end >= date($start)) AND ($end IS NULL OR e.date_start <= date($end))
  RETURN e.id AS id, 'Event' AS kind, e.event_type AS type, coalesce(e.label, e.sub_event_type) AS label,
         toString(e.date_start) AS start, toString(e.date_end) AS end, e.source_count AS sources,
         e.fatalities AS fatalities
  UNION
  MATCH (n:Entity)
  WHERE EXISTS { MATCH (n)-[:AGENT_IN|TARGET_IN|AT]-(e:Event)
                 WHERE ($start IS NULL OR e.date_end >= date($start))
                   AND ($end IS NULL OR e.date_start <= date($end)) }
     OR EXISTS { MATCH (n)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS|LOCATED_IN|RESIDES_IN|ASSISTS|SUPPORTS|OPPOSES]-(:Entity)
                 WHERE ($start IS NULL OR r.valid_to IS NULL OR r.valid_to > date($start))
                   AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end)) }
  RETURN n.id AS id, n.kind AS kind, n.type AS type, n.name AS label, null AS start, null AS end,
         null AS sources, null AS fatalities
}
RETURN id, kind, type, label, start, end, sources, fatalities
ORDER BY id;
