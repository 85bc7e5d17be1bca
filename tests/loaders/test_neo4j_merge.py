"""Cross-article merging in the loader, against a real Neo4j: order-independent and incremental."""

from __future__ import annotations

import dataclasses
import glob
import json
import random
from pathlib import Path
from typing import Any

import pytest

from kg.graph.merge import bcubed, cluster_reports, reports_from
from kg.model import Document, Entity, Event, Extraction, TimeValue
from loaders.neo4j.loader import GraphLoader, gazetteer_parents
from loaders.neo4j.stats import graph_fingerprint, graph_stats

pytestmark = pytest.mark.integration

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "dev"
INGESTED_AT = "2026-11-24T12:00:00Z"


def _q(graph: Any, query: str, **params: Any) -> list[Any]:
    records, _, _ = graph.driver.execute_query(query, params, database_=graph.database)
    return records


def _wipe(graph: Any) -> None:
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)


def _load(graph: Any, exts: list[Extraction], batch_size: int = 100) -> None:
    GraphLoader(graph.driver, graph.database, ingested_at=INGESTED_AT,
                batch_size=batch_size).load(exts)


def unkeyed_dev() -> tuple[list[Extraction], dict[str, str]]:
    """The dev gold files as extractions, their event_key removed (kept aside as the gold)."""
    exts, gold = [], {}
    for path in sorted(glob.glob(str(DEV / "*.gold.json"))):
        ext = Extraction.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        for ev in ext.events:
            gold[f"{ext.doc_id}/{ev.id}"] = ev.event_key or f"{ext.doc_id}/{ev.id}"
        events = tuple(dataclasses.replace(ev, event_key=None) for ev in ext.events)
        exts.append(dataclasses.replace(ext, events=events))
    return exts, gold


def _assignment(graph: Any) -> dict[str, str]:
    rows = _q(graph, "MATCH (e:Event)-[r:REPORTED_IN]->() RETURN r.report_key AS k, e.id AS id")
    return {r["k"]: r["id"] for r in rows}


@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")
def test_dev_merge_three_orders_identical(graph: Any) -> None:
    exts, gold = unkeyed_dev()
    rng = random.Random(11)
    shuffled = exts[:]
    rng.shuffle(shuffled)
    orders = [(exts, 100), (list(reversed(exts)), 1), (shuffled, 4)]
    prints, counts, ids = [], [], []
    for order, batch in orders:
        _wipe(graph)
        _load(graph, order, batch)
        prints.append(graph_fingerprint(graph.driver, graph.database))
        counts.append(graph_stats(graph.driver, graph.database))
        ids.append(sorted(r["id"] for r in _q(graph, "MATCH (e:Event) RETURN e.id AS id")))
    assert prints[0] == prints[1] == prints[2]
    assert counts[0] == counts[1] == counts[2]
    assert ids[0] == ids[1] == ids[2]
    got = _assignment(graph)
    expected = cluster_reports([r for e in exts for r in reports_from(e)], gazetteer_parents())
    assert got == expected
    p, r, f = bcubed(got, gold)
    print(f"graph B-cubed: P={p:.3f} R={r:.3f} F1={f:.3f}; {len(set(got.values()))} events "
          f"from {len(got)} reports")
    assert f >= 0.85
    top = _q(graph, "MATCH (e:Event) RETURN max(e.source_count) AS n")[0]["n"]
    assert top >= 4


def _report(doc_id: str, outlet: str, published: str, day: str, precision: str = "day",
            fatalities: int | None = None, agent: str = "isis") -> Extraction:
    text = "هاجم داعش قوات النظام في الميادين"
    doc = Document(doc_id=doc_id, text=text, outlet=outlet, published=published)
    ents = (Entity("isis", "actor", "ArmedGroup", "ISIS"), Entity("sdf", "actor", "ArmedGroup", "SDF"),
            Entity("syrian-regime-forces", "actor", "StateForce", "Regime"),
            Entity("al-mayadin", "place", "City", "al-Mayadin"))
    ev = Event("e1", "Battles", "Armed clash", agents=(agent,), targets=("syrian-regime-forces",),
               place="al-mayadin", time=TimeValue(day, precision), evidence=text,
               evidence_span=doc.span(0, len(text)), fatalities=fatalities)
    return Extraction(doc_id=doc_id, published=published, outlet=outlet, content_hash=doc.content_hash,
                      entities=ents, events=(ev,))


def test_later_article_joins_existing_event(graph: Any) -> None:
    _load(graph, [_report("m", "bbc", "2018-05-24", "2018-05-23", fatalities=18)])
    assert sorted(_assignment(graph).values()) == ["m/e1"]
    _load(graph, [_report("c", "cnn", "2018-05-27", "2018-05-27", "approx", fatalities=25)])
    got = _assignment(graph)
    assert got == {"c/e1": "c/e1", "m/e1": "c/e1"}  # renamed to the smallest report key
    ev = _q(graph, "MATCH (e:Event {id: 'c/e1'}) RETURN e.source_count AS sc, e.fatalities_min AS lo, "
                   "e.fatalities_max AS hi, e.time_precision AS p, e.date_start AS d")[0]
    assert (ev["sc"], ev["lo"], ev["hi"], ev["p"], str(ev["d"])) == (2, 18, 25, "day", "2018-05-23")
    assert _q(graph, "MATCH (e:Event) RETURN count(e) AS n")[0]["n"] == 1
    roles = _q(graph, "MATCH (:Entity {id: 'isis'})-[r:AGENT_IN]->(:Event {id: 'c/e1'}) "
                      "RETURN r.articles AS a")
    assert roles[0]["a"] == ["c", "m"]
    incremental = graph_fingerprint(graph.driver, graph.database)
    _wipe(graph)
    _load(graph, [_report("c", "cnn", "2018-05-27", "2018-05-27", "approx", fatalities=25),
                  _report("m", "bbc", "2018-05-24", "2018-05-23", fatalities=18)])
    assert graph_fingerprint(graph.driver, graph.database) == incremental


def test_three_days_apart_stay_apart_and_other_agents_too(graph: Any) -> None:
    _load(graph, [_report("a", "bbc", "2018-05-24", "2018-05-20"),
                  _report("b", "cnn", "2018-05-24", "2018-05-23"),
                  _report("s", "sky", "2018-05-24", "2018-05-23", agent="sdf")])
    assert _assignment(graph) == {"a/e1": "a/e1", "b/e1": "b/e1", "s/e1": "s/e1"}


def test_retracted_report_splits_and_renames(graph: Any) -> None:
    _load(graph, [_report("a", "bbc", "2018-05-24", "2018-05-23"),
                  _report("b", "cnn", "2018-05-24", "2018-05-23")])
    assert set(_assignment(graph).values()) == {"a/e1"}
    changed = _report("a", "bbc", "2018-05-24", "2018-05-10")  # a now tells another day
    _load(graph, [dataclasses.replace(changed, content_hash="changed")])
    assert _assignment(graph) == {"a/e1": "a/e1", "b/e1": "b/e1"}
    after = graph_fingerprint(graph.driver, graph.database)
    _wipe(graph)
    _load(graph, [_report("b", "cnn", "2018-05-24", "2018-05-23"),
                  dataclasses.replace(changed, content_hash="changed")])
    assert graph_fingerprint(graph.driver, graph.database) == after


def test_gazetteer_affiliations_as_background_claims(graph: Any) -> None:
    from loaders.neo4j.background import background_claim_rows, load_background

    n = load_background(graph.driver, graph.database)
    assert n == len(background_claim_rows()) and n > 50
    claims = _q(graph, "MATCH (c:Claim {origin: 'gazetteer'})-[:CLAIMED_IN]->(:Source {id: 'gazetteer'}) "
                       "RETURN count(c) AS n")[0]["n"]
    assert claims == n
    edge = _q(graph, "MATCH (:Entity {id: 'liwa-al-baqir'})-[r:SUPPORTED_BY]->(:Entity {id: 'iran'}) "
                     "RETURN r.valid_from AS vf, r.valid_to AS vt, r.first_reported AS fr")
    assert [(str(e["vf"]), e["vt"], e["fr"]) for e in edge] == [("2012-01-01", None, None)]
    first = graph_fingerprint(graph.driver, graph.database)
    load_background(graph.driver, graph.database)
    assert graph_fingerprint(graph.driver, graph.database) == first
    # an article's dated claim joins the same period group; background stays a separate source
    text = "لواء الباقر مدعوم من إيران"
    doc = Document(doc_id="bg", text=text, outlet="x", published="2018-03-18")
    from kg.model import Relation

    ext = Extraction(doc_id="bg", published="2018-03-18", outlet="x", content_hash=doc.content_hash,
                     entities=(Entity("liwa-al-baqir", "actor", "Militia", "Liwa al-Baqir"),
                               Entity("iran", "actor", "State", "Iran")),
                     relations=(Relation("SUPPORTED_BY", "liwa-al-baqir", "iran",
                                         time=TimeValue("2017-06", "month")),))
    _load(graph, [ext])
    edge = _q(graph, "MATCH (:Entity {id: 'liwa-al-baqir'})-[r:SUPPORTED_BY]->(:Entity {id: 'iran'}) "
                     "RETURN r.valid_from AS vf, r.claim_count AS cc, r.source_count AS sc, "
                     "r.first_reported AS fr")
    assert [(str(e["vf"]), e["cc"], e["sc"], str(e["fr"])) for e in edge] == [
        ("2012-01-01", 2, 2, "2018-03-18")]
