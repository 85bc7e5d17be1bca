// graph_totals — total numbers of nodes and relationships.
//
// Parameters: none
// Example:    kg stats
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships;
