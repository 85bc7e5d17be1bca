// most_active_actors — per month, the actors that acted (as agents) in the most events.
//
// Purpose:    who drives the conflict month by month: dated events in the window, counted
//             per agent and calendar month of the event's start; the top ones per month.
// Parameters: $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
//             $top    how many actors per month (default: 5)
// Example:    :param start => '2018-01-01'; :param end => '2018-12-31'; :param top => 5
MATCH (x:Entity)-[:AGENT_IN]->(e:Event)
WHERE e.date_start IS NOT NULL
  AND ($start IS NULL OR e.date_end >= date($start))
  AND ($end IS NULL OR e.date_start <= date($end))
WITH substring(toString(e.date_start), 0, 7) AS month, x, count(DISTINCT e) AS events
ORDER BY month, events DESC, x.id
WITH month, collect({id: x.id, name: x.name, events: events})[..$top] AS top
UNWIND range(0, size(top) - 1) AS i
RETURN month, i + 1 AS rank, top[i].id AS actor, top[i].name AS name, top[i].events AS events
ORDER BY month, rank;
