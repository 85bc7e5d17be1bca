"""Affiliations: time-bounded roles between gazetteer entities (PETRARCH-style).

``kg/data/gazetteer/affiliations.jsonl`` holds one record per role:
``{"source": id, "type": SUPPORTED_BY|PART_OF|MEMBER_OF|ALLIED_WITH|LEADS|OPPOSES,
"target": id, "from": "YYYY[-MM[-DD]]"|null, "to": …|null, "note": …}``
(schema in ``kg/data/README.md``). Both ends must be gazetteer ids.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, cast

from kg.extract.gazetteer import _opt_str, load_gazetteer
from kg.extract.resources import DataError, read_jsonl

__all__ = [
    "AFFILIATIONS_FILE",
    "AFFILIATION_TYPES",
    "Affiliation",
    "affiliations_from_rows",
    "load_affiliations",
]

#: Time-bounded roles between gazetteer entities, relative to ``kg/data``.
AFFILIATIONS_FILE: Final = "gazetteer/affiliations.jsonl"

#: The relation types an affiliation may have (a subset of :data:`kg.model.RELATION_TYPES`).
AFFILIATION_TYPES: Final[tuple[str, ...]] = (
    "SUPPORTED_BY", "PART_OF", "MEMBER_OF", "ALLIED_WITH", "LEADS", "OPPOSES",
)


_DATE: Final = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A time-bounded role of one gazetteer entity towards another (PETRARCH-style).

    ``valid_from`` and ``valid_to`` are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    (the precision the source gives), or None when open or unknown.
    """

    source: str
    type: str
    target: str
    valid_from: str | None = None
    valid_to: str | None = None
    note: str | None = None

    def holds_on(self, day: str) -> bool:
        """Whether the role holds on ``day`` (``YYYY-MM-DD``), comparing at each bound's precision.

        >>> a = Affiliation("ypg", "PART_OF", "sdf", "2015-10", None)
        >>> a.holds_on("2015-10-01"), a.holds_on("2015-09-30"), a.holds_on("2018-04-29")
        (True, False, True)
        """
        lo = self.valid_from is None or day[:len(self.valid_from)] >= self.valid_from
        hi = self.valid_to is None or day[:len(self.valid_to)] <= self.valid_to
        return lo and hi


def _date(row: Mapping[str, Any], key: str, where: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    m = _DATE.match(value) if isinstance(value, str) else None
    if m is None or not (m[2] is None or 1 <= int(m[2]) <= 12) or not (m[3] is None or 1 <= int(m[3]) <= 31):
        raise DataError(f"{where}: {key!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    return cast(str, value)


def affiliations_from_rows(
    rows: Iterable[Mapping[str, Any]],
    known_ids: Iterable[str],
    source: str,
) -> list[Affiliation]:
    """Validate affiliation records against the gazetteer's ids.

    Raises
    ------
    DataError
        When a field is missing or unknown, the type is not one of
        :data:`AFFILIATION_TYPES`, an end is not a known id (or both ends
        are the same), a date is malformed, or ``from`` comes after ``to``.

    Examples
    --------
    >>> row = {"source": "ypg", "type": "PART_OF", "target": "sdf", "from": "2015-10", "to": None}
    >>> affiliations_from_rows([row], {"ypg", "sdf"}, "x")[0].valid_from
    '2015-10'
    >>> affiliations_from_rows([{**row, "type": "CONTROLS"}], {"ypg", "sdf"}, "x")
    Traceback (most recent call last):
    ...
    kg.extract.resources.DataError: x:?: type 'CONTROLS' is not an affiliation type
    """
    ids = frozenset(known_ids)
    out: list[Affiliation] = []
    for row in rows:
        where = f"{source}:{row.get('_line', '?')}"
        missing = [k for k in ("source", "type", "target", "from", "to") if k not in row]
        if missing:
            raise DataError(f"{where}: missing {', '.join(missing)}")
        unknown = sorted(set(row) - {"source", "type", "target", "from", "to", "note", "_line"})
        if unknown:
            raise DataError(f"{where}: unknown field(s) {', '.join(unknown)}")
        if row["type"] not in AFFILIATION_TYPES:
            raise DataError(f"{where}: type {row['type']!r} is not an affiliation type")
        for key in ("source", "target"):
            if row[key] not in ids:
                raise DataError(f"{where}: {key} {row[key]!r} is not a gazetteer id")
        if row["source"] == row["target"]:
            raise DataError(f"{where}: source and target are the same")
        lo, hi = _date(row, "from", where), _date(row, "to", where)
        if lo is not None and hi is not None and lo[:len(hi)] > hi[:len(lo)]:
            raise DataError(f"{where}: 'from' {lo} comes after 'to' {hi}")
        note = _opt_str(row, "note", where)
        out.append(Affiliation(row["source"], row["type"], row["target"], lo, hi, note))
    return out


@functools.cache
def load_affiliations() -> tuple[Affiliation, ...]:
    """The packaged affiliations, read and checked against the gazetteer once per process.

    >>> [(a.type, a.target, a.valid_from) for a in load_affiliations() if a.source == "liwa-al-baqir"][0]
    ('SUPPORTED_BY', 'iran', '2012')
    """
    rows = read_jsonl(AFFILIATIONS_FILE)
    return tuple(affiliations_from_rows(rows, load_gazetteer().by_id, AFFILIATIONS_FILE))
