// ingest_ledger — per document, what the graph committed: content hash, record time, contributions.
//
// Purpose:    the ingest ledger (loaders/neo4j/ledger.py). An Article node is written in the
//             same transaction as its mentions, reports and claims, so its presence with a
//             content hash means everything that content contributed is committed; a
//             document absent here was not committed at all.
// Parameters: $ids  list of article ids, or null for every article
// Example:    :param ids => ['000_4626a3707a676845']
MATCH (a:Article)
WHERE $ids IS NULL OR a.id IN $ids
RETURN a.id AS id, a.content_hash AS content_hash, a.source AS source,
       toString(a.ingested_at) AS ingested_at,
       COUNT { (a)<-[:MENTIONED_IN]-() } AS mentions,
       COUNT { (a)<-[:REPORTED_IN]-() } AS reports,
       COUNT { (a)<-[:CLAIMED_IN]-() } AS claims
ORDER BY id;
