"""Rule-based events: a trigger lexicon matched sentence by sentence.

The lexicon is data (``kg/data/triggers.jsonl``): each record names a word or
phrase and the ACLED type it signals. A pattern word matches a text word
after its proclitics and article are set aside (``هجوم`` matches
``والهجوم``); a word ending in ``*`` matches any word that begins with it
(``اشتباك*`` matches ``اشتباكات``). Overlapping triggers: the longest wins;
a trigger inside an entity's name (``هيئة تحرير الشام``) is ignored.

For each trigger, within its sentence:

- agents: the first actor named before the trigger; when none is, the
  first actor after it, at most two words on and with no word marking a
  target in between (على, ضد, مع, إلى, قرب, مواقع…): Arabic puts the verb first
  (``سيطر تنظيم داعش``, ``غارات التحالف``, ``لهجوم من داعش``);
- targets: the other actors named after it, leaving out supporters
  (``إيرانيا`` in ``لواء الباقر المدعوم إيرانيا``);
- the sub-event type of a *territorial* trigger (``سيطر``) follows the
  agent: a state, state force or militia regains territory, any other
  group overtakes it;
- place: the last place named in the sentence, or a place named in the
  sentence that the gazetteer puts inside it (the most specific); places
  that lie in no other (countries, rivers, borders) only when nothing else
  is named. A sentence that names no place takes the place of the latest
  sentence before it that did (articles tell one story in one place);
- time: the first date written in the sentence, else the publication date
  with precision ``approx``, else none;
- modality: ``reported`` when the sentence has a reporting word (قال, أفاد,
  بحسب, وفقا, نقلا عن, ذكر, أعلن, أكد), else ``asserted``; ``reported_by`` then
  lists the outlets, organisations and persons the sentence names;
- evidence: the sentence and its span; confidence 0.3, plus 0.1 each for an
  agent and for a place named in the sentence itself (rules are not sure of
  much).

A sentence yields at most one event of each ACLED event type: the one with
most arguments found, then the one whose trigger comes first in the lexicon
(the lexicon lists specific triggers before general ones: ``سيطر`` before
``هجوم``). A trigger whose sentence names no actor around it and no place
gives nothing (and one marked ``needs_actor``, an agreement or an arrest,
gives nothing without an actor), and neither does a sentence that repeats an earlier one word
for word (a caption printed twice). Ids ``e1, e2, …`` follow the text.
Actors that only publish or observe (``MediaOutlet``, ``Organization``) are
never agents or targets.

Examples
--------
>>> from kg.model import Document
>>> from kg.extract.gazetteer import find_mentions
>>> doc = Document(doc_id="d", text="وسيطر تنظيم داعش على محطة الكم في 17 آذار/مارس 2018.")
>>> [(e.sub_event_type, e.agents, e.place, e.time.value) for e in find_events(doc, find_mentions(doc))]
[('Non-state actor overtakes territory', ('isis',), 'al-kum-station', '2018-03-17')]
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from kg.extract.dates import find_dates
from kg.extract.gazetteer import Gazetteer, Mention, load_gazetteer
from kg.extract.relations import support_pairs
from kg.extract.resources import DataError, read_jsonl
from kg.extract.tokens import article_stems, only_space_between, stems, tokenize
from kg.model import EVENT_TYPES, Document, Event, Modality, Span, TimeValue
from kg.text.normalize import Normalized, normalize, normalize_string
from kg.text.sentences import split_sentences

__all__ = [
    "REPORTING_WORDS",
    "Trigger",
    "find_events",
    "find_triggers",
    "load_triggers",
    "sentence_modality",
    "triggers_from_rows",
]

#: Words (normalized, proclitics aside) that mark a sentence as reported speech.
REPORTING_WORDS: Final[frozenset[str]] = frozenset({
    "قال", "قالت", "قالوا", "يقول", "تقول", "يقولون",
    "افاد", "افادت", "بحسب", "حسب", "وفقا", "وفق", "نقلا",
    "ذكر", "ذكرت", "اعلن", "اعلنت", "اكد", "اكدت",
})

#: Actor types that report or observe rather than act.
_NON_COMBATANT: Final = frozenset({"MediaOutlet", "Organization"})

#: Actor types whose territorial gains are "Government regains territory".
_GOVERNMENT_SIDE: Final = frozenset({"State", "StateForce", "Militia"})

#: Words (normalized, article aside) between a trigger and an actor that make the
#: actor a target: prepositions of direction and nouns for a group's positions.
_TARGET_MARKERS: Final = frozenset({
    "علي", "ضد", "مع", "الي", "نحو", "باتجاه", "استهداف", "استهدف", "استهدفت",
    "قرب", "مقر", "مقرات", "موقع", "مواقع", "مراكز", "مركز", "نقطه", "نقاط", "رتل", "رتلا",
})

#: How many words may separate a trigger from an agent named after it.
_MAX_GAP_AFTER: Final = 2

_KEY_LEN: Final = 3


@dataclass(frozen=True, slots=True)
class Trigger:
    """One entry of the trigger lexicon.

    ``words`` holds each normalized pattern word with a flag: ``True`` when
    it matches as a prefix (the pattern word ended in ``*``).
    """

    pattern: str
    words: tuple[tuple[str, bool], ...]
    event_type: str
    sub_event_type: str
    territorial: bool = False
    needs_actor: bool = False
    rank: int = 0  # position in the lexicon: earlier entries win ties

    def word_matches(self, i: int, candidates: Sequence[str]) -> bool:
        """Whether pattern word ``i`` matches one of a text word's readings."""
        w, prefix = self.words[i]
        return any(c.startswith(w) if prefix else c == w for c in candidates)


_TRIGGER_KEYS: Final = frozenset(
    {"pattern", "event_type", "sub_event_type", "territorial", "needs_actor", "_line"})


def triggers_from_rows(rows: Iterable[Mapping[str, Any]], source: str) -> tuple[Trigger, ...]:
    """Validate trigger records and turn them into triggers (ranked in order).

    Parameters
    ----------
    rows : iterable of mapping
        Parsed JSON records (as from :func:`kg.extract.resources.parse_jsonl`).
    source : str
        File name for messages.

    Raises
    ------
    DataError
        When a field is missing, unknown or of the wrong type, the ACLED pair
        is unknown, or the pattern is not a sequence of words beginning with
        one of three letters or more.

    Examples
    --------
    >>> triggers_from_rows([{"pattern": "قصف*", "event_type": "Battles",
    ...                      "sub_event_type": "Air/drone strike"}], "x.jsonl")
    Traceback (most recent call last):
    ...
    kg.extract.resources.DataError: x.jsonl:?: unknown ACLED type 'Battles' / 'Air/drone strike'
    """
    out: list[Trigger] = []
    for row in rows:
        where = f"{source}:{row.get('_line', '?')}"
        unknown = sorted(set(row) - _TRIGGER_KEYS)
        if unknown:
            raise DataError(f"{where}: unknown field(s) {', '.join(unknown)}")
        pattern, etype, sub = row.get("pattern"), row.get("event_type"), row.get("sub_event_type")
        if not (isinstance(pattern, str) and isinstance(etype, str) and isinstance(sub, str)):
            raise DataError(f"{where}: pattern, event_type and sub_event_type are required strings")
        if etype not in EVENT_TYPES or sub not in EVENT_TYPES[etype]:
            raise DataError(f"{where}: unknown ACLED type {etype!r} / {sub!r}")
        for flag in ("territorial", "needs_actor"):
            if not isinstance(row.get(flag, False), bool):
                raise DataError(f"{where}: {flag!r} must be true or false")
        words = tuple((w.rstrip("*"), w.endswith("*")) for w in normalize_string(pattern).split())
        if not words or not all(w.isalnum() for w, _ in words) or len(words[0][0]) < _KEY_LEN:
            raise DataError(f"{where}: pattern {pattern!r} must be words, the first of 3 letters or more")
        out.append(Trigger(pattern, words, etype, sub, territorial=bool(row.get("territorial")),
                           needs_actor=bool(row.get("needs_actor")), rank=len(out)))
    return tuple(out)


@functools.cache
def load_triggers() -> tuple[Trigger, ...]:
    """The packaged trigger lexicon (``kg/data/triggers.jsonl``), read and checked once.

    Examples
    --------
    >>> t = load_triggers()[0]
    >>> t.pattern, t.event_type, t.territorial
    ('سيطر', 'Battles', True)
    """
    return triggers_from_rows(read_jsonl("triggers.jsonl"), "triggers.jsonl")


@functools.cache
def _trigger_index() -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for t in load_triggers():
        index.setdefault(t.words[0][0][:_KEY_LEN], []).append(t)
    return {k: tuple(v) for k, v in index.items()}


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Trigger]]:
    """Trigger matches in normalized ``text[start:end]``.

    Parameters
    ----------
    text : str
        Normalized text.
    start, end : int, optional
        The range to search (a sentence); offsets stay those of ``text``.

    Returns
    -------
    list of (int, int, Trigger)
        Non-overlapping matches (longest first, then leftmost) sorted by start.

    Examples
    --------
    >>> from kg.text.normalize import normalize_string as ns
    >>> [(s, e, t.sub_event_type) for s, e, t in find_triggers(ns("بعد الاشتباكات فجر انتحاري حزاما ناسفا"))]
    [(4, 14, 'Armed clash'), (19, 26, 'Suicide bomb'), (27, 38, 'Suicide bomb')]
    """
    stop = len(text) if end is None else end
    tokens = [(s + start, e + start) for s, e in tokenize(text[start:stop])]
    index = _trigger_index()
    found: list[tuple[int, int, Trigger]] = []
    for i, (ts, te) in enumerate(tokens):
        for stem, off in article_stems(text[ts:te]):
            for trig in index.get(stem[:_KEY_LEN], ()):
                k = len(trig.words)
                if i + k > len(tokens) or not trig.word_matches(0, [stem]):
                    continue
                if all(
                    only_space_between(text, tokens[i + j - 1][1], tokens[i + j][0])
                    and trig.word_matches(j, [s for s, _ in article_stems(
                        text[tokens[i + j][0]:tokens[i + j][1]])])
                    for j in range(1, k)
                ):
                    found.append((ts + off, tokens[i + k - 1][1], trig))
    chosen: list[tuple[int, int, Trigger]] = []
    for m in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
        if all(m[1] <= s or m[0] >= e for s, e, _ in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m[0])


def sentence_modality(text: str) -> Modality:
    """``reported`` when normalized ``text`` has a reporting word, else ``asserted``.

    >>> from kg.text.normalize import normalize_string as ns
    >>> sentence_modality(ns("وقال المرصد إن")), sentence_modality(ns("هاجم التنظيم"))
    ('reported', 'asserted')
    """
    for s, e in tokenize(text):
        if any(stem in REPORTING_WORDS for stem, _ in stems(text[s:e])):
            return "reported"
    return "asserted"


def _agent_after(text: str, start: int, end: int) -> bool:
    """Whether an actor at normalized ``end`` can be the agent of a trigger ending at ``start``."""
    between = text[start:end]
    gap = [between[s:e] for s, e in tokenize(between)]
    return len(gap) <= _MAX_GAP_AFTER and not any(
        stem in _TARGET_MARKERS for w in gap for stem, _ in article_stems(w))


def _most_specific_place(places: Sequence[str], gaz: Gazetteer) -> str | None:
    """The last place, or one inside it named in the same sentence.

    Places the gazetteer puts inside another come before those it does not
    (countries, rivers, borders): ``قرب الحدود مع العراق`` does not replace
    ``في محافظة دير الزور``.
    """
    if not places:
        return None
    placed = [p for p in places if gaz[p].parent is not None]
    best = (placed or list(places))[-1]
    for p in reversed(places):
        if best in gaz.ancestors(p):
            best = p
    return best


def find_events(
    doc: Document,
    mentions: Sequence[Mention],
    norm: Normalized | None = None,
    sentences: Sequence[Span] | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[Event, ...]:
    """Events stated in a document, one sentence at a time.

    Stage ``events``: requires the normalized text, sentences and mentions;
    assigns events (see the module docstring for the rules).

    Parameters
    ----------
    doc : Document
    mentions : sequence of Mention
        From :func:`kg.extract.gazetteer.find_mentions`.
    norm : Normalized, optional
        ``normalize(doc.text)``, made here when not given.
    sentences : sequence of Span, optional
        ``split_sentences(doc.text)``, made here when not given.
    gazetteer : Gazetteer, optional
        Defaults to :func:`kg.extract.gazetteer.load_gazetteer`.

    Returns
    -------
    tuple of Event
        Ids ``e1, e2, …`` in text order.

    Examples
    --------
    >>> from kg.extract.gazetteer import find_mentions
    >>> doc = Document(doc_id="d", text="قال المرصد السوري إن غارات روسية استهدفت ريف إدلب.",
    ...                published="2018-04-29")
    >>> ev, = find_events(doc, find_mentions(doc))
    >>> ev.sub_event_type, ev.place, ev.modality, ev.reported_by
    ('Air/drone strike', 'idlib', 'reported', ('sohr',))
    >>> ev.time
    TimeValue(value='2018-04-29', precision='approx', note='publication date')
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    nrm = norm if norm is not None else normalize(doc.text)
    sents = sentences if sentences is not None else split_sentences(doc.text)
    supporters = {y.span for _, y in support_pairs(doc, mentions, gaz)}
    kept: list[tuple[int, Event]] = []  # (trigger offset, event)
    last_place: str | None = None  # the place of the latest sentence that named one
    told: set[tuple[str, str, str]] = set()  # (sentence text, type, sub-type) already kept
    for sent in sents:
        inside = [m for m in mentions if sent.start <= m.span.start and m.span.end <= sent.end]
        here = _most_specific_place([m.entity_id for m in inside if gaz[m.entity_id].kind == "place"], gaz)
        last_place = here or last_place
        best: dict[str, tuple[float, int, int, Event]] = {}
        for at, rank, ev in _sentence_events(doc, nrm, sent, inside, supporters, last_place, gaz):
            cand = (-(ev.confidence or 0.0), rank, at, ev)
            if ev.event_type not in best or cand[:3] < best[ev.event_type][:3]:
                best[ev.event_type] = cand
        for _, _, at, ev in best.values():
            key = (sent.text, ev.event_type, ev.sub_event_type)
            if key not in told:
                told.add(key)
                kept.append((at, ev))
    kept.sort(key=lambda k: k[0])
    return tuple(replace(ev, id=f"e{i}") for i, (_, ev) in enumerate(kept, start=1))


def _sentence_events(
    doc: Document,
    nrm: Normalized,
    sent: Span,
    inside: Sequence[Mention],
    supporters: set[Span],
    place: str | None,
    gaz: Gazetteer,
) -> list[tuple[int, int, Event]]:
    """One candidate event per trigger of one sentence, with the trigger's offset and rank.

    Ids are set later, once the events to keep are chosen.
    """
    ns = bisect.bisect_left(nrm.to_original, sent.start)
    ne = bisect.bisect_left(nrm.to_original, sent.end)
    triggers = []
    for s, e, t in find_triggers(nrm.text, ns, ne):
        t_start, t_end = nrm.to_original_span(s, e)
        if not any(m.span.start < t_end and t_start < m.span.end for m in inside):
            triggers.append((s, e, t_start, t_end, t))
    if not triggers:
        return []
    sentence_text = nrm.text[ns:ne]
    modality = sentence_modality(sentence_text)
    dates = find_dates(sentence_text, doc.published)
    if dates:
        time: TimeValue | None = dates[0][2]
    elif doc.published:
        time = TimeValue(doc.published, "approx", "publication date")
    else:
        time = None
    actors = [m for m in inside if gaz[m.entity_id].kind == "actor"
              and gaz[m.entity_id].type not in _NON_COMBATANT and m.span not in supporters]
    named_place = any(gaz[m.entity_id].kind == "place" for m in inside)
    reported_by: tuple[str, ...] = ()
    if modality == "reported":
        reported_by = tuple(dict.fromkeys(
            m.entity_id for m in inside
            if gaz[m.entity_id].kind == "person" or gaz[m.entity_id].type in _NON_COMBATANT
        ))
    out: list[tuple[int, int, Event]] = []
    for s, e, t_start, t_end, trig in triggers:
        before = [m.entity_id for m in actors if m.span.end <= t_start]
        after = [m for m in actors if m.span.start >= t_end]
        agents = tuple(before[:1])
        if not agents and after and _agent_after(
                nrm.text, e, bisect.bisect_left(nrm.to_original, after[0].span.start)):
            agents = (after[0].entity_id,)
        targets = tuple(dict.fromkeys(m.entity_id for m in after if m.entity_id not in agents))
        if not (agents or targets or (named_place and not trig.needs_actor)):
            continue
        sub = trig.sub_event_type
        if trig.territorial and agents:
            sub = ("Government regains territory" if gaz[agents[0]].type in _GOVERNMENT_SIDE
                   else "Non-state actor overtakes territory")
        out.append((s, trig.rank, Event(
            id="",
            event_type=trig.event_type,
            sub_event_type=sub,
            agents=agents,
            targets=targets,
            place=place,
            time=time,
            modality=modality,
            reported_by=reported_by,
            evidence=sent.text,
            evidence_span=sent,
            confidence=round(0.3 + 0.1 * bool(agents) + 0.1 * named_place, 2),
        )))
    return out
