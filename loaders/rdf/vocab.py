"""Namespaces of Rasd's RDF, in one module.

``RASD``, ``ACLED`` and ``RASDREL`` are closed (:class:`~rdflib.namespace.DefinedNamespace`
with ``_fail = True``): a misspelt term raises instead of minting a new IRI. They list
every term that ``ontology/rasd.ttl`` defines, and ``tests/ontology`` checks both ways.
SEM is open (:class:`~rdflib.namespace.Namespace`) since rdflib does not ship it.

Generated from: ontology/rasd.ttl (by hand; keep in step, the tests say where not).

Examples
--------
>>> str(RASD.Battle)
'https://w3id.org/rasd/ontology#Battle'
>>> str(ACLED.ArmedClash), str(RASDREL.CONTROLS)
('https://w3id.org/rasd/acled/ArmedClash', 'https://w3id.org/rasd/relation/CONTROLS')
>>> RASD.Batle
Traceback (most recent call last):
...
AttributeError: term 'Batle' not in namespace 'https://w3id.org/rasd/ontology#'
>>> from rdflib import Graph
>>> g = bind_prefixes(Graph())
>>> g.namespace_manager.qname(RASD.hasAgent), g.namespace_manager.qname(SEM.Event)
('rasd:hasAgent', 'sem:Event')
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from rdflib import Graph, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
    Namespace,
)

__all__ = [
    "ACLED",
    "GEO",
    "ONTOLOGY_DIR",
    "ONTOLOGY_IRI",
    "ONTOLOGY_PATH",
    "PREFIXES",
    "RASD",
    "RASDREL",
    "SEM",
    "SHAPES_PATH",
    "WD",
    "bind_prefixes",
]

#: ``ontology/`` at the repository root.
ONTOLOGY_DIR: Final = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_PATH: Final = ONTOLOGY_DIR / "rasd.ttl"
SHAPES_PATH: Final = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_IRI: Final = URIRef("https://w3id.org/rasd/ontology")

#: Simple Event Model (not shipped with rdflib).
SEM: Final = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
#: W3C WGS84 basic geo vocabulary (geo:lat, geo:long).
GEO: Final = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
#: Wikidata items, the objects of owl:sameAs.
WD: Final = Namespace("http://www.wikidata.org/entity/")


class RASD(DefinedNamespace):
    """The Rasd ontology (``ontology/rasd.ttl``): classes, properties, individuals."""

    _fail = True
    _NS = Namespace("https://w3id.org/rasd/ontology#")

    # classes
    Actor: URIRef
    AlliedWith: URIRef
    Area: URIRef
    ArmedGroup: URIRef
    Article: URIRef
    Assists: URIRef
    Battle: URIRef
    City: URIRef
    Claim: URIRef
    Controls: URIRef
    Country: URIRef
    District: URIRef
    Entity: URIRef
    Event: URIRef
    ExplosionRemoteViolence: URIRef
    Facility: URIRef
    Governorate: URIRef
    Leads: URIRef
    LocatedIn: URIRef
    MediaOutlet: URIRef
    MemberOf: URIRef
    Mention: URIRef
    Militia: URIRef
    Modality: URIRef
    Opposes: URIRef
    Organization: URIRef
    PartOf: URIRef
    Person: URIRef
    PersonRole: URIRef
    Place: URIRef
    Protest: URIRef
    Report: URIRef
    ResidesIn: URIRef
    Riot: URIRef
    Source: URIRef
    SpokeTo: URIRef
    State: URIRef
    StateForce: URIRef
    StrategicDevelopment: URIRef
    Subdistrict: URIRef
    SupportedBy: URIRef
    Supports: URIRef
    TemporalRelation: URIRef
    TimePrecision: URIRef
    Town: URIRef
    Village: URIRef
    ViolenceAgainstCivilians: URIRef
    # object properties
    atPlace: URIRef
    attributedTo: URIRef
    basedOn: URIRef
    claimedIn: URIRef
    eventType: URIRef
    hasAgent: URIRef
    hasReport: URIRef
    hasTarget: URIRef
    locatedIn: URIRef
    mentionOf: URIRef
    mentionedIn: URIRef
    modality: URIRef
    object: URIRef
    personRole: URIRef
    relationType: URIRef
    reportOf: URIRef
    reportedIn: URIRef
    statedIn: URIRef
    subEventType: URIRef
    subject: URIRef
    timePrecision: URIRef
    # datatype properties
    claimIds: URIRef
    closedBy: URIRef
    closedReported: URIRef
    contested: URIRef
    eventKey: URIRef
    origin: URIRef
    reportKey: URIRef
    reportedAgents: URIRef
    reportedBy: URIRef
    reportedPlace: URIRef
    reportedTargets: URIRef
    rivals: URIRef
    windowEnd: URIRef
    windowStart: URIRef
    within: URIRef
    age: URIRef
    attributesJson: URIRef
    claimCount: URIRef
    confidence: URIRef
    contentHash: URIRef
    eventLabel: URIRef
    evidence: URIRef
    fatalities: URIRef
    fatalitiesMax: URIRef
    fatalitiesMin: URIRef
    firstReported: URIRef
    identifier: URIRef
    ingestedAt: URIRef
    language: URIRef
    lastReported: URIRef
    localId: URIRef
    mentionCount: URIRef
    outlet: URIRef
    pseudonym: URIRef
    published: URIRef
    reportCount: URIRef
    sourceCount: URIRef
    sourceLocation: URIRef
    spanEnd: URIRef
    spanStart: URIRef
    surfaceForm: URIRef
    timeValue: URIRef
    title: URIRef
    url: URIRef
    validFrom: URIRef
    validTo: URIRef
    # annotation properties
    neo4jLabel: URIRef
    neo4jProperty: URIRef
    neo4jRelationshipType: URIRef
    neo4jReversed: URIRef
    # individuals and concepts
    AgentRole: URIRef
    Alleged: URIRef
    ApproxPrecision: URIRef
    Asserted: URIRef
    Author: URIRef
    Commander: URIRef
    DayPrecision: URIRef
    Imam: URIRef
    Journalist: URIRef
    MonthPrecision: URIRef
    Negated: URIRef
    Official: URIRef
    Photographer: URIRef
    Planned: URIRef
    Reported: URIRef
    Spokesperson: URIRef
    TargetRole: URIRef
    UnknownPrecision: URIRef
    Witness: URIRef
    YearPrecision: URIRef
    # schemes
    ModalityScheme: URIRef
    PersonRoleScheme: URIRef
    TimePrecisionScheme: URIRef


class ACLED(DefinedNamespace):
    """ACLED event types and sub-event types as a SKOS scheme (``acled:Scheme``).

    ``skos:notation`` of each concept is the exact ACLED string of ``kg.model.EVENT_TYPES``.
    """

    _fail = True
    _NS = Namespace("https://w3id.org/rasd/acled/")

    Scheme: URIRef
    # event types (top concepts)
    Battles: URIRef
    ExplosionsRemoteViolence: URIRef
    ViolenceAgainstCivilians: URIRef
    Protests: URIRef
    Riots: URIRef
    StrategicDevelopments: URIRef
    # sub-event types
    ArmedClash: URIRef
    GovernmentRegainsTerritory: URIRef
    NonStateActorOvertakesTerritory: URIRef
    ChemicalWeapon: URIRef
    AirDroneStrike: URIRef
    SuicideBomb: URIRef
    ShellingArtilleryMissileAttack: URIRef
    RemoteExplosiveLandmineIED: URIRef
    Grenade: URIRef
    SexualViolence: URIRef
    Attack: URIRef
    AbductionForcedDisappearance: URIRef
    PeacefulProtest: URIRef
    ProtestWithIntervention: URIRef
    ExcessiveForceAgainstProtesters: URIRef
    ViolentDemonstration: URIRef
    MobViolence: URIRef
    Agreement: URIRef
    Arrests: URIRef
    ChangeToGroupActivity: URIRef
    DisruptedWeaponsUse: URIRef
    HeadquartersOrBaseEstablished: URIRef
    LootingPropertyDestruction: URIRef
    NonViolentTransferOfTerritory: URIRef
    Other: URIRef


class RASDREL(DefinedNamespace):
    """Relation types as a SKOS scheme (``rasdrel:Scheme``); local names are the Neo4j types."""

    _fail = True
    _NS = Namespace("https://w3id.org/rasd/relation/")

    Scheme: URIRef
    SUPPORTED_BY: URIRef
    ALLIED_WITH: URIRef
    PART_OF: URIRef
    MEMBER_OF: URIRef
    LEADS: URIRef
    CONTROLS: URIRef
    LOCATED_IN: URIRef
    RESIDES_IN: URIRef
    ASSISTS: URIRef
    SUPPORTS: URIRef
    OPPOSES: URIRef
    SPOKE_TO: URIRef


#: Prefix → namespace, bound by :func:`bind_prefixes`.
PREFIXES: Final[dict[str, str]] = {
    "rasd": str(RASD),
    "acled": str(ACLED),
    "rasdrel": str(RASDREL),
    "sem": str(SEM),
    "time": str(TIME),
    "prov": str(PROV),
    "schema": str(SDO),
    "geo": str(GEO),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
    "wd": str(WD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind Rasd's prefixes on ``graph`` (replacing other bindings of them) and return it.

    Works on a :class:`~rdflib.Dataset` too: its named graphs share the namespace manager.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph or dataset to bind on.

    Returns
    -------
    rdflib.Graph
        The same graph.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> ds = bind_prefixes(Dataset())
    >>> dict(ds.namespaces())["acled"]
    rdflib.term.URIRef('https://w3id.org/rasd/acled/')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph
