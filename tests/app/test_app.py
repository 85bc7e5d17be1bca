"""The explorer's widgets and state, driven by streamlit.testing.v1.AppTest against a real Neo4j.

AppTest runs no JavaScript: these tests cover widgets, state, URL parameters and
what HTML the app hands to the page (escaped). The browser test covers rendering.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.app.corpus import (
    ACTOR_ID,
    EVENT_ID,
    ROOT,
    load_corpus,
)

pytestmark = pytest.mark.integration
APP = str(ROOT / "app.py")
D = dt.date


@pytest.fixture()
def explorer_graph(neo4j_env: Any) -> Any:
    """The test database holding the explorer corpus, with NEO4J_URI pointing at it."""
    load_corpus(neo4j_env.driver, neo4j_env.database)
    return neo4j_env


def start(explorer_graph: Any, **params: str) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def html_out(at: Any) -> str:
    """Everything the app sent as Markdown/HTML."""
    return "\n".join(m.value for m in at.markdown)


def assert_escaped(at: Any) -> None:
    out = html_out(at)
    assert "<img" not in out and "<script" not in out.lower() and "</script" not in out.lower()
    # the only tags present are the ones the app writes itself
    assert set(re.findall(r"</?([a-zA-Z]+)", out)) <= {"div", "mark", "b", "a", "style", "span"}


def click(at: Any, element: str, action: str = "select") -> Any:
    """Make the graph component 'return' a click (AppTest cannot run the component)."""
    ts = (at.session_state["graph_seen"] if "graph_seen" in at.session_state else 0) or 0  # noqa: SIM401
    data = {"node_ids": [element]} if action == "expand" else {"target_id": element, "target_group": "nodes"}
    at.session_state["graph"] = {"action": action, "data": data, "timestamp": ts + 1}
    at.run()
    assert not at.exception, at.exception
    return at


def caption_with(at: Any, word: str) -> str:
    return next(c.value for c in at.caption if word in c.value)


def shown(at: Any) -> int:
    """How many events the views show (from the caption above them)."""
    return int(caption_with(at, "entities in").split()[0])


def test_renders_every_view_over_the_hostile_corpus(explorer_graph: Any) -> None:
    at = start(explorer_graph)
    assert "Rasd" in at.title[0].value
    assert [t.label for t in at.tabs] == ["Graph", "Timeline", "Map", "Events", "Queries"]
    assert "events" in at.caption[0].value
    assert at.slider(key="window").value == (D(2018, 3, 1), D(2018, 4, 30))
    assert at.query_params["start"] == "2018-03-01"
    assert_escaped(at)


def test_selecting_an_actor_shows_its_profile_escaped(explorer_graph: Any) -> None:
    at = click(start(explorer_graph), ACTOR_ID)
    out = html_out(at)
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in out  # the hostile name, as text
    assert "Affiliations and control periods" in out and "Events** (1)" in out
    assert at.query_params["sel"] == ACTOR_ID
    assert_escaped(at)
    periods = at.dataframe[-3].value  # periods, events, sources
    assert list(periods["relation"]) == ["CONTROLS"]


def test_selecting_an_event_opens_its_provenance(explorer_graph: Any) -> None:
    at = click(start(explorer_graph), EVENT_ID)
    panel = [e for e in at.expander if "Provenance" in e.label]
    assert panel and "1 report" in panel[0].label
    out = html_out(at)
    assert "<mark>" in out and 'dir="rtl"' in out
    assert "قال المتحدث &lt;/script&gt;&lt;script&gt;window.&#95;&#95;xss=1&lt;/script&gt;" in out
    assert_escaped(at)


def test_expand_adds_a_neighbourhood_and_the_url_carries_it(explorer_graph: Any) -> None:
    at = start(explorer_graph, types="Protests")  # nothing in view
    before = caption_with(at, "entities in")
    at = click(at, "isis", "expand")
    assert at.session_state["expanded"] == ["isis"]
    assert at.query_params["exp"] == "isis"
    assert caption_with(at, "entities in") != before


def test_slider_as_of_and_filters_change_every_view(explorer_graph: Any) -> None:
    at = start(explorer_graph)
    everything = shown(at)
    at.slider(key="window").set_value((D(2018, 3, 24), D(2018, 4, 10))).run()
    assert not at.exception, at.exception
    assert 0 < shown(at) < everything
    assert at.query_params["start"] == "2018-03-24"
    at.slider(key="window").set_value((D(2018, 3, 17), D(2018, 4, 10))).run()
    at.date_input(key="as_of").set_value(D(2018, 3, 18)).run()
    assert 0 < shown(at) < everything and "as known on 2018-03-18" in caption_with(at, "entities in")
    assert at.query_params["as_of"] == "2018-03-18"
    at.date_input(key="as_of").set_value(None).run()
    at.multiselect(key="types").set_value(["Battles"]).run()
    assert all(r == "Battles" for r in at.dataframe[0].value["type"])
    at.number_input(key="min_sources").set_value(5).run()
    assert shown(at) == 0


def test_state_comes_back_from_the_url(explorer_graph: Any) -> None:
    at = start(explorer_graph, start="2018-03-20", end="2018-04-01", lang="en", sel="isis", actors="isis")
    assert at.slider(key="window").value == (D(2018, 3, 20), D(2018, 4, 1))
    assert at.radio(key="lang").value == "en" and at.multiselect(key="actors").value == ["isis"]
    assert "Islamic State" in html_out(at)  # the selection's profile


def test_month_buttons_step_the_window(explorer_graph: Any) -> None:
    at = start(explorer_graph, start="2018-03-01", end="2018-03-10")
    at.button(key="next_month").click().run()
    assert at.slider(key="window").value == (D(2018, 4, 1), D(2018, 4, 10))
    assert at.query_params["start"] == "2018-04-01"
    at.button(key="next_month").click().run()  # May would leave the data's months: stays
    assert at.slider(key="window").value == (D(2018, 4, 1), D(2018, 4, 10))
    at.button(key="prev_month").click().run()
    assert at.slider(key="window").value == (D(2018, 3, 1), D(2018, 3, 10))


def test_cypher_box_refuses_writes_and_named_queries_run(explorer_graph: Any) -> None:
    at = start(explorer_graph)
    at.text_area(key="cypher_text").input("MATCH (n) DETACH DELETE n").run()
    at.button(key="cypher_go").click().run()
    assert any("read-only" in e.value for e in at.error)
    n, _, _ = explorer_graph.driver.execute_query("MATCH (n) RETURN count(n) AS n")
    assert n[0]["n"] > 0
    at.text_area(key="cypher_text").input("MATCH (a:Article) RETURN a.outlet AS outlet").run()
    at.button(key="cypher_go").click().run()
    assert not at.exception and any(b.label == "Download CSV" for b in at.get("download_button"))
    at.selectbox(key="q_name").set_value("most_active_actors").run()
    next(b for b in at.button if b.label == "Run query").click().run()
    assert not at.exception, at.exception
    assert "q_result" in at.session_state and at.session_state["q_result"][2]


def test_selecting_a_relation_edge_shows_the_claims_behind_it(explorer_graph: Any) -> None:
    at = start(explorer_graph)
    edge = f"CONTROLS:{ACTOR_ID}->raqqa:2018-03-24"
    data = {"target_id": edge, "target_group": "edges"}
    at.session_state["graph"] = {"action": "select_edge", "data": data, "timestamp": 1}
    at.run()
    assert not at.exception, at.exception
    panel = [e for e in at.expander if "Provenance" in e.label]
    assert panel and "1 report" in panel[0].label
    assert "هاجم مواقع في الرقة" in html_out(at)
    assert_escaped(at)
