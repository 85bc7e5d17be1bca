"""Expressions that need the publication date: weekdays, deictic days, "ago", windows, vague words.

Families (patterns over normalized text; see :mod:`kg.time` for the rules):

- ``weekday``: ``الخميس``, ``مساء الجمعة``, ``اليوم (الاثنين)``, ``يوم أمس الأحد``,
  ``الأحد الماضي``;
- ``deictic``: ``اليوم``, ``أمس``, ``أول من أمس``, ``صباح اليوم``, ``هذا الصباح``;
- ``period``: ``الشهر الماضي`` (month), ``العام الجاري`` (year), ``الأسبوع
  الماضي`` (approx), with ``مطلع``/``منتصف``/``أواخر`` in front;
- ``ago``: ``قبل ثلاثة أيام``, ``منذ يومين``, ``قبل نحو 6 أشهر``, ``قبل أيام``;
- ``window``: ``خلال اليومين الماضيين``, ``في الأيام الأخيرة``, ``في الأشهر الماضية``;
- ``vague``: ``مؤخراً``, ``حالياً``, ``في الآونة الأخيرة`` (``kg/data/time/vague.jsonl``).

>>> import datetime as dt
>>> from kg.time.base import Context
>>> from kg.time.lexicon import load_lexicon
>>> ctx = Context("هاجموا الاربعاء رتلا", dt.date(2018, 5, 27), load_lexicon())
>>> [(c.value.value, c.kind) for f in families() for m in f.pattern.finditer(ctx.text)
...  if (c := f.handler(m, ctx))]
[('2018-05-23', 'weekday')]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

from kg.model import Precision, TimeValue
from kg.time import calendar as cal
from kg.time.base import (
    CL,
    END,
    Candidate,
    Context,
    Family,
    forms,
    fragments,
    unknown,
    word_after,
    word_before,
)

__all__ = ["families"]

_PUB: Final = "relative to the publication date"
#: "Some units" (بضعة، عدة، plural alone): Arabic بضع is three to nine; we take six.
_SEVERAL: Final = 6
_COARSER: Final = {"hour": "day", "day": "month", "week": "month", "month": "year", "year": "year"}
_GRAIN_OF_UNIT: Final = {"hour": "day", "day": "day", "week": "day", "month": "month", "year": "year"}


def _cand(m: re.Match[str], value: TimeValue, kind: str) -> Candidate:
    return Candidate(m.start("m"), m.end("m"), value, kind)


def _blocked(ctx: Context, start: int, end: int, before: str, after: str, digits: bool = False) -> bool:
    """Whether the word before or after rules the expression out (``حتى اليوم``, ``الأحد عشر``)."""
    roles = ctx.lex.roles
    prev = word_before(ctx.text, start)
    nxt = word_after(ctx.text, end)
    return bool(forms(prev) & set(roles[before])) or nxt in roles[after] or (digits and nxt.isdigit())


def _grain(d: dt.date, grain: str) -> str:
    if grain == "day":
        return cal.day_value(d)
    if grain == "month":
        return cal.month_value(d.year, d.month)
    return f"{d.year:04d}"


def _back(pub: dt.date, n: int, unit: str) -> dt.date:
    """``n`` units before ``pub`` (months and years keep the day where they can)."""
    if unit == "hour":
        return pub - dt.timedelta(hours=n) if n < 24 else pub - dt.timedelta(days=n // 24)
    if unit in ("day", "week"):
        return pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
    months = n * (12 if unit == "year" else 1)
    y, mo = cal.shift_month(pub, -months)
    return cal.safe_date(y, mo, min(pub.day, 28)) or pub


def _weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    if _blocked(ctx, m.start("m"), m.end("m"), "not_weekday_before", "not_weekday_after"):
        return None
    if ctx.pub is None:
        return _cand(m, unknown("weekday"), "weekday")
    wd = ctx.lex.weekdays[m.group("wd")]
    anchor, direction = m.group("anchor"), m.group("dir")
    if anchor:
        offset = ctx.lex.roles["deictic"][" ".join(anchor.split()).removeprefix("يوم ")]
        d = cal.weekday_nearest(ctx.pub + dt.timedelta(days=offset), wd)
        note = "weekday nearest to the publication date" + (f" {offset:+d} day(s)" if offset else "")
    elif direction and ctx.lex.roles["direction"][direction] > 0:
        d, note = cal.weekday_after(ctx.pub, wd), "first such weekday after the publication date"
    elif direction and ctx.lex.roles["direction"][direction] < 0:
        d, note = cal.weekday_before(ctx.pub, wd, strict=True), "such weekday before the publication date"
    else:
        d, note = cal.weekday_before(ctx.pub, wd), "latest such weekday on or before the publication date"
    return _cand(m, TimeValue(cal.day_value(d), "day", note), "weekday")


def _deictic(m: re.Match[str], ctx: Context) -> Candidate | None:
    word = " ".join(m.group("d").split())
    if word == "اليوم" and not m.group("tod") and _blocked(
            ctx, m.start("m"), m.end("m"), "not_today_before", "not_today_after", digits=True):
        return None
    if ctx.pub is None:
        return _cand(m, unknown(word), "relative")
    d = ctx.pub + dt.timedelta(days=ctx.lex.roles["deictic"][word])
    return _cand(m, TimeValue(cal.day_value(d), "day", _PUB), "relative")


def _period(m: re.Match[str], ctx: Context) -> Candidate | None:
    unit = m.group("unit") or m.group("unit2")
    if ctx.pub is None:
        return _cand(m, unknown(unit), "relative")
    offset = ctx.lex.roles["direction"][m.group("dir")] if m.group("dir") else 0
    if m.group("before"):
        offset = -2
    if unit == "الشهر":
        y, mo = cal.shift_month(ctx.pub, offset)
        return _cand(m, TimeValue(cal.month_value(y, mo), "month", _PUB), "relative")
    if unit == "الاسبوع":
        d = ctx.pub + dt.timedelta(days=7 * offset)
        return _cand(m, TimeValue(cal.day_value(d), "approx", _PUB), "relative")
    return _cand(m, TimeValue(f"{ctx.pub.year + offset:04d}", "year", _PUB), "relative")


def _count(m: re.Match[str], ctx: Context) -> tuple[int | None, str]:
    """``(n, unit)``; ``n`` is ``None`` for "some units"."""
    unit, form = ctx.lex.units[" ".join(m.group("u").split())]
    if m.group("num"):
        return int(m.group("num")), unit
    card = m.group("card") or (m.groupdict().get("card2") or "")
    if card:
        return ctx.lex.cardinals[card], unit
    if form in ("singular", "counted"):
        return 1, unit
    if form == "dual":
        return 2, unit
    return None, unit


def _ago(m: re.Match[str], ctx: Context) -> Candidate | None:
    if re.match(r"\s+من\s", ctx.text[m.end("m"):m.end("m") + 5]):
        return None  # قبل يومين من التنفيذ: before another event, not before the writing
    n, unit = _count(m, ctx)
    if ctx.pub is None:
        return _cand(m, unknown("ago"), "relative")
    if n is None:
        d = _back(ctx.pub, _SEVERAL, unit)
        return _cand(m, TimeValue(_grain(d, _COARSER[unit]), "approx", f"some {unit}s ago"), "relative")
    if n > 100 * (1 if unit == "year" else 10):
        return None
    d = _back(ctx.pub, n, unit)
    exact = unit == "day" and not m.group("about")
    precision: Precision = "day" if exact else "approx"
    return _cand(m, TimeValue(_grain(d, _GRAIN_OF_UNIT[unit]), precision, f"{n} {unit}(s) ago"), "relative")


def _window(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not (m.group("art") or m.group("num") or m.group("card")):
        return None  # سنة الماضية without a number or the article is a fragment
    n, unit = _count(m, ctx)
    if ctx.pub is None:
        return _cand(m, unknown("recent period"), "vague")
    if n is None:
        return _cand(m, TimeValue(_grain(ctx.pub, _COARSER[unit]), "approx", f"the last {unit}s"), "vague")
    d = _back(ctx.pub, n // 2, unit)
    value = TimeValue(_grain(d, _GRAIN_OF_UNIT[unit]), "approx", f"the last {n} {unit}(s)")
    return _cand(m, value, "relative")


def _vague(m: re.Match[str], ctx: Context) -> Candidate | None:
    if ctx.pub is None:
        return _cand(m, unknown("vague"), "vague")
    grain = ctx.lex.vague[" ".join(m.group("v").split())]
    return _cand(m, TimeValue(_grain(ctx.pub, grain), "approx", "around the publication date"), "vague")


@functools.cache
def families() -> tuple[Family, ...]:
    """The relative families, compiled once (ranks follow the absolute ones)."""
    f = fragments()
    wd = rf"(?P<wd>{f.weekday}){END}"
    anchor = rf"(?P<anchor>(?:يوم\s+)?{f.deictic})"
    plural_unit = rf"(?P<u>{f.unit})"
    specs = [
        ("weekday", rf"{CL}(?P<m>(?:{f.tod}\s+)?(?:يوم\s+)?(?:{anchor}\s*(?P<paren>\()?\s*)?{wd}"
                    rf"(?(paren)\s*\))(?:\s+(?P<dir>{f.direction_after}){END})?)"),
        ("deictic", rf"{CL}(?P<m>(?:(?P<tod>{f.tod})\s+(?:من\s+)?)?(?:يوم\s+)?(?P<d>{f.deictic}){END})"),
        ("period", rf"{CL}(?P<m>(?:{f.part}\s+)?(?:(?P<unit>الشهر|الاسبوع|العام|السنه)\s+(?P<before>قبل\s+)?"
                   rf"(?P<dir>{f.direction_after})|(?:هذا|هذه)\s+(?P<unit2>الشهر|الاسبوع|العام|السنه)){END})"),
        ("ago", rf"{CL}(?P<m>(?:قبل|منذ)\s+(?:(?P<about>{f.about})\s+)?(?:(?:ال)?(?P<num>\d{{1,3}})\s*|"
                rf"(?P<card>{f.cardinal})\s+|(?P<sev>{f.several})\s+)?{plural_unit}{END}"
                rf"(?:\s+(?:قليله|عديده|كثيره){END})?)"),
        ("window", rf"{CL}(?P<m>(?:{f.window}\s+)?(?P<art>ال)?"
                   rf"(?:(?P<num>\d{{1,3}})\s*|(?:ال)?(?P<card>{f.cardinal})\s+)?"
                   rf"{plural_unit}(?:\s+(?:ال)?(?P<card2>{f.cardinal}))?\s+(?P<rec>{f.recent}){END})"),
        ("vague", rf"{CL}(?P<m>(?P<v>{f.vague}){END})"),
    ]
    handlers = {"weekday": _weekday, "deictic": _deictic, "period": _period, "ago": _ago,
                "window": _window, "vague": _vague}
    return tuple(Family(name, re.compile(p), handlers[name], 100 + rank)
                 for rank, (name, p) in enumerate(specs))
