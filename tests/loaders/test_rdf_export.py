"""The RDF export of the dev graph, against a real Neo4j: four formats parse back, SHACL conforms,
and a partner's SPARQL over the export (pyoxigraph) answers as the named Cypher queries do."""

from __future__ import annotations

import calendar
import glob
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from kg.model import Extraction
from loaders.neo4j.background import load_background
from loaders.neo4j.loader import GraphLoader
from loaders.neo4j.named import run_named
from loaders.rdf.export import ExportStats, export_rdf
from loaders.rdf.read import Window
from loaders.rdf.validate import load_union, validate_graph
from loaders.rdf.writers import FORMATS

pytestmark = pytest.mark.integration

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "dev"
BASE = "https://example.org/rasd/"
RASD = "https://w3id.org/rasd/ontology#"
PREFIXES = {"rasd": RASD, "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "prov": "http://www.w3.org/ns/prov#",
            "rasdrel": "https://w3id.org/rasd/relation/"}

needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")


def dev_extractions() -> list[Extraction]:
    return [Extraction.from_dict(json.loads(Path(p).read_text(encoding="utf-8")))
            for p in sorted(glob.glob(str(DEV / "*.gold.json")))]


@pytest.fixture(scope="module")
def dev_graph(neo4j_driver: Any) -> Any:
    """The dev gold loaded (with the gazetteer's background claims) into the test database."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    GraphLoader(neo4j_driver, "neo4j", ingested_at="2026-11-24T12:00:00Z").load(dev_extractions())
    load_background(neo4j_driver, "neo4j")
    return neo4j_driver


@pytest.fixture(scope="module")
def exports(dev_graph: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, ExportStats]]:
    out = tmp_path_factory.mktemp("rdf")
    done = {}
    for fmt, ext in FORMATS.items():
        path = out / f"dev{ext}"
        with path.open("w", encoding="utf-8") as f:
            done[fmt] = (path, export_rdf(dev_graph, "neo4j", f, fmt, base=BASE))
    return done


def _count(driver: Any, query: Any) -> int:
    records, _, _ = driver.execute_query(query, database_="neo4j")
    return int(records[0][0])


@needs_dev
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_parses_back_with_matching_counts(exports: Any, fmt: str) -> None:
    path, stats = exports[fmt]
    assert stats.quads > 1000
    union = load_union(path)
    assert len(union) == stats.quads  # every quad written is one distinct triple
    assert len(union) == exports["nquads"][1].quads  # the same facts in every format


@needs_dev
@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_one_named_graph_per_article_plus_merged(dev_graph: Any, exports: Any, fmt: str) -> None:
    path, stats = exports[fmt]
    ds = Dataset()
    ds.parse(str(path), format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
    quads = list(ds.quads((None, None, None, None)))
    assert len(quads) == stats.quads
    graphs = {str(g) for *_, g in quads}
    articles = _count(dev_graph, "MATCH (a:Article) RETURN count(a)")
    sources = _count(dev_graph, "MATCH (s:Source) RETURN count(s)")
    assert sources == 1  # the gazetteer: background claims are exported too
    assert f"{BASE}graph/merged" in graphs
    assert len([g for g in graphs if g.startswith(f"{BASE}graph/article/")]) == articles
    assert len(graphs) == articles + sources + 1


@needs_dev
def test_merged_facts_derive_from_per_article_facts(dev_graph: Any, exports: Any) -> None:
    ds = Dataset()
    ds.parse(str(exports["trig"][0]), format="trig")
    merged = f"{BASE}graph/merged"
    where: dict[str, str] = {}
    derived: list[tuple[str, str]] = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        if str(p) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and str(o) == RASD + "Report":
            where[str(s)] = str(g)
        if str(p) == "http://www.w3.org/ns/prov#wasDerivedFrom":
            assert str(g) == merged
            derived.append((str(s), str(o)))
    reports = _count(dev_graph, "MATCH ()-[r:REPORTED_IN]->() RETURN count(r)")
    assert len(where) == reports
    assert all(g.startswith(f"{BASE}graph/article/") for g in where.values())
    event_links = [(s, o) for s, o in derived if s.startswith(f"{BASE}event/")]
    assert len(event_links) == reports and all(o in where for _, o in event_links)
    assert any(s.startswith(f"{BASE}relation/") and o.startswith(f"{BASE}claim/") for s, o in derived)


@needs_dev
def test_export_conforms_to_the_shapes(exports: Any) -> None:
    report = validate_graph(load_union(exports["trig"][0]))
    assert report.conforms, "\n".join(v.line() for v in report.violations[:20])


@needs_dev
def test_paging_does_not_change_the_export(dev_graph: Any, exports: Any) -> None:
    small = io.StringIO()
    stats = export_rdf(dev_graph, "neo4j", small, "nquads", base=BASE, page_size=7)
    assert stats.quads == exports["nquads"][1].quads
    assert small.getvalue() == exports["nquads"][0].read_text(encoding="utf-8")


@needs_dev
def test_stable_iris_under_another_base(dev_graph: Any) -> None:
    runs = []
    for _ in range(2):
        buf = io.StringIO()
        export_rdf(dev_graph, "neo4j", buf, "nquads", base="https://partner.example/kg#")
        runs.append(buf.getvalue())
    assert runs[0] == runs[1]
    assert "<https://partner.example/kg#event/" in runs[0]
    assert "example.org/rasd" not in runs[0]


@needs_dev
def test_window_keeps_events_and_periods_that_overlap_it(dev_graph: Any) -> None:
    buf = io.StringIO()
    export_rdf(dev_graph, "neo4j", buf, "nquads", base=BASE, window=Window("2018-04-01", "2018-04-30"))
    events = {line.split(" ", 1)[0] for line in buf.getvalue().splitlines()
              if f"> <{RASD}hasReport> " in line}
    records, _, _ = dev_graph.execute_query(
        "MATCH (e:Event) WHERE e.date_end >= date('2018-04-01') AND e.date_start <= date('2018-04-30') "
        "RETURN count(e) AS n", database_="neo4j")
    total = _count(dev_graph, "MATCH (e:Event) RETURN count(e)")
    assert 0 < len(events) == records[0]["n"] < total


# ------------------------------------------------------------------ SPARQL = Cypher


@pytest.fixture(scope="module")
def store(exports: Any) -> Any:
    import pyoxigraph as ox

    st = ox.Store()
    st.bulk_load(path=str(exports["nquads"][0]), format=ox.RdfFormat.N_QUADS)
    return st


def _select(store: Any, query: str, **values: Any) -> Iterator[dict[str, Any]]:
    """Run a SPARQL query with values bound (SEP-0007 substitutions, projected), over all graphs."""
    import pyoxigraph as ox

    subs = {ox.Variable(k): v for k, v in values.items()}
    for sol in store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs):
        yield {k: (sol[k].value if sol[k] is not None else None) for k in _vars(query)}


def _vars(query: str) -> list[str]:
    head = query.split("WHERE", 1)[0]
    return [w[1:] for w in head.split() if w.startswith("?")]


EVENTS_OF_ACTOR = """
SELECT DISTINCT ?id ?actor ?start ?end WHERE {
  ?x rasd:identifier ?actor .
  { ?e rasd:hasAgent ?x } UNION { ?e rasd:hasTarget ?x }
  ?e a rasd:Event ; rasd:identifier ?id ;
     sem:hasEarliestBeginTimeStamp ?s ; sem:hasLatestEndTimeStamp ?t .
  FILTER(?t >= ?start && ?s <= ?end)
}"""

WHO_CONTROLLED = """
SELECT ?holder ?from ?to ?pid WHERE {
  ?place rasd:identifier ?pid .
  ?r a rasd:Controls ; rasd:object ?place ; rasd:subject ?h .
  ?h rasd:identifier ?holder .
  OPTIONAL { ?r rasd:validFrom ?from }
  OPTIONAL { ?r rasd:validTo ?to }
}"""

SOURCES_OF_EVENT = """
SELECT ?article ?outlet ?published ?eid WHERE {
  ?e rasd:identifier ?eid ; rasd:hasReport ?rep .
  ?rep rasd:reportedIn ?a .
  ?a rasd:identifier ?article .
  OPTIONAL { ?a rasd:outlet ?outlet }
  OPTIONAL { ?a rasd:published ?published }
}"""


@needs_dev
def test_sparql_events_of_an_actor_in_a_month_equal_cypher(dev_graph: Any, store: Any) -> None:
    import pyoxigraph as ox

    records, _, _ = dev_graph.execute_query(
        "MATCH (x:Entity)-[:AGENT_IN|TARGET_IN]->(e:Event) WHERE e.date_start IS NOT NULL "
        "RETURN DISTINCT x.id AS actor, e.date_start.year AS y, e.date_start.month AS m "
        "ORDER BY actor, y, m", database_="neo4j")
    assert len(records) >= 10
    nonempty = 0
    for r in records:
        start = f"{r['y']:04d}-{r['m']:02d}-01"
        end = f"{r['y']:04d}-{r['m']:02d}-{calendar.monthrange(r['y'], r['m'])[1]:02d}"
        _, rows = run_named(dev_graph, "neo4j", "events_in_window",
                            {"actors": [r["actor"]], "start": start, "end": end, "limit": 10_000})
        cypher = {row["id"] for row in rows}
        date = ox.NamedNode(PREFIXES["xsd"] + "date")
        sparql = {s["id"] for s in _select(store, EVENTS_OF_ACTOR, actor=ox.Literal(r["actor"]),
                                           start=ox.Literal(start, datatype=date),
                                           end=ox.Literal(end, datatype=date))}
        assert sparql == cypher, (r["actor"], start)
        nonempty += bool(cypher)
    assert nonempty == len(records)


@needs_dev
def test_sparql_who_controlled_a_place_when_equals_cypher(dev_graph: Any, store: Any) -> None:
    import pyoxigraph as ox

    records, _, _ = dev_graph.execute_query(
        "MATCH (:Entity)-[:CONTROLS]->(p:Place) RETURN DISTINCT p.id AS id ORDER BY id", database_="neo4j")
    assert records
    for r in records:
        _, rows = run_named(dev_graph, "neo4j", "place_history", {"place": r["id"]})
        cypher = sorted((row["holder"], row["valid_from"], row["valid_to"]) for row in rows)
        sparql = sorted((s["holder"], s["from"], s["to"])
                        for s in _select(store, WHO_CONTROLLED, pid=ox.Literal(r["id"])))
        assert sparql == cypher, r["id"]


@needs_dev
def test_sparql_sources_of_an_event_equal_cypher(dev_graph: Any, store: Any) -> None:
    import pyoxigraph as ox

    records, _, _ = dev_graph.execute_query("MATCH (e:Event) RETURN e.id AS id ORDER BY id",
                                            database_="neo4j")
    multi = 0
    for r in records:
        _, rows = run_named(dev_graph, "neo4j", "event_reports", {"id": r["id"]})
        cypher = sorted((row["article"], row["outlet"], row["published"]) for row in rows)
        sparql = sorted((s["article"], s["outlet"], s["published"])
                        for s in _select(store, SOURCES_OF_EVENT, eid=ox.Literal(r["id"])))
        assert sparql == cypher, r["id"]
        multi += len(cypher) > 1
    assert multi >= 1  # some events are told by several articles
