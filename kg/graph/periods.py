"""Time-scoped relations as periods, derived from dated claims (pure functions, no I/O).

A *claim* is one source's statement that ``source TYPE target`` holds (from a
date, when the text gives one). A *period* is what the graph concludes: the
relation holds over ``[valid_from, valid_to)``, ``None`` meaning open or
unknown. Claims are never changed or dropped; periods are recomputed from all
claims of a group whenever one of them changes, so the result is a function of
the set of claims, whatever order they arrived in.

- **Exclusive** types (:data:`EXCLUSIVE_TYPES`: one holder at a time per target —
  ``CONTROLS`` a place, ``LEADS`` a group): the claims of one target are ordered
  by their anchor (the claim's date, or else the publication date of its
  article: "at least by then"); a claim by another source closes the running
  period at its anchor and opens its own. "ISIS controls al-Kum from 17 March"
  then "the regime controls al-Kum from 2 May" give ISIS [03-17, 05-02) and the
  regime [05-02, open). Claims by different sources with the same anchor are a
  contradiction: each opens a period, all flagged ``contested`` with the rivals
  named — never silently overwritten.
- Other period types (:data:`PERIOD_TYPES`): one period per
  ``(source, type, target)``, from the earliest dated claim (open when none) to
  the latest end any claim gives (open when none).

Record time rides along: ``first_reported``/``last_reported`` (publication
dates of the supporting claims) and ``closed_reported`` (when the closing
claim was published), which lets an ``as_of`` query reopen a period whose end
was not yet known.

Examples
--------
>>> cs = [Claim("c1", "CONTROLS", "isis", "al-kum", "2018-03-17", None, "day", "2018-03-18", "a"),
...       Claim("c2", "CONTROLS", "regime", "al-kum", "2018-05-02", None, "day", "2018-05-03", "b")]
>>> [(p.source, p.valid_from, p.valid_to, p.closed_by) for p in derive_periods(cs)]
[('isis', '2018-03-17', '2018-05-02', 'regime'), ('regime', '2018-05-02', None, None)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

__all__ = ["EXCLUSIVE_TYPES", "PERIOD_TYPES", "Claim", "Period", "derive_periods", "group_key"]

#: Relation types that hold over periods.
PERIOD_TYPES: Final[frozenset[str]] = frozenset(
    {"CONTROLS", "SUPPORTED_BY", "ALLIED_WITH", "MEMBER_OF", "PART_OF", "LEADS"})
#: Period types with one holder at a time per target.
EXCLUSIVE_TYPES: Final[frozenset[str]] = frozenset({"CONTROLS", "LEADS"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's statement of a relation: what the period derivation reads.

    Dates are ISO strings (``valid_from`` the first day the claim's date can
    mean); ``origin`` is the article id (or ``gazetteer`` for background claims).
    """

    id: str
    type: str
    source: str
    target: str
    valid_from: str | None = None
    valid_to: str | None = None
    precision: str | None = None
    published: str | None = None
    origin: str | None = None
    outlet: str | None = None

    @property
    def anchor(self) -> str | None:
        """The date the claim says the relation held by: its own, else its publication date."""
        return self.valid_from or self.published


@dataclass(frozen=True)
class Period:
    """A relation holding over ``[valid_from, valid_to)`` (None: open or unknown)."""

    type: str
    source: str
    target: str
    valid_from: str | None
    valid_to: str | None
    precision: str | None
    closed_by: str | None = None
    closed_reported: str | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    claim_ids: tuple[str, ...] = ()
    source_count: int = 0
    contested: bool = False
    rivals: tuple[str, ...] = field(default=())

    def to_row(self) -> dict[str, object]:
        """The parameter row of ``replace_periods``."""
        return {
            "type": self.type, "source_id": self.source, "target_id": self.target,
            "valid_from": self.valid_from, "valid_to": self.valid_to, "precision": self.precision,
            "closed_by": self.closed_by, "closed_reported": self.closed_reported,
            "first_reported": self.first_reported, "last_reported": self.last_reported,
            "claim_ids": list(self.claim_ids), "claim_count": len(self.claim_ids),
            "source_count": self.source_count, "contested": self.contested,
            "rivals": list(self.rivals),
        }


def group_key(rel_type: str, source: str, target: str) -> tuple[str, str, str]:
    """The group whose periods are derived together: a target for exclusive types.

    >>> group_key("CONTROLS", "isis", "al-kum"), group_key("PART_OF", "ypg", "sdf")
    (('CONTROLS', '', 'al-kum'), ('PART_OF', 'ypg', 'sdf'))
    """
    return (rel_type, "" if rel_type in EXCLUSIVE_TYPES else source, target)


def _min(values: Iterable[str | None]) -> str | None:
    vs = [v for v in values if v is not None]
    return min(vs) if vs else None


def _max(values: Iterable[str | None]) -> str | None:
    vs = [v for v in values if v is not None]
    return max(vs) if vs else None


def _sources(claims: list[Claim]) -> int:
    return len({c.outlet or c.origin or c.id for c in claims})


def _period(claims: list[Claim], valid_from: str | None, valid_to: str | None,
            precision: str | None, **kw: object) -> Period:
    c0 = claims[0]
    return Period(
        type=c0.type, source=c0.source, target=c0.target, valid_from=valid_from, valid_to=valid_to,
        precision=precision, first_reported=_min(c.published for c in claims),
        last_reported=_max(c.published for c in claims),
        claim_ids=tuple(sorted(c.id for c in claims)), source_count=_sources(claims),
        **kw)  # type: ignore[arg-type]


def _exclusive(claims: list[Claim]) -> list[Period]:
    dated = sorted((c for c in claims if c.anchor), key=lambda c: (c.anchor or "", c.source, c.id))
    undated = [c for c in claims if not c.anchor]
    # runs: consecutive anchors with the same single holder extend one period
    steps: list[tuple[str, dict[str, list[Claim]]]] = []
    for c in dated:
        anchor = c.anchor or ""
        if steps and steps[-1][0] == anchor:
            steps[-1][1].setdefault(c.source, []).append(c)
        else:
            steps.append((anchor, {c.source: [c]}))
    runs: list[tuple[str, dict[str, list[Claim]]]] = []
    for anchor, holders in steps:
        if runs and len(holders) == 1 and set(holders) == set(runs[-1][1]) and len(runs[-1][1]) == 1:
            for src, cs in holders.items():
                runs[-1][1][src].extend(cs)
        else:
            runs.append((anchor, {k: list(v) for k, v in holders.items()}))
    out: list[Period] = []
    for i, (anchor, holders) in enumerate(runs):
        nxt = runs[i + 1] if i + 1 < len(runs) else None
        for src in sorted(holders):
            cs = holders[src]
            following: dict[str, list[Claim]] = nxt[1] if nxt else {}
            others = sorted(set(following) - {src})
            closer = others[0] if others else (src if following else None)
            closed_reported = _min(c.published for o in (others or list(following))
                                   for c in following[o])
            first = min(cs, key=lambda c: (c.anchor or "", c.id))
            precision = first.precision if first.valid_from else "reported"
            out.append(_period(cs, anchor, _min([nxt[0] if nxt else None,
                                                  _min(c.valid_to for c in cs)]), precision,
                               closed_by=closer, closed_reported=closed_reported,
                               contested=len(holders) > 1,
                               rivals=tuple(sorted(set(holders) - {src}))))
    by_source: dict[str, list[Claim]] = {}
    for c in undated:
        by_source.setdefault(c.source, []).append(c)
    for src in sorted(by_source):
        out.append(_period(by_source[src], None, None, None, contested=bool(dated),
                           rivals=tuple(sorted({c.source for c in dated} - {src}))))
    return out


def derive_periods(claims: Iterable[Claim]) -> list[Period]:
    """Periods of the relations the claims state, sorted by group, start and source.

    Parameters
    ----------
    claims
        Claims of period types (others are ignored); any mix of groups.

    Returns
    -------
    list of Period

    Examples
    --------
    Two outlets disagree on who took a place on the same day: both periods stay, flagged.

    >>> cs = [Claim("c1", "CONTROLS", "isis", "kum", "2018-03-17", published="2018-03-18"),
    ...       Claim("c2", "CONTROLS", "regime", "kum", "2018-03-17", published="2018-03-18")]
    >>> [(p.source, p.contested, p.rivals) for p in derive_periods(cs)]
    [('isis', True, ('regime',)), ('regime', True, ('isis',))]

    Non-exclusive relations: one period per pair, open when no claim gives a date.

    >>> p, = derive_periods([Claim("c", "SUPPORTED_BY", "liwa", "iran", None, published="2018-01-02")])
    >>> (p.valid_from, p.valid_to, p.first_reported)
    (None, None, '2018-01-02')
    """
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for c in claims:
        if c.type in PERIOD_TYPES:
            groups.setdefault(group_key(c.type, c.source, c.target), []).append(c)
    out: list[Period] = []
    for key in sorted(groups):
        cs = sorted(groups[key], key=lambda c: c.id)
        if key[0] in EXCLUSIVE_TYPES:
            out.extend(_exclusive(cs))
            continue
        dated = [c for c in cs if c.valid_from]
        first = min(dated, key=lambda c: (c.valid_from or "", c.id)) if dated else None
        out.append(_period(cs, first.valid_from if first else None, _max(c.valid_to for c in cs),
                           first.precision if first else None))
    return sorted(out, key=lambda p: (p.type, p.target, p.valid_from or "", p.source))
