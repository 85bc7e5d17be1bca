"""The sidebar: valid-time window, record-time "as of", filters, name language; one :class:`View` out.

Widget values live in ``st.session_state`` (they survive reruns); on a
session's first run they are seeded from the URL's query parameters, and the
app writes the resulting view back to the URL so it can be shared.

>>> month_step((dt.date(2018, 1, 31), dt.date(2018, 2, 28)), dt.date(2017, 1, 1), dt.date(2019, 1, 1))
(datetime.date(2018, 2, 28), datetime.date(2018, 3, 28))
>>> month_step((dt.date(2018, 11, 1), dt.date(2018, 12, 31)), dt.date(2018, 1, 1), dt.date(2018, 12, 31))
(datetime.date(2018, 11, 1), datetime.date(2018, 12, 31))
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from explorer.state import LANGS, View

__all__ = ["KEYS", "month_range", "month_step", "render_sidebar", "seed"]

KEYS = ("window", "as_of", "types", "actors", "places", "modalities", "min_sources", "lang")


def _add_month(day: dt.date, months: int = 1) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def month_step(window: tuple[dt.date, dt.date], lo: dt.date, hi: dt.date,
               months: int = 1) -> tuple[dt.date, dt.date]:
    """The window moved ``months`` later (earlier when negative), unless that leaves ``[lo, hi]``.

    >>> month_step((dt.date(2018, 4, 1), dt.date(2018, 4, 10)), dt.date(2018, 3, 1), dt.date(2018, 4, 30), -1)
    (datetime.date(2018, 3, 1), datetime.date(2018, 3, 10))
    """
    start, end = _add_month(window[0], months), _add_month(window[1], months)
    return (start, end) if end <= hi and start >= lo else window


def month_range(first: dt.date | None, last: dt.date | None) -> tuple[dt.date, dt.date]:
    """The slider's range: whole months around the events' dates (a year of 2018 when there is none).

    >>> month_range(dt.date(2018, 3, 17), dt.date(2018, 4, 10))
    (datetime.date(2018, 3, 1), datetime.date(2018, 4, 30))
    """
    lo = (first or dt.date(2018, 1, 1)).replace(day=1)
    last = max(last or dt.date(lo.year, 12, 31), lo)
    return lo, last.replace(day=calendar.monthrange(last.year, last.month)[1])


def _clamp(day: dt.date | None, lo: dt.date, hi: dt.date, default: dt.date) -> dt.date:
    return default if day is None else min(max(day, lo), hi)


def seed(state: Any, view: View, lo: dt.date, hi: dt.date) -> None:
    """Put a view's values into the widgets' session-state keys (once per session)."""
    start, end = _clamp(view.start, lo, hi, lo), _clamp(view.end, lo, hi, hi)
    state["window"] = (start, end) if start <= end else (end, start)
    state["as_of"] = view.as_of
    state["types"] = list(view.types)
    state["actors"] = list(view.actors)
    state["places"] = list(view.places)
    state["modalities"] = list(view.modalities)
    state["min_sources"] = view.min_sources
    state["lang"] = view.lang
    state["selected"] = view.selected
    state["expanded"] = list(view.expanded)


def render_sidebar(lo: dt.date, hi: dt.date, actors: dict[str, str], places: dict[str, str],
                   event_types: tuple[str, ...], modalities: tuple[str, ...]) -> View:
    """Draw the sidebar's widgets and return the view they describe."""
    import streamlit as st

    state = st.session_state
    with st.sidebar:
        st.header("Time")
        if "window_next" in state:  # a month button of the previous run
            state["window"] = state.pop("window_next")
        if state.get("play") and "window" in state:
            stepped = month_step(state["window"], lo, hi)
            if stepped == state["window"]:
                state["play"] = False  # the end of the data
            state["window"] = stepped
        slider: Any = st.slider  # its value comes from session_state["window"], which typing cannot see
        window: tuple[dt.date, dt.date] = slider(
            "valid time (when it happened)", min_value=lo, max_value=hi, key="window", format="YYYY-MM-DD",
            help="Every view shows what happened in this window.")
        cols = st.columns(2)
        if cols[0].button("◀ month", key="prev_month", help="move the window one month earlier"):
            state["window_next"] = month_step(window, lo, hi, -1)
            st.rerun()
        if cols[1].button("month ▶", key="next_month", help="move the window one month later"):
            state["window_next"] = month_step(window, lo, hi)
            st.rerun()
        st.toggle("play (step month by month)", key="play")
        as_of = st.date_input("as of (record time)", key="as_of", value=None, format="YYYY-MM-DD",
                              help="Show only what articles published by this date said.")
        st.header("Filters")
        types = st.multiselect("event types", list(event_types), key="types", placeholder="all types")
        chosen_actors = st.multiselect("actors", list(actors), key="actors", placeholder="any actor",
                                       format_func=lambda i: actors.get(i, i))
        chosen_places = st.multiselect("places", list(places), key="places", placeholder="anywhere",
                                       format_func=lambda i: places.get(i, i))
        kept = st.multiselect("modalities shown", list(modalities), key="modalities",
                              placeholder="all (asserted, alleged, negated, …)")
        min_sources = st.number_input("minimum sources", min_value=1, max_value=50, step=1, key="min_sources")
        st.radio("names", LANGS, key="lang", horizontal=True,
                 format_func=lambda x: {"ar": "العربية", "en": "English"}[x])
    return View(start=window[0], end=window[1], as_of=as_of if isinstance(as_of, dt.date) else None,
                types=tuple(types), actors=tuple(chosen_actors), places=tuple(chosen_places),
                modalities=tuple(kept), min_sources=int(min_sources), lang=str(state.get("lang", "ar")),
                selected=state.get("selected"), expanded=tuple(state.get("expanded") or ()))
