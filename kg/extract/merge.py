"""One event, not many: the tellings of one event in an article (headline, lead, body) merged.

:func:`merge_events` runs over the events of one article in text order; each
event merges into the first kept one it can be (see there), else is kept.

Examples
--------
>>> from kg.model import Event, TimeValue
>>> a = Event("e1", "Battles", "Armed clash", agents=("isis",), time=TimeValue("2018-04-29"))
>>> b = Event("e2", "Battles", "Armed clash", agents=("isis",), time=TimeValue("2017", "year"))
>>> len(merge_events([a, b]))  # two dates: two events
2
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.model import Event, TimeValue

__all__ = ["PUBLICATION", "TERRITORIAL", "merge_events"]

#: The note of a time that stands in for an unknown one: the publication date.
PUBLICATION: Final = "publication date"

#: The two territorial sub-event types (an event without an agent may be either).
TERRITORIAL: Final = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _precise(t: TimeValue | None) -> bool:
    """Whether a time comes from the text (not the publication date stand-in)."""
    return t is not None and t.value is not None and t.note != PUBLICATION


def _time_rank(t: TimeValue | None) -> int:
    """How much a time says: day 3, month 2, year 1, approx 0, the publication date -1."""
    if not _precise(t):
        return -1
    return {"day": 3, "month": 2, "year": 1}.get(t.precision, 0)  # type: ignore[union-attr]


def _recent(t: TimeValue, published: str) -> bool:
    """Whether a time can be the days just before publication (within a week)."""
    _, last = t.bounds()
    if last is None:
        return True
    return dt.date.fromisoformat(last) >= dt.date.fromisoformat(published) - dt.timedelta(days=7)


def _times_agree(a: TimeValue | None, b: TimeValue | None) -> bool:
    if not (_precise(a) or _precise(b)):
        return True
    if not (_precise(a) and _precise(b)):
        stand_in, told = (a, b) if not _precise(a) else (b, a)
        if stand_in is None or stand_in.value is None or told is None:
            return True
        return _recent(told, stand_in.value)
    va, vb = a.value or "", b.value or ""  # type: ignore[union-attr]
    n = min(len(va), len(vb))
    return va[:n] == vb[:n]


def _mergeable(a: Event, b: Event, gaz: Gazetteer) -> bool:
    """Whether ``b`` can be the same event as ``a`` told again (see :func:`merge_events`)."""
    if a.event_type != b.event_type:
        return False
    if a.sub_event_type != b.sub_event_type and not (
            {a.sub_event_type, b.sub_event_type} <= TERRITORIAL and not (a.agents and b.agents)):
        return False
    if a.agents and b.agents and not set(a.agents) & set(b.agents):
        return False
    if not (a.agents and b.agents) and not _places_agree(a.place, b.place, gaz):
        return False
    if a.modality == "negated" or b.modality == "negated":
        return a.modality == b.modality
    return _times_agree(a.time, b.time)


def _places_agree(a: str | None, b: str | None, gaz: Gazetteer) -> bool:
    """Equal, unknown, or one inside the other."""
    if a is None or b is None or a == b:
        return True
    return (b in gaz.by_id and a in gaz.ancestors(b)) or (a in gaz.by_id and b in gaz.ancestors(a))


def merge_events(events: Sequence[Event], gazetteer: Gazetteer | None = None) -> list[Event]:
    """One event per real event of an article: later tellings merge into the first.

    Two events merge when they have the same type and sub-type (a territorial
    one without an agent takes either side's sub-type), agents in common or
    one without agents and places that agree, times that agree where both come from the text, and
    neither is negated unless both are. The merged event keeps the first
    telling's evidence and place (unless it names none, or only a river, a
    border or a country) and fills in what it lacked: agents, the most
    precise time, targets, sources, the highest toll; confidence grows by 0.1 per extra telling (rule
    ``merge``).

    Examples
    --------
    >>> a = Event("e1", "Battles", "Armed clash", agents=("isis",), confidence=0.5,
    ...           extra={"rule": "trigger:هجوم*"})
    >>> b = Event("e2", "Battles", "Armed clash", place="al-bukamal", fatalities=7, confidence=0.4)
    >>> m, = merge_events([a, b])
    >>> m.agents, m.place, m.fatalities, m.confidence, m.extra["rule"]
    (('isis',), 'al-bukamal', 7, 0.6, 'trigger:هجوم*+merge')
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    out: list[Event] = []
    for ev in events:
        for i, first in enumerate(out):
            if _mergeable(first, ev, gaz):
                out[i] = _merge(first, ev, gaz)
                break
        else:
            out.append(ev)
    return out


def _merge(a: Event, b: Event, gaz: Gazetteer) -> Event:
    agents = tuple(dict.fromkeys((*a.agents, *b.agents)))
    sub = a.sub_event_type if a.agents or not b.agents else b.sub_event_type
    place = a.place
    if place is None or (b.place is not None and gaz[place].parent is None and gaz[b.place].parent):
        place = b.place or place
    time = a.time if _time_rank(a.time) >= _time_rank(b.time) else b.time
    tolls = [n for n in (a.fatalities, b.fatalities) if n is not None]
    rule = str(a.extra.get("rule", ""))
    return replace(
        a,
        sub_event_type=sub,
        agents=agents,
        targets=tuple(dict.fromkeys(t for t in (*a.targets, *b.targets) if t not in agents)),
        place=place,
        time=time,
        reported_by=tuple(dict.fromkeys((*a.reported_by, *b.reported_by))),
        fatalities=max(tolls) if tolls else None,
        confidence=round(min(1.0, max(a.confidence or 0.0, b.confidence or 0.0) + 0.1), 2),
        extra={**a.extra, "rule": rule if rule.endswith("+merge") else rule + "+merge"},
    )
