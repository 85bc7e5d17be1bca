// detach_reports — take reports off the events they were merged into, before re-merging.
//
// Purpose:    a report that the merge moves to another event leaves its old event:
//             its REPORTED_IN edge, its share of the role edges (`articles`) and its
//             attributions go. The loader writes it again under its new event id.
// Parameters: $rows  [{event_id, article_id}]
// Example:    :param rows => [{event_id: 'doc-1/e1', article_id: 'doc-1'}]
UNWIND $rows AS row
MATCH (ev:Event {id: row.event_id})-[rep:REPORTED_IN]->(a:Article {id: row.article_id})
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
DELETE rep;
