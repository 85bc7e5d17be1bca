// merge_claims — one Claim per relation an article states, with its evidence.
//
// A claim keeps who said what and when (valid time from the text, record time
// from the article). The direct, time-scoped edges between entities are
// derived from the claims by refresh_relations; contradicting claims coexist.
// Parameters: $rows  [{id, type, source_id, target_id, article_id, time_value,
//                      time_precision, valid_from, valid_to, evidence, span_start,
//                      span_end, confidence}]
// Example:    see tests/loaders/test_neo4j_loader.py
UNWIND $rows AS row
MATCH (s:Entity {id: row.source_id})
MATCH (t:Entity {id: row.target_id})
MATCH (a:Article {id: row.article_id})
MERGE (c:Claim {id: row.id})
SET c.type = row.type,
    c.source_id = row.source_id,
    c.target_id = row.target_id,
    c.time_value = row.time_value,
    c.precision = row.time_precision,
    c.valid_from = CASE WHEN row.valid_from IS NULL THEN null ELSE date(row.valid_from) END,
    c.valid_to = CASE WHEN row.valid_to IS NULL THEN null ELSE date(row.valid_to) END,
    c.evidence = row.evidence,
    c.span_start = row.span_start,
    c.span_end = row.span_end,
    c.confidence = row.confidence
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(t)
MERGE (c)-[:CLAIMED_IN]->(a);
