// events_in_window — events whose valid time overlaps a window, newest first.
//
// Purpose:    the explorer's event list and `kg query events_in_window`; filters by ACLED
//             type, taking part (agent or target), place (the place or anything inside
//             it), bounding box, and record time (as_of: only what articles published
//             by then reported; sources counted as of then). An event without a date is
//             left out when a window is given.
// Parameters: $start        ISO date or null (open) (default: null)
//             $end          ISO date or null (open) (default: null)
//             $types        list of ACLED event types, or [] for all (default: [])
//             $actors       list of entity ids taking part, or [] for all (default: [])
//             $place        place id or null: events at it or inside it (default: null)
//             $bbox         list [min_lat, min_lon, max_lat, max_lon] or null (default: null)
//             $as_of        ISO date or null: record time (default: null)
//             $min_sources  minimum number of distinct outlets (default: 1)
//             $limit        maximum rows (default: 100)
// Example:    :param start => '2018-03-01'; :param end => '2018-03-31'; :param types => [];
//             :param actors => ['isis']; :param place => 'deir-ez-zor'; :param bbox => null;
//             :param as_of => null; :param min_sources => 1; :param limit => 100
MATCH (e:Event)
WHERE ($start IS NULL OR e.date_end >= date($start))
  AND ($end IS NULL OR e.date_start <= date($end))
  AND (size($types) = 0 OR e.event_type IN $types)
  AND (size($actors) = 0 OR EXISTS {
        MATCH (x:Entity)-[:AGENT_IN|TARGET_IN]->(e) WHERE x.id IN $actors })
  AND ($place IS NULL OR EXISTS {
        MATCH (e)-[:AT]->(p:Place) WHERE p.id = $place OR $place IN coalesce(p.within, []) })
  AND ($bbox IS NULL OR EXISTS {
        MATCH (e)-[:AT]->(p:Place)
        WHERE point.withinBBox(p.location, point({latitude: $bbox[0], longitude: $bbox[1]}),
                               point({latitude: $bbox[2], longitude: $bbox[3]})) })
CALL (e) {
  MATCH (e)-[:REPORTED_IN]->(a:Article)
  WHERE $as_of IS NULL OR a.published <= date($as_of)
  RETURN count(DISTINCT coalesce(a.outlet, a.id)) AS sources
}
WITH e, sources
WHERE sources >= $min_sources
OPTIONAL MATCH (a:Entity)-[:AGENT_IN]->(e)
WITH e, sources, collect(DISTINCT a.name) AS agents
OPTIONAL MATCH (e)-[:AT]->(p:Place)
WITH e, sources, agents, collect(DISTINCT p.name) AS places
RETURN e.id AS id, e.date_start AS date, e.time_precision AS precision, e.event_type AS event_type,
       e.sub_event_type AS sub_event_type, agents, places, e.modality AS modality,
       sources, e.fatalities AS fatalities
ORDER BY date DESC, id
LIMIT $limit;
