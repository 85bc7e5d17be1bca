// naive_event — BENCHMARK BASELINE ONLY: one event report, one transaction.
//
// No cross-article merging: the event is keyed by its gold event_key or doc_id/local_id,
// and its fields are set from this report directly.
// Parameters: $row  {id, article_id, acled_label, local_id, event_type, sub_event_type, label,
//                    time_value, time_precision, date_start, date_end, modality, fatalities,
//                    evidence, confidence, report_key}
// Example:    see benchmarks/naive.py (rows from loaders.neo4j.rows.rows_for)
MATCH (a:Article {id: $row.article_id})
MERGE (ev:Event {id: $row.id})
SET ev:$($row.acled_label)
SET ev.event_type = $row.event_type,
    ev.sub_event_type = $row.sub_event_type,
    ev.label = $row.label,
    ev.time_value = $row.time_value,
    ev.time_precision = $row.time_precision,
    ev.date_start = CASE WHEN $row.date_start IS NULL THEN null ELSE date($row.date_start) END,
    ev.date_end = CASE WHEN $row.date_end IS NULL THEN null ELSE date($row.date_end) END,
    ev.modality = $row.modality,
    ev.fatalities = $row.fatalities
MERGE (ev)-[r:REPORTED_IN]->(a)
SET r.local_id = $row.local_id,
    r.report_key = $row.report_key,
    r.evidence = $row.evidence,
    r.confidence = $row.confidence;
