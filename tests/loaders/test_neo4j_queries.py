"""Every named read query on a small hand-written graph, loaded with the real loader: exact rows."""

# ruff: noqa: E501  (the expected rows are a table, one row per line)

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from loaders.neo4j.loader import GraphLoader
from loaders.neo4j.named import NamedQueryError, named_queries, query_info, run_named
from tests.fixtures.small_graph import INGESTED_AT, PARENTS, fixture_extractions

pytestmark = pytest.mark.integration

CASES: list[tuple[str, dict[str, Any], list[list[Any]]]] = [
    ('actor_timeline', {'actor': 'isis'}, [
        ['2018-03-17', '2018-03-17', 'event', 'AGENT_IN', 'Battles / Non-state actor overtakes territory', ['regime'], 'al-kum-station', 'a1/e1', 2],
        ['2018-03-17', '2018-05-02', 'relation', 'source', 'CONTROLS', ['al-kum-station'], None, None, 2],
        ['2018-03-19', '2018-03-19', 'event', 'TARGET_IN', 'Explosions/Remote violence / Air/drone strike', ['coalition'], 'al-bukamal', 'a2/e2', 1],
        ['2018-04-10', '2018-04-10', 'event', 'TARGET_IN', 'Battles / Armed clash', ['sdf'], 'raqqa', 'a4/e1', 1],
        ['2018-05-02', '2018-05-02', 'event', 'TARGET_IN', 'Battles / Government regains territory', ['regime'], 'al-kum-station', 'a3/e1', 1],
        ['2018-05-02', None, 'relation', 'source', 'CONTROLS', ['al-kum-station'], None, None, 1],
    ]),
    ('actor_timeline', {'actor': 'isis', 'as_of': '2018-04-01'}, [
        ['2018-03-17', '2018-03-17', 'event', 'AGENT_IN', 'Battles / Non-state actor overtakes territory', ['regime'], 'al-kum-station', 'a1/e1', 2],
        ['2018-03-17', None, 'relation', 'source', 'CONTROLS', ['al-kum-station'], None, None, 2],
        ['2018-03-19', '2018-03-19', 'event', 'TARGET_IN', 'Explosions/Remote violence / Air/drone strike', ['coalition'], 'al-bukamal', 'a2/e2', 1],
    ]),
    ('actor_timeline', {'actor': 'regime', 'start': '2018-04-01', 'end': '2018-12-31'}, [
        ['2018-05-02', '2018-05-02', 'event', 'AGENT_IN', 'Battles / Government regains territory', ['isis'], 'al-kum-station', 'a3/e1', 1],
        ['2018-05-02', None, 'relation', 'source', 'CONTROLS', ['al-kum-station'], None, None, 1],
    ]),
    ('place_history', {'place': 'al-kum-station'}, [
        ['al-kum-station', 'isis', 'Islamic State', '2018-03-17', '2018-05-02', 'day', False, [], 2, 2, '2018-03-18'],
        ['al-kum-station', 'isis', 'Islamic State', '2018-05-02', None, 'day', True, ['regime'], 1, 1, '2018-05-04'],
        ['al-kum-station', 'regime', 'Syrian regime forces', '2018-05-02', None, 'day', True, ['isis'], 1, 1, '2018-05-03'],
    ]),
    ('place_history', {'place': 'al-bukamal', 'subtree': True, 'at': '2018-04-01'}, [
        ['al-kum-station', 'isis', 'Islamic State', '2018-03-17', '2018-05-02', 'day', False, [], 2, 2, '2018-03-18'],
    ]),
    ('place_history', {'place': 'al-kum-station', 'as_of': '2018-05-03'}, [
        ['al-kum-station', 'isis', 'Islamic State', '2018-03-17', '2018-05-02', 'day', False, [], 2, 2, '2018-03-18'],
        ['al-kum-station', 'regime', 'Syrian regime forces', '2018-05-02', None, 'day', True, ['isis'], 1, 1, '2018-05-03'],
    ]),
    ('events_in_window', {'start': '2018-03-01', 'end': '2018-03-31'}, [
        ['a2/e2', '2018-03-19', 'day', 'Explosions/Remote violence', 'Air/drone strike', ['US-led coalition'], ['al-Bukamal'], 'asserted', 1, None],
        ['a1/e1', '2018-03-17', 'day', 'Battles', 'Non-state actor overtakes territory', ['Islamic State'], ['al-Kum station'], 'asserted', 2, 25],
    ]),
    ('events_in_window', {'place': 'deir-ez-zor', 'actors': ['isis'], 'as_of': '2018-03-18'}, [
        ['a1/e1', '2018-03-17', 'day', 'Battles', 'Non-state actor overtakes territory', ['Islamic State'], ['al-Kum station'], 'asserted', 1, 25],
    ]),
    ('events_in_window', {'bbox': [35.0, 38.0, 36.5, 40.0]}, [
        ['a4/e1', '2018-04-10', 'day', 'Battles', 'Armed clash', ['SDF'], ['Raqqa'], 'asserted', 1, None],
    ]),
    ('events_in_window', {'types': ['Battles'], 'min_sources': 2}, [
        ['a1/e1', '2018-03-17', 'day', 'Battles', 'Non-state actor overtakes territory', ['Islamic State'], ['al-Kum station'], 'asserted', 2, 25],
    ]),
    ('entity_neighbourhood', {'id': 'coalition', 'depth': 2}, [
        ['al-bukamal', 'al-Bukamal', 'Place', 'City', 1],
        ['isis', 'Islamic State', 'Actor', 'ArmedGroup', 1],
        ['al-kum-station', 'al-Kum station', 'Place', 'Facility', 2],
        ['raqqa', 'Raqqa', 'Place', 'City', 2],
        ['regime', 'Syrian regime forces', 'Actor', 'StateForce', 2],
        ['sdf', 'SDF', 'Actor', 'ArmedGroup', 2],
    ]),
    ('entity_neighbourhood', {'id': 'sdf', 'depth': 3, 'end': '2018-04-30'}, [
        ['isis', 'Islamic State', 'Actor', 'ArmedGroup', 1],
        ['raqqa', 'Raqqa', 'Place', 'City', 1],
        ['al-bukamal', 'al-Bukamal', 'Place', 'City', 2],
        ['al-kum-station', 'al-Kum station', 'Place', 'Facility', 2],
        ['coalition', 'US-led coalition', 'Actor', 'StateForce', 2],
        ['regime', 'Syrian regime forces', 'Actor', 'StateForce', 2],
    ]),
    ('entity_neighbourhood', {'id': 'isis', 'depth': 1, 'start': '2018-05-01'}, [
        ['al-kum-station', 'al-Kum station', 'Place', 'Facility', 1],
        ['regime', 'Syrian regime forces', 'Actor', 'StateForce', 1],
    ]),
    ('entity_neighbourhood', {'id': 'liwa', 'depth': 1}, [
        ['iran', 'Iran', 'Actor', 'State', 1],
    ]),
    ('time_respecting_path', {'from': 'coalition', 'to': 'sdf'}, [
        [['coalition', 'a2/e2', 'isis', 'a4/e1', 'sdf'], ['2018-03-19', '2018-04-10'], 2],
    ]),
    ('time_respecting_path', {'from': 'sdf', 'to': 'coalition'}, [
    ]),
    ('as_of_snapshot', {'as_of': '2018-03-18'}, [
        ['event', 'a1/e1', 'Battles', ['isis'], ['al-kum-station'], '2018-03-17', '2018-03-17', 1, '2018-03-18'],
        ['relation', None, 'CONTROLS', ['isis'], ['al-kum-station'], '2018-03-17', None, 1, '2018-03-18'],
        ['relation', None, 'SUPPORTED_BY', ['liwa'], ['iran'], None, None, 1, '2018-03-18'],
    ]),
    ('as_of_snapshot', {'as_of': '2018-05-03', 'at': '2018-05-02'}, [
        ['event', 'a3/e1', 'Battles', ['regime'], ['al-kum-station'], '2018-05-02', '2018-05-02', 1, '2018-05-03'],
        ['relation', None, 'CONTROLS', ['regime'], ['al-kum-station'], '2018-05-02', None, 1, '2018-05-03'],
        ['relation', None, 'SUPPORTED_BY', ['liwa'], ['iran'], None, None, 1, '2018-03-18'],
    ]),
    ('corroboration', {}, [
        ['event', 'a1/e1', 'Battles', 2, 2, ['alpha', 'beta'], '2018-03-17'],
        ['event', 'a2/e2', 'Explosions/Remote violence', 1, 1, ['beta'], '2018-03-19'],
        ['event', 'a4/e1', 'Battles', 1, 1, ['gamma'], '2018-04-10'],
        ['event', 'a3/e1', 'Battles', 1, 1, ['alpha'], '2018-05-02'],
        ['single-source claim', 'regime CONTROLS al-kum-station', 'CONTROLS', 1, 1, ['alpha'], '2018-05-02'],
        ['single-source claim', 'al-kum-station LOCATED_IN al-bukamal', 'LOCATED_IN', 1, 1, ['alpha'], None],
        ['single-source claim', 'liwa SUPPORTED_BY iran', 'SUPPORTED_BY', 1, 1, ['alpha'], None],
    ]),
    ('corroboration', {'min_sources': 2, 'start': '2018-03-01', 'end': '2018-03-31'}, [
        ['event', 'a1/e1', 'Battles', 2, 2, ['alpha', 'beta'], '2018-03-17'],
        ['single-source claim', 'al-kum-station LOCATED_IN al-bukamal', 'LOCATED_IN', 1, 1, ['alpha'], None],
        ['single-source claim', 'liwa SUPPORTED_BY iran', 'SUPPORTED_BY', 1, 1, ['alpha'], None],
    ]),
    ('attribution', {'speaker': 'rami'}, [
        ['rami', 'Rami Abdel Rahman', 'a1', 'alpha', '2018-03-18', 'a1/e1', 'Battles', ['isis'], ['regime'], 'al-kum-station', 'asserted', 'سيطر داعش على محطة الكم'],
    ]),
    ('attribution', {'about': 'sdf'}, [
    ]),
    ('co_participation', {}, [
        ['isis', 'regime', 2, 0, 2, '2018-03-17', '2018-05-02'],
        ['coalition', 'isis', 1, 0, 1, '2018-03-19', '2018-03-19'],
        ['isis', 'sdf', 1, 0, 1, '2018-04-10', '2018-04-10'],
    ]),
    ('co_participation', {'start': '2018-04-01', 'min_events': 1}, [
        ['isis', 'regime', 1, 0, 1, '2018-05-02', '2018-05-02'],
        ['isis', 'sdf', 1, 0, 1, '2018-04-10', '2018-04-10'],
    ]),
    ('most_active_actors', {}, [
        ['2018-03', 1, 'coalition', 'US-led coalition', 1],
        ['2018-03', 2, 'isis', 'Islamic State', 1],
        ['2018-04', 1, 'sdf', 'SDF', 1],
        ['2018-05', 1, 'regime', 'Syrian regime forces', 1],
    ]),
    ('most_active_actors', {'start': '2018-03-01', 'end': '2018-03-31', 'top': 1}, [
        ['2018-03', 1, 'coalition', 'US-led coalition', 1],
    ]),
]

COLUMNS = {
    "place_history": ["place", "holder", "name", "valid_from", "valid_to", "precision", "contested",
                      "rivals", "sources", "claims", "first_reported"],
    "time_respecting_path": ["path", "dates", "events"],
}


@pytest.fixture(scope="module")
def small_graph(neo4j_driver: Any) -> Any:
    from neo4j import Driver

    assert isinstance(neo4j_driver, Driver)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    GraphLoader(neo4j_driver, "neo4j", ingested_at=INGESTED_AT, parents=PARENTS).load(
        fixture_extractions())
    return neo4j_driver


def test_every_read_query_is_covered() -> None:
    covered = {name for name, _, _ in CASES}
    # event_reports: test_neo4j_explore; graph_window_* (internal): test_networkx_window below
    assert set(named_queries()) - covered <= {"event_reports", "graph_stats", "graph_totals"}


@pytest.mark.parametrize(("name", "params", "expected"), CASES,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)])
def test_query_rows(small_graph: Any, name: str, params: dict[str, Any],
                    expected: list[list[Any]]) -> None:
    columns, rows = run_named(small_graph, "neo4j", name, params)
    if name in COLUMNS:
        assert columns == COLUMNS[name]
    assert [[r[c] for c in columns] for r in rows] == expected


def test_parameters_are_checked(small_graph: Any) -> None:
    with pytest.raises(NamedQueryError, match="needs --param place"):
        run_named(small_graph, "neo4j", "place_history", {})
    with pytest.raises(NamedQueryError, match="no parameter nope"):
        run_named(small_graph, "neo4j", "place_history", {"place": "x", "nope": 1})
    with pytest.raises(NamedQueryError, match="no read query"):
        run_named(small_graph, "neo4j", "merge_events", {"rows": []})


def test_headers_describe_every_parameter() -> None:
    for name in named_queries():
        info = query_info(name)
        assert info.purpose, name
        for p in info.params:
            assert p.description, (name, p.name)


@pytest.fixture()
def cli_env(small_graph: Any, neo4j_uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)


def test_cli_query_json_csv_and_list(cli_env: None) -> None:
    from cli.main import app

    runner = CliRunner()
    res = runner.invoke(app, ["query", "place_history", "--param", "place=al-kum-station",
                              "--param", "as_of=2018-05-01", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{
        "place": "al-kum-station", "holder": "isis", "name": "Islamic State",
        "valid_from": "2018-03-17", "valid_to": None, "precision": "day", "contested": False,
        "rivals": [], "sources": 2, "claims": 2, "first_reported": "2018-03-18"}]
    res = runner.invoke(app, ["query", "events_in_window", "-p", "actors=isis,sdf", "-p", "limit=2",
                              "-p", "bbox=[34,38,36.5,41.5]", "--csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["id"] for r in rows] == ["a4/e1", "a2/e2"]  # al-Kum station has no coordinates
    res = runner.invoke(app, ["query", "--list"])
    assert res.exit_code == 0 and "time_respecting_path" in res.stdout
    res = runner.invoke(app, ["query", "place_history", "-p", "subtree=maybe", "-p", "place=x"])
    assert res.exit_code == 2 and "not a boolean" in res.output
    res = runner.invoke(app, ["query", "no_such_query"])
    assert res.exit_code == 2


def test_networkx_window(small_graph: Any) -> None:
    from kg.graph.network import centrality_over_time
    from loaders.networkx_graph import read_window

    g = read_window(small_graph, "neo4j", start="2018-03-01", end="2018-03-31")
    assert sorted(n for n, a in g.nodes(data=True) if a["kind"] == "Event") == ["a1/e1", "a2/e2"]
    assert sorted(n for n, a in g.nodes(data=True) if a["kind"] != "Event") == [
        "al-bukamal", "al-kum-station", "coalition", "iran", "isis", "liwa", "regime"]
    controls = sorted((u, v, a["start"], a.get("end")) for u, v, a in g.edges(data=True)
                      if a["type"] == "CONTROLS")
    assert controls == [("isis", "al-kum-station", "2018-03-17", "2018-05-02")]
    whole = read_window(small_graph, "neo4j")
    assert whole.number_of_nodes() == 13  # 4 events, 9 entities (not rami: attribution only)
    deg = centrality_over_time(whole)
    assert max(deg["2018-03"], key=lambda n: (deg["2018-03"][n], n)) == "isis"


def test_cli_export_graphml_and_gexf(cli_env: None, tmp_path: Any) -> None:
    import xml.etree.ElementTree as ET

    from cli.main import app

    out = tmp_path / "g.graphml"
    res = CliRunner().invoke(app, ["export", "graphml", "--out", str(out), "--start", "2018-05-01"])
    assert res.exit_code == 0, res.output
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    root = ET.parse(out).getroot()
    ids = sorted(n.get("id") for n in root.iter(f"{ns}node"))
    assert "a3/e1" in ids and "a1/e1" not in ids
    gexf = tmp_path / "g.gexf"
    res = CliRunner().invoke(app, ["export", "gexf", "--out", str(gexf)])
    assert res.exit_code == 0 and "<gexf" in gexf.read_text(encoding="utf-8")
    res = CliRunner().invoke(app, ["export", "graphml", "--out", str(out), "--start", "March"])
    assert res.exit_code == 2
