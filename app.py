"""Rasd explorer (Streamlit): events over time, each traced to its sentence.

A first, thin explorer over the graph ``kg ingest`` built: a time window, the
events in it, every report of a selected event with its evidence span
highlighted, and a read-only Cypher box. It draws and delegates: data comes
from :mod:`loaders.neo4j.explore`; no Cypher text lives here.

Run: ``make run`` (or ``.venv/bin/streamlit run app.py``).
Article text is untrusted: everything shown is escaped (tables render text,
and the one HTML snippet below is built from ``html.escape``d parts).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import streamlit as st

from kg.model import EVENT_TYPES
from loaders.neo4j.connection import ConnectionFailed, Neo4jSettings, open_driver
from loaders.neo4j.explore import QueryRefused, event_reports, events_in_window, run_read_only
from loaders.neo4j.stats import graph_stats

st.set_page_config(page_title="Rasd — رصد", layout="wide")


@st.cache_resource
def _driver() -> Any:
    settings = Neo4jSettings.from_env()
    return open_driver(settings), settings.database


def _isolate(text: str) -> str:
    """Escaped text in a Unicode isolate, so Latin runs and dates keep their order in RTL."""
    return "\u2068" + html.escape(text) + "\u2069"


def _highlight(evidence: str, start: int | None, end: int | None) -> str:
    """The evidence sentence, escaped, right-to-left, with the whole span marked."""
    body = f"<mark>{html.escape(evidence)}</mark>" if start is not None else html.escape(evidence)
    return f'<div dir="rtl" style="text-align:right;font-size:1.1em">{body}</div>'


try:
    driver, database = _driver()
except ConnectionFailed as exc:
    st.error(f"{exc}. Run `make demo` or `kg neo4j start`, then reload.")
    st.stop()

stats = graph_stats(driver, database)
st.title("Rasd — رصد")
st.caption(f"{stats.nodes.get('Event', 0)} events · {stats.nodes.get('Article', 0)} articles · "
           f"{stats.nodes.get('Entity', 0)} entities · {stats.relationship_total} relationships")

with st.sidebar:
    st.header("Window (valid time)")
    window = st.date_input("from – to", value=(dt.date(2018, 1, 1), dt.date(2018, 12, 31)))
    types = st.multiselect("event types", list(EVENT_TYPES))
    min_sources = st.number_input("minimum sources", min_value=1, value=1)

start, end = (window if isinstance(window, tuple) and len(window) == 2 else (None, None))
events = events_in_window(driver, database, start=start, end=end, types=types,
                          min_sources=int(min_sources))

st.subheader(f"Events ({len(events)})")
selection = st.dataframe(events, use_container_width=True, hide_index=True,
                         on_select="rerun", selection_mode="single-row", key="events")
rows = selection.selection.rows if selection and selection.selection else []
if rows:
    event = events[rows[0]]
    st.subheader(f"Reports of {event['id']}")
    for rep in event_reports(driver, database, event["id"]):
        st.markdown(f"**{_isolate(rep['outlet'] or '?')}** · {_isolate(str(rep['published']))} · "
                    f"{html.escape(rep['modality'] or '')} · confidence {rep['confidence']}",
                    unsafe_allow_html=True)
        st.markdown(_highlight(rep["evidence"] or "", rep["span_start"], rep["span_end"]),
                    unsafe_allow_html=True)

with st.expander("Read-only Cypher"):
    text = st.text_area("query", "MATCH (e:Event) RETURN e.event_type AS type, count(*) AS n")
    if st.button("Run"):
        try:
            result = run_read_only(driver, database, text)
        except QueryRefused as exc:
            st.error(str(exc))
        else:
            st.dataframe(result.rows, use_container_width=True)
            if result.truncated:
                st.warning("only the first 1,000 rows are shown")
