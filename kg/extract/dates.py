"""Absolute dates in Arabic text, with their precision.

Recognised forms (on normalized text, see :mod:`kg.text.normalize`):

- ``2018-03-17`` and ``17/3/2018`` (day);
- a day and a month name, Gregorian or Levantine or both
  (``17 آذار/مارس 2018``, ``15 يونيو (حزيران)``, ``الـ20 من أكتوبر من العام
  2014``), with or without a year (day). Without a year, the year is taken
  from the publication date: the latest such day not after it;
- a month name and a year (``فبراير 2018``; month);
- ``عام 2015`` (year).

Month names are data: ``kg/data/months.jsonl``.

Examples
--------
>>> from kg.text.normalize import normalize_string as ns
>>> [(t.value, t.precision) for _, _, t in find_dates(ns("في 17 آذار/مارس 2018، وفي فبراير 2017"))]
[('2018-03-17', 'day'), ('2017-02', 'month')]
>>> [t.value for _, _, t in find_dates(ns("يوم 15 يونيو (حزيران)"), published="2015-07-27")]
['2015-06-15']
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

from kg.extract.resources import DataError, read_jsonl
from kg.model import ModelError, TimeValue
from kg.text.normalize import normalize_string

__all__ = ["find_dates", "month_names"]

_YEARS: Final = range(1900, 2101)


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


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = sorted(month_names(), key=len, reverse=True)
    m = "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")(?!\w)"
    alt = rf"(?:\s*[/(-]?\s*{m}\s*\)?)?"
    year = r"(?:\s*[,،]?\s*(?:من\s+)?(?:العام|عام|سنه)?\s*(?P<year>\d{4})(?!\d))"
    return (
        re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
        re.compile(r"(?<!\d)(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})(?!\d)"),
        re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<mname>{m}){alt}{year}?"),
        re.compile(rf"(?<!\w)(?:شهر\s+)?(?P<mname>{m}){alt}{year}"),
        re.compile(r"(?<!\w)(?:العام|عام|سنه)\s+(?P<year>\d{4})(?!\d)"),
    )


def _month_of(name: str) -> int:
    return month_names()[" ".join(name.split())]


def _infer_year(month: int, day: int, published: str) -> int | None:
    """The year of the latest ``month``/``day`` not after ``published``."""
    pub = dt.date.fromisoformat(published)
    for year in (pub.year, pub.year - 1):
        try:
            if dt.date(year, month, day) <= pub:
                return year
        except ValueError:
            continue
    return None


def find_dates(text: str, published: str | None = None) -> list[tuple[int, int, TimeValue]]:
    """Dates written in ``text``.

    Parameters
    ----------
    text : str
        Normalized text (:func:`kg.text.normalize.normalize`), usually a sentence.
    published : str, optional
        The document's ``YYYY-MM-DD`` publication date, to complete dates
        written without a year.

    Returns
    -------
    list of (int, int, TimeValue)
        ``(start, end, time)`` for each date, by start offset. More precise
        forms are tried first and later ones may not overlap them; a form
        that names an impossible day (31 February) yields nothing.

    Examples
    --------
    >>> find_dates("منذ عام 2015")[0][2]
    TimeValue(value='2015', precision='year', note=None)
    >>> find_dates("في 31 فبراير 2018")
    []
    """
    found: list[tuple[int, int, TimeValue]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _patterns():
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            groups = m.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            month = _month_of(groups["mname"]) if groups.get("mname") else (
                int(groups["month"]) if groups.get("month") else None)
            day = int(groups["day"]) if groups.get("day") else None
            note = None
            if year is None and day is not None and month is not None and published:
                year = _infer_year(month, day, published)
                note = "year from the publication date"
            if year is None or year not in _YEARS:
                continue
            if day is not None and month is not None:
                value, precision = f"{year:04d}-{month:02d}-{day:02d}", "day"
            elif month is not None:
                value, precision = f"{year:04d}-{month:02d}", "month"
            else:
                value, precision = f"{year:04d}", "year"
            try:
                tv = TimeValue(value, precision, note)  # type: ignore[arg-type]
            except ModelError:
                continue
            found.append((m.start(), m.end(), tv))
    return sorted(found, key=lambda f: f[0])
