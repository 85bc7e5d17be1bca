"""Benchmark: latency of every named read query on the dev graph (target: p50 < 50 ms each).

The dev graph: the gold files of ``../shared/eval/dev`` plus ``../shared/corpus/syria-news.jsonl``
extracted with ``kg.extract.extract``, loaded with the real loader (event merging on) into a
throw-away server (data in ``.rasd/neo4j-bench-queries``, a free port). Each query runs with
representative parameters, once to warm up, then ``--reps`` times; p50/p95/p99 are taken per
run and the table shows the median over ``--runs`` runs. Prints a machine line.

    .venv/bin/python benchmarks/queries.py --runs 3 --reps 30
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import platform
import socket
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from neo4j import GraphDatabase  # noqa: E402

from kg.model import Extraction  # noqa: E402
from loaders.neo4j.loader import GraphLoader  # noqa: E402
from loaders.neo4j.named import INTERNAL, named_queries, run_named  # noqa: E402
from loaders.neo4j.schema import apply_schema  # noqa: E402
from loaders.neo4j.server import LocalServer, start, stop  # noqa: E402
from loaders.neo4j.stats import graph_stats  # noqa: E402
from loaders.pipeline import extract_stream  # noqa: E402

SHARED = ROOT.parent / "shared"

#: Representative parameters per query (the rest take their defaults).
PARAMS: dict[str, dict[str, Any]] = {
    "actor_timeline": {"actor": "isis"},
    "as_of_snapshot": {"as_of": "2018-05-01"},
    "attribution": {},
    "co_participation": {"start": "2015-01-01", "end": "2018-12-31"},
    "corroboration": {"min_sources": 1},
    "entity_neighbourhood": {"id": "isis", "depth": 2, "start": "2018-01-01", "end": "2018-12-31"},
    "event_reports": {"id": "(the event with most sources)"},
    "events_in_window": {"start": "2018-01-01", "end": "2018-12-31", "place": "syria"},
    "graph_stats": {},
    "graph_totals": {},
    "graph_window_edges": {"start": "2018-01-01", "end": "2018-12-31"},
    "graph_window_nodes": {"start": "2018-01-01", "end": "2018-12-31"},
    "most_active_actors": {},
    "place_history": {"place": "deir-ez-zor", "subtree": True},
    "time_respecting_path": {"from": "us-led-coalition", "to": "sdf"},
}
EXTRA: list[tuple[str, dict[str, Any]]] = [
    ("entity_neighbourhood", {"id": "isis", "depth": 3}),
    ("place_history", {"place": "al-kum-station", "at": "2018-04-01", "as_of": "2018-05-01"}),
    ("actor_timeline", {"actor": "syrian-regime-forces", "as_of": "2018-05-01"}),
]
#: Bulk reads of the exporter (``kg export``): measured, reported apart, no latency target.
EXPORT = [(n, {"start": "2018-01-01", "end": "2018-12-31"}) for n in sorted(INTERNAL)
          if n.startswith("graph_window_")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], q: float) -> float:
    xs = sorted(values)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def _inputs() -> list[Extraction]:
    golds = [Extraction.from_dict(json.loads(Path(p).read_text(encoding="utf-8")))
             for p in sorted(glob.glob(str(SHARED / "eval" / "dev" / "*.gold.json")))]
    corpus = [ext for _, ext in extract_stream([SHARED / "corpus" / "syria-news.jsonl"]) if ext]
    return golds + corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs (default 3)")
    parser.add_argument("--reps", type=int, default=30, help="repetitions per query per run (default 30)")
    args = parser.parse_args()

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    exts = _inputs()
    server = LocalServer(home=ROOT / ".rasd" / "neo4j-bench-queries", port=_free_port())
    start(server)
    driver = GraphDatabase.driver(server.uri, auth=None)
    calls = [(n, PARAMS.get(n, {})) for n in named_queries()] + EXTRA + EXPORT
    results: dict[int, list[tuple[float, float, float, int]]] = {i: [] for i in range(len(calls))}
    try:
        with driver.session(database="neo4j") as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        apply_schema(driver, "neo4j")
        t0 = time.perf_counter()
        GraphLoader(driver, "neo4j").load(exts)
        load_s = time.perf_counter() - t0
        st = graph_stats(driver, "neo4j")
        top, _, _ = driver.execute_query(
            "MATCH (e:Event) RETURN e.id AS id ORDER BY e.source_count DESC, e.id LIMIT 1",
            database_="neo4j", routing_="r")
        calls = [(n, {"id": top[0]["id"]} if n == "event_reports" else p) for n, p in calls]
        for _ in range(args.runs):
            for i, (name, params) in enumerate(calls):
                _, rows = run_named(driver, "neo4j", name, params)  # warm-up (plan cache)
                times = []
                for _ in range(args.reps):
                    t = time.perf_counter()
                    run_named(driver, "neo4j", name, params)
                    times.append((time.perf_counter() - t) * 1000)
                results[i].append((_pct(times, 0.5), _pct(times, 0.95), _pct(times, 0.99), len(rows)))
    finally:
        driver.close()
        stop(server)

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}, "
          f"Neo4j 5.26 community (local, heap {server.heap}, page cache {server.pagecache}), "
          f"neo4j driver over Bolt on 127.0.0.1")
    print(f"graph: {len(exts)} articles ({st.node_total:,} nodes, {st.relationship_total:,} relationships), "
          f"loaded in {load_s:.1f} s; {args.runs} runs × {args.reps} reps; median over runs")
    print(f"{'query':<22} {'parameters':<48} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    worst = 0.0
    for i, (name, params) in enumerate(calls):
        rs = results[i]
        p50, p95, p99 = (statistics.median(r[k] for r in rs) for k in range(3))
        if (name, params) in EXPORT:
            name = f"{name} (export)"
        else:
            worst = max(worst, p50)
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        print(f"{name:<22} {shown[:48]:<48} {rs[0][3]:>5} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")
    print(f"slowest p50 of a named query: {worst:.1f} ms — target < 50 ms: "
          f"{'met' if worst < 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
