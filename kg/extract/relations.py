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
3. **Location.** A sentence that names a place ``P`` and a place ``Q`` that
   contains it according to the gazetteer (``Q`` on ``P``'s ``in`` chain,
   the nearest such) gives ``P LOCATED_IN Q``, once per ``P``: the text and
   the gazetteer agree. Places never named together in one sentence get no
   relation, even when the gazetteer knows one contains the other.

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

_AND: Final = re.compile(r"^[\s\"'“”«»]*و$")

_NON_COMBATANT: Final = frozenset({"MediaOutlet", "Organization"})


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
                            evidence_span=sent, confidence=0.6))
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
                            evidence_span=sent, confidence=0.6))
    return out


def _location(mentions: Sequence[Mention], sentences: Sequence[Span],
              gaz: Gazetteer) -> list[Relation]:
    out: list[Relation] = []
    done: set[str] = set()
    for sent in sentences:
        here = list(dict.fromkeys(
            m.entity_id for m in mentions
            if gaz[m.entity_id].kind == "place" and sent.start <= m.span.start < sent.end))
        for pid in here:
            if pid in done:
                continue
            container = next((a for a in gaz.ancestors(pid) if a in here), None)
            if container is not None:
                done.add(pid)
                out.append(Relation("LOCATED_IN", pid, container, evidence=sent.text,
                                    evidence_span=sent, confidence=0.7))
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
             + _location(mentions, sents, gaz))
    found.sort(key=lambda r: (r.evidence_span.start if r.evidence_span else -1))
    unique: dict[str, Relation] = {}
    for r in found:
        unique.setdefault(r.key, r)
    return tuple(unique.values())
