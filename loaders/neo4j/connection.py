"""Where the graph lives: a server named by ``NEO4J_URI``, or the project's own.

When ``NEO4J_URI`` is set (with ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``), every command uses that server and the local one is
never started. Otherwise the local Neo4j under ``.rasd/neo4j`` is used and,
where a command needs it, started.

Faults are bounded: reaching the server is tried again with back-off for
``connect_seconds`` (``RASD_NEO4J_CONNECT_S``, default 5); each write
transaction is retried by the driver on transient errors (lost connection,
deadlock, leader switch) for ``retry_seconds`` (``RASD_NEO4J_RETRY_S``, default
30). What still fails, before or during the work, becomes a
:class:`ConnectionFailed` with a one-line message that names the server and says
what to do; the commands print it without a traceback.

Examples
--------
>>> s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "pw"})
>>> (s.uri, s.user, s.database, s.local)
('bolt://db:7687', 'neo4j', 'neo4j', False)
>>> Neo4jSettings.from_env({"NEO4J_URI": "bolt://db:7687", "RASD_NEO4J_RETRY_S": "3"}).retry_seconds
3.0
>>> backoff_delays(5.0)
[0.25, 0.5, 1.0, 2.0]
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, IncompleteCommit, ServiceUnavailable, SessionExpired, TransientError

__all__ = ["ConnectionFailed", "Neo4jSettings", "backoff_delays", "connect", "open_driver"]

#: Errors that mean the server went away or stayed busy after the driver's own retries.
LOST = (ServiceUnavailable, SessionExpired, IncompleteCommit, TransientError, ConnectionError)


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
    connect_seconds: float = 5.0
    retry_seconds: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Neo4jSettings:
        """Settings from ``NEO4J_*`` variables, else the local server's address."""
        env = os.environ if env is None else env
        connect_s = _seconds(env, "RASD_NEO4J_CONNECT_S", 5.0)
        retry_s = _seconds(env, "RASD_NEO4J_RETRY_S", 30.0)
        uri = env.get("NEO4J_URI")
        if uri:
            return cls(
                uri=uri,
                user=env.get("NEO4J_USERNAME", "neo4j"),
                password=env.get("NEO4J_PASSWORD"),
                database=env.get("NEO4J_DATABASE", "neo4j"),
                local=False,
                connect_seconds=connect_s,
                retry_seconds=retry_s,
            )
        from loaders.neo4j.server import LocalServer

        return cls(uri=LocalServer.from_env().uri, database="neo4j", local=True,
                   connect_seconds=connect_s, retry_seconds=retry_s)


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A non-negative number of seconds from ``env[name]``, else ``default``."""
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConnectionFailed(f"{name} must be a number of seconds, got {raw!r}") from None
    if value < 0:
        raise ConnectionFailed(f"{name} must not be negative, got {raw!r}")
    return value


def backoff_delays(budget: float, first: float = 0.25, factor: float = 2.0) -> list[float]:
    """Waits between connection attempts: doubling from ``first``, summing to at most ``budget``."""
    delays: list[float] = []
    delay = first
    while sum(delays) + delay <= budget:
        delays.append(delay)
        delay *= factor
    return delays


def _hint(settings: Neo4jSettings) -> str:
    return ("start it with `kg neo4j start`" if settings.local
            else "check NEO4J_URI and that the server is running")


def open_driver(settings: Neo4jSettings) -> Driver:
    """A driver for ``settings``, checked with a round trip (tried again with back-off)."""
    auth = (settings.user, settings.password or "") if settings.user else None
    driver = GraphDatabase.driver(
        settings.uri, auth=auth, max_transaction_retry_time=settings.retry_seconds,
        connection_timeout=max(settings.connect_seconds, 1.0),
        connection_acquisition_timeout=max(settings.retry_seconds, 5.0))
    delays = backoff_delays(settings.connect_seconds)
    for attempt in range(len(delays) + 1):
        try:
            driver.verify_connectivity()
            return driver
        except AuthError as exc:
            driver.close()
            raise ConnectionFailed(
                f"Neo4j at {settings.uri} refused the credentials: {exc.message}") from exc
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            if attempt < len(delays):
                time.sleep(delays[attempt])
                continue
            driver.close()
            raise ConnectionFailed(f"Neo4j is not reachable at {settings.uri}: {_hint(settings)}") from exc
    raise AssertionError("unreachable")  # pragma: no cover


@contextmanager
def connect(*, start_local: bool = True,
            settings: Neo4jSettings | None = None) -> Iterator[tuple[Driver, str]]:
    """Yield ``(driver, database)``, starting the local server first if needed.

    With ``NEO4J_URI`` set the local server is never touched. A lost
    connection inside the block (after the driver's retries) is raised as
    :class:`ConnectionFailed`.
    """
    settings = settings or Neo4jSettings.from_env()
    if settings.local and start_local:
        from loaders.neo4j.server import LocalServer, start

        start(LocalServer.from_env())
    driver = open_driver(settings)
    try:
        yield driver, settings.database
    except LOST as exc:
        what = type(exc).__name__
        detail = str(getattr(exc, "message", None) or exc).splitlines()[0] if str(exc) else what
        raise ConnectionFailed(
            f"lost Neo4j at {settings.uri} during the work ({what}: {detail}), after retrying for "
            f"{settings.retry_seconds:.0f} s; every committed batch is complete, so re-run the same "
            f"command once the server is back ({_hint(settings)})") from exc
    finally:
        driver.close()
