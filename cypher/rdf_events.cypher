// rdf_events — one page of events with roles and reports (keyset paging by id), for the RDF export.
//
// Purpose:    streams events in id order: merged fields, agents, targets, places, attribution
//             and one map per REPORTED_IN edge (what each article said). Valid-time window:
//             events whose days overlap [start, end]; an undated event only without a window.
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
RETURN e.id AS id, labels(e) AS labels, e.event_type AS event_type, e.sub_event_type AS sub_event_type,
       e.label AS label, e.time_value AS time_value, e.time_precision AS time_precision,
       e.date_start AS date_start, e.date_end AS date_end, e.modality AS modality,
       e.fatalities AS fatalities, e.fatalities_min AS fatalities_min, e.fatalities_max AS fatalities_max,
       e.report_count AS report_count, e.source_count AS source_count,
       e.first_reported AS first_reported, e.last_reported AS last_reported,
       COLLECT { MATCH (x:Entity)-[:AGENT_IN]->(e) RETURN x.id ORDER BY x.id } AS agents,
       COLLECT { MATCH (x:Entity)-[:TARGET_IN]->(e) RETURN x.id ORDER BY x.id } AS targets,
       COLLECT { MATCH (e)-[:AT]->(p:Place) RETURN p.id ORDER BY p.id } AS places,
       COLLECT { MATCH (e)-[t:ATTRIBUTED_TO]->(x:Entity)
                 RETURN {article: t.article, entity: x.id} AS w ORDER BY t.article, x.id } AS attributed,
       COLLECT { MATCH (e)-[r:REPORTED_IN]->(a:Article)
                 RETURN r {.*, article: a.id} AS r ORDER BY a.id, r.local_id } AS reports
ORDER BY e.id;
