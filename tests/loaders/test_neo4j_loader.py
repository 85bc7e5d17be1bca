"""The batched loader against a real Neo4j: idempotent, order-independent, safe."""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any

import pytest

from kg.model import Document, Entity, Event, Extraction, Relation, TimeValue
from loaders.neo4j.loader import GraphLoader
from loaders.neo4j.schema import apply_schema
from loaders.neo4j.stats import graph_fingerprint, graph_stats

pytestmark = pytest.mark.integration

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
INGESTED_AT = "2026-11-24T12:00:00Z"


def _q(graph: Any, query: str, **params: Any) -> list[Any]:
    records, _, _ = graph.driver.execute_query(query, params, database_=graph.database)
    return records


def _loader(graph: Any, **kw: Any) -> GraphLoader:
    return GraphLoader(graph.driver, graph.database, ingested_at=INGESTED_AT, **kw)


def make_extraction(doc_id: str, *, outlet: str = "outlet-a", published: str = "2018-03-18",
                    text: str = "سيطر داعش على محطة الكم في البوكمال", event_key: str | None = None,
                    fatalities: int | None = None, with_event: bool = True) -> Extraction:
    doc = Document(doc_id=doc_id, text=text, title="عنوان", outlet=outlet, published=published)
    isis_at = text.index("داعش")
    ents = [
        Entity("isis", "actor", "ArmedGroup", "Islamic State", names=("داعش",),
               wikidata="Q2429253", mentions=(doc.span(isis_at, isis_at + 4),)),
        Entity("al-bukamal", "place", "City", "al-Bukamal", names=("البوكمال",),
               attributes={"lat": 34.4536, "lon": 40.9366}),
        Entity("al-kum-station", "place", "Facility", "al-Kum station", names=("محطة الكم",)),
    ]
    events = []
    if with_event:
        events.append(Event(
            "e1", "Battles", "Non-state actor overtakes territory", agents=("isis",),
            place="al-kum-station", time=TimeValue("2018-03-17", "day"), evidence=text,
            evidence_span=doc.span(0, len(text)), confidence=0.5, fatalities=fatalities,
            event_key=event_key))
    rels = [Relation("LOCATED_IN", "al-kum-station", "al-bukamal", evidence=text),
            Relation("CONTROLS", "isis", "al-kum-station", time=TimeValue("2018-03-17", "day"),
                     evidence=text, evidence_span=doc.span(0, len(text)))]
    return Extraction(doc_id=doc_id, published=published, title=doc.title, outlet=outlet,
                      content_hash=doc.content_hash, entities=tuple(ents), events=tuple(events),
                      relations=tuple(rels))


def gold_extractions() -> list[Extraction]:
    out = []
    for path in sorted(glob.glob(str(SHARED / "eval" / "dev" / "*.gold.json"))):
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        out.append(Extraction.from_dict(d))
    return out


def test_schema_applied_twice_is_the_same(graph: Any) -> None:
    def schema() -> list[tuple[str, ...]]:
        cons = _q(graph, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
                         "RETURN name, type, labelsOrTypes, properties ORDER BY name")
        idx = _q(graph, "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state "
                        "RETURN name, type, labelsOrTypes, properties, state ORDER BY name")
        return [tuple(map(str, r.values())) for r in [*cons, *idx]]

    apply_schema(graph.driver, graph.database)
    first = schema()
    apply_schema(graph.driver, graph.database)
    assert schema() == first
    names = {r[0] for r in first}
    assert {"event_id", "article_id", "entity_id", "claim_id", "place_location"} <= names
    assert all(r[-1] == "ONLINE" for r in first if len(r) == 5)


def test_load_twice_leaves_the_same_graph(graph: Any) -> None:
    exts = [make_extraction("d1"), make_extraction("d2", outlet="outlet-b")]
    stats = _loader(graph).load(exts)
    assert stats.articles == 2 and stats.unchanged == 0
    first = graph_fingerprint(graph.driver, graph.database)
    counts = graph_stats(graph.driver, graph.database)
    again = _loader(graph).load(exts)
    assert again.unchanged == 2 and again.articles == 0
    assert graph_fingerprint(graph.driver, graph.database) == first
    # forced re-write of everything: still identical
    _loader(graph, force=True).load(exts)
    assert graph_fingerprint(graph.driver, graph.database) == first
    assert graph_stats(graph.driver, graph.database) == counts


def test_graph_model(graph: Any) -> None:
    _loader(graph).load([make_extraction("d1")])
    rec = _q(graph, "MATCH (a:Actor:ArmedGroup:Entity {id: 'isis'})-[:AGENT_IN]->(e:Event:Battle)"
                    "-[:AT]->(p:Place:Facility) "
                    "MATCH (e)-[r:REPORTED_IN]->(art:Article {id: 'd1'}) "
                    "RETURN a.wikidata AS wd, e.date_start AS ds, e.source_count AS sc, "
                    "r.span_start AS s, r.span_end AS t, art.published AS pub, art.ingested_at AS ing")
    assert len(rec) == 1
    r = rec[0]
    assert r["wd"] == "Q2429253" and r["sc"] == 1 and r["s"] == 0
    assert str(r["ds"]) == "2018-03-17" and str(r["pub"]) == "2018-03-18"
    assert r["ing"].year == 2026
    loc = _q(graph, "MATCH (p:Place {id: 'al-bukamal'}) RETURN p.location.latitude AS lat")
    assert loc[0]["lat"] == pytest.approx(34.4536)
    ctl = _q(graph, "MATCH (:Actor {id: 'isis'})-[c:CONTROLS]->(:Place {id: 'al-kum-station'}) "
                    "RETURN c.valid_from AS vf, c.first_reported AS fr, c.source_count AS sc")
    assert str(ctl[0]["vf"]) == "2018-03-17" and str(ctl[0]["fr"]) == "2018-03-18"
    claims = _q(graph, "MATCH (c:Claim {type: 'CONTROLS'})-[:CLAIMED_IN]->(:Article {id: 'd1'}) "
                       "MATCH (c)-[:SUBJECT]->(:Actor {id: 'isis'}) RETURN count(c) AS n")
    assert claims[0]["n"] == 1
    mention = _q(graph, "MATCH (:Entity {id: 'isis'})-[m:MENTIONED_IN]->(:Article {id: 'd1'}) "
                        "RETURN m.starts AS s, m.names AS n")
    assert mention[0]["s"] == [5] and mention[0]["n"] == ["داعش"]


def test_same_event_from_three_outlets_is_one_event(graph: Any) -> None:
    exts = [make_extraction(f"d{i}", outlet=f"outlet-{i}", event_key="k1", fatalities=f)
            for i, f in [(1, 18), (2, 25), (3, None)]]
    _loader(graph).load(exts)
    rec = _q(graph, "MATCH (e:Event {id: 'k1'}) OPTIONAL MATCH (e)-[r:REPORTED_IN]->() "
                    "RETURN e.source_count AS sc, e.fatalities_min AS lo, e.fatalities_max AS hi, "
                    "count(r) AS reports")
    assert rec[0]["sc"] == 3 and rec[0]["reports"] == 3
    assert (rec[0]["lo"], rec[0]["hi"]) == (18, 25)
    ctl = _q(graph, "MATCH (:Actor {id: 'isis'})-[c:CONTROLS]->() RETURN c.source_count AS sc, "
                    "c.claim_count AS cc")
    assert (ctl[0]["sc"], ctl[0]["cc"]) == (3, 3)


def test_load_order_does_not_matter(graph: Any) -> None:
    exts = [make_extraction("d1", event_key="k"), make_extraction("d2", outlet="b", event_key="k",
                                                                   published="2018-03-20")]
    _loader(graph, batch_size=1).load(exts)
    ab = graph_fingerprint(graph.driver, graph.database)
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    _loader(graph, batch_size=1).load(list(reversed(exts)))
    assert graph_fingerprint(graph.driver, graph.database) == ab


def test_changed_document_replaces_what_it_said(graph: Any) -> None:
    _loader(graph).load([make_extraction("d1"), make_extraction("d2", outlet="b", event_key=None)])
    v2 = make_extraction("d1", text="داعش في البوكمال", with_event=False)
    stats = _loader(graph).load([v2])
    assert stats.replaced == 1
    assert _q(graph, "MATCH (e:Event {id: 'd1/e1'}) RETURN count(e) AS n")[0]["n"] == 0
    assert _q(graph, "MATCH (e:Event {id: 'd2/e1'}) RETURN count(e) AS n")[0]["n"] == 1
    ctl = _q(graph, "MATCH ()-[c:CONTROLS]->() RETURN c.claim_count AS cc")
    assert [r["cc"] for r in ctl] == [2]  # v2 still claims CONTROLS; d2 too
    # loading v2 from scratch gives the same graph as replacing
    after = graph_fingerprint(graph.driver, graph.database)
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    _loader(graph).load([make_extraction("d2", outlet="b"), v2])
    assert graph_fingerprint(graph.driver, graph.database) == after


def test_relation_edge_removed_when_no_claim_is_left(graph: Any) -> None:
    _loader(graph).load([make_extraction("d1")])
    doc = Document(doc_id="d1", text="نص آخر تماما", outlet="outlet-a", published="2018-03-18")
    empty = Extraction(doc_id="d1", published="2018-03-18", outlet="outlet-a",
                       content_hash=doc.content_hash)
    _loader(graph).load([empty])
    assert _q(graph, "MATCH ()-[c:CONTROLS]->() RETURN count(c) AS n")[0]["n"] == 0
    assert _q(graph, "MATCH (c:Claim) RETURN count(c) AS n")[0]["n"] == 0
    assert _q(graph, "MATCH (e:Event) RETURN count(e) AS n")[0]["n"] == 0


@pytest.mark.skipif(not (SHARED / "eval" / "dev").is_dir(), reason="needs ../shared/eval")
def test_gold_files_load_and_merge_by_event_key(graph: Any) -> None:
    golds = gold_extractions()
    assert len(golds) >= 10
    _loader(graph).load(golds)
    keys = {e.event_key for g in golds for e in g.events if e.event_key}
    n_events = _q(graph, "MATCH (e:Event) RETURN count(e) AS n")[0]["n"]
    assert n_events == len(keys | {f"{g.doc_id}/{e.id}" for g in golds for e in g.events if not e.event_key})
    multi = _q(graph, "MATCH (e:Event) WHERE e.source_count > 1 RETURN count(e) AS n")[0]["n"]
    assert multi >= 1
    first = graph_fingerprint(graph.driver, graph.database)
    _loader(graph, force=True).load(golds)
    assert graph_fingerprint(graph.driver, graph.database) == first


INJECTIONS = [
    '"}) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n //",
    "`Actor` {id: 'x'}) DETACH DELETE n",
    "$param",
    "\u0000nul",
    "x\\' OR 1=1 //",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_names_and_titles_are_data_not_cypher(graph: Any, payload: str) -> None:
    _loader(graph).load([make_extraction("keep")])
    before = graph_stats(graph.driver, graph.database)
    text = f"قال {payload} إن داعش سيطر"
    doc = Document(doc_id=f"inj {payload}", text=text, title=payload, outlet=payload)
    ent = Entity(f"id {payload}", "actor", "ArmedGroup", payload, names=(payload,))
    ext = Extraction(doc_id=doc.doc_id, title=payload, outlet=payload, content_hash=doc.content_hash,
                     entities=(ent,))
    _loader(graph).load([ext])
    got = _q(graph, "MATCH (a:Article {id: $id}) RETURN a.title AS t", id=doc.doc_id)
    assert got[0]["t"] == payload
    assert _q(graph, "MATCH (e:Entity {id: $id}) RETURN e.name AS n", id=ent.id)[0]["n"] == payload
    after = graph_stats(graph.driver, graph.database)
    assert after.node_total == before.node_total + 2
