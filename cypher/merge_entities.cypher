// merge_entities — actors, persons and places, one node per canonical id.
//
// Every entity carries :Entity plus its kind (:Actor, :Person, :Place) and its fine
// type (:ArmedGroup, :City, …). Labels arrive as parameters, checked by the
// loader against the closed list of model types, and are set with Cypher's
// dynamic-label syntax — never spliced into the query text. When articles disagree
// on a name, type, Wikidata id or attributes, the choice does not depend on the
// load order: the smallest name/type/id, the longest (then smallest) attributes.
// Parameters: $rows  [{id, kind_label, type_label, type, name, names, wikidata,
//                      attributes_json, latitude, longitude, within}]
//             (within: ids of the places containing a place, nearest first; null otherwise)
// Example:    :param rows => [{id: 'isis', kind_label: 'Actor', type_label: 'ArmedGroup',
//                              type: 'ArmedGroup', name: 'Islamic State', names: ['داعش'],
//                              wikidata: 'Q2429253', attributes_json: '{}',
//                              latitude: null, longitude: null, within: null}]
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.kind_label), n:$(row.type_label)
SET n.kind = row.kind_label,
    n.type = CASE WHEN n.type IS NULL OR row.type < n.type THEN row.type ELSE n.type END,
    n.name = CASE WHEN n.name IS NULL OR row.name < n.name THEN row.name ELSE n.name END,
    n.names = COLLECT { UNWIND coalesce(n.names, []) + row.names AS x
                        WITH DISTINCT x ORDER BY x RETURN x },
    n.wikidata = CASE WHEN n.wikidata IS NULL OR row.wikidata < n.wikidata THEN row.wikidata
                      ELSE n.wikidata END,
    n.attributes_json = CASE
        WHEN row.attributes_json IS NULL THEN n.attributes_json
        WHEN n.attributes_json IS NULL THEN row.attributes_json
        WHEN size(row.attributes_json) > size(n.attributes_json)
             OR (size(row.attributes_json) = size(n.attributes_json)
                 AND row.attributes_json < n.attributes_json) THEN row.attributes_json
        ELSE n.attributes_json END,
    n.within = row.within
FOREACH (_ IN CASE WHEN row.latitude IS NULL THEN [] ELSE [1] END |
  SET n.location = point({latitude: row.latitude, longitude: row.longitude}));
