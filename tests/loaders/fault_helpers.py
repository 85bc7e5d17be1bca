"""Helpers of the fault and concurrency tests: an own Neo4j, ``kg`` subprocesses, fingerprints.

Not a test module (no ``test_`` prefix): imported by ``test_faults.py`` and
``test_concurrency.py``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from neo4j import Driver, GraphDatabase

from loaders.neo4j.server import LocalServer, start, stop
from loaders.neo4j.stats import graph_fingerprint

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT.parent / "shared" / "corpus" / "syria-news.jsonl").resolve()
RECORD_TIME = "2000-01-01T00:00:00Z"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class OwnServer:
    """A Neo4j of the test's own (tmp home), which a test may SIGKILL and restart."""

    server: LocalServer
    driver: Driver | None = None

    @property
    def uri(self) -> str:
        return self.server.uri

    def start(self) -> None:
        start(self.server, timeout=240)
        if self.driver is not None:
            self.driver.close()
        self.driver = GraphDatabase.driver(self.uri, auth=None)
        self.driver.verify_connectivity()

    def kill(self) -> None:
        """SIGKILL the JVM (no clean shutdown: the next start recovers from the transaction log)."""
        pid = int(self.server.pid_file.read_text().strip())
        if self.driver is not None:
            self.driver.close()
            self.driver = None
        os.killpg(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                reaped, _ = os.waitpid(pid, os.WNOHANG)  # our child: collect it
                if reaped == pid:
                    return
            except ChildProcessError:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
            time.sleep(0.1)
        raise AssertionError(f"Neo4j pid {pid} survived SIGKILL")

    def stop(self) -> None:
        if self.driver is not None:
            self.driver.close()
            self.driver = None
        stop(self.server)

    def q(self, query: Any, **params: Any) -> list[Any]:
        assert self.driver is not None
        records, _, _ = self.driver.execute_query(query, params, database_="neo4j")
        return records

    def wipe(self) -> None:
        self.q("MATCH (n) DETACH DELETE n")

    def articles(self) -> int:
        return int(self.q("MATCH (a:Article) RETURN count(a) AS n")[0]["n"])

    def write_query_running(self, names: Sequence[str]) -> bool:
        """True if an open transaction is running one of these named queries right now."""
        rows = self.q("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
        return any(any(f"// {n} —" in (r["currentQuery"] or "") for n in names) for r in rows)

    def fingerprint(self) -> str:
        """The graph fingerprint with record time (``Article.ingested_at``) set to one value.

        ``ingested_at`` is when a run wrote an article; a crashed run and its
        re-run differ there by design. Everything else must be identical.
        """
        self.q("MATCH (a:Article) SET a.ingested_at = datetime($t)", t=RECORD_TIME)
        assert self.driver is not None
        return graph_fingerprint(self.driver, "neo4j")

    def duplicates(self) -> int:
        """Elements that appear more than once with identical content (0 in a sound graph)."""
        from loaders.neo4j.queries import load_query

        records = self.q(load_query("graph_dump"))
        items = [repr((r["element"], sorted(r["labels"]), r["key"], sorted(r["props"].items()),
                       r["start"], r["end"])) for r in records]
        return len(items) - len(set(items))


def own_server(home: Path) -> OwnServer:
    return OwnServer(LocalServer(home=home, port=free_port(), heap="768m", pagecache="256m"))


def kg_env(uri: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=uri, PYTHONPATH=str(ROOT), COLUMNS="200", **extra)
    return env


def kg(args: Sequence[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """Start ``kg ARGS…`` as its own process (own session, so a SIGKILL hits only it).

    Its output goes to temporary files, not pipes: a process whose pipe nobody
    reads would block on a full pipe while holding the ingest lock.
    """
    out = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by finish)
    err = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", *args], cwd=ROOT, env=env,
                            stdout=out, stderr=err, text=True, start_new_session=True)
    _OUTPUT[proc.pid] = (out, err)
    return proc


_OUTPUT: dict[int, tuple[IO[str], IO[str]]] = {}


@dataclass(frozen=True)
class Finished:
    rc: int
    stdout: str
    stderr: str


def finish(proc: subprocess.Popen[str], timeout: float = 600) -> Finished:
    proc.wait(timeout=timeout)
    texts = []
    for f in _OUTPUT.pop(proc.pid):
        f.seek(0)
        texts.append(f.read())
        f.close()
    return Finished(proc.returncode, texts[0], texts[1])


def run_kg(args: Sequence[str], env: dict[str, str], timeout: float = 600) -> Finished:
    return finish(kg(args, env), timeout)


def wait_until(proc: subprocess.Popen[str], condition: Callable[[], bool], *,
               timeout: float = 600, poll: float = 0.05) -> bool:
    """Poll ``condition`` while ``proc`` runs; True once it holds, False if ``proc`` ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if condition():
                return True
        except Exception:  # the server may be between states; keep polling
            pass
        time.sleep(poll)
    raise AssertionError(f"condition not met within {timeout:.0f} s")


def wait_for_kill_point(proc: subprocess.Popen[str], server: OwnServer, after: int,
                        during: Sequence[str]) -> bool:
    """Wait until ``after`` articles are committed (slow poll: the load must not be slowed down),
    then until a write transaction runs one of the ``during`` queries (fast poll)."""
    return (wait_until(proc, lambda: server.articles() >= after, poll=0.25)
            and wait_until(proc, lambda: server.write_query_running(during), poll=0.02))


def kill_group(proc: subprocess.Popen[str]) -> None:
    """SIGKILL a process started by :func:`kg` (and anything it started), if it still runs."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)


def assert_clean_failure(result: Finished) -> None:
    """A failed command: exit status 2, one ``error:`` line naming the server, no traceback."""
    assert result.rc == 2, (result.rc, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-4000:]
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, result.stderr[-2000:]
    assert "Neo4j" in lines[0] and "bolt://" in lines[0], lines[0]
