// merge_events — events with one REPORTED_IN edge per article that tells them.
//
// The event node is keyed by `id`: the gold `event_key` when given, else the
// id the merge (kg.graph.merge) chose for the report's cluster — the smallest
// `doc_id/local_id` among the reports of the same real-world event. What each
// article said (time, modality, evidence span, confidence, fatalities, its
// agents/targets/place, its date window) stays on its REPORTED_IN edge, so a
// report can be re-clustered later from the graph alone. Event-level fields are
// derived from the reports by refresh_events.
// Parameters: $rows  [{id, report_key, event_key, article_id, local_id, label, event_type,
//                      sub_event_type, acled_label, time_value, time_precision, date_start,
//                      date_end, modality, fatalities, evidence, span_start, span_end,
//                      confidence, agents, targets, place, reported_by, window_lo,
//                      window_hi}]
// Example:    see tests/loaders/test_neo4j_loader.py
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MERGE (ev:Event {id: row.id})
SET ev:$(row.acled_label)
MERGE (ev)-[r:REPORTED_IN]->(a)
SET r.local_id = row.local_id,
    r.event_type = row.event_type,
    r.sub_event_type = row.sub_event_type,
    r.label = row.label,
    r.time_value = row.time_value,
    r.time_precision = row.time_precision,
    r.date_start = CASE WHEN row.date_start IS NULL THEN null ELSE date(row.date_start) END,
    r.date_end = CASE WHEN row.date_end IS NULL THEN null ELSE date(row.date_end) END,
    r.modality = row.modality,
    r.fatalities = row.fatalities,
    r.evidence = row.evidence,
    r.span_start = row.span_start,
    r.span_end = row.span_end,
    r.confidence = row.confidence,
    r.report_key = row.report_key,
    r.event_key = row.event_key,
    r.agents = row.agents,
    r.targets = row.targets,
    r.place = row.place,
    r.reported_by = row.reported_by,
    r.window_lo = CASE WHEN row.window_lo IS NULL THEN null ELSE date(row.window_lo) END,
    r.window_hi = CASE WHEN row.window_hi IS NULL THEN null ELSE date(row.window_hi) END;
