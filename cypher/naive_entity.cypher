// naive_entity — BENCHMARK BASELINE ONLY: one entity, one MERGE, one transaction.
//
// Labels arrive as parameters (checked against the model's closed lists by
// loaders.neo4j.rows.rows_for) and are set with the dynamic-label syntax.
// Parameters: $row  {id, kind_label, type_label, type, name, names, wikidata, attributes_json,
//                    within}
// Example:    :param row => {id: 'isis', kind_label: 'Actor', type_label: 'ArmedGroup',
//                            type: 'ArmedGroup', name: 'ISIS', names: ['داعش'], wikidata: null,
//                            attributes_json: null, within: null}
MERGE (n:Entity {id: $row.id})
SET n:$($row.kind_label), n:$($row.type_label)
SET n.kind = $row.kind_label,
    n.type = $row.type,
    n.name = $row.name,
    n.names = $row.names,
    n.wikidata = $row.wikidata,
    n.attributes_json = $row.attributes_json,
    n.within = $row.within;
