"""The explorer's read-only queries against a real Neo4j."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from loaders.neo4j.explore import QueryRefused, event_reports, events_in_window, run_read_only
from loaders.neo4j.loader import GraphLoader
from loaders.pipeline import ingest

pytestmark = pytest.mark.integration
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture()
def sample_graph(graph: Any) -> Any:
    summary = ingest([SAMPLES], GraphLoader(graph.driver, graph.database))
    assert summary.ok == 8 and summary.failed == 0
    return graph


def test_events_in_window_and_their_reports(sample_graph: Any) -> None:
    g = sample_graph
    march = events_in_window(g.driver, g.database, start=dt.date(2018, 3, 1), end=dt.date(2018, 3, 31))
    assert march and all(e["date"] is None or e["date"].startswith("2018-03") for e in march)
    everything = events_in_window(g.driver, g.database)
    assert len(everything) >= len(march)
    battles = events_in_window(g.driver, g.database, types=["Battles"])
    assert battles and {e["event_type"] for e in battles} == {"Battles"}
    reports = event_reports(g.driver, g.database, march[0]["id"])
    assert reports and reports[0]["evidence"] and reports[0]["span_end"] > reports[0]["span_start"]


@pytest.mark.parametrize("query", [
    "CREATE (n:Intruder) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Article) SET n.title = 'x'",
    "CREATE INDEX intruder FOR (n:Intruder) ON (n.x)",
])
def test_query_box_refuses_writes(sample_graph: Any, query: str) -> None:
    g = sample_graph
    before, _, _ = g.driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=g.database)
    with pytest.raises(QueryRefused, match="read-only"):
        run_read_only(g.driver, g.database, query)
    after, _, _ = g.driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=g.database)
    assert after[0]["n"] == before[0]["n"]


def test_query_box_limits_rows_and_time(sample_graph: Any) -> None:
    g = sample_graph
    res = run_read_only(g.driver, g.database, "UNWIND range(1, 5000) AS x RETURN x", max_rows=100)
    assert len(res.rows) == 100 and res.truncated and res.columns == ["x"]
    with pytest.raises(QueryRefused):
        run_read_only(g.driver, g.database,
                      "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*)", timeout_s=1)


def test_app_renders_against_the_graph(sample_graph: Any, neo4j_env: Any) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert "Rasd" in at.title[0].value
    assert "events" in at.caption[0].value
