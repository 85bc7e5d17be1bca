"""The ingest ledger: per document, what the graph has committed.

The loader writes an article's ``Article`` node (with its ``content_hash``,
``source`` and ``ingested_at``) in the same transaction as everything the
article contributes (mentions, event reports, roles, claims, the merges and
derived fields they cause). A transaction commits whole or not at all, so the
Article node *is* the ledger entry: present with hash ``H`` means "the content
``H`` is fully in the graph"; absent means "nothing of it is". No second
bookkeeping store can drift from the graph.

Recovery therefore needs no ``--resume``: after a crash of Neo4j or of
``kg ingest``, re-running the same command skips every document whose hash is
in the ledger and loads the rest; the result equals a clean load
(``tests/loaders/test_faults.py``). :func:`compare` tells, before re-running,
what is committed, what changed and what is missing (``kg ledger INPUT…``).

Examples
--------
>>> check = compare({"a": "h1", "b": "h2"}, [("a", "h1"), ("b", "h9"), ("c", "h3")])
>>> check.committed, check.changed, check.missing
(['a'], ['b'], ['c'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from neo4j import Driver

from loaders.neo4j.queries import load_query

__all__ = ["LedgerCheck", "LedgerEntry", "compare", "read_ledger"]


@dataclass(frozen=True)
class LedgerEntry:
    """One committed document: its content hash, where it came from, when, and what it added."""

    doc_id: str
    content_hash: str | None
    source: str | None
    ingested_at: str | None
    mentions: int
    reports: int
    claims: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        >>> LedgerEntry("d", "h", "f.jsonl:1", None, 3, 1, 0).to_dict()["mentions"]
        3
        """
        return asdict(self)


@dataclass(frozen=True)
class LedgerCheck:
    """Input documents sorted by what the ledger says about them (doc ids, sorted)."""

    committed: list[str]
    changed: list[str]
    missing: list[str]

    @property
    def complete(self) -> bool:
        """True when every document is committed with its current content.

        >>> LedgerCheck(["a"], [], []).complete
        True
        """
        return not self.changed and not self.missing


def read_ledger(driver: Driver, database: str, ids: list[str] | None = None) -> list[LedgerEntry]:
    """The ledger entries of ``ids`` (every article when None), sorted by doc id."""
    records, _, _ = driver.execute_query(load_query("ingest_ledger"), ids=ids,
                                         database_=database, routing_="r")
    return [LedgerEntry(r["id"], r["content_hash"], r["source"], r["ingested_at"],
                        r["mentions"], r["reports"], r["claims"]) for r in records]


def compare(ledger: Mapping[str, str | None],
            documents: Iterable[tuple[str, str | None]]) -> LedgerCheck:
    """Sort ``(doc_id, content_hash)`` pairs by the ledger (doc id → committed hash)."""
    committed: set[str] = set()
    changed: set[str] = set()
    missing: set[str] = set()
    for doc_id, content_hash in documents:
        if doc_id not in ledger:
            missing.add(doc_id)
        elif content_hash is None or ledger[doc_id] != content_hash:
            changed.add(doc_id)
        else:
            committed.add(doc_id)
    return LedgerCheck(sorted(committed), sorted(changed - committed), sorted(missing))
