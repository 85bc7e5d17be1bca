// attribution — who said what about whom: each attributed report, as its article tells it.
//
// Purpose:    the persons and organisations articles attribute events to (witnesses,
//             spokespeople, monitors), with what each report says: its agents, targets
//             and evidence sentence. Filter by speaker, by an entity the report is
//             about (agent, target or place), and by publication window.
// Parameters: $speaker  entity id or null (default: null)
//             $about    entity id or null (default: null)
//             $start    ISO date or null: published on or after (default: null)
//             $end      ISO date or null: published on or before (default: null)
//             $limit    maximum rows (default: 100)
// Example:    :param speaker => 'rami-abdel-rahman'; :param about => null;
//             :param start => null; :param end => null; :param limit => 100
MATCH (e:Event)-[att:ATTRIBUTED_TO]->(who:Entity)
WHERE $speaker IS NULL OR who.id = $speaker
MATCH (e)-[rep:REPORTED_IN]->(a:Article {id: att.article})
WHERE ($start IS NULL OR a.published >= date($start))
  AND ($end IS NULL OR a.published <= date($end))
  AND ($about IS NULL OR $about IN rep.agents OR $about IN rep.targets OR rep.place = $about)
RETURN who.id AS speaker, who.name AS name, a.id AS article, a.outlet AS outlet,
       a.published AS published, e.id AS event, e.event_type AS event_type,
       rep.agents AS agents, rep.targets AS targets, rep.place AS place,
       rep.modality AS modality, rep.evidence AS evidence
ORDER BY published, article, event, speaker
LIMIT $limit;
