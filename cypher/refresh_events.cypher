// refresh_events — derive event-level fields from all reports of each event.
//
// Order-independent: the fields come from the most precise report (day before
// month before year before approx), ties broken by earliest publication, then
// article id. source_count counts distinct outlets; fatalities keep the range.
// Parameters: $ids  list of event ids to refresh
// Example:    :param ids => ['doc-1/e1']
UNWIND $ids AS id
MATCH (ev:Event {id: id})-[r:REPORTED_IN]->(a:Article)
WITH ev, r, a,
     CASE r.time_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2
                           WHEN 'approx' THEN 3 ELSE 4 END AS rank
ORDER BY rank, a.published, a.id
WITH ev, collect(r) AS reps, collect(a) AS arts
WITH ev, reps, arts, reps[0] AS best
SET ev.event_type = best.event_type,
    ev.sub_event_type = best.sub_event_type,
    ev.label = best.label,
    ev.time_value = best.time_value,
    ev.time_precision = best.time_precision,
    ev.date_start = best.date_start,
    ev.date_end = best.date_end,
    ev.modality = best.modality,
    ev.fatalities_min = reduce(m = null, r IN reps |
        CASE WHEN r.fatalities IS NULL THEN m WHEN m IS NULL OR r.fatalities < m THEN r.fatalities ELSE m END),
    ev.fatalities_max = reduce(m = null, r IN reps |
        CASE WHEN r.fatalities IS NULL THEN m WHEN m IS NULL OR r.fatalities > m THEN r.fatalities ELSE m END),
    ev.report_count = size(reps),
    ev.source_count = size(reduce(acc = [], x IN arts |
        CASE WHEN coalesce(x.outlet, x.id) IN acc THEN acc ELSE acc + coalesce(x.outlet, x.id) END)),
    ev.first_reported = reduce(m = null, x IN arts |
        CASE WHEN x.published IS NULL THEN m WHEN m IS NULL OR x.published < m THEN x.published ELSE m END),
    ev.last_reported = reduce(m = null, x IN arts |
        CASE WHEN x.published IS NULL THEN m WHEN m IS NULL OR x.published > m THEN x.published ELSE m END)
SET ev.fatalities = ev.fatalities_max;
