// ingest_unlock — remove the ingest lock node before the write transaction commits.
//
// Purpose:    the last statement of every loader write transaction (see ingest_lock):
//             the lock itself is held until commit; deleting the node keeps the
//             bookkeeping out of the committed graph.
// Parameters: none
// Example:    MATCH (l:IngestLock {id: 'ingest'}) DELETE l
MATCH (l:IngestLock {id: 'ingest'})
DELETE l;
