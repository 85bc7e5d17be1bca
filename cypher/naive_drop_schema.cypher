// naive_drop_schema — BENCHMARK BASELINE ONLY: drop every constraint and index of schema.cypher.
//
// Purpose:    benchmarks/scale.py times the named queries without our indexes (the naive
//             baseline), then applies cypher/schema.cypher again. Never run by the product.
//             Keep in step with schema.cypher (one DROP per CREATE there).
// Parameters: none.
// Example:    paste into cypher-shell on a throw-away database; statements end with ';'

DROP CONSTRAINT entity_id IF EXISTS;
DROP CONSTRAINT actor_id IF EXISTS;
DROP CONSTRAINT person_id IF EXISTS;
DROP CONSTRAINT place_id IF EXISTS;
DROP CONSTRAINT event_id IF EXISTS;
DROP CONSTRAINT article_id IF EXISTS;
DROP CONSTRAINT claim_id IF EXISTS;
DROP CONSTRAINT source_id IF EXISTS;
DROP INDEX event_date_start IF EXISTS;
DROP INDEX event_type IF EXISTS;
DROP INDEX article_published IF EXISTS;
DROP INDEX article_outlet IF EXISTS;
DROP INDEX claim_type IF EXISTS;
DROP INDEX entity_name IF EXISTS;
DROP INDEX place_location IF EXISTS;
