"""The Neo4j model and the ontology agree.

Every node label, relationship type and property the loader writes maps to an ontology
term through rasd:neo4jLabel, rasd:neo4jRelationshipType and rasd:neo4jProperty, and
every such annotation names something the loader writes. Properties are read from the
SET and MERGE clauses of cypher/merge_*.cypher and cypher/refresh_*.cypher, so a new
property in a query fails here until the ontology has a term for it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.model import ENTITY_TYPES, RELATION_TYPES
from loaders.neo4j.queries import CYPHER_DIR
from loaders.neo4j.rows import ACLED_LABELS, KIND_LABELS, ROLE_TYPES
from loaders.rdf.vocab import RASD

NODE_LABELS = frozenset({
    *KIND_LABELS.values(), *ACLED_LABELS.values(),
    *(t for types in ENTITY_TYPES.values() for t in types),
    "Entity", "Event", "Article", "Claim", "Source",
})
REL_TYPES = frozenset({*ROLE_TYPES, *RELATION_TYPES,
                       "REPORTED_IN", "MENTIONED_IN", "CLAIMED_IN", "SUBJECT", "OBJECT"})
#: Relationship types set from a parameter, with the closed list the loader checks them against.
DYNAMIC_TYPES = {"row.role": frozenset({"AGENT_IN", "TARGET_IN"}), "row.type": frozenset(RELATION_TYPES)}

WRITE_QUERIES = sorted([*CYPHER_DIR.glob("merge_*.cypher"), *CYPHER_DIR.glob("refresh_*.cypher")])

_NODE = re.compile(r"\((\w+)((?::\w+)+)")
_REL = re.compile(r"\[(\w*):(\w+|\$\((row\.\w+)\))")
_STATIC_REL = re.compile(r"\[\w*:([A-Z_]+)\b")
_ASSIGN = re.compile(r"\b(\w+)\.(\w+)\s*=(?!=)")
_KEYED = re.compile(r"[(\[](\w*):[\w$().]+\s*\{([^{}]*)\}")
_KEY = re.compile(r"(\w+)\s*:")


def _code(path: Path) -> str:
    return re.sub(r"//[^\n]*", "", path.read_text(encoding="utf-8"))


def _owners(code: str) -> dict[str, set[str]]:
    """Variable → the labels or relationship types it may stand for in one query."""
    owners: dict[str, set[str]] = defaultdict(set)
    for var, labels in _NODE.findall(code):
        owners[var].update(x for x in labels.split(":") if x)
    for var, name, param in _REL.findall(code):
        if var:
            owners[var].update(DYNAMIC_TYPES[param] if param else {name})
    return owners


def written_properties() -> dict[str, set[tuple[str, str]]]:
    """Property name → {(owner label or type, query file)} for every property the loader writes."""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in WRITE_QUERIES:
        code = _code(path)
        owners = _owners(code)
        for var, prop in _ASSIGN.findall(code):
            if var == "row":
                continue
            assert owners.get(var), f"{path.name}: cannot tell what {var!r} is in {var}.{prop}"
            out[prop].update((o, path.name) for o in owners[var])
        for var, body in _KEYED.findall(code):
            for key in _KEY.findall(body):
                out[key].update((o, path.name) for o in owners.get(var, {"?"}))
    return out


def _annotated(g: Graph, annotation: URIRef) -> dict[str, set[URIRef]]:
    found: dict[str, set[URIRef]] = defaultdict(set)
    for s, o in g.subject_objects(annotation):
        assert isinstance(o, Literal) and isinstance(s, URIRef), (s, o)
        found[str(o)].add(s)
    return found


def test_the_cypher_parser_sees_the_loader_writes() -> None:
    props = written_properties()
    assert ("REPORTED_IN", "merge_events.cypher") in props["span_start"]
    assert ("Claim", "merge_claims.cypher") in props["span_start"]
    assert ("Entity", "merge_entities.cypher") in props["location"]
    assert ("ATTRIBUTED_TO", "merge_event_roles.cypher") in props["article"]
    assert {o for o, _ in props["claim_count"]} == set(RELATION_TYPES)
    assert ("Article", "merge_articles.cypher") in props["id"]
    assert len(props) >= 45


def test_every_node_label_maps_to_a_class(ontology: Graph) -> None:
    labels = _annotated(ontology, RASD.neo4jLabel)
    static = {x for p in WRITE_QUERIES for _, ls in _NODE.findall(_code(p)) for x in ls.split(":") if x}
    assert static <= NODE_LABELS, "a query uses a label outside the loader's allow-lists"
    assert sorted(NODE_LABELS - set(labels)) == []
    assert sorted(set(labels) - NODE_LABELS) == [], "annotation names a label the loader never writes"
    for label, terms in labels.items():
        assert len(terms) == 1, label
        assert all((t, RDF.type, OWL.Class) in ontology for t in terms), label


def test_every_relationship_type_maps_to_a_term(ontology: Graph) -> None:
    types = _annotated(ontology, RASD.neo4jRelationshipType)
    static = {t for p in WRITE_QUERIES for t in _STATIC_REL.findall(_code(p))}
    assert static <= REL_TYPES, "a query uses a relationship type outside the loader's allow-lists"
    assert sorted(REL_TYPES - set(types)) == []
    assert sorted(set(types) - REL_TYPES) == [], "annotation names a type the loader never writes"


def _related(g: Graph, cls: URIRef) -> set[URIRef]:
    """``cls`` with its super- and subclasses (transitively)."""
    up = {c for c in g.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}
    down = {c for c in g.transitive_subjects(RDFS.subClassOf, cls) if isinstance(c, URIRef)}
    return up | down


def _owner_class(g: Graph, owner: str) -> URIRef | None:
    """The class of a Neo4j label or of a reified relationship type; None for a plain edge."""
    for annotation in (RASD.neo4jLabel, RASD.neo4jRelationshipType):
        for s in g.subjects(annotation, Literal(owner)):
            if isinstance(s, URIRef) and (s, RDF.type, OWL.Class) in g:
                return s
    return None


def _fits(g: Graph, term: URIRef, owner_class: URIRef) -> bool:
    """Whether ``term`` can render a property of ``owner_class`` (by its rdfs:domain, if any)."""
    related = _related(g, owner_class)
    if (term, RDF.type, OWL.Class) in g:
        return term in related
    domains = set(g.objects(term, RDFS.domain))
    return not domains or bool(domains & related)


@pytest.mark.parametrize("prop", sorted(written_properties()))
def test_every_written_property_maps_to_a_term(ontology: Graph, prop: str) -> None:
    terms = _annotated(ontology, RASD.neo4jProperty).get(prop, set())
    assert terms, f"no ontology term has rasd:neo4jProperty {prop!r}"
    for owner, query in sorted(written_properties()[prop]):
        owner_class = _owner_class(ontology, owner)
        if owner_class is None:
            assert owner in REL_TYPES, (owner, query)
            continue
        assert any(_fits(ontology, t, owner_class) for t in terms), (
            f"{query}: {owner}.{prop} maps to {sorted(terms)}, none of which applies to {owner_class}")


def test_every_property_annotation_names_a_written_property(ontology: Graph) -> None:
    stale = set(_annotated(ontology, RASD.neo4jProperty)) - set(written_properties())
    assert sorted(stale) == []
