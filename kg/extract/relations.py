"""Relations from three safe rules.

1. **Support.** An actor followed, within the sentence and with nothing but
   punctuation in between, by a support phrase and another actor:
   ``لواء الباقر المدعوم إيرانيا``, ``قوات سوريا الديمقراطية، المدعومة من قبل
   أمريكا``, ``تحالف … تدعمه واشنطن``, ``… بدعم من …`` gives
   ``X SUPPORTED_BY Y``. A state's adverb (``إيرانيا``, ``روسيا``, ``أمريكيا``)
   is one of that state's gazetteer patterns, so it is the actor ``Y``.
2. **Alliance.** An actor, then ``و`` and a militia whose name ends with, or
   is followed by, a pronoun that points back (``له``, ``لها``, ``معها``):
   ``قوات النظام السوري والمسلحين الموالين له`` gives
   ``pro-regime-militias ALLIED_WITH syrian-regime-forces``.
3. **Location.** A sentence that names a place ``P`` and, at most eight
   words after it, a place ``Q`` that contains it according to the gazetteer
   (``Q`` on ``P``'s ``in`` chain, the nearest such) gives ``P LOCATED_IN Q``,
   once per ``P``: the text and the gazetteer agree. Places never named together in one sentence get no
   relation, even when the gazetteer knows one contains the other.

4. **Control.** ``سيطر X على P`` / ``X … السيطرة على P`` / ``سيطرة X على P`` (the
   actor nearest before the word of control, or right after it, and the
   first place after its ``على``), ``P (…) الذي يسيطر عليه X`` and ``P آخر معاقل X``
   / ``P، معقل X``
   give ``X CONTROLS P``, with the date the sentence writes, if any (from
   that date on).

Relations are kept once each (by :attr:`kg.model.Relation.key`), in order of
their evidence.

Examples
--------
>>> from kg.model import Document
>>> from kg.extract.gazetteer import find_mentions
>>> doc = Document(doc_id="d", text="هاجم لواء الباقر المدعوم إيرانيا قرية الشعفة في ريف البوكمال. "
...                "وردت قوات النظام والميليشيات المساندة لها.")
>>> for r in find_relations(doc, find_mentions(doc)):
...     print(r.source, r.type, r.target)
liwa-al-baqir SUPPORTED_BY iran
al-shaafa LOCATED_IN al-bukamal
pro-regime-militias ALLIED_WITH syrian-regime-forces
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Final

from kg.extract.dates import find_dates
from kg.extract.gazetteer import Gazetteer, Mention, load_gazetteer
from kg.extract.tokens import only_space_between, tokenize
from kg.model import Document, Relation, Span
from kg.text.normalize import normalize_string
from kg.text.sentences import split_sentences

__all__ = ["BACK_POINTERS", "SUPPORT_PHRASE", "find_relations", "support_pairs"]

#: What may stand between a supported actor and its supporter (normalized text).
SUPPORT_PHRASE: Final = re.compile(
    r"""^[\s"'“”«»،,()-]*
        (?:(?:الذي|التي|الذين)\s+)?
        (?:ال)?(?:مدعوم|مدعومه|مدعومين|مدعومون|تدعمه|تدعمها|تدعمهم|يدعمه|يدعمها|يدعمهم|بدعم)
        (?:\s+من(?:\s+قبل)?)?
        [\s"'“”«»]*$""",
    re.VERBOSE,
)

#: Words right after a militia's name that point back to the actor before it.
BACK_POINTERS: Final = frozenset({"له", "لها", "لهم", "معه", "معها", "معهم"})

_AND: Final = re.compile(r"^[\s\"'“”«»]*و\s*$")

_NON_COMBATANT: Final = frozenset({"MediaOutlet", "Organization"})

#: How many words may stand between a place and the place named after it that contains it.
_NEAR_WORDS: Final = 8


def _sentence_of(span: Span, sentences: Sequence[Span]) -> Span | None:
    for s in sentences:
        if s.start <= span.start and span.end <= s.end:
            return s
    return None


def support_pairs(
    doc: Document,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer | None = None,
) -> list[tuple[Mention, Mention]]:
    """Pairs ``(supported, supporter)`` of adjacent actor mentions joined by a support phrase.

    Examples
    --------
    >>> from kg.extract.gazetteer import find_mentions
    >>> doc = Document(doc_id="d", text="قوات النظام مدعومة من روسيا")
    >>> [(x.entity_id, y.entity_id) for x, y in support_pairs(doc, find_mentions(doc))]
    [('syrian-regime-forces', 'russia')]
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    out: list[tuple[Mention, Mention]] = []
    for x, y in itertools.pairwise(mentions):
        ex, ey = gaz[x.entity_id], gaz[y.entity_id]
        if ex.kind != "actor" or ey.kind != "actor" or ex.type in _NON_COMBATANT or ex.id == ey.id:
            continue
        if SUPPORT_PHRASE.match(normalize_string(doc.text[x.span.end:y.span.start])):
            out.append((x, y))
    return out


def _support(doc: Document, mentions: Sequence[Mention], sentences: Sequence[Span],
             gaz: Gazetteer) -> list[Relation]:
    out: list[Relation] = []
    for x, y in support_pairs(doc, mentions, gaz):
        sent = _sentence_of(x.span, sentences)
        if sent is None or y.span.end > sent.end:
            continue
        out.append(Relation("SUPPORTED_BY", x.entity_id, y.entity_id, evidence=sent.text,
                            evidence_span=sent, confidence=0.6, extra={"rule": "support"}))
    return out


def _points_back(doc: Document, m: Mention) -> bool:
    """Whether a mention's last word, or the word right after it, points back (له, معها)."""
    own = normalize_string(m.span.text).split()
    if own and own[-1] in BACK_POINTERS:
        return True
    after = normalize_string(doc.text[m.span.end:m.span.end + 12])
    words = tokenize(after)
    return bool(words) and only_space_between(after, 0, words[0][0]) and (
        after[words[0][0]:words[0][1]] in BACK_POINTERS)


def _alliance(doc: Document, mentions: Sequence[Mention], sentences: Sequence[Span],
              gaz: Gazetteer) -> list[Relation]:
    out: list[Relation] = []
    for x, m in itertools.pairwise(mentions):
        ex, em = gaz[x.entity_id], gaz[m.entity_id]
        if ex.kind != "actor" or ex.type in _NON_COMBATANT or em.type != "Militia" or ex.id == em.id:
            continue
        if not _AND.match(normalize_string(doc.text[x.span.end:m.span.start])):
            continue
        sent = _sentence_of(x.span, sentences)
        if sent is None or m.span.end > sent.end or not _points_back(doc, m):
            continue
        out.append(Relation("ALLIED_WITH", em.id, ex.id, evidence=sent.text,
                            evidence_span=sent, confidence=0.6, extra={"rule": "alliance"}))
    return out


def _location(doc: Document, mentions: Sequence[Mention], sentences: Sequence[Span],
              gaz: Gazetteer) -> list[Relation]:
    out: list[Relation] = []
    done: set[str] = set()
    for sent in sentences:
        here = [m for m in mentions
                if gaz[m.entity_id].kind == "place" and sent.start <= m.span.start < sent.end]
        for m in here:
            pid = m.entity_id
            if pid in done:
                continue
            ancestors = gaz.ancestors(pid)
            near = [q for q in here if q.entity_id in ancestors and q.span.start >= m.span.end
                    and len(doc.text[m.span.end:q.span.start].split()) <= _NEAR_WORDS]
            if near:
                container = min(near, key=lambda q: ancestors.index(q.entity_id)).entity_id
                done.add(pid)
                out.append(Relation("LOCATED_IN", pid, container, evidence=sent.text,
                                    evidence_span=sent, confidence=0.7, extra={"rule": "location"}))
    return out


#: Words of control (normalized), ending right before ``على`` or the actor.
_CONTROL: Final = re.compile(
    r"(?:^|\s)(?:و|ف)?(?:ال)?(?:سيطر|سيطرت|سيطروا|يسيطر|تسيطر|سيطره|سيطرته|سيطرتها)(?=\s)")
_ON: Final = re.compile(r"^\s*(?:\S+\s+){0,4}?علي\s")
_HELD_BY: Final = re.compile(r"^(?:[\s،,]*[^\s،,]+){0,3}?[\s،,]*(?:الذي|التي)\s+"
                             r"(?:كان\s+|كانت\s+|لا\s+يزال\s+|لا\s+تزال\s+)?"
                             r"(?:يسيطر|تسيطر)\s+(?:عليه|عليها)\s+$")
_STRONGHOLD: Final = re.compile(r"^[\s،,]*(?:هي\s+|وهي\s+)?(?:اخر\s+|ابرز\s+|اهم\s+)?(?:معاقل|معقل)\s+$")


#: Words before an actor that put it in a prepositional phrase, not in the subject.
_PHRASE_HEADS: Final = frozenset({"حساب", "من", "علي", "ضد", "مع", "بدعم", "لصالح", "يد"})


def _in_phrase(text: str, m: Mention) -> bool:
    """Whether the word before a mention heads a phrase it sits in (``على حساب داعش``)."""
    words = normalize_string(text[max(0, m.span.start - 20):m.span.start]).split()
    return bool(words) and words[-1] in _PHRASE_HEADS


def _control(doc: Document, mentions: Sequence[Mention], sentences: Sequence[Span],
             gaz: Gazetteer) -> list[Relation]:
    out: list[Relation] = []
    for sent in sentences:
        inside = [m for m in mentions if sent.start <= m.span.start and m.span.end <= sent.end]
        if not inside:
            continue
        actors = [m for m in inside if gaz[m.entity_id].kind == "actor"
                  and gaz[m.entity_id].type not in _NON_COMBATANT]
        places = [m for m in inside if gaz[m.entity_id].kind == "place"]
        if not actors or not places:
            continue
        dates = find_dates(normalize_string(sent.text), doc.published)
        time = dates[0][2] if dates else None
        pairs: list[tuple[str, str]] = []
        for p in places:
            for a in actors:
                if a.span.start >= p.span.end:
                    gap = normalize_string(doc.text[p.span.end:a.span.start])
                    if _HELD_BY.match(gap) or _STRONGHOLD.match(gap):
                        pairs.append((a.entity_id, p.entity_id))
                        break
        text = sent.text
        for c in _CONTROL.finditer(normalize_string(text)):
            cut = c.end()
            # offsets of the normalized sentence follow the original closely enough only
            # when normalization kept the length; skip sentences where it did not
            if len(normalize_string(text)) != len(text):
                break
            at = sent.start + cut
            before = [a for a in actors if a.span.end <= sent.start + c.start()
                      and not _in_phrase(doc.text, a)]
            after = [a for a in actors if a.span.start >= at]
            agent = None
            if after and len(normalize_string(doc.text[at:after[0].span.start]).split()) == 0:
                agent = after[0]
            elif before:
                agent = before[-1]
            if agent is None:
                continue
            rest = normalize_string(doc.text[max(at, agent.span.end):sent.end])
            on = _ON.match(rest)
            if not on:
                continue
            start = max(at, agent.span.end) + on.end()
            target = next((p for p in places if p.span.start >= start - 1), None)
            words = normalize_string(doc.text[start:target.span.start]).split() if target else []
            if target is not None and len(words) <= 2:
                pairs.append((agent.entity_id, target.entity_id))
        for a_id, p_id in dict.fromkeys(pairs):
            out.append(Relation("CONTROLS", a_id, p_id, time=time, evidence=sent.text,
                                evidence_span=sent, confidence=0.5, extra={"rule": "control"}))
    return out


#: Phrases between two actors ``X … Y`` (normalized), the relation they state and its direction:
#: ``True`` when it reads ``Y TYPE X``.
PAIR_PATTERNS: Final[tuple[tuple[re.Pattern[str], str, bool, str], ...]] = (
    (re.compile(r"^[\s،,\"«»]*(?:التي|الذي)\s+(?:تغلب|يغلب|تهيمن|يهيمن)\s+(?:عليها|عليه)\s+$"),
     "PART_OF", True, "dominated-by"),
    (re.compile(r"^[\s،,\"«»(]*(?:ب|و)?قياده\s+$"), "LEADS", True, "led-by"),
    (re.compile(r"^[\s،,\"«»]*(?:التي\s+|الذي\s+)?(?:تقوده|تقودها|يقوده|يقودها)\s+$"), "LEADS", True,
     "led-by"),
    (re.compile(r"^[\s،,]*(?:بالتعاون|بالمشاركه|بالتنسيق)\s+مع\s+(?:\S+\s+){0,3}?$"), "ALLIED_WITH", True,
     "together-with"),
    (re.compile(r"^[\s،,\"«»]*(?:ال)?(?:متحالفه|متحالف|متحالفين|متحالفون)\s+مع\s+$"), "ALLIED_WITH", False,
     "allied-with"),
    (re.compile(r"^[\s،,]*(?:هي\s+|هو\s+)?(?:من\s+)?(?:ابرز\s+|اهم\s+|اقرب\s+)?(?:حليف|حليفه|حلفاء)\s+$"),
     "ALLIED_WITH", False, "ally-of"),
)

#: ``X و Y حليفة``: the word after ``Y`` that makes it ``X``'s ally.
_ALLY_AFTER: Final = frozenset({"حليفه", "الحليفه", "حليف", "الحليف", "حليفتها", "الحليفتان"})


def _pairs(doc: Document, mentions: Sequence[Mention], sentences: Sequence[Span],
           gaz: Gazetteer) -> list[Relation]:
    """Relations stated by a phrase between two actors (:data:`PAIR_PATTERNS`)."""
    out: list[Relation] = []
    for sent in sentences:
        actors = [m for m in mentions if sent.start <= m.span.start and m.span.end <= sent.end
                  and gaz[m.entity_id].kind == "actor" and gaz[m.entity_id].type not in _NON_COMBATANT]
        for x, y in itertools.pairwise(actors):
            if x.entity_id == y.entity_id:
                continue
            gap = normalize_string(doc.text[x.span.end:y.span.start])
            for rx, rtype, reverse, rule in PAIR_PATTERNS:
                if rx.match(gap):
                    src, dst = (y, x) if reverse else (x, y)
                    out.append(Relation(rtype, src.entity_id, dst.entity_id, evidence=sent.text,
                                        evidence_span=sent, confidence=0.6, extra={"rule": rule}))
                    break
            else:
                after = normalize_string(doc.text[y.span.end:y.span.end + 12]).split()[:1]
                if _AND.match(gap) and after and after[0].strip(".،,:؛\"«»()") in _ALLY_AFTER:
                    out.append(Relation("ALLIED_WITH", y.entity_id, x.entity_id, evidence=sent.text,
                                        evidence_span=sent, confidence=0.6, extra={"rule": "and-ally"}))
    return out


def find_relations(
    doc: Document,
    mentions: Sequence[Mention],
    sentences: Sequence[Span] | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[Relation, ...]:
    """Relations between the entities a document mentions.

    Stage ``relations``: requires sentences and mentions; assigns relations.

    Parameters
    ----------
    doc : Document
    mentions : sequence of Mention
        In text order, from :func:`kg.extract.gazetteer.find_mentions`.
    sentences : sequence of Span, optional
        ``split_sentences(doc.text)``, made here when not given.
    gazetteer : Gazetteer, optional
        Defaults to :func:`kg.extract.gazetteer.load_gazetteer`.

    Returns
    -------
    tuple of Relation

    Examples
    --------
    >>> from kg.extract.gazetteer import find_mentions
    >>> doc = Document(doc_id="d", text='"قوات سوريا الديمقراطية"، المدعومة من قبل أمريكا، تقدمت.')
    >>> r, = find_relations(doc, find_mentions(doc))
    >>> r.source, r.target, r.evidence_span.start, r.evidence_span.end
    ('sdf', 'usa', 0, 56)
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    sents = sentences if sentences is not None else split_sentences(doc.text)
    found = (_support(doc, mentions, sents, gaz) + _alliance(doc, mentions, sents, gaz)
             + _location(doc, mentions, sents, gaz) + _control(doc, mentions, sents, gaz)
             + _pairs(doc, mentions, sents, gaz))
    found.sort(key=lambda r: (r.evidence_span.start if r.evidence_span else -1))
    unique: dict[str, Relation] = {}
    for r in found:
        unique.setdefault(r.key, r)
    return tuple(unique.values())
