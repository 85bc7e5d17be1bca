// explore_bounds — the range of valid time (event dates) and record time (publication dates).
//
// Purpose:    the limits of the explorer's date-range slider and "as of" date.
// Parameters: none
// Example:    (no parameters)
CALL () {
  MATCH (e:Event) RETURN min(e.date_start) AS first_event, max(e.date_end) AS last_event
}
CALL () {
  MATCH (a:Article) RETURN min(a.published) AS first_published, max(a.published) AS last_published
}
RETURN first_event, last_event, first_published, last_published;
