"""Rule-based events: triggers, then arguments, modality and attribution, then one event per event.

Triggers come from the lexicon (:mod:`kg.extract.triggers`, ``kg/data/triggers.jsonl``);
a trigger inside an entity's name (``هيئة تحرير الشام``) is ignored, and so
are detect-only ones (``قتل``: violence, but no ACLED type of its own).

For each trigger, within its sentence (rule ids in ``extra["rule"]``:
``trigger:<pattern>``, plus ``+dropped-subject`` and ``+merge`` below):

- **agents and targets**: :func:`kg.extract.arguments.roles` (subjects before
  the verb or right after it, victims, ``هجوم شنه X``, ``بين X و Y``, relative
  clauses, supporters and commanders left out). An actor right after a
  reporting word (``قال المرصد``, ``أعلنت وزارة الدفاع``) is the source, not an
  agent, unless it speaks of itself (``قال الجيش إنه استعاد``). A verb that
  opens its clause with no subject (``ففجر``) takes the agent of the event
  before (``+dropped-subject``). Actors that only publish or observe
  (``MediaOutlet``, ``Organization``) are never agents or targets;
- **sub-event type** of a *territorial* trigger follows the agent: a state,
  state force or militia regains territory, any other group overtakes it;
- **place**: the place named nearest the trigger, after it rather than
  before; places inside another come first (rivers, borders and countries
  only when nothing else is named); a list of villages gives the place that
  contains them all; places in a dateline (``دبي (CNN) --``) or named as
  landmarks (``قرب``, ``الحدود``) do not count. A sentence that names no place
  takes the place of the latest event before it, and an event whose place is
  still none or a river, border or country takes the article's first place;
- **time**: the sentence's best time expression (:func:`kg.time.resolve_event_time`)
  except one that dates the *report* (``أعلن المرصد، الأحد،``), else the
  publication date with precision ``approx``, else (no publication date)
  the latest date written before, ``approx``;
- **modality** and ``reported_by``: :func:`kg.extract.modality.modality`
  (negated, planned, alleged, reported, asserted) and the reporters named;
- **fatalities**: :func:`kg.extract.fatalities.fatalities`;
- **evidence**: the sentence and its span; **confidence** 0.3, plus 0.1 each
  for an agent, a place named in the sentence and a verb trigger, plus 0.1
  per merged telling (at most 1).

Filters (precision first): a trigger needs an actor, or a place that is not
a country (``needs_actor`` triggers always need an actor); battles and
strategic developments need an agent; a trigger near words of sport, arts or
business (:data:`kg.extract.triggers.OTHER_DOMAIN`), after a word of habit
(``نادرا ما``, ``عادة``), or a word of control that describes a hold
(``التي سيطر عليها``) gives nothing; an event with no armed actor (armed
group, state force, militia) needs an eventive context; an intention named
by a noun (``استعدادات للهجوم``) gives nothing.

A sentence yields at most one event of each ACLED event type (most
arguments, then the trigger listed first), and a sentence repeated word
for word gives nothing more. Then :func:`merge_events` makes one event of the
tellings of one event in the article (headline, lead, body). Ids ``e1, e2,
…`` follow the text.

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
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from kg.extract.arguments import roles
from kg.extract.dates import find_dates
from kg.extract.fatalities import fatalities
from kg.extract.gazetteer import Gazetteer, Mention, load_gazetteer
from kg.extract.merge import PUBLICATION as _PUBLICATION
from kg.extract.merge import merge_events
from kg.extract.modality import REPORTING_WORDS, modality, reporting_word_ends
from kg.extract.relations import support_pairs
from kg.extract.triggers import (
    Trigger,
    detect_event_types,
    eventive_context,
    find_triggers,
    load_triggers,
    other_domain,
    triggers_from_rows,
)
from kg.model import Document, Event, Modality, Span, TimeValue
from kg.text.normalize import Normalized, normalize, normalize_string
from kg.text.sentences import split_sentences

__all__ = [
    "REPORTING_WORDS",
    "Trigger",
    "detect_event_types",
    "find_events",
    "find_triggers",
    "load_triggers",
    "merge_events",
    "sentence_modality",
    "triggers_from_rows",
]


#: Actor types that report or observe rather than act.
_NON_COMBATANT: Final = frozenset({"MediaOutlet", "Organization"})

#: Words that make a trigger after them a habit, not an event.
_HABITUAL: Final = frozenset({"نادرا", "عاده", "غالبا", "دائما", "كثيرا", "يعتمد", "تعتمد", "عادتها",
                              "عادته", "المعتاده", "المعتاد", "احيانا"})

#: Event types that need an agent (a battle or an agreement with no one named is no event).
_NEEDS_AGENT: Final = frozenset({"Battles", "Strategic developments"})

#: Prepositions after which a verb form reads as a verbal noun.
_PREPOSITIONS: Final = frozenset({"بعد", "قبل", "عقب", "اثر", "منذ", "خلال", "علي", "في", "من", "الي"})

#: Place types that a list of villages names side by side.
_SMALL_PLACES: Final = frozenset({"Village", "Town"})

#: Words before a place that name it as a landmark, not as where the event was.
_NEAR: Final = frozenset({"قرب", "بالقرب", "قريبا", "قريبه", "المحاذيه", "المحاذي", "حدود", "الحدود",
                          "باتجاه", "نحو", "مقابل"})

#: Actor types that fight: an event with none of them among its actors needs an
#: eventive context (a casualty, a verb of occurrence, a deictic time).
_ARMED: Final = frozenset({"ArmedGroup", "StateForce", "Militia"})

#: Actor types whose territorial gains are "Government regains territory".
_GOVERNMENT_SIDE: Final = frozenset({"State", "StateForce", "Militia"})

#: A leading dateline: a few words, then an agency in brackets and a dash.
_DATELINE: Final = re.compile(r"^[^\n]{0,90}?\([A-Za-z][A-Za-z .]*\)\s*[—–-]+")

#: Words between a reporter and a trigger that make the reporter the agent.
_SELF: Final = frozenset({"انه", "انها", "انهم", "بانه", "بانها", "قواته", "قواتها", "قواتنا", "عن"})

#: Complementizers: what follows a reporting word and one of these is what was said.
_THAT: Final = frozenset({"ان", "بان", "انه", "انها"})

def sentence_modality(text: str) -> Modality:
    """The modality of normalized sentence ``text`` (:func:`kg.extract.modality.modality`).

    >>> from kg.text.normalize import normalize_string as ns
    >>> sentence_modality(ns("وقال المرصد إن")), sentence_modality(ns("هاجم التنظيم"))
    ('reported', 'asserted')
    """
    return modality(text)


def _most_specific_place(places: Sequence[str], gaz: Gazetteer,
                         known: frozenset[str] | None = None) -> str | None:
    """The last place, or one inside it named in the same sentence.

    Places the gazetteer puts inside another come before those it does not
    (countries, rivers, borders): ``قرب الحدود مع العراق`` does not replace
    ``في محافظة دير الزور``. Several villages or towns side by side (a list of
    villages taken) give the nearest place that contains them all.

    >>> _most_specific_place(["deir-ez-zor", "shaqra", "al-junaynah"], load_gazetteer())
    'deir-ez-zor'
    >>> _most_specific_place(["al-bukamal", "al-shaafa"], load_gazetteer())
    'al-shaafa'
    """
    if not places:
        return None
    placed = [p for p in places if gaz[p].parent is not None]
    small = list(dict.fromkeys(p for p in placed if gaz[p].type in _SMALL_PLACES))
    if len(small) >= 2 and not any(a in gaz.ancestors(b) for a in small for b in small):
        common = [a for a in gaz.ancestors(small[0]) if all(a in gaz.ancestors(b) for b in small[1:])
                  and (known is None or a in known)]
        if common and gaz[common[0]].type != "Country":
            return common[0]
    best = (placed or list(places))[-1]
    for p in reversed(places):
        if best in gaz.ancestors(p):
            best = p
    return best


def _place_for(start: int, end: int, places: Sequence[Mention], gaz: Gazetteer,
               known: frozenset[str] | None) -> str | None:
    """The place of a trigger at ``start..end``: the nearest named, after it rather than before.

    Places inside another one come first (a river or a country only when
    nothing else is named); a list of villages side by side gives the place
    that contains them all (:func:`_most_specific_place`).
    """
    if not places:
        return None
    placed = [m for m in places if gaz[m.entity_id].parent is not None] or list(places)

    def distance(m: Mention) -> float:
        return m.span.start - end if m.span.start >= end else 1.5 * (start - m.span.end)

    nearest = min(placed, key=distance)
    small = {m.entity_id for m in placed if gaz[m.entity_id].type in _SMALL_PLACES}
    if nearest.entity_id in small and len(small) >= 2:
        return _most_specific_place([m.entity_id for m in places], gaz, known)
    return nearest.entity_id


def _after_preposition(text: str, lo: int, trigger: int) -> bool:
    """Whether a trigger follows a preposition, so reads as a verbal noun (``بعد طرد``).

    >>> _after_preposition("عادوا بعد طرد", 0, 10), _after_preposition("طرد", 0, 0)
    (True, False)
    """
    words = text[lo:trigger].split()[-1:]
    return bool(words) and words[0] in _PREPOSITIONS


def _held(text: str, end: int, stop: int) -> bool:
    """Whether a word of control describes a hold (``التي سيطر عليها``), not a taking.

    >>> from kg.text.normalize import normalize_string as ns
    >>> _held(ns("القرى التي سيطر عليها النظام"), 15, 28)
    True
    """
    words = text[end:stop].split()[:1]
    return bool(words) and words[0] in {"عليه", "عليها", "عليهم"}


def _habitual(sentence: str, trigger: int) -> bool:
    """Whether a habit word stands within five words before the trigger (``نادرا ما اشتبك``).

    >>> from kg.text.normalize import normalize_string as ns
    >>> _habitual(ns("ونادرا ما اشتبك الجيش"), 10), _habitual(ns("اشتبك الجيش"), 0)
    (True, False)
    """
    words = sentence[:trigger].split()[-5:]
    return any(w.lstrip("وف") in _HABITUAL or w in _HABITUAL for w in words)


def _landmark(text: str, m: Mention) -> bool:
    """Whether a place is named as a landmark (``قرب الحدود``, ``باتجاه دمشق``).

    >>> from kg.extract.gazetteer import find_mentions
    >>> d = Document(doc_id="d", text="قرب دمشق")
    >>> _landmark(d.text, find_mentions(d)[0])
    True
    """
    words = normalize_string(text[max(0, m.span.start - 30):m.span.start]).split()
    return bool(words) and words[-1] in _NEAR


def _dateline_end(text: str) -> int:
    """End of a leading dateline (``دبي، الإمارات العربية المتحدة (CNN) --``), else 0.

    >>> _dateline_end("دبي (CNN)— قصفت الطائرات")
    10
    """
    m = _DATELINE.match(text[:160])
    return m.end() if m else 0


def find_events(
    doc: Document,
    mentions: Sequence[Mention],
    norm: Normalized | None = None,
    sentences: Sequence[Span] | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[Event, ...]:
    """Events stated in a document, one sentence at a time, then merged within it.

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
        Ids ``e1, e2, …`` in text order; each carries ``extra["rule"]``.

    Examples
    --------
    >>> from kg.extract.gazetteer import find_mentions
    >>> doc = Document(doc_id="d", text="قال المرصد السوري إن غارات روسية استهدفت ريف إدلب.",
    ...                published="2018-04-29")
    >>> ev, = find_events(doc, find_mentions(doc))
    >>> ev.sub_event_type, ev.place, ev.modality, ev.reported_by, ev.extra["rule"]
    ('Air/drone strike', 'idlib', 'reported', ('sohr',), 'trigger:غارات*')
    >>> ev.time
    TimeValue(value='2018-04-29', precision='approx', note='publication date')
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    nrm = norm if norm is not None else normalize(doc.text)
    sents = sentences if sentences is not None else split_sentences(doc.text)
    supporters = {y.span for _, y in support_pairs(doc, mentions, gaz)}
    dateline = _dateline_end(doc.text)
    named_places = frozenset(m.entity_id for m in mentions if gaz[m.entity_id].kind == "place")
    kept: list[tuple[int, Event]] = []  # (trigger offset, event)
    last_place: str | None = None  # the place of the latest sentence that named one
    last_agent: str | None = None  # the latest agent found: the subject a verb may leave unsaid
    last_time: TimeValue | None = None  # the latest date written: governs undated sentences
    told: set[tuple[str, str, str]] = set()  # (sentence text, type, sub-type) already kept
    for sent in sents:
        inside = [m for m in mentions if sent.start <= m.span.start and m.span.end <= sent.end]
        places = [m for m in inside if gaz[m.entity_id].kind == "place"
                  and m.span.start >= dateline and not _landmark(doc.text, m)]
        here = _most_specific_place([m.entity_id for m in places], gaz, named_places)
        best: dict[str, tuple[float, int, int, Event]] = {}
        for at, rank, ev in _sentence_events(doc, nrm, sent, inside, supporters, last_place, gaz,
                                             last_agent, last_time, places, named_places):
            cand = (-(ev.confidence or 0.0), rank, at, ev)
            if ev.event_type not in best or cand[:3] < best[ev.event_type][:3]:
                best[ev.event_type] = cand
        for _, _, at, ev in best.values():
            key = (sent.text, ev.event_type, ev.sub_event_type)
            if key not in told:
                told.add(key)
                kept.append((at, ev))
        if best:
            here = min(best.values(), key=lambda c: c[2])[3].place or here
        if here is None or gaz[here].parent is not None or last_place is None:
            last_place = here or last_place
        if doc.published is None:
            written = [d[2] for d in find_dates(normalize_string(sent.text)) if d[2].value]
            last_time = written[0] if written else last_time
        agented = [ev for ev in best.values() if ev[3].agents]
        if agented:
            last_agent = max(agented, key=lambda c: c[2])[3].agents[0]
    kept.sort(key=lambda k: k[0])
    main = next((m.entity_id for m in mentions if m.span.start >= dateline
                 and gaz[m.entity_id].kind == "place" and gaz[m.entity_id].parent is not None
                 and gaz[m.entity_id].type != "Country" and not _landmark(doc.text, m)), None)
    if main is not None:  # a river, a border or a country says less than the article's first place
        kept = [(at, replace(ev, place=main) if ev.place is None or gaz[ev.place].parent is None
                 else ev) for at, ev in kept]
    merged = merge_events([ev for _, ev in kept], gaz)
    return tuple(replace(ev, id=f"e{i}") for i, ev in enumerate(merged, start=1))


def _reporters(text: str, ns: int, ne: int, inside: Sequence[Mention], nrm: Normalized,
               triggers: Sequence[int] = ()) -> list[Mention]:
    """Mentions right after a reporting word (at most two words between, none a trigger)."""
    sentence = text[ns:ne]
    ends = reporting_word_ends(sentence)
    out: list[Mention] = []
    for m in inside:
        ms = bisect.bisect_left(nrm.to_original, m.span.start) - ns
        for e in ends:
            gap = sentence[e:ms].split()
            if e <= ms and len(gap) <= 2 and not any(e <= t - ns < ms for t in triggers) and not (
                    {w.strip("،,:\"«»") for w in gap} & _THAT):
                out.append(m)
                break
    return out


def _sentence_events(
    doc: Document,
    nrm: Normalized,
    sent: Span,
    inside: Sequence[Mention],
    supporters: set[Span],
    place: str | None,
    gaz: Gazetteer,
    last_agent: str | None = None,
    last_time: TimeValue | None = None,
    places: Sequence[Mention] = (),
    known: frozenset[str] | None = None,
) -> list[tuple[int, int, Event]]:
    """One candidate event per trigger of one sentence, with the trigger's offset and rank.

    Ids are set later, once the events to keep are chosen.
    """
    ns = bisect.bisect_left(nrm.to_original, sent.start)
    ne = bisect.bisect_left(nrm.to_original, sent.end)
    triggers = []
    for s, e, t in find_triggers(nrm.text, ns, ne):
        if t.detect_only:
            continue
        t_start, t_end = nrm.to_original_span(s, e)
        if not any(m.span.start < t_end and t_start < m.span.end for m in inside):
            triggers.append((s, e, t_start, t_end, t))
    if not triggers:
        return []
    sentence_text = nrm.text[ns:ne]
    report_ends = reporting_word_ends(sentence_text)
    dates = [d for d in find_dates(sentence_text, doc.published)
             if not any(e <= d[0] and len(sentence_text[e:d[0]].split()) <= 4 for e in report_ends)]
    if dates:
        time: TimeValue | None = dates[0][2]
    elif doc.published:
        time = TimeValue(doc.published, "approx", _PUBLICATION)
    elif last_time is not None and last_time.value is not None:
        time = TimeValue(last_time.value, "approx", "nearest date before")
    else:
        time = None
    reporters = _reporters(nrm.text, ns, ne, inside, nrm, [t[0] for t in triggers])
    reported_by = tuple(dict.fromkeys(
        m.entity_id for m in reporters
        if gaz[m.entity_id].kind == "person" or gaz[m.entity_id].kind == "actor"))
    actors = [m for m in inside if gaz[m.entity_id].kind == "actor"
              and gaz[m.entity_id].type not in _NON_COMBATANT and m.span not in supporters]
    named_place = any(gaz[m.entity_id].kind == "place" for m in inside)
    out: list[tuple[int, int, Event]] = []
    for s, e, t_start, _, trig in triggers:
        mood = modality(sentence_text, s - ns)
        by = reported_by if mood != "asserted" else ()
        if mood == "reported" and not by:
            by = tuple(dict.fromkeys(m.entity_id for m in inside if gaz[m.entity_id].type in _NON_COMBATANT))
        here = [m for m in actors if m not in reporters or _speaks_of_itself(nrm.text, m, s, nrm)]
        before = [m for m in here if m.span.end <= t_start]
        agents, targets = roles(nrm.text, ns, s, e, [
            (bisect.bisect_left(nrm.to_original, m.span.start),
             bisect.bisect_left(nrm.to_original, m.span.end), m.entity_id) for m in here], last_agent,
            object_after=trig.territorial and (trig.pos == "noun" or _after_preposition(nrm.text, ns, s)))
        rule = trig.rule
        if not agents and not before and trig.pos == "verb" and last_agent is not None and (
                _starts_clause(nrm.text, ns, s)):
            agents, rule = (last_agent,), trig.rule + "+dropped-subject"
        targets = tuple(t for t in targets if t not in agents)
        if not (agents or targets or (named_place and not trig.needs_actor)):
            continue
        if other_domain(nrm.text, s, e, ns, ne) or _habitual(sentence_text, s - ns):
            continue
        if trig.territorial and _held(nrm.text, e, ne):
            continue
        armed = any(gaz[a].type in _ARMED for a in (*agents, *targets))
        if not armed and (trig.pos == "noun" or agents or targets) and not eventive_context(
                nrm.text, s, e, ns, ne):
            continue
        where = _place_for(t_start, t_end, places, gaz, known) or place
        if not (agents or targets) and (where is None or gaz[where].type == "Country"):
            continue
        sub = trig.sub_event_type
        if trig.territorial and agents:
            sub = ("Government regains territory" if gaz[agents[0]].type in _GOVERNMENT_SIDE
                   else "Non-state actor overtakes territory")
        if trig.event_type in _NEEDS_AGENT and not agents:
            continue  # a battle or a deal nobody is named in: a generic mention
        if mood == "planned" and trig.pos == "noun":
            continue  # an intention named by a noun (للهجوم على, إلى قتال) is no event
        out.append((s, trig.rank, Event(
            id="",
            event_type=trig.event_type,
            sub_event_type=sub,
            agents=agents,
            targets=targets,
            place=where,
            time=time,
            modality=mood,
            reported_by=by,
            evidence=sent.text,
            evidence_span=sent,
            confidence=round(0.3 + 0.1 * bool(agents) + 0.1 * named_place + 0.1 * (trig.pos == "verb"), 2),
            fatalities=fatalities(sentence_text),
            extra={"rule": rule},
        )))
    return out


def _speaks_of_itself(text: str, m: Mention, trigger: int, nrm: Normalized) -> bool:
    """Whether a reporter is also the agent: ``قال الجيش إنه استعاد``."""
    end = bisect.bisect_left(nrm.to_original, m.span.end)
    if end > trigger:
        return False
    return any(w in _SELF for w in text[end:trigger].split())


def _starts_clause(text: str, ns: int, trigger: int) -> bool:
    """Whether a verb trigger opens its clause (``ففجر``, ``ثم هاجم``): its subject is unsaid."""
    words = text[ns:trigger].split()
    return not words or words[-1].rstrip("،,") in {"ثم", "و", "ف"} or text[trigger - 1:trigger] in "،,"
