// merge_periods — one direct, time-scoped edge per period a relation held (kg.graph.periods).
//
// Valid time: valid_from, valid_to ([from, to), null = open or unknown), precision;
// closed_by names the holder whose claim closed the period. Record time:
// first_reported, last_reported, closed_reported (when the closing claim was
// published: an as-of query before it sees the period still open). contested and
// rivals show contradicting claims; claim_ids lead to the Claims behind the period.
// The relationship type arrives as a parameter, checked by the loader.
// Parameters: $rows  [{type, source_id, target_id, valid_from, valid_to, precision, closed_by,
//                      closed_reported, first_reported, last_reported, claim_ids, claim_count,
//                      source_count, contested, rivals}]
// Example:    :param rows => [{type: 'CONTROLS', source_id: 'isis', target_id: 'al-kum-station',
//                              valid_from: '2018-03-17', valid_to: null, precision: 'day',
//                              closed_by: null, closed_reported: null,
//                              first_reported: '2018-03-18', last_reported: '2018-03-18',
//                              claim_ids: ['claim:1'], claim_count: 1, source_count: 1,
//                              contested: false, rivals: []}]
UNWIND $rows AS row
MATCH (s:Entity {id: row.source_id})
MATCH (t:Entity {id: row.target_id})
CREATE (s)-[e:$(row.type)]->(t)
SET e.valid_from = CASE WHEN row.valid_from IS NULL THEN null ELSE date(row.valid_from) END,
    e.valid_to = CASE WHEN row.valid_to IS NULL THEN null ELSE date(row.valid_to) END,
    e.precision = row.precision,
    e.closed_by = row.closed_by,
    e.closed_reported = CASE WHEN row.closed_reported IS NULL THEN null ELSE date(row.closed_reported) END,
    e.first_reported = CASE WHEN row.first_reported IS NULL THEN null ELSE date(row.first_reported) END,
    e.last_reported = CASE WHEN row.last_reported IS NULL THEN null ELSE date(row.last_reported) END,
    e.claim_ids = row.claim_ids,
    e.claim_count = row.claim_count,
    e.source_count = row.source_count,
    e.contested = row.contested,
    e.rivals = row.rivals;
