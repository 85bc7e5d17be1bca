// co_participation — pairs of entities taking part in the same events in a window.
//
// Purpose:    the co-participation network: for each pair, the events they share, on the
//             same side (both agents or both targets) or against each other (one agent,
//             one target), and the first and last shared date.
// Parameters: $start       ISO date or null (default: null)
//             $end         ISO date or null (default: null)
//             $min_events  minimum shared events (default: 1)
//             $limit       maximum rows (default: 100)
// Example:    :param start => '2018-01-01'; :param end => '2018-12-31';
//             :param min_events => 1; :param limit => 100
MATCH (x:Entity)-[rx:AGENT_IN|TARGET_IN]->(e:Event)<-[ry:AGENT_IN|TARGET_IN]-(y:Entity)
WHERE x.id < y.id
  AND ($start IS NULL OR e.date_end >= date($start))
  AND ($end IS NULL OR e.date_start <= date($end))
WITH x, y, e, max(CASE WHEN type(rx) = type(ry) THEN 1 ELSE 0 END) AS same_side
WITH x, y, count(e) AS events, sum(same_side) AS together, min(e.date_start) AS first,
     max(e.date_start) AS last
WHERE events >= $min_events
RETURN x.id AS a, y.id AS b, events, together, events - together AS against, first, last
ORDER BY events DESC, a, b
LIMIT $limit;
