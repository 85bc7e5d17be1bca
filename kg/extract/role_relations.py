"""Relations between people and groups from the words between two mentions.

Four rules, each on two mentions of one sentence and the text between them
(normalized; quotes and punctuation ignored):

1. **SPOKE_TO** — a person, a speech verb (``يقول``، ``قال``، ``يروي``، ``أضاف`` …)
   somewhere before the outlet, and the outlet written with ``ل``/``لـ`` in front:
   ``ويقول الصالح لحكايات سوريا`` → ``jamal SPOKE_TO syria-stories``.
2. **RESIDES_IN** — ``يقيم``/``يسكن``/``المقيم`` (with ``في`` or not) right
   before a place, and the nearest person named before it in the sentence:
   ``جمال الصالح … يقيم قرية الشعفة`` → ``RESIDES_IN al-shaafa``.
3. **LEADS** — ``مدير``/``رئيس``/``قائد`` + organisation + person (or the person
   first), ``X بقيادة Y``, ``X برئاسة Y``, ``X تقوده Y`` → ``Y LEADS X``.
4. **MEMBER_OF** — ``المتحدث باسم`` + organisation + person → ``person MEMBER_OF org``.
5. **ASSISTS** — a person, then ``يساعد``/``ساعد``/``يعاون`` (and at most
   ``مقاتلي``/``عناصر``) right before a group: ``… يساعد مقاتلي التنظيم`` →
   ``person ASSISTS isis``, with no other person named in between.

Each relation records its rule as ``extra["rule"]``: ``role:<type>``.

Examples
--------
>>> from kg.model import Document, Entity
>>> from kg.extract.gazetteer import find_mentions, build_entities
>>> from kg.extract.persons import find_persons
>>> doc = Document("d", "وقال مدير المرصد السوري لحقوق الإنسان رامي عبد الرحمن لفرات بوست إن القصف مستمر.")
>>> ms = find_mentions(doc)
>>> ents = build_entities(ms) + find_persons(doc, taken=[(m.span.start, m.span.end) for m in ms])
>>> sorted((r.source, r.type, r.target) for r in find_role_relations(doc, ents))
[('rami-abdel-rahman', 'LEADS', 'sohr'), ('rami-abdel-rahman', 'SPOKE_TO', 'furat-post')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from kg.model import Document, Entity, Relation, Span
from kg.text.normalize import normalize_string
from kg.text.sentences import split_sentences

__all__ = ["find_role_relations"]

_SPEECH: Final = re.compile(
    r"(?:^|\s)[وف]?(?:قال|يقول|تقول|قالت|يروي|روى|تروي|اضاف|يضيف|صرح|اكد|يؤكد|اوضح|ذكر|افاد)(?:\s|$)")
_RESIDES: Final = re.compile(
    r"(?:^|\s)(?:الذي\s+|التي\s+)?(?:يقيم|يسكن|تقيم|تسكن|المقيم|المقيمه|يعيش)(?:\s+(?:في|ب))?"
    r"(?:\s+(?:قريه|بلده|مدينه|بلدة|حي|منطقه))?\s*$")
_HEAD_BEFORE: Final = re.compile(r"(?:^|\s)[وف]?(?:ال)?(?:مدير|رئيس|قائد|زعيم|امين\s+عام)\s*$")
_HEAD_BETWEEN: Final = re.compile(r"^(?:ال)?(?:مدير|رئيس|قائد|زعيم)$")
_LED_BY: Final = re.compile(r"^(?:التي|الذي)?\s*(?:بقياده|برئاسه|تقوده|يقوده|تقودها|يقودها)$")
_SPOKESPERSON: Final = re.compile(r"(?:^|\s)(?:ال)?(?:متحدث|متحدثه|ناطق)(?:\s+الرسمي)?\s+باسم\s*$")
_ASSISTS: Final = re.compile(
    r"(?:^|\s)(?:الذي\s+|التي\s+)?[وف]?(?:يساعد|تساعد|ساعد|ساعدت|يساعدون|يعاون|تعاون|عاون)"
    r"(?:\s+(?:مقاتلي|عناصر|افراد|قوات))?$")
_PUNCT: Final = re.compile(r"[\"'“”«»()\[\]،,:؛\-–—]+")


@dataclass(frozen=True)
class _Anchor:
    span: Span
    entity: Entity


def _between(doc: Document, a: Span, b: Span) -> str:
    """Normalized text between two spans, punctuation dropped, spaces collapsed."""
    return " ".join(_PUNCT.sub(" ", normalize_string(doc.text[a.end:b.start])).split())


def _prefix_l(doc: Document, span: Span) -> bool:
    """Whether the mention is written with the preposition ل in front (لحكايات، لـ"حكايات")."""
    before = doc.text[max(0, span.start - 4):span.start]
    before = _PUNCT.sub("", before).replace("\u0640", "")
    return before.endswith("ل") and (len(before) == 1 or not before[-2].isalpha()
                                     or before[-2] in "وف")


def _relation(kind: str, source: Entity, target: Entity, doc: Document, sentence: Span) -> Relation:
    return Relation(kind, source.id, target.id, evidence=sentence.text, evidence_span=sentence,
                    confidence=0.5, extra={"rule": f"role:{kind.lower()}"})


def find_role_relations(doc: Document, entities: Iterable[Entity],
                        sentences: Sequence[Span] | None = None) -> tuple[Relation, ...]:
    """SPOKE_TO, RESIDES_IN, LEADS, MEMBER_OF and ASSISTS relations, once each, in text order."""
    sentences = sentences if sentences is not None else split_sentences(doc.text)
    anchors = sorted((_Anchor(m, e) for e in entities for m in e.mentions), key=lambda a: a.span.start)
    out: dict[str, Relation] = {}

    def add(rel: Relation) -> None:
        out.setdefault(rel.key, rel)

    for sentence in sentences:
        inside = [a for a in anchors if sentence.start <= a.span.start and a.span.end <= sentence.end]
        for i, a in enumerate(inside):
            before_a = normalize_string(doc.text[sentence.start:a.span.start])
            for b in inside[i + 1:]:
                if a.entity.id == b.entity.id:
                    continue
                gap = _between(doc, a.span, b.span)
                ka, kb = a.entity.kind, b.entity.kind
                tb = b.entity.type
                if ka == "person" and tb == "MediaOutlet" and _prefix_l(doc, b.span) \
                        and _SPEECH.search(" " + before_a + " " + gap + " "):
                    add(_relation("SPOKE_TO", a.entity, b.entity, doc, sentence))
                nearer_person = any(c.entity.kind == "person" for c in inside[i + 1:]
                                    if c.span.end <= b.span.start)
                if ka == "person" and kb == "place" and _RESIDES.search(gap) and not nearer_person:
                    add(_relation("RESIDES_IN", a.entity, b.entity, doc, sentence))
                if ka == "person" and kb == "actor" and _ASSISTS.search(gap) and not nearer_person:
                    add(_relation("ASSISTS", a.entity, b.entity, doc, sentence))
                if kb == "person" and ka == "actor" and gap == "":
                    if _HEAD_BEFORE.search(before_a):
                        add(_relation("LEADS", b.entity, a.entity, doc, sentence))
                    elif _SPOKESPERSON.search(before_a):
                        add(_relation("MEMBER_OF", b.entity, a.entity, doc, sentence))
                if ka == "person" and kb == "actor" and _HEAD_BETWEEN.match(gap):
                    add(_relation("LEADS", a.entity, b.entity, doc, sentence))
                if ka == "actor" and kb in ("actor", "person") and _LED_BY.match(gap):
                    add(_relation("LEADS", b.entity, a.entity, doc, sentence))
    return tuple(sorted(out.values(), key=lambda r: r.evidence_span.start if r.evidence_span else 0))
