"""The explorer's connection settings and secrets: environment, .env, browsing user, nothing on the page."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from explorer.config import read_dotenv, settings
from tests.app.corpus import ROOT


def test_environment_wins_over_dotenv_and_the_browsing_user_wins_over_the_admin(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("NEO4J_URI=bolt://from-file:7687\nNEO4J_PASSWORD=file-pw\nOTHER=x\n")
    s = settings({"NEO4J_URI": "bolt://from-env:7687"}, dotenv=read_dotenv(env_file))
    assert (s.uri, s.password) == ("bolt://from-env:7687", "file-pw")
    s = settings({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "admin",
                  "RASD_EXPLORER_USERNAME": "reader", "RASD_EXPLORER_PASSWORD": "r"}, dotenv={})
    assert (s.user, s.password) == ("reader", "r")


def test_dotenv_is_git_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in ignored


def test_no_secret_on_the_page_when_the_server_is_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    secret = "pw-that-must-not-show-7f3a"
    monkeypatch.setenv("NEO4J_URI", f"bolt://neo4j:{secret}@127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", secret)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Cannot read the graph" in shown and secret not in shown
    assert secret not in str(at)  # no element of the page carries it
