"""Benchmark: the explorer's time to first render of a 1,000-node view, and of a slider move.

A synthetic graph (500 events of 2018, 350 actors, 150 places with coordinates:
1,000 nodes in the default view) is loaded with the real loader into a
throw-away Neo4j (data in ``.rasd/neo4j-bench-explorer``, a free port), or into
``NEO4J_URI`` when set (it is wiped first!). Then, ``--runs`` times each:

- *server*: one script run of ``app.py`` (``streamlit.testing.v1.AppTest``: the
  queries, the layout and every view's elements, no browser), and one rerun after
  the slider moves;
- *browser*: ``streamlit run app.py`` in headless Debian chromium (Selenium):
  from navigation until the graph component's canvas and the caption are shown,
  and from a slider key press until the caption shows the new window and the
  app is idle again.

Prints the median with min–max per measure and a machine line.

    .venv/bin/python benchmarks/explorer.py --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from neo4j import GraphDatabase  # noqa: E402

from kg.model import Document, Entity, Event, Extraction, TimeValue  # noqa: E402
from loaders.neo4j.loader import GraphLoader  # noqa: E402
from loaders.neo4j.schema import apply_schema  # noqa: E402
from loaders.neo4j.server import LocalServer, start, stop  # noqa: E402

EVENTS, ACTORS, PLACES = 500, 350, 150
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
KINDS = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Looting/property destruction")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def synthetic() -> list[Extraction]:
    """One article per event; every actor and place takes part in some event."""
    actors = [Entity(f"actor-{i}", "actor", "ArmedGroup" if i % 3 else "Militia", f"Group {i}",
                     names=(f"فصيل {i}",)) for i in range(ACTORS)]
    places = [Entity(f"place-{i}", "place", "City", f"Town {i}", names=(f"بلدة {i}",),
                     attributes={"lat": 32.5 + (i % 15) * 0.3, "lon": 36.0 + (i // 15) * 0.4})
              for i in range(PLACES)]
    out = []
    day0 = dt.date(2018, 1, 1)
    for i in range(EVENTS):
        a, b, p = actors[i % ACTORS], actors[(i * 7 + 3) % ACTORS], places[i % PLACES]
        kind = KINDS[i % len(KINDS)]
        day = (day0 + dt.timedelta(days=(i * 11) % 360)).isoformat()
        text = f"اشتباك بين {a.names[0]} و{b.names[0]} في {p.names[0]}."
        doc = Document(doc_id=f"bench-{i}", text=text, title=f"خبر {i}", outlet=f"outlet-{i % 7}",
                       published=day)
        ev = Event("e1", kind[0], kind[1], agents=(a.id,), targets=(b.id,), place=p.id,
                   time=TimeValue(day, "day"), evidence=text, evidence_span=doc.span(0, len(text)),
                   event_key=f"bench-event-{i}")
        out.append(Extraction(doc_id=doc.doc_id, published=day, title=doc.title, outlet=doc.outlet,
                              content_hash=doc.content_hash, entities=(a, b, p), events=(ev,), relations=()))
    return out


def summary(name: str, values: list[float], unit: str = "s") -> str:
    med = statistics.median(values)
    spread = f"{min(values):6.2f}–{max(values):.2f} {unit}"
    return f"| {name:<52} | {med:7.2f} {unit} | {spread:>15} | {len(values):>4} |"


def server_side(runs: int) -> list[str]:
    """AppTest: a fresh session's first script run, then a rerun after a slider move."""
    from streamlit.testing.v1 import AppTest

    first, move = [], []
    for _ in range(runs):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        t = time.perf_counter()
        at.run()
        first.append(time.perf_counter() - t)
        assert not at.exception, at.exception
        caption = next(c.value for c in at.caption if "entities in" in c.value)
        slider = at.slider(key="window")
        lo, hi = slider.value
        slider.set_value((lo + dt.timedelta(days=30), hi))
        t = time.perf_counter()
        at.run()
        move.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    return [f"(view: {caption})", summary("server: first script run (AppTest)", first),
            summary("server: rerun after a slider move (AppTest)", move)]


def _wait(cond: Callable[[], Any], timeout: float = 300) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = cond()
            if value:
                return value
        except Exception:  # the page is still changing under us
            pass
        time.sleep(0.05)
    raise TimeoutError("the page did not get there in time")


def browser_side(runs: int, uri: str) -> list[str]:
    """Headless chromium: time to the first drawn graph, and from a slider move to the updated view."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return ["| browser: skipped (no /usr/bin/chromium; run `make browser`) | | | |"]
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    port = _free_port()
    env = {**os.environ, "NEO4J_URI": uri, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                             "--server.headless", "true", "--server.address", "127.0.0.1",
                             "--server.port", str(port), "--server.fileWatcherType", "none",
                             "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1500,1100"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(300)
    first, move = [], []
    try:
        _wait(lambda: urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok", 90)

        def caption() -> str:
            found = driver.find_elements("css selector", '[data-testid="stCaptionContainer"]')
            return next((e.text for e in found if "entities in" in e.text), "")

        def idle() -> bool:
            return not driver.find_elements("css selector", '[data-testid="stStatusWidget"]')

        def canvas_drawn() -> bool:
            frames = driver.find_elements("css selector", 'iframe[title*="cytoscape"]')
            if not frames:
                return False
            driver.switch_to.frame(frames[0])
            try:
                return bool(driver.execute_script(
                    "const c = document.querySelectorAll('canvas'); return c.length > 0 && c[0].width > 0"))
            finally:
                driver.switch_to.default_content()

        for _ in range(runs):
            t = time.perf_counter()
            driver.get(url)  # a new session each time
            _wait(lambda: caption() and canvas_drawn())
            first.append(time.perf_counter() - t)
            _wait(idle)
            before = caption()
            thumb = driver.find_element("css selector", '[data-testid="stSlider"] [aria-label$="start"]')
            driver.execute_script("arguments[0].focus()", thumb)
            t = time.perf_counter()
            ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
            _wait(lambda before=before: caption() and caption() != before and idle())
            move.append(time.perf_counter() - t)
    finally:
        driver.quit()
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    return [summary("browser: navigation → graph canvas + caption drawn", first),
            summary("browser: slider key press → new view, app idle", move)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="repetitions of each measure (default 3)")
    args = ap.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    server = None
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        server = LocalServer(home=ROOT / ".rasd" / "neo4j-bench-explorer", port=_free_port(), heap="1g",
                             pagecache="512m")
        stop(server)
        start(server, timeout=180)
        uri = server.uri
        os.environ["NEO4J_URI"] = uri
    try:
        driver = GraphDatabase.driver(uri, auth=None)
        driver.execute_query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
        apply_schema(driver, "neo4j")
        t = time.perf_counter()
        GraphLoader(driver, "neo4j").load(synthetic())
        load_s = time.perf_counter() - t
        nodes = driver.execute_query("MATCH (n:Event|Entity) RETURN count(n) AS n")[0][0]["n"]
        driver.close()
        rows = server_side(args.runs) + browser_side(args.runs, uri)
    finally:
        if server is not None:
            stop(server)
    print(f"graph: {nodes} event+entity nodes ({EVENTS} events, {ACTORS} actors, {PLACES} places), "
          f"loaded in {load_s:.1f} s")
    print(f"| {'measure':<52} | {'median':>9} | {'min–max':>15} | runs |")
    print(f"|{'-' * 54}|{'-' * 11}|{'-' * 17}|------|")
    for row in rows:
        print(row)
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip() \
        if Path(CHROMIUM).exists() else "no chromium"
    load = os.getloadavg()
    print(f"machine: {platform.node()} · {os.cpu_count()} CPUs · load {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} · Python {platform.python_version()} · {chromium}")


if __name__ == "__main__":
    main()
