"""What the rule families share: candidates, the reading context and regex pieces.

A *family* is one compiled pattern over normalized text and a handler that
turns a match into a :class:`Candidate` (or nothing, when the match is a
false alarm). Every pattern marks the expression itself as group ``m``:
words before it that only cue it (``في 2015``) and proclitics (``وأمس``) stay
outside the span.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from kg.model import TimeValue
from kg.time.lexicon import Lexicon, alternation, load_lexicon

__all__ = [
    "CL",
    "END",
    "Candidate",
    "Context",
    "Family",
    "Fragments",
    "forms",
    "fragments",
    "unknown",
    "word_after",
    "word_before",
]

#: Proclitics before a word (و ف, then ب ل ك), kept out of the span.
CL: Final = r"(?<!\w)(?:[وف]?[بلك]?)"
#: End of a word.
END: Final = r"(?!\w)"

_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*?(\w+)")
_CLITICS = re.compile(r"^(?:[وف][بلك]?|[بلك])(?=\w{2})")


def word_before(text: str, start: int) -> str:
    """The word ending before ``start``, or ``''``.

    >>> word_before("وقال ولغايه اليوم", 12)
    'ولغايه'
    """
    m = _WORD_BEFORE.search(text[max(0, start - 40):start])
    return m.group(1) if m else ""


def forms(word: str) -> set[str]:
    """A word and the word without one or two proclitics (و ف, ب ل ك).

    >>> sorted(forms("ولغايه"))
    ['غايه', 'لغايه', 'ولغايه']
    """
    out = {word}
    m = _CLITICS.match(word)
    if m:
        out.update(word[n:] for n in range(1, m.end() + 1))
    return out


def word_after(text: str, end: int) -> str:
    """The word starting after ``end``, or ``''``.

    >>> word_after("اليوم التالي", 5)
    'التالي'
    """
    m = _WORD_AFTER.search(text[end:end + 40])
    return m.group(1) if m else ""


@dataclass(frozen=True)
class Context:
    """What a handler may read: the normalized text and the publication date."""

    text: str
    pub: dt.date | None
    lex: Lexicon


@dataclass(frozen=True)
class Candidate:
    """A time expression found in normalized text, before overlaps are settled.

    ``month``/``year_inferred`` let a bare month borrow the year written after
    it (``مايو ويونيو 2017``); ``explicit_year`` marks a year written out;
    ``same_year`` marks "of the same year" (``بالعام ذاته``), which takes the year
    of the latest date written out before it.
    """

    start: int
    end: int
    value: TimeValue
    kind: str
    rank: int = 0
    end_value: TimeValue | None = None
    month: int | None = None
    year_inferred: bool = False
    explicit_year: int | None = None
    same_year: bool = False
    day: int | None = None


Handler = Callable[[re.Match[str], Context], Candidate | None]


@dataclass(frozen=True)
class Family:
    """One kind of expression: a pattern, its handler and its rank (lower wins ties)."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    rank: int


def unknown(note: str) -> TimeValue:
    """The value of a relative expression when there is no publication date.

    >>> unknown("yesterday")
    TimeValue(value=None, precision='unknown', note='no publication date: yesterday')
    """
    return TimeValue(None, "unknown", f"no publication date: {note}")


@dataclass(frozen=True)
class Fragments:
    """Regex alternations built from the lexicon (normalized words)."""

    month: str
    hijri_month: str
    weekday: str
    ordinal: str
    cardinal: str
    unit: str
    tod: str
    part: str
    direction: str
    direction_after: str
    recent: str
    about: str
    several: str
    deictic: str
    vague: str
    month_cue: str
    year_noun: str
    year_cue: str
    hijri_mark: str
    gregorian_mark: str
    window: str


@functools.cache
def fragments() -> Fragments:
    """The alternations, built once.

    >>> re.fullmatch(fragments().month, "تشرين  الثاني") is not None
    True
    """
    lex = load_lexicon()
    r = lex.roles
    year_nouns = [*r["year_noun"], *(w[1:] for w in r["year_noun"] if w.startswith("ال"))]
    return Fragments(
        month=alternation(lex.months),
        hijri_month=alternation(lex.hijri_months),
        weekday=alternation(lex.weekdays),
        ordinal=alternation(lex.ordinals),
        cardinal=alternation(lex.cardinals),
        unit=alternation(lex.units),
        tod=alternation(r["part_of_day"]),
        part=alternation(r["part_of_period"]),
        direction=alternation(r["direction"]),
        direction_after=alternation(w for w in r["direction"] if w not in ("هذا", "هذه")),
        recent=alternation(r["recent"]),
        about=alternation(r["about"]),
        several=alternation(r["several"]),
        deictic=alternation(r["deictic"]),
        vague=alternation(lex.vague),
        month_cue=alternation(r["month_cue"]),
        year_noun=alternation(year_nouns),
        year_cue=alternation(r["year_cue"]),
        hijri_mark=alternation(r["hijri_mark"]),
        gregorian_mark=alternation(r["gregorian_mark"]),
        window=alternation(r["window"]),
    )
