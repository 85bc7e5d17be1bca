"""Rasd explorer (Streamlit): the graph, timeline and map over time, each fact traced to its sentence.

Thin by design: the views live in :mod:`explorer` (graph, charts, profile,
provenance, queries, sidebar), the data comes from :mod:`loaders.neo4j.explore`
(named Cypher in ``cypher/explore_*.cypher``); no Cypher text lives here.
Every view follows one :class:`explorer.state.View` (valid-time window,
record-time "as of", filters, selection), kept in ``st.session_state`` and in
the URL's query parameters.

Run: ``make run`` (or ``.venv/bin/streamlit run app.py``); the graph is read
from ``NEO4J_URI`` (``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``; from the
environment or a git-ignored ``.env``), else the local server (:mod:`explorer.config`).
Article text is untrusted: everything shown is escaped (:mod:`explorer.text`).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import streamlit as st
from neo4j.exceptions import DriverError, Neo4jError

from explorer.charts import map_deck, points, swimlanes, timeline_figure
from explorer.config import redact, settings
from explorer.graph import build_elements, display_name
from explorer.graph_view import clicked, render_graph
from explorer.profile import render_profile
from explorer.provenance import render_reports
from explorer.queries import render_queries
from explorer.sidebar import month_range, render_sidebar, seed
from explorer.state import View
from explorer.text import clean, safe
from kg.model import EVENT_TYPES, MODALITIES
from loaders.neo4j import explore as data
from loaders.neo4j.connection import ConnectionFailed, Neo4jSettings, open_driver
from loaders.neo4j.stats import graph_stats

st.set_page_config(page_title="Rasd — رصد", layout="wide")
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # "unknown label" hints on small graphs
state = st.session_state


@st.cache_resource
def _driver(connection: Neo4jSettings) -> Any:
    """One driver per connection settings, shared by the sessions of this process."""
    return open_driver(connection)


try:
    connection = settings()
    driver, database = _driver(connection), connection.database
    stats = graph_stats(driver, database)
except (ConnectionFailed, Neo4jError, DriverError, ValueError) as exc:  # unreachable, refused, malformed
    secret = settings().password
    st.error(f"Cannot read the graph: {redact(str(exc), [secret])}. Run `make demo` or `kg neo4j start`, "
             "or check NEO4J_URI and the credentials, then reload.")
    st.stop()

st.title("Rasd — رصد")
st.caption(f"{stats.nodes.get('Event', 0)} events · {stats.nodes.get('Article', 0)} articles · "
           f"{stats.nodes.get('Entity', 0)} entities · {stats.relationship_total} relationships")

# ---------------------------------------------------------------- the view every part follows
b = data.bounds(driver, database)
lo, hi = month_range(b.first_event, b.last_event)
everyone = {e["id"]: e for e in data.entities(driver, database)}
lang = state.get("lang", "ar")
names = {i: display_name(e, i, lang) for i, e in everyone.items()}
if "seeded" not in state:
    seed(state, View.from_params(st.query_params.to_dict()), lo, hi)
    state["seeded"] = True
view = render_sidebar(lo, hi, {i: names[i] for i, e in everyone.items() if e["kind"] != "Place"},
                      {i: names[i] for i, e in everyone.items() if e["kind"] == "Place"},
                      tuple(EVENT_TYPES), MODALITIES)
limit = int(st.sidebar.number_input("max events drawn", min_value=10, max_value=5000, value=500, step=50,
                                    key="limit"))
window: dict[str, Any] = {"start": view.start, "end": view.end, "as_of": view.as_of}
events = data.explore_events(driver, database, **window, types=list(view.types), actors=list(view.actors),
                             places=list(view.places), modalities=list(view.modalities),
                             min_sources=view.min_sources, limit=limit)
if view.expanded:  # neighbourhoods the analyst expanded: their events in the window, other filters aside
    seen = {e["id"] for e in events}
    events += [e for e in data.explore_events(driver, database, **window, actors=list(view.expanded),
                                              limit=limit) if e["id"] not in seen]
on_screen = sorted({x for e in events for x in [*e["agents"], *e["targets"], e["place"]] if x}
                   | set(view.expanded))
rels = data.relations(driver, database, on_screen, **window)
elements = build_elements(events, everyone, rels, lang=view.lang)
edge_claims = {e["data"]["id"]: e["data"]["claims"].split(",")
               for e in elements["edges"] if "claims" in e["data"]}
st.caption(f"{len(events)} events and {len(elements['nodes']) - len(events)} entities in "
           f"{view.start} – {view.end}" + (f", as known on {view.as_of}" if view.as_of else ""))


def _select(element: str | None) -> None:
    state["selected"] = element


# ---------------------------------------------------------------- the views
tabs = st.tabs(["Graph", "Timeline", "Map", "Events", "Queries"])
tab_graph, tab_time, tab_map, tab_events, tab_query = tabs
with tab_graph:
    click = clicked(render_graph(elements), state.get("graph_seen"))
    if click:
        action, element, state["graph_seen"] = click
        if action == "expand":
            state["expanded"] = sorted({*state.get("expanded", []), element})
            st.rerun()
        _select(element)
    if view.expanded and st.button("collapse expanded neighbourhoods", key="collapse"):
        state["expanded"] = []
        st.rerun()
with tab_time:
    lanes = swimlanes(events, names)
    if lanes:
        picked = st.plotly_chart(timeline_figure(lanes), on_select="rerun", key="timeline",
                                 width="stretch")
        pts = picked.selection.points if picked and picked.selection else []
        if pts and pts[0].get("customdata") and state.get("timeline_seen") != pts[0]["customdata"]:
            state["timeline_seen"] = pts[0]["customdata"]
            _select(str(pts[0]["customdata"]))
    else:
        st.info("No dated event in this view.")
with tab_map:
    spots = points(events, names)
    st.caption(f"{len(spots)} of {len(events)} events have a place with coordinates")
    picked_map = st.pydeck_chart(map_deck(spots), on_select="rerun", selection_mode="single-object",
                                 key="map")
    objs = (picked_map.selection.get("objects") or {}).get("events") if picked_map else None
    if objs and state.get("map_seen") != objs[0]["id"]:
        state["map_seen"] = objs[0]["id"]
        _select(objs[0]["id"])
with tab_events:
    table = st.dataframe(
        [{"date": e["date_start"], "type": clean(e["event_type"]), "what": clean(e["label"]),
          "agents": ", ".join(clean(names.get(a, a)) for a in e["agents"]),
          "targets": ", ".join(clean(names.get(a, a)) for a in e["targets"]),
          "place": clean(names.get(e["place"], e["place"] or "")), "modality": e["modality"],
          "sources": e["sources"], "fatalities": e["fatalities"], "id": e["id"]} for e in events],
        hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="events")
    rows = table.selection.rows if table and table.selection else []
    if rows and rows[0] < len(events) and state.get("table_seen") != events[rows[0]]["id"]:
        state["table_seen"] = events[rows[0]]["id"]
        _select(events[rows[0]]["id"])
with tab_query:
    render_queries(driver, database, view.start, view.end, {i: names[i] for i in everyone})

# ---------------------------------------------------------------- the selection: profile or provenance
st.divider()
st.selectbox("select an entity", ["", *sorted(everyone, key=lambda i: names[i])], key="focus",
             format_func=lambda i: f"{names[i]} ({i})" if i else "—",
             on_change=lambda: _select(state.get("focus") or None))
selected: str | None = state.get("selected")
by_id = {e["id"]: e for e in events}
if selected is not None and selected in everyone:
    ent = everyone[selected]
    is_place = ent["kind"] == "Place"
    its_events = data.explore_events(driver, database, **window, limit=200,
                                     places=[selected] if is_place else None,
                                     actors=None if is_place else [selected])
    render_profile(ent, data.relations(driver, database, [selected], any_end=True, **window), its_events,
                   data.entity_sources(driver, database, selected, as_of=view.as_of), names)
    labels = {e["id"]: f"{e['date_start']} · {clean(e['label'])} ({e['id']})" for e in its_events}
    st.selectbox("open the sources of one of its events", ["", *labels], key="profile_event",
                 format_func=lambda i: labels.get(i, "—"),
                 on_change=lambda: _select(state.get("profile_event") or selected))
elif selected and (selected in by_id or ("/" in selected and selected not in edge_claims)):
    ev = by_id.get(selected, {"id": selected})
    st.markdown(f"### {safe(ev.get('label') or 'event')} · {safe(ev.get('date_start') or '')}",
                unsafe_allow_html=True)
    who = ", ".join(names.get(a, a) for a in ev.get("agents", []))
    whom = ", ".join(names.get(a, a) for a in ev.get("targets", []))
    st.markdown(f"{safe(who or '?')} → {safe(whom or '—')} · at {safe(names.get(ev.get('place') or '', ''))}"
                f" · {safe(ev.get('event_type') or '')}", unsafe_allow_html=True)
    render_reports(data.event_reports(driver, database, selected, as_of=view.as_of), "Provenance")
elif selected in edge_claims:
    st.markdown(f"### {safe(selected)}", unsafe_allow_html=True)
    render_reports(data.claim_reports(driver, database, edge_claims[selected], as_of=view.as_of),
                   "Provenance")
else:
    st.caption("Click a node or an edge in the graph, a point on the timeline or map, or a row of the "
               "events table, to see its profile or its sources.")

st.query_params.from_dict(view.replace(selected=state.get("selected"),
                                       expanded=tuple(state.get("expanded") or ())).to_params())
if state.get("play"):
    time.sleep(1.5)
    st.rerun()
