// restore_relationships — create dumped relationships between restored nodes.
//
// Purpose:    `kg restore` (loaders/neo4j/backup.py). End nodes are found by the element
//             ids restore_nodes returned (a direct seek); the type is checked against
//             the model's allow-list in Python first.
// Parameters: $rows  [{type, start, end, props: {..}, typed: [{key, type, value}]}]
//             (start, end: element ids of this database)
// Example:    :param rows => [{type: 'MENTIONED_IN', start: '4:…:0', end: '4:…:1',
//                              props: {count: 1}, typed: []}]
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
FOREACH (t IN [x IN row.typed WHERE x.type = 'date'] | SET r[t.key] = date(t.value))
FOREACH (t IN [x IN row.typed WHERE x.type = 'datetime'] | SET r[t.key] = datetime(t.value))
FOREACH (t IN [x IN row.typed WHERE x.type = 'point'] | SET r[t.key] = point(t.value))
FOREACH (t IN [x IN row.typed WHERE x.type = 'date_list'] | SET r[t.key] = [v IN t.value | date(v)])
FOREACH (t IN [x IN row.typed WHERE x.type = 'datetime_list'] |
  SET r[t.key] = [v IN t.value | datetime(v)]);
