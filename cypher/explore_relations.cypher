// explore_relations — time-scoped relations among given entities, in a window, as known at a date.
//
// Purpose:    the relation edges of the explorer's graph (CONTROLS, SUPPORTED_BY, …)
//             between the entities on screen, and an entity's affiliations and control
//             periods in its profile. A period overlaps [start, end]; as_of keeps
//             periods first reported by then and shows one whose end was reported
//             later as still open.
// Parameters: $ids    list of entity ids (both ends must be among them unless $any_end)
//             $any_end  bool: one end among $ids is enough (default: false)
//             $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
//             $as_of  ISO date or null: record time (default: null)
// Example:    :param ids => ['isis', 'al-kum-station']; :param any_end => false;
//             :param start => null; :param end => null; :param as_of => null
MATCH (s:Entity)-[r:CONTROLS|SUPPORTED_BY|ALLIED_WITH|MEMBER_OF|PART_OF|LEADS|LOCATED_IN|RESIDES_IN|ASSISTS|SUPPORTS|OPPOSES]->(t:Entity)
WHERE (CASE WHEN $any_end THEN s.id IN $ids OR t.id IN $ids ELSE s.id IN $ids AND t.id IN $ids END)
  AND ($as_of IS NULL OR r.first_reported IS NULL OR r.first_reported <= date($as_of))
WITH s, r, t,
     CASE WHEN $as_of IS NOT NULL AND r.closed_reported IS NOT NULL AND r.closed_reported > date($as_of)
          THEN null ELSE r.valid_to END AS valid_to
WHERE ($start IS NULL OR valid_to IS NULL OR valid_to > date($start))
  AND ($end IS NULL OR r.valid_from IS NULL OR r.valid_from <= date($end))
RETURN s.id AS source, s.name AS source_name, t.id AS target, t.name AS target_name, type(r) AS type,
       r.valid_from AS valid_from, valid_to, r.precision AS precision, r.source_count AS sources,
       coalesce(r.contested, false) AS contested, coalesce(r.claim_ids, []) AS claim_ids
ORDER BY valid_from, source, target, type;
