"""``kg synth``: deterministic for a seed, counts as asked, loaded through the normal loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from kg.model import Extraction
from kg.synth import SynthConfig, SynthCorpus

runner = CliRunner()
ARGS = ["synth", "--events", "300", "--actors", "12", "--places", "40", "--years", "1", "--seed", "5"]


def test_synth_help() -> None:
    result = runner.invoke(app, ["synth", "--help"])
    assert result.exit_code == 0 and "--events" in result.output


def test_synth_corpus_shape() -> None:
    docs = list(SynthCorpus(SynthConfig(events=300, actors=12, places=40, years=1, seed=5)).extractions())
    keys = [e.event_key for d in docs for e in d.events]
    assert len(set(keys)) == 300 and len(keys) > 300  # some events are told by several outlets
    agents = [a for d in docs for e in d.events for a in e.agents]
    assert agents.count("synth-actor-00000") > 3 * agents.count("synth-actor-00009")  # power law
    controls = [r for d in docs for r in d.relations if r.type == "CONTROLS"]
    assert len({r.source for r in controls}) > 1  # control changes hands
    assert any(e.fatalities for d in docs for e in d.events)


def test_synth_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "synth.jsonl"
    result = runner.invoke(app, [*ARGS, "--out", str(out)])
    assert result.exit_code == 0, result.output
    docs = [Extraction.from_json(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len({e.event_key for d in docs for e in d.events}) == 300


def test_synth_bad_options_fail_cleanly() -> None:
    result = runner.invoke(app, ["synth", "--actors", "1"])
    assert result.exit_code != 0 and "Traceback" not in result.output


@pytest.mark.integration
def test_same_seed_same_graph(neo4j_env: Any) -> None:
    from loaders.neo4j.stats import graph_fingerprint, graph_stats

    driver, db = neo4j_env.driver, neo4j_env.database
    first = runner.invoke(app, ARGS)
    assert first.exit_code == 0, first.output
    fp1 = graph_fingerprint(driver, db)
    st = graph_stats(driver, db)
    assert st.nodes["Event"] == 300
    assert st.nodes["Actor"] <= 12 and st.nodes["Place"] <= 40
    multi, _, _ = driver.execute_query(
        "MATCH (e:Event) WHERE e.source_count > 1 RETURN count(e) AS n", database_=db)
    assert multi[0]["n"] > 0
    periods, _, _ = driver.execute_query(
        "MATCH ()-[c:CONTROLS]->() WHERE c.valid_to IS NOT NULL RETURN count(c) AS n", database_=db)
    assert periods[0]["n"] > 0  # control periods that ended when the place changed hands
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    again = runner.invoke(app, ARGS)
    assert again.exit_code == 0, again.output
    assert graph_fingerprint(driver, db) == fp1
    other = runner.invoke(app, [*ARGS[:-1], "6"])
    assert other.exit_code == 0, other.output
    assert graph_fingerprint(driver, db) != fp1
    assert json.loads(runner.invoke(app, ["stats", "--json"]).output)["nodes"]["Event"] == 600
