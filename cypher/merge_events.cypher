// merge_events — events with one REPORTED_IN edge per article that tells them.
//
// The event node is keyed by `id` (the gold `event_key` when given, else
// article id + local id); what each article said (time, modality, evidence
// span, confidence, fatalities) stays on its REPORTED_IN edge. Event-level
// fields are derived from the reports by refresh_events.
// Parameters: $rows  [{id, article_id, local_id, label, event_type, sub_event_type,
//                      acled_label, time_value, time_precision, date_start, date_end,
//                      modality, fatalities, evidence, span_start, span_end,
//                      confidence, published}]
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
    r.confidence = row.confidence;
