"""Read-only queries behind the explorer (``app.py``): it draws, this module asks.

Every function runs a named query from ``cypher/`` in a read transaction and
returns plain dicts. :func:`run_read_only` runs a user's Cypher in READ access
mode with a time and row limit, so a write is refused by the server.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import READ_ACCESS, Driver, unit_of_work
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.graph import Node, Relationship

from loaders.neo4j.queries import load_query

__all__ = ["Bounds", "QueryRefused", "ReadResult", "bounds", "claim_reports", "entities", "entity_sources",
           "event_reports", "events_in_window", "explore_events", "relations", "run_read_only"]


class QueryRefused(RuntimeError):
    """The server refused a user's query (a write in read-only mode, a syntax error, a timeout)."""


@dataclass(frozen=True)
class ReadResult:
    """Rows of a user's read-only query."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


def _plain(value: Any) -> Any:
    """Driver values made plain for tables (dates and points as strings)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    if isinstance(value, Node | Relationship):
        return {k: _plain(value.get(k)) for k in value.keys()}  # noqa: SIM118
    return str(value)


def _read(driver: Driver, database: str, name: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(load_query(name), params, database_=database, routing_="r")
    return [{k: _plain(r[k]) for k in r.keys()} for r in records]  # noqa: SIM118


def events_in_window(driver: Driver, database: str, *, start: dt.date | None = None,
                     end: dt.date | None = None, types: list[str] | None = None,
                     min_sources: int = 1, limit: int = 500, actors: list[str] | None = None,
                 place: str | None = None, bbox: list[float] | None = None,
                 as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Events overlapping ``[start, end]`` (either end open), newest first."""
    return _read(driver, database, "events_in_window",
                 start=start.isoformat() if start else None, end=end.isoformat() if end else None,
                 types=types or [], min_sources=min_sources, limit=limit, actors=actors or [],
                 place=place, bbox=bbox, as_of=as_of.isoformat() if as_of else None)


def event_reports(driver: Driver, database: str, event_id: str, *,
                  as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Each article's report of one event, with its evidence span (only those published by ``as_of``)."""
    rows = _read(driver, database, "event_reports", id=event_id)
    return [r for r in rows if _known(r.get("published"), as_of)]


def _known(published: str | None, as_of: dt.date | None) -> bool:
    """Whether an article published on ``published`` (ISO) was known on ``as_of``.

    >>> _known("2018-03-18", dt.date(2018, 3, 17)), _known("2018-03-18", None), _known(None, dt.date.today())
    (False, True, False)
    """
    if as_of is None:
        return True
    return published is not None and published[:10] <= as_of.isoformat()


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Bounds:
    """The range of valid time (event dates) and record time (publication dates) in the graph.

    >>> Bounds.parse({"first_event": "2018-03-17", "last_event": None,
    ...               "first_published": None, "last_published": "2018-05-04"}).last_published
    datetime.date(2018, 5, 4)
    """

    first_event: dt.date | None
    last_event: dt.date | None
    first_published: dt.date | None
    last_published: dt.date | None

    @classmethod
    def parse(cls, row: dict[str, Any]) -> Bounds:
        """Bounds from the row of ``explore_bounds`` (ISO strings or None)."""
        def day(v: Any) -> dt.date | None:
            return dt.date.fromisoformat(str(v)[:10]) if v else None
        return cls(day(row.get("first_event")), day(row.get("last_event")),
                   day(row.get("first_published")), day(row.get("last_published")))


def bounds(driver: Driver, database: str) -> Bounds:
    """The dates the explorer's slider and "as of" picker range over."""
    rows = _read(driver, database, "explore_bounds")
    return Bounds.parse(rows[0] if rows else {})


def explore_events(driver: Driver, database: str, *, start: dt.date | None = None,
                   end: dt.date | None = None, as_of: dt.date | None = None,
                   types: list[str] | None = None, actors: list[str] | None = None,
                   places: list[str] | None = None, modalities: list[str] | None = None,
                   min_sources: int = 1, limit: int = 1000) -> list[dict[str, Any]]:
    """Events in a valid-time window, as known on ``as_of``, filtered; newest first.

    Each row: id, event_type, sub_event_type, label, date_start, date_end,
    precision, modality, sources, fatalities, agents, targets (entity ids),
    place, latitude, longitude.
    """
    return _read(driver, database, "explore_events", start=_iso(start), end=_iso(end), as_of=_iso(as_of),
                 types=types or [], actors=actors or [], places=places or [],
                 modalities=modalities or [], min_sources=min_sources, limit=limit)


def entities(driver: Driver, database: str, ids: list[str] | None = None, *,
             kinds: list[str] | None = None, limit: int = 5000) -> list[dict[str, Any]]:
    """Entities by id (all when ``ids`` is None): name, names, kind, type, wikidata, coordinates."""
    if ids is not None and not ids:
        return []
    return _read(driver, database, "explore_entities", ids=ids or [], kinds=kinds or [], limit=limit)


def relations(driver: Driver, database: str, ids: list[str], *, any_end: bool = False,
              start: dt.date | None = None, end: dt.date | None = None,
              as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Time-scoped relations among ``ids`` (or touching one of them with ``any_end``)."""
    if not ids:
        return []
    return _read(driver, database, "explore_relations", ids=ids, any_end=any_end, start=_iso(start),
                 end=_iso(end), as_of=_iso(as_of))


def claim_reports(driver: Driver, database: str, claim_ids: list[str], *,
                  as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Provenance of a relation edge: each claim's article, evidence span and confidence."""
    if not claim_ids:
        return []
    return _read(driver, database, "explore_claim_reports", ids=claim_ids, as_of=_iso(as_of))


def entity_sources(driver: Driver, database: str, entity_id: str, *, as_of: dt.date | None = None,
                   limit: int = 200) -> list[dict[str, Any]]:
    """The articles behind an entity (naming it, reporting its events or relations), newest first."""
    return _read(driver, database, "explore_entity_sources", id=entity_id, as_of=_iso(as_of), limit=limit)


def run_read_only(driver: Driver, database: str, text: str, *, params: dict[str, Any] | None = None,
                  max_rows: int = 1000, timeout_s: float = 10.0) -> ReadResult:
    """Run a user's Cypher in a READ transaction with a timeout; refuse writes with a clear message.

    The text is the user's own query (the explorer's query box), sent as a
    query with parameters; it is never combined with data from articles.
    """
    query: LiteralString = text  # the user's own query, by design (never built from data)

    @unit_of_work(timeout=timeout_s)
    def work(tx: Any) -> ReadResult:
        result = tx.run(query, params or {})
        rows: list[dict[str, Any]] = []
        truncated = False
        for record in result:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append({k: _plain(record[k]) for k in record.keys()})  # noqa: SIM118
        return ReadResult(list(result.keys()), rows, truncated)

    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            result: ReadResult = session.execute_read(work)
            return result
    except ClientError as exc:
        code = exc.code or ""
        message = (exc.message or "").lower()
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "write" in message:
            raise QueryRefused(f"refused: this box is read-only ({exc.message})") from exc
        if "TransactionTimedOut" in code or "Timeout" in code:
            raise QueryRefused(f"refused: the query ran longer than {timeout_s:.0f} s") from exc
        raise QueryRefused(f"the server refused the query: {exc.message}") from exc
    except Neo4jError as exc:
        raise QueryRefused(f"the query failed: {exc.message}") from exc
