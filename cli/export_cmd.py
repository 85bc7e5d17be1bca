"""``kg export graphml|gexf|rdf|acled --out FILE [--start --end]``: the graph for other tools.

graphml/gexf: a window of the graph for Gephi; rdf: N-Quads, TriG, Turtle or JSON-LD for
partners' triple stores (streamed in pages, with a progress bar); acled: ACLED-layout CSV.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import typer

from cli.console import console, fail

app = typer.Typer(help="Export the graph: GraphML/GEXF (Gephi), RDF (partners' triple stores), "
                       "ACLED-layout CSV.", no_args_is_help=True)

OUT = typer.Option(..., "--out", "-o", dir_okay=False, writable=True, help="Output file.")
START = typer.Option(None, "--start", help="Window start, YYYY-MM-DD (open when left out).")
END = typer.Option(None, "--end", help="Window end, YYYY-MM-DD (open when left out).")
START_LOCAL = typer.Option(True, "--start-server/--no-start-server",
                           help="Start the local Neo4j if it is not running.")


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{name} must be YYYY-MM-DD, got {value!r}")


def _export(out: Path, start: str | None, end: str | None, fmt: Literal["graphml", "gexf"],
            start_local: bool) -> None:
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.server import ServerError
    from loaders.networkx_graph import read_window, write_graph

    lo, hi = _date(start, "--start"), _date(end, "--end")
    try:
        with connect(start_local=start_local) as (driver, database):
            g = read_window(driver, database, start=lo, end=hi)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    out.parent.mkdir(parents=True, exist_ok=True)
    write_graph(g, out, fmt)
    console.print(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges → {out}")


@app.command()
def graphml(out: Path = OUT, start: str | None = START, end: str | None = END,
            start_local: bool = START_LOCAL) -> None:
    """GraphML: nodes and edges with start/end (valid time) for Gephi's timeline."""
    _export(out, start, end, "graphml", start_local)


@app.command()
def gexf(out: Path = OUT, start: str | None = START, end: str | None = END,
         start_local: bool = START_LOCAL) -> None:
    """GEXF 1.2: the same graph in Gephi's own format."""
    _export(out, start, end, "gexf", start_local)


RDF_FORMAT = typer.Option("trig", "--format", "-f",
                          help="trig (one named graph per article + merged facts), nquads (the same, "
                               "line-based), turtle (all facts, no graphs) or jsonld (expanded JSON-LD).")
BASE = typer.Option("https://example.org/rasd/", "--base",
                    help="Base of the exported IRIs (absolute, ending with '/' or '#').")


def _progress() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from cli.console import errors

    return Progress(TextColumn("{task.description}"), BarColumn(bar_width=None), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=errors, transient=False)


def _quiet_notifications() -> None:
    import logging

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


@app.command()
def rdf(out: Path = OUT, fmt: str = RDF_FORMAT, base: str = BASE, start: str | None = START,
        end: str | None = END, start_local: bool = START_LOCAL) -> None:
    """RDF for partners: TriG, N-Quads, Turtle or JSON-LD, streamed from Neo4j page by page.

    One named graph per article holds what it said (reports, mentions, claims); the graph
    <BASE>graph/merged holds entities (owl:sameAs Wikidata), merged events and time-scoped
    relations reified as nodes, linked to the per-article facts by prov:wasDerivedFrom.
    --start/--end keep events and relations whose valid time overlaps the window.
    Check the file with `kg validate FILE`.
    """
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.server import ServerError
    from loaders.rdf.export import export_rdf, planned_rows
    from loaders.rdf.read import Window
    from loaders.rdf.terms import InvalidBase, Iris
    from loaders.rdf.writers import FORMATS

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    try:
        Iris(base)
    except InvalidBase as exc:
        fail(f"--base: {exc}")
    lo, hi = _date(start, "--start"), _date(end, "--end")
    window = Window(lo.isoformat() if lo else None, hi.isoformat() if hi else None)
    _quiet_notifications()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    try:
        with connect(start_local=start_local) as (driver, database), _progress() as bar, \
                tmp.open("w", encoding="utf-8") as f:
            task = bar.add_task(f"export {fmt}", total=planned_rows(driver, database))
            stats = export_rdf(driver, database, f, fmt, base=base, window=window,
                               progress=lambda n: bar.advance(task, n))
            bar.update(task, total=stats.rows, completed=stats.rows)
    except (ConnectionFailed, ServerError) as exc:
        tmp.unlink(missing_ok=True)
        fail(str(exc))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"cannot write {out}: {exc}")
    tmp.replace(out)
    console.print(f"wrote {stats.quads:,} quads ({fmt}) from {stats.rows:,} rows in {stats.seconds:.1f} s "
                  f"({stats.quads_per_second:,.0f} quads/s) → {out}")


@app.command()
def acled(out: Path = OUT, start: str | None = START, end: str | None = END,
          start_local: bool = START_LOCAL) -> None:
    """ACLED-layout CSV: one row per event (event_id_cnty, event_date, … fatalities, rasd_event_id).

    Codes follow the ACLED codebook (time_precision 1-3, inter1/inter2, interaction,
    geo_precision); admin1/admin2 come from the governorate and district around the place.
    """
    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.server import ServerError
    from loaders.rdf.acled import export_acled
    from loaders.rdf.read import Window, count_rows

    lo, hi = _date(start, "--start"), _date(end, "--end")
    window = Window(lo.isoformat() if lo else None, hi.isoformat() if hi else None)
    _quiet_notifications()
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with connect(start_local=start_local) as (driver, database), _progress() as bar, \
                out.open("w", encoding="utf-8", newline="") as f:
            task = bar.add_task("export acled", total=count_rows(driver, database, "acled_events"))
            stats = export_acled(driver, database, f, window=window, progress=lambda n: bar.advance(task, n))
            bar.update(task, total=stats.rows, completed=stats.rows)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {out}: {exc}")
    console.print(f"wrote {stats.rows:,} events (ACLED layout) → {out}")
