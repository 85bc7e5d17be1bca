"""The graph view's elements: events, the entities they touch and their relations, laid out in time.

Pure functions over the rows of :mod:`loaders.neo4j.explore`. Node groups come
from a closed list (:data:`COLOURS`), never from article text; names are
cleaned and isolated (:func:`explorer.text.label`). Positions are computed here
(events left to right by date, actors above, places below) so the browser
draws a 1,000-node view without running a force layout.

>>> events = [{"id": "a1/e1", "event_type": "Battles", "label": "Armed clash",
...            "date_start": "2018-03-17", "agents": ["isis"], "targets": ["regime"],
...            "place": "raqqa"}]
>>> ents = {"isis": {"id": "isis", "name": "Islamic State", "names": ["داعش"], "kind": "Actor",
...                  "type": "ArmedGroup"}}
>>> g = build_elements(events, ents, [], lang="ar")
>>> sorted((n["data"]["id"], n["data"]["label"]) for n in g["nodes"])
[('a1/e1', 'Battles'), ('isis', 'ArmedGroup'), ('raqqa', 'Place'), ('regime', 'Actor')]
>>> [n["data"]["name"] for n in g["nodes"] if n["data"]["id"] == "isis"]
['\u2068داعش\u2069']
>>> sorted(e["data"]["label"] for e in g["edges"])
['AGENT_IN', 'AT', 'TARGET_IN']
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from explorer.text import FSI, PDI, clean, label

__all__ = ["COLOURS", "EDGE_COLOURS", "EVENT_GROUPS", "build_elements", "display_name", "group_of"]

#: Node groups and their colours: actor kinds, persons, places and the six ACLED event types.
COLOURS: dict[str, str] = {
    "ArmedGroup": "#d62728", "StateForce": "#1f4e9c", "Militia": "#ff7f0e", "State": "#17becf",
    "Organization": "#8c564b", "MediaOutlet": "#7f7f7f", "Actor": "#e377c2", "Person": "#9467bd",
    "Place": "#2ca02c", "Battles": "#b22222", "Explosions": "#ff8c00", "Violence": "#800000",
    "Protests": "#4682b4", "Riots": "#daa520", "Strategic": "#556b2f", "Event": "#444444",
}
#: ACLED event type → node group.
EVENT_GROUPS: dict[str, str] = {
    "Battles": "Battles", "Explosions/Remote violence": "Explosions",
    "Violence against civilians": "Violence", "Protests": "Protests", "Riots": "Riots",
    "Strategic developments": "Strategic",
}
_AR_TYPES = {"Battles": "معارك", "Explosions/Remote violence": "انفجارات/عنف عن بعد",
             "Violence against civilians": "عنف ضد المدنيين", "Protests": "احتجاجات",
             "Riots": "أعمال شغب", "Strategic developments": "تطورات استراتيجية"}
EDGE_COLOURS: dict[str, str] = {"AGENT_IN": "#d62728", "TARGET_IN": "#1f77b4", "AT": "#2ca02c"}
_ARABIC = re.compile("[\u0600-\u06ff]")
_LANE = 60.0


def group_of(row: Mapping[str, Any]) -> str:
    """The colour group of an entity or event row (always a key of :data:`COLOURS`).

    >>> group_of({"kind": "Place", "type": "City"}), group_of({"event_type": "Riots"})
    ('Place', 'Riots')
    >>> group_of({"kind": "Actor", "type": "<b>odd</b>"})
    'Actor'
    """
    if "event_type" in row:
        return EVENT_GROUPS.get(str(row.get("event_type")), "Event")
    kind, typ = str(row.get("kind") or ""), str(row.get("type") or "")
    if kind in ("Person", "Place"):
        return kind
    return typ if typ in COLOURS and typ not in EVENT_GROUPS.values() else "Actor"


def display_name(row: Mapping[str, Any] | None, fallback: str, lang: str) -> str:
    """An entity's name in Arabic (its longest Arabic alias) or English (a Latin name, else its id).

    >>> row = {"name": "Islamic State", "names": ["التنظيم", "تنظيم الدولة"]}
    >>> display_name(row, "isis", "ar"), display_name(row, "isis", "en")
    ('تنظيم الدولة', 'Islamic State')
    >>> display_name({"name": "قسد", "names": []}, "sdf", "en"), display_name(None, "x", "ar")
    ('sdf', 'x')
    """
    if not row:
        return fallback
    name = clean(row.get("name") or "")
    names = [clean(n) for n in row.get("names") or []]
    if lang == "ar":
        if _ARABIC.search(name):
            return name
        arabic = [n for n in names if _ARABIC.search(n) and len(n) <= 40]
        return max(arabic, key=lambda n: (len(n), [-ord(c) for c in n])) if arabic else name or fallback
    if name and not _ARABIC.search(name):
        return name
    return fallback


def event_name(row: Mapping[str, Any], lang: str) -> str:
    """An event's caption: its type (Arabic or English) and date.

    >>> event_name({"event_type": "Battles", "label": "Armed clash", "date_start": "2018-03-17"}, "en")
    'Armed clash \\u20682018-03-17\\u2069'
    """
    what = (_AR_TYPES.get(str(row.get("event_type")), str(row.get("event_type") or "")) if lang == "ar"
            else str(row.get("label") or row.get("event_type") or "event"))
    day = clean(row.get("date_start"))
    return f"{clean(what)} {FSI}{day}{PDI}" if day else clean(what)  # the date keeps its order in RTL


def _day(value: Any) -> int | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def build_elements(events: Iterable[Mapping[str, Any]], entities: Mapping[str, Mapping[str, Any]],
                   relations: Iterable[Mapping[str, Any]], *, lang: str = "ar",
                   width: float = 1600.0) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements (``{"nodes": [...], "edges": [...]}``) with preset positions."""
    events = list(events)
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    days = [d for d in (_day(e.get("date_start")) for e in events) if d is not None]
    lo, hi = (min(days), max(days)) if days else (0, 1)
    span = max(hi - lo, 1)
    lanes: dict[str, int] = defaultdict(int)
    xs: dict[str, list[float]] = defaultdict(list)
    for ev in events:
        eid = str(ev["id"])
        group = group_of(ev)
        d = _day(ev.get("date_start"))
        x = width * ((d - lo) / span if d is not None else 0.0)
        key = f"{group}:{round(x / 40)}"
        lanes[key] += 1
        y = (list(EVENT_GROUPS.values()).index(group) if group in EVENT_GROUPS.values() else 6) * 25.0
        y += (lanes[key] - 1) * 12.0
        nodes[eid] = {"data": {"id": eid, "label": group, "name": label(event_name(ev, lang)),
                               "kind": "Event", "type": clean(ev.get("event_type")),
                               "date": str(ev.get("date_start") or ""), "sources": ev.get("sources")},
                      "position": {"x": x, "y": y}}
        for role, ids in (("AGENT_IN", ev.get("agents") or []), ("TARGET_IN", ev.get("targets") or [])):
            for ent in ids:
                edges.append({"data": {"id": f"{role}:{ent}->{eid}", "source": str(ent), "target": eid,
                                       "label": role}})
                xs[str(ent)].append(x)
        if ev.get("place"):
            place = str(ev["place"])
            edges.append({"data": {"id": f"AT:{eid}->{place}", "source": eid, "target": place,
                                   "label": "AT"}})
            xs[place].append(x)
    relations = list(relations)
    for rel in relations:
        xs.setdefault(str(rel["source"]), [])
        xs.setdefault(str(rel["target"]), [])
    rows_per_col: dict[tuple[bool, int], int] = defaultdict(int)
    for ent_id in sorted(xs):
        row = entities.get(ent_id)
        group = group_of(row or {"kind": "Place" if ent_id in {str(e.get("place")) for e in events}
                                 else "Actor"})
        x = sum(xs[ent_id]) / len(xs[ent_id]) if xs[ent_id] else -150.0
        below = group == "Place"
        col = (below, round(x / 80))
        rows_per_col[col] += 1
        step = rows_per_col[col] * _LANE
        y = 200.0 + step if below else -80.0 - step
        nodes[ent_id] = {"data": {"id": ent_id, "label": group,
                                  "name": label(display_name(row, ent_id, lang)),
                                  "kind": clean((row or {}).get("kind") or group),
                                  "type": clean((row or {}).get("type") or group),
                                  "wikidata": clean((row or {}).get("wikidata") or "")},
                         "position": {"x": x, "y": y}}
    for rel in relations:
        dates = f"{rel.get('valid_from') or '…'} → {rel.get('valid_to') or '…'}"
        rel_id = f"{rel['type']}:{rel['source']}->{rel['target']}:{rel.get('valid_from')}"
        edges.append({"data": {"id": rel_id,
                               "source": str(rel["source"]), "target": str(rel["target"]),
                               "label": "RELATION", "type": clean(rel["type"]),
                               "caption": label(f"{rel['type']} {dates}"),
                               "claims": ",".join(rel.get("claim_ids") or [])}})
    return {"nodes": list(nodes.values()), "edges": edges}
