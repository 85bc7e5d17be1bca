"""Timeline (plotly) and map (pydeck) of the events in view, both over the same filtered rows.

Strings handed to plotly are HTML-escaped (its hover text understands a few
tags); pydeck tooltips are plain text (``{"text": ...}``), and the map has no
base-map style (``map_style=None``): nothing is fetched from a CDN.

>>> rows = [{"id": "a/e1", "event_type": "Battles", "date_start": "2018-03-17",
...          "agents": ["isis"], "targets": [], "latitude": 35.9, "longitude": 39.0,
...          "place": "raqqa", "sources": 2, "label": "<b>x</b>"}]
>>> swimlanes(rows, {"isis": "داعش"})[0]["lane"]
'داعش'
>>> points(rows, {})[0]["color"], points(rows, {})[0]["name"]
([178, 34, 34, 200], '&lt;b&gt;x&lt;/b&gt; 2018-03-17')
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from explorer.graph import COLOURS, group_of
from explorer.text import clean

__all__ = ["map_deck", "points", "swimlanes", "timeline_figure"]


def swimlanes(events: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """One row per (event, participant): the lane is the participant's display name."""
    out = []
    for ev in events:
        if not ev.get("date_start"):
            continue
        for ent in [*(ev.get("agents") or []), *(ev.get("targets") or [])] or ["(no actor)"]:
            out.append({"id": ev["id"], "date": ev["date_start"], "lane": clean(names.get(ent, ent)),
                        "type": clean(ev.get("event_type")), "sources": ev.get("sources") or 1,
                        "what": html.escape(clean(ev.get("label") or ev.get("event_type")))})
    return out


def timeline_figure(rows: list[dict[str, Any]]) -> Any:
    """A plotly scatter: date on x, one swimlane per actor, coloured by event type."""
    import plotly.graph_objects as go  # type: ignore[import-untyped]

    fig = go.Figure()
    for typ in sorted({r["type"] for r in rows}):
        sub = [r for r in rows if r["type"] == typ]
        colour = COLOURS.get(group_of({"event_type": typ}), "#444444")
        fig.add_trace(go.Scatter(
            x=[r["date"] for r in sub], y=[html.escape(r["lane"]) for r in sub], mode="markers",
            name=html.escape(typ),
            marker={"color": colour, "size": [6 + 3 * min(r["sources"], 5) for r in sub]},
            customdata=[r["id"] for r in sub], text=[r["what"] for r in sub],
            hovertemplate="%{text}<br>%{x}<extra></extra>"))
    fig.update_layout(height=max(260, 24 * len({r["lane"] for r in rows}) + 120),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10}, legend={"orientation": "h"})
    return fig


def _rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [200]


def points(events: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Map points: events whose place has coordinates, coloured by event type."""
    out = []
    for ev in events:
        if ev.get("latitude") is None or ev.get("longitude") is None:
            continue
        place = names.get(str(ev.get("place")), str(ev.get("place") or ""))
        what = clean(ev.get("label") or ev.get("event_type"))
        out.append({"id": ev["id"], "lat": ev["latitude"], "lon": ev["longitude"],
                    "color": _rgb(COLOURS.get(group_of(ev), "#444444")),
                    "radius": 3000 + 1500 * min(int(ev.get("sources") or 1), 5),
                    "name": html.escape(f"{what} {ev.get('date_start') or ''}".strip()),
                    "place": html.escape(clean(place))})
    return out


def map_deck(rows: list[dict[str, Any]]) -> Any:
    """A pydeck deck of the points, with plain-text tooltips and no base map."""
    import pydeck as pdk  # type: ignore[import-untyped]

    lat = sum(r["lat"] for r in rows) / len(rows) if rows else 35.0
    lon = sum(r["lon"] for r in rows) / len(rows) if rows else 39.0
    layer = pdk.Layer("ScatterplotLayer", rows, id="events", get_position="[lon, lat]",
                      get_fill_color="color", get_radius="radius", pickable=True, auto_highlight=True)
    return pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=lat, longitude=lon, zoom=5),
                    map_style=None, tooltip={"text": "{name}\n{place}"})
