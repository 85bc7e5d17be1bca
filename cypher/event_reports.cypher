// event_reports — every report of one event: outlet, date, evidence span, modality.
//
// Purpose:    provenance: each edge of the graph traced to its sentence.
// Parameters: $id  the event id
// Example:    :param id => 'sample-001/e1'
MATCH (e:Event {id: $id})-[r:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (e)-[:ATTRIBUTED_TO {article: a.id}]->(who:Entity)
RETURN a.id AS article, a.outlet AS outlet, a.title AS title, a.published AS published,
       a.url AS url, r.evidence AS evidence, r.span_start AS span_start, r.span_end AS span_end,
       r.modality AS modality, r.confidence AS confidence, collect(who.name) AS attributed_to
ORDER BY published, article;
