// rdf_claims — one page of claims (keyset paging by id), for the RDF export.
//
// Purpose:    streams every Claim in id order: relation type, subject, object, valid time,
//             evidence, and where it was stated (an Article, or a Source for background claims).
// Parameters: $after  id of the last claim of the previous page, '' for the first (default: '')
//             $limit  how many claims per page (default: 2000)
// Example:    :param after => ''; :param limit => 2000
MATCH (c:Claim)
WHERE c.id > $after
WITH c ORDER BY c.id LIMIT $limit
OPTIONAL MATCH (c)-[:CLAIMED_IN]->(a)
WITH c, head(collect(a)) AS a
RETURN c.id AS id, c.type AS type, c.source_id AS source_id, c.target_id AS target_id,
       c.time_value AS time_value, c.precision AS precision, c.valid_from AS valid_from,
       c.valid_to AS valid_to, c.evidence AS evidence, c.span_start AS span_start,
       c.span_end AS span_end, c.confidence AS confidence, c.origin AS origin,
       a.id AS stated_in, CASE WHEN a:Article THEN 'Article' ELSE 'Source' END AS stated_kind,
       COLLECT { MATCH (c)-[:ATTRIBUTED_TO]->(x:Entity) RETURN x.id ORDER BY x.id } AS attributed
ORDER BY c.id;
