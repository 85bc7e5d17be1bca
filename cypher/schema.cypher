// schema — uniqueness constraints on every key, and the indexes the queries need.
//
// Purpose:    applied before every load; each statement is IF NOT EXISTS, so applying
//             it again changes nothing. Community edition allows uniqueness
//             constraints only (no existence or node-key constraints).
// Parameters: none.
// Example:    kg schema   (or paste into cypher-shell; statements end with ';')

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE INDEX event_date_start IF NOT EXISTS FOR (n:Event) ON (n.date_start);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.event_type, n.sub_event_type);
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);
CREATE INDEX article_outlet IF NOT EXISTS FOR (n:Article) ON (n.outlet);
CREATE INDEX claim_type IF NOT EXISTS FOR (n:Claim) ON (n.type, n.valid_from);
CREATE TEXT INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE POINT INDEX place_location IF NOT EXISTS FOR (n:Place) ON (n.location);
