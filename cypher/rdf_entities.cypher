// rdf_entities — one page of entities with their labels and mentions (keyset paging by id).
//
// Purpose:    streams every Entity (actors, persons, places) in id order for the RDF export,
//             with its Neo4j labels, coordinates and the articles that mention it (offsets).
// Parameters: $after  id of the last entity of the previous page, '' for the first (default: '')
//             $limit  how many entities per page (default: 2000)
// Example:    :param after => ''; :param limit => 2000
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.names AS names, n.wikidata AS wikidata,
       n.attributes_json AS attributes_json, n.location.latitude AS latitude,
       n.location.longitude AS longitude, n.within AS within,
       COLLECT { MATCH (n)-[m:MENTIONED_IN]->(a:Article)
                 RETURN {article: a.id, names: m.names, starts: m.starts, ends: m.ends} AS m
                 ORDER BY a.id } AS mentions
ORDER BY n.id;
