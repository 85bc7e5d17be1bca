// time_respecting_path — a chain of events linking two actors, each no earlier than the one before.
//
// Purpose:    how one actor connects to another through time: actor → event → shared
//             participant → later (or same-day) event → … → the other actor, fewest
//             events first, every event dated inside the window.
// Parameters: $from   entity id where the path starts
//             $to     entity id where it ends
//             $start  ISO date or null (default: null)
//             $end    ISO date or null (default: null)
// Example:    :param from => 'coalition'; :param to => 'regime'; :param start => null;
//             :param end => null
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = ANY SHORTEST (a)-[:AGENT_IN|TARGET_IN]->(first:Event)
      ((x:Event)<-[:AGENT_IN|TARGET_IN]-(:Entity)-[:AGENT_IN|TARGET_IN]->(y:Event)
        WHERE y.date_start >= x.date_start
          AND ($end IS NULL OR y.date_start <= date($end))){0,5}
      (last:Event)<-[:AGENT_IN|TARGET_IN]-(b)
WHERE first.date_start IS NOT NULL
  AND ($start IS NULL OR first.date_end >= date($start))
  AND ($end IS NULL OR last.date_start <= date($end))
RETURN [n IN nodes(p) | n.id] AS path,
       [n IN nodes(p) WHERE n:Event | toString(n.date_start)] AS dates,
       size([n IN nodes(p) WHERE n:Event]) AS events;
