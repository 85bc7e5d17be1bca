// restore_wipe — delete every node and relationship (`kg restore --replace`), in chunks.
//
// Purpose:    empties the graph before a restore; schema (constraints, indexes) stays.
//             Runs as an auto-commit query (CALL … IN TRANSACTIONS).
// Parameters: none
// Example:    kg restore backup.jsonl.gz --replace
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS;
