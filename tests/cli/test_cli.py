"""The ``kg`` command: help everywhere, extract without a database, ingest into a real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_4626a3707a676845.txt"
runner = CliRunner()


@pytest.mark.parametrize("args", [[], ["extract"], ["ingest"], ["stats"], ["schema"], ["neo4j"],
                                  ["neo4j", "start"], ["neo4j", "stop"], ["neo4j", "status"]])
def test_every_command_has_help(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_extract_writes_one_line_per_document(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    report = tmp_path / "report.jsonl"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n", encoding="utf-8")
    (bad / "broken.jsonl").write_text('{"doc_id": "ok-1", "text": "داعش في البوكمال"}\n{not json\n',
                                      encoding="utf-8")
    result = runner.invoke(app, ["extract", str(SAMPLES), str(bad), "--out", str(out),
                                 "--report", str(report)])
    assert result.exit_code == 1, result.output  # some documents failed, the rest went on
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 9
    assert all(x["schema"] == "kg-extraction/1" for x in lines)
    outcomes = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    failed = [o for o in outcomes if o["status"] == "failed"]
    assert len(failed) == 2 and all(o["reason"] for o in failed)
    assert any("broken.jsonl:2" in o["source"] for o in failed)
    assert "empty.txt" in result.output and "broken.jsonl:2" in result.output


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_unreachable_server_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens there
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 2
    assert "not reachable" in result.output
    assert "Traceback" not in result.output


@pytest.mark.integration
def test_ingest_samples_twice(neo4j_env: Any, tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    first = runner.invoke(app, ["ingest", str(SAMPLES), "--report", str(report)])
    assert first.exit_code == 0, first.output
    assert "Ingest summary" in first.output and "documents read" in first.output
    outcomes = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert [o["status"] for o in outcomes].count("ok") == 8
    assert [o["source"] for o in outcomes if o["status"] == "skipped"] == [str(SAMPLES / "README.md")]
    stats1 = runner.invoke(app, ["stats", "--json"])
    counts = json.loads(stats1.output)
    assert counts["nodes"]["Article"] == 8 and counts["nodes"].get("Event", 0) > 0
    second = runner.invoke(app, ["ingest", str(SAMPLES), "--report", str(report)])
    assert second.exit_code == 0, second.output
    outcomes = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert {o["status"] for o in outcomes} == {"unchanged", "skipped"}
    assert json.loads(runner.invoke(app, ["stats", "--json"]).output) == counts


@pytest.mark.integration
@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_seed_article_end_to_end(neo4j_env: Any) -> None:
    result = runner.invoke(app, ["ingest", str(SEED)])
    assert result.exit_code == 0, result.output
    records, _, _ = neo4j_env.driver.execute_query(
        "MATCH (a:Article {id: '000_4626a3707a676845'})<-[:MENTIONED_IN]-(e:Entity) "
        "RETURN collect(e.id) AS ids", database_=neo4j_env.database)
    ids = set(records[0]["ids"])
    assert {"isis", "sdf", "al-bukamal", "liwa-al-baqir"} <= ids
    events, _, _ = neo4j_env.driver.execute_query(
        "MATCH (e:Event)-[r:REPORTED_IN]->(:Article {id: '000_4626a3707a676845'}) "
        "RETURN r.span_start AS s, r.span_end AS t, r.evidence AS ev", database_=neo4j_env.database)
    assert events
    from loaders.readers import read_path

    doc = next(iter(read_path(SEED)))
    for r in events:  # every evidence span points into the document text
        assert r["t"] > r["s"] and doc.text[r["s"]:r["t"]] == r["ev"]


GOLD = ROOT.parent / "shared" / "eval" / "dev"


@pytest.mark.skipif(not GOLD.is_dir(), reason="needs ../shared/eval")
def test_eval_scores_gold_against_itself_perfectly(tmp_path: Path) -> None:
    preds = tmp_path / "gold.jsonl"
    with preds.open("w", encoding="utf-8") as f:
        for path in sorted(GOLD.glob("*.gold.json")):
            f.write(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False) + "\n")
    result = runner.invoke(app, ["eval", str(GOLD), str(preds), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["entities"]["all"]["f1"] == 1.0
    assert scores["events_loose"]["f1"] == 1.0 and scores["relations"]["f1"] == 1.0
    table = runner.invoke(app, ["eval", str(GOLD), str(preds)])
    assert table.exit_code == 0 and "entities: person" in table.output


def test_eval_rejects_a_broken_prediction_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.gold.json").write_text('{"schema": "kg-extraction/1", "doc_id": "a"}', encoding="utf-8")
    bad = tmp_path / "p.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(bad)])
    assert result.exit_code == 2 and "p.jsonl:1" in result.output


def test_ner_tags_a_conll_file(tmp_path: Path) -> None:
    conll = tmp_path / "in.txt"
    conll.write_text("قال O\nالرئيس O\nبشار B-PERS\nالأسد I-PERS\nفي O\nدمشق B-LOC\n\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["ner", "--conll", str(conll), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [x.split() for x in out.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert [t for t, _ in lines] == ["قال", "الرئيس", "بشار", "الأسد", "في", "دمشق"]
    assert all(tag == "O" or tag[:2] in ("B-", "I-") for _, tag in lines)
    assert "micro" in result.output
