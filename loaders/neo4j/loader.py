"""Batched, idempotent writes of Extractions into Neo4j.

Each batch is one managed write transaction (``Session.execute_write``), which
the driver retries on transient errors; every statement is an
``UNWIND $rows … MERGE`` over a named query from ``cypher/``. Articles whose
content hash is unchanged are skipped; articles whose content changed have
their old contributions retracted first, in the same transaction. Loading the
same input twice leaves the graph identical.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction

from kg.model import Extraction
from loaders.neo4j.queries import load_query
from loaders.neo4j.rows import LoadRows, rows_for

__all__ = ["GraphLoader", "LoadStats", "batched"]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items.

    >>> [len(b) for b in batched(range(5), 2)]
    [2, 2, 1]
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


@dataclass
class LoadStats:
    """What a load wrote (counts of rows sent, not of new nodes)."""

    articles: int = 0
    unchanged: int = 0
    replaced: int = 0
    entities: int = 0
    mentions: int = 0
    events: int = 0
    roles: int = 0
    claims: int = 0
    relations: int = 0
    batches: int = 0
    seconds: float = 0.0
    entity_ids: set[str] = field(default_factory=set, repr=False)
    unchanged_ids: set[str] = field(default_factory=set, repr=False)

    @property
    def elements(self) -> int:
        """Graph elements written: nodes and relationships the rows describe."""
        return (self.articles + self.entities + self.mentions + 2 * self.events + self.roles
                + 4 * self.claims + self.relations)

    def add(self, other: LoadStats) -> None:
        for name in ("articles", "unchanged", "replaced", "mentions", "events", "roles",
                     "claims", "relations", "batches"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.entity_ids |= other.entity_ids
        self.unchanged_ids |= other.unchanged_ids
        self.entities = len(self.entity_ids)
        self.seconds += other.seconds


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class GraphLoader:
    """Writes Extractions to one database.

    Parameters
    ----------
    driver, database
        Where to write (always passed as ``database_``).
    batch_size
        Documents per transaction.
    ingested_at
        Record time stamped on new Article nodes (ISO 8601); default: now.
        Taken once per loader, so one run has one ingestion time.
    force
        Re-write documents even when their content hash is unchanged.
    """

    def __init__(self, driver: Driver, database: str, *, batch_size: int = 100,
                 ingested_at: str | None = None, force: bool = False) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.ingested_at = ingested_at or _now()
        self.force = force

    def load(self, extractions: Iterable[Extraction], *,
             sources: Mapping[str, str] | None = None,
             on_batch: Callable[[LoadStats], None] | None = None) -> LoadStats:
        """Load everything in batches; ``on_batch`` is called after each commit."""
        total = LoadStats()
        for batch in batched(extractions, self.batch_size):
            stats = self.load_batch(batch, sources=sources)
            total.add(stats)
            if on_batch:
                on_batch(stats)
        return total

    def existing_hashes(self, ids: list[str]) -> dict[str, str | None]:
        """Content hashes of the articles already in the graph."""
        records, _, _ = self.driver.execute_query(
            load_query("article_hashes"), ids=ids, database_=self.database, routing_="r")
        return {r["id"]: r["content_hash"] for r in records}

    def load_batch(self, batch: list[Extraction], *,
                   sources: Mapping[str, str] | None = None) -> LoadStats:
        """Write one batch in one transaction (retried by the driver on transient errors)."""
        started = time.perf_counter()
        unique = list({e.doc_id: e for e in batch}.values())  # last one wins
        known = self.existing_hashes([e.doc_id for e in unique])
        todo = [e for e in unique
                if self.force or e.doc_id not in known or known[e.doc_id] != e.content_hash
                or e.content_hash is None]
        replaced = [e.doc_id for e in todo if e.doc_id in known]
        todo_ids = {e.doc_id for e in todo}
        stats = LoadStats(unchanged=len(unique) - len(todo), replaced=len(replaced), batches=1,
                          unchanged_ids={e.doc_id for e in unique if e.doc_id not in todo_ids})
        if todo:
            rows = rows_for(todo, ingested_at=self.ingested_at, sources=sources)
            with self.driver.session(database=self.database) as session:
                session.execute_write(_write_batch, rows, replaced)
            stats.articles = len(rows.articles)
            stats.entity_ids = {r["id"] for r in rows.entities}
            stats.entities = len(stats.entity_ids)
            stats.mentions = len(rows.mentions)
            stats.events = len(rows.events)
            stats.roles = len(rows.roles)
            stats.claims = len(rows.claims)
            stats.relations = len(rows.relation_keys)
        stats.seconds = time.perf_counter() - started
        return stats


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[Any]:
    return list(tx.run(load_query(name), **params))


def _write_batch(tx: ManagedTransaction, rows: LoadRows, replaced: list[str]) -> None:
    """The body of one write transaction: retract, merge, refresh derived fields."""
    stale_events: set[str] = set()
    stale_relations: set[tuple[str, str, str]] = set()
    if replaced:
        for rec in _run(tx, "retract_articles", ids=replaced):
            stale_events.update(rec["events"])
            stale_relations.update((r["source_id"], r["type"], r["target_id"]) for r in rec["rels"])
    _run(tx, "merge_articles", rows=rows.articles)
    _run(tx, "merge_entities", rows=rows.entities)
    _run(tx, "merge_mentions", rows=rows.mentions)
    _run(tx, "merge_events", rows=rows.events)
    _run(tx, "merge_event_roles", rows=rows.roles)
    _run(tx, "merge_claims", rows=rows.claims)
    if stale_events:
        _run(tx, "delete_orphan_events", ids=sorted(stale_events))
    _run(tx, "refresh_events", ids=sorted(stale_events | set(rows.event_ids)))
    rel_keys = {(r["source_id"], r["type"], r["target_id"]) for r in rows.relation_keys}
    _run(tx, "refresh_relations",
         rows=[{"source_id": s, "type": t, "target_id": o}
               for s, t, o in sorted(rel_keys | stale_relations)])
