// dump_nodes — every node with its labels and properties, for `kg dump`.
//
// Purpose:    the node half of a portable backup (loaders/neo4j/backup.py). The ingest
//             lock node exists only inside a writer's transaction (the dump runs under
//             that lock to see no half-written batch) and is left out.
// Parameters: none
// Example:    kg dump graph.rasd.jsonl.gz
MATCH (n)
WHERE NOT n:IngestLock
RETURN labels(n) AS labels, properties(n) AS props;
