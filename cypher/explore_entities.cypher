// explore_entities — entities by id (or all, up to a limit): names, aliases, type, Wikidata, coordinates.
//
// Purpose:    node details for the explorer's graph and map, and the choices of its
//             actor and place filters.
// Parameters: $ids    list of entity ids, or [] for all (default: [])
//             $kinds  list of kinds (Actor, Person, Place), or [] for all (default: [])
//             $limit  maximum rows (default: 5000)
// Example:    :param ids => ['isis', 'raqqa']; :param kinds => []; :param limit => 5000
MATCH (n:Entity)
WHERE (size($ids) = 0 OR n.id IN $ids) AND (size($kinds) = 0 OR n.kind IN $kinds)
RETURN n.id AS id, n.name AS name, coalesce(n.names, []) AS names, n.kind AS kind, n.type AS type,
       n.wikidata AS wikidata, n.location.latitude AS latitude, n.location.longitude AS longitude,
       n.within AS within
ORDER BY id
LIMIT $limit;
