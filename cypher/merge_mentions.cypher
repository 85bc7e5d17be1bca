// merge_mentions — which entities an article names, where (character offsets).
//
// Parameters: $rows  [{entity_id, article_id, names, starts, ends}]
// Example:    :param rows => [{entity_id: 'isis', article_id: 'doc-1', names: ['داعش'],
//                              starts: [5], ends: [9]}]
UNWIND $rows AS row
MATCH (n:Entity {id: row.entity_id})
MATCH (a:Article {id: row.article_id})
MERGE (n)-[m:MENTIONED_IN]->(a)
SET m.names = row.names,
    m.starts = row.starts,
    m.ends = row.ends,
    m.count = size(row.starts);
