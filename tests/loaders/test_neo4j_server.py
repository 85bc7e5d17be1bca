"""The project's own Neo4j server, for real: built with Maven, run as a JVM, reached over Bolt.

The build (``neo4j-server/target``) is shared with every other use of the
checkout; only the home directory (a temporary one) and the port (a free
one) are this module's own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from loaders.neo4j.server import LocalServer, ServerError, start, status, stop


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return True
    return state != "Z"


def _toolchain_missing() -> str | None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java on this machine"
    built = (LocalServer().target_dir / "rasd-build.stamp").exists()
    if shutil.which("mvn") is None and not built:
        return "no Maven on this machine and the launcher is not built"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A server with its own home and port; stopped (whatever happened) at the end."""
    reason = _toolchain_missing()
    if reason:
        pytest.skip(reason)
    srv = LocalServer(home=tmp_path_factory.mktemp("neo4j-home"), port=_free_port(),
                      heap="1g", pagecache="256m")
    try:
        yield srv
    finally:
        stop(srv)


@pytest.mark.integration
def test_start_reports_running_526(server: LocalServer) -> None:
    st = start(server, timeout=180)
    assert st.running
    assert st.pid is not None and _pid_alive(st.pid)
    assert st.version is not None and st.version.startswith("5.26")
    assert st.uri == server.uri
    now = status(server)
    assert (now.running, now.pid, now.version) == (True, st.pid, st.version)
    assert server.pid_file.read_text().strip() == str(st.pid)
    assert "READY " + server.uri in server.log_file.read_text()


@pytest.mark.integration
def test_second_start_is_a_no_op(server: LocalServer) -> None:
    first = start(server, timeout=180)
    again = start(server, timeout=180)
    assert again.running
    assert again.pid == first.pid


@pytest.mark.integration
def test_bolt_round_trip(server: LocalServer) -> None:
    start(server, timeout=180)
    with GraphDatabase.driver(server.uri, auth=None) as driver:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query("CREATE (n:T {x: 1}) RETURN n.x AS x")
        assert [r["x"] for r in records] == [1]
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD edition RETURN edition")
        assert records[0]["edition"] == "community"


@pytest.mark.integration
def test_stop_leaves_no_process_and_a_second_stop_is_false(server: LocalServer) -> None:
    pid = start(server, timeout=180).pid
    assert pid is not None
    assert stop(server) is True
    assert not _pid_alive(pid)
    assert not server.pid_file.exists()
    after = status(server)
    assert (after.running, after.pid, after.version) == (False, None, None)
    assert stop(server) is False


def test_stale_pid_file_of_a_dead_process_is_removed(tmp_path: Path) -> None:
    srv = LocalServer(home=tmp_path, port=_free_port())
    gone = subprocess.Popen(["true"])
    gone.wait()
    srv.pid_file.write_text(f"{gone.pid}\n")
    st = status(srv)
    assert (st.running, st.pid) == (False, None)
    assert not srv.pid_file.exists()
    assert stop(srv) is False


def test_stale_pid_file_naming_another_program_is_removed(tmp_path: Path) -> None:
    srv = LocalServer(home=tmp_path, port=_free_port())
    srv.pid_file.write_text(f"{os.getpid()}\n")  # alive, but this is pytest, not Neo4j
    assert stop(srv) is False
    assert _pid_alive(os.getpid())
    assert not srv.pid_file.exists()


def test_start_refuses_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        srv = LocalServer(home=tmp_path, port=port)
        with pytest.raises(ServerError, match=f"port {port} is in use by another process"):
            start(srv, timeout=5)
    assert not srv.pid_file.exists()


def test_from_env_overrides(tmp_path: Path) -> None:
    srv = LocalServer.from_env({"RASD_NEO4J_HOME": str(tmp_path), "RASD_NEO4J_PORT": "7799"})
    assert (srv.home, srv.port, srv.uri) == (tmp_path, 7799, "bolt://127.0.0.1:7799")
    default = LocalServer.from_env({})
    assert default.home == default.project_dir / ".rasd" / "neo4j"
    assert default.target_dir == default.project_dir / "neo4j-server" / "target"
    with pytest.raises(ServerError, match="RASD_NEO4J_PORT"):
        LocalServer.from_env({"RASD_NEO4J_PORT": "bolt"})
