// merge_background_claims — claims from background knowledge (the gazetteer's dated affiliations).
//
// Purpose:    time-bounded roles the project's gazetteer records (kg/data/gazetteer/
//             affiliations.jsonl: "Liwa al-Baqir SUPPORTED_BY Iran from 2012") become
//             Claims like any article's, but CLAIMED_IN the (:Source {id: 'gazetteer'})
//             node and with origin 'gazetteer': no record time (no publication date), so
//             as_of views leave them out. Periods are derived from them and from article
//             claims together; a contradiction between the two shows as contested.
// Parameters: $rows  [{id, type, source_id, target_id, valid_from, valid_to, precision, note}]
// Example:    :param rows => [{id: 'claim:gazetteer:1', type: 'SUPPORTED_BY',
//                              source_id: 'liwa-al-baqir', target_id: 'iran',
//                              valid_from: '2012-01-01', valid_to: null, precision: 'year',
//                              note: 'formed with Iranian backing'}]
MERGE (src:Source {id: 'gazetteer'})
ON CREATE SET src.name = 'Rasd gazetteer: kg/data/gazetteer/affiliations.jsonl'
WITH src
UNWIND $rows AS row
MATCH (s:Entity {id: row.source_id})
MATCH (t:Entity {id: row.target_id})
MERGE (c:Claim {id: row.id})
SET c.type = row.type,
    c.source_id = row.source_id,
    c.target_id = row.target_id,
    c.origin = 'gazetteer',
    c.precision = row.precision,
    c.valid_from = CASE WHEN row.valid_from IS NULL THEN null ELSE date(row.valid_from) END,
    c.valid_to = CASE WHEN row.valid_to IS NULL THEN null ELSE date(row.valid_to) END,
    c.evidence = row.note
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(t)
MERGE (c)-[:CLAIMED_IN]->(src);
