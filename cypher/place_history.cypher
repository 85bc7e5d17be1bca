// place_history — who controlled a place when: the CONTROLS periods, contested ones flagged.
//
// Purpose:    the control history of a place (and, with subtree, of every place inside
//             it). at: only periods holding on that day (valid time). as_of: as our
//             sources had it by then (record time): periods first reported later are
//             left out, an end reported later shows as open.
// Parameters: $place    place id
//             $subtree  bool: include the places inside it (default: false)
//             $at       ISO date or null (default: null)
//             $as_of    ISO date or null (default: null)
// Example:    :param place => 'al-kum-station'; :param subtree => false; :param at => null;
//             :param as_of => null
MATCH (p:Place)
WHERE p.id = $place OR ($subtree AND $place IN coalesce(p.within, []))
MATCH (holder:Entity)-[c:CONTROLS]->(p)
WHERE $as_of IS NULL OR c.first_reported <= date($as_of)
WITH p, holder, c, CASE WHEN $as_of IS NOT NULL AND c.closed_by IS NOT NULL
                          AND c.closed_reported > date($as_of)
                     THEN null ELSE c.valid_to END AS valid_to
WHERE $at IS NULL OR ((c.valid_from IS NULL OR c.valid_from <= date($at))
                      AND (valid_to IS NULL OR valid_to > date($at)))
RETURN p.id AS place, holder.id AS holder, holder.name AS name, c.valid_from AS valid_from,
       valid_to, c.precision AS precision, c.contested AS contested, c.rivals AS rivals,
       c.source_count AS sources, c.claim_count AS claims, c.first_reported AS first_reported
ORDER BY place, valid_from, holder;
