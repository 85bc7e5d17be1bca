"""Background knowledge as claims: the gazetteer's dated affiliations, loaded beside the articles.

Each affiliation (``kg/data/gazetteer/affiliations.jsonl``) of a period type
becomes a :class:`Claim` node with ``origin: 'gazetteer'``, ``CLAIMED_IN`` the
``(:Source {id: 'gazetteer'})`` node; both ends are written as entities from the
gazetteer. The period edges of the groups touched are then derived again from
all claims (articles' and the gazetteer's). Loading twice changes nothing.

Examples
--------
>>> rows = background_claim_rows()
>>> r = next(r for r in rows if r["source_id"] == "liwa-al-baqir" and r["type"] == "SUPPORTED_BY")
>>> (r["target_id"], r["valid_from"], r["precision"], r["id"].startswith("claim:gazetteer:"))
('iran', '2012-01-01', 'year', True)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from neo4j import Driver, ManagedTransaction

from kg.graph.periods import PERIOD_TYPES, group_key
from kg.model import TimeValue
from loaders.neo4j.loader import _run, gazetteer_parents, refresh_periods
from loaders.neo4j.rows import KIND_LABELS, ancestors, check_identifier

__all__ = ["background_claim_rows", "background_entity_rows", "load_background"]

_PRECISION = {1: "year", 2: "month", 3: "day"}


def _bounds(value: str | None) -> tuple[str | None, str | None, str | None]:
    if value is None:
        return None, None, None
    lo, hi = TimeValue(value, "day").bounds()
    return lo, hi, _PRECISION[len(value.split("-"))]


def background_claim_rows() -> list[dict[str, Any]]:
    """Rows of ``merge_background_claims``: one per affiliation of a period type."""
    from kg.extract.affiliations import load_affiliations

    rows = []
    for a in load_affiliations():
        if a.type not in PERIOD_TYPES:
            continue
        start, _, precision = _bounds(a.valid_from)
        _, end, _ = _bounds(a.valid_to)
        raw = "\x1f".join((a.source, a.type, a.target, a.valid_from or "", a.valid_to or ""))
        rows.append({
            "id": "claim:gazetteer:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24],
            "type": check_identifier(a.type), "source_id": a.source, "target_id": a.target,
            "valid_from": start, "valid_to": end, "precision": precision, "note": a.note,
        })
    return sorted(rows, key=lambda r: r["id"])


def background_entity_rows(ids: set[str], parents: Mapping[str, str]) -> list[dict[str, Any]]:
    """Rows of ``merge_entities`` for these gazetteer entities."""
    from kg.extract.gazetteer import load_gazetteer

    g = load_gazetteer()
    rows = []
    for i in sorted(ids):
        e = g[i]
        rows.append({
            "id": e.id, "kind_label": check_identifier(KIND_LABELS[e.kind]),
            "type_label": check_identifier(e.type), "type": e.type, "name": e.name, "names": [],
            "wikidata": e.wikidata, "attributes_json": None, "latitude": e.lat, "longitude": e.lon,
            "within": ancestors(e.id, parents) if e.kind == "place" else None,
        })
    return rows


def _write(tx: ManagedTransaction, entities: list[dict[str, Any]], claims: list[dict[str, Any]]) -> None:
    _run(tx, "merge_entities", rows=entities)
    _run(tx, "merge_background_claims", rows=claims)
    refresh_periods(tx, {group_key(c["type"], c["source_id"], c["target_id"]) for c in claims})


def load_background(driver: Driver, database: str, *, parents: Mapping[str, str] | None = None) -> int:
    """Write the gazetteer's affiliations as claims (one transaction); return how many."""
    claims = background_claim_rows()
    ids = {c["source_id"] for c in claims} | {c["target_id"] for c in claims}
    entities = background_entity_rows(ids, parents if parents is not None else gazetteer_parents())
    with driver.session(database=database) as session:
        session.execute_write(_write, entities, claims)
    return len(claims)
