// events_in_window — events whose valid time overlaps a window, newest first.
//
// Purpose:    the explorer's event list; an event without a date is left out
//             when a window is given.
// Parameters: $start  ISO date or null (open)
//             $end    ISO date or null (open)
//             $types  list of ACLED event types, or [] for all
//             $min_sources  minimum number of distinct outlets (1 = all)
//             $limit  maximum rows
// Example:    :param start => '2018-03-01'; :param end => '2018-03-31';
//             :param types => []; :param min_sources => 1; :param limit => 100
MATCH (e:Event)
WHERE ($start IS NULL OR e.date_end >= date($start))
  AND ($end IS NULL OR e.date_start <= date($end))
  AND (size($types) = 0 OR e.event_type IN $types)
  AND coalesce(e.source_count, 0) >= $min_sources
OPTIONAL MATCH (a:Entity)-[:AGENT_IN]->(e)
OPTIONAL MATCH (e)-[:AT]->(p:Place)
WITH e, collect(DISTINCT a.name) AS agents, collect(DISTINCT p.name) AS places
RETURN e.id AS id, e.date_start AS date, e.time_precision AS precision, e.event_type AS event_type,
       e.sub_event_type AS sub_event_type, agents, places, e.modality AS modality,
       e.source_count AS sources, e.fatalities AS fatalities
ORDER BY date DESC, id
LIMIT $limit;
