"""``kg dump FILE`` / ``kg restore FILE``: portable backup of the graph; ``kg ledger``: what is committed.

Registered on the main app by :func:`register` (one call in ``cli/main.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from cli.console import console, errors, fail

START_LOCAL = typer.Option(True, "--start/--no-start", help="Start the local Neo4j if it is not running.")


def dump(
    file: Path = typer.Argument(..., dir_okay=False, writable=True, show_default=False,
                                help="Output file (rasd-dump/1 JSON Lines; gzip when it ends in .gz)."),
    start_local: bool = START_LOCAL,
) -> None:
    """Write the whole graph to FILE: every node and relationship with all properties.

    The file is portable (JSON Lines) and complete: merge state and record time
    included, so `kg restore FILE` rebuilds the same graph (same fingerprint).
    The dump waits for a running ingest batch and sees no half-written batch.
    """
    from loaders.neo4j.backup import BackupError, dump_graph
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.server import ServerError

    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        with connect(start_local=start_local) as (driver, database), console.status("dumping…"):
            summary = dump_graph(driver, database, file)
    except (ConnectionFailed, ServerError, BackupError) as exc:
        fail(str(exc))
    console.print(f"dumped {summary.nodes} nodes and {summary.relationships} relationships → {file} "
                  f"(fingerprint {summary.fingerprint[:16]}…)")


def restore(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, show_default=False,
                                help="A file written by `kg dump`."),
    replace: bool = typer.Option(False, "--replace",
                                 help="Delete everything in the graph first (else it must be empty)."),
    start_local: bool = START_LOCAL,
) -> None:
    """Rebuild the graph from a `kg dump` FILE and check it has the dump's fingerprint.

    The graph must be empty (or pass --replace). Labels and relationship types in
    the file are checked against the model's allow-list. An interrupted restore
    leaves a partial graph: run it again with --replace.
    """
    from loaders.neo4j.backup import BackupError, is_empty, read_header, restore_graph
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.schema import apply_schema
    from loaders.neo4j.server import ServerError

    try:
        header = read_header(file)
        total = int(header.get("nodes", 0)) + int(header.get("relationships", 0))
        with connect(start_local=start_local) as (driver, database):
            if not replace and not is_empty(driver, database):
                raise BackupError("the graph is not empty: restore into an empty database, or pass "
                                  "--replace to delete everything in it first")
            apply_schema(driver, database)
            with Progress(SpinnerColumn(), TextColumn("restoring"), BarColumn(bar_width=None),
                          MofNCompleteColumn(), console=errors) as progress:
                task = progress.add_task("restoring", total=total)
                summary = restore_graph(driver, database, file, replace=replace,
                                        on_progress=lambda n: progress.advance(task, n))
    except (ConnectionFailed, ServerError, BackupError) as exc:
        fail(str(exc))
    console.print(f"restored {summary.nodes} nodes and {summary.relationships} relationships from {file}; "
                  f"fingerprint matches the dump ({summary.fingerprint[:16]}…)")


def ledger(
    inputs: list[Path] = typer.Argument(None, show_default=False,
                                        help="Article files or folders to check against the ledger."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    start_local: bool = START_LOCAL,
) -> None:
    """The ingest ledger: which documents the graph has committed, with which content.

    Without INPUTS: one line per committed document (content hash, source, record
    time, mentions, reports, claims). With INPUTS (read, not extracted): how many of
    their documents are committed, changed or missing, i.e. what re-running
    `kg ingest INPUTS` would load. Exit status 1 when some are not committed.
    """
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.ledger import compare, read_ledger
    from loaders.neo4j.server import ServerError

    try:
        with connect(start_local=start_local) as (driver, database):
            entries = read_ledger(driver, database)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    if not inputs:
        if as_json:
            for e in entries:
                console.print(json.dumps(e.to_dict(), ensure_ascii=False), soft_wrap=True, markup=False)
            return
        table = Table(title=f"Ingest ledger: {len(entries)} documents committed")
        for column in ("doc id", "content hash", "source", "ingested at", "mentions", "reports", "claims"):
            table.add_column(column)
        for e in entries:
            table.add_row(e.doc_id, (e.content_hash or "")[:12], e.source or "", e.ingested_at or "",
                          str(e.mentions), str(e.reports), str(e.claims))
        console.print(table)
        return
    from loaders.readers import read_paths

    missing_paths = [str(p) for p in inputs if not p.exists()]
    if missing_paths:
        fail(f"no such file or folder: {', '.join(missing_paths)}")
    docs = [(d.doc_id, d.content_hash) for d in read_paths(inputs) if hasattr(d, "content_hash")]
    check = compare({e.doc_id: e.content_hash for e in entries}, docs)
    if as_json:
        console.print_json(json.dumps({"committed": len(check.committed), "changed": check.changed,
                                       "missing": check.missing}))
    else:
        console.print(f"{len(check.committed)} committed, {len(check.changed)} changed, "
                      f"{len(check.missing)} missing (of {len(docs)} documents read)")
        for doc_id in check.changed[:20]:
            console.print(f"changed  {doc_id}", markup=False)
        for doc_id in check.missing[:20]:
            console.print(f"missing  {doc_id}", markup=False)
    if not check.complete:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``dump``, ``restore`` and ``ledger`` to the ``kg`` app."""
    app.command(name="dump")(dump)
    app.command(name="restore")(restore)
    app.command(name="ledger")(ledger)
