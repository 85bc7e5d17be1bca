"""The project's own Neo4j Community 5.26 server: build, start, stop, status.

No tarball and no Docker: ``neo4j-server/`` holds a Maven project with a
tiny Java launcher (``rasd.neo4j.Launcher``) that embeds Neo4j Community
and opens a Bolt connector on the loopback interface, authentication off.
:func:`build` runs Maven once (it fetches Neo4j's jars from Maven Central
and compiles the launcher); :func:`start` runs the launcher as a detached
JVM and waits until it answers over Bolt; :func:`stop` ends it cleanly.

Layout
------
``neo4j-server/target/classes``, ``neo4j-server/target/lib/*.jar``
    the build, shared by every server of this checkout whatever its home;
    ``target/rasd-build.stamp`` holds a hash of ``pom.xml`` and the Java
    sources, so a build only runs again when they change.
``<home>/`` (default ``.rasd/neo4j``)
    ``data/`` and ``logs/`` (Neo4j's own ``debug.log``), ``neo4j.pid`` and
    ``server.log`` (the JVM's stdout and stderr).

Examples
--------
>>> s = LocalServer(project_dir=Path("/srv/rasd"))
>>> s.home.as_posix(), s.uri
('/srv/rasd/.rasd/neo4j', 'bolt://127.0.0.1:7687')
>>> LocalServer.from_env({"RASD_NEO4J_PORT": "7688", "RASD_NEO4J_HOME": "/tmp/g"}).uri
'bolt://127.0.0.1:7688'
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "JVM_FLAGS",
    "LocalServer",
    "ServerError",
    "ServerStatus",
    "build",
    "start",
    "status",
    "stop",
]

#: Pinned in ``neo4j-server/pom.xml`` (``neo4j.version``); shown in messages only.
NEO4J_VERSION = "5.26.30"

#: JVM flags besides ``-Xms``/``-Xmx``. The ``--add-opens`` / ``--add-exports``
#: ones are those Neo4j's own launcher passes on Java 17+: without
#: ``java.nio`` the page cache falls back to a slower mode, without
#: ``java.io`` native file access (preallocation, fadvise) fails, and Netty
#: (Bolt) wants ``sun.nio.ch`` for its direct-buffer tricks. The rest follow
#: Neo4j's default ``server.jvm.additional`` settings.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
)

MAIN_CLASS = "rasd.neo4j.Launcher"
PID_FILE = "neo4j.pid"
SERVER_LOG = "server.log"
STAMP_FILE = "rasd-build.stamp"
MIN_JAVA = 17
_SIZE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

log = logging.getLogger(__name__)


class ServerError(RuntimeError):
    """The local server cannot be built, started or stopped; the message says why and what to do."""


def _find_project_dir() -> Path:
    """The checkout holding ``neo4j-server/pom.xml``: this file's repo, else the cwd or a parent of it."""
    here = Path(__file__).resolve().parents[2]
    cwd = Path.cwd().resolve()
    for candidate in (here, cwd, *cwd.parents):
        if (candidate / "neo4j-server" / "pom.xml").is_file():
            return candidate
    return here


@dataclass(frozen=True, init=False)
class LocalServer:
    """Where and how the project's Neo4j server runs.

    Parameters
    ----------
    project_dir : Path, optional
        The repository root (holds ``neo4j-server/``). Default: found from
        this file's location, else from the working directory.
    home : Path, optional
        Data, logs, pid file and ``server.log``. Default:
        ``project_dir/.rasd/neo4j``.
    host : str
        Bolt listen address; loopback, since authentication is off.
    port : int
        Bolt port.
    heap : str
        JVM heap (``-Xms`` and ``-Xmx``), e.g. ``"2g"``. Sized for a 2-core,
        24 GiB machine: the graph (news events, actors, places) is small, so
        2 GiB holds query and batched-write transaction state with room to
        spare (Neo4j caps transaction memory at 70 % of the heap) while
        heap + page cache + JVM overhead stay near 3.5 GiB and leave the
        rest of the memory to the extraction pipeline.
    pagecache : str
        Neo4j page cache, e.g. ``"1g"``: the on-disk store is cached here,
        off-heap; 1 GiB keeps the whole store of this project in memory.
    """

    project_dir: Path
    home: Path
    host: str
    port: int
    heap: str
    pagecache: str

    def __init__(
        self,
        project_dir: Path | None = None,
        home: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 7687,
        heap: str = "2g",
        pagecache: str = "1g",
    ) -> None:
        project = Path(project_dir) if project_dir is not None else _find_project_dir()
        if not 0 < port < 65536:
            raise ValueError(f"port must be in 1..65535, got {port}")
        for name, size in (("heap", heap), ("pagecache", pagecache)):
            if not _SIZE.match(size):
                raise ValueError(f"{name} must look like 512m or 2g, got {size!r}")
        object.__setattr__(self, "project_dir", project)
        object.__setattr__(self, "home", Path(home) if home is not None else project / ".rasd" / "neo4j")
        object.__setattr__(self, "host", host)
        object.__setattr__(self, "port", port)
        object.__setattr__(self, "heap", heap)
        object.__setattr__(self, "pagecache", pagecache)

    @property
    def uri(self) -> str:
        """The Bolt URI, e.g. ``bolt://127.0.0.1:7687``."""
        return f"bolt://{self.host}:{self.port}"

    @property
    def source_dir(self) -> Path:
        """The Maven project of the launcher."""
        return self.project_dir / "neo4j-server"

    @property
    def target_dir(self) -> Path:
        """Maven's output: ``classes/``, ``lib/`` and the build stamp (independent of ``home``)."""
        return self.source_dir / "target"

    @property
    def lib_dir(self) -> Path:
        """Neo4j's jars and their dependencies."""
        return self.target_dir / "lib"

    @property
    def pid_file(self) -> Path:
        """The running server's process id."""
        return self.home / PID_FILE

    @property
    def log_file(self) -> Path:
        """The JVM's stdout and stderr (Neo4j's own log is ``home/logs/debug.log``)."""
        return self.home / SERVER_LOG

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LocalServer:
        """Defaults, overridden by environment variables.

        ``RASD_NEO4J_HOME`` (directory), ``RASD_NEO4J_PORT`` (Bolt port),
        ``RASD_NEO4J_HEAP`` and ``RASD_NEO4J_PAGECACHE`` (sizes like ``2g``).

        Raises
        ------
        ServerError
            If a variable holds something unusable.
        """
        env = os.environ if env is None else env
        home = env.get("RASD_NEO4J_HOME") or None
        port_text = env.get("RASD_NEO4J_PORT") or "7687"
        try:
            port = int(port_text)
        except ValueError:
            raise ServerError(f"RASD_NEO4J_PORT must be a port number, got {port_text!r}") from None
        try:
            return cls(
                home=Path(home).expanduser().absolute() if home else None,
                port=port,
                heap=env.get("RASD_NEO4J_HEAP") or "2g",
                pagecache=env.get("RASD_NEO4J_PAGECACHE") or "1g",
            )
        except ValueError as exc:
            raise ServerError(f"bad RASD_NEO4J_* setting: {exc}") from None


@dataclass(frozen=True)
class ServerStatus:
    """What :func:`status` found.

    Attributes
    ----------
    running : bool
        The server's process is alive and answers over Bolt.
    pid : int or None
        The server's process id while its process is alive (also while it
        is still starting, when ``running`` is False).
    uri : str
        The Bolt URI it listens (or would listen) on.
    version : str or None
        Neo4j's version, from ``CALL dbms.components()``, when running.
    home : Path
        The server's home directory.
    """

    running: bool
    pid: int | None
    uri: str
    version: str | None
    home: Path


# --------------------------------------------------------------------------- tools


def _java() -> str:
    """Path of a ``java`` of version 17 or newer (``JAVA_HOME`` first, then ``PATH``)."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = None
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        candidate = str(Path(java_home) / "bin" / "java")
    candidate = candidate or shutil.which("java")
    if not candidate:
        raise ServerError(f"Java not found: install OpenJDK {MIN_JAVA} (java on PATH or JAVA_HOME)")
    try:
        out = subprocess.run([candidate, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"Java at {candidate} does not run ({exc}); install OpenJDK {MIN_JAVA}") from exc
    text = out.stderr + out.stdout
    found = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not found:
        raise ServerError(f"cannot tell the version of Java at {candidate}: {text.strip()[:200]}")
    major = int(found.group(1))
    if major == 1 and found.group(2):  # "1.8.0_..." style
        major = int(found.group(2))
    if major < MIN_JAVA:
        raise ServerError(
            f"Java {major} at {candidate} is too old: Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA} or 21 "
            f"(install OpenJDK {MIN_JAVA} and put it on PATH or in JAVA_HOME)"
        )
    return candidate


def _maven() -> str:
    """Path of ``mvn``."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            "Maven not found: install Apache Maven 3.6 or newer (mvn on PATH); it is needed once, "
            "to fetch Neo4j from Maven Central and compile the launcher in neo4j-server/"
        )
    return mvn


def _tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a text file, or a note that it is missing."""
    try:
        text = path.read_bytes()[-64_000:].decode("utf-8", errors="replace")
    except OSError:
        return f"(no {path})"
    return "\n".join(text.splitlines()[-lines:])


# --------------------------------------------------------------------------- build


def _source_hash(server: LocalServer) -> str:
    """SHA-256 over ``pom.xml`` and every file under ``src/``."""
    digest = hashlib.sha256()
    pom = server.source_dir / "pom.xml"
    files = [pom, *sorted(p for p in (server.source_dir / "src").rglob("*") if p.is_file())]
    for path in files:
        digest.update(path.relative_to(server.source_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _is_built(server: LocalServer, wanted: str) -> bool:
    """True if the stamp matches ``wanted`` and the classes and jars are there."""
    stamp = server.target_dir / STAMP_FILE
    launcher = server.target_dir / "classes" / Path(*MAIN_CLASS.split(".")).with_suffix(".class")
    try:
        current = stamp.read_text().strip()
    except OSError:
        return False
    return current == wanted and launcher.is_file() and any(server.lib_dir.glob("neo4j-kernel-*.jar"))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (serialises concurrent builds and starts)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(server: LocalServer, *, force: bool = False) -> Path:
    """Compile the launcher and gather Neo4j's jars, once.

    Runs ``mvn -B -ntp -f neo4j-server/pom.xml package`` (the first time it
    downloads about 120 MB of jars from Maven Central into ``~/.m2``). Does
    nothing when the stamp in ``neo4j-server/target`` matches the current
    ``pom.xml`` and sources, unless ``force``.

    Parameters
    ----------
    server : LocalServer
        Only ``project_dir`` matters: the build is shared by all homes.
    force : bool
        Build even if up to date.

    Returns
    -------
    Path
        The directory of dependency jars (``neo4j-server/target/lib``).

    Raises
    ------
    ServerError
        If the sources are missing, Java or Maven is missing, or Maven fails
        (the message ends with the tail of Maven's output).
    """
    pom = server.source_dir / "pom.xml"
    if not pom.is_file():
        raise ServerError(f"{pom} not found: is {server.project_dir} a Rasd checkout?")
    wanted = _source_hash(server)
    if not force and _is_built(server, wanted):
        return server.lib_dir
    with _locked(server.project_dir / ".rasd" / "build.lock"):
        if not force and _is_built(server, wanted):  # built by someone else meanwhile
            return server.lib_dir
        _java()
        mvn = _maven()
        cmd = [mvn, "-B", "-ntp", "-Dstyle.color=never", "-f", str(pom), "package"]
        log.info("building the Neo4j launcher: %s", " ".join(cmd))
        began = time.monotonic()
        try:
            done = subprocess.run(
                cmd, cwd=server.source_dir, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
            )
        except OSError as exc:
            raise ServerError(f"cannot run Maven ({mvn}): {exc}") from exc
        output = _ANSI.sub("", done.stdout)
        server.target_dir.mkdir(parents=True, exist_ok=True)
        (server.target_dir / "rasd-build.log").write_text(output)
        if done.returncode != 0:
            tail = "\n".join(output.splitlines()[-40:])
            raise ServerError(
                f"Maven failed (exit {done.returncode}) building {pom}; "
                f"last lines of its output:\n{tail}"
            )
        (server.target_dir / STAMP_FILE).write_text(wanted + "\n")
        if not _is_built(server, wanted):
            raise ServerError(
                f"Maven succeeded but the launcher classes or Neo4j jars are missing under "
                f"{server.target_dir}; see {server.target_dir / 'rasd-build.log'}"
            )
        log.info("built in %.1f s", time.monotonic() - began)
    return server.lib_dir


# --------------------------------------------------------------------------- processes


def _reap(pid: int) -> bool:
    """Collect ``pid``'s exit status if it is our child and has exited (so no zombie lingers)."""
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
    except OSError:  # ChildProcessError: not our child (or already collected)
        return False
    return reaped == pid


def _alive(pid: int) -> bool:
    """True if process ``pid`` exists and is not a zombie (reaping it if it is our child)."""
    if _reap(pid):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    if stat.rpartition(")")[2].split()[:1] == ["Z"]:
        _reap(pid)
        return False
    return True


def _cmdline(pid: int) -> list[str]:
    """The command line of process ``pid`` (``/proc``, else ``ps``); empty if unknown."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        return [part.decode(errors="replace") for part in raw.split(b"\0") if part]
    except OSError:
        pass
    try:
        out = subprocess.run(["ps", "-o", "command=", "-p", str(pid)],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return out.stdout.split()


def _is_ours(server: LocalServer, pid: int) -> bool:
    """True if ``pid`` is alive and is this server's JVM (not a reused pid)."""
    if not _alive(pid):
        return False
    args = _cmdline(pid)
    if MAIN_CLASS not in args:
        return False
    try:
        home = args[args.index("--home") + 1]
    except (ValueError, IndexError):
        return False
    return Path(home) == server.home.absolute()


def _port_of(pid: int) -> int | None:
    """The Bolt port a running launcher was given (``--port``), or None if unknown."""
    args = _cmdline(pid)
    try:
        return int(args[args.index("--port") + 1])
    except (ValueError, IndexError):
        return None


def _read_pid(server: LocalServer) -> int | None:
    """The pid in the pid file, or None if there is no readable one."""
    try:
        return int(server.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _live_pid(server: LocalServer) -> int | None:
    """The pid of this server's JVM if it is alive; removes a stale pid file."""
    pid = _read_pid(server)
    if pid is not None and _is_ours(server, pid):
        return pid
    if server.pid_file.exists():
        log.info("removing stale pid file %s (pid %s)", server.pid_file, pid)
        server.pid_file.unlink(missing_ok=True)
    return None


def _write_pid(server: LocalServer, pid: int) -> None:
    tmp = server.pid_file.with_suffix(".pid.tmp")
    tmp.write_text(f"{pid}\n")
    tmp.replace(server.pid_file)


def _port_free(host: str, port: int) -> bool:
    """True if nothing listens on ``host:port`` (a bind succeeds)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise ServerError(f"cannot use {host}:{port}: {exc}") from exc
    return True


def _components(uri: str, timeout: float = 5.0) -> str | None:
    """Neo4j's version from ``CALL dbms.components()``, or None if Bolt does not answer."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        with GraphDatabase.driver(uri, auth=None, connection_timeout=timeout,
                                  connection_acquisition_timeout=timeout) as driver, \
                driver.session(database="system") as session:
            record = session.run(
                "CALL dbms.components() YIELD name, versions "
                "RETURN name, versions[0] AS version"
            ).single()
    except (DriverError, Neo4jError, OSError):
        return None
    return None if record is None else str(record["version"])


# --------------------------------------------------------------------------- API


def status(server: LocalServer) -> ServerStatus:
    """Whether the server runs, and its pid and version.

    A stale pid file (the process is gone, or the pid now belongs to some
    other program) is removed.

    Parameters
    ----------
    server : LocalServer
        The server to look at.

    Returns
    -------
    ServerStatus
        ``running`` is True when its JVM is alive and answers over Bolt.
    """
    pid = _live_pid(server)
    version = _components(server.uri) if pid is not None else None
    return ServerStatus(running=version is not None, pid=pid, uri=server.uri,
                        version=version, home=server.home)


def _failure_hint(log_text: str, server: LocalServer) -> str:
    if "Address already in use" in log_text or "PortBindException" in log_text:
        return (f"port {server.port} is in use by another process "
                "(stop it, or choose another port with RASD_NEO4J_PORT)")
    if "is locked by another" in log_text or "FileLockException" in log_text:
        return f"the store in {server.home} is locked by another Neo4j process"
    if "OutOfMemoryError" in log_text:
        return f"the JVM ran out of memory (heap {server.heap}); raise RASD_NEO4J_HEAP"
    return "Neo4j exited while starting"


def _launch_command(server: LocalServer, java: str) -> list[str]:
    classpath = os.pathsep.join([str(server.target_dir / "classes"), str(server.lib_dir / "*")])
    return [
        java, f"-Xms{server.heap}", f"-Xmx{server.heap}", *JVM_FLAGS,
        "-cp", classpath, MAIN_CLASS,
        "--home", str(server.home.absolute()),
        "--host", server.host, "--port", str(server.port),
        "--pagecache", server.pagecache,
    ]


def _wait_ready(server: LocalServer, pid: int, timeout: float, began: float,
                proc: subprocess.Popen[bytes] | None) -> ServerStatus:
    """Poll Bolt until the server answers; raise if the process dies or time runs out."""
    while True:
        died = proc.poll() is not None if proc is not None else not _alive(pid)
        if died:
            server.pid_file.unlink(missing_ok=True)
            text = _tail(server.log_file, 60)
            raise ServerError(
                f"{_failure_hint(text, server)}; Neo4j exited before it was ready. "
                f"Last lines of {server.log_file}:\n{text}"
            )
        version = _components(server.uri, timeout=2.0)
        if version is not None:
            return ServerStatus(running=True, pid=pid, uri=server.uri, version=version, home=server.home)
        if time.monotonic() - began >= timeout:
            raise ServerError(
                f"Neo4j did not become ready within {timeout:.0f} s; see {server.log_file} "
                f"and {server.home / 'logs' / 'debug.log'} (its process, pid {pid}, is still "
                "running: stop() or `kg neo4j stop` ends it)"
            )
        time.sleep(0.5)


def start(server: LocalServer, *, timeout: float = 120.0) -> ServerStatus:
    """Start the server (building it first if needed) and wait until it answers.

    A no-op returning the status when it already runs. The JVM is detached
    (its own session: it outlives this Python process); its stdout and
    stderr go to ``home/server.log`` and its pid to ``home/neo4j.pid``.
    Readiness is a ``CALL dbms.components()`` over Bolt with the official
    driver.

    Parameters
    ----------
    server : LocalServer
        The server to start.
    timeout : float
        Seconds to wait for Bolt to answer (a cold JVM takes a few seconds).

    Returns
    -------
    ServerStatus
        The running server's status.

    Raises
    ------
    ServerError
        If Java or Maven is missing, the build fails, the port is taken by
        another process, the JVM exits while starting (the message holds the
        tail of its log), or it does not answer within ``timeout``.
    """
    began = time.monotonic()
    server.home.mkdir(parents=True, exist_ok=True)
    with _locked(server.home / "start.lock"):
        pid = _live_pid(server)
        if pid is not None:  # running, or still starting (launched by someone else)
            port = _port_of(pid)
            if port is not None and port != server.port:
                raise ServerError(
                    f"the Neo4j of {server.home} already runs on port {port} (pid {pid}), "
                    f"not {server.port}: stop it first (`kg neo4j stop` with RASD_NEO4J_PORT={port}) "
                    f"or use RASD_NEO4J_PORT={port}"
                )
            return _wait_ready(server, pid, timeout, began, None)
        if not _port_free(server.host, server.port):
            raise ServerError(
                f"port {server.port} is in use by another process "
                f"(stop it, or choose another port with RASD_NEO4J_PORT)"
            )
        build(server)
        java = _java()
        cmd = _launch_command(server, java)
        log.info("starting Neo4j: %s", " ".join(cmd))
        with server.log_file.open("wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=server.home, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, close_fds=True,
            )
        _write_pid(server, proc.pid)
        return _wait_ready(server, proc.pid, timeout, began, proc)


def stop(server: LocalServer, *, timeout: float = 60.0) -> bool:
    """Stop the server: SIGTERM (clean shutdown), then SIGKILL as a last resort.

    Parameters
    ----------
    server : LocalServer
        The server to stop.
    timeout : float
        Seconds to wait for a clean shutdown before killing it.

    Returns
    -------
    bool
        True if a server was running and has been stopped, False if none was.

    Raises
    ------
    ServerError
        If the process survives even SIGKILL.
    """
    pid = _live_pid(server)
    if pid is None:
        return False
    log.info("stopping Neo4j (pid %d)", pid)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_gone(pid, timeout):
        log.warning("Neo4j (pid %d) did not stop within %.0f s; killing it", pid, timeout)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)  # its own session and group: start_new_session
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        if not _wait_gone(pid, 15.0):
            raise ServerError(f"Neo4j (pid {pid}) survived SIGKILL; pid file {server.pid_file} kept")
    server.pid_file.unlink(missing_ok=True)
    return True


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _main(argv: Sequence[str]) -> int:
    """``python -m loaders.neo4j.server start|stop|status|build`` (the CLI is ``kg neo4j``)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    action = argv[0] if argv else "status"
    server = LocalServer.from_env()
    try:
        if action == "build":
            print(build(server, force="--force" in argv))
        elif action == "start":
            print(start(server))
        elif action == "stop":
            print("stopped" if stop(server) else "not running")
        elif action == "status":
            print(status(server))
        else:
            print("usage: python -m loaders.neo4j.server [build [--force]|start|stop|status]",
                  file=sys.stderr)
            return 2
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
