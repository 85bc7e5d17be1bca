"""Benchmark: RDF export throughput (triples/s) and SHACL validation time per 100k triples.

The graph: ``../shared/corpus/syria-news.jsonl`` extracted with ``kg.extract.extract`` and
loaded with the real loader (event merging on) into a throw-away server (data in
``.rasd/neo4j-bench-export``, a free port). Each format is exported ``--runs`` times to a file
under a temporary directory; the table shows the median with min-max:

- end to end: paged reads from Neo4j over Bolt + mapping + writing (what ``kg export rdf`` does);
- write only: the same pages read once beforehand, then mapping + writing (the Python side).

SHACL: the Turtle export parsed, then validated with ``ontology/shapes.ttl`` and the ontology
(pyshacl), ``--shacl-runs`` times; the time is scaled to 100k triples. Goal: >= 200k triples/s
for N-Quads end to end. Prints a machine line (cores, load average).

    .venv/bin/python benchmarks/export.py --runs 3 --shacl-runs 3
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from neo4j import GraphDatabase  # noqa: E402

from loaders.neo4j.loader import GraphLoader  # noqa: E402
from loaders.neo4j.schema import apply_schema  # noqa: E402
from loaders.neo4j.server import LocalServer, start, stop  # noqa: E402
from loaders.neo4j.stats import graph_stats  # noqa: E402
from loaders.pipeline import extract_stream  # noqa: E402
from loaders.rdf.export import export_rdf  # noqa: E402
from loaders.rdf.mapping import Mapper  # noqa: E402
from loaders.rdf.read import pages  # noqa: E402
from loaders.rdf.terms import Iris  # noqa: E402
from loaders.rdf.validate import load_union, validate_graph  # noqa: E402
from loaders.rdf.writers import FORMATS, open_writer  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "syria-news.jsonl"
GOAL = 200_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cell(values: list[float], fmt: str = "{:,.0f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def _write_only(cached: list[tuple[str, list[dict[str, Any]]]], fmt: str, path: Path) -> tuple[int, float]:
    mapper = Mapper(Iris("https://example.org/rasd/"))
    fns = {"rdf_articles": mapper.article, "rdf_entities": mapper.entity, "rdf_claims": mapper.claim,
           "rdf_events": mapper.event, "rdf_relations": mapper.relations}
    t0 = time.perf_counter()
    with path.open("w", encoding="utf-8") as f:
        w = open_writer(fmt, f)
        for name, page in cached:
            fn = fns[name]
            w.write(q for row in page for q in fn(row))
        w.close()
    return w.count, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="export runs per format (default 3)")
    parser.add_argument("--shacl-runs", type=int, default=3, help="SHACL validation runs (default 3)")
    parser.add_argument("--formats", default="nquads,turtle,trig,jsonld",
                        help="formats to time (default nquads,turtle,trig,jsonld)")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f in FORMATS]

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    t0 = time.perf_counter()
    exts = [ext for _, ext in extract_stream([CORPUS]) if ext]
    extract_s = time.perf_counter() - t0
    server = LocalServer(home=ROOT / ".rasd" / "neo4j-bench-export", port=_free_port())
    start(server)
    driver = GraphDatabase.driver(server.uri, auth=None)
    e2e: dict[str, list[float]] = {f: [] for f in formats}
    wo: dict[str, list[float]] = {f: [] for f in formats}
    quads: dict[str, int] = {}
    shacl: list[float] = []
    loads = []
    try:
        with driver.session(database="neo4j") as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        apply_schema(driver, "neo4j")
        t0 = time.perf_counter()
        GraphLoader(driver, "neo4j").load(exts)
        load_s = time.perf_counter() - t0
        st = graph_stats(driver, "neo4j")
        cached = [(name, page) for name in ("rdf_articles", "rdf_entities", "rdf_claims", "rdf_events",
                                            "rdf_relations")
                  for page in pages(driver, "neo4j", name)]
        with tempfile.TemporaryDirectory(prefix="rasd-bench-export-") as tmp:
            for _ in range(args.runs):
                for fmt in formats:
                    path = Path(tmp) / f"graph{FORMATS[fmt]}"
                    with path.open("w", encoding="utf-8") as f:
                        stats = export_rdf(driver, "neo4j", f, fmt)
                    e2e[fmt].append(stats.quads / stats.seconds)
                    quads[fmt] = stats.quads
                    n, secs = _write_only(cached, fmt, path)
                    wo[fmt].append(n / secs)
                    loads.append(os.getloadavg()[0])
            ttl = Path(tmp) / "graph.ttl"
            with ttl.open("w", encoding="utf-8") as f:
                export_rdf(driver, "neo4j", f, "turtle")
            data = load_union(ttl)
            for _ in range(args.shacl_runs):
                t = time.perf_counter()
                report = validate_graph(data)
                shacl.append((time.perf_counter() - t) / len(data) * 100_000)
                loads.append(os.getloadavg()[0])
    finally:
        driver.close()
        stop(server)

    print(f"machine: {os.cpu_count()} cores, load average during runs {min(loads):.1f}-{max(loads):.1f}, "
          f"Python {platform.python_version()}, {platform.platform()}, Neo4j 5.26 community "
          f"(local, heap {server.heap}, page cache {server.pagecache}), neo4j driver over Bolt on 127.0.0.1")
    print(f"graph: {CORPUS.name}: {len(exts)} articles extracted in {extract_s:.1f} s, "
          f"{st.node_total:,} nodes, {st.relationship_total:,} relationships, loaded in {load_s:.1f} s; "
          f"{args.runs} runs, median (min-max)")
    print(f"{'format':<8} {'triples':>9} {'end to end triples/s':>28} {'write only triples/s':>28}")
    for fmt in formats:
        print(f"{fmt:<8} {quads[fmt]:>9,} {_cell(e2e[fmt]):>28} {_cell(wo[fmt]):>28}")
    print(f"SHACL (pyshacl, shapes + ontology): {len(data):,} triples, conforms={report.conforms}; "
          f"{_cell(shacl, '{:.1f}')} s per 100k triples over {args.shacl_runs} runs")
    if "nquads" in e2e:
        med = statistics.median(e2e["nquads"])
        verdict = "met" if med >= GOAL else "NOT met"
        print(f"N-Quads end to end: {med:,.0f} triples/s — goal >= {GOAL:,}: {verdict}")


if __name__ == "__main__":
    main()
