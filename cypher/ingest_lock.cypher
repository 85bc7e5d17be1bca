// ingest_lock — serialize writers: take the write lock on the ingest lock node.
//
// Purpose:    the first statement of every loader write transaction. The loader reads
//             (article hashes, merge candidates) and then writes; two `kg ingest`
//             processes must not interleave those steps. MERGE on the uniquely
//             constrained key (cypher/ingest_lock_schema.cypher) makes a second
//             transaction wait here until the first one commits or rolls back.
//             The node is bookkeeping, not data: ingest_unlock deletes it again in
//             the same transaction, so no committed graph ever holds it (it never
//             shows in stats, fingerprints, dumps or exports).
// Parameters: $holder  a string naming the writer (for debugging a stuck lock)
// Example:    :param holder => 'kg ingest pid 4242'
MERGE (l:IngestLock {id: 'ingest'})
SET l.holder = $holder
RETURN l.id AS lock;
