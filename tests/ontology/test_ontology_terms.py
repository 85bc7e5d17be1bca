"""ontology/rasd.ttl: it parses, every term is labelled in English and Arabic, the
closed namespaces of loaders/rdf/vocab.py list exactly its terms, and the concept
schemes hold exactly the closed lists of kg.model."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DefinedNamespace

from kg.model import EVENT_TYPES, MODALITIES, PRECISIONS, RELATION_TYPES
from loaders.neo4j.rows import ACLED_LABELS
from loaders.rdf.vocab import ACLED, ONTOLOGY_IRI, RASD, RASDREL, SEM

ARABIC = re.compile(r"[\u0600-\u06FF]")
NAMESPACES: list[type[DefinedNamespace]] = [RASD, ACLED, RASDREL]
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
NEO4J = RASD.neo4jRelationshipType


def _own_terms(g: Graph, ns: type[DefinedNamespace]) -> set[str]:
    base = str(ns)
    return {str(s)[len(base):] for s in g.subjects()
            if isinstance(s, URIRef) and str(s).startswith(base) and len(str(s)) > len(base)}


def _texts(g: Graph, s: URIRef, *predicates: URIRef) -> Iterator[Literal]:
    for p in predicates:
        for o in g.objects(s, p):
            assert isinstance(o, Literal), (s, p, o)
            yield o


def _langs_ok(values: list[Literal]) -> tuple[bool, bool]:
    en = any(v.language == "en" and not ARABIC.search(v) for v in values)
    ar = any(v.language == "ar" and ARABIC.search(v) for v in values)
    return en, ar


def test_ontology_parses_and_declares_itself(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 1000


def test_every_term_has_english_and_arabic_labels(ontology: Graph) -> None:
    missing = []
    for ns in NAMESPACES:
        for name in _own_terms(ontology, ns):
            term = ns[name]
            en, ar = _langs_ok(list(_texts(ontology, term, RDFS.label, SKOS.prefLabel)))
            if not (en and ar):
                missing.append(f"{term} en={en} ar={ar}")
    assert not missing, "\n".join(missing)


def test_every_class_and_property_has_english_and_arabic_comments(ontology: Graph) -> None:
    missing = []
    for t in TERM_TYPES:
        for s in ontology.subjects(RDF.type, t):
            if not isinstance(s, URIRef):
                continue
            assert str(s).startswith(str(RASD)), f"{s} is declared here but is not a rasd: term"
            en, ar = _langs_ok(list(_texts(ontology, s, RDFS.comment)))
            if not (en and ar):
                missing.append(f"{s} en={en} ar={ar}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("ns", NAMESPACES, ids=lambda ns: ns.__name__)
def test_vocab_namespace_lists_exactly_the_terms_of_the_ontology(ontology: Graph,
                                                                  ns: type[DefinedNamespace]) -> None:
    in_ttl = _own_terms(ontology, ns)
    in_py = set(ns.__annotations__)
    assert in_py - in_ttl == set(), "in vocab.py but not in rasd.ttl"
    assert in_ttl - in_py == set(), "in rasd.ttl but not in vocab.py"
    # every IRI the ontology uses in our namespaces is one of the listed terms
    used = {o for o in ontology.objects() if isinstance(o, URIRef) and str(o).startswith(str(ns))}
    assert {str(u)[len(str(ns)):] for u in used} <= in_py


def test_closed_namespaces_refuse_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        _ = RASD.Batle
    with pytest.raises(AttributeError):
        _ = ACLED.Battle
    assert str(SEM.anything).startswith("http://semanticweb.cs.vu.nl/2009/11/sem/")


def _notation(g: Graph, concept: URIRef) -> str:
    values = [str(v) for v in g.objects(concept, SKOS.notation)]
    assert len(values) == 1, concept
    return values[0]


def test_acled_scheme_is_exactly_the_model_event_types(ontology: Graph) -> None:
    concepts = {c for c in ontology.subjects(SKOS.inScheme, ACLED.Scheme) if isinstance(c, URIRef)}
    assert {c for c in concepts} == {ACLED[n] for n in _own_terms(ontology, ACLED) if n != "Scheme"}
    tops = {_notation(ontology, c) for c in ontology.subjects(SKOS.topConceptOf, ACLED.Scheme)
            if isinstance(c, URIRef)}
    assert tops == set(EVENT_TYPES)
    subs: dict[str, set[str]] = {t: set() for t in EVENT_TYPES}
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in ontology and (c, RDF.type, SEM.EventType) in ontology
        broader = [b for b in ontology.objects(c, SKOS.broader) if isinstance(b, URIRef)]
        if _notation(ontology, c) in tops:
            assert broader == [], c
            continue
        assert len(broader) == 1, c
        subs[_notation(ontology, broader[0])].add(_notation(ontology, c))
    assert subs == {t: set(s) for t, s in EVENT_TYPES.items()}
    assert len(concepts) == len(EVENT_TYPES) + sum(len(s) for s in EVENT_TYPES.values())


def _has_value(g: Graph, cls: URIRef, prop: URIRef) -> URIRef:
    """The concept of ``cls ≡ C ⊓ ∃prop.{concept}``."""
    for eq in g.objects(cls, OWL.equivalentClass):
        for lst in g.objects(eq, OWL.intersectionOf):
            for member in g.items(lst):
                if isinstance(member, BNode) and (member, OWL.onProperty, prop) in g:
                    value = g.value(member, OWL.hasValue)
                    assert isinstance(value, URIRef)
                    return value
    raise AssertionError(f"{cls} has no hasValue restriction on {prop}")


def test_acled_event_classes_match_their_concepts(ontology: Graph) -> None:
    for event_type, label in ACLED_LABELS.items():
        classes = list(ontology.subjects(RASD.neo4jLabel, Literal(label)))
        assert len(classes) == 1, label
        cls = classes[0]
        assert isinstance(cls, URIRef)
        assert (cls, RDFS.subClassOf, RASD.Event) in ontology
        assert _notation(ontology, _has_value(ontology, cls, RASD.eventType)) == event_type


def test_relation_scheme_and_classes_are_exactly_the_model_relation_types(ontology: Graph) -> None:
    concepts = [c for c in ontology.subjects(SKOS.inScheme, RASDREL.Scheme) if isinstance(c, URIRef)]
    assert sorted(_notation(ontology, c) for c in concepts) == sorted(RELATION_TYPES)
    assert all(str(c) == str(RASDREL) + _notation(ontology, c) for c in concepts)
    classes = [c for c in ontology.subjects(RDFS.subClassOf, RASD.TemporalRelation) if isinstance(c, URIRef)]
    assert len(classes) == len(RELATION_TYPES)
    for cls in classes:
        neo4j_type = str(ontology.value(cls, NEO4J))
        assert _notation(ontology, _has_value(ontology, cls, RASD.relationType)) == neo4j_type


@pytest.mark.parametrize(("cls", "scheme", "values"), [
    (RASD.TimePrecision, RASD.TimePrecisionScheme, PRECISIONS),
    (RASD.Modality, RASD.ModalityScheme, MODALITIES),
])
def test_precision_and_modality_individuals_are_exactly_the_model_lists(
        ontology: Graph, cls: URIRef, scheme: URIRef, values: tuple[str, ...]) -> None:
    members = [m for m in ontology.subjects(RDF.type, cls) if isinstance(m, URIRef)]
    assert sorted(_notation(ontology, m) for m in members) == sorted(values)
    assert all((m, SKOS.inScheme, scheme) in ontology for m in members)
    one_of = ontology.value(cls, OWL.oneOf)
    assert one_of is not None and set(ontology.items(one_of)) == set(members)


def test_the_place_hierarchy_is_transitive(ontology: Graph) -> None:
    assert (RASD.locatedIn, RDF.type, OWL.TransitiveProperty) in ontology
    assert (RASD.locatedIn, RDFS.range, RASD.Place) in ontology


@pytest.mark.parametrize(("ours", "theirs"), [
    (RASD.Event, SEM.Event), (RASD.Actor, SEM.Actor), (RASD.Person, SEM.Actor), (RASD.Place, SEM.Place),
])
def test_core_classes_are_aligned_to_sem(ontology: Graph, ours: URIRef, theirs: URIRef) -> None:
    assert (ours, RDFS.subClassOf, theirs) in ontology


@pytest.mark.parametrize(("ours", "theirs"), [
    (RASD.hasAgent, SEM.hasActor), (RASD.hasTarget, SEM.hasActor), (RASD.atPlace, SEM.hasPlace),
])
def test_roles_are_aligned_to_sem(ontology: Graph, ours: URIRef, theirs: URIRef) -> None:
    assert (ours, RDFS.subPropertyOf, theirs) in ontology
