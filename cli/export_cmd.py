"""``kg export graphml|gexf --out FILE [--start --end]``: a window of the graph for Gephi."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import typer

from cli.console import console, fail

app = typer.Typer(help="Export a window of the graph (GraphML or GEXF, for Gephi's timeline).",
                  no_args_is_help=True)

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
