"""Benchmark: extraction speed on one core, against a read-only pass over the same input.

Prints one table: articles/s and MB/s (UTF-8 text) for reading alone and for
reading + extraction, median of ``--runs`` runs with min–max, and the
machine. The ratio says how close extraction is to the I/O floor.

    .venv/bin/python benchmarks/extract.py ../shared/corpus/ant-2018.jsonl.gz --runs 3
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable

from kg.extract import extract
from kg.model import Document
from loaders.readers import ReadError, read_paths


def _pass(inputs: list[str], limit: int | None,
          work: Callable[[Document], object] | None) -> tuple[int, int, float]:
    docs = nbytes = 0
    started = time.perf_counter()
    for item in itertools.islice(read_paths(inputs), limit):
        if isinstance(item, ReadError):
            continue
        docs += 1
        nbytes += len(item.text.encode("utf-8"))
        if work is not None:
            work(item)
    return docs, nbytes, time.perf_counter() - started


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values):,.1f} ({min(values):,.1f}–{max(values):,.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args()
    extract(Document("warm-up", "سيطر داعش على البوكمال"))  # load the data files once
    rows: dict[str, tuple[list[float], list[float]]] = {}
    docs = 0
    for name, work in (("read + clean only", None), ("read + extract", extract)):
        rates: list[float] = []
        mbs: list[float] = []
        for _ in range(args.runs):
            docs, nbytes, seconds = _pass(args.inputs, args.limit, work)
            rates.append(docs / seconds)
            mbs.append(nbytes / seconds / 1e6)
        rows[name] = (rates, mbs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {os.cpu_count()} cores (one used), Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"input: {' '.join(args.inputs)} — {docs:,} articles; {args.runs} runs, median (min–max)")
    print(f"{'pass':<20} {'articles/s':<30} MB/s of text")
    for name, (rates, mbs) in rows.items():
        print(f"{name:<20} {_fmt(rates):<30} {_fmt(mbs)}")
    ratio = statistics.median(rows["read + extract"][0]) / statistics.median(rows["read + clean only"][0])
    print(f"extraction runs at {ratio:.0%} of the read-only rate; peak RSS {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
