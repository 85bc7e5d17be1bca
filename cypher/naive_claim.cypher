// naive_claim — BENCHMARK BASELINE ONLY: one relation claim and its direct edge, one transaction.
//
// No periods: the direct edge (s)-[type]->(t) is merged once per claim. The type is
// checked by loaders.neo4j.rows against the model's relation types.
// Parameters: $row  {id, type, source_id, target_id, article_id, time_value, time_precision,
//                    valid_from, evidence, confidence}
// Example:    :param row => {id: 'claim:1', type: 'CONTROLS', source_id: 'isis',
//                            target_id: 'al-kum', article_id: 'doc-1', time_value: null,
//                            time_precision: null, valid_from: null, evidence: '',
//                            confidence: null}
MATCH (s:Entity {id: $row.source_id})
MATCH (t:Entity {id: $row.target_id})
MATCH (a:Article {id: $row.article_id})
MERGE (c:Claim {id: $row.id})
SET c.type = $row.type,
    c.source_id = $row.source_id,
    c.target_id = $row.target_id,
    c.time_value = $row.time_value,
    c.precision = $row.time_precision,
    c.valid_from = CASE WHEN $row.valid_from IS NULL THEN null ELSE date($row.valid_from) END,
    c.evidence = $row.evidence,
    c.confidence = $row.confidence
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(t)
MERGE (c)-[:CLAIMED_IN]->(a)
MERGE (s)-[e:$($row.type)]->(t)
SET e.valid_from = c.valid_from;
