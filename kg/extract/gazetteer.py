"""Gazetteer: canonical actors, persons and places, and where a text names them.

The data are JSON Lines files under ``kg/data/gazetteer/`` (schema in
``kg/data/README.md``), one record per entity in the shape of a spaCy
EntityRuler entry: an ``id`` with many surface ``patterns``. Matching runs on
the normalized text (:mod:`kg.text.normalize`) word by word:

- a pattern matches whole words only; in front of its first word the
  proclitics و ف ب ل ك (and their combinations) may be attached, and a
  pattern that starts with the article ال also matches after ل as لل
  (``وداعش``, ``بالبوكمال``, ``للتنظيم``);
- where matches overlap, the longest wins, then the earliest; no two mentions
  overlap;
- *weak patterns* (``التنظيم``, ``النظام``, ``المرصد``) refer back to an
  entity named before or after; they count only when the same document
  also names the entity by one of its ordinary patterns.

A mention's span covers the written form without its proclitics
(``بالبوكمال`` gives ``البوكمال``), except for لل, which is kept whole.

Examples
--------
>>> from kg.model import Document
>>> doc = Document(doc_id="d", text="هاجم تنظيمُ داعش بالبوكمال، وردّ النظام السوري.")
>>> [(m.entity_id, m.span.text) for m in find_mentions(doc)]
[('isis', 'تنظيمُ داعش'), ('al-bukamal', 'البوكمال'), ('syrian-regime-forces', 'النظام السوري')]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

from kg.extract.resources import DataError, read_jsonl
from kg.extract.tokens import only_space_between, stems, tokenize
from kg.model import ENTITY_KINDS, ENTITY_TYPES, Document, Entity, EntityKind, Span
from kg.text.normalize import Normalized, normalize, normalize_string

__all__ = [
    "GAZETTEER_FILES",
    "Gazetteer",
    "GazetteerEntry",
    "Mention",
    "build_entities",
    "entries_from_rows",
    "find_mentions",
    "load_gazetteer",
]

#: The gazetteer's files, relative to ``kg/data``.
GAZETTEER_FILES: Final[tuple[str, ...]] = (
    "gazetteer/actors.jsonl",
    "gazetteer/persons.jsonl",
    "gazetteer/places.jsonl",
)

_REQUIRED: Final = ("id", "kind", "type", "name", "patterns")
_KNOWN: Final = frozenset({*_REQUIRED, "wikidata", "in", "lat", "lon", "weak_patterns", "_line"})


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One canonical entity of the gazetteer.

    Attributes
    ----------
    id, kind, type, name : str
        As for :class:`kg.model.Entity`.
    patterns : tuple of str
        Surface forms that name the entity, as written (not normalized).
    weak_patterns : tuple of str
        Forms that refer to it only when it is named otherwise in the same text.
    wikidata : str or None
        Wikidata item id (``Q…``).
    parent : str or None
        For places: the id of the place it lies in (the record's ``in``).
    lat, lon : float or None
        For places: approximate WGS84 coordinates.
    """

    id: str
    kind: EntityKind
    type: str
    name: str
    patterns: tuple[str, ...]
    weak_patterns: tuple[str, ...] = ()
    wikidata: str | None = None
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document's text that names a gazetteer entity.

    ``weak`` marks a mention found by a weak (anaphoric) pattern.
    """

    span: Span
    entity_id: str
    weak: bool = False


# A compiled pattern: its normalized words, entry index, weak flag.
_Compiled = tuple[tuple[str, ...], int, bool]


class Gazetteer:
    """Entries and the index used to find them in text.

    Parameters
    ----------
    entries : iterable of GazetteerEntry
        Entries with unique ids; every ``parent`` must be one of them.

    Raises
    ------
    DataError
        When ids repeat, a parent is unknown or a pattern is not made of words.

    Examples
    --------
    >>> g = Gazetteer([GazetteerEntry("x", "place", "Town", "X", ("قرية س",))])
    >>> g["x"].name, len(g)
    ('X', 1)
    """

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self.by_id: dict[str, GazetteerEntry] = {}
        for e in self.entries:
            if e.id in self.by_id:
                raise DataError(f"gazetteer: duplicate id {e.id!r}")
            self.by_id[e.id] = e
        for e in self.entries:
            if e.parent is not None and e.parent not in self.by_id:
                raise DataError(f"gazetteer: {e.id!r} lies in unknown place {e.parent!r}")
        index: dict[str, list[_Compiled]] = {}
        for i, e in enumerate(self.entries):
            for weak, pats in ((False, e.patterns), (True, e.weak_patterns)):
                for p in pats:
                    words = tuple(normalize_string(p).split())
                    if not words or not all(w.isalnum() for w in words):
                        raise DataError(f"gazetteer: {e.id!r}: pattern {p!r} is not a sequence of words")
                    index.setdefault(words[0], []).append((words, i, weak))
        for lst in index.values():
            lst.sort(key=lambda c: (-len(c[0]), -sum(map(len, c[0]))))
        self._index: Mapping[str, Sequence[_Compiled]] = index

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entity_id: str) -> GazetteerEntry:
        return self.by_id[entity_id]

    def ancestors(self, place_id: str) -> list[str]:
        """Ids of the places that contain ``place_id``, nearest first.

        >>> g = load_gazetteer()
        >>> g.ancestors("al-kum-station")
        ['al-bukamal', 'deir-ez-zor', 'syria']
        """
        out: list[str] = []
        cur = self.by_id[place_id].parent
        while cur is not None and cur not in out:
            out.append(cur)
            cur = self.by_id[cur].parent
        return out

    def candidates(self, stem: str) -> Sequence[_Compiled]:
        """Compiled patterns whose first normalized word is ``stem``, longest first."""
        return self._index.get(stem, ())


def _opt_str(row: Mapping[str, Any], key: str, where: str) -> str | None:
    value = row.get(key)
    if value is not None and not (isinstance(value, str) and value):
        raise DataError(f"{where}: {key!r} must be a non-empty string")
    return value


def _str_list(row: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def _coord(row: Mapping[str, Any], key: str, where: str, limit: float) -> float | None:
    value = row.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not -limit <= value <= limit:
        raise DataError(f"{where}: {key!r} must be a number within ±{limit}")
    return float(value)


def entries_from_rows(rows: Iterable[Mapping[str, Any]], source: str) -> list[GazetteerEntry]:
    """Validate gazetteer records and turn them into entries.

    Parameters
    ----------
    rows : iterable of mapping
        Parsed JSON records (as from :func:`kg.extract.resources.parse_jsonl`).
    source : str
        File name for messages.

    Returns
    -------
    list of GazetteerEntry

    Raises
    ------
    DataError
        When a field is missing or unknown, the kind or type is not one of
        :data:`kg.model.ENTITY_TYPES`, a Wikidata id is malformed, a non-place
        has ``in``/``lat``/``lon``, or an entry has no patterns.

    Examples
    --------
    >>> rows = [{"id": "iran", "kind": "actor", "type": "State", "name": "Iran",
    ...          "wikidata": "Q794", "patterns": ["إيران"]}]
    >>> entries_from_rows(rows, "x.jsonl")[0].wikidata
    'Q794'
    >>> entries_from_rows([{**rows[0], "type": "City"}], "x.jsonl")
    Traceback (most recent call last):
    ...
    kg.extract.resources.DataError: x.jsonl:?: type 'City' is not one of the actor types
    """
    out: list[GazetteerEntry] = []
    for row in rows:
        where = f"{source}:{row.get('_line', '?')}"
        missing = [k for k in _REQUIRED if k not in row]
        if missing:
            raise DataError(f"{where}: missing {', '.join(missing)}")
        unknown = sorted(set(row) - _KNOWN)
        if unknown:
            raise DataError(f"{where}: unknown field(s) {', '.join(unknown)}")
        for key in ("id", "kind", "type", "name"):
            if not isinstance(row[key], str) or not row[key]:
                raise DataError(f"{where}: {key!r} must be a non-empty string")
        kind, typ = row["kind"], row["type"]
        if kind not in ENTITY_KINDS:
            raise DataError(f"{where}: unknown kind {kind!r}")
        if typ not in ENTITY_TYPES[kind]:
            raise DataError(f"{where}: type {typ!r} is not one of the {kind} types")
        wikidata = _opt_str(row, "wikidata", where)
        if wikidata is not None and not (wikidata[0] == "Q" and wikidata[1:].isdigit()):
            raise DataError(f"{where}: bad wikidata id {wikidata!r}")
        if kind != "place" and any(k in row for k in ("in", "lat", "lon")):
            raise DataError(f"{where}: only places have 'in', 'lat' and 'lon'")
        lat, lon = _coord(row, "lat", where, 90.0), _coord(row, "lon", where, 180.0)
        if (lat is None) != (lon is None):
            raise DataError(f"{where}: give both 'lat' and 'lon' or neither")
        patterns = _str_list(row, "patterns", where)
        if not patterns:
            raise DataError(f"{where}: no patterns")
        out.append(GazetteerEntry(
            id=row["id"], kind=cast(EntityKind, kind), type=typ, name=row["name"], patterns=patterns,
            weak_patterns=_str_list(row, "weak_patterns", where), wikidata=wikidata,
            parent=_opt_str(row, "in", where), lat=lat, lon=lon,
        ))
    return out


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read and checked once per process.

    Returns
    -------
    Gazetteer

    Examples
    --------
    >>> g = load_gazetteer()
    >>> g["isis"].wikidata, g["al-bukamal"].parent
    ('Q2429253', 'deir-ez-zor')
    """
    entries: list[GazetteerEntry] = []
    for name in GAZETTEER_FILES:
        entries.extend(entries_from_rows(read_jsonl(name), name))
    return Gazetteer(entries)


# A candidate match: normalized start, end, entry index, weak flag.
_Match = tuple[int, int, int, bool]


def _candidates(text: str, gazetteer: Gazetteer) -> list[_Match]:
    """Every pattern match in normalized ``text`` (overlapping ones included)."""
    tokens = tokenize(text)
    found: list[_Match] = []
    for i, (ts, te) in enumerate(tokens):
        for stem, off in stems(text[ts:te]):
            for words, idx, weak in gazetteer.candidates(stem):
                k = len(words)
                if i + k > len(tokens):
                    continue
                if all(
                    text[tokens[i + j][0]:tokens[i + j][1]] == words[j]
                    and only_space_between(text, tokens[i + j - 1][1], tokens[i + j][0])
                    for j in range(1, k)
                ):
                    found.append((ts + off, tokens[i + k - 1][1], idx, weak))
    return found


def _select(matches: Iterable[_Match], taken: list[tuple[int, int]]) -> list[_Match]:
    """Longest-first, then leftmost, non-overlapping matches (also avoiding ``taken``)."""
    chosen: list[_Match] = []
    occupied = list(taken)
    for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0], m[2])):
        if all(m[1] <= s or m[0] >= e for s, e in occupied):
            chosen.append(m)
            occupied.append((m[0], m[1]))
    return chosen


def find_mentions(
    doc: Document,
    norm: Normalized | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[Mention, ...]:
    """Find the gazetteer's entities in a document.

    Stage ``mentions``: requires the document (and its normalized text, made
    here when not given); assigns mentions in text order.

    Parameters
    ----------
    doc : Document
        The document; spans point into ``doc.text``.
    norm : Normalized, optional
        ``normalize(doc.text)``, when already made.
    gazetteer : Gazetteer, optional
        Defaults to :func:`load_gazetteer`.

    Returns
    -------
    tuple of Mention
        Non-overlapping mentions sorted by start offset.

    Examples
    --------
    >>> doc = Document(doc_id="d", text="قال المرصد إن التنظيم هاجم. وأكد المرصد السوري ذلك")
    >>> [(m.span.text, m.entity_id, m.weak) for m in find_mentions(doc)]
    [('المرصد', 'sohr', True), ('المرصد السوري', 'sohr', False)]
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    nrm = norm if norm is not None else normalize(doc.text)
    found = _candidates(nrm.text, gaz)
    strong = _select((m for m in found if not m[3]), [])
    named = {m[2] for m in strong}
    weak = _select((m for m in found if m[3] and m[2] in named), [(m[0], m[1]) for m in strong])
    mentions: list[Mention] = []
    for s, e, idx, is_weak in sorted(strong + weak):
        start, end = nrm.to_original_span(s, e)
        mentions.append(Mention(doc.span(start, end), gaz.entries[idx].id, is_weak))
    return tuple(mentions)


def build_entities(
    mentions: Iterable[Mention],
    gazetteer: Gazetteer | None = None,
) -> tuple[Entity, ...]:
    """One :class:`~kg.model.Entity` per gazetteer entry mentioned.

    Stage ``entities``: requires mentions; assigns entities in order of first
    mention, with ``names`` the distinct surface forms in text order and
    ``mentions`` their spans. Places with coordinates carry ``lat`` and
    ``lon`` in ``attributes``.

    Examples
    --------
    >>> doc = Document(doc_id="d", text="داعش في البوكمال ثم وداعش")
    >>> [(e.id, e.names, len(e.mentions)) for e in build_entities(find_mentions(doc))]
    [('isis', ('داعش',), 2), ('al-bukamal', ('البوكمال',), 1)]
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    grouped: dict[str, list[Span]] = {}
    for m in mentions:
        grouped.setdefault(m.entity_id, []).append(m.span)
    entities: list[Entity] = []
    for entity_id, spans in grouped.items():
        e = gaz[entity_id]
        attributes: dict[str, Any] = {}
        if e.lat is not None and e.lon is not None:
            attributes = {"lat": e.lat, "lon": e.lon}
        entities.append(Entity(
            id=e.id, kind=e.kind, type=e.type, name=e.name,
            names=tuple(dict.fromkeys(s.text for s in spans)),
            wikidata=e.wikidata, attributes=attributes, mentions=tuple(spans),
        ))
    return tuple(entities)
