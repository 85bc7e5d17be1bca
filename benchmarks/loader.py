"""Benchmark: our batched loader vs a naive one-MERGE-per-row loader (goal: >= 20x).

Both write the same extractions (``kg.extract.extract`` over the input, extracted
once before timing) into a throw-away server (data in ``.rasd/neo4j-bench-loader``,
a free port), each on an emptied database with the schema (constraints and indexes)
applied. Measured per run:

- first load: graph elements (nodes + relationships in the database afterwards)
  per second of load time;
- re-load of the same extractions: ours skips unchanged articles by content hash;
  the naive one has no such check and writes every row again.

Ours does more work per element (cross-article event merging, derived event fields,
relation periods); the naive one does none of it. Prints one table: median of
``--runs`` runs with min-max, and a machine line.

    .venv/bin/python benchmarks/loader.py ../shared/corpus/syria-news.jsonl --runs 3
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import socket
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from neo4j import Driver, GraphDatabase  # noqa: E402

from kg.model import Extraction  # noqa: E402
from loaders.neo4j.loader import GraphLoader  # noqa: E402
from loaders.neo4j.schema import apply_schema  # noqa: E402
from loaders.neo4j.server import LocalServer, start, stop  # noqa: E402
from loaders.neo4j.stats import graph_stats  # noqa: E402
from loaders.pipeline import extract_stream  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from naive import naive_load  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def _wipe(driver: Driver) -> None:
    with driver.session(database="neo4j") as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    apply_schema(driver, "neo4j")


def machine_line(server: LocalServer) -> str:
    """Cores, RAM, load average, Python, OS and Neo4j settings."""
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    load = os.getloadavg()
    return (f"machine: {os.cpu_count()} cores, {mem:.0f} GiB RAM, load avg {load[0]:.1f}/{load[1]:.1f} "
            f"at start (shared with other jobs), Python {platform.python_version()}, "
            f"{platform.platform()}, Neo4j 5.26 community (local, heap {server.heap}, "
            f"page cache {server.pagecache}), neo4j driver over Bolt on 127.0.0.1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="files or folders to extract and load")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--batch-size", type=int, default=100, help="our loader's batch size")
    args = parser.parse_args()

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    exts: list[Extraction] = [e for _, e in extract_stream(args.inputs) if e is not None]
    server = LocalServer(home=ROOT / ".rasd" / "neo4j-bench-loader", port=_free_port())
    machine = machine_line(server)
    start(server)
    driver = GraphDatabase.driver(server.uri, auth=None)
    ours: dict[str, list[float]] = {"first": [], "again": []}
    naive: dict[str, list[float]] = {"first": [], "again": []}
    sizes: dict[str, int] = {}
    statements = 0
    try:
        for _ in range(args.runs):
            _wipe(driver)
            t0 = time.perf_counter()
            GraphLoader(driver, "neo4j", batch_size=args.batch_size).load(exts)
            ours["first"].append(time.perf_counter() - t0)
            st = graph_stats(driver, "neo4j")
            sizes["ours"] = st.node_total + st.relationship_total
            t0 = time.perf_counter()
            GraphLoader(driver, "neo4j", batch_size=args.batch_size).load(exts)
            ours["again"].append(time.perf_counter() - t0)

            _wipe(driver)
            t0 = time.perf_counter()
            statements = naive_load(driver, "neo4j", exts)
            naive["first"].append(time.perf_counter() - t0)
            st = graph_stats(driver, "neo4j")
            sizes["naive"] = st.node_total + st.relationship_total
            t0 = time.perf_counter()
            naive_load(driver, "neo4j", exts)
            naive["again"].append(time.perf_counter() - t0)
    finally:
        driver.close()
        stop(server)

    def rate(kind: str, secs: list[float]) -> list[float]:
        return [sizes[kind] / s for s in secs]

    print(machine)
    print(f"input: {' '.join(args.inputs)} — {len(exts)} extractions; graph: {sizes['ours']:,} elements "
          f"(ours) / {sizes['naive']:,} (naive, {statements:,} statements); {args.runs} runs, "
          f"median (min–max)")
    print(f"{'loader':<36} {'seconds':<24} graph elements/s")
    for label, kind, secs in (("ours (batched), first load", "ours", ours["first"]),
                              ("ours (batched), re-load unchanged", "ours", ours["again"]),
                              ("naive (MERGE per row), first load", "naive", naive["first"]),
                              ("naive (MERGE per row), re-load", "naive", naive["again"])):
        print(f"{label:<36} {statistics.median(secs):<8.2f} ({min(secs):.2f}–{max(secs):.2f})"
              f"{'':<4} {_fmt(rate(kind, secs))}")
    speed_first = statistics.median(rate("ours", ours["first"])) / statistics.median(
        rate("naive", naive["first"]))
    speed_again = statistics.median(rate("ours", ours["again"])) / statistics.median(
        rate("naive", naive["again"]))
    ratio = statistics.median(ours["first"]) / statistics.median(ours["again"])
    print(f"speed-up ours/naive (elements/s): first load {speed_first:.1f}x, re-load {speed_again:.1f}x "
          f"(goal >= 20x: {'met' if speed_first >= 20 else 'NOT met'}); "
          f"ours re-load is {ratio:.1f}x faster than its first load (goal >= 2x)")


if __name__ == "__main__":
    main()
