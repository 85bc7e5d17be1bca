"""Where the graph lives: a server named by ``NEO4J_URI``, or the project's own.

When ``NEO4J_URI`` is set (with ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``), every command uses that server and the local one is
never started. Otherwise the local Neo4j under ``.rasd/neo4j`` is used and,
where a command needs it, started.

Examples
--------
>>> s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "pw"})
>>> (s.uri, s.user, s.database, s.local)
('bolt://db:7687', 'neo4j', 'neo4j', False)
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

__all__ = ["ConnectionFailed", "Neo4jSettings", "connect", "open_driver"]


class ConnectionFailed(RuntimeError):
    """The graph database cannot be reached; the message says what to do."""


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach Neo4j."""

    uri: str
    user: str | None = None
    password: str | None = None
    database: str = "neo4j"
    local: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Neo4jSettings:
        """Settings from ``NEO4J_*`` variables, else the local server's address."""
        env = os.environ if env is None else env
        uri = env.get("NEO4J_URI")
        if uri:
            return cls(
                uri=uri,
                user=env.get("NEO4J_USERNAME", "neo4j"),
                password=env.get("NEO4J_PASSWORD"),
                database=env.get("NEO4J_DATABASE", "neo4j"),
                local=False,
            )
        from loaders.neo4j.server import LocalServer

        return cls(uri=LocalServer.from_env().uri, database="neo4j", local=True)


def open_driver(settings: Neo4jSettings) -> Driver:
    """A driver for ``settings``, checked with one round trip."""
    auth = (settings.user, settings.password or "") if settings.user else None
    driver = GraphDatabase.driver(settings.uri, auth=auth)
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise ConnectionFailed(f"Neo4j at {settings.uri} refused the credentials: {exc.message}") from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        hint = ("start it with `kg neo4j start`" if settings.local
                else "check NEO4J_URI and that the server is running")
        raise ConnectionFailed(f"Neo4j is not reachable at {settings.uri}: {hint}") from exc
    return driver


@contextmanager
def connect(*, start_local: bool = True,
            settings: Neo4jSettings | None = None) -> Iterator[tuple[Driver, str]]:
    """Yield ``(driver, database)``, starting the local server first if needed.

    With ``NEO4J_URI`` set the local server is never touched.
    """
    settings = settings or Neo4jSettings.from_env()
    if settings.local and start_local:
        from loaders.neo4j.server import LocalServer, start

        start(LocalServer.from_env())
    driver = open_driver(settings)
    try:
        yield driver, settings.database
    finally:
        driver.close()
