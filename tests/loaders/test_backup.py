"""``kg dump`` / ``kg restore``: a portable backup that round-trips to the same graph fingerprint."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from loaders.neo4j.backup import BackupError, dump_graph, restore_graph
from loaders.neo4j.ledger import read_ledger
from loaders.neo4j.loader import GraphLoader
from loaders.neo4j.stats import graph_fingerprint, graph_stats
from tests.fixtures.small_graph import INGESTED_AT, PARENTS, fixture_extractions

pytestmark = pytest.mark.integration
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _wipe(g: Any) -> None:
    g.driver.execute_query("MATCH (n) DETACH DELETE n", database_=g.database)


def _kg(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("name", ["graph.rasd.jsonl", "graph.rasd.jsonl.gz"])
def test_dump_restore_round_trip_of_the_sample_corpus(neo4j_env: Any, tmp_path: Path, name: str) -> None:
    g = neo4j_env
    assert _kg("ingest", str(SAMPLES), "--no-start").exit_code == 0
    before = graph_fingerprint(g.driver, g.database)
    stats = graph_stats(g.driver, g.database)
    assert stats.node_total > 30 and stats.relationship_total > 60
    ledger = read_ledger(g.driver, g.database)

    file = tmp_path / name
    result = _kg("dump", str(file), "--no-start")
    assert result.exit_code == 0, result.output
    assert f"dumped {stats.node_total} nodes and {stats.relationship_total} relationships" in result.output
    _wipe(g)
    result = _kg("restore", str(file), "--no-start")
    assert result.exit_code == 0, result.output
    assert "fingerprint matches" in result.output
    assert graph_fingerprint(g.driver, g.database) == before
    assert read_ledger(g.driver, g.database) == ledger
    # the restored graph is a normal graph: re-ingesting the same input changes nothing
    result = _kg("ingest", str(SAMPLES), "--no-start")
    assert result.exit_code == 0, result.output
    assert graph_fingerprint(g.driver, g.database) == before


def test_round_trip_keeps_every_value_type(graph: Any, tmp_path: Path) -> None:
    """Dates, datetimes, points, floats, ints, booleans, lists, empty lists and null-free maps."""
    GraphLoader(graph.driver, graph.database, ingested_at=INGESTED_AT, parents=PARENTS).load(
        fixture_extractions())
    graph.driver.execute_query(  # values JSON could bend: float sums, 2**53 + 1, -0.0, float lists
        "MATCH (a:Article {id: 'a1'}) SET a.score = 0.1 + 0.2, a.big = 9007199254740993, "
        "a.nums = [1.5, -0.0, 1e-300], a.flags = [true, false]", database_=graph.database)
    kinds, _, _ = graph.driver.execute_query(
        "CALL () { MATCH (n) UNWIND keys(n) AS k RETURN valueType(n[k]) AS t "
        "UNION MATCH ()-[r]->() UNWIND keys(r) AS k RETURN valueType(r[k]) AS t } "
        "RETURN collect(DISTINCT t) AS kinds", database_=graph.database)
    seen = " ".join(kinds[0]["kinds"])
    for kind in ("DATE", "ZONED DATETIME", "POINT", "FLOAT", "INTEGER", "BOOLEAN", "LIST<STRING"):
        assert kind in seen, (kind, seen)
    before = graph_fingerprint(graph.driver, graph.database)
    first = dump_graph(graph.driver, graph.database, tmp_path / "a.jsonl")
    assert first.fingerprint == before
    second = dump_graph(graph.driver, graph.database, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()  # deterministic
    _wipe(graph)
    restored = restore_graph(graph.driver, graph.database, tmp_path / "a.jsonl")
    assert restored == second
    assert graph_fingerprint(graph.driver, graph.database) == before
    # replace: restore over a graph that holds something else
    graph.driver.execute_query("CREATE (:Article {id: 'stray'})", database_=graph.database)
    with pytest.raises(BackupError, match="not empty"):
        restore_graph(graph.driver, graph.database, tmp_path / "a.jsonl")
    restore_graph(graph.driver, graph.database, tmp_path / "a.jsonl", replace=True)
    assert graph_fingerprint(graph.driver, graph.database) == before


def test_restore_refuses_non_empty_graph_from_the_cli(neo4j_env: Any, tmp_path: Path) -> None:
    g = neo4j_env
    GraphLoader(g.driver, g.database, ingested_at=INGESTED_AT, parents=PARENTS).load(fixture_extractions())
    file = tmp_path / "d.jsonl"
    assert _kg("dump", str(file), "--no-start").exit_code == 0
    result = _kg("restore", str(file), "--no-start")
    assert result.exit_code == 2
    assert "not empty" in result.output and "--replace" in result.output
    assert "Traceback" not in result.output
    assert _kg("restore", str(file), "--replace", "--no-start").exit_code == 0


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("tamper", ["label", "type", "truncated", "format", "not-json"])
def test_restore_refuses_bad_dumps(graph: Any, tmp_path: Path, tamper: str) -> None:
    GraphLoader(graph.driver, graph.database, ingested_at=INGESTED_AT, parents=PARENTS).load(
        fixture_extractions())
    good = tmp_path / "good.jsonl"
    dump_graph(graph.driver, graph.database, good)
    lines = _lines(good)
    if tamper == "label":
        node = json.loads(lines[1])
        node["node"]["labels"].append("Pwned`) DETACH DELETE n //")
        lines[1] = json.dumps(node)
    elif tamper == "type":
        rel = json.loads(lines[-1])
        rel["rel"]["type"] = "PWNED]->() DETACH DELETE n //"
        lines[-1] = json.dumps(rel)
    elif tamper == "truncated":
        lines = lines[:-3]
    elif tamper == "format":
        lines[0] = json.dumps({"format": "something-else/9"})
    else:
        lines[2] = lines[2][:-7]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _wipe(graph)
    with pytest.raises(BackupError):
        restore_graph(graph.driver, graph.database, bad)
    labels, _, _ = graph.driver.execute_query("MATCH (n:Pwned) RETURN count(n) AS n",
                                              database_=graph.database)
    assert labels[0]["n"] == 0


def test_dump_of_a_down_server_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.loaders.fault_helpers import free_port

    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    monkeypatch.setenv("RASD_NEO4J_CONNECT_S", "0.5")
    for args in (["dump", str(tmp_path / "x.jsonl")], ["ledger"]):
        result = _kg(*args, "--no-start")
        assert result.exit_code == 2
        assert "Neo4j is not reachable" in result.output
    assert not (tmp_path / "x.jsonl").exists()


def test_gzip_dump_is_compressed(graph: Any, tmp_path: Path) -> None:
    GraphLoader(graph.driver, graph.database, ingested_at=INGESTED_AT, parents=PARENTS).load(
        fixture_extractions())
    dump_graph(graph.driver, graph.database, tmp_path / "g.jsonl.gz")
    with gzip.open(tmp_path / "g.jsonl.gz", "rt", encoding="utf-8") as f:
        assert json.loads(f.readline())["format"] == "rasd-dump/1"


def test_kg_ledger_lists_committed_and_missing_documents(neo4j_env: Any) -> None:
    g = neo4j_env
    assert _kg("ingest", str(SAMPLES), "--no-start").exit_code == 0
    entries = read_ledger(g.driver, g.database)
    assert entries and all(e.content_hash and e.source for e in entries)
    result = _kg("ledger", str(SAMPLES), "--no-start")
    assert result.exit_code == 0, result.output
    assert f"{len(entries)} committed, 0 changed, 0 missing" in result.output
    gone = entries[0].doc_id
    g.driver.execute_query("MATCH (a:Article {id: $id}) DETACH DELETE a", id=gone, database_=g.database)
    result = _kg("ledger", str(SAMPLES), "--no-start")
    assert result.exit_code == 1
    assert "1 missing" in result.output and gone in result.output
    listed = _kg("ledger", "--json", "--no-start")
    assert listed.exit_code == 0
    assert len([ln for ln in listed.output.splitlines() if ln.startswith("{")]) == len(entries) - 1
