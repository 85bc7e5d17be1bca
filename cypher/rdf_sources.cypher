// rdf_sources — every non-article source of claims (the gazetteer), for the RDF export.
//
// Purpose:    the few (:Source) nodes background claims are CLAIMED_IN.
// Parameters: none
// Example:    (no parameters)
MATCH (s:Source)
RETURN s.id AS id, s.name AS name
ORDER BY s.id;
