"""Dates written out: numbers, month names (Gregorian and Hijri), years, and ranges of them.

Families (patterns over normalized text; see :mod:`kg.time` for the rules):

- ``numeric``: ``2018-03-17``, ``2018/3/17``, ``17/3/2018``, ``17-03-2018``, ``17.3.2018``;
- ``day_month``: ``17 آذار/مارس 2018``, ``الـ20 من أكتوبر من العام 2014``,
  ``الأول من أيار``, ``الأحد 29 نيسان``; without a year, the latest such day
  on or before the publication date (``المقبل``/``القادم``: the first after it);
- ``month``: ``فبراير 2018``, ``شهر آب من العام الماضي``, ``في يوليو (تموز)``,
  ``مطلع آذار الماضي``; a month without a year is the latest such month not
  after the publication month, and needs a cue (``في``, ``شهر``, ``منتصف``…);
- ``day_of_month``: ``العاشر من الشهر الجاري`` (relative);
- ``year``: ``عام 2017``, ``في 2015``, ``مطلع 2018``, ``1439 هـ``; a bare number is
  never a year;
- ``hijri``: ``15 رمضان 1439 هـ``, ``شهر رمضان``, ``11 / 5 / 1439هـ``;
- ``day_range``, ``year_range``: ``بين 10 و15 آذار 2018``, ``بين عامي 2014 و2016``.

>>> import datetime as dt
>>> from kg.time.base import Context
>>> from kg.time.lexicon import load_lexicon
>>> ctx = Context("في 17 اذار/مارس 2018", dt.date(2018, 4, 1), load_lexicon())
>>> [(c.value.value, c.kind) for f in families() for m in f.pattern.finditer(ctx.text)
...  if (c := f.handler(m, ctx))]
[('2018-03-17', 'absolute')]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

from kg.model import TimeValue
from kg.time import calendar as cal
from kg.time.base import CL, END, Candidate, Context, Family, forms, fragments, unknown, word_before

__all__ = ["families"]

_INFERRED: Final = "year from the publication date"
#: Cues too weak to make an ambiguous month name (آب, مارس, رمضان) a month.
_WEAK_CUES: Final = frozenset({"من", "الي", "مع", "بين", "قبل", "بعد"})
#: Cues that also introduce counts (من 2000, إلى 2000): a year after them must end a phrase
#: or start a range.
_WEAK_YEAR_CUES: Final = frozenset({"من", "الي", "بين", "حتي"})
_RANGE_NEXT: Final = re.compile(r"\s*(?:$|[.,،؛:)\]»\"]|[-–/]|و\s*\d|و?(?:حتي|الي|لغايه)(?!\w))")


def _day(m: re.Match[str], ctx: Context) -> int | None:
    if m.group("day"):
        return int(m.group("day"))
    if m.group("dayw"):
        return ctx.lex.ordinals[" ".join(m.group("dayw").split())]
    return None


def _month(name: str, ctx: Context, hijri: bool = False) -> int:
    key = " ".join(name.split())
    return (ctx.lex.hijri_months if hijri else ctx.lex.months)[key]


def _ambiguous(name: str, ctx: Context) -> bool:
    return " ".join(name.split()) in ctx.lex.ambiguous


def _cand(m: re.Match[str], value: TimeValue, kind: str, **kw: object) -> Candidate:
    return Candidate(m.start("m"), m.end("m"), value, kind, **kw)  # type: ignore[arg-type]


def _numeric(m: re.Match[str], ctx: Context) -> Candidate | None:
    year, month, day = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    d = cal.safe_date(year, month, day) if year in range(1900, 2101) else None
    return _cand(m, TimeValue(cal.day_value(d)), "absolute") if d else None


def _hijri_numeric(m: re.Match[str], ctx: Context) -> Candidate | None:
    year, month, day = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    d = cal.hijri_day(year, month, day) if 1 <= month <= 12 else None
    return _cand(m, TimeValue(cal.day_value(d), "day", f"Hijri {day}/{month}/{year}"), "hijri") if d else None


def _day_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    day, month = _day(m, ctx), _month(m.group("mon"), ctx)
    assert day is not None
    if m.group("year"):
        d = cal.safe_date(int(m.group("year")), month, day)
        return _cand(m, TimeValue(cal.day_value(d)), "absolute", explicit_year=d.year,
                     month=month, day=day) if d else None
    names = set(ctx.lex.roles["not_date_before"])
    if not 1 <= day <= 31 or forms(word_before(ctx.text, m.start("m"))) & names:
        return None  # مدينة السادس من أكتوبر, قوى 14 آذار: names, not dates
    if ctx.pub is None or m.group("same"):
        return _cand(m, unknown("day and month without a year"), "absolute", month=month, day=day,
                     year_inferred=True, same_year=bool(m.group("same")))
    if m.group("ydir"):
        d = cal.safe_date(ctx.pub.year + ctx.lex.roles["direction"][m.group("ydir")], month, day)
        return _cand(m, TimeValue(cal.day_value(d), "day", "year relative to the publication date"),
                     "relative", month=month, day=day) if d else None
    offset = ctx.lex.roles["direction"][m.group("dir")] if m.group("dir") else None
    if offset == 0:
        year: int | None = ctx.pub.year
    else:
        year = cal.infer_year(month, day, ctx.pub, forward=offset is not None and offset > 0)
    d = cal.safe_date(year, month, day) if year else None
    if d is None:
        return None
    return _cand(m, TimeValue(cal.day_value(d), "day", _INFERRED), "absolute",
                 month=month, day=day, year_inferred=True)


def _month_only(m: re.Match[str], ctx: Context) -> Candidate | None:
    month = _month(m.group("mon"), ctx)
    cue = m.group("cue") or ""
    prev = word_before(ctx.text, m.start())
    if (not cue or "من" in forms(cue)) and ((prev.isdigit() and len(prev) <= 2) or prev in ctx.lex.ordinals):
        return None  # the day of a date ruled out (31 فبراير, مدينة السادس من أكتوبر)
    if m.group("year"):
        year = int(m.group("year"))
        if year not in cal.YEARS:
            return None
        return _cand(m, TimeValue(cal.month_value(year, month), "month"), "absolute", explicit_year=year,
                     month=month)
    strong = bool(m.group("shahr") or m.group("mon2") or m.group("dir") or m.group("ydir"))
    weak = bool(forms(cue) & _WEAK_CUES) and _ambiguous(m.group("mon"), ctx)
    cued = bool(m.group("part")) or (bool(cue) and not weak)
    if not (strong or cued):
        return None
    if ctx.pub is None or m.group("same"):
        return _cand(m, unknown("month without a year"), "absolute", month=month, year_inferred=True,
                     same_year=bool(m.group("same")))
    if m.group("ydir"):
        year = ctx.pub.year + ctx.lex.roles["direction"][m.group("ydir")]
        value = TimeValue(cal.month_value(year, month), "month", "year relative to the publication date")
        return _cand(m, value, "relative", month=month)
    offset = ctx.lex.roles["direction"][m.group("dir")] if m.group("dir") else 0
    year = cal.infer_month_year(month, ctx.pub, offset)
    return _cand(m, TimeValue(cal.month_value(year, month), "month", _INFERRED), "absolute",
                 month=month, year_inferred=True)


def _day_of_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    day = _day(m, ctx)
    assert day is not None
    if ctx.pub is None:
        return _cand(m, unknown("day of a relative month"), "relative")
    offset = ctx.lex.roles["direction"][m.group("dir")] if m.group("dir") else 0
    year, month = cal.shift_month(ctx.pub, offset)
    d = cal.safe_date(year, month, day)
    return _cand(m, TimeValue(cal.day_value(d), "day", "month relative to the publication date"),
                 "relative") if d else None


def _followed_by_number(ctx: Context, end: int) -> bool:
    return re.match(r"\s*(?:%|٪|[.,/]\d)", ctx.text[end:end + 4]) is not None


def _year(m: re.Match[str], ctx: Context) -> Candidate | None:
    year = int(m.group("year"))
    if _followed_by_number(ctx, m.end("year")):
        return None
    if m.group("hm"):
        span = cal.hijri_year_span(year)
        if span is None:
            return None
        value, precision = cal.span_value(*span)
        return _cand(m, TimeValue(value, precision, f"Hijri year {year}"), "hijri")  # type: ignore[arg-type]
    if m.group("noun") or m.group("gm"):
        ok = year in cal.YEARS
    else:
        cue = m.group("cue") or ""
        if cue and forms(cue) & _WEAK_YEAR_CUES and not m.group("part") \
                and not _RANGE_NEXT.match(ctx.text, m.end("m")):
            return None  # أكثر من 2000 عنصر, إلى 2000 مقاتل: counts
        ok = bool(cue or m.group("part")) and 1900 <= year <= 2100
    return _cand(m, TimeValue(f"{year:04d}", "year"), "absolute", explicit_year=year) if ok else None


def _hijri(m: re.Match[str], ctx: Context) -> Candidate | None:
    month = _month(m.group("hmon"), ctx, hijri=True)
    day = _day(m, ctx)
    year = int(m.group("year")) if m.group("year") else None
    if year is None:
        cue = m.group("cue") or ""
        strong_cue = bool(cue) and not forms(cue) & _WEAK_CUES
        if day is None and not (m.group("shahr") or (strong_cue and not _ambiguous(m.group("hmon"), ctx))):
            return None
        if ctx.pub is None:
            return _cand(m, unknown("Hijri date without a year"), "hijri")
        year = _hijri_year(month, day or 1, ctx.pub)
        offset = ctx.lex.roles["direction"][m.group("dir")] if m.group("dir") else 0
        start = cal.hijri_day(year, month, day or 1)
        if offset > 0 and start is not None and start <= ctx.pub:
            year += 1
        elif offset < 0 and day is None and (year, month) == (cal.hijri_year_of(ctx.pub),
                                                              cal.hijri_month_of(ctx.pub)):
            year -= 1  # رمضان الماضي written during Ramadan: last year's
    note = f"Hijri {m.group('m')}"
    if day is not None:
        d = cal.hijri_day(year, month, day)
        return _cand(m, TimeValue(cal.day_value(d), "day", note), "hijri") if d else None
    span = cal.hijri_month_span(year, month)
    if span is None:
        return None
    value, precision = cal.span_value(*span)
    return _cand(m, TimeValue(value, precision, note), "hijri")  # type: ignore[arg-type]


def _hijri_year(month: int, day: int, pub: dt.date) -> int:
    """The Hijri year of the latest such Hijri day on or before ``pub``."""
    hy = cal.hijri_year_of(pub)
    d = cal.hijri_day(hy, month, day)
    return hy if d is not None and d <= pub else hy - 1


def _day_range(m: re.Match[str], ctx: Context) -> Candidate | None:
    d1, d2, month = int(m.group("d1")), int(m.group("d2")), _month(m.group("mon"), ctx)
    if not (1 <= d1 < d2 <= 31):
        return None
    if m.group("year"):
        year: int | None = int(m.group("year"))
        note = None
    elif ctx.pub is not None:
        year, note = cal.infer_year(month, d1, ctx.pub), _INFERRED
    else:
        return _cand(m, unknown("days without a year"), "range", end_value=unknown("days without a year"))
    first = cal.safe_date(year, month, d1) if year else None
    last = cal.safe_date(year, month, d2) if year else None
    if first is None or last is None:
        return None
    return _cand(m, TimeValue(cal.day_value(first), "day", note), "range",
                 end_value=TimeValue(cal.day_value(last), "day", note))


def _year_range(m: re.Match[str], ctx: Context) -> Candidate | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not (m.group("noun") or m.group("from")) or not (y1 < y2 <= y1 + 100) or y1 not in cal.YEARS:
        return None
    if not m.group("noun") and y1 < 1900:
        return None
    return _cand(m, TimeValue(f"{y1:04d}", "year"), "range", end_value=TimeValue(f"{y2:04d}", "year"))


@functools.cache
def families() -> tuple[Family, ...]:
    """The absolute families, compiled once (rank: position in this tuple)."""
    f = fragments()
    mon = rf"(?P<mon>{f.month}){END}"
    alt = rf"(?:\s*(?:/|\(|-|–)\s*(?P<mon2>{f.month}){END}(?:\s*\))?)?"
    year = (rf"(?:\s*[,،]?\s*(?:(?:من|في)\s+)?(?:(?:ال|ل)?(?:عام|سنه)\s+)?(?P<year>\d{{4}})(?!\d)"
            rf"(?:\s*{f.gregorian_mark}{END})?)")
    day = rf"(?:(?:ال)?(?P<day>\d{{1,2}})(?!\d)\s*(?:من\s+)?|(?P<dayw>{f.ordinal})\s+من\s+)"
    lead = rf"(?:{f.tod}\s+)?(?:{f.weekday}\s*[,،]?\s*(?:الموافق\s+)?)?"
    next_dir = rf"(?:\s+(?P<dir>{f.direction_after}){END})?"
    ydir = rf"\s+(?:من\s+)?(?:ال|بال|لل)?(?:عام|سنه)\s+(?P<ydir>{f.direction_after}){END}"
    same = rf"(?P<same>\s+(?:من\s+|في\s+)?(?:ال|بال|لل)?(?:عام|سنه)\s+(?:ذاته|نفسه|ذاتها|نفسها)){END}"
    specs = [
        ("hijri_numeric", rf"(?<![\d/.\-])(?P<m>(?P<day>\d{{1,2}})\s*/\s*(?P<month>\d{{1,2}})\s*/\s*"
                          rf"(?P<year>1[34]\d\d)(?!\d)(?:\s*{f.hijri_mark}{END})?)", _hijri_numeric),
        ("numeric", r"(?<![\d/.\-])(?P<m>(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
                    r"(?P<day>\d{1,2}))(?!\d|[/.\-]\d)", _numeric),
        ("numeric", r"(?<![\d/.\-])(?P<m>(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
                    r"(?P<year>\d{4}))(?!\d|[/.\-]\d)", _numeric),
        ("numeric", r"(?<![\d/.\-])(?P<m>(?P<day>\d{1,2})\s+/\s*(?P<month>\d{1,2})\s*/\s*"
                    r"(?P<year>\d{4}))(?!\d|\s*[/.\-]\d)", _numeric),
        ("day_range", rf"{CL}(?:(?P<from>من|بين|منذ)\s+)?(?P<m>(?:(?:يومي|ايام)\s+)?(?:ال)?(?P<d1>\d{{1,2}})"
                      rf"\s*(?:-|–|الي|حتي|و|ولغايه|لغايه|وحتي)\s*(?:ال)?(?P<d2>\d{{1,2}})\s+(?:من\s+)?"
                      rf"(?:شهر\s+)?{mon}{alt}{year}?)", _day_range),
        ("day_month", rf"{CL}(?P<m>{lead}{day}(?:شهر\s+)?{mon}{alt}(?:{year}|{ydir}|{same}|{next_dir}))",
         _day_month),
        ("day_of_month", rf"{CL}(?P<m>{lead}{day}(?:(?:ال)?شهر\s+(?P<dir>{f.direction_after})"
                         rf"|هذا\s+الشهر){END})", _day_of_month),
        ("hijri", rf"{CL}(?:(?P<cue>{f.month_cue})\s+)?(?P<m>{lead}{day}?(?P<shahr>شهر\s+)?"
                  rf"(?P<hmon>{f.hijri_month}){END}(?:\s*[,،]?\s*(?:من\s+)?(?:(?:ال|ل)?(?:عام|سنه)\s+)?"
                  rf"(?P<year>1[34]\d\d)(?!\d))?(?:\s*{f.hijri_mark}{END})?(?:\s+(?P<dir>{f.direction_after}){END})?)",
         _hijri),
        ("year_range", rf"{CL}(?:(?P<from>من|بين|منذ)\s+)?(?P<m>(?:(?P<noun>{f.year_noun})\s+)?"
                       rf"(?P<y1>\d{{4}})\s*(?:-|–|/|و|الي|حتي|ولغايه|لغايه|وحتي)\s*"
                       rf"(?:(?:ال|ل)?(?:عام|سنه)\s+)?(?P<y2>\d{{4}}))(?!\d)", _year_range),
        ("month", rf"{CL}(?:(?P<cue>{f.month_cue})\s+)?(?P<m>(?:(?P<part>{f.part})\s+)?(?P<shahr>شهر\s+)?"
                  rf"{mon}{alt}(?:{year}|{ydir}|{same}"
                  rf"|\s+(?P<dir>{f.direction_after}){END})?)", _month_only),
        ("year", rf"{CL}(?:(?P<cue>{f.year_cue})\s+)?(?P<m>(?:(?P<part>{f.part})\s+)?"
                 rf"(?:(?P<noun>{f.year_noun})\s+)?"
                 rf"(?P<year>\d{{4}})(?!\d)(?:\s*(?P<hm>{f.hijri_mark}){END}|\s*(?P<gm>{f.gregorian_mark}){END})?)",
         _year),
    ]
    return tuple(Family(name, re.compile(p), h, rank) for rank, (name, p, h) in enumerate(specs))
