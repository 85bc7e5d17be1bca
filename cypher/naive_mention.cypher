// naive_mention — BENCHMARK BASELINE ONLY: one MENTIONED_IN edge, one transaction.
//
// Parameters: $row  {entity_id, article_id, names, starts, ends}
// Example:    :param row => {entity_id: 'isis', article_id: 'doc-1', names: ['داعش'],
//                            starts: [5], ends: [9]}
MATCH (n:Entity {id: $row.entity_id})
MATCH (a:Article {id: $row.article_id})
MERGE (n)-[m:MENTIONED_IN]->(a)
SET m.names = $row.names,
    m.starts = $row.starts,
    m.ends = $row.ends,
    m.count = size($row.starts);
