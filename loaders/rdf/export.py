"""The RDF export: paged reads → quads → a writer, one page at a time.

:func:`export_rdf` reads sources, articles, entities (with mentions), claims, events
(with reports) and the time-scoped relations from Neo4j in pages, maps each page to
quads and hands them to the writer: memory holds two pages (the next one is read in a
background thread while this one is written, :func:`~loaders.rdf.read.prefetched`).
``progress`` is called with the number of rows done after each page (:func:`planned_rows`
gives the total).

Examples
--------
>>> ExportStats(quads=10, rows=2, seconds=0.5).quads_per_second
20.0
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from neo4j import Driver

from loaders.neo4j.queries import load_query
from loaders.rdf.mapping import Mapper
from loaders.rdf.read import PAGE_SIZE, Window, count_rows, pages, plain_value, prefetched
from loaders.rdf.terms import Iris
from loaders.rdf.writers import open_writer

__all__ = ["DEFAULT_BASE", "ExportStats", "export_rdf", "planned_rows"]

#: The default base of the export's IRIs.
DEFAULT_BASE = "https://example.org/rasd/"

_ORDER = ("rdf_articles", "rdf_entities", "rdf_claims", "rdf_events", "rdf_relations")


@dataclass(frozen=True)
class ExportStats:
    """What an export wrote."""

    quads: int
    rows: int
    seconds: float

    @property
    def quads_per_second(self) -> float:
        """Throughput."""
        return self.quads / self.seconds if self.seconds > 0 else 0.0


def planned_rows(driver: Driver, database: str) -> int:
    """How many rows an unwindowed export reads (an upper bound with a window)."""
    return sum(count_rows(driver, database, name) for name in _ORDER)


def export_rdf(driver: Driver, database: str, out: TextIO, fmt: str, *, base: str = "https://example.org/rasd/",
               window: Window | None = None, page_size: int = PAGE_SIZE,
               progress: Callable[[int], None] | None = None) -> ExportStats:
    """Write the graph as ``fmt`` (nquads, trig, turtle, jsonld) to ``out``; return the counts."""
    t0 = time.perf_counter()
    mapper = Mapper(Iris(base))
    writer = open_writer(fmt, out)
    rows = 0
    records, _, keys = driver.execute_query(load_query("rdf_sources"), database_=database, routing_="r")
    writer.write(q for r in records for q in mapper.source({k: plain_value(r[k]) for k in keys}))
    mapping = {"rdf_articles": mapper.article, "rdf_entities": mapper.entity, "rdf_claims": mapper.claim,
               "rdf_events": mapper.event, "rdf_relations": mapper.relations}
    for name in _ORDER:
        fn = mapping[name]
        for page in prefetched(pages(driver, database, name, window=window, page_size=page_size)):
            writer.write(q for row in page for q in fn(row))
            rows += len(page)
            if progress:
                progress(len(page))
    writer.close()
    return ExportStats(writer.count, rows, time.perf_counter() - t0)
