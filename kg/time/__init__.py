"""Arabic time expressions → :class:`~kg.model.TimeValue`, with spans into the original text.

Stage ``time``: requires the original text and the publication date;
assigns :class:`TimeMention` records. Pure functions: the reference date is
always passed in, the clock is never read.

Matching runs on the normalized text (:mod:`kg.text.normalize`: no
diacritics or tatweel, one alef, Arabic-Indic digits as ASCII) and every
span is mapped back, so ``text[m.start:m.end] == m.text`` always holds; a
span never ends between a letter and its diacritics. Overlapping matches:
the longest wins, then the family listed first. Words are data
(``kg/data/time/``, see its README).

Rules
-----
Absolute (``kind="absolute"``, :mod:`kg.time.absolute`):

- numeric dates ``2018-03-17``, ``17/3/2018``, ``17-03-2018`` → day; a month
  name with a day, in Levantine, Egyptian or Maghrebi form, alone or paired
  (``17 آذار/مارس 2018``, ``17 آذار (مارس) 2018``), ordinal days (``الأول من
  أيار``) → day; a month with a year (``آذار 2018``) → month; a year with a
  cue (``عام 2017``, ``في 2015``, ``مطلع 2018``) → year. A bare 4-digit number
  is never a year (``2018 مقاتلاً``), nor is one before ``%``.
- Without a year, a day and month is the latest such day on or before the
  publication date, a month the latest such month not after the publication
  month (``المقبل``: the first after it; ``الماضي``: strictly before). A month
  without day or year needs a cue (``في``, ``شهر``, ``منتصف``, a paired name…);
  names that are also common words (``آب``, ``مارس``, ``رمضان``) need a strong one.
- ``مطلع``/``منتصف``/``أواخر`` in front of a month or year keep its precision:
  the value names the whole month (year), which certainly contains the time
  meant, so ``أواخر الشهر الماضي`` is the previous month at ``month`` precision.

Relative to the publication date (``kind="relative"`` or ``"weekday"``,
:mod:`kg.time.relative`):

- ``اليوم`` → the publication date, ``أمس`` → one day before, ``أول من أمس`` →
  two (``day``); not ``حتى اليوم``/``إلى اليوم`` ("until now"), ``اليوم التالي``
  ("the next day"), ``روسيا اليوم``, …;
- a weekday → the latest such weekday on or before the publication date
  (``day``); ``الماضي`` → strictly before; ``المقبل`` → strictly after;
  ``اليوم (الاثنين)``/``أمس الأحد`` → the date with that weekday nearest to the
  publication date (the day before for ``أمس``), so a weekday a day off the
  publication date is trusted over it;
- ``الشهر الماضي``/``الجاري`` → ``month``; ``العام الماضي``/``الجاري`` → ``year``;
  ``الأسبوع الماضي`` → ``approx``, seven days before;
- ``قبل ثلاثة أيام``/``منذ يومين`` → ``day``; weeks, months, years, hours or
  ``نحو`` → ``approx`` at the unit's grain (``قبل نحو 6 أشهر`` → that month);
  "some units" (``قبل أيام``, ``قبل عدة أشهر``; بضع is 3-9, we take 6) →
  ``approx`` one grain coarser (``قبل عدة أشهر`` in April 2018 → ``2017``);
  ``قبل يومين من التنفيذ`` counts from another event and is skipped;
- windows ending at publication (``خلال اليومين الماضيين``, ``في الأيام
  الأخيرة``) and vague words (``مؤخراً``, ``حالياً``, ``kind="vague"``) →
  ``approx``: a counted window at its midpoint, an uncounted one at the
  publication date one grain coarser (``في الأيام الأخيرة`` → the month,
  ``في الأشهر الماضية`` → the year); vague words at their data granularity.

Without a publication date every expression that needs one is still found,
with ``TimeValue(None, "unknown", note)``.

Hijri dates (``kind="hijri"``): ``15 رمضان 1439 هـ`` → day (hijridate,
Umm al-Qura, years 1343-1500); a Hijri month or year → its Gregorian days,
at ``month``/``year`` when they fit in one, else ``approx`` at the midpoint.

Ranges (``kind="range"``, ``end_value`` set): ``بين 10 و15 آذار 2018``,
``بين عامي 2014 و2016``, and two dates joined by ``حتى``/``إلى``/``-`` or
``بين … و``; a month without a year borrows the year of the next one
(``في مايو ويونيو في 2017``, ``من كانون الأول إلى شباط 2018``), and the end
of a range the year of its start. ``بالعام ذاته``/``من العام نفسه`` ("of the
same year") takes the year of the latest date written out before it, and is
``unknown`` when there is none.

Examples
--------
>>> [(m.text, m.value.value, m.value.precision, m.kind)
...  for m in find_times("سيطر التنظيم في 17 آذار/مارس 2018 على المحطة", None)]
[('17 آذار/مارس 2018', '2018-03-17', 'day', 'absolute')]
>>> [(m.text, m.value.value) for m in find_times("هاجموا أمسِ الأحد، وحتى اليوم", "2018-04-30")]
[('أمسِ الأحد', '2018-04-29')]
>>> resolve_event_time(find_times("قبل أيام، في 15 يونيو (حزيران)", "2015-07-27"), "2015-07-27")
TimeValue(value='2015-06-15', precision='day', note='year from the publication date')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final

from kg.model import Precision, TimeValue
from kg.text.normalize import normalize
from kg.time import absolute, calendar, relative
from kg.time.base import Candidate, Context, Family, word_before
from kg.time.lexicon import load_lexicon

__all__ = ["KINDS", "TimeMention", "find_times", "resolve_event_time"]

#: The kinds of mention.
KINDS: Final[tuple[str, ...]] = ("absolute", "relative", "weekday", "hijri", "range", "vague")

_RANK: Final = {"day": 0, "month": 1, "year": 2, "approx": 3, "unknown": 4}
_RANGE_GAP: Final = re.compile(r"\s*[,،]?\s*(?:و?(?:حتي|الي|لغايه)|-|–)\s*")
_AND_GAP: Final = re.compile(r"\s*[,،]?\s*(?:و|او)\s*")


@dataclass(frozen=True)
class TimeMention:
    """A time expression: its span in the original text and what it denotes.

    Attributes
    ----------
    start, end : int
        Offsets into the original text; ``text == original[start:end]``.
    text : str
        The expression as written.
    value : TimeValue
        What it denotes (for a range, its start).
    kind : str
        One of :data:`KINDS`.
    end_value : TimeValue or None
        The end of a range; ``None`` otherwise.
    """

    start: int
    end: int
    text: str
    value: TimeValue
    kind: str
    end_value: TimeValue | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"bad time mention span {self.start}..{self.end} for {self.text!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown time mention kind {self.kind!r}")


def _families() -> tuple[Family, ...]:
    return absolute.families() + relative.families()


def _select(cands: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the lower rank, then the leftmost."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _with_year(c: Candidate, year: int, note: str = "year of the date after it") -> Candidate | None:
    """A candidate whose year was inferred (or unknown), given the year of another date."""
    if c.value.precision not in ("day", "month", "unknown") or c.month is None:
        return None
    rest = f"-{c.month:02d}" + (f"-{c.day:02d}" if c.day else "")
    precision: Precision = "day" if len(rest) == 6 else "month"
    try:
        value = TimeValue(f"{year:04d}{rest}", precision, note)
    except ValueError:
        return None
    return replace(c, value=value, year_inferred=False, explicit_year=year, same_year=False)


def _combine(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Borrow years across ``و``/``إلى`` and join ``من X إلى Y``/``بين X و Y`` into ranges."""
    out = list(cands)
    for i in range(len(out) - 1, 0, -1):  # right to left: a year travels leftwards through a list
        a, b = out[i - 1], out[i]
        gap = text[a.end:b.start]
        joined = _RANGE_GAP.fullmatch(gap) or _AND_GAP.fullmatch(gap)
        if joined and a.year_inferred and a.month and b.explicit_year and b.month:
            year = b.explicit_year - (1 if a.month > b.month else 0)
            out[i - 1] = _with_year(a, year) or a
    last_year: int | None = None
    for i, c in enumerate(out):  # left to right: "the same year" looks back
        if c.same_year and last_year is not None:
            out[i] = _with_year(c, last_year, "the year of the date before it") or c
        elif c.explicit_year is not None and not c.year_inferred:
            last_year = c.explicit_year
    merged: list[Candidate] = []
    i = 0
    while i < len(out):
        a = out[i]
        if i + 1 < len(out):
            b = out[i + 1]
            gap = text[a.end:b.start]
            between = word_before(text, a.start) == "بين" and _AND_GAP.fullmatch(gap)
            if (_RANGE_GAP.fullmatch(gap) or between) and b.year_inferred and a.explicit_year and a.month \
                    and b.month:
                b = _with_year(b, a.explicit_year + (1 if b.month < a.month else 0)) or b
            if ((_RANGE_GAP.fullmatch(gap) or between) and _rangeable(a) and _rangeable(b)
                    and _ordered(a.value, b.value)):
                merged.append(Candidate(a.start, b.end, a.value, "range", min(a.rank, b.rank),
                                        end_value=b.value))
                i += 2
                continue
        merged.append(a)
        i += 1
    return merged


def _rangeable(c: Candidate) -> bool:
    return c.kind in ("absolute", "hijri", "weekday", "relative") and c.value.value is not None \
        and c.value.precision != "approx"


def _ordered(a: TimeValue, b: TimeValue) -> bool:
    first, _ = a.bounds()
    _, last = b.bounds()
    return first is not None and last is not None and first < last


def _grapheme_end(text: str, end: int) -> int:
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def find_times(text: str, published: str | None) -> list[TimeMention]:
    """All time expressions in ``text``, resolved against the publication date.

    Parameters
    ----------
    text : str
        The original text (a sentence or a whole article); never modified.
    published : str or None
        The ``YYYY-MM-DD`` publication date: the reference of every relative
        expression. ``None``: those get ``TimeValue(None, "unknown")``.

    Returns
    -------
    list of TimeMention
        In text order, non-overlapping; ``text[m.start:m.end] == m.text``.

    Raises
    ------
    ValueError
        When ``published`` is not ``YYYY-MM-DD``.

    Examples
    --------
    >>> [(m.text, m.value.value, m.value.precision)
    ...  for m in find_times("جمال (45 عاماً) قال إن 95% من المقاتلين انسحبوا مؤخراً", "2018-03-20")]
    [('مؤخراً', '2018-03', 'approx')]
    >>> [(m.kind, m.value.value, m.end_value.value if m.end_value else None)
    ...  for m in find_times("بين عامي 2014 و2016، وفي 1 رمضان 1439 هـ", None)]
    [('range', '2014', '2016'), ('hijri', '2018-05-16', None)]
    >>> find_times("اليوم الأحد", None)[0].value
    TimeValue(value=None, precision='unknown', note='no publication date: weekday')
    """
    pub = calendar.parse_published(published)
    nrm = normalize(text)
    ctx = Context(nrm.text, pub, load_lexicon())
    cands: list[Candidate] = []
    for fam in _families():
        for m in fam.pattern.finditer(nrm.text):
            c = fam.handler(m, ctx)
            if c is not None and c.end > c.start:
                cands.append(replace(c, rank=fam.rank))
    out: list[TimeMention] = []
    for c in _combine(nrm.text, _select(cands)):
        start, end = nrm.to_original_span(c.start, c.end)
        end = _grapheme_end(text, end)
        out.append(TimeMention(start, end, text[start:end], c.value, c.kind, c.end_value))
    return out


def resolve_event_time(sentence_mentions: Sequence[TimeMention], published: str | None) -> TimeValue | None:
    """The time of an event told in one sentence: its most specific time expression.

    Mentions without a value are ignored; ``day`` beats ``month`` beats
    ``year`` beats ``approx``; among equals the first in the text wins, and a
    value that begins after the publication date (a plan, a deadline) comes
    after all others.

    Parameters
    ----------
    sentence_mentions : sequence of TimeMention
        The mentions of one sentence (from :func:`find_times`).
    published : str or None
        The publication date, ``YYYY-MM-DD``.

    Returns
    -------
    TimeValue or None
        ``None`` when no mention has a value.

    Examples
    --------
    >>> ms = find_times("قبل أيام، وفي 12 أيار المقبل، ثم في 3 أيار", "2018-05-05")
    >>> resolve_event_time(ms, "2018-05-05").value
    '2018-05-03'
    >>> resolve_event_time([], "2018-05-05") is None
    True
    """
    best: tuple[tuple[int, int, int], TimeValue] | None = None
    for i, m in enumerate(sentence_mentions):
        if m.value.value is None:
            continue
        first, _ = m.value.bounds()
        future = int(published is not None and first is not None and first > published)
        key = (future, _RANK[m.value.precision], i)
        if best is None or key < best[0]:
            best = (key, m.value)
    return best[1] if best else None
