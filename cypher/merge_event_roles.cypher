// merge_event_roles — agents, targets, place and attribution of events.
//
// role is one of AGENT_IN, TARGET_IN (entity → event), AT (event → place) and
// ATTRIBUTED_TO (event → who told it; keyed by article). `articles` lists the
// articles that state a role, sorted, so the load order does not show. Each type has its own
// subquery with a static type: a dynamic `$(row.role)` MERGE was planned as a scan of all
// relationships on an empty database (a first load) and stayed so while the plan was cached.
// Parameters: $rows  [{event_id, entity_id, role, article_id}]
// Example:    :param rows => [{event_id: 'doc-1/e1', entity_id: 'isis',
//                              role: 'AGENT_IN', article_id: 'doc-1'}]
UNWIND $rows AS row
MATCH (ev:Event {id: row.event_id})
MATCH (n:Entity {id: row.entity_id})
CALL (row, ev, n) {
  WITH row, ev, n WHERE row.role = 'AGENT_IN'
  MERGE (n)-[r:AGENT_IN]->(ev)
  SET r.articles = COLLECT { UNWIND coalesce(r.articles, []) + row.article_id AS x
                             WITH DISTINCT x ORDER BY x RETURN x }
}
CALL (row, ev, n) {
  WITH row, ev, n WHERE row.role = 'TARGET_IN'
  MERGE (n)-[r:TARGET_IN]->(ev)
  SET r.articles = COLLECT { UNWIND coalesce(r.articles, []) + row.article_id AS x
                             WITH DISTINCT x ORDER BY x RETURN x }
}
CALL (row, ev, n) {
  WITH row, ev, n WHERE row.role = 'AT'
  MERGE (ev)-[r:AT]->(n)
  SET r.articles = COLLECT { UNWIND coalesce(r.articles, []) + row.article_id AS x
                             WITH DISTINCT x ORDER BY x RETURN x }
}
CALL (row, ev, n) {
  WITH row, ev, n WHERE row.role = 'ATTRIBUTED_TO'
  MERGE (ev)-[r:ATTRIBUTED_TO {article: row.article_id}]->(n)
};
