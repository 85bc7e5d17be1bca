// naive_role — BENCHMARK BASELINE ONLY: one role edge of an event, one transaction.
//
// role is one of AGENT_IN, TARGET_IN (entity → event), AT, ATTRIBUTED_TO (event → entity),
// checked by loaders.neo4j.rows against that closed list. Static relationship types, as in
// merge_event_roles, so both loaders get the same plans.
// Parameters: $row  {event_id, entity_id, role, article_id}
// Example:    :param row => {event_id: 'doc-1/e1', entity_id: 'isis', role: 'AGENT_IN',
//                            article_id: 'doc-1'}
MATCH (ev:Event {id: $row.event_id})
MATCH (n:Entity {id: $row.entity_id})
CALL (ev, n) {
  WITH ev, n WHERE $row.role = 'AGENT_IN'
  MERGE (n)-[:AGENT_IN]->(ev)
}
CALL (ev, n) {
  WITH ev, n WHERE $row.role = 'TARGET_IN'
  MERGE (n)-[:TARGET_IN]->(ev)
}
CALL (ev, n) {
  WITH ev, n WHERE $row.role = 'AT'
  MERGE (ev)-[:AT]->(n)
}
CALL (ev, n) {
  WITH ev, n WHERE $row.role = 'ATTRIBUTED_TO'
  MERGE (ev)-[:ATTRIBUTED_TO]->(n)
};
