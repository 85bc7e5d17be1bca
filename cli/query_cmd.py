"""``kg query NAME --param k=v … [--json|--csv]``: run a named read query from ``cypher/``."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import typer
from rich.table import Table

from cli.console import console, fail


def _parse_params(pairs: list[str], kinds: dict[str, str]) -> dict[str, Any]:
    from loaders.neo4j.named import coerce

    out: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            fail(f"--param takes NAME=VALUE, got {pair!r}")
        name, _, value = pair.partition("=")
        out[name.strip()] = coerce(value, kinds.get(name.strip(), "str"))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _list_queries() -> None:
    from loaders.neo4j.named import named_queries, query_info

    table = Table(title="Named queries (cypher/*.cypher)", show_lines=False)
    table.add_column("name")
    table.add_column("purpose")
    table.add_column("parameters")
    for name in named_queries():
        info = query_info(name)
        params = ", ".join(
            f"{p.name}:{p.kind}" + ("" if p.required else f"={json.dumps(p.default)}")
            for p in info.params)
        table.add_row(name, info.purpose, params or "—")
    console.print(table)


def query_command(
    name: str | None = typer.Argument(None, help="Query name (see --list)."),
    param: list[str] = typer.Option(
        [], "--param", "-p",
        help="NAME=VALUE, repeatable. Lists as a,b,c or JSON; dates as YYYY-MM-DD; null for none."),
    list_queries: bool = typer.Option(False, "--list", help="List the named queries and exit."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as a JSON array."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the rows as CSV."),
    start_local: bool = typer.Option(True, "--start/--no-start",
                                     help="Start the local Neo4j if it is not running."),
) -> None:
    """Run a named, parameterised read query (a file in cypher/) and print its rows.

    Every query runs in a read transaction. Parameters the query declares with a
    default may be left out; `kg query --list` shows each one's purpose and parameters.
    """
    from loaders.neo4j.named import NamedQueryError, named_queries, query_info, resolve_params

    if list_queries:
        _list_queries()
        return
    if not name:
        fail("name a query, or use --list to see them")
    if name not in named_queries():
        fail(f"no read query named {name!r}; known: {', '.join(named_queries())}")
    if as_json and as_csv:
        fail("choose one of --json and --csv")
    info = query_info(name)
    try:
        params = _parse_params(param, {p.name: p.kind for p in info.params})
        resolve_params(info, params)
    except NamedQueryError as exc:
        fail(str(exc))
    except json.JSONDecodeError as exc:
        fail(f"bad JSON in --param: {exc}")

    import logging

    from neo4j.exceptions import Neo4jError

    from loaders.neo4j.connection import ConnectionFailed, connect
    from loaders.neo4j.named import run_named
    from loaders.neo4j.server import ServerError

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # "type not in the database"
    try:
        with connect(start_local=start_local) as (driver, database):
            columns, rows = run_named(driver, database, name, params)
    except (ConnectionFailed, ServerError) as exc:
        fail(str(exc))
    except Neo4jError as exc:
        fail(f"the query failed: {exc.message}")
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if as_csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in columns])
        sys.stdout.write(buf.getvalue())
        return
    table = Table(title=f"{name}: {len(rows)} rows")
    for c in columns:
        table.add_column(c)
    for row in rows:
        table.add_row(*[_cell(row[c]) for c in columns])
    console.print(table)
