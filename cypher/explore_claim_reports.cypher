// explore_claim_reports — provenance of a relation edge: each claim behind it, with its article.
//
// Purpose:    the explorer's provenance panel for a relation (CONTROLS, SUPPORTED_BY, …):
//             outlet, date, evidence span and confidence of every statement of it.
// Parameters: $ids    list of claim ids (an edge's claim_ids)
//             $as_of  ISO date or null: only articles published by then (default: null)
// Example:    :param ids => ['claim:1']; :param as_of => null
MATCH (c:Claim)-[:CLAIMED_IN]->(a:Article)
WHERE c.id IN $ids AND ($as_of IS NULL OR a.published <= date($as_of))
OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(who:Entity)
RETURN a.id AS article, a.outlet AS outlet, a.title AS title, a.published AS published, a.url AS url,
       c.evidence AS evidence, c.span_start AS span_start, c.span_end AS span_end,
       'asserted' AS modality, c.confidence AS confidence, collect(who.name) AS attributed_to
ORDER BY published, article;
