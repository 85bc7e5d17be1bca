// entity_neighbourhood — entities within 1–3 hops of one, through events and relations in a window.
//
// Purpose:    who and what surrounds an entity in a period: a hop is taking part in the
//             same event (agent, target or its place) whose date overlaps the window, or
//             a direct relation (control, support, alliance, membership, location, …)
//             whose period overlaps it. Distance is the least number of hops
//             (breadth-first, level by level).
// Parameters: $id     entity id
//             $depth  1, 2 or 3 (default: 1)
//             $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
//             $limit  maximum rows (default: 100)
// Example:    :param id => 'isis'; :param depth => 2; :param start => '2018-03-01';
//             :param end => '2018-06-30'; :param limit => 100
MATCH (a:Entity {id: $id})
CALL (a) {
  UNWIND [a] AS f
  CALL (f) {
    MATCH (f)-[:AGENT_IN|TARGET_IN|AT]-(e:Event)-[:AGENT_IN|TARGET_IN|AT]-(b:Entity)
    WHERE ($start IS NULL OR e.date_end >= date($start)) AND ($end IS NULL OR e.date_start <= date($end))
    RETURN b
    UNION
    MATCH (f)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS|LOCATED_IN|RESIDES_IN|ASSISTS|SUPPORTS|OPPOSES]-(b:Entity)
    WHERE ($start IS NULL OR r.valid_to IS NULL OR r.valid_to > date($start))
      AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end))
    RETURN b
  }
  WITH DISTINCT b WHERE b <> a
  RETURN collect(b) AS l1
}
CALL (a, l1) {
  UNWIND CASE WHEN $depth >= 2 THEN l1 ELSE [] END AS f
  CALL (f) {
    MATCH (f)-[:AGENT_IN|TARGET_IN|AT]-(e:Event)-[:AGENT_IN|TARGET_IN|AT]-(b:Entity)
    WHERE ($start IS NULL OR e.date_end >= date($start)) AND ($end IS NULL OR e.date_start <= date($end))
    RETURN b
    UNION
    MATCH (f)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS|LOCATED_IN|RESIDES_IN|ASSISTS|SUPPORTS|OPPOSES]-(b:Entity)
    WHERE ($start IS NULL OR r.valid_to IS NULL OR r.valid_to > date($start))
      AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end))
    RETURN b
  }
  WITH DISTINCT b WHERE b <> a AND NOT b IN l1
  RETURN collect(b) AS l2
}
CALL (a, l1, l2) {
  UNWIND CASE WHEN $depth >= 3 THEN l2 ELSE [] END AS f
  CALL (f) {
    MATCH (f)-[:AGENT_IN|TARGET_IN|AT]-(e:Event)-[:AGENT_IN|TARGET_IN|AT]-(b:Entity)
    WHERE ($start IS NULL OR e.date_end >= date($start)) AND ($end IS NULL OR e.date_start <= date($end))
    RETURN b
    UNION
    MATCH (f)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS|LOCATED_IN|RESIDES_IN|ASSISTS|SUPPORTS|OPPOSES]-(b:Entity)
    WHERE ($start IS NULL OR r.valid_to IS NULL OR r.valid_to > date($start))
      AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end))
    RETURN b
  }
  WITH DISTINCT b WHERE b <> a AND NOT b IN l1 AND NOT b IN l2
  RETURN collect(b) AS l3
}
UNWIND [x IN l1 | {n: x, d: 1}] + [x IN l2 | {n: x, d: 2}] + [x IN l3 | {n: x, d: 3}] AS hit
WITH hit.n AS b, hit.d AS distance
RETURN b.id AS id, b.name AS name, b.kind AS kind, b.type AS type, distance
ORDER BY distance, id
LIMIT $limit;
