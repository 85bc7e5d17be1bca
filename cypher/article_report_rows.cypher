// article_report_rows — the stored reports of unkeyed events in the given articles.
//
// Purpose:    before a changed article is retracted, the loader notes what it reported:
//             the reports it was merged with (and their neighbours) are clustered
//             again afterwards, since an event may split or change its id.
// Parameters: $ids  list of article ids
// Example:    :param ids => ['doc-1']
UNWIND $ids AS id
MATCH (ev:Event)-[r:REPORTED_IN]->(a:Article {id: id})
WHERE r.event_key IS NULL
RETURN ev.id AS event_id, a.id AS article_id, a.published AS published, properties(r) AS report
ORDER BY r.report_key;
