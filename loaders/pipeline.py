"""Read → extract → (load): the batch pipeline behind ``kg extract`` and ``kg ingest``.

Bad input never stops a batch: a document that cannot be read or extracted
becomes a failed :class:`Outcome` naming the document and the reason, and the
rest goes on. The run ends with a :class:`Summary`.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from kg.model import Document, Extraction

__all__ = ["Outcome", "Summary", "extract_stream", "ingest"]

Status = Literal["ok", "failed", "unchanged", "skipped"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one document (one line of ``--report``)."""

    source: str
    doc_id: str | None
    status: Status
    reason: str | None = None
    entities: int = 0
    events: int = 0
    relations: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Summary:
    """Totals of a run."""

    read: int = 0
    ok: int = 0
    failed: int = 0
    unchanged: int = 0
    skipped: int = 0
    entities: int = 0
    events: int = 0
    relations: int = 0
    graph_elements: int = 0
    seconds: float = 0.0
    failures: list[Outcome] = field(default_factory=list)

    def record(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.failed += 1
            self.failures.append(outcome)
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.read += 1
            self.ok += 1
            self.entities += outcome.entities
            self.events += outcome.events
            self.relations += outcome.relations


def _outcome(item: Any, extract: Callable[[Document], Extraction]) -> tuple[Outcome, Extraction | None]:
    """One read item (a Document or a ReadError) → its outcome and extraction."""
    from loaders.readers import ReadError

    if isinstance(item, ReadError):
        status: Status = "skipped" if item.skipped else "failed"
        return Outcome(item.source, item.doc_id, status, item.reason), None
    source = item.source or item.doc_id
    try:
        ext = extract(item)
    except Exception as exc:  # one bad document must not end the batch
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return Outcome(source, item.doc_id, "failed", reason), None
    return Outcome(source, item.doc_id, "ok", None, len(ext.entities), len(ext.events),
                   len(ext.relations)), ext


def _outcomes(items: list[Any], extract: Callable[[Document], Extraction],
              ) -> list[tuple[Outcome, Extraction | None]]:
    """A chunk of items, in a worker process."""
    return [_outcome(item, extract) for item in items]


def _parallel(items: Iterator[Any], extract: Callable[[Document], Extraction], workers: int,
              chunk: int = 8) -> Iterator[tuple[Outcome, Extraction | None]]:
    """Extract in ``workers`` processes; yield in input order, with a bounded number in flight.

    Reading stays in this process; chunks of ``chunk`` documents go to the workers,
    at most ``4 * workers`` chunks at a time, so memory does not grow with the input.
    """
    import collections
    import multiprocessing

    with multiprocessing.get_context().Pool(workers) as pool:
        pending: collections.deque[Any] = collections.deque()
        while True:
            while len(pending) < 4 * workers:
                part = list(itertools.islice(items, chunk))
                if not part:
                    break
                pending.append(pool.apply_async(_outcomes, (part, extract)))
            if not pending:
                return
            yield from pending.popleft().get()


def extract_stream(paths: Iterable[str | Path],
                   extract: Callable[[Document], Extraction] | None = None,
                   *, workers: int = 1) -> Iterator[tuple[Outcome, Extraction | None]]:
    """Read every input and extract each document; yield ``(outcome, extraction)`` in input order.

    Failed reads and failed extractions yield ``(failed outcome, None)``. With
    ``workers > 1`` the extraction runs in that many worker processes (``extract``
    must then be picklable: a module-level function or a ``functools.partial`` of
    one); the output is the same, in the same order.
    """
    from loaders.readers import read_paths

    if extract is None:
        from kg.extract import extract as default_extract

        extract = default_extract
    if workers > 1:
        yield from _parallel(iter(read_paths(paths)), extract, workers)
        return
    for item in read_paths(paths):
        yield _outcome(item, extract)


def ingest(paths: Iterable[str | Path], loader: Any, *,
           extract: Callable[[Document], Extraction] | None = None,
           on_outcome: Callable[[Outcome], None] | None = None, workers: int = 1) -> Summary:
    """Read, extract and load ``paths`` through ``loader`` (a :class:`GraphLoader`).

    Documents are written in batches of ``loader.batch_size``; ``on_outcome`` is
    called for every document once its batch is committed (or once it failed).
    With ``workers > 1`` extraction runs in worker processes while this process
    alone writes, in input order (the loader's cross-article merge needs a single
    writer), so the graph is the same as with one worker.
    """
    started = time.perf_counter()
    summary = Summary()
    pending: list[tuple[Outcome, Extraction]] = []

    def flush() -> None:
        if not pending:
            return
        sources = {ext.doc_id: out.source for out, ext in pending}
        stats = loader.load_batch([ext for _, ext in pending], sources=sources)
        summary.graph_elements += stats.elements
        for out, ext in pending:
            if ext.doc_id in stats.unchanged_ids:
                out = Outcome(out.source, out.doc_id, "unchanged", None,
                              out.entities, out.events, out.relations)
                summary.unchanged += 1
            summary.record(out)
            if on_outcome:
                on_outcome(out)
        pending.clear()

    for outcome, ext in extract_stream(paths, extract, workers=workers):
        if ext is None:
            summary.record(outcome)
            if on_outcome:
                on_outcome(outcome)
            continue
        pending.append((outcome, ext))
        if len(pending) >= loader.batch_size:
            flush()
    flush()
    summary.seconds = time.perf_counter() - started
    return summary
