// dump_relationships — every relationship with its type, properties and end nodes' ids.
//
// Purpose:    the relationship half of a portable backup (loaders/neo4j/backup.py); end
//             nodes are named by their id (every node has one, unique per key label).
// Parameters: none
// Example:    kg dump graph.rasd.jsonl.gz
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS start_labels, a.id AS start, labels(b) AS end_labels, b.id AS end,
       properties(r) AS props;
