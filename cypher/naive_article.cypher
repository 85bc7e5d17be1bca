// naive_article — BENCHMARK BASELINE ONLY: one article, one MERGE, one transaction.
//
// The naive loader of benchmarks/naive.py sends one statement per row (auto-commit),
// the way a first attempt would; the real loader batches with UNWIND (merge_articles).
// Parameters: $row  {id, outlet, title, url, published, lang, content_hash, source, ingested_at}
// Example:    :param row => {id: 'doc-1', outlet: 'x', title: 't', url: null,
//                            published: '2018-03-17', lang: 'ar', content_hash: 'abc',
//                            source: null, ingested_at: '2026-11-24T10:00:00Z'}
MERGE (a:Article {id: $row.id})
ON CREATE SET a.ingested_at = datetime($row.ingested_at)
SET a.outlet = $row.outlet,
    a.title = $row.title,
    a.url = $row.url,
    a.published = CASE WHEN $row.published IS NULL THEN null ELSE date($row.published) END,
    a.lang = $row.lang,
    a.content_hash = $row.content_hash,
    a.source = $row.source;
