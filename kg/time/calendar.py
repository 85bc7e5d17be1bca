"""Calendar arithmetic for time expressions: pure functions of dates, no clock.

Values follow :class:`kg.model.TimeValue`: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

Examples
--------
>>> import datetime as dt
>>> pub = dt.date(2018, 4, 29)                      # a Sunday
>>> weekday_before(pub, 6), weekday_before(pub, 6, strict=True)
(datetime.date(2018, 4, 29), datetime.date(2018, 4, 22))
>>> shift_month(pub, -6)
(2017, 10)
>>> span_value(dt.date(2018, 5, 16), dt.date(2018, 6, 14))   # Ramadan 1439
('2018-05', 'approx')
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from hijridate import Gregorian, Hijri

__all__ = [
    "HIJRI_YEARS",
    "YEARS",
    "day_value",
    "hijri_day",
    "hijri_month_of",
    "hijri_month_span",
    "hijri_year_of",
    "hijri_year_span",
    "infer_month_year",
    "infer_year",
    "month_value",
    "parse_published",
    "safe_date",
    "shift_month",
    "span_value",
    "weekday_after",
    "weekday_before",
    "weekday_nearest",
]

#: Gregorian years a date may name.
YEARS: Final = range(1000, 2101)
#: Hijri years hijridate can convert (Umm al-Qura tables).
HIJRI_YEARS: Final = range(1343, 1501)


def parse_published(published: str | None) -> dt.date | None:
    """The publication date as a date; ``None`` stays ``None``.

    Raises
    ------
    ValueError
        When ``published`` is not ``YYYY-MM-DD``.

    >>> parse_published("2018-04-29")
    datetime.date(2018, 4, 29)
    """
    if published is None:
        return None
    if len(published) != 10:
        raise ValueError(f"published must be YYYY-MM-DD, got {published!r}")
    return dt.date.fromisoformat(published)


def day_value(d: dt.date) -> str:
    """``YYYY-MM-DD``.

    >>> day_value(dt.date(2018, 3, 7))
    '2018-03-07'
    """
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    """``YYYY-MM``.

    >>> month_value(2018, 3)
    '2018-03'
    """
    return f"{year:04d}-{month:02d}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or ``None`` when it does not exist (31 February).

    >>> safe_date(2018, 2, 31) is None
    True
    """
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift_month(d: dt.date, months: int) -> tuple[int, int]:
    """``(year, month)`` of the month ``months`` after ``d``'s month (negative: before).

    >>> shift_month(dt.date(2018, 1, 31), -1), shift_month(dt.date(2018, 12, 1), 1)
    ((2017, 12), (2019, 1))
    """
    n = d.year * 12 + (d.month - 1) + months
    return n // 12, n % 12 + 1


def infer_year(month: int, day: int, pub: dt.date, forward: bool = False) -> int | None:
    """The year of the latest ``month``/``day`` on or before ``pub`` (``forward``: the first after it).

    >>> infer_year(6, 15, dt.date(2015, 7, 27)), infer_year(12, 25, dt.date(2015, 7, 27))
    (2015, 2014)
    >>> infer_year(6, 15, dt.date(2015, 7, 27), forward=True)
    2016
    """
    years = (pub.year, pub.year + 1) if forward else (pub.year, pub.year - 1)
    for year in years:
        d = safe_date(year, month, day)
        if d is not None and (d > pub if forward else d <= pub):
            return year
    return None


def infer_month_year(month: int, pub: dt.date, offset: int = 0) -> int:
    """The year of ``month``: the latest such month not after ``pub``'s (``offset`` -1: strictly
    before it; +1: the first strictly after it; ``offset`` 0 with no direction word).

    >>> pub = dt.date(2018, 4, 29)
    >>> infer_month_year(4, pub), infer_month_year(4, pub, -1), infer_month_year(4, pub, 1)
    (2018, 2017, 2019)
    >>> infer_month_year(3, pub), infer_month_year(5, pub)
    (2018, 2017)
    """
    if offset > 0:
        return pub.year if month > pub.month else pub.year + 1
    if offset < 0:
        return pub.year if month < pub.month else pub.year - 1
    return pub.year if month <= pub.month else pub.year - 1


def weekday_before(pub: dt.date, weekday: int, strict: bool = False) -> dt.date:
    """The latest date with ``weekday`` (0 = Monday) on or before ``pub`` (``strict``: before).

    >>> weekday_before(dt.date(2018, 5, 27), 2)   # Wednesday before Sunday 27 May
    datetime.date(2018, 5, 23)
    """
    back = (pub.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def weekday_after(pub: dt.date, weekday: int) -> dt.date:
    """The first date with ``weekday`` strictly after ``pub``.

    >>> weekday_after(dt.date(2018, 4, 29), 6)
    datetime.date(2018, 5, 6)
    """
    ahead = (weekday - pub.weekday()) % 7 or 7
    return pub + dt.timedelta(days=ahead)


def weekday_nearest(anchor: dt.date, weekday: int) -> dt.date:
    """The date with ``weekday`` nearest to ``anchor`` (three days either way; ties: the earlier).

    For "today (Monday)" written when the publication date says Tuesday.

    >>> weekday_nearest(dt.date(2015, 7, 28), 0), weekday_nearest(dt.date(2015, 7, 26), 0)
    (datetime.date(2015, 7, 27), datetime.date(2015, 7, 27))
    """
    back = (anchor.weekday() - weekday) % 7
    return anchor - dt.timedelta(days=back) if back <= 3 else anchor + dt.timedelta(days=7 - back)


def _gregorian(h: Hijri) -> dt.date:
    g: Gregorian = h.to_gregorian()
    return dt.date(g.year, g.month, g.day)


def hijri_day(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Hijri day, or ``None`` when it does not exist or is out of range.

    >>> hijri_day(1439, 9, 1), hijri_day(1439, 2, 30)
    (datetime.date(2018, 5, 16), None)
    """
    if year not in HIJRI_YEARS:
        return None
    try:
        return _gregorian(Hijri(year, month, day))
    except (ValueError, OverflowError):
        return None


def hijri_month_span(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a Hijri month.

    >>> hijri_month_span(1439, 9)
    (datetime.date(2018, 5, 16), datetime.date(2018, 6, 14))
    """
    first = hijri_day(year, month, 1)
    if first is None:
        return None
    return first, first + dt.timedelta(days=Hijri(year, month, 1).month_length() - 1)


def hijri_year_span(year: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a Hijri year.

    >>> hijri_year_span(1439)
    (datetime.date(2017, 9, 21), datetime.date(2018, 9, 10))
    """
    first, last = hijri_month_span(year, 1), hijri_month_span(year, 12)
    return (first[0], last[1]) if first and last else None


def hijri_year_of(pub: dt.date) -> int:
    """The Hijri year of a Gregorian date.

    >>> hijri_year_of(dt.date(2018, 4, 29))
    1439
    """
    return int(Gregorian(pub.year, pub.month, pub.day).to_hijri().year)


def hijri_month_of(pub: dt.date) -> int:
    """The Hijri month of a Gregorian date.

    >>> hijri_month_of(dt.date(2018, 5, 27))
    9
    """
    return int(Gregorian(pub.year, pub.month, pub.day).to_hijri().month)


def span_value(first: dt.date, last: dt.date) -> tuple[str, str]:
    """``(value, precision)`` for a stretch of days.

    Exact when it fits: one day → ``day``, within one month → ``month``, within
    one year (and longer than a month) → ``year``. Otherwise ``approx``, at
    the month of the midpoint when the stretch is a month long or less (a
    Hijri month astride two Gregorian months), else at the year of the
    midpoint.

    >>> span_value(dt.date(2018, 3, 1), dt.date(2018, 3, 31))
    ('2018-03', 'month')
    >>> span_value(dt.date(2017, 9, 21), dt.date(2018, 9, 10))
    ('2018', 'approx')
    """
    if first == last:
        return day_value(first), "day"
    if (first.year, first.month) == (last.year, last.month):
        return month_value(first.year, first.month), "month"
    mid = first + (last - first) / 2
    if (last - first).days <= 31:
        return month_value(mid.year, mid.month), "approx"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return f"{mid.year:04d}", "approx"
