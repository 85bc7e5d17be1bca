"""Benchmark: how load time and named-query latency grow with the graph (synthetic, ``kg synth``).

Grows one synthetic graph (:mod:`kg.synth`) on a throw-away server (data in
``.rasd/neo4j-bench-scale``, a free port) through the normal loader, step by
step up to each size in ``--sizes`` (events): each step loads a further
synthetic corpus (its own seed, the same actors and places), so a step costs only
its new events. Every synthetic event carries an ``event_key``: reports of one
event are joined by key, the clustering of unkeyed reports is not exercised,
and the load measures the loader.

At each size, every named read query (``named_queries``, representative
parameters as in ``benchmarks/queries.py``, adapted to synthetic ids) runs once
to warm up and then ``--reps`` times per run; p50/p95/p99 are medians over
``--runs`` runs. Then the same with our constraints and indexes dropped
(``cypher/naive_drop_schema.cypher``; ``--no-baseline`` skips it), after which
``cypher/schema.cypher`` is applied again. A query whose second (warm) call
takes longer than ``--slow`` seconds is run ``--slow-reps`` times per run only (marked ``*``);
one running past ``--timeout`` is shown as a timeout.
Prints a load table (the growth curve), a latency table per size, and a machine line.

    .venv/bin/python benchmarks/scale.py --sizes 100000,300000 --runs 3 --reps 20
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from loader import _free_port, _wipe, machine_line  # noqa: E402
from neo4j import Driver, GraphDatabase, Query  # noqa: E402
from neo4j.exceptions import ClientError  # noqa: E402

from kg.synth import SynthConfig, SynthCorpus  # noqa: E402
from loaders.neo4j.loader import GraphLoader  # noqa: E402
from loaders.neo4j.named import named_queries, query_info, resolve_params  # noqa: E402
from loaders.neo4j.queries import load_query, split_statements  # noqa: E402
from loaders.neo4j.schema import apply_schema  # noqa: E402
from loaders.neo4j.server import LocalServer, start, stop  # noqa: E402
from loaders.neo4j.stats import graph_stats  # noqa: E402

INGESTED_AT = "2026-01-01T00:00:00Z"
TOP_ACTOR, SECOND_ACTOR = "synth-actor-00000", "synth-actor-00001"


def params_for(start_year: int, years: int) -> list[tuple[str, dict[str, Any]]]:
    """Every named query with parameters that hit the synthetic graph (one year window)."""
    y0, y1 = f"{start_year + years - 1}-01-01", f"{start_year + years - 1}-12-31"
    mid = f"{start_year + years - 1}-06-01"
    params: dict[str, dict[str, Any]] = {
        "actor_timeline": {"actor": TOP_ACTOR, "start": y0, "end": y1},
        "as_of_snapshot": {"as_of": mid},
        "attribution": {},
        "co_participation": {"start": y0, "end": y1},
        "corroboration": {"min_sources": 2},
        "entity_neighbourhood": {"id": TOP_ACTOR, "depth": 2, "start": y0, "end": y1},
        "events_in_window": {"start": y0, "end": y1, "place": "synth-place-000001"},
        "graph_stats": {},
        "graph_totals": {},
        "most_active_actors": {"start": y0, "end": y1},
        "place_history": {"place": "synth-place-000001", "subtree": True},
        "time_respecting_path": {"from": TOP_ACTOR, "to": SECOND_ACTOR, "start": y0, "end": y1},
    }
    calls = [(n, params.get(n, {})) for n in named_queries()]
    calls.append(("events_in_window", {"start": mid, "end": mid}))
    calls.append(("time_respecting_path", {"from": "synth-actor-00050", "to": "synth-actor-00120",
                                           "start": y0, "end": y1}))
    return calls


def _pct(values: list[float], q: float) -> float:
    xs = sorted(values)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def run_with_timeout(driver: Driver, name: str, params: dict[str, Any], timeout: float) -> int | None:
    """Run a named read query as ``run_named`` does, but with a server-side time limit.

    Returns the number of rows, or ``None`` when the query ran past ``timeout`` seconds.
    """
    full = resolve_params(query_info(name), dict(params))
    try:
        records, _, _ = driver.execute_query(Query(load_query(name), timeout=timeout), full,
                                             database_="neo4j", routing_="r")
    except ClientError as exc:
        if "Timeout" in (exc.code or "") or "terminated" in str(exc).lower():
            return None
        raise
    return len(records)


Timing = tuple[float, float, float, int, int]  # p50, p95, p99 ms, rows (-1: timed out), reps


def time_queries(driver: Driver, calls: list[tuple[str, dict[str, Any]]], runs: int, reps: int,
                 slow: float, slow_reps: int, timeout: float,
                 skip: frozenset[str] = frozenset()) -> list[Timing]:
    """(p50, p95, p99 ms — medians over runs —, rows, reps) per call; rows -1: timed out, -2: skipped."""
    out: list[Timing] = []
    for name, params in calls:
        if name in skip:
            out.append((0.0, 0.0, 0.0, -2, 0))
            continue
        rows = run_with_timeout(driver, name, params, timeout)  # warm-up (plan cache, page cache)
        if rows is None:
            out.append((timeout * 1000, timeout * 1000, timeout * 1000, -1, 1))
            continue
        t = time.perf_counter()
        run_with_timeout(driver, name, params, timeout)  # a warm call decides the reps
        n = slow_reps if time.perf_counter() - t > slow else reps
        per_run = []
        for _ in range(runs):
            times = []
            for _ in range(n):
                t = time.perf_counter()
                run_with_timeout(driver, name, params, timeout)
                times.append((time.perf_counter() - t) * 1000)
            per_run.append((_pct(times, 0.5), _pct(times, 0.95), _pct(times, 0.99)))
        p50, p95, p99 = (statistics.median(r[k] for r in per_run) for k in range(3))
        out.append((p50, p95, p99, rows, n))
    return out


def drop_schema(driver: Driver) -> None:
    for statement in split_statements(load_query("naive_drop_schema")):
        driver.execute_query(statement, database_="neo4j")


def _print_latency(size: int, calls: list[tuple[str, dict[str, Any]]], with_idx: list[Any],
                   without: list[Any] | None, args: argparse.Namespace) -> None:
    print(f"\nquery latency at {size:,} events, ms (median over {args.runs} runs of p50/p95/p99 of "
          f"{args.reps} reps; * = a warm call over {args.slow} s, {args.slow_reps} rep(s) per run)")
    print(f"{'query':<22} {'parameters':<44} {'rows':>5} {'p50':>8} {'p95':>8} {'p99':>8}"
          + ("   | no indexes: p50 / p95" if without else ""))
    worst = ("", 0.0)
    for i, (name, params) in enumerate(calls):
        p50, p95, p99, rows, n = with_idx[i]
        if p95 > worst[1]:
            worst = (name, p95)
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        if rows < 0:
            line = f"{name:<22} {shown[:44]:<44} {'—':>5} {'timeout > ' + str(args.timeout) + ' s':>26}"
        else:
            line = (f"{name + ('*' if n != args.reps else ''):<22} {shown[:44]:<44} {rows:>5} "
                    f"{p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")
        if without:
            b50, b95, _, brows, bn = without[i]
            line += ("   | not run (--skip-baseline)" if brows == -2 else "   | timeout" if brows < 0 else
                     f"   | {b50:>9.1f} / {b95:.1f}{'*' if bn != args.reps else ''}")
        print(line)
    print(f"slowest p95 at {size:,} events: {worst[0]} {worst[1]:.1f} ms (goal at 1M: < 100 ms)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,300000", help="event counts, ascending (comma list)")
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--slow", type=float, default=2.0, help="seconds: a slower warm call cuts reps")
    parser.add_argument("--slow-reps", type=int, default=1, help="reps per run of a slow query")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds: a query running longer is stopped and shown as a timeout")
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--heap", default="3g")
    parser.add_argument("--pagecache", default="3g")
    parser.add_argument("--skip-baseline", default="time_respecting_path",
                        help="queries not run without indexes (comma list): the path search "
                             "ignores the transaction timeout there and ran for > 9 min at 25k events")
    parser.add_argument("--no-baseline", action="store_true", help="skip the run without indexes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    server = LocalServer(home=ROOT / ".rasd" / "neo4j-bench-scale", port=_free_port(),
                         heap=args.heap, pagecache=args.pagecache)
    machine = machine_line(server)
    print(machine, flush=True)
    start(server, timeout=300)
    driver = GraphDatabase.driver(server.uri, auth=None)
    calls = params_for(2016, args.years)
    growth: list[tuple[int, float, int, int, float]] = []
    tables: list[tuple[int, list[Any], list[Any] | None]] = []
    try:
        _wipe(driver)
        loaded = 0
        for step, size in enumerate(sizes):
            config = SynthConfig(events=size - loaded, actors=args.actors, places=args.places,
                                 years=args.years, seed=1000 + step)
            corpus = SynthCorpus(config)
            loader = GraphLoader(driver, "neo4j", batch_size=args.batch_size, ingested_at=INGESTED_AT,
                                 parents=corpus.parents())
            t0 = time.perf_counter()
            stats = loader.load(corpus.extractions())
            secs = time.perf_counter() - t0
            loaded = size
            st = graph_stats(driver, "neo4j")
            growth.append((size, secs, stats.elements, st.node_total + st.relationship_total,
                           (size - (sizes[step - 1] if step else 0)) / secs))
            print(f"[{time.strftime('%H:%M:%S')}] {size:,} events loaded (+{secs:.0f} s, "
                  f"{growth[-1][4]:,.0f} new events/s, {stats.elements:,} elements written); "
                  f"graph {st.node_total:,} nodes, {st.relationship_total:,} relationships", flush=True)
            top, _, _ = driver.execute_query(
                "MATCH (e:Event) RETURN e.id AS id ORDER BY e.source_count DESC, e.id LIMIT 1",
                database_="neo4j", routing_="r")
            calls = [(n, {"id": top[0]["id"]} if n == "event_reports" else p) for n, p in calls]
            with_idx = time_queries(driver, calls, args.runs, args.reps, args.slow, args.slow_reps,
                                       args.timeout)
            without = None
            if not args.no_baseline:
                drop_schema(driver)
                without = time_queries(driver, calls, args.runs, args.reps, args.slow, args.slow_reps,
                                       args.timeout, frozenset(args.skip_baseline.split(",")))
                apply_schema(driver, "neo4j")
            tables.append((size, with_idx, without))
            _print_latency(size, calls, with_idx, without, args)
            print(f"[{time.strftime('%H:%M:%S')}] queries timed at {size:,} events", flush=True)
    finally:
        driver.close()
        stop(server)

    print(machine)
    print(f"synthetic graph: --actors {args.actors} --places {args.places} --years {args.years}, "
          f"keyed multi-source events (loader's clustering bypassed); batch size {args.batch_size}")
    print("\nload (growth curve): each step loads only its new events into the graph so far")
    print(f"{'events':>10} {'step load s':>12} {'new events/s':>13} {'elements written':>17} "
          f"{'graph elements':>15}")
    for size, secs, written, total, rate in growth:
        print(f"{size:>10,} {secs:>12.1f} {rate:>13,.0f} {written:>17,} {total:>15,}")
    print("\n(latency tables: printed above, after each step)")


if __name__ == "__main__":
    main()
