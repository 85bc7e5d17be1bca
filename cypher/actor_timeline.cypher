// actor_timeline — what an actor did and underwent, and the relations it held, in time order.
//
// Purpose:    one actor's history: events where it is agent or target (with the other
//             participants and the place) and the periods of its time-scoped relations
//             (CONTROLS, SUPPORTED_BY, ALLIED_WITH, MEMBER_OF, PART_OF, LEADS).
//             Valid-time window start/end; record time as_of (only what articles
//             published by then said; a period's end unknown by then shows as open).
// Parameters: $actor  entity id
//             $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
//             $as_of  ISO date or null (default: null)
// Example:    :param actor => 'isis'; :param start => '2018-01-01'; :param end => null;
//             :param as_of => null
CALL () {
  MATCH (x:Entity {id: $actor})-[role:AGENT_IN|TARGET_IN]->(e:Event)
  WHERE ($start IS NULL OR e.date_end >= date($start))
    AND ($end IS NULL OR e.date_start <= date($end))
    AND ($as_of IS NULL OR EXISTS {
          MATCH (e)-[:REPORTED_IN]->(a:Article) WHERE a.published <= date($as_of) })
  OPTIONAL MATCH (e)-[:AT]->(p:Place)
  OPTIONAL MATCH (o:Entity)-[:AGENT_IN|TARGET_IN]->(e) WHERE o <> x
  WITH e, role, p, o ORDER BY o.id
  RETURN e.date_start AS date, e.date_end AS until, 'event' AS kind, type(role) AS role,
         e.event_type + ' / ' + e.sub_event_type AS what, collect(DISTINCT o.id) AS others,
         p.id AS place, e.id AS event, e.source_count AS sources
  UNION ALL
  MATCH (x:Entity {id: $actor})-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS]-(o:Entity)
  WHERE ($as_of IS NULL OR r.first_reported <= date($as_of))
  WITH x, r, o, CASE WHEN $as_of IS NOT NULL AND r.closed_by IS NOT NULL
                          AND r.closed_reported > date($as_of)
                     THEN null ELSE r.valid_to END AS until
  WHERE ($start IS NULL OR until IS NULL OR until > date($start))
    AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end))
  RETURN r.valid_from AS date, until, 'relation' AS kind,
         CASE WHEN startNode(r) = x THEN 'source' ELSE 'target' END AS role,
         type(r) AS what, [o.id] AS others, null AS place, null AS event,
         r.source_count AS sources
}
RETURN date, until, kind, role, what, others, place, event, sources
ORDER BY date, kind, what, event, others;
