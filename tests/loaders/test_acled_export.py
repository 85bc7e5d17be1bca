"""ACLED-layout CSV of the dev graph, against a real Neo4j: one row per event, ACLED columns and codes."""

from __future__ import annotations

import csv
import glob
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.model import Extraction
from loaders.neo4j.loader import GraphLoader
from loaders.rdf.acled import COLUMNS, acled_row, export_acled
from loaders.rdf.read import Window

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "dev"


@pytest.fixture()
def dev_rows(graph: Any) -> list[dict[str, str]]:
    exts = [Extraction.from_dict(json.loads(Path(p).read_text(encoding="utf-8")))
            for p in sorted(glob.glob(str(DEV / "*.gold.json")))]
    GraphLoader(graph.driver, graph.database, ingested_at="2026-11-24T12:00:00Z").load(exts)
    buf = io.StringIO()
    stats = export_acled(graph.driver, graph.database, buf, page_size=9)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert stats.rows == len(rows)
    return rows


@pytest.mark.integration
@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")
def test_one_acled_row_per_event(graph: Any, dev_rows: list[dict[str, str]]) -> None:
    records, _, _ = graph.driver.execute_query(
        "MATCH (e:Event) RETURN e.id AS id, e.event_type AS t, e.sub_event_type AS s, "
        "toString(e.date_start) AS d, e.fatalities AS f ORDER BY id", database_=graph.database)
    assert len(dev_rows) == len(records) > 10
    assert list(dev_rows[0]) == list(COLUMNS)
    by_id = {r["rasd_event_id"]: r for r in dev_rows}
    for rec in records:
        row = by_id[rec["id"]]
        assert (row["event_type"], row["sub_event_type"]) == (rec["t"], rec["s"])
        assert row["event_date"] == (rec["d"] or "")
        assert row["year"] == (rec["d"][:4] if rec["d"] else "")
        assert int(row["fatalities"]) == (rec["f"] or 0)
        assert row["time_precision"] in {"1", "2", "3"}
        assert re.fullmatch(r"[A-Z]{3}\d+", row["event_id_cnty"]), row["event_id_cnty"]
        assert row["source"]  # every event has at least one outlet
    assert len({r["event_id_cnty"] for r in dev_rows}) == len(dev_rows)
    assert any(r["admin1"] for r in dev_rows) and any(r["actor1"] for r in dev_rows)
    assert any(r["event_id_cnty"].startswith("SYR") for r in dev_rows)


@pytest.mark.integration
@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")
def test_window_and_stable_ids(graph: Any, dev_rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    export_acled(graph.driver, graph.database, buf, window=Window("2018-04-01", "2018-04-30"))
    window = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert 0 < len(window) < len(dev_rows)
    ids = {r["rasd_event_id"]: r["event_id_cnty"] for r in dev_rows}
    assert all(ids[r["rasd_event_id"]] == r["event_id_cnty"] for r in window)


def test_codes_follow_the_acled_codebook() -> None:
    base = {"id": "x/e1", "event_type": "Battles", "sub_event_type": "Armed clash", "date_start": None,
            "time_precision": "unknown", "fatalities": None, "label": None, "location": None,
            "place_type": None, "latitude": None, "longitude": None, "containers": [], "outlets": [],
            "evidence": []}
    state = {"name": "SAA", "type": "StateForce", "id": "saa"}
    rebels = {"name": "FSA", "type": "ArmedGroup", "id": "fsa"}
    civ = {"name": "a man", "type": "Person", "id": "p"}
    row = acled_row({**base, "agents": [rebels], "targets": [state]})
    assert (row["inter1"], row["inter2"], row["interaction"]) == (2, 1, 12)
    row = acled_row({**base, "agents": [state, rebels], "targets": []})
    assert (row["inter1"], row["inter2"], row["interaction"], row["assoc_actor_1"]) == (1, 0, 10, "FSA")
    row = acled_row({**base, "agents": [], "targets": [civ]})
    assert (row["inter1"], row["inter2"], row["interaction"]) == (0, 7, 70)
    assert row["event_id_cnty"].startswith("XXX") and row["year"] == "" and row["fatalities"] == 0
    assert row["geo_precision"] == "" and row["time_precision"] == 3
