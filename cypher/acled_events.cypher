// acled_events — one page of events in the shape of an ACLED row (keyset paging by id).
//
// Purpose:    `kg export acled`: each event with its agents and targets (name and type),
//             its place with coordinates and the names/types of the places containing it,
//             the outlets that reported it and a note (label, else the first evidence).
//             Valid-time window: events whose days overlap [start, end].
// Parameters: $after  id of the last event of the previous page, '' for the first (default: '')
//             $limit  how many events per page (default: 2000)
//             $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
// Example:    :param after => ''; :param limit => 2000; :param start => null; :param end => null
MATCH (e:Event)
WHERE e.id > $after
  AND ($start IS NULL OR e.date_end >= date($start))
  AND ($end IS NULL OR e.date_start <= date($end))
WITH e ORDER BY e.id LIMIT $limit
OPTIONAL MATCH (e)-[:AT]->(p:Place)
WITH e, p ORDER BY p.id
WITH e, head(collect(p)) AS p
RETURN e.id AS id, e.event_type AS event_type, e.sub_event_type AS sub_event_type,
       e.date_start AS date_start, e.date_end AS date_end, e.time_precision AS time_precision,
       e.fatalities AS fatalities, e.label AS label,
       COLLECT { MATCH (x:Entity)-[:AGENT_IN]->(e) RETURN {name: x.name, type: x.type, id: x.id} AS a
                 ORDER BY x.id } AS agents,
       COLLECT { MATCH (x:Entity)-[:TARGET_IN]->(e) RETURN {name: x.name, type: x.type, id: x.id} AS t
                 ORDER BY x.id } AS targets,
       p.name AS location, p.type AS place_type, p.location.latitude AS latitude,
       p.location.longitude AS longitude,
       [q IN [p] + COLLECT { MATCH (q:Place) WHERE q.id IN coalesce(p.within, []) RETURN q }
        WHERE q IS NOT NULL | {id: q.id, name: q.name, type: q.type}] AS containers,
       COLLECT { MATCH (e)-[:REPORTED_IN]->(a:Article)
                 RETURN DISTINCT coalesce(a.outlet, a.id) AS o ORDER BY o } AS outlets,
       COLLECT { MATCH (e)-[r:REPORTED_IN]->(a:Article) WHERE r.evidence IS NOT NULL
                 RETURN r.evidence AS ev ORDER BY a.published, a.id LIMIT 1 } AS evidence
ORDER BY e.id;
