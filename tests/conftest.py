"""Shared fixtures. Neo4j tests run against a real server that this test session starts.

The test server has its own data directory (``.rasd/neo4j-test``) and port, so
the tests never touch the data of ``make run``. Set ``RASD_TEST_NEO4J_URI`` to
run them against another (disposable!) server instead: it is wiped per test.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclasses.dataclass(frozen=True)
class TestGraph:
    """A connection to the test database."""

    uri: str
    driver: object
    database: str


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """Bolt URI of a real Neo4j server for this test session (started here, stopped at the end)."""
    external = os.environ.get("RASD_TEST_NEO4J_URI")
    if external:
        yield external
        return
    from loaders.neo4j.server import LocalServer, start, stop

    port = int(os.environ.get("RASD_TEST_NEO4J_PORT", 0)) or _free_port()
    server = LocalServer(home=ROOT / ".rasd" / "neo4j-test", port=port, heap="1g", pagecache="512m")
    stop(server)  # a server left behind by an interrupted run (it may listen on another port)
    start(server, timeout=180)
    try:
        yield server.uri
    finally:
        stop(server)


_SERVER_SEEN: dict[str, str] = {}


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri: str) -> Iterator[object]:
    from neo4j import GraphDatabase

    auth = None
    if os.environ.get("RASD_TEST_NEO4J_URI") and os.environ.get("NEO4J_PASSWORD"):
        auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"])
    driver = GraphDatabase.driver(neo4j_uri, auth=auth)
    driver.verify_connectivity()
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS v, edition")
    _SERVER_SEEN["server"] = f"{records[0]['name']} {records[0]['v']} {records[0]['edition']}"
    _SERVER_SEEN["uri"] = neo4j_uri
    from loaders.neo4j.schema import apply_schema

    apply_schema(driver, "neo4j")
    yield driver
    driver.close()


@pytest.fixture()
def graph(neo4j_driver: object, neo4j_uri: str) -> TestGraph:
    """The test database, emptied (schema kept) before the test."""
    from neo4j import Driver

    assert isinstance(neo4j_driver, Driver)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    return TestGraph(neo4j_uri, neo4j_driver, "neo4j")


@pytest.fixture()
def neo4j_env(graph: TestGraph, monkeypatch: pytest.MonkeyPatch) -> TestGraph:
    """Environment pointing every ``kg`` command at the test server (never the local one)."""
    monkeypatch.setenv("NEO4J_URI", graph.uri)
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return graph


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which real Neo4j the integration tests talked to, and how many ran."""
    ran = [r for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
           if "integration" in getattr(r, "keywords", {})]
    if _SERVER_SEEN:
        terminalreporter.write_line(
            f"integration: {len(ran)} tests talked to {_SERVER_SEEN['server']} over Bolt "
            f"at {_SERVER_SEEN['uri']}")
    else:
        terminalreporter.write_line("integration: no test talked to Neo4j in this run")
