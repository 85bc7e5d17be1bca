"""ontology/shapes.ttl: it parses, its closed lists match the ontology's schemes, and
pyshacl accepts a small valid export and rejects a broken one for the right reasons."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, SKOS, Graph, Namespace, URIRef
from rdflib.namespace import SH

from loaders.rdf.vocab import ACLED, RASD, RASDREL

RASDSH = Namespace("https://w3id.org/rasd/shapes#")

PREFIXES = """
@prefix rasd:    <https://w3id.org/rasd/ontology#> .
@prefix acled:   <https://w3id.org/rasd/acled/> .
@prefix rasdrel: <https://w3id.org/rasd/relation/> .
@prefix sem:     <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix geo:     <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:      <https://example.org/rasd/> .
"""

#: A tiny export: one battle told by one article, its actors and place, one claim, one
#: merged relation and one mention.
VALID = PREFIXES + """
ex:article-1 a rasd:Article ;
    rasd:identifier "doc-1" ; rasd:published "2018-03-17"^^xsd:date ;
    rasd:ingestedAt "2026-11-24T10:00:00Z"^^xsd:dateTime ; rasd:outlet "sana" ;
    rasd:title "اشتباكات في البوكمال"@ar ;
    rasd:contentHash "9fae88678be4f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0" .

ex:isis a rasd:ArmedGroup ; skos:prefLabel "Islamic State"@en , "داعش"@ar ;
    owl:sameAs <http://www.wikidata.org/entity/Q2429253> .
ex:saa a rasd:StateForce ; skos:prefLabel "Syrian Arab Army"@en .
ex:witness a rasd:Person ; skos:prefLabel "أبو محمد"@ar ; rasd:personRole rasd:Witness ;
    rasd:pseudonym true .
ex:syria a rasd:Country ; skos:prefLabel "سوريا"@ar .
ex:abu-kamal a rasd:City ; skos:prefLabel "البوكمال"@ar ; rasd:locatedIn ex:syria ;
    geo:lat "34.45"^^xsd:double ; geo:long "40.92"^^xsd:double .

ex:event-1 a rasd:Battle ;
    rasd:eventType acled:Battles ; rasd:subEventType acled:ArmedClash ;
    rasd:hasAgent ex:isis ; rasd:hasTarget ex:saa ; rasd:atPlace ex:abu-kamal ;
    rasd:attributedTo ex:witness ;
    rasd:timeValue "2018-03"^^xsd:gYearMonth ; rasd:timePrecision rasd:MonthPrecision ;
    sem:hasEarliestBeginTimeStamp "2018-03-01"^^xsd:date ;
    sem:hasLatestEndTimeStamp "2018-03-31"^^xsd:date ;
    rasd:modality rasd:Reported ; rasd:fatalities 4 ; rasd:fatalitiesMin 4 ; rasd:fatalitiesMax 4 ;
    rasd:reportCount 1 ; rasd:sourceCount 1 ;
    rasd:firstReported "2018-03-17"^^xsd:date ; rasd:lastReported "2018-03-17"^^xsd:date ;
    rasd:hasReport ex:event-1-report-1 .

ex:event-1-report-1 a rasd:Report ;
    rasd:reportOf ex:event-1 ; rasd:reportedIn ex:article-1 ; rasd:localId "e1" ;
    rasd:eventType acled:Battles ; rasd:subEventType acled:ArmedClash ;
    rasd:timeValue "2018-03"^^xsd:gYearMonth ; rasd:timePrecision rasd:MonthPrecision ;
    sem:hasEarliestBeginTimeStamp "2018-03-01"^^xsd:date ;
    sem:hasLatestEndTimeStamp "2018-03-31"^^xsd:date ;
    rasd:modality rasd:Reported ; rasd:fatalities 4 ;
    rasd:evidence "اشتبك عناصر داعش مع قوات النظام" ;
    rasd:spanStart 0 ; rasd:spanEnd 31 ; rasd:confidence "0.8"^^xsd:double .

ex:mention-1 a rasd:Mention ; rasd:mentionOf ex:isis ; rasd:mentionedIn ex:article-1 ;
    rasd:surfaceForm "داعش" ; rasd:spanStart 12 ; rasd:spanEnd 16 .

ex:claim-1 a rasd:Claim ;
    rasd:relationType rasdrel:CONTROLS ; rasd:subject ex:isis ; rasd:object ex:abu-kamal ;
    rasd:claimedIn ex:article-1 ;
    rasd:timeValue "2018-03-17"^^xsd:date ; rasd:timePrecision rasd:DayPrecision ;
    sem:hasEarliestBeginTimeStamp "2018-03-17"^^xsd:date ;
    sem:hasLatestEndTimeStamp "2018-03-17"^^xsd:date ;
    rasd:validFrom "2018-03-17"^^xsd:date ;
    rasd:evidence "يسيطر داعش على البوكمال" ; rasd:spanStart 40 ; rasd:spanEnd 63 ;
    rasd:confidence "0.7"^^xsd:double .

ex:rel-1 a rasd:Controls ;
    rasd:relationType rasdrel:CONTROLS ; rasd:subject ex:isis ; rasd:object ex:abu-kamal ;
    rasd:validFrom "2018-03-17"^^xsd:date ; rasd:basedOn ex:claim-1 ;
    rasd:firstReported "2018-03-17"^^xsd:date ; rasd:lastReported "2018-03-17"^^xsd:date ;
    rasd:claimCount 1 ; rasd:sourceCount 1 .
"""


def _break_valid() -> str:
    """The valid export with an untyped event, a reversed span and confidence 1.5."""
    broken = VALID.replace("    rasd:eventType acled:Battles ; rasd:subEventType acled:ArmedClash ;\n"
                           "    rasd:hasAgent", "    rasd:subEventType acled:ArmedClash ;\n    rasd:hasAgent")
    broken = broken.replace("rasd:spanStart 0 ; rasd:spanEnd 31 ; rasd:confidence \"0.8\"",
                            "rasd:spanStart 31 ; rasd:spanEnd 3 ; rasd:confidence \"1.5\"")
    assert broken.count("rasd:eventType") == VALID.count("rasd:eventType") - 1
    assert "rasd:spanEnd 3 ;" in broken
    return broken


def test_shapes_parse_and_target_the_core_classes(shapes: Graph) -> None:
    targets = set(shapes.objects(None, SH.targetClass))
    assert {RASD.Event, RASD.Report, RASD.Article, RASD.Claim, RASD.TemporalRelation,
            RASD.Entity, RASD.Place, RASD.Mention} <= targets


def _in_lists(shapes: Graph, path: URIRef) -> list[set[URIRef]]:
    out = []
    for shape in shapes.subjects(SH.path, path):
        lst = shapes.value(shape, SH["in"])
        if lst is not None:
            out.append({x for x in shapes.items(lst) if isinstance(x, URIRef)})
    return out


def _concepts(ontology: Graph, predicate: URIRef, obj: URIRef) -> set[URIRef]:
    return {c for c in ontology.subjects(predicate, obj) if isinstance(c, URIRef)}


@pytest.mark.parametrize(("path", "expected"), [
    (RASD.eventType, lambda g: _concepts(g, SKOS.topConceptOf, ACLED.Scheme)),
    (RASD.subEventType, lambda g: _concepts(g, SKOS.inScheme, ACLED.Scheme)
        - _concepts(g, SKOS.topConceptOf, ACLED.Scheme)),
    (RASD.relationType, lambda g: _concepts(g, SKOS.inScheme, RASDREL.Scheme)),
    (RASD.modality, lambda g: _concepts(g, RDF.type, RASD.Modality)),
    (RASD.timePrecision, lambda g: _concepts(g, RDF.type, RASD.TimePrecision)),
], ids=lambda x: str(x).rsplit("#", 1)[-1] if isinstance(x, URIRef) else "")
def test_closed_lists_in_shapes_match_the_ontology(ontology: Graph, shapes: Graph, path: URIRef,
                                                   expected: Callable[[Graph], set[URIRef]]) -> None:
    lists = _in_lists(shapes, path)
    assert lists, f"no sh:in list for {path}"
    for values in lists:
        assert values == expected(ontology)


def _validate(data: str, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    pyshacl = pytest.importorskip(
        "pyshacl", reason="pyshacl is not installed (pip install 'pyshacl>=0.26,<1'); "
                          "SHACL validation of the sample exports is skipped")
    conforms, report, text = pyshacl.validate(
        Graph().parse(data=data, format="turtle"), shacl_graph=shapes, ont_graph=ontology,
        inference="none", allow_warnings=False)
    return bool(conforms), report, str(text)


def test_a_valid_export_conforms(shapes: Graph, ontology: Graph) -> None:
    conforms, _, text = _validate(VALID, shapes, ontology)
    assert conforms, text


def test_a_broken_export_fails_for_each_fault(shapes: Graph, ontology: Graph) -> None:
    conforms, report, text = _validate(_break_valid(), shapes, ontology)
    assert not conforms
    faults = {(report.value(r, SH.focusNode), report.value(r, SH.resultPath))
              for r in report.subjects(RDF.type, SH.ValidationResult)}
    ex = Namespace("https://example.org/rasd/")
    assert (ex["event-1"], RASD.eventType) in faults, text          # missing ACLED type
    assert (ex["event-1-report-1"], RASD.spanStart) in faults, text  # span end < start
    assert (ex["event-1-report-1"], RASD.confidence) in faults, text  # confidence 1.5
    assert {f for f, _ in faults} == {ex["event-1"], ex["event-1-report-1"]}, text


@pytest.mark.parametrize(("old", "new", "focus", "path"), [
    ('rasd:subEventType acled:ArmedClash ;\n    rasd:hasAgent',
     'rasd:subEventType acled:SuicideBomb ;\n    rasd:hasAgent', "event-1", None),
    ('rasd:published "2018-03-17"^^xsd:date', 'rasd:published "2018-02-31"^^xsd:date', "article-1",
     str(RASD.published)),
    ('rasd:timeValue "2018-03"^^xsd:gYearMonth ; rasd:timePrecision rasd:MonthPrecision ;\n'
     '    sem:hasEarliestBeginTimeStamp "2018-03-01"^^xsd:date ;\n'
     '    sem:hasLatestEndTimeStamp "2018-03-31"^^xsd:date ;\n'
     '    rasd:modality rasd:Reported ; rasd:fatalities 4 ; rasd:fatalitiesMin',
     'rasd:timePrecision rasd:MonthPrecision ;\n'
     '    rasd:modality rasd:Reported ; rasd:fatalities 4 ; rasd:fatalitiesMin', "event-1", None),
    ("rasd:spanStart 12 ; rasd:spanEnd 16 .", "rasd:spanStart -1 .", "mention-1", None),
    ("rasd:hasTarget ex:saa", "rasd:hasTarget ex:abu-kamal", "event-1", str(RASD.hasTarget)),
    ("rasd:claimedIn ex:article-1 ;", "", "claim-1", str(RASD.claimedIn)),
    ('geo:lat "34.45"^^xsd:double', 'geo:lat "134.45"^^xsd:double', "abu-kamal",
     "http://www.w3.org/2003/01/geo/wgs84_pos#lat"),
], ids=["sub-type-not-under-type", "impossible-date", "dated-precision-without-bounds",
        "negative-span-start", "target-is-a-place", "claim-without-article", "latitude-out-of-range"])
def test_other_faults_are_caught(shapes: Graph, ontology: Graph, old: str, new: str,
                                 focus: str, path: str | None) -> None:
    assert VALID.count(old) == 1, old
    conforms, report, text = _validate(VALID.replace(old, new), shapes, ontology)
    assert not conforms
    results = [(str(report.value(r, SH.focusNode)), report.value(r, SH.resultPath))
               for r in report.subjects(RDF.type, SH.ValidationResult)]
    assert any(f.endswith("/" + focus) and (path is None or str(p) == path) for f, p in results), text
