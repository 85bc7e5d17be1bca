"""The time lexicon: month, weekday, number, unit and relative words from ``kg/data/time/``.

Every file is JSON Lines (see ``kg/data/time/README.md``), read once through
:mod:`importlib.resources` and checked as it is read: a malformed line raises
:class:`LexiconError` naming the file and line. Words are stored normalized
(:func:`kg.text.normalize.normalize_string`, spaces collapsed), the form the
matcher sees.

Examples
--------
>>> lex = load_lexicon()
>>> lex.months["اذار"], lex.months["تشرين الاول"], lex.hijri_months["رمضان"]
(3, 10, 9)
>>> lex.weekdays["الاحد"], lex.ordinals["الحادي والعشرين"], lex.cardinals["ثلاثه"]
(6, 21, 3)
>>> lex.units["اسابيع"], lex.roles["direction"]["الماضي"]
(('week', 'plural'), -1)
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from kg.text.normalize import normalize_string

__all__ = ["ROLES", "Lexicon", "LexiconError", "alternation", "load_lexicon", "norm", "read_rows"]

#: The roles a record of ``relative.jsonl`` may have.
ROLES: Final[frozenset[str]] = frozenset({
    "deictic", "direction", "recent", "part_of_day", "part_of_period", "about", "several", "ago",
    "window", "month_cue", "year_noun", "year_cue", "hijri_mark", "gregorian_mark",
    "not_today_before", "not_today_after", "not_weekday_before", "not_weekday_after", "not_date_before",
})

_UNIT_FORMS: Final = ("singular", "dual", "plural", "counted")
_UNITS: Final = ("hour", "day", "week", "month", "year")
_GRANULARITIES: Final = ("day", "month", "year")


class LexiconError(ValueError):
    """A file under ``kg/data/time/`` is malformed (the message names file and line)."""


def norm(word: str) -> str:
    """The matching form of a lexicon word: normalized, spaces collapsed.

    >>> norm("كانون  الأوّل")
    'كانون الاول'
    """
    return " ".join(normalize_string(word).split())


def read_rows(name: str) -> list[dict[str, Any]]:
    """The records of ``kg/data/time/<name>``, each with ``_line`` (1-based) added.

    Blank lines and lines starting with ``#`` are skipped.

    >>> read_rows("weekdays.jsonl")[0]["weekday"]
    0
    """
    text = resources.files("kg").joinpath("data", "time", name).read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"time/{name}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise LexiconError(f"time/{name}:{n}: expected a JSON object")
        obj["_line"] = n
        rows.append(obj)
    return rows


def _words(row: Mapping[str, Any], key: str, where: str, required: bool = True) -> list[str]:
    value = row.get(key, [] if not required else None)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise LexiconError(f"{where}: {key!r} must be a list of words")
    if required and not value:
        raise LexiconError(f"{where}: {key!r} is empty")
    return [norm(w) for w in value]


def _put(table: dict[str, Any], key: str, value: Any, where: str) -> None:
    if table.setdefault(key, value) != value:
        raise LexiconError(f"{where}: {key!r} has two meanings")


def _check_keys(row: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    unknown = sorted(set(row) - set(allowed) - {"_line"})
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(unknown)}")


@dataclass(frozen=True)
class Lexicon:
    """All time words, normalized.

    Attributes
    ----------
    months, hijri_months : dict
        Month name → month number (Gregorian, Hijri).
    ambiguous : frozenset of str
        Month names that are also common words or names: they need a day, a
        year or ``شهر`` next to them.
    weekdays : dict
        Weekday name → ``date.weekday()`` (0 = Monday).
    cardinals, ordinals : dict
        Number word → value (ordinals cover days 1-31).
    units : dict
        Unit word → ``(unit, form)``, unit ``hour|day|week|month|year``, form
        ``singular|dual|plural|counted``.
    roles : dict
        Role → {word: offset or 0} from ``relative.jsonl``.
    vague : dict
        Vague phrase → granularity ``day|month|year``.
    """

    months: Mapping[str, int]
    hijri_months: Mapping[str, int]
    ambiguous: frozenset[str]
    weekdays: Mapping[str, int]
    cardinals: Mapping[str, int]
    ordinals: Mapping[str, int]
    units: Mapping[str, tuple[str, str]]
    roles: Mapping[str, Mapping[str, int]]
    vague: Mapping[str, str]

    def words(self, role: str) -> list[str]:
        """The words of a role, longest first (the order a regex alternation needs)."""
        return sorted(self.roles[role], key=lambda w: (-len(w), w))


def _months() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    greg: dict[str, int] = {}
    hijri: dict[str, int] = {}
    ambiguous: set[str] = set()
    for row in read_rows("months.jsonl"):
        where = f"time/months.jsonl:{row['_line']}"
        _check_keys(row, ("calendar", "month", "names", "ambiguous"), where)
        month, calendar = row.get("month"), row.get("calendar")
        if not isinstance(month, int) or not 1 <= month <= 12 or calendar not in ("gregorian", "hijri"):
            raise LexiconError(f"{where}: needs calendar gregorian|hijri and month 1-12")
        names = _words(row, "names", where)
        amb = _words(row, "ambiguous", where, required=False)
        if not set(amb) <= set(names):
            raise LexiconError(f"{where}: an ambiguous name is not among the names")
        for name in names:
            _put(greg if calendar == "gregorian" else hijri, name, month, where)
        ambiguous.update(amb)
    if sorted(set(greg.values())) != list(range(1, 13)) or sorted(set(hijri.values())) != list(range(1, 13)):
        raise LexiconError("time/months.jsonl: every month of both calendars needs a name")
    if set(greg) & set(hijri):
        raise LexiconError("time/months.jsonl: a name belongs to both calendars")
    return greg, hijri, frozenset(ambiguous)


def _numbers() -> tuple[dict[str, int], dict[str, int]]:
    cardinals: dict[str, int] = {}
    ordinals: dict[str, int] = {}
    compound: dict[int, list[str]] = {}
    teens: list[str] = []
    tens: dict[int, list[str]] = {}
    for row in read_rows("numbers.jsonl"):
        where = f"time/numbers.jsonl:{row['_line']}"
        _check_keys(row, ("value", "cardinal", "ordinal", "compound", "teen"), where)
        value = row.get("value")
        if not isinstance(value, int) or value < 1:
            raise LexiconError(f"{where}: value must be a positive integer")
        for w in _words(row, "cardinal", where):
            _put(cardinals, w, value, where)
        for w in _words(row, "ordinal", where, required=False):
            if value < 10:
                _put(ordinals, w, value, where)
            elif value in (10, 20, 30):
                _put(ordinals, w, value, where)
                tens[value] = [*tens.get(value, []), w]
        compound[value] = _words(row, "compound", where, required=False)
        teens += _words(row, "teen", where, required=False)
    for unit in range(1, 10):  # 11-19, 21-29 and 31
        for c in compound.get(unit, []):
            for t in teens:
                ordinals.setdefault(f"{c} {t}", 10 + unit)
            for ten in (20, 30):
                if ten + unit <= 31:
                    for t in tens.get(ten, []):
                        ordinals.setdefault(f"{c} و{t}", ten + unit)
    return cardinals, ordinals


def _units() -> dict[str, tuple[str, str]]:
    units: dict[str, tuple[str, str]] = {}
    for row in read_rows("units.jsonl"):
        where = f"time/units.jsonl:{row['_line']}"
        _check_keys(row, ("unit", *_UNIT_FORMS), where)
        unit = row.get("unit")
        if unit not in _UNITS:
            raise LexiconError(f"{where}: unknown unit {unit!r}")
        for form in _UNIT_FORMS:
            for w in _words(row, form, where):
                if form == "counted" and w in units:
                    continue  # يوم, سنة: singular and counted alike
                _put(units, w, (unit, form), where)
    return units


def _roles() -> dict[str, dict[str, int]]:
    roles: dict[str, dict[str, int]] = {r: {} for r in ROLES}
    for row in read_rows("relative.jsonl"):
        where = f"time/relative.jsonl:{row['_line']}"
        _check_keys(row, ("role", "pattern", "offset"), where)
        role, pattern, offset = row.get("role"), row.get("pattern"), row.get("offset", 0)
        if role not in ROLES or not isinstance(pattern, str) or not pattern.strip():
            raise LexiconError(f"{where}: needs a known role and a pattern")
        if not isinstance(offset, int) or (role in ("deictic", "direction")) != ("offset" in row):
            raise LexiconError(f"{where}: deictic and direction words (only) need an integer offset")
        _put(roles[role], norm(pattern), offset, where)
    return roles


def _vague() -> dict[str, str]:
    vague: dict[str, str] = {}
    for row in read_rows("vague.jsonl"):
        where = f"time/vague.jsonl:{row['_line']}"
        _check_keys(row, ("pattern", "granularity"), where)
        pattern, gran = row.get("pattern"), row.get("granularity")
        if not isinstance(pattern, str) or not pattern.strip() or gran not in _GRANULARITIES:
            raise LexiconError(f"{where}: needs a pattern and granularity day|month|year")
        _put(vague, norm(pattern), gran, where)
    return vague


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read and checked once.

    Raises
    ------
    LexiconError
        When a record is malformed or a word has two meanings within a file.

    Examples
    --------
    >>> load_lexicon() is load_lexicon()
    True
    >>> sorted(n for n, m in load_lexicon().months.items() if m == 6)
    ['جوان', 'حزيران', 'يونيه', 'يونيو']
    """
    weekdays: dict[str, int] = {}
    for row in read_rows("weekdays.jsonl"):
        where = f"time/weekdays.jsonl:{row['_line']}"
        _check_keys(row, ("weekday", "names"), where)
        day = row.get("weekday")
        if not isinstance(day, int) or not 0 <= day <= 6:
            raise LexiconError(f"{where}: weekday must be 0-6")
        for w in _words(row, "names", where):
            _put(weekdays, w, day, where)
    if sorted(set(weekdays.values())) != list(range(7)):
        raise LexiconError("time/weekdays.jsonl: every weekday needs a name")
    greg, hijri, ambiguous = _months()
    cardinals, ordinals = _numbers()
    return Lexicon(greg, hijri, ambiguous, weekdays, cardinals, ordinals, _units(), _roles(), _vague())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of normalized words, longest first; a space matches any run of spaces.

    >>> alternation(["تشرين الاول", "اب"])
    '(?:تشرين\\\\s+الاول|اب)'
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"
