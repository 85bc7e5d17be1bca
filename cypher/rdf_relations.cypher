// rdf_relations — the time-scoped relations of one page of source entities (keyset paging by id).
//
// Purpose:    streams the direct, time-scoped edges (CONTROLS, SUPPORTED_BY, … one per period)
//             grouped by their source entity in id order, with the claims behind each edge.
//             Valid-time window: edges whose period overlaps [start, end] (open ends overlap).
// Parameters: $after  id of the last source entity of the previous page, '' for the first (default: '')
//             $limit  how many source entities per page (default: 2000)
//             $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
// Example:    :param after => ''; :param limit => 2000; :param start => null; :param end => null
MATCH (s:Entity)
WHERE s.id > $after
WITH s ORDER BY s.id LIMIT $limit
OPTIONAL MATCH (s)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS|LOCATED_IN|RESIDES_IN|ASSISTS|SUPPORTS|OPPOSES|SPOKE_TO]->(t:Entity)
WHERE ($start IS NULL OR r.valid_to IS NULL OR r.valid_to > date($start))
  AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end))
WITH s, r, t ORDER BY s.id, type(r), t.id, r.valid_from
WITH s, collect(CASE WHEN r IS NULL THEN null ELSE r {.*, type: type(r), target: t.id,
       claims: coalesce(r.claim_ids, COLLECT { MATCH (c:Claim)-[:SUBJECT]->(s)
                                               WHERE c.type = type(r) AND EXISTS { (c)-[:OBJECT]->(t) }
                                               RETURN c.id ORDER BY c.id })} END) AS relations
RETURN s.id AS id, relations
ORDER BY s.id;
