"""Dates in Arabic text, with their precision: a thin wrapper over :mod:`kg.time`.

Kept so that existing callers (:mod:`kg.extract.events`) keep working;
new code should call :func:`kg.time.find_times` (spans into the original
text, kinds, ranges) and :func:`kg.time.resolve_event_time`.

:func:`find_dates` returns every time expression that resolves to a value:
absolute dates, and, given the publication date, weekdays and relative
expressions too (``أمس``, ``الأحد``, ``الشهر الماضي``), in text order, except
that the sentence's most specific one (:func:`kg.time.resolve_event_time`)
comes first, so that a caller taking the first date takes the best one.

:func:`month_names` still reads ``kg/data/months.jsonl`` (the Gregorian and
Levantine names the gazetteer tests check); :mod:`kg.time` reads the larger
``kg/data/time/months.jsonl``.

Examples
--------
>>> from kg.text.normalize import normalize_string as ns
>>> [(t.value, t.precision) for _, _, t in find_dates(ns("في 17 آذار/مارس 2018، وفي فبراير 2017"))]
[('2018-03-17', 'day'), ('2017-02', 'month')]
>>> [t.value for _, _, t in find_dates(ns("يوم 15 يونيو (حزيران)"), published="2015-07-27")]
['2015-06-15']
"""

from __future__ import annotations

import functools

from kg.extract.resources import DataError, read_jsonl
from kg.model import TimeValue
from kg.text.normalize import normalize_string
from kg.time import find_times, resolve_event_time

__all__ = ["find_dates", "month_names"]


@functools.cache
def month_names() -> dict[str, int]:
    """Normalized month name → month number, from ``kg/data/months.jsonl``.

    >>> month_names()["اذار"], month_names()["تشرين الاول"]
    (3, 10)
    """
    names: dict[str, int] = {}
    for row in read_jsonl("months.jsonl"):
        month = row.get("month")
        if not isinstance(month, int) or not 1 <= month <= 12:
            raise DataError(f"months.jsonl:{row['_line']}: bad month {month!r}")
        for name in row.get("names", []):
            key = " ".join(normalize_string(name).split())
            if names.setdefault(key, month) != month:
                raise DataError(f"months.jsonl:{row['_line']}: {name!r} names two months")
    return names


def find_dates(text: str, published: str | None = None) -> list[tuple[int, int, TimeValue]]:
    """Dates written in ``text``.

    Parameters
    ----------
    text : str
        Usually a normalized sentence (:func:`kg.text.normalize.normalize`);
        offsets point into ``text`` as given.
    published : str, optional
        The document's ``YYYY-MM-DD`` publication date, to complete dates
        written without a year and to resolve relative expressions.

    Returns
    -------
    list of (int, int, TimeValue)
        ``(start, end, time)`` for each expression with a value: the most
        specific first, the others after it by start offset. Expressions
        without a value (relative ones with no publication date) and
        impossible days (31 February) yield nothing.

    Examples
    --------
    >>> find_dates("منذ عام 2015")[0][2]
    TimeValue(value='2015', precision='year', note=None)
    >>> find_dates("في 31 فبراير 2018")
    []
    >>> [t.value for _, _, t in find_dates("قتل الشهر الماضي، وفي 3 ايار", "2018-05-05")]
    ['2018-05-03', '2018-04']
    """
    mentions = [m for m in find_times(text, published) if m.value.value is not None]
    best = resolve_event_time(mentions, published)
    found = [(m.start, m.end, m.value) for m in mentions]
    first = [f for f in found if f[2] is best][:1]
    return first + [f for f in found if f not in first]
