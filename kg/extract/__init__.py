"""The first extractor: gazetteer, trigger lexicon and a few rules.

``extract(doc)`` turns a :class:`~kg.model.Document` into an
:class:`~kg.model.Extraction` (kg-extraction/1). It is offline and
deterministic: the same text always gives the same output, and nothing is
read but the package's own data files (``kg/data/``).

The stages run in the order of :data:`STAGES`; each is a pure function that
reads the document and earlier layers and adds one layer:

========== =========================================== ===========================
stage      requires                                    assigns
========== =========================================== ===========================
normalize  the document's text                         normalized text + offset map
sentences  the document's text                         sentence spans
mentions   normalized text                             gazetteer mentions (spans)
entities   mentions                                    entities
persons    normalized text, mentions                   person entities (cues, names)
events     normalized text, sentences, mentions        events (triggers, arguments, modality,
                                                       fatalities; merged within the article)
relations  sentences, mentions, entities               relations (support, alliance, location,
                                                       control, speech, residence, leadership,
                                                       membership)
========== =========================================== ===========================

This is a baseline: it only knows the entities in its gazetteer, it finds no
persons beyond a few public figures, and its events come from single
trigger words (merged within the article). Confidences (0.3–1.0) say so.

Examples
--------
>>> from kg.model import Document
>>> doc = Document(doc_id="d1", text="سيطر تنظيم داعش على محطة الكم في بادية البوكمال.")
>>> ext = extract(doc)
>>> [e.id for e in ext.entities]
['isis', 'al-kum-station', 'al-bukamal']
>>> [(e.event_type, e.agents, e.place) for e in ext.events]
[('Battles', ('isis',), 'al-kum-station')]
>>> [(r.source, r.type, r.target) for r in ext.relations]
[('al-kum-station', 'LOCATED_IN', 'al-bukamal'), ('isis', 'CONTROLS', 'al-kum-station')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from kg.extract.events import find_events
from kg.extract.gazetteer import Mention, build_entities, find_mentions
from kg.extract.persons import find_persons
from kg.extract.relations import find_relations
from kg.extract.role_relations import find_role_relations
from kg.model import Document, Entity, Event, Extraction, Relation, Span
from kg.text.normalize import Normalized, normalize
from kg.text.sentences import split_sentences

__all__ = ["STAGES", "Layers", "extract"]

#: The stages, in the order they run.
STAGES: Final[tuple[str, ...]] = (
    "normalize", "sentences", "mentions", "entities", "persons", "events", "relations",
)


@dataclass(frozen=True)
class Layers:
    """A document and what the stages have added to it so far."""

    doc: Document
    use_ner: bool = False
    norm: Normalized | None = None
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()

    @property
    def normalized(self) -> Normalized:
        """The normalized text; only after the ``normalize`` stage."""
        if self.norm is None:
            raise RuntimeError("the normalize stage has not run")
        return self.norm


def _normalize(x: Layers) -> Layers:
    return replace(x, norm=normalize(x.doc.text))


def _sentences(x: Layers) -> Layers:
    return replace(x, sentences=tuple(split_sentences(x.doc.text)))


def _mentions(x: Layers) -> Layers:
    return replace(x, mentions=find_mentions(x.doc, x.normalized))


def _entities(x: Layers) -> Layers:
    return replace(x, entities=build_entities(x.mentions))


def _persons(x: Layers) -> Layers:
    taken = [(m.span.start, m.span.end) for m in x.mentions]
    return replace(x, entities=x.entities + find_persons(x.doc, x.normalized, taken,
                                                         use_ner=x.use_ner))


def _events(x: Layers) -> Layers:
    return replace(x, events=find_events(x.doc, x.mentions, x.normalized, x.sentences))


def _relations(x: Layers) -> Layers:
    found = {r.key: r for r in find_relations(x.doc, x.mentions, x.sentences)}
    for r in find_role_relations(x.doc, x.entities, x.sentences):
        found.setdefault(r.key, r)
    return replace(x, relations=tuple(found.values()))


_RUN: Final[dict[str, Callable[[Layers], Layers]]] = {
    "normalize": _normalize,
    "sentences": _sentences,
    "mentions": _mentions,
    "entities": _entities,
    "persons": _persons,
    "events": _events,
    "relations": _relations,
}


def extract(doc: Document, *, use_ner: bool = False) -> Extraction:
    """Extract entities, events and relations from one document.

    Parameters
    ----------
    doc : Document
        The article; its text is not changed.
    use_ner : bool
        Also run the statistical NER model (:mod:`kg.ner`) where the rules
        see a person cue but no name: better person recall, slower.

    Returns
    -------
    Extraction
        With the document's metadata and ``content_hash``; every span points
        into ``doc.text``.

    Examples
    --------
    >>> doc = Document(doc_id="d2", text="وقال المرصد السوري إن قوات النظام قصفت دوما.",
    ...                published="2018-04-07", outlet="x")
    >>> ext = extract(doc)
    >>> ext.events[0].modality, ext.events[0].reported_by, ext.events[0].time.precision
    ('reported', ('sohr',), 'approx')
    >>> Extraction.from_dict(ext.to_dict()) == ext
    True
    """
    layers = Layers(doc, use_ner=use_ner)
    for stage in STAGES:
        layers = _RUN[stage](layers)
    return Extraction(
        doc_id=doc.doc_id,
        published=doc.published,
        lang=doc.lang,
        title=doc.title,
        outlet=doc.outlet,
        url=doc.url,
        content_hash=doc.content_hash,
        entities=layers.entities,
        events=layers.events,
        relations=layers.relations,
    )
