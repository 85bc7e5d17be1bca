// explore_events — the explorer's events: window, record time and filters, with participants and place.
//
// Purpose:    every view of the explorer (graph, timeline, map, table) draws from these
//             rows. Valid time: events whose dates overlap [start, end]. Record time:
//             as_of keeps only events some article published by then reported, and
//             counts their sources as of then. Filters: ACLED types, participants
//             (agent or target), places (the place or anything inside it), modalities,
//             minimum number of distinct outlets.
// Parameters: $start        ISO date or null (open) (default: null)
//             $end          ISO date or null (open) (default: null)
//             $as_of        ISO date or null: record time (default: null)
//             $types        list of ACLED event types, or [] for all (default: [])
//             $actors       list of entity ids taking part, or [] for all (default: [])
//             $places       list of place ids, or [] for all (default: [])
//             $modalities   list of modalities to keep, or [] for all (default: [])
//             $min_sources  minimum number of distinct outlets (default: 1)
//             $limit        maximum rows (default: 1000)
// Example:    :param start => '2018-03-01'; :param end => '2018-03-31'; :param as_of => null;
//             :param types => []; :param actors => ['isis']; :param places => [];
//             :param modalities => []; :param min_sources => 1; :param limit => 1000
MATCH (e:Event)
WHERE ($start IS NULL OR e.date_end >= date($start))
  AND ($end IS NULL OR e.date_start <= date($end))
  AND (size($types) = 0 OR e.event_type IN $types)
  AND (size($modalities) = 0 OR e.modality IN $modalities)
  AND (size($actors) = 0 OR EXISTS {
        MATCH (x:Entity)-[:AGENT_IN|TARGET_IN]->(e) WHERE x.id IN $actors })
  AND (size($places) = 0 OR EXISTS {
        MATCH (e)-[:AT]->(p:Place)
        WHERE p.id IN $places OR any(w IN coalesce(p.within, []) WHERE w IN $places) })
CALL (e) {
  MATCH (e)-[:REPORTED_IN]->(a:Article)
  WHERE $as_of IS NULL OR a.published <= date($as_of)
  RETURN count(DISTINCT coalesce(a.outlet, a.id)) AS sources, count(a) AS reports
}
WITH e, sources, reports
WHERE reports > 0 AND sources >= $min_sources
ORDER BY e.date_start DESC, e.id
LIMIT $limit
CALL (e) {
  OPTIONAL MATCH (x:Entity)-[:AGENT_IN]->(e)
  RETURN collect(DISTINCT x.id) AS agents
}
CALL (e) {
  OPTIONAL MATCH (x:Entity)-[:TARGET_IN]->(e)
  RETURN collect(DISTINCT x.id) AS targets
}
OPTIONAL MATCH (e)-[:AT]->(p:Place)
WITH e, sources, agents, targets, p ORDER BY p.id
WITH e, sources, agents, targets, head(collect(p)) AS p
RETURN e.id AS id, e.event_type AS event_type, e.sub_event_type AS sub_event_type,
       coalesce(e.label, e.sub_event_type) AS label, e.date_start AS date_start,
       e.date_end AS date_end, e.time_precision AS precision, e.modality AS modality,
       sources, e.fatalities AS fatalities, agents, targets, p.id AS place,
       p.location.latitude AS latitude, p.location.longitude AS longitude
ORDER BY date_start DESC, id;
