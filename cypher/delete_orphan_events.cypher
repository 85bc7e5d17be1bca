// delete_orphan_events — events that no article reports any more.
//
// Parameters: $ids  candidate event ids (those just retracted)
// Example:    :param ids => ['doc-1/e1']
UNWIND $ids AS id
MATCH (ev:Event {id: id})
WHERE NOT (ev)-[:REPORTED_IN]->(:Article)
DETACH DELETE ev;
