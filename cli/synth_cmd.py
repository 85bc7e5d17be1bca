"""``kg synth``: generate a synthetic conflict-news graph and load it through the normal loader."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from cli.console import console, errors, fail
from kg.model import Extraction

#: Record time of synthetic articles: fixed, so that one seed always gives the same graph.
SYNTH_INGESTED_AT = "2026-01-01T00:00:00Z"


def synth_command(
    events: int = typer.Option(10_000, "--events", min=0, help="Real-world events to generate."),
    actors: int = typer.Option(200, "--actors", min=2, help="Actors (activity follows a power law)."),
    places: int = typer.Option(1_000, "--places", min=2,
                               help="Places (country > governorates > districts > towns/villages)."),
    years: int = typer.Option(3, "--years", min=1, help="Years the events span (from --start-year)."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed gives the same graph."),
    start_year: int = typer.Option(2016, "--start-year", help="First year of the events."),
    max_sources: int = typer.Option(3, "--max-sources", min=1, max=8,
                                    help="Most outlets that report one event (each in its own article)."),
    batch_size: int = typer.Option(100, "--batch-size", min=1, help="Articles per write transaction."),
    out: Path | None = typer.Option(None, "--out", "-o", dir_okay=False, writable=True,
                                    help="Write kg-extraction/1 JSONL here instead of loading Neo4j."),
    start_local: bool = typer.Option(True, "--start/--no-start",
                                     help="Start the local Neo4j if it is not running."),
) -> None:
    """Generate a synthetic graph (for scale tests) and load it into Neo4j through the normal loader.

    Power-law actor activity, a place hierarchy, contested places whose control
    changes hands (dated CONTROLS claims, from which periods are derived),
    events told by one to --max-sources outlets, fatalities. Every synthetic event
    carries an event_key, so reports of one event are joined by key (the loader's
    clustering of unkeyed reports is not exercised). Deterministic for a seed.
    Example: kg synth --events 100000 --actors 500 --places 2000 --years 3 --seed 1
    """
    from kg.synth import SynthConfig, SynthCorpus

    try:
        config = SynthConfig(events=events, actors=actors, places=places, years=years, seed=seed,
                             start_year=start_year, max_sources=max_sources)
    except ValueError as exc:
        fail(f"kg synth: {exc}")
    corpus = SynthCorpus(config)
    started = time.perf_counter()
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=None),
                        MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                        console=errors, transient=False)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        n_docs = 0
        seen: set[str] = set()
        with out.open("w", encoding="utf-8") as sink, progress:
            task = progress.add_task("generating", total=events, rate="")
            for ext in corpus.extractions():
                sink.write(ext.to_json() + "\n")
                n_docs += 1
                new = {e.event_key for e in ext.events if e.event_key not in seen}
                seen |= {k for k in new if k}
                progress.update(task, completed=len(seen), rate=f"{n_docs} articles")
        console.print(f"wrote {n_docs} synthetic articles ({len(seen)} events) → {out}")
        return

    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.loader import GraphLoader, LoadStats
    from loaders.neo4j.schema import apply_schema
    from loaders.neo4j.server import ServerError
    from loaders.neo4j.stats import graph_stats

    try:
        with connect(start_local=start_local) as (driver, database):
            apply_schema(driver, database)
            loader = GraphLoader(driver, database, batch_size=batch_size,
                                 ingested_at=SYNTH_INGESTED_AT, parents=corpus.parents())
            with progress:
                task = progress.add_task("loading synthetic events", total=events, rate="")
                keys: set[str] = set()

                def docs() -> Iterator[Extraction]:
                    for ext in corpus.extractions():
                        keys.update(e.event_key for e in ext.events if e.event_key)
                        yield ext

                def on_batch(stats: LoadStats) -> None:
                    rate = len(keys) / max(time.perf_counter() - started, 1e-9)
                    progress.update(task, completed=len(keys), rate=f"{rate:,.0f} events/s")

                total = loader.load(docs(), on_batch=on_batch)
            totals = graph_stats(driver, database)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    seconds = time.perf_counter() - started
    console.print(
        f"loaded {total.articles} synthetic articles ({total.unchanged} unchanged), {events} events, "
        f"{total.elements:,} graph elements written in {seconds:.1f} s; graph now "
        f"{totals.node_total:,} nodes, {totals.relationship_total:,} relationships")
