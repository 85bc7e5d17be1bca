// graph_dump — every node and relationship with its properties, keyed by ids, not element ids.
//
// Purpose:    content fingerprint of the graph (tests: load twice = same graph;
//             a crashed load re-run equals a clean load). Not for big graphs.
// Parameters: none
// Example:    kg stats --fingerprint
CALL () {
  MATCH (n)
  RETURN 'node' AS element, [l IN labels(n) | l] AS labels, n.id AS key, properties(n) AS props,
         null AS start, null AS end
  UNION ALL
  MATCH (a)-[r]->(b)
  RETURN 'relationship' AS element, [type(r)] AS labels, null AS key, properties(r) AS props,
         a.id AS start, b.id AS end
}
RETURN element, labels, key, props, start, end;
