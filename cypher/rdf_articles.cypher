// rdf_articles — one page of articles (keyset paging by id), for the RDF export.
//
// Purpose:    streams every Article node in id order, $limit at a time, after id $after.
// Parameters: $after  id of the last article of the previous page, '' for the first (default: '')
//             $limit  how many articles per page (default: 2000)
// Example:    :param after => ''; :param limit => 2000
MATCH (a:Article)
WHERE a.id > $after
RETURN a.id AS id, a.outlet AS outlet, a.title AS title, a.url AS url, a.published AS published,
       a.lang AS lang, a.content_hash AS content_hash, a.source AS source, a.ingested_at AS ingested_at
ORDER BY a.id
LIMIT $limit;
