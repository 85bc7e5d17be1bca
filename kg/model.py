"""The domain model: typed, immutable records for what an article says.

Everything here is plain data. A :class:`Document` owns the text; every
:class:`Span` is a pair of character offsets into that text (Python string
indices) together with the surface form, checked when it is made. An
:class:`Extraction` serialises exactly to the ``kg-extraction/1`` format
(``SCHEMA.md``) and back.

Examples
--------
>>> doc = Document(doc_id="d1", text="سيطر داعش على محطة الكم")
>>> doc.span(5, 9).text
'داعش'
>>> ent = Entity(id="isis", kind="actor", type="ArmedGroup", name="Islamic State",
...              names=("داعش",), mentions=(doc.span(5, 9),))
>>> ext = Extraction(doc_id="d1", entities=(ent,))
>>> Extraction.from_dict(ext.to_dict()) == ext
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal, cast, get_args

__all__ = [
    "ENTITY_KINDS",
    "ENTITY_TYPES",
    "EVENT_TYPES",
    "MODALITIES",
    "PRECISIONS",
    "RELATION_TYPES",
    "SCHEMA_VERSION",
    "Document",
    "Entity",
    "Event",
    "Extraction",
    "ModelError",
    "Relation",
    "Span",
    "TimeValue",
]

SCHEMA_VERSION: Final = "kg-extraction/1"

EntityKind = Literal["actor", "person", "place"]
Modality = Literal["asserted", "reported", "alleged", "planned", "negated"]
Precision = Literal["day", "month", "year", "approx", "unknown"]

ENTITY_KINDS: Final[tuple[str, ...]] = get_args(EntityKind)
MODALITIES: Final[tuple[str, ...]] = get_args(Modality)
PRECISIONS: Final[tuple[str, ...]] = get_args(Precision)

#: Fine entity types per kind (SCHEMA.md, "Entities").
ENTITY_TYPES: Final[Mapping[str, tuple[str, ...]]] = {
    "actor": ("ArmedGroup", "StateForce", "Militia", "State", "Organization", "MediaOutlet"),
    "person": ("Person",),
    "place": (
        "Country", "Governorate", "District", "Subdistrict", "City", "Town",
        "Village", "Area", "Facility",
    ),
}

#: ACLED event types and their sub-event types (SCHEMA.md, "Events").
EVENT_TYPES: Final[Mapping[str, tuple[str, ...]]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

RELATION_TYPES: Final[tuple[str, ...]] = (
    "SUPPORTED_BY", "ALLIED_WITH", "PART_OF", "MEMBER_OF", "LEADS", "CONTROLS",
    "LOCATED_IN", "RESIDES_IN", "ASSISTS", "SUPPORTS", "OPPOSES", "SPOKE_TO",
)


class ModelError(ValueError):
    """A record does not satisfy the kg-extraction/1 model."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ModelError(message)


def _strip_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into a document's text, with the text they cover.

    Make spans with :meth:`Document.span`, which checks the offsets; the plain
    constructor only checks that the offsets are ordered.

    >>> Span(0, 4, "داعش").to_dict()
    {'start': 0, 'end': 4, 'text': 'داعش'}
    """

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        _check(0 <= self.start <= self.end, f"bad span offsets {self.start}..{self.end}")
        _check(len(self.text) == self.end - self.start,
               f"span text length {len(self.text)} != {self.end - self.start}")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d.get("text", "")))


# --------------------------------------------------------------------------- time


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A point in time known to a precision.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (or ``None`` when the
    precision is ``unknown``).

    >>> TimeValue("2018-03", "month").bounds()
    ('2018-03-01', '2018-03-31')
    """

    value: str | None
    precision: Precision = "day"
    note: str | None = None

    def __post_init__(self) -> None:
        _check(self.precision in PRECISIONS, f"unknown time precision {self.precision!r}")
        if self.value is not None:
            _check(_valid_date_prefix(self.value), f"bad time value {self.value!r}")

    def bounds(self) -> tuple[str | None, str | None]:
        """Earliest and latest day the value can denote (ISO dates)."""
        if self.value is None:
            return (None, None)
        parts = self.value.split("-")
        if len(parts) == 3:
            return (self.value, self.value)
        if len(parts) == 2:
            import calendar

            y, m = int(parts[0]), int(parts[1])
            return (f"{self.value}-01", f"{self.value}-{calendar.monthrange(y, m)[1]:02d}")
        return (f"{self.value}-01-01", f"{self.value}-12-31")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": self.value, "precision": self.precision}
        if self.note is not None:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> TimeValue | None:
        if d is None:
            return None
        return cls(d.get("value"), cast(Precision, d.get("precision", "unknown")), d.get("note"))


def _valid_date_prefix(value: str) -> bool:
    import datetime as _dt

    parts = value.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return int(parts[0]) > 0
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            return 1 <= int(parts[1]) <= 12
        if len(parts) == 3:
            _dt.date.fromisoformat(value)
            return True
    except ValueError:
        return False
    return False


# --------------------------------------------------------------------------- document


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its clean text (never edited afterwards) and what we know of it.

    ``text`` is the body after reading: Unicode NFC, control characters
    removed. All spans of later stages point into it.

    >>> Document(doc_id="x", text="نص").content_hash[:12]
    '9fae88678be4'
    """

    doc_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    lang: str = "ar"
    source: str | None = None  # where it was read from (path, path:line)

    def __post_init__(self) -> None:
        _check(bool(self.doc_id), "document has no doc_id")
        if self.published is not None:
            _check(_valid_date_prefix(self.published) and len(self.published) == 10,
                   f"{self.doc_id}: published must be YYYY-MM-DD, got {self.published!r}")

    @property
    def content_hash(self) -> str:
        """SHA-256 of title and text: changes exactly when the content changes."""
        h = hashlib.sha256()
        h.update((self.title or "").encode("utf-8"))
        h.update(b"\x00")
        h.update(self.text.encode("utf-8"))
        return h.hexdigest()

    def span(self, start: int, end: int) -> Span:
        """A checked span of ``text[start:end]``; raises :class:`ModelError` when out of range."""
        _check(0 <= start <= end <= len(self.text),
               f"{self.doc_id}: span {start}..{end} outside text of length {len(self.text)}")
        return Span(start, end, self.text[start:end])


_ENTITY_KEYS = frozenset({"id", "kind", "type", "name", "names", "wikidata", "attributes",
                          "mentions", "core"})
_EVENT_KEYS = frozenset({"id", "event_type", "sub_event_type", "label", "agents", "targets",
                         "place", "time", "modality", "reported_by", "evidence",
                         "evidence_span", "confidence", "fatalities", "core", "event_key"})
_RELATION_KEYS = frozenset({"type", "source", "target", "time", "evidence", "evidence_span",
                            "confidence", "core"})


def _extra(d: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """Fields a record carries beyond the model (gold notes), kept for round trips."""
    return {k: v for k, v in d.items() if k not in known}


def _evidence_span(d: Mapping[str, Any], text: str | None) -> Span | None:
    """Rebuild an ``evidence_span`` from its offsets and the document text.

    Without the text, the ``evidence`` string stands in when it has the span's
    length (our extractor writes the exact span text as evidence).
    """
    raw = d.get("evidence_span")
    if not raw:
        return None
    s, e = int(raw["start"]), int(raw["end"])
    if text is not None:
        _check(e <= len(text), f"evidence_span {s}..{e} outside text of length {len(text)}")
        return Span(s, e, text[s:e])
    evidence = str(d.get("evidence", ""))
    _check(len(evidence) == e - s,
           f"evidence_span {s}..{e} does not match the evidence text; pass the document text")
    return Span(s, e, evidence)


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Entity:
    """An actor, person or place as one article names it."""

    id: str
    kind: EntityKind
    type: str
    name: str
    names: tuple[str, ...] = ()
    wikidata: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict, hash=False)
    mentions: tuple[Span, ...] = ()
    core: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def __post_init__(self) -> None:
        _check(bool(self.id), "entity has no id")
        _check(self.kind in ENTITY_KINDS, f"entity {self.id}: unknown kind {self.kind!r}")
        _check(self.type in ENTITY_TYPES[self.kind],
               f"entity {self.id}: type {self.type!r} is not a {self.kind} type")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "type": self.type,
            "name": self.name,
            "names": list(self.names),
            "wikidata": self.wikidata,
            "attributes": dict(self.attributes) if self.attributes else None,
            "core": self.core,
            "mentions": [m.to_dict() for m in self.mentions] if self.mentions else None,
        }
        return {**_strip_none(d), **self.extra}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            kind=d["kind"],
            type=d["type"],
            name=d.get("name", d["id"]),
            names=tuple(d.get("names", ())),
            wikidata=d.get("wikidata"),
            attributes=dict(d.get("attributes") or {}),
            mentions=tuple(Span.from_dict(m) for m in d.get("mentions", ())),
            core=d.get("core"),
            extra=_extra(d, _ENTITY_KEYS),
        )


@dataclass(frozen=True)
class Event:
    """An ACLED-typed event with its arguments, as one article tells it."""

    id: str
    event_type: str
    sub_event_type: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    time: TimeValue | None = None
    modality: Modality = "asserted"
    reported_by: tuple[str, ...] = ()
    evidence: str = ""
    evidence_span: Span | None = None
    confidence: float | None = None
    label: str | None = None
    fatalities: int | None = None
    core: bool | None = None
    event_key: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def __post_init__(self) -> None:
        _check(self.event_type in EVENT_TYPES, f"event {self.id}: unknown type {self.event_type!r}")
        _check(self.sub_event_type in EVENT_TYPES[self.event_type],
               f"event {self.id}: {self.sub_event_type!r} is not a sub-type of {self.event_type!r}")
        _check(self.modality in MODALITIES, f"event {self.id}: unknown modality {self.modality!r}")
        if self.confidence is not None:
            _check(0.0 <= self.confidence <= 1.0, f"event {self.id}: confidence outside 0..1")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "core": self.core,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "label": self.label,
            "agents": list(self.agents),
            "targets": list(self.targets),
            "place": self.place,
            "time": self.time.to_dict() if self.time else None,
            "modality": self.modality,
            "evidence": self.evidence,
            "reported_by": list(self.reported_by),
            "event_key": self.event_key,
            "fatalities": self.fatalities,
            "evidence_span": (
                {"start": self.evidence_span.start, "end": self.evidence_span.end}
                if self.evidence_span else None
            ),
            "confidence": self.confidence,
        }
        d = _strip_none(d)
        d.setdefault("place", None)
        d.setdefault("time", None)
        return {**d, **self.extra}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Event:
        span = _evidence_span(d, text)
        return cls(
            id=d["id"],
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            agents=tuple(d.get("agents", ())),
            targets=tuple(d.get("targets", ())),
            place=d.get("place"),
            time=TimeValue.from_dict(d.get("time")),
            modality=d.get("modality", "asserted"),
            reported_by=tuple(d.get("reported_by", ())),
            evidence=d.get("evidence", ""),
            evidence_span=span,
            confidence=d.get("confidence"),
            label=d.get("label"),
            fatalities=d.get("fatalities"),
            core=d.get("core"),
            event_key=d.get("event_key"),
            extra=_extra(d, _EVENT_KEYS),
        )


@dataclass(frozen=True)
class Relation:
    """A typed, directed relation between two entities: ``source TYPE target``."""

    type: str
    source: str
    target: str
    time: TimeValue | None = None
    evidence: str = ""
    evidence_span: Span | None = None
    confidence: float | None = None
    core: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def __post_init__(self) -> None:
        _check(self.type in RELATION_TYPES, f"unknown relation type {self.type!r}")

    @property
    def key(self) -> str:
        """Identity of the relation within one article."""
        t = self.time.value if self.time and self.time.value else ""
        return f"{self.source}|{self.type}|{self.target}|{t}"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "core": self.core,
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "time": self.time.to_dict() if self.time else None,
            "evidence": self.evidence,
            "evidence_span": (
                {"start": self.evidence_span.start, "end": self.evidence_span.end}
                if self.evidence_span else None
            ),
            "confidence": self.confidence,
        }
        return {**_strip_none(d), **self.extra}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Relation:
        span = _evidence_span(d, text)
        return cls(
            type=d["type"],
            source=d["source"],
            target=d["target"],
            time=TimeValue.from_dict(d.get("time")),
            evidence=d.get("evidence", ""),
            evidence_span=span,
            confidence=d.get("confidence"),
            core=d.get("core"),
            extra=_extra(d, _RELATION_KEYS),
        )


_KNOWN_TOP = {"schema", "doc_id", "published", "lang", "title", "outlet", "url",
              "content_hash", "entities", "events", "relations"}


@dataclass(frozen=True)
class Extraction:
    """What one article yields: entities, events and relations (kg-extraction/1).

    ``extra`` keeps any other top-level fields (gold files carry ``text_file``
    and notes) so that reading and writing a file changes nothing.
    """

    doc_id: str
    published: str | None = None
    lang: str = "ar"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    content_hash: str | None = None
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        ids = [e.id for e in self.entities]
        _check(len(ids) == len(set(ids)), f"{self.doc_id}: duplicate entity ids")
        known = set(ids)
        for ev in self.events:
            for ref in (*ev.agents, *ev.targets, *ev.reported_by, *([ev.place] if ev.place else [])):
                _check(ref in known, f"{self.doc_id}: event {ev.id} refers to unknown entity {ref!r}")
        for r in self.relations:
            for ref in (r.source, r.target):
                _check(ref in known, f"{self.doc_id}: relation {r.type} refers to unknown entity {ref!r}")

    def entity(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": SCHEMA_VERSION, "doc_id": self.doc_id}
        d.update(self.extra)
        d.update(_strip_none({"title": self.title, "outlet": self.outlet, "url": self.url,
                              "content_hash": self.content_hash}))
        d["published"] = self.published
        d["lang"] = self.lang
        d["entities"] = [e.to_dict() for e in self.entities]
        d["events"] = [e.to_dict() for e in self.events]
        d["relations"] = [r.to_dict() for r in self.relations]
        return d

    def to_json(self) -> str:
        """One line of kg-extraction/1 JSON (UTF-8, Arabic kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Extraction:
        schema = d.get("schema", SCHEMA_VERSION)
        _check(schema == SCHEMA_VERSION, f"unsupported schema {schema!r}")
        return cls(
            doc_id=d["doc_id"],
            published=d.get("published"),
            lang=d.get("lang", "ar"),
            title=d.get("title"),
            outlet=d.get("outlet"),
            url=d.get("url"),
            content_hash=d.get("content_hash"),
            entities=tuple(Entity.from_dict(e) for e in d.get("entities", ())),
            events=tuple(Event.from_dict(e, text) for e in d.get("events", ())),
            relations=tuple(Relation.from_dict(r, text) for r in d.get("relations", ())),
            extra={k: v for k, v in d.items() if k not in _KNOWN_TOP},
        )

    @classmethod
    def from_json(cls, line: str, text: str | None = None) -> Extraction:
        return cls.from_dict(json.loads(line), text)


def iter_ids(items: Iterable[Entity]) -> list[str]:
    """Ids of entities in order.

    >>> iter_ids([Entity("a", "place", "City", "A")])
    ['a']
    """
    return [e.id for e in items]
