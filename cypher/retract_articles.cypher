// retract_articles — remove what the given articles said, before they are loaded again.
//
// Purpose:    a re-ingested article whose content changed must not leave stale
//             reports, roles, claims or mentions behind. Events and claims that
//             no article reports any more are deleted; entities stay (other
//             articles may name them). The caller refreshes the derived fields
//             of the events and relations returned.
// Parameters: $ids  list of article ids
// Example:    :param ids => ['doc-1']
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  MATCH (a)<-[m:MENTIONED_IN]-()
  DELETE m
}
CALL (a) {
  OPTIONAL MATCH (a)<-[:CLAIMED_IN]-(c:Claim)
  WITH collect(c) AS claims
  WITH claims, [c IN claims | {source_id: c.source_id, type: c.type, target_id: c.target_id}] AS rels
  FOREACH (c IN claims | DETACH DELETE c)
  RETURN rels
}
CALL (a) {
  OPTIONAL MATCH (ev:Event)-[rep:REPORTED_IN]->(a)
  WITH ev, rep
  CALL (ev, a) {
    MATCH (ev)-[r]-(:Entity)
    WHERE type(r) IN ['AGENT_IN', 'TARGET_IN', 'AT']
    SET r.articles = [x IN r.articles WHERE x <> a.id]
    WITH r WHERE size(r.articles) = 0
    DELETE r
  }
  CALL (ev, a) {
    MATCH (ev)-[att:ATTRIBUTED_TO {article: a.id}]->()
    DELETE att
  }
  DELETE rep
  RETURN collect(DISTINCT ev.id) AS events
}
RETURN a.id AS id, events, rels;
