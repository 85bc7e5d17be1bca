// explore_entity_sources — the articles behind an entity: naming it, reporting its events or claims.
//
// Purpose:    the "sources" list of the explorer's entity profile: every article that
//             names the entity, reports an event it took part in (or took place at it),
//             or states a relation of it; with the number of mentions and of reports.
// Parameters: $id     entity id
//             $as_of  ISO date or null: only articles published by then (default: null)
//             $limit  maximum rows (default: 200)
// Example:    :param id => 'isis'; :param as_of => null; :param limit => 200
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)-[m:MENTIONED_IN]->(a:Article)
  RETURN a, m.count AS mentions, 0 AS reports
  UNION ALL
  MATCH (n)-[:AGENT_IN|TARGET_IN|AT]-(:Event)-[:REPORTED_IN]->(a:Article)
  RETURN a, 0 AS mentions, 1 AS reports
  UNION ALL
  MATCH (n)<-[:SUBJECT|OBJECT]-(:Claim)-[:CLAIMED_IN]->(a:Article)
  RETURN a, 0 AS mentions, 1 AS reports
}
WITH a, sum(mentions) AS mentions, sum(reports) AS reports
WHERE $as_of IS NULL OR a.published <= date($as_of)
RETURN a.id AS article, a.outlet AS outlet, a.title AS title, a.published AS published, a.url AS url,
       mentions, reports
ORDER BY published DESC, article
LIMIT $limit;
