"""The trigger lexicon: words and phrases that signal an ACLED event type.

The lexicon is data (``kg/data/triggers.jsonl``, see ``kg/data/README.md``):
each record names a word or phrase, the ACLED type it signals and how strong
a signal it is. A pattern word matches a text word after its proclitics and
article are set aside (``هجوم`` matches ``والهجوم``); a word ending in ``*``
matches any word that begins with it (``اشتباك*`` matches ``اشتباكات``).
Overlapping matches: the longest wins.

``pos`` says what the pattern is: ``verb`` (a finite verb: ``قصفت``, ``هاجم``:
the sentence tells something that happened) or ``noun`` (a verbal noun:
``هجوم``, ``اغتيال``, which also names events in general, in the past, on
trial or in debate). A noun trigger states an event only in an *eventive
context* (:func:`eventive_context`): a casualty word (``مقتل``, ``جرحى``), a verb
of occurrence (``وقع``, ``شن``, ``استهدف``, ``تعرض``, ``أسفر``) or a deictic time
(``أمس``, ``اليوم``, a weekday), and never in a *generic context* (``ذكرى``,
``محاكمة``, ``مكافحة``, ``محاولة``…) — the sense filters.

:func:`detect_event_types` says which ACLED event types a sentence states,
with no gazetteer: the detector measured on the Arabic event gold standard
(``benchmarks/events.py``).

Examples
--------
>>> sorted(detect_event_types("قصفت الطائرات الحربية البلدة أمس"))
['Explosions/Remote violence']
>>> sorted(detect_event_types("صادف أمس الذكرى الثالثة لاغتيال الزعيم"))
[]
>>> sorted(detect_event_types("تجمع مئات المتظاهرين أمام مبنى المحافظة"))
['Protests']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from kg.extract.resources import DataError, read_jsonl
from kg.extract.tokens import article_stems, only_space_between, tokenize
from kg.model import EVENT_TYPES
from kg.text.normalize import normalize_string

__all__ = [
    "Trigger",
    "detect_event_types",
    "eventive_context",
    "find_triggers",
    "load_triggers",
    "other_domain",
    "triggers_from_rows",
]

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
    detect_only: bool = False  # signals violence for detection, but names no ACLED event by itself
    rank: int = 0  # position in the lexicon: earlier entries win ties
    pos: str = "noun"  # "verb": a finite verb; "noun": a verbal noun (needs an eventive context)

    @property
    def rule(self) -> str:
        """The rule id recorded on events this trigger starts: ``trigger:<pattern>``."""
        return f"trigger:{self.pattern}"

    def word_matches(self, i: int, candidates: Sequence[str]) -> bool:
        """Whether pattern word ``i`` matches one of a text word's readings."""
        w, prefix = self.words[i]
        return any(c.startswith(w) if prefix else c == w for c in candidates)


_TRIGGER_KEYS: Final = frozenset(
    {"pattern", "event_type", "sub_event_type", "territorial", "needs_actor", "pos", "detect_only",
     "_line"})


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
        for flag in ("territorial", "needs_actor", "detect_only"):
            if not isinstance(row.get(flag, False), bool):
                raise DataError(f"{where}: {flag!r} must be true or false")
        pos = row.get("pos", "noun")
        if pos not in ("verb", "noun"):
            raise DataError(f"{where}: pos must be 'verb' or 'noun', got {pos!r}")
        words = tuple((w.rstrip("*"), w.endswith("*")) for w in normalize_string(pattern).split())
        if not words or not all(w.isalnum() for w, _ in words) or len(words[0][0]) < _KEY_LEN:
            raise DataError(f"{where}: pattern {pattern!r} must be words, the first of 3 letters or more")
        out.append(Trigger(pattern, words, etype, sub, territorial=bool(row.get("territorial")),
                           needs_actor=bool(row.get("needs_actor")), rank=len(out), pos=pos,
                           detect_only=bool(row.get("detect_only"))))
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


@functools.lru_cache(maxsize=1 << 16)
def _word_stems(word: str) -> tuple[tuple[str, int], ...]:
    """:func:`kg.extract.tokens.article_stems`, cached: news repeats its words."""
    return tuple(article_stems(word))


@functools.cache
def _trigger_index() -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for t in load_triggers():
        index.setdefault(t.words[0][0][:_KEY_LEN], []).append(t)
    return {k: tuple(v) for k, v in index.items()}


@functools.lru_cache(maxsize=1 << 16)
def _first_word(word: str) -> tuple[tuple[int, Trigger], ...]:
    """Triggers whose first pattern word a text word matches, with the offset of the match.

    A verb pattern never matches a word with the article (``القتل`` is the noun).
    """
    index = _trigger_index()
    out: list[tuple[int, Trigger]] = []
    for stem, off in _word_stems(word):
        for trig in index.get(stem[:_KEY_LEN], ()):
            if not trig.word_matches(0, [stem]):
                continue
            if trig.pos == "verb" and len(word) - off > len(stem):
                continue
            out.append((off, trig))
    return tuple(out)


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
    found: list[tuple[int, int, Trigger]] = []
    for i, (ts, te) in enumerate(tokens):
        for off, trig in _first_word(text[ts:te]):
            k = len(trig.words)
            if i + k > len(tokens):
                continue
            if all(
                only_space_between(text, tokens[i + j - 1][1], tokens[i + j][0])
                and trig.word_matches(j, [s for s, _ in _word_stems(
                    text[tokens[i + j][0]:tokens[i + j][1]])])
                for j in range(1, k)
            ):
                found.append((ts + off, tokens[i + k - 1][1], trig))
    chosen: list[tuple[int, int, Trigger]] = []
    for m in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
        if all(m[1] <= s or m[0] >= e for s, e, _ in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m[0])




#: Words (normalized, proclitics and article aside) that make a verbal noun tell an event:
#: casualties, verbs of occurrence and deictic times.
EVENTIVE: Final[frozenset[str]] = frozenset({
    # casualties
    "مقتل", "قتل", "قتلت", "قتلوا", "قتيل", "قتيلا", "قتلي", "مصرع", "مصرعهم", "مصرعه", "جرحي",
    "جريح", "جرح", "اصابه", "اصابات", "اصيب", "اصيبوا", "اصابت", "ضحايا", "سقوط", "سقط",
    "خسائر", "دمار", "دمرت", "تدمير",
    # occurrence
    "وقع", "وقعت", "شن", "شنت", "شنوا", "شنه", "شنها", "يشن", "تشن", "نفذ", "نفذت", "استهدف",
    "استهدفت", "تعرض", "تعرضت", "تعرضوا", "اسفر", "اسفرت", "اندلع", "اندلعت", "تجدد", "تجددت",
    "دارت", "جرت", "شهدت", "ادي", "ادت", "خلف", "خلفت", "اوقع", "اوقعت", "تبني", "تبنت",
    "هز", "هزت", "استمرت", "تواصلت", "خرج", "خرجت", "تجمع", "تجمعوا", "احتشد", "احتشدوا",
    "نظم", "نظمت", "شارك", "شاركوا", "فرقت", "طالب", "طالبوا", "مطالبين", "رددوا", "هتافات",
    "لافتات", "رافعين", "مئات", "الاف", "عشرات", "امام",
    # deictic time
    "امس", "اليوم", "الليله", "صباح", "مساء", "فجر", "ظهر", "السبت", "الاحد", "الاثنين",
    "الثلاثاء", "الاربعاء", "الخميس", "الجمعه",
})

#: Words that make a verbal noun name events in general rather than tell one:
#: remembrance, justice, prevention, attempts, opinion.
GENERIC: Final[frozenset[str]] = frozenset({
    "ذكري", "الذكري", "محاكمه", "محكمه", "المحكمه", "حكم", "الحكم", "القاضي", "التحقيق", "تحقيق",
    "مكافحه", "لمكافحه", "محاربه", "مبرر", "مبررا", "ادان", "ادانت", "يدين", "تدين", "ادانه",
    "استنكر", "استنكرت", "شجب", "محاوله", "يخشي", "تخشي", "خشيه", "مخاوف", "تهديد", "تهديدات",
    "هدد", "يهدد", "تهدد", "خطر", "احتمال", "سيناريو", "استراتيجيه", "سياسه", "ثقافه", "فقه",
    "قانون", "منع", "لمنع", "تجنب", "تفادي", "يستبعد", "استبعاد", "الدعوه", "دعا", "دعت", "يدعو",
    "ضروره", "حق", "حريه", "يشرع", "المحكوم", "بالاعدام", "لاعدام", "امكانيه", "عزم", "اذا",
    "لو", "الادانات", "ادانات", "مسؤوليه", "قواعد", "عمليات", "موجه", "صناعه", "تجنيد",
    "قضيه", "ملف", "متهم", "المتهم", "المتهمه", "متهمين", "بتهمه", "تهمه", "منذ", "قائمه", "تنوي",
    "ينوي", "لشن", "صله", "وراء", "تعقيبا", "اتهامات", "الجرائم", "جرائم", "عقوبه",
})

#: Words of other domains (sport, arts, business) that make a trigger a metaphor:
#: ``هجوم`` of a football team, ``خطف`` the spotlight, ``معركة`` of a film.
OTHER_DOMAIN: Final[frozenset[str]] = frozenset({
    "مباراه", "مباريات", "منتخب", "ملعب", "هدف", "اهداف", "الشباك", "شباك", "مرمي", "حارس",
    "كره", "الكره", "لاعب", "لاعبين", "لاعبا", "مدرب", "المدرب", "نادي", "النادي", "فريق", "الفريق",
    "بطوله", "الدوري", "كاس", "مونديال", "المونديال", "لقب", "اللقب", "ركله", "الركله", "ضربه",
    "الدقيقه", "الشوط", "فوز", "الفوز", "تعادل", "هزيمه", "ميداليه", "سباق", "ماراثون", "بطل",
    "فيلم", "الفيلم", "افلام", "مسلسل", "المسلسل", "الدراما", "مسرحيه", "روايه", "الروايه", "مهرجان",
    "المهرجان", "الممثل", "الممثله", "ممثل", "ممثله", "المخرج", "الفنان", "الفنانه", "اغنيه", "الاغنيه",
    "الجمهور", "الانظار", "الاضواء", "سوق", "السوق", "اسهم", "الاسهم", "اسعار", "الاسعار", "شركه",
    "الشركه", "مبيعات", "الموسم", "جائزه", "الجائزه", "تغريدات", "تغريده", "فيسبوك", "انتقادات",
    "انتقاد", "مقابله", "برنامج", "البرنامج", "حلقه", "الحلقه", "كتاب", "الكتاب", "قصيده", "معرض",
    "مشهد", "مشاهد", "تصوير", "دور", "بدور", "شخصيه", "حفل", "الحفل", "عرض", "العرض",
    "لاعبي", "لاعبو", "مفاجاه", "فضيحه", "الصحف", "جدلا", "الجدل", "معلوماتيه", "الكترونيه",
    "سيبرانيه", "الانترنت", "قرصنه", "فنيه", "لوحه", "غاليري", "موسيقيه", "الشاعر",
})

_NOT_EVENTIVE: Final = GENERIC | OTHER_DOMAIN

_WINDOW: Final = 8  # words on each side of a noun trigger that count as its context


def _stems_of(text: str, tokens: Sequence[tuple[int, int]]) -> list[set[str]]:
    return [{s for s, _ in article_stems(text[a:b])} | {text[a:b]} for a, b in tokens]


def other_domain(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> bool:
    """Whether a word of :data:`OTHER_DOMAIN` stands within a few words of ``text[start:end]``.

    >>> from kg.text.normalize import normalize_string as ns
    >>> t = ns("شن المنتخب هجمات مرتدة في المباراة")
    >>> other_domain(t, 11, 16)
    True
    """
    return any(w & OTHER_DOMAIN for w in _context(text, start, end, lo, hi))


def _context(text: str, start: int, end: int, lo: int, hi: int | None) -> list[set[str]]:
    top = len(text) if hi is None else hi
    left = max(lo, start - 12 * _WINDOW)
    right = min(top, end + 12 * _WINDOW)
    tokens = [(a + left, b + left) for a, b in tokenize(text[left:right])]
    before = [t for t in tokens if t[1] <= start][-_WINDOW:]
    after = [t for t in tokens if t[0] >= end][:_WINDOW]
    return _stems_of(text, before + after)


def eventive_context(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> bool:
    """Whether a noun trigger at normalized ``text[start:end]`` tells an event.

    True when a word of :data:`EVENTIVE` (or a number) stands within a few words of it and
    no word of :data:`GENERIC` or :data:`OTHER_DOMAIN` does; ``lo`` and ``hi`` bound the context (the
    sentence).

    Examples
    --------
    >>> from kg.text.normalize import normalize_string as ns
    >>> t = ns("أسفر الهجوم عن مقتل ثلاثة")
    >>> eventive_context(t, 5, 11)
    True
    >>> t = ns("حكمت المحكمة في قضية الهجوم")
    >>> eventive_context(t, 21, 27)
    False
    """
    words = _context(text, start, end, lo, hi)
    if any(w & _NOT_EVENTIVE for w in words):
        return False
    return any(w & EVENTIVE or any(x.isdigit() and len(x) < 4 for x in w) for w in words)


def detect_event_types(sentence: str) -> frozenset[str]:
    """ACLED event types a sentence states, by triggers and their context alone.

    A verb trigger counts unless a generic word is near it; a noun trigger
    counts in an eventive context (:func:`eventive_context`). Detect-only
    triggers (``قتل``, ``تجمع``: violence or a gathering, but no ACLED type of
    their own) need an eventive context too and count only when no other
    trigger does. No gazetteer is
    used, so this works on any Arabic news sentence.

    Parameters
    ----------
    sentence : str
        Raw text; it is normalized here.

    Returns
    -------
    frozenset of str
        ACLED ``event_type`` values.

    Examples
    --------
    >>> sorted(detect_event_types("وقتل خمسة أشخاص في انفجار سيارة مفخخة صباح اليوم"))
    ['Explosions/Remote violence']
    >>> sorted(detect_event_types("تحدث الوزير عن خطر الهجمات الإرهابية"))
    []
    """
    text = normalize_string(sentence)
    found: set[str] = set()
    weak: set[str] = set()  # from detect-only triggers: used when nothing else is found
    for s, e, trig in find_triggers(text):
        into = weak if trig.detect_only else found
        if trig.event_type in into:
            continue
        if trig.pos == "verb" and not trig.detect_only:
            tokens = tokenize(text)
            near = [t for t in tokens if t[1] <= s][-3:] + [t for t in tokens if t[0] >= e][:3]
            if not any(w & _NOT_EVENTIVE for w in _stems_of(text, near)):
                into.add(trig.event_type)
        elif eventive_context(text, s, e):
            into.add(trig.event_type)
    return frozenset(found or weak)
