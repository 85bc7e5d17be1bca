// merge_articles — one node per article (record time: published, ingested_at).
//
// Parameters: $rows  [{id, outlet, title, url, published, lang, content_hash, source,
//                      ingested_at}]  (published: ISO date string or null)
// Example:    :param rows => [{id: 'doc-1', outlet: 'rasd-sample', title: 'عنوان',
//                              url: null, published: '2018-03-17', lang: 'ar',
//                              content_hash: 'abc', source: 'sample.jsonl:1',
//                              ingested_at: '2026-11-24T10:00:00Z'}]
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a.ingested_at = datetime(row.ingested_at)
SET a.outlet = row.outlet,
    a.title = row.title,
    a.url = row.url,
    a.published = CASE WHEN row.published IS NULL THEN null ELSE date(row.published) END,
    a.lang = row.lang,
    a.content_hash = row.content_hash,
    a.source = row.source;
