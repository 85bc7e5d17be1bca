"""Neo4j values → ontology terms: the allow-lists that decide which IRIs data may pick.

ACLED event and sub-event types, precisions and modalities are looked up by their
``skos:notation`` in ``ontology/rasd.ttl`` (the exact strings the loader writes);
labels and relationship types by the ``rasd:neo4jLabel`` / ``rasd:neo4jRelationshipType``
annotations. A value with no term is never turned into an IRI: the mapper leaves it out.

Examples
--------
>>> c = concepts()
>>> c.acled["Battles"], c.acled["Armed clash"]
('<https://w3id.org/rasd/acled/Battles>', '<https://w3id.org/rasd/acled/ArmedClash>')
>>> c.precision["month"], c.modality["alleged"]
('<https://w3id.org/rasd/ontology#MonthPrecision>', '<https://w3id.org/rasd/ontology#Alleged>')
>>> c.label_class["ArmedGroup"], c.relation_class["CONTROLS"]
('<https://w3id.org/rasd/ontology#ArmedGroup>', '<https://w3id.org/rasd/ontology#Controls>')
>>> c.relation_type["CONTROLS"]
'<https://w3id.org/rasd/relation/CONTROLS>'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from loaders.rdf.vocab import ACLED, ONTOLOGY_PATH, RASD, RASDREL

__all__ = ["Concepts", "concepts"]


@dataclass(frozen=True)
class Concepts:
    """Lookup tables from Neo4j strings to N-Triples IRIs."""

    acled: dict[str, str]
    precision: dict[str, str]
    modality: dict[str, str]
    person_role: dict[str, str]
    label_class: dict[str, str]
    relation_class: dict[str, str]
    relation_type: dict[str, str]


def _nt(term: URIRef) -> str:
    return f"<{term}>"


@cache
def concepts() -> Concepts:
    """The lookup tables, read once from ``ontology/rasd.ttl``."""
    g = Graph().parse(ONTOLOGY_PATH, format="turtle")

    def by_notation(scheme: URIRef) -> dict[str, str]:
        out = {}
        for s in g.subjects(SKOS.inScheme, scheme):
            for n in g.objects(s, SKOS.notation):
                if isinstance(s, URIRef) and isinstance(n, Literal):
                    out[str(n)] = _nt(s)
        return out

    label_class: dict[str, str] = {}
    relation_class: dict[str, str] = {}
    for cls in g.subjects(RDF.type, OWL.Class):
        if not isinstance(cls, URIRef):
            continue
        for label in g.objects(cls, RASD.neo4jLabel):
            label_class[str(label)] = _nt(cls)
        if (cls, RDFS.subClassOf, RASD.TemporalRelation) in g:
            for rel in g.objects(cls, RASD.neo4jRelationshipType):
                relation_class[str(rel)] = _nt(cls)
    relation_type = {str(s).rsplit("/", 1)[1]: _nt(s) for s in g.subjects(SKOS.inScheme, RASDREL.Scheme)
                     if isinstance(s, URIRef)}
    return Concepts(
        acled=by_notation(ACLED.Scheme),
        precision=by_notation(RASD.TimePrecisionScheme),
        modality=by_notation(RASD.ModalityScheme),
        person_role=by_notation(RASD.PersonRoleScheme),
        label_class=label_class,
        relation_class=relation_class,
        relation_type=relation_type,
    )
