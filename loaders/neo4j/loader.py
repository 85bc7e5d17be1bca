"""Batched, idempotent writes of Extractions into Neo4j.

Each batch is one managed write transaction (``Session.execute_write``), which
the driver retries on transient errors; every statement is an
``UNWIND $rows … MERGE`` over a named query from ``cypher/``. Articles whose
content hash is unchanged are skipped; articles whose content changed have
their old contributions retracted first, in the same transaction. Loading the
same input twice leaves the graph identical.

Events without a gold ``event_key`` are merged across articles
(:mod:`kg.graph.merge`): in the same transaction, the stored reports that could
be compatible with the new ones (and the remaining reports of retracted
events) are fetched, their connected component is closed by further candidate
look-ups, clustered, and every report whose cluster id changed is moved. Since
the clustering is a function of the set of reports, the graph does not depend
on the order (or batching) of the input.

Concurrent writers (two ``kg ingest`` at once) are serialized: every write
transaction first takes the ingest lock (``cypher/ingest_lock.cypher``, a MERGE
on a uniquely constrained key, deleted again before commit) and only then reads
the article hashes and merge candidates it decides on. The Article node with its
``content_hash``, written in the same transaction as everything the article
contributes, is the ingest ledger (:mod:`loaders.neo4j.ledger`): after a crash,
re-running the same command skips what was committed and loads the rest.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError

from kg.graph.merge import CompatibilityGraph, Report, candidate_window
from kg.graph.periods import PERIOD_TYPES, Claim, derive_periods, group_key
from kg.model import Extraction
from loaders.neo4j.queries import load_query
from loaders.neo4j.rows import ACLED_LABELS, LoadRows, report_of_row, role_rows, rows_for

__all__ = ["GraphLoader", "LoadStats", "batched", "gazetteer_parents"]


def gazetteer_parents() -> dict[str, str]:
    """Place id → the place containing it, from the packaged gazetteer (the merge's ``parents``)."""
    from kg.extract.gazetteer import load_gazetteer

    return {e.id: e.parent for e in load_gazetteer().by_id.values() if e.parent}


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
    parents
        Place containment for event merging (place id → parent id); default:
        the gazetteer's ``in`` chain.
    """

    def __init__(self, driver: Driver, database: str, *, batch_size: int = 100,
                 ingested_at: str | None = None, force: bool = False,
                 parents: Mapping[str, str] | None = None) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.ingested_at = ingested_at or _now()
        self.force = force
        self.parents = dict(parents) if parents is not None else gazetteer_parents()
        self._lock_ready = False

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
        """Write one batch in one transaction (retried by the driver on transient errors).

        A read outside the transaction skips batches that are entirely unchanged;
        inside it, after the ingest lock, the hashes are read again and decide.
        """
        started = time.perf_counter()
        unique = list({e.doc_id: e for e in batch}.values())  # last one wins
        known = self.existing_hashes([e.doc_id for e in unique])
        stats = LoadStats(batches=1)
        if self.force or any(_needs_write(e, known) for e in unique):
            self._ensure_lock()
            with self.driver.session(database=self.database) as session:
                todo, replaced, rows = session.execute_write(self._locked_write, unique, sources)
        else:
            todo, replaced, rows = [], [], None
        todo_ids = {e.doc_id for e in todo}
        stats.unchanged = len(unique) - len(todo)
        stats.replaced = len(replaced)
        stats.unchanged_ids = {e.doc_id for e in unique if e.doc_id not in todo_ids}
        if rows is not None:
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

    def _ensure_lock(self) -> None:
        """Create the ingest lock's uniqueness constraint (once per loader; idempotent)."""
        if self._lock_ready:
            return
        try:
            self.driver.execute_query(load_query("ingest_lock_schema"), database_=self.database)
        except ClientError as exc:  # another writer created it at the same moment
            if "AlreadyExists" not in (exc.code or ""):
                raise
        self._lock_ready = True

    def _locked_write(self, tx: ManagedTransaction, unique: list[Extraction],
                      sources: Mapping[str, str] | None,
                      ) -> tuple[list[Extraction], list[str], LoadRows | None]:
        """The transaction function: lock, decide what to write from the hashes, write, unlock."""
        _run(tx, "ingest_lock", holder=f"pid {os.getpid()}")
        known = {r["id"]: r["content_hash"]
                 for r in _run(tx, "article_hashes", ids=[e.doc_id for e in unique])}
        todo = [e for e in unique if self.force or _needs_write(e, known)]
        replaced = [e.doc_id for e in todo if e.doc_id in known]
        rows = None
        if todo:
            rows = rows_for(todo, ingested_at=self.ingested_at, sources=sources, parents=self.parents)
            _write_batch(tx, rows, replaced, self.parents)
        _run(tx, "ingest_unlock")
        return todo, replaced, rows


def _needs_write(ext: Extraction, known: Mapping[str, str | None]) -> bool:
    """True if the graph lacks this document or holds other content for it."""
    return ext.doc_id not in known or known[ext.doc_id] != ext.content_hash or ext.content_hash is None


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[Any]:
    return list(tx.run(load_query(name), **params))


def _iso(value: Any) -> Any:
    return value.iso_format() if hasattr(value, "iso_format") else value


def _stored_row(rec: Any) -> dict[str, Any]:
    """An event row (as :func:`rows_for` makes it) rebuilt from a stored report."""
    rep = dict(rec["report"])
    row = {k: _iso(v) for k, v in rep.items()}
    row.update(article_id=rec["article_id"], published=_iso(rec["published"]),
               acled_label=ACLED_LABELS[rep["event_type"]], current_id=rec["event_id"])
    for key in ("agents", "targets", "reported_by"):
        row[key] = list(row.get(key) or [])
    return row


def _candidate_rows(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """Rows of ``report_candidates`` for these reports, without repeats, sorted."""
    keys = set()
    for r in reports:
        lo, hi = candidate_window(r)
        keys.add((r.event_type, r.sub_event_type, lo or "", hi or ""))
    return [{"event_type": t, "sub_event_type": s, "lo": lo or None, "hi": hi or None}
            for t, s, lo, hi in sorted(keys)]


def _resolve_events(tx: ManagedTransaction, rows: LoadRows, removed: list[Report],
                    parents: Mapping[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                         set[str]]:
    """Give every unkeyed event row its merged id; move stored reports whose cluster changed.

    Returns the event rows and role rows to write and the ids of events that
    lost reports (candidates for deletion and refresh).
    """
    new = {r["report_key"]: r for r in rows.events if r["event_key"] is None}
    if not new and not removed:
        return rows.events, rows.roles, set()
    graph = CompatibilityGraph(parents)
    graph.add(report_of_row(r) for r in new.values())
    stored: dict[str, dict[str, Any]] = {}

    def add(records: list[Any]) -> list[str]:
        rows_by_key = {}
        for rec in records:
            row = _stored_row(rec)
            if row["report_key"] not in graph and row["report_key"] not in rows_by_key:
                rows_by_key[row["report_key"]] = row
        stored.update(rows_by_key)
        return graph.add(report_of_row(r) for r in rows_by_key.values())

    # reports that were merged with (or compatible with) a retracted one are clustered again
    seeds = set(new) | set(add(_run(tx, "report_candidates", rows=_candidate_rows(removed))))
    expanded: set[str] = set()
    while True:
        comps = graph.components(seeds)
        frontier = sorted({r.key for c in comps for r in c} - expanded)
        if not frontier:
            break
        expanded.update(frontier)
        add(_run(tx, "report_candidates",
                 rows=_candidate_rows(graph.reports[k] for k in frontier)))
    assignment: dict[str, str] = {}
    for component in comps:
        assignment.update(graph.clusters(component))
    moved = [row for key, row in sorted(stored.items())
             if key in assignment and assignment[key] != row["current_id"]]
    if moved:
        _run(tx, "detach_reports",
             rows=[{"event_id": r["current_id"], "article_id": r["article_id"]} for r in moved])
    events: list[dict[str, Any]] = []
    for row in rows.events:
        if row["event_key"] is None:
            row = {**row, "id": assignment[row["report_key"]]}
        events.append(row)
    for row in moved:
        events.append({**{k: v for k, v in row.items() if k != "current_id"},
                       "id": assignment[row["report_key"]]})
    roles = [r for row in events for r in role_rows(row)]
    return events, roles, {r["current_id"] for r in moved}


def _write_batch(tx: ManagedTransaction, rows: LoadRows, replaced: list[str],
                 parents: Mapping[str, str]) -> None:
    """The body of one write transaction: retract, merge, refresh derived fields."""
    stale_events: set[str] = set()
    stale_relations: set[tuple[str, str, str]] = set()
    removed: list[Report] = []
    if replaced:
        removed = [report_of_row(_stored_row(rec))
                   for rec in _run(tx, "article_report_rows", ids=replaced)]
        for rec in _run(tx, "retract_articles", ids=replaced):
            stale_events.update(rec["events"])
            stale_relations.update((r["source_id"], r["type"], r["target_id"]) for r in rec["rels"])
    _run(tx, "merge_articles", rows=rows.articles)
    _run(tx, "merge_entities", rows=rows.entities)
    _run(tx, "merge_mentions", rows=rows.mentions)
    events, roles, left = _resolve_events(tx, rows, removed, parents)
    _run(tx, "merge_events", rows=events)
    _run(tx, "merge_event_roles", rows=roles)
    _run(tx, "merge_claims", rows=rows.claims)
    stale_events |= left
    if stale_events:
        _run(tx, "delete_orphan_events", ids=sorted(stale_events))
    _run(tx, "refresh_events", ids=sorted(stale_events | {r["id"] for r in events}))
    rel_keys = {(r["source_id"], r["type"], r["target_id"]) for r in rows.relation_keys}
    rel_keys |= stale_relations
    _run(tx, "refresh_relations",
         rows=[{"source_id": s, "type": t, "target_id": o}
               for s, t, o in sorted(rel_keys) if t not in PERIOD_TYPES])
    refresh_periods(tx, {group_key(t, s, o) for s, t, o in rel_keys if t in PERIOD_TYPES})


def refresh_periods(tx: ManagedTransaction, groups: set[tuple[str, str, str]]) -> None:
    """Derive the period edges of these relation groups again from all their claims."""
    if not groups:
        return
    params = [{"type": t, "source_id": s, "target_id": o} for t, s, o in sorted(groups)]
    claims = [Claim(id=r["id"], type=r["type"], source=r["source"], target=r["target"],
                    valid_from=r["valid_from"], valid_to=r["valid_to"], precision=r["precision"],
                    published=r["published"], origin=r["origin"], outlet=r["outlet"])
              for r in _run(tx, "period_claims", groups=params)]
    _run(tx, "delete_periods", groups=params)
    _run(tx, "merge_periods", rows=[p.to_row() for p in derive_periods(claims)])
