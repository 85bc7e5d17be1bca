"""``kg export rdf``, ``kg export acled`` and ``kg validate`` end to end, against the test Neo4j."""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from kg.model import Extraction
from loaders.neo4j.loader import GraphLoader
from loaders.rdf.validate import load_union

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "dev"

BROKEN = """\
@prefix rasd: <https://w3id.org/rasd/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/rasd/event/x> a rasd:Event ;
    rasd:timePrecision rasd:DayPrecision ;
    rasd:modality rasd:Asserted ;
    rasd:fatalities "-3"^^xsd:integer .
"""


@pytest.fixture()
def loaded(neo4j_env: Any) -> Any:
    exts = [Extraction.from_dict(json.loads(Path(p).read_text(encoding="utf-8")))
            for p in sorted(glob.glob(str(DEV / "*.gold.json")))[:5]]
    GraphLoader(neo4j_env.driver, neo4j_env.database, ingested_at="2026-11-24T12:00:00Z").load(exts)
    return neo4j_env


@pytest.mark.integration
@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")
@pytest.mark.parametrize(("fmt", "ext"), [("trig", "trig"), ("nquads", "nq"), ("turtle", "ttl"),
                                          ("jsonld", "jsonld")])
def test_export_rdf_then_validate(loaded: Any, tmp_path: Path, fmt: str, ext: str) -> None:
    out = tmp_path / f"dev.{ext}"
    result = runner.invoke(app, ["export", "rdf", "--format", fmt, "--out", str(out),
                                 "--base", "https://partner.example/rasd/", "--no-start-server"])
    assert result.exit_code == 0, result.output
    assert "quads" in result.output and out.exists()
    assert not out.with_name(out.name + ".partial").exists()
    assert len(load_union(out)) > 100
    assert "https://partner.example/rasd/event/" in out.read_text(encoding="utf-8")
    if fmt == "trig":
        result = runner.invoke(app, ["validate", str(out)])
        assert result.exit_code == 0, result.output
        assert "conforms" in result.output


@pytest.mark.integration
@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")
def test_export_acled(loaded: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "acled", "--out", str(out), "--start", "2018-01-01",
                                 "--no-start-server"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year,time_precision,event_type")
    assert len(lines) > 1 and f"wrote {len(lines) - 1} events" in result.output


def test_bad_options_are_clear_errors(tmp_path: Path) -> None:
    out = tmp_path / "x.nq"
    result = runner.invoke(app, ["export", "rdf", "--format", "rdfxml", "--out", str(out)])
    assert result.exit_code == 2 and "--format must be one of" in result.output
    result = runner.invoke(app, ["export", "rdf", "--base", "example.org", "--out", str(out)])
    assert result.exit_code == 2 and "--base" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["export", "acled", "--start", "2018-13-01", "--out", str(out)])
    assert result.exit_code == 2 and "--start must be YYYY-MM-DD" in result.output


def test_validate_non_conforming_file_exits_1_with_a_readable_report(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1, result.output
    assert "does not conform" in result.output
    assert "an event has exactly one ACLED event type" in result.output
    assert "an event has at least one report" in result.output
    assert "rasd:fatalities" in result.output and "Traceback" not in result.output


def test_validate_unreadable_files_are_clear_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2 and "cannot parse" in result.output and "broken.ttl" in result.output
    odd = tmp_path / "data.xyz"
    odd.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(odd)])
    assert result.exit_code == 2 and "cannot tell the RDF format" in result.output
