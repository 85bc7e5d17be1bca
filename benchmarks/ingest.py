"""Benchmark: ingest (read → extract → load) into a real Neo4j, first load and re-load.

Runs on its own throw-away server (data in ``.rasd/neo4j-bench``, a free port),
never on the data of ``make run``. Prints one table: documents/s and graph
elements/s, median of ``--runs`` runs with min–max, and the machine. With
``--workers 1,2`` every measurement is made for each number of extraction
processes (``kg ingest --workers N``: N extraction processes, one writer) and the
speed-up over the first value is printed.

    .venv/bin/python benchmarks/ingest.py ../shared/corpus/syria-news.jsonl --runs 3 --workers 1,2
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import socket
import statistics
import time
from pathlib import Path

from neo4j import GraphDatabase

from kg.extract import extract
from loaders.neo4j.loader import GraphLoader
from loaders.neo4j.schema import apply_schema
from loaders.neo4j.server import LocalServer, start, stop
from loaders.neo4j.stats import graph_stats
from loaders.pipeline import extract_stream, ingest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fmt(values: list[float], unit: str) -> str:
    return f"{statistics.median(values):,.1f} {unit} ({min(values):,.1f}–{max(values):,.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="files or folders to ingest")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--workers", default="1", help="extraction processes, a comma list (default 1)")
    args = parser.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

    server = LocalServer(home=ROOT / ".rasd" / "neo4j-bench", port=_free_port())
    t0 = time.perf_counter()
    start(server)
    start_s = time.perf_counter() - t0
    driver = GraphDatabase.driver(server.uri, auth=None)
    try:
        extract_s: dict[int, list[float]] = {w: [] for w in workers}
        first: dict[int, list[tuple[float, float]]] = {w: [] for w in workers}
        again: dict[int, list[tuple[float, float]]] = {w: [] for w in workers}
        elements = n_docs = 0
        for _ in range(args.runs):
            for w in workers:
                # extraction alone (no database), for the split
                t0 = time.perf_counter()
                n_docs = sum(1 for _, ext in extract_stream(args.inputs, extract, workers=w)
                             if ext is not None)
                extract_s[w].append(n_docs / (time.perf_counter() - t0))
                with driver.session(database="neo4j") as session:
                    session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
                                ).consume()
                apply_schema(driver, "neo4j")
                loader = GraphLoader(driver, "neo4j", batch_size=args.batch_size)
                s1 = ingest(args.inputs, loader, workers=w)
                st = graph_stats(driver, "neo4j")
                elements = st.node_total + st.relationship_total
                first[w].append((s1.read / s1.seconds, elements / s1.seconds))
                s2 = ingest(args.inputs, GraphLoader(driver, "neo4j", batch_size=args.batch_size),
                            workers=w)
                again[w].append((s2.read / s2.seconds, elements / s2.seconds))
    finally:
        driver.close()
        stop(server)

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}, Neo4j 5.26 (local, heap {server.heap}, page cache {server.pagecache})")
    print(f"input: {' '.join(args.inputs)} — {n_docs} documents, graph of {elements:,} elements "
          f"(nodes + relationships); {args.runs} runs")
    print(f"{'measure':<34} {'documents/s':<32} graph elements/s")
    for w in workers:
        tag = f", workers={w}" if len(workers) > 1 else ""
        print(f"{'extract only (no database)' + tag:<34} {_fmt(extract_s[w], ''):<32}")
        print(f"{'ingest, first load' + tag:<34} {_fmt([f[0] for f in first[w]], ''):<32} "
              f"{_fmt([f[1] for f in first[w]], '')}")
        print(f"{'ingest, re-load (all unchanged)' + tag:<34} {_fmt([a[0] for a in again[w]], ''):<32} "
              f"{_fmt([a[1] for a in again[w]], '')}")
    base = workers[0]
    for w in workers[1:]:
        def med(xs: list[float]) -> float:
            return statistics.median(xs)
        print(f"speed-up workers={w} over workers={base}: extraction "
              f"{med(extract_s[w]) / med(extract_s[base]):.2f}x, ingest first load "
              f"{med([f[0] for f in first[w]]) / med([f[0] for f in first[base]]):.2f}x "
              f"({os.cpu_count()} cores; load avg now {os.getloadavg()[0]:.1f})")
    print(f"Neo4j start until Bolt answers: {start_s:.1f} s")


if __name__ == "__main__":
    main()
