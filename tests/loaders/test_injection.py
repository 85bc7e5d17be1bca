"""Injection: Cypher fragments in article data load as plain text; the query box cannot write.

Every payload is used as a document id, title, outlet, entity name and id,
mention text, event evidence and claim evidence, through the real loader. The
graph holds exactly the baseline plus the payload documents (compared element by
element), every payload is stored verbatim, and labels / relationship types
taken from data are refused unless they are on the allow-list.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.model import Document, Entity, Event, Extraction, Relation, TimeValue
from loaders.neo4j.explore import QueryRefused, run_read_only
from loaders.neo4j.loader import GraphLoader
from loaders.neo4j.queries import load_query
from loaders.neo4j.rows import UnsafeIdentifier, rows_for
from loaders.neo4j.stats import graph_fingerprint, graph_stats
from tests.fixtures.small_graph import INGESTED_AT, PARENTS, fixture_extractions

pytestmark = pytest.mark.integration

PAYLOADS: list[str] = [
    '"}) DETACH DELETE n //',
    "'}) DETACH DELETE n //",
    "`}) DETACH DELETE n //",
    "`Article`",
    "x`) MATCH (m) DETACH DELETE m //",
    "$param",
    "$ids",
    "${rows}",
    "a\u0000b",
    "'",
    '"',
    "\\",
    "MATCH (n) DETACH DELETE n",
    "; MATCH (n) DETACH DELETE n;",
    ":param rows => []",
    ":params {}",
    "\\u0027}) DETACH DELETE n //",
    "\\\\u0022 RETURN 1 //",
    "{{}}",
    "{}",
    "{id: 'x'}",
    "// comment",
    "/* MATCH (n) DETACH DELETE n */",
    "line1\nMATCH (n) DETACH DELETE n\r\n",
    "CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {})",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL dbms.shutdown()",
    "'); DROP TABLE articles; --",
    "<script>alert(1)</script>",
    "\u202eعكس\u202c داعش\u200d",
    "𝕏🔥 emoji",
    "داعش" * 2000,  # 8 000 characters
    "x" * 30_000,
]
#: Long payloads go everywhere except into indexed keys (Article.id, Entity.id, Article.outlet):
#: Neo4j's range indexes refuse values over ~8 KB ("Property value is too large to index").
LONG = frozenset(p for p in PAYLOADS if len(p) > 1000)


def _dump(driver: Any, database: str) -> Counter[str]:
    """Every element as a canonical JSON line, with multiplicity."""
    from loaders.neo4j.stats import _canonical

    records, _, _ = driver.execute_query(load_query("graph_dump"), database_=database, routing_="r")
    return Counter(json.dumps([r["element"], sorted(r["labels"]), r["key"], _canonical(r["props"]),
                               r["start"], r["end"]], ensure_ascii=False, sort_keys=True)
                   for r in records)


def _payload_extraction(i: int, payload: str) -> Extraction:
    """One document whose every free-text field, and its id, is the payload."""
    doc_id = payload if payload not in LONG else f"long-{i}:{payload[:200]}"  # ids are index keys
    text = f"قال {payload} إن داعش هاجم"
    outlet = payload if payload not in LONG else f"long-outlet-{i}"
    doc = Document(doc_id=doc_id, text=text, title=payload, outlet=outlet, published="1990-01-02")
    at = text.index(payload)
    ent_id = f"inj-{i}-{payload[:200]}"
    place_id = f"inj-place-{i}"
    ents = (
        Entity(ent_id, "actor", "ArmedGroup", payload, names=(payload,),
               mentions=(doc.span(at, at + len(payload)),), attributes={"note": payload}),
        Entity(place_id, "place", "Town", f"place {payload}", names=(payload,)),
    )
    event = Event("e1", "Battles", "Armed clash", agents=(ent_id,), place=place_id,
                  time=TimeValue("1990-01-01", "day"), evidence=payload,
                  evidence_span=doc.span(0, len(text)), confidence=0.5, reported_by=(ent_id,))
    rel = Relation("CONTROLS", ent_id, place_id, time=TimeValue("1990-01-01", "day"), evidence=payload)
    return Extraction(doc_id=doc_id, published="1990-01-02", title=payload, outlet=outlet,
                      url=payload, content_hash=doc.content_hash, entities=ents, events=(event,),
                      relations=(rel,))


def _loader(graph: Any) -> GraphLoader:
    return GraphLoader(graph.driver, graph.database, ingested_at=INGESTED_AT, parents=PARENTS,
                       batch_size=7)


def test_at_least_twenty_payloads() -> None:
    assert len(PAYLOADS) >= 20
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_payloads_load_as_plain_text_and_the_graph_stays_intact(graph: Any) -> None:
    payload_docs = [_payload_extraction(i, p) for i, p in enumerate(PAYLOADS)]
    # the payload documents alone
    _loader(graph).load(payload_docs)
    alone = _dump(graph.driver, graph.database)
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    # the baseline alone
    _loader(graph).load(fixture_extractions())
    baseline = _dump(graph.driver, graph.database)
    before = graph_stats(graph.driver, graph.database)
    # the payloads on top of the baseline: nothing deleted, nothing changed, nothing extra
    _loader(graph).load(payload_docs)
    after = _dump(graph.driver, graph.database)
    assert after == baseline + alone
    stats = graph_stats(graph.driver, graph.database)
    assert stats.node_total == before.node_total + sum(1 for k in alone if k.startswith('["node"'))
    fingerprint = graph_fingerprint(graph.driver, graph.database)
    _loader(graph).load(payload_docs)  # unchanged → skipped
    assert graph_fingerprint(graph.driver, graph.database) == fingerprint

    # verbatim: read back by parameter
    for i, (payload, ext) in enumerate(zip(PAYLOADS, payload_docs, strict=True)):
        records, _, _ = graph.driver.execute_query(
            "MATCH (a:Article {id: $id}) "
            "OPTIONAL MATCH (n:Entity {id: $ent})-[m:MENTIONED_IN]->(a) "
            "OPTIONAL MATCH (:Event)-[r:REPORTED_IN]->(a) "
            "OPTIONAL MATCH (c:Claim)-[:CLAIMED_IN]->(a) "
            "RETURN a.title AS title, a.outlet AS outlet, a.url AS url, n.name AS name, "
            "       n.attributes_json AS attrs, m.names AS mentioned, r.evidence AS evidence, "
            "       c.evidence AS claim",
            id=ext.doc_id, ent=ext.entities[0].id, database_=graph.database)
        assert len(records) == 1, (i, payload[:50])
        row = records[0]
        assert (row["title"], row["url"], row["name"], row["evidence"], row["claim"]) == (
            payload,) * 5, (i, payload[:50])
        assert row["outlet"] == ext.outlet
        assert row["mentioned"] == [payload]
        assert json.loads(row["attrs"]) == {"note": payload}
    # no label or relationship type came from the payloads
    labels, _, _ = graph.driver.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS l",
                                             database_=graph.database)
    assert all(p not in labels[0]["l"] for p in PAYLOADS)


def test_payload_doc_ids_are_stored_verbatim(graph: Any) -> None:
    docs = [_payload_extraction(i, p) for i, p in enumerate(PAYLOADS) if p not in LONG]
    _loader(graph).load(docs)
    records, _, _ = graph.driver.execute_query("MATCH (a:Article) RETURN a.id AS id",
                                               database_=graph.database)
    assert sorted(r["id"] for r in records) == sorted(d.doc_id for d in docs)
    assert {d.doc_id for d in docs} == {p for p in PAYLOADS if p not in LONG}


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if len(p) < 100])
def test_labels_and_types_from_data_are_refused(payload: str) -> None:
    doc = Document(doc_id="d", text="نص", published="2018-01-01")
    with pytest.raises((UnsafeIdentifier, KeyError, ValueError)):
        rows_for([Extraction(doc_id="d", content_hash=doc.content_hash,
                             entities=(Entity("x", "actor", payload, "X"),))], ingested_at=INGESTED_AT)
    with pytest.raises((UnsafeIdentifier, KeyError, ValueError)):
        rows_for([Extraction(doc_id="d", content_hash=doc.content_hash,
                             entities=(Entity("x", "actor", "ArmedGroup", "X"),),
                             relations=(Relation(payload, "x", "x"),))], ingested_at=INGESTED_AT)


def test_payloads_through_kg_ingest(neo4j_env: Any, tmp_path: Path) -> None:
    """The whole path: JSONL reader → extractor → loader, with payloads in every field."""
    from typer.testing import CliRunner

    from cli.main import app
    from loaders.readers import read_paths

    _loader(neo4j_env).load(fixture_extractions())
    baseline = _dump(neo4j_env.driver, neo4j_env.database)
    path = tmp_path / "payloads.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, p in enumerate(PAYLOADS):
            doc_id = p if p not in LONG else f"long-{i}"
            outlet = p if p not in LONG else f"long-outlet-{i}"
            f.write(json.dumps({"doc_id": doc_id, "outlet": outlet, "title": p, "published": "2018-03-01",
                                "url": None, "text": f"قال {p} إن داعش هاجم البوكمال. {p}"},
                               ensure_ascii=False) + "\n")
    result = CliRunner().invoke(app, ["ingest", str(path), "--no-start"])
    assert result.exit_code == 0, result.output
    after = _dump(neo4j_env.driver, neo4j_env.database)
    # the texts name baseline entities (داعش, البوكمال), so those may gain names and mentions;
    # but every baseline node is still there, baseline articles are unchanged, nothing shrank
    def keys(dump: Counter[str]) -> set[str]:
        return {json.dumps(json.loads(k)[:3], ensure_ascii=False) for k in dump
                if k.startswith('["node"')}

    assert keys(baseline) <= keys(after)
    assert not Counter({k: n for k, n in baseline.items() if k.startswith('["node", ["Article"]')}) - after
    assert sum(after.values()) > sum(baseline.values())
    read = [d for d in read_paths([path]) if isinstance(d, Document)]
    assert len(read) == len(PAYLOADS)
    for doc in read:
        records, _, _ = neo4j_env.driver.execute_query(
            "MATCH (a:Article {id: $id}) RETURN a.title AS title, a.outlet AS outlet",
            id=doc.doc_id, database_=neo4j_env.database)
        assert [(r["title"], r["outlet"]) for r in records] == [(doc.title, doc.outlet)], doc.doc_id


WRITES = [
    "CREATE (n:Pwned {id: 1})",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:Article {id: 'pwned'})",
    "MATCH (a:Article) SET a.title = 'pwned'",
    "MATCH (a:Article) REMOVE a:Article",
    "MATCH (a:Article) WITH a LIMIT 1 CREATE (a)-[:PWNED]->(a)",
    "CREATE INDEX pwned IF NOT EXISTS FOR (n:Article) ON (n.title)",
    "CALL db.createLabel('Pwned')",
    "UNWIND range(1, 3) AS i CALL (i) { CREATE (:Pwned {i: i}) } RETURN count(*)",
    "FOREACH (i IN range(1, 3) | CREATE (:Pwned {i: i}))",
]


@pytest.mark.parametrize("query", WRITES)
def test_query_box_refuses_writes(graph: Any, query: str) -> None:
    _loader(graph).load(fixture_extractions())
    before = graph_fingerprint(graph.driver, graph.database)
    with pytest.raises(QueryRefused):
        run_read_only(graph.driver, graph.database, query)
    assert graph_fingerprint(graph.driver, graph.database) == before


def test_query_box_limits_rows_and_time(graph: Any) -> None:
    res = run_read_only(graph.driver, graph.database, "UNWIND range(1, 10000) AS x RETURN x", max_rows=50)
    assert len(res.rows) == 50 and res.truncated
    with pytest.raises(QueryRefused, match="longer than"):
        run_read_only(graph.driver, graph.database,
                      "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(*)", timeout_s=1)


def test_query_box_takes_payloads_as_parameters(graph: Any) -> None:
    _loader(graph).load(fixture_extractions())
    before = graph_fingerprint(graph.driver, graph.database)
    for p in PAYLOADS:
        res = run_read_only(graph.driver, graph.database,
                            "MATCH (a:Article) WHERE a.title = $p RETURN count(a) AS n", params={"p": p})
        assert res.rows == [{"n": 0}]
    assert graph_fingerprint(graph.driver, graph.database) == before
