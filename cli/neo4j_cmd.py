"""``kg neo4j start|stop|status``: the project's own local Neo4j server."""

from __future__ import annotations

import os
import time

import typer

from cli.console import console, fail

app = typer.Typer(
    help=(
        "Manage the local Neo4j Community 5.26 server (data under .rasd/neo4j). "
        "Ignored when NEO4J_URI names a server of your own."
    ),
    no_args_is_help=True,
)


def _external_note() -> bool:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        console.print(f"NEO4J_URI is set ({uri}): the local server is not used.")
        return True
    return False


@app.command()
def start(
    timeout: float = typer.Option(120.0, help="Seconds to wait for Bolt to answer."),
) -> None:
    """Build the launcher if needed (Maven), start the server and wait until Bolt answers.

    A second start while it runs changes nothing.
    """
    if _external_note():
        return
    from loaders.neo4j.server import LocalServer, ServerError
    from loaders.neo4j.server import start as start_server
    from loaders.neo4j.server import status as server_status

    server = LocalServer.from_env()
    before = server_status(server)
    t0 = time.perf_counter()
    try:
        st = start_server(server, timeout=timeout)
    except ServerError as exc:
        fail(str(exc))
    if before.running:
        console.print(f"Neo4j {st.version or ''} already running at {st.uri} (pid {st.pid}).")
    else:
        console.print(f"Neo4j {st.version or ''} started at {st.uri} (pid {st.pid}) "
                      f"in {time.perf_counter() - t0:.1f} s; data in {st.home}.")


@app.command()
def stop(
    timeout: float = typer.Option(60.0, help="Seconds to wait for a clean shutdown before SIGKILL."),
) -> None:
    """Stop the local server; no process is left behind."""
    if _external_note():
        return
    from loaders.neo4j.server import LocalServer, ServerError
    from loaders.neo4j.server import stop as stop_server

    try:
        stopped = stop_server(LocalServer.from_env(), timeout=timeout)
    except ServerError as exc:
        fail(str(exc))
    console.print("Neo4j stopped." if stopped else "Neo4j was not running.")


@app.command()
def status() -> None:
    """Say whether the local server runs, where, with which version and pid (exit 1 when stopped)."""
    if _external_note():
        from loaders.neo4j.connection import ConnectionFailed, Neo4jSettings, open_driver

        try:
            driver = open_driver(Neo4jSettings.from_env())
        except ConnectionFailed as exc:
            fail(str(exc), code=1)
        with driver:
            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD name, versions, edition "
                "RETURN name, versions[0] AS version, edition", routing_="r")
        for r in records:
            console.print(f"{r['name']} {r['version']} ({r['edition']}) is answering.")
        return
    from loaders.neo4j.server import LocalServer
    from loaders.neo4j.server import status as server_status

    st = server_status(LocalServer.from_env())
    if st.running:
        console.print(f"running: Neo4j {st.version} at {st.uri}, pid {st.pid}, data in {st.home}")
    else:
        console.print(f"stopped (would listen at {st.uri}; data in {st.home})")
        raise typer.Exit(1)
