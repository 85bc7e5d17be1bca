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

__all__ = ["QueryRefused", "ReadResult", "event_reports", "events_in_window", "run_read_only"]


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


def event_reports(driver: Driver, database: str, event_id: str) -> list[dict[str, Any]]:
    """Each article's report of one event, with its evidence span."""
    return _read(driver, database, "event_reports", id=event_id)


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
