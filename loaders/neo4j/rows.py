"""Extractions turned into the parameter rows of the named Cypher queries (pure, no I/O).

Labels and relationship types travel as parameters and are set with Cypher's
dynamic-label syntax; every one is checked here against the closed lists of
the model (never taken from article text unchecked).

Examples
--------
>>> from kg.model import Document, Entity, Extraction
>>> doc = Document(doc_id="d1", text="داعش", published="2018-03-17")
>>> ext = Extraction(doc_id="d1", published="2018-03-17", content_hash=doc.content_hash,
...                  entities=(Entity("isis", "actor", "ArmedGroup", "ISIS",
...                                   mentions=(doc.span(0, 4),)),))
>>> rows = rows_for([ext], ingested_at="2026-01-01T00:00:00Z")
>>> rows.entities[0]["type_label"], rows.mentions[0]["starts"]
('ArmedGroup', [0])
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from kg.graph.merge import Report, report_key, report_window
from kg.model import ENTITY_TYPES, RELATION_TYPES, Extraction

__all__ = [
    "ACLED_LABELS",
    "KIND_LABELS",
    "ROLE_TYPES",
    "LoadRows",
    "UnsafeIdentifier",
    "ancestors",
    "check_identifier",
    "claim_id",
    "event_node_id",
    "report_of_row",
    "role_rows",
    "rows_for",
]

KIND_LABELS: Final[Mapping[str, str]] = {"actor": "Actor", "person": "Person", "place": "Place"}

#: ACLED event type → Neo4j label of the Event node.
ACLED_LABELS: Final[Mapping[str, str]] = {
    "Battles": "Battle",
    "Explosions/Remote violence": "ExplosionRemoteViolence",
    "Violence against civilians": "ViolenceAgainstCivilians",
    "Protests": "Protest",
    "Riots": "Riot",
    "Strategic developments": "StrategicDevelopment",
}

ROLE_TYPES: Final[frozenset[str]] = frozenset({"AGENT_IN", "TARGET_IN", "AT", "ATTRIBUTED_TO"})

_ALLOWED: Final[frozenset[str]] = frozenset(
    {*KIND_LABELS.values(), *ACLED_LABELS.values(), *RELATION_TYPES, *ROLE_TYPES,
     *(t for types in ENTITY_TYPES.values() for t in types)}
)
_IDENTIFIER = re.compile(r"^[A-Z][A-Za-z_]*$")


class UnsafeIdentifier(ValueError):
    """A label or relationship type outside the allow-list."""


def check_identifier(name: str) -> str:
    """Return ``name`` if it is an allowed label or relationship type, else raise.

    >>> check_identifier("ArmedGroup")
    'ArmedGroup'
    >>> check_identifier("X}) DETACH DELETE n //")
    Traceback (most recent call last):
    ...
    loaders.neo4j.rows.UnsafeIdentifier: not an allowed label or type: 'X}) DETACH DELETE n //'
    """
    if name not in _ALLOWED or not _IDENTIFIER.match(name):
        raise UnsafeIdentifier(f"not an allowed label or type: {name!r}")
    return name


def event_node_id(doc_id: str, local_id: str, event_key: str | None) -> str:
    """Key of the Event node: the ``event_key`` when given, else ``doc_id/local_id``.

    >>> event_node_id("doc-1", "e2", None)
    'doc-1/e2'
    """
    return event_key or f"{doc_id}/{local_id}"


def claim_id(doc_id: str, rel_type: str, source: str, target: str, time_value: str | None) -> str:
    """Stable key of one article's statement of one relation.

    >>> claim_id("d", "CONTROLS", "isis", "al-kum", "2018-03-17")[:6]
    'claim:'
    """
    raw = "\x1f".join((doc_id, rel_type, source, target, time_value or ""))
    return "claim:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


@dataclass
class LoadRows:
    """Rows for each named write query, for one batch of extractions."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)

    @property
    def event_ids(self) -> list[str]:
        return sorted({r["id"] for r in self.events})

    @property
    def relation_keys(self) -> list[dict[str, str]]:
        keys = {(c["source_id"], c["type"], c["target_id"]) for c in self.claims}
        return [{"source_id": s, "type": t, "target_id": o} for s, t, o in sorted(keys)]


def report_of_row(row: Mapping[str, Any]) -> Report:
    """The merge view (:class:`kg.graph.merge.Report`) of an event row or a stored report.

    >>> report_of_row({"report_key": "d/e1", "article_id": "d", "event_type": "Riots",
    ...                "sub_event_type": "Mob violence", "agents": [], "targets": [], "place": None,
    ...                "time_value": None, "time_precision": None, "published": "2018-01-02"}).key
    'd/e1'
    """
    published = row.get("published")
    return Report(
        key=row["report_key"], article=row["article_id"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], agents=tuple(row.get("agents") or ()),
        targets=tuple(row.get("targets") or ()), place=row.get("place"),
        time_value=row.get("time_value"), precision=row.get("time_precision"),
        published=str(published) if published is not None else None)


def role_rows(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows of ``merge_event_roles`` for one event row: agents, targets, place, attribution.

    >>> [r["role"] for r in role_rows({"id": "x", "article_id": "d", "agents": ["a"],
    ...                                "targets": [], "place": "p", "reported_by": ["a"]})]
    ['AGENT_IN', 'AT', 'ATTRIBUTED_TO']
    """
    roles = [(a, "AGENT_IN") for a in row.get("agents") or ()]
    roles += [(t, "TARGET_IN") for t in row.get("targets") or ()]
    roles += [(row["place"], "AT")] if row.get("place") else []
    roles += [(r, "ATTRIBUTED_TO") for r in row.get("reported_by") or ()]
    return [{"event_id": row["id"], "entity_id": entity_id, "role": check_identifier(role),
             "article_id": row["article_id"]}
            for entity_id, role in dict.fromkeys(roles)]


def _coords(attributes: Mapping[str, Any]) -> tuple[float | None, float | None]:
    lat = attributes.get("lat", attributes.get("latitude"))
    lon = attributes.get("lon", attributes.get("longitude"))
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None, None


def ancestors(place: str, parents: Mapping[str, str]) -> list[str]:
    """The places containing ``place``, nearest first (``parents``: place → parent).

    >>> ancestors("al-kum-station", {"al-kum-station": "al-bukamal", "al-bukamal": "syria"})
    ['al-bukamal', 'syria']
    """
    out: list[str] = []
    cur = parents.get(place)
    while cur is not None and cur not in out and cur != place:
        out.append(cur)
        cur = parents.get(cur)
    return out


def rows_for(extractions: Iterable[Extraction], *, ingested_at: str,
             sources: Mapping[str, str] | None = None,
             parents: Mapping[str, str] | None = None) -> LoadRows:
    """Build the rows of one batch. Entities appearing in several extractions become one row.

    ``parents`` (place → containing place, e.g. the gazetteer's ``in``) gives every
    place its ``within`` list, which the queries use for "this place or inside it".
    """
    out = LoadRows()
    entity_rows: dict[str, dict[str, Any]] = {}
    claim_rows: dict[str, dict[str, Any]] = {}
    for ext in extractions:
        out.articles.append({
            "id": ext.doc_id,
            "outlet": ext.outlet,
            "title": ext.title,
            "url": ext.url,
            "published": ext.published,
            "lang": ext.lang,
            "content_hash": ext.content_hash,
            "source": (sources or {}).get(ext.doc_id),
            "ingested_at": ingested_at,
        })
        for ent in ext.entities:
            lat, lon = _coords(ent.attributes)
            attrs = {k: v for k, v in ent.attributes.items()
                     if k not in ("lat", "lon", "latitude", "longitude")}
            row = entity_rows.get(ent.id)
            if row is None:
                entity_rows[ent.id] = {
                    "id": ent.id,
                    "kind_label": check_identifier(KIND_LABELS[ent.kind]),
                    "type_label": check_identifier(ent.type),
                    "type": ent.type,
                    "name": ent.name,
                    "names": list(dict.fromkeys(ent.names)),
                    "wikidata": ent.wikidata,
                    "attributes_json": (json.dumps(attrs, ensure_ascii=False, sort_keys=True)
                                        if attrs else None),
                    "latitude": lat,
                    "longitude": lon,
                    "within": ancestors(ent.id, parents or {}) if ent.kind == "place" else None,
                }
            else:  # the same choice as merge_entities makes, so batching does not show
                row["names"] = list(dict.fromkeys([*row["names"], *ent.names]))
                row["name"] = min(row["name"], ent.name)
                row["type"] = min(row["type"], ent.type)
                if ent.wikidata and (row["wikidata"] is None or ent.wikidata < row["wikidata"]):
                    row["wikidata"] = ent.wikidata
                new_attrs = json.dumps(attrs, ensure_ascii=False, sort_keys=True) if attrs else None
                old_attrs = row["attributes_json"]
                if new_attrs is not None and (old_attrs is None or len(new_attrs) > len(old_attrs) or (
                        len(new_attrs) == len(old_attrs) and new_attrs < old_attrs)):
                    row["attributes_json"] = new_attrs
            if ent.mentions:
                out.mentions.append({
                    "entity_id": ent.id,
                    "article_id": ext.doc_id,
                    "names": [m.text for m in ent.mentions],
                    "starts": [m.start for m in ent.mentions],
                    "ends": [m.end for m in ent.mentions],
                })
        for ev in ext.events:
            node_id = event_node_id(ext.doc_id, ev.id, ev.event_key)
            start, end = ev.time.bounds() if ev.time else (None, None)
            row = {
                "id": node_id,
                "report_key": report_key(ext.doc_id, ev.id),
                "event_key": ev.event_key,
                "article_id": ext.doc_id,
                "published": ext.published,
                "local_id": ev.id,
                "label": ev.label,
                "event_type": ev.event_type,
                "sub_event_type": ev.sub_event_type,
                "acled_label": check_identifier(ACLED_LABELS[ev.event_type]),
                "time_value": ev.time.value if ev.time else None,
                "time_precision": ev.time.precision if ev.time else None,
                "date_start": start,
                "date_end": end,
                "modality": ev.modality,
                "fatalities": ev.fatalities,
                "evidence": ev.evidence,
                "span_start": ev.evidence_span.start if ev.evidence_span else None,
                "span_end": ev.evidence_span.end if ev.evidence_span else None,
                "confidence": ev.confidence,
                "agents": list(ev.agents),
                "targets": list(ev.targets),
                "place": ev.place,
                "reported_by": list(ev.reported_by),
            }
            row["window_lo"], row["window_hi"] = report_window(report_of_row(row))
            out.events.append(row)
            out.roles.extend(role_rows(row))
        for rel in ext.relations:
            value = rel.time.value if rel.time else None
            start, _end = rel.time.bounds() if rel.time else (None, None)
            cid = claim_id(ext.doc_id, rel.type, rel.source, rel.target, value)
            claim_rows[cid] = {
                "id": cid,
                "type": check_identifier(rel.type),
                "source_id": rel.source,
                "target_id": rel.target,
                "article_id": ext.doc_id,
                "time_value": value,
                "time_precision": rel.time.precision if rel.time else None,
                "valid_from": start,
                "valid_to": None,
                "evidence": rel.evidence,
                "span_start": rel.evidence_span.start if rel.evidence_span else None,
                "span_end": rel.evidence_span.end if rel.evidence_span else None,
                "confidence": rel.confidence,
            }
    out.entities = list(entity_rows.values())
    out.claims = list(claim_rows.values())
    return out
