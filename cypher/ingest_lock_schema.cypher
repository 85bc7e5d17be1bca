// ingest_lock_schema — the uniqueness constraint that makes ingest_lock a lock.
//
// Purpose:    MERGE on a uniquely constrained key locks the key, so a second writer
//             waits instead of creating a second lock node. Applied once per loader
//             (IF NOT EXISTS: safe to repeat).
// Parameters: none
// Example:    kg ingest (applied before the first batch)
CREATE CONSTRAINT ingest_lock_id IF NOT EXISTS FOR (l:IngestLock) REQUIRE l.id IS UNIQUE;
