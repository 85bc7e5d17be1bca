// refresh_relations — the direct edge between two entities, from claims (non-period types).
//
// For LOCATED_IN, RESIDES_IN, ASSISTS, SUPPORTS, OPPOSES, SPOKE_TO: the period types
// (CONTROLS, SUPPORTED_BY, ALLIED_WITH, MEMBER_OF, PART_OF, LEADS) get one edge per
// period instead (kg.graph.periods → delete_periods + merge_periods).
// One edge per (source, type, target). valid_from is the earliest dated claim,
// valid_to the latest closing date any claim gives (open when none);
// first_reported/last_reported and source_count come from the claiming
// articles (record time). An edge no claim supports any more is deleted.
// The relationship type arrives as a parameter, checked by the loader.
// Parameters: $rows  [{source_id, type, target_id}]
// Example:    :param rows => [{source_id: 'liwa-al-baqir', type: 'SUPPORTED_BY',
//                              target_id: 'iran'}]
UNWIND $rows AS row
MATCH (s:Entity {id: row.source_id})
MATCH (t:Entity {id: row.target_id})
OPTIONAL MATCH (c:Claim {type: row.type, source_id: row.source_id, target_id: row.target_id})
               -[:CLAIMED_IN]->(a:Article)
WITH row, s, t, collect(c) AS claims, collect(a) AS arts
CALL (row, s, t, claims, arts) {
  WITH row, s, t, claims, arts WHERE size(claims) > 0
  MERGE (s)-[e:$(row.type)]->(t)
  SET e.valid_from = reduce(m = null, c IN claims |
        CASE WHEN c.valid_from IS NULL THEN m WHEN m IS NULL OR c.valid_from < m THEN c.valid_from ELSE m END),
      e.valid_to = reduce(m = null, c IN claims |
        CASE WHEN c.valid_to IS NULL THEN m WHEN m IS NULL OR c.valid_to > m THEN c.valid_to ELSE m END),
      e.first_reported = reduce(m = null, x IN arts |
        CASE WHEN x.published IS NULL THEN m WHEN m IS NULL OR x.published < m THEN x.published ELSE m END),
      e.last_reported = reduce(m = null, x IN arts |
        CASE WHEN x.published IS NULL THEN m WHEN m IS NULL OR x.published > m THEN x.published ELSE m END),
      e.claim_count = size(claims),
      e.source_count = size(reduce(acc = [], x IN arts |
        CASE WHEN coalesce(x.outlet, x.id) IN acc THEN acc ELSE acc + coalesce(x.outlet, x.id) END))
}
CALL (row, s, t, claims) {
  WITH row, s, t, claims WHERE size(claims) = 0
  OPTIONAL MATCH (s)-[e:$(row.type)]->(t)
  DELETE e
};
