// merge_entities — actors, persons and places, one node per canonical id.
//
// Every entity carries :Entity plus its kind (:Actor, :Person, :Place) and its fine
// type (:ArmedGroup, :City, …). Labels arrive as parameters, checked by the
// loader against the closed list of model types, and are set with Cypher's
// dynamic-label syntax — never spliced into the query text.
// Parameters: $rows  [{id, kind_label, type_label, type, name, names, wikidata,
//                      attributes_json, latitude, longitude}]
// Example:    :param rows => [{id: 'isis', kind_label: 'Actor', type_label: 'ArmedGroup',
//                              type: 'ArmedGroup', name: 'Islamic State', names: ['داعش'],
//                              wikidata: 'Q2429253', attributes_json: '{}',
//                              latitude: null, longitude: null}]
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.kind_label), n:$(row.type_label)
SET n.kind = row.kind_label,
    n.type = row.type,
    n.name = row.name,
    n.names = COLLECT { UNWIND coalesce(n.names, []) + row.names AS x
                        WITH DISTINCT x ORDER BY x RETURN x },
    n.wikidata = coalesce(row.wikidata, n.wikidata),
    n.attributes_json = coalesce(row.attributes_json, n.attributes_json)
FOREACH (_ IN CASE WHEN row.latitude IS NULL THEN [] ELSE [1] END |
  SET n.location = point({latitude: row.latitude, longitude: row.longitude}));
