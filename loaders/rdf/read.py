"""Read the graph from Neo4j in pages, for the exports: keyset paging by id, one page in memory.

Each ``cypher/rdf_*.cypher`` (and ``acled_events``) query takes ``$after`` (the last id of
the previous page) and ``$limit``; :func:`pages` runs it until a page comes back short.
Values are made plain (dates as ISO strings, lists as lists), so the mapping needs no
driver types.

Examples
--------
>>> Window().params(), Window("2018-01-01", None).params()
({'start': None, 'end': None}, {'start': '2018-01-01', 'end': None})
>>> plain_value([1, {"a": None}])
[1, {'a': None}]
>>> list(prefetched(iter([[1], [2, 3]])))
[[1], [2, 3]]
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final, LiteralString

from neo4j import Driver

from loaders.neo4j.queries import load_query

__all__ = ["PAGE_SIZE", "READS", "Window", "count_rows", "pages", "plain_value", "prefetched"]

#: Rows per page: big enough to amortise the round trip, small enough to stay light.
PAGE_SIZE: Final = 2000

#: The paged reads of the exports and whether each takes a valid-time window.
READS: Final[dict[str, bool]] = {
    "rdf_articles": False,
    "rdf_entities": False,
    "rdf_events": True,
    "rdf_claims": False,
    "rdf_relations": True,
    "acled_events": True,
}

_COUNTS: Final[dict[str, LiteralString]] = {
    "rdf_articles": "MATCH (n:Article) RETURN count(n) AS n",
    "rdf_entities": "MATCH (n:Entity) RETURN count(n) AS n",
    "rdf_events": "MATCH (n:Event) RETURN count(n) AS n",
    "rdf_claims": "MATCH (n:Claim) RETURN count(n) AS n",
    "rdf_relations": "MATCH (n:Entity) RETURN count(n) AS n",
    "acled_events": "MATCH (n:Event) RETURN count(n) AS n",
}


@dataclass(frozen=True)
class Window:
    """A valid-time window (ISO dates, None = open) for events and time-scoped relations."""

    start: str | None = None
    end: str | None = None

    def params(self) -> dict[str, str | None]:
        """The ``$start``/``$end`` parameters."""
        return {"start": self.start, "end": self.end}


_PLAIN = (str, int, float, bool, type(None))


def plain_value(value: Any) -> Any:
    """A driver value made plain: dates, times and points as ISO strings, containers recursively."""
    t = type(value)
    if t in _PLAIN:
        return value
    if t is list or t is tuple:
        return [v if type(v) in _PLAIN else plain_value(v) for v in value]
    if t is dict:
        return {k: v if type(v) in _PLAIN else plain_value(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    return str(value)


def count_rows(driver: Driver, database: str, name: str) -> int:
    """How many rows a full (unwindowed) read of ``name`` pages over: for progress bars."""
    records, _, _ = driver.execute_query(_COUNTS[name], database_=database, routing_="r")
    return int(records[0]["n"])


def pages(driver: Driver, database: str, name: str, *, window: Window | None = None,
          page_size: int = PAGE_SIZE) -> Iterator[list[dict[str, Any]]]:
    """Yield the rows of the paged read ``name``, one page (a list of plain dicts) at a time.

    Keyset paging: each page starts after the last ``id`` of the one before, so a page
    costs the same wherever it is, and only one page is held in memory.
    """
    if name not in READS:
        raise ValueError(f"not a paged export read: {name!r} (known: {', '.join(READS)})")
    query = load_query(name)
    after = ""
    while True:
        params: dict[str, Any] = {"after": after, "limit": page_size}
        if READS[name]:
            params.update((window or Window()).params())
        records, _, keys = driver.execute_query(query, params, database_=database, routing_="r")
        rows = [{k: plain_value(r[k]) for k in keys} for r in records]
        if rows:
            yield rows
        if len(records) < page_size:
            return
        after = str(records[-1]["id"])


_DONE = object()


def prefetched(source: Iterator[list[dict[str, Any]]]) -> Iterator[list[dict[str, Any]]]:
    """Iterate ``source`` with the next page read in a background thread (at most one ahead).

    Neo4j computes the next page while the caller maps and writes this one; an error in
    the reader is raised in the caller. Memory: two pages.
    """
    q: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def run() -> None:
        try:
            for page in source:
                while not stop.is_set():
                    try:
                        q.put(page, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(_DONE)
        except BaseException as exc:  # handed to the consumer
            q.put(exc)

    thread = threading.Thread(target=run, name="rasd-export-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
