// restore_nodes — create dumped nodes: plain properties, then typed ones, then labels.
//
// Purpose:    `kg restore` (loaders/neo4j/backup.py) into an empty graph. Labels are
//             checked against the model's allow-list in Python before they get here;
//             typed values (dates, datetimes, points) travel as text and are rebuilt here.
//             Returns each node's element id, by which restore_relationships finds it.
// Parameters: $rows  [{labels: [..], key_label, props: {..}, typed: [{key, type, value}]}]
//             type: date | datetime | point | date_list | datetime_list
// Example:    :param rows => [{labels: ['Article'], key_label: 'Article', props: {id: 'd1', title: 'عنوان'},
//                              typed: [{key: 'published', type: 'date', value: '2018-03-17'}]}]
UNWIND $rows AS row
CREATE (n)
SET n = row.props
SET n:$(row.labels)
FOREACH (t IN [x IN row.typed WHERE x.type = 'date'] | SET n[t.key] = date(t.value))
FOREACH (t IN [x IN row.typed WHERE x.type = 'datetime'] | SET n[t.key] = datetime(t.value))
FOREACH (t IN [x IN row.typed WHERE x.type = 'point'] | SET n[t.key] = point(t.value))
FOREACH (t IN [x IN row.typed WHERE x.type = 'date_list'] | SET n[t.key] = [v IN t.value | date(v)])
FOREACH (t IN [x IN row.typed WHERE x.type = 'datetime_list'] |
  SET n[t.key] = [v IN t.value | datetime(v)])
RETURN row.key_label AS key_label, n.id AS id, elementId(n) AS element_id;
