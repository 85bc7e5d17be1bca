"""The explorer in a real browser (Debian chromium, headless, offline) over the hostile corpus.

Starts ``streamlit run app.py`` on a free localhost port pointed at the test
Neo4j, drives it with Selenium (``/usr/bin/chromedriver``, ``SE_OFFLINE=true``:
no driver download), selects an actor, moves the slider, opens a provenance
panel, and checks that the hostile names and quotes are shown as text and that
no injected script ran (no ``window.__xss``, no ``alert``, no live
``<img src=x>``) in the page or any component iframe. Screenshots go to
``.rasd/artifacts/`` (git-ignored). Needs ``chromium`` and ``chromium-driver``
(``make browser`` installs them; ``make test`` does it when they are missing).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app.corpus import (
    ACTOR_ID,
    EVENT_ID,
    IMG,
    ROOT,
    SCRIPT,
    load_corpus,
)

pytestmark = pytest.mark.integration
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
ARTIFACTS = ROOT / ".rasd" / "artifacts"
#: Runs in every frame before the page's own scripts: records alerts instead of blocking on them.
TRAP = "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };"


@pytest.fixture()
def explorer_graph(neo4j_env: Any) -> Any:
    """The test database holding the explorer corpus, with NEO4J_URI pointing at it."""
    load_corpus(neo4j_env.driver, neo4j_env.database)
    return neo4j_env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def app_url(explorer_graph: Any) -> Iterator[str]:
    """``streamlit run app.py`` against the test Neo4j, in its own process group."""
    port = _free_port()
    env = {**os.environ, "NEO4J_URI": explorer_graph.uri, "PYTHONPATH": str(ROOT)}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = (ARTIFACTS / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: see {ARTIFACTS / 'streamlit.log'}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture()
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("chromium/chromedriver missing: run `make browser` "
                    "(apt-get install chromium chromium-driver fonts-noto-core)")
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1500,1300", "--lang=en"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, condition: Any, what: str, timeout: float = 60) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25).until(condition)
    except Exception as exc:
        driver.save_screenshot(str(ARTIFACTS / "failure.png"))
        raise AssertionError(f"timed out waiting for {what}; screenshot {ARTIFACTS / 'failure.png'}") from exc


def body_text(driver: Any) -> str:
    return str(driver.find_element("tag name", "body").text)


def idle(driver: Any) -> None:
    """Wait until Streamlit has finished the current run (no 'running' status widget)."""
    time.sleep(0.5)
    wait_for(driver, lambda d: not d.find_elements("css selector", '[data-testid="stStatusWidget"]'),
             "the app to finish its run")


def caption(driver: Any) -> str:
    for el in driver.find_elements("css selector", '[data-testid="stCaptionContainer"]'):
        if "entities in" in el.text:
            return str(el.text)
    return ""


def choose(driver: Any, label: str, text: str) -> None:
    """Pick the option containing ``text`` in the selectbox labelled ``label``."""
    from selenium.webdriver.common.keys import Keys

    box = next(b for b in driver.find_elements("css selector", '[data-testid="stSelectbox"]')
               if label in b.text)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    field = box.find_element("css selector", "input")
    field.click()
    field.send_keys(text)
    options = ("css selector", '[role="option"]')
    wait_for(driver, lambda d: any(text in o.text for o in d.find_elements(*options)), f"option {text!r}")
    field.send_keys(Keys.ENTER)
    idle(driver)


def no_script_ran(driver: Any) -> list[str]:
    """What injected code did in the page and in each component iframe (empty when nothing ran)."""
    probe = ("return {xss: window.__xss === undefined ? null : String(window.__xss),"
             " alerts: window.__alerts || [], imgs: document.querySelectorAll('img[src=\"x\"]').length,"
             " scripts: Array.from(document.scripts).filter(s => s.textContent.includes('__xss')).length};")
    found = []
    frames = [None, *driver.find_elements("tag name", "iframe")]
    for frame in frames:
        driver.switch_to.default_content()
        if frame is not None:
            driver.switch_to.frame(frame)
        r = driver.execute_script(probe)
        if r["xss"] is not None or r["alerts"] or r["imgs"] or r["scripts"]:
            found.append(f"{'page' if frame is None else 'iframe'}: {r}")
    driver.switch_to.default_content()
    return found


def test_explorer_in_a_real_browser(app_url: str, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    d = browser
    d.get(app_url)
    wait_for(d, lambda d: "Rasd" in body_text(d) and caption(d), "the first render")
    idle(d)
    # the graph component rendered its canvas inside its iframe
    frame = wait_for(d, lambda d: d.find_elements("css selector", 'iframe[title*="cytoscape"]'),
                     "the graph component")[0]
    d.switch_to.frame(frame)
    wait_for(d, lambda d: d.find_elements("tag name", "canvas"), "the graph canvas")
    d.switch_to.default_content()
    d.save_screenshot(str(ARTIFACTS / "01-first-render.png"))
    first = caption(d)
    assert "2018-03-01 – 2018-04-30" in first

    # select an actor: its profile shows the hostile names as text
    choose(d, "select an entity", ACTOR_ID)
    wait_for(d, lambda d: "Affiliations and control periods" in body_text(d), "the actor's profile")
    text = body_text(d)
    assert IMG in text, "the hostile alias is shown as text"
    assert SCRIPT in text
    assert f"sel={ACTOR_ID}" in d.current_url
    d.save_screenshot(str(ARTIFACTS / "02-actor-profile.png"))

    # move the slider: the start thumb 20 days later; every view follows
    thumb = d.find_element("css selector", '[data-testid="stSlider"] [aria-label$="start"]')
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", thumb)
    d.execute_script("arguments[0].focus()", thumb)  # a visually hidden range input inside the thumb
    ActionChains(d).send_keys(*[Keys.ARROW_RIGHT] * 20).perform()
    wait_for(d, lambda d: "2018-03-21 – 2018-04-30" in caption(d), "the views to follow the slider")
    idle(d)
    assert "start=2018-03-21" in d.current_url
    d.save_screenshot(str(ARTIFACTS / "03-slider-moved.png"))

    # open the provenance panel of the actor's event: the quote, escaped, right-to-left, span marked
    choose(d, "open the sources of one of its events", EVENT_ID)
    panel = wait_for(d, lambda d: [e for e in d.find_elements("css selector", '[data-testid="stExpander"]')
                                   if "Provenance" in e.text], "the provenance panel")[0]
    d.execute_script("arguments[0].scrollIntoView({block: 'start'})", panel)
    evidence = panel.find_element("css selector", ".rasd-evidence")
    assert evidence.get_attribute("dir") == "rtl"
    marked = evidence.find_element("tag name", "mark").text
    assert SCRIPT in marked and IMG in marked and marked.startswith("قال المتحدث")
    assert SCRIPT in panel.text  # the outlet, as text
    d.save_screenshot(str(ARTIFACTS / "04-provenance.png"))

    # nothing the articles carried ran, anywhere
    assert no_script_ran(d) == []
    logs = [e["message"] for e in d.get_log("browser")] if hasattr(d, "get_log") else []
    assert not [m for m in logs if "__xss" in m or "alert" in m], logs
