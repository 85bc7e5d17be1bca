// graph_stats — how many nodes and relationships of each kind the graph holds.
//
// Parameters: none
// Example:    kg stats
CALL () {
  MATCH (n)
  UNWIND labels(n) AS label
  RETURN 'node' AS element, label AS name, count(*) AS count
  UNION ALL
  MATCH ()-[r]->()
  RETURN 'relationship' AS element, type(r) AS name, count(*) AS count
}
RETURN element, name, count
ORDER BY element, name;
