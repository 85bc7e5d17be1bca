"""``kg``: the Rasd command line.

Commands: ``extract`` (articles → kg-extraction/1 JSONL, offline), ``ingest``
(read → extract → load into Neo4j), ``stats``, ``schema`` and ``neo4j``
(the local server). Every command has ``--help``.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from cli import dump_cmd, export_cmd, neo4j_cmd
from cli.console import console, errors, fail
from cli.eval_cmd import eval_command
from cli.ner_cmd import ner_command
from cli.query_cmd import query_command
from cli.synth_cmd import synth_command
from cli.validate_cmd import validate_command
from kg.model import Document, Extraction

app = typer.Typer(
    name="kg",
    help=(
        "Rasd (رصد): a temporal knowledge graph of armed-conflict events from Arabic news.\n\n"
        "Reads articles (.txt, .jsonl, .jsonl.gz, TREC-style, .html, or folders of them), "
        "extracts actors, persons, places, ACLED-typed events and relations offline, and loads "
        "them into Neo4j. The local Neo4j is started as needed unless NEO4J_URI is set."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(neo4j_cmd.app, name="neo4j")
app.add_typer(export_cmd.app, name="export")
app.command(name="eval")(eval_command)
app.command(name="ner")(ner_command)
app.command(name="query")(query_command)
app.command(name="validate")(validate_command)
dump_cmd.register(app)  # kg dump / kg restore / kg ledger
app.command(name="synth")(synth_command)

INPUTS = typer.Argument(
    ..., show_default=False,
    help="Article files or folders (.txt, .jsonl, .jsonl.gz, TREC .txt/.xml, .html).")
REPORT = typer.Option(None, "--report", help="Write one JSON line per document (status, reason, counts).",
                      dir_okay=False, writable=True)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=None),
        MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
        console=errors, transient=False,
    )


def _print_failures(failures: list[Any], limit: int = 20) -> None:
    for out in failures[:limit]:
        name = out.doc_id or out.source
        where = f" ({out.source})" if out.doc_id and out.source != out.doc_id else ""
        errors.print(f"[red]failed[/] {name}{where}: {out.reason}", markup=True, soft_wrap=True)
    if len(failures) > limit:
        errors.print(f"… and {len(failures) - limit} more failures (see --report)")


def _extractor(ner: bool) -> Callable[[Document], Extraction]:
    from kg.extract import extract

    return functools.partial(extract, use_ner=ner) if ner else extract


def _check_inputs(inputs: list[Path]) -> None:
    missing = [str(p) for p in inputs if not p.exists() and not p.is_symlink()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")


@app.command()
def extract(
    inputs: list[Path] = INPUTS,
    out: Path = typer.Option(..., "--out", "-o", dir_okay=False, writable=True,
                             help="Output file: kg-extraction/1, one JSON line per document."),
    report: Path | None = REPORT,
    ner: bool = typer.Option(False, "--ner/--no-ner",
                             help="Also run the NER model for person names the rules miss (slower)."),
) -> None:
    """Extract entities, events and relations from articles into a JSONL file (no database).

    Documents that cannot be read or extracted are reported with the reason and
    skipped; the rest of the batch goes on. Exit status 1 when any document failed.
    """
    from loaders.pipeline import Summary, extract_stream

    _check_inputs(inputs)
    summary = Summary()
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack, _progress() as progress:
        sink = stack.enter_context(out.open("w", encoding="utf-8"))
        rep: IO[str] | None = stack.enter_context(report.open("w", encoding="utf-8")) if report else None
        task = progress.add_task("extracting", total=None, rate="")
        for outcome, ext in extract_stream(inputs, _extractor(ner)):
            summary.record(outcome)
            if ext is not None:
                sink.write(ext.to_json() + "\n")
            if rep:
                rep.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
            done = summary.ok + summary.failed
            rate = done / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:.0f} docs/s")
    summary.seconds = time.perf_counter() - started
    _print_failures(summary.failures)
    console.print(
        f"extracted {summary.ok} documents ({summary.failed} failed, {summary.skipped} files skipped) "
        f"in {summary.seconds:.1f} s: "
        f"{summary.entities} entities, {summary.events} events, {summary.relations} relations → {out}"
    )
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: list[Path] = INPUTS,
    batch_size: int = typer.Option(100, min=1, help="Documents per write transaction."),
    force: bool = typer.Option(False, help="Re-write documents whose content hash is unchanged."),
    report: Path | None = REPORT,
    start_local: bool = typer.Option(True, "--start/--no-start",
                                     help="Start the local Neo4j if it is not running."),
    ner: bool = typer.Option(False, "--ner/--no-ner",
                             help="Also run the NER model for person names the rules miss (slower)."),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Extraction processes; one writer loads in input order (same graph)."),
) -> None:
    """Read, extract and load articles into Neo4j, then print a summary.

    Loading is idempotent: unchanged documents are skipped by content hash, changed
    ones replace what they said before. Exit status 1 when any document failed.
    """
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.loader import GraphLoader
    from loaders.neo4j.schema import apply_schema
    from loaders.neo4j.server import ServerError
    from loaders.neo4j.stats import graph_stats
    from loaders.pipeline import Outcome
    from loaders.pipeline import ingest as run_ingest

    _check_inputs(inputs)
    try:
        with connect(start_local=start_local) as (driver, database), ExitStack() as stack:
            apply_schema(driver, database)
            loader = GraphLoader(driver, database, batch_size=batch_size, force=force)
            rep: IO[str] | None = stack.enter_context(report.open("w", encoding="utf-8")) if report else None
            started = time.perf_counter()
            with _progress() as progress:
                task = progress.add_task("ingesting", total=None, rate="")
                count = 0

                def on_outcome(out: Outcome) -> None:
                    nonlocal count
                    count += 1
                    if rep:
                        rep.write(json.dumps(out.to_dict(), ensure_ascii=False) + "\n")
                    rate = count / max(time.perf_counter() - started, 1e-9)
                    progress.update(task, advance=1, rate=f"{rate:.0f} docs/s")

                summary = run_ingest(inputs, loader, extract=_extractor(ner), on_outcome=on_outcome,
                                     workers=workers)
            totals = graph_stats(driver, database)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    _print_failures(summary.failures)
    table = Table(title="Ingest summary", show_header=False)
    table.add_row("documents read", str(summary.read))
    table.add_row("  loaded", str(summary.ok - summary.unchanged))
    table.add_row("  unchanged (skipped)", str(summary.unchanged))
    table.add_row("documents failed", str(summary.failed))
    table.add_row("files skipped (not articles)", str(summary.skipped))
    table.add_row("entities extracted", str(summary.entities))
    table.add_row("events extracted", str(summary.events))
    table.add_row("relations extracted", str(summary.relations))
    table.add_row("graph elements written", str(summary.graph_elements))
    table.add_row("seconds", f"{summary.seconds:.2f}")
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    table.add_row("documents/s", f"{rate:.1f}")
    table.add_row("graph now", f"{totals.node_total} nodes, {totals.relationship_total} relationships")
    console.print(table)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def stats(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    start_local: bool = typer.Option(True, "--start/--no-start",
                                     help="Start the local Neo4j if it is not running."),
) -> None:
    """Count nodes per label and relationships per type in the graph."""
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.server import ServerError
    from loaders.neo4j.stats import graph_stats

    try:
        with connect(start_local=start_local) as (driver, database):
            st = graph_stats(driver, database)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    if as_json:
        console.print_json(json.dumps({"nodes": st.nodes, "relationships": st.relationships,
                                       "node_total": st.node_total,
                                       "relationship_total": st.relationship_total}))
        return
    table = Table(title=f"Graph: {st.node_total} nodes, {st.relationship_total} relationships")
    table.add_column("element")
    table.add_column("label / type")
    table.add_column("count", justify="right")
    for name, n in sorted(st.nodes.items()):
        table.add_row("node", name, str(n))
    for name, n in sorted(st.relationships.items()):
        table.add_row("relationship", name, str(n))
    console.print(table)


@app.command()
def schema(
    start_local: bool = typer.Option(True, "--start/--no-start",
                                     help="Start the local Neo4j if it is not running."),
) -> None:
    """Apply cypher/schema.cypher (uniqueness constraints and indexes); safe to repeat."""
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.schema import apply_schema
    from loaders.neo4j.server import ServerError

    try:
        with connect(start_local=start_local) as (driver, database):
            n = apply_schema(driver, database)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    console.print(f"schema applied: {n} statements (constraints and indexes exist).")


@app.command()
def version() -> None:
    """Print the Rasd version."""
    import kg

    console.print(f"rasd {kg.__version__}")


if __name__ == "__main__":
    app()
