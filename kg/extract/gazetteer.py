"""Gazetteer: canonical actors, persons and places, and where a text names them.

The data are JSON Lines files under ``kg/data/gazetteer/`` (schema in
``kg/data/README.md``), one record per entity in the shape of a spaCy
EntityRuler entry: an ``id`` with many surface ``patterns``. Matching runs on
the normalized text (:mod:`kg.text.normalize`) word by word, in one
Aho-Corasick pass (:mod:`ahocorasick`) over the text's words joined by a
space where only whitespace separates them and by ``|`` elsewhere; the
automaton is built once, when the gazetteer is loaded:

- a pattern matches whole words only; in front of its first word the
  proclitics و ف ب ل ك (and their combinations) may be attached, and a
  pattern that starts with the article ال also matches after ل as لل
  (``وداعش``, ``بالبوكمال``, ``للتنظيم``);
- where matches overlap, the longest wins, then the earliest; no two mentions
  overlap;
- *weak patterns* (``التنظيم``, ``النظام``, ``المرصد``) refer back to an
  entity named before or after; they count only when the same document
  also names the entity by one of its ordinary patterns;
- a name shared by a ``Country`` place and the ``State`` actor that governs
  it (the actor's ``country``; ``سوريا``, ``روسيا``, ``إيران``) is read as
  one of the two by the words around it (:func:`shared_reading`): the actor
  after a verb or support word that makes the country act (``قالت``,
  ``أعلنت``, ``مدعومة من``) or before a verb it is the subject of
  (``تدعم``, ``تنفي``); the place after a word of location (``في``,
  ``شرق``, ``حدود``) or with the proclitic ب; otherwise the record's
  default (``sense``: the actor for the states at war in Syria, the place
  for the others).

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

import bisect
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

import ahocorasick  # type: ignore[import-not-found,unused-ignore]

from kg.extract.resources import DataError, read_jsonl
from kg.extract.tokens import PROCLITICS
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
    "shared_reading",
]

#: The gazetteer's files, relative to ``kg/data``.
GAZETTEER_FILES: Final[tuple[str, ...]] = (
    "gazetteer/actors.jsonl",
    "gazetteer/persons.jsonl",
    "gazetteer/places.jsonl",
)

_REQUIRED: Final = ("id", "kind", "type", "name", "patterns")
_KNOWN: Final = frozenset(
    {*_REQUIRED, "wikidata", "in", "lat", "lon", "weak_patterns", "country", "sense", "_line"})
_SENSES: Final = ("actor", "place")


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
    country : str or None
        For ``State`` actors: the id of the ``Country`` place it governs,
        with which it may share patterns.
    sense : str
        For ``State`` actors with a ``country``: how a shared name reads
        when its context does not decide, ``"place"`` or ``"actor"``.
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
    country: str | None = None
    sense: str = "place"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document's text that names a gazetteer entity.

    ``weak`` marks a mention found by a weak (anaphoric) pattern.
    """

    span: Span
    entity_id: str
    weak: bool = False


#: Proclitic sequences a mention may follow inside its first word.
_CLITICS: Final[frozenset[str]] = frozenset(PROCLITICS)
#: Those ending in ل, after which a pattern starting with ال is written لل.
_LAM_CLITICS: Final[frozenset[str]] = frozenset(c for c in PROCLITICS if c.endswith("ل"))
_MIN_STEM: Final = 2
_WORD: Final = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class _Target:
    """What a key of the automaton stands for.

    ``idx`` is the entry's index; ``article`` marks the key made of a pattern
    starting with ال without its ا (so that it is found in لل); ``actor`` is,
    for a name shared by a country (``idx``) and its state, the state's index.
    """

    idx: int
    weak: bool
    length: int
    article: bool = False
    actor: int = -1
    actor_default: bool = False


class Gazetteer:
    """Entries and the automaton used to find them in text.

    Parameters
    ----------
    entries : iterable of GazetteerEntry
        Entries with unique ids; every ``parent`` must be one of them.

    Raises
    ------
    DataError
        When ids repeat, a parent or country is unknown, a pattern is not made
        of words, or two entries share a pattern other than a country and
        its state.

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
        position = {e.id: i for i, e in enumerate(self.entries)}
        for e in self.entries:
            if e.parent is not None and e.parent not in self.by_id:
                raise DataError(f"gazetteer: {e.id!r} lies in unknown place {e.parent!r}")
            country = self.by_id.get(e.country) if e.country is not None else None
            if e.country is not None and (country is None or country.type != "Country"):
                raise DataError(f"gazetteer: {e.id!r}: country {e.country!r} is not a Country place")
        owners: dict[str, list[tuple[int, bool]]] = {}
        for i, e in enumerate(self.entries):
            for weak, pats in ((False, e.patterns), (True, e.weak_patterns)):
                for p in pats:
                    words = normalize_string(p).split()
                    if not words or not all(w.isalnum() for w in words) or len(words[0]) < _MIN_STEM:
                        raise DataError(f"gazetteer: {e.id!r}: pattern {p!r} is not a sequence of words")
                    owners.setdefault(" ".join(words), []).append((i, weak))
        table: dict[str, list[_Target]] = {}
        for key, own in owners.items():
            target = self._target(key, own, position)
            keys = [(key, target)]
            first = key.split(" ", 1)[0]
            if first.startswith("ال") and len(first) - 1 > _MIN_STEM:
                keys.append((key[1:], _Target(target.idx, target.weak, len(key) - 1, True,
                                              target.actor, target.actor_default)))
            for k, t in keys:
                table.setdefault(k, []).append(t)
        automaton = ahocorasick.Automaton()
        for k, targets in table.items():
            automaton.add_word(k, tuple(targets))
        if table:
            automaton.make_automaton()
        self._automaton: Any = automaton
        self._size = len(table)

    def _target(self, key: str, own: list[tuple[int, bool]], position: Mapping[str, int]) -> _Target:
        """The target of a normalized pattern listed by the entries ``own``."""
        if len(own) == 1:
            return _Target(own[0][0], own[0][1], len(key))
        ids = sorted((self.entries[i].id for i, _ in own))
        if len(own) == 2 and not any(w for _, w in own):
            a, b = (self.entries[i] for i, _ in own)
            state, country = (a, b) if a.country is not None else (b, a)
            if state.country == country.id:
                return _Target(position[country.id], False, len(key), actor=position[state.id],
                               actor_default=state.sense == "actor")
        raise DataError(f"gazetteer: pattern {key!r} is listed by {', '.join(ids)}")

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entity_id: str) -> GazetteerEntry:
        return self.by_id[entity_id]

    def ancestors(self, place_id: str) -> list[str]:
        """Ids of the places that contain ``place_id``, nearest first.

        >>> g = load_gazetteer()
        >>> g.ancestors("al-kum-station")
        ['al-bukamal', 'al-bukamal-district', 'deir-ez-zor', 'syria']
        """
        out: list[str] = []
        cur = self.by_id[place_id].parent
        while cur is not None and cur not in out:
            out.append(cur)
            cur = self.by_id[cur].parent
        return out

    def scan(self, haystack: str) -> Iterable[tuple[int, tuple[_Target, ...]]]:
        """Aho-Corasick hits ``(last index, targets)`` of the keys in ``haystack``."""
        if not self._size:
            return ()
        return cast(Iterable[tuple[int, tuple[_Target, ...]]], self._automaton.iter(haystack))


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
        country = _opt_str(row, "country", where)
        sense = row.get("sense", "place")
        if (country is not None or "sense" in row) and typ != "State":
            raise DataError(f"{where}: only State actors have 'country' and 'sense'")
        if sense not in _SENSES or ("sense" in row and country is None):
            raise DataError(f"{where}: 'sense' must be 'actor' or 'place', with a 'country'")
        lat, lon = _coord(row, "lat", where, 90.0), _coord(row, "lon", where, 180.0)
        if (lat is None) != (lon is None):
            raise DataError(f"{where}: give both 'lat' and 'lon' or neither")
        patterns = _str_list(row, "patterns", where)
        if not patterns:
            raise DataError(f"{where}: no patterns")
        out.append(GazetteerEntry(
            id=row["id"], kind=cast(EntityKind, kind), type=typ, name=row["name"], patterns=patterns,
            weak_patterns=_str_list(row, "weak_patterns", where), wikidata=wikidata,
            parent=_opt_str(row, "in", where), lat=lat, lon=lon, country=country, sense=sense,
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
    ('Q2429253', 'al-bukamal-district')
    """
    entries: list[GazetteerEntry] = []
    for name in GAZETTEER_FILES:
        entries.extend(entries_from_rows(read_jsonl(name), name))
    return Gazetteer(entries)


# A candidate match: normalized start, end, entry index, weak flag.
_Match = tuple[int, int, int, bool]

def _words(text: str) -> frozenset[str]:
    return frozenset(normalize_string(w) for w in text.split())


#: Words before a shared name that make the state act: verbs whose subject
#: follows (``قالت روسيا``) and the words of support (``مدعومة من قبل``).
ACTOR_BEFORE: Final[frozenset[str]] = _words(
    "قالت أعلنت أكدت نفت اتهمت طالبت دعت هددت حذرت رفضت أدانت نددت وافقت اتفقت وقعت "
    "أرسلت نشرت شنت قصفت هاجمت استهدفت دعمت تدعم تدعمه تدعمها تدعمهم يدعمه يدعمها تقوده "
    "تقودها مدعوم مدعومة مدعومين مدعومون المدعوم المدعومة بدعم قبل تدخل طلبت سحبت "
    "أبلغت ردت حملت أعربت قررت تقول تعلن تتهم تنفي"
)
#: Words after a shared name that make it the subject of a verb (``إيران تنفي``).
ACTOR_AFTER: Final[frozenset[str]] = _words(
    "تقول تعلن تؤكد تنفي تتهم تطالب تدعو تهدد تحذر ترفض تدين توافق تدعم تسعى تريد تنشر "
    "ترسل تشن تقصف تستهدف قالت أعلنت أكدت نفت اتهمت هددت حذرت رفضت"
)
#: Words before a shared name that make it a place (``في سوريا``, ``شرق سوريا``).
PLACE_BEFORE: Final[frozenset[str]] = _words(
    "في إلى الى من داخل خارج شرق شرقي غرب غربي شمال شمالي جنوب جنوبي وسط أنحاء "
    "أراضي حدود عبر نحو قرب مدن محافظات سماء أجواء لاجئي مواطني"
)


def shared_reading(before: Sequence[str], after: str, clitic: str, default_actor: bool) -> bool:
    """Whether a name shared by a country and its state reads as the state (the actor).

    Parameters
    ----------
    before : sequence of str
        The (up to two) normalized words before the name, nearest last.
    after : str
        The normalized word after it ('' if none).
    clitic : str
        The proclitics written on the name (``ب`` in ``بسوريا``).
    default_actor : bool
        The state's ``sense`` is ``"actor"``.

    Returns
    -------
    bool
        True for the actor, False for the place. A verb or support word in
        the two words before wins; then a word of location right before, or
        the proclitic ب, makes a place; then a verb right after makes an
        actor; otherwise the default.

    Examples
    --------
    >>> shared_reading(["امس", "قالت"], "ان", "", False), shared_reading(["قوات", "في"], "", "", True)
    (True, False)
    >>> shared_reading(["مدعومه", "من"], "", "", False), shared_reading([], "", "ب", True)
    (True, False)
    >>> shared_reading(["ان"], "تنفي", "", False), shared_reading([], "", "", True)
    (True, True)
    """
    bare = [w[1:] if w[:1] in ("و", "ف") and len(w) > 2 else w for w in before]
    if any(w in ACTOR_BEFORE for w in bare):
        return True
    if (bare and bare[-1] in PLACE_BEFORE) or "ب" in clitic:
        return False
    if after in ACTOR_AFTER:
        return True
    return default_actor


def _candidates(text: str, gazetteer: Gazetteer) -> list[_Match]:
    """Every pattern match in normalized ``text`` (overlapping ones included).

    The words of ``text`` are joined into one string, by a space where only
    whitespace separates them and by ``|`` elsewhere, and scanned once; a hit
    counts when it ends at the end of a word and begins at the start of one
    or after proclitics.
    """
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return []
    words = [text[s:e] for s, e in spans]
    parts = [words[0]]
    starts = [0]
    pos = len(words[0])
    for k in range(1, len(words)):
        sep = " " if text[spans[k - 1][1]:spans[k][0]].isspace() else "|"
        parts.append(sep)
        parts.append(words[k])
        starts.append(pos + 1)
        pos += 1 + len(words[k])
    hay = "".join(parts)
    found: list[_Match] = []
    for last, targets in gazetteer.scan(hay):
        if last + 1 < len(hay) and hay[last + 1] not in " |":
            continue
        for t in targets:
            begin = last - t.length + 1
            k = bisect.bisect_right(starts, begin) - 1
            clitic = hay[starts[k]:begin]
            if t.article:
                if clitic not in _LAM_CLITICS:
                    continue
                begin -= 1
            elif clitic not in _CLITICS:
                continue
            idx = t.idx
            k2 = bisect.bisect_right(starts, last) - 1
            if t.actor >= 0:
                before = words[max(0, k - 2):k]
                after = words[k2 + 1] if k2 + 1 < len(words) else ""
                if shared_reading(before, after, clitic, t.actor_default):
                    idx = t.actor
            start = spans[k][0] + begin - starts[k]
            end = spans[k2][0] + last - starts[k2] + 1
            found.append((start, end, idx, t.weak))
    return found


def _select(matches: Iterable[_Match], taken: Iterable[tuple[int, int]]) -> list[_Match]:
    """Longest-first, then leftmost, non-overlapping matches (also avoiding ``taken``)."""
    chosen: list[_Match] = []
    occupied = sorted(taken)  # disjoint intervals, by start
    for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0], m[2])):
        i = bisect.bisect_left(occupied, (m[1], m[1]))
        if i > 0 and occupied[i - 1][1] > m[0]:
            continue
        if i < len(occupied) and occupied[i][0] < m[1]:
            continue
        chosen.append(m)
        occupied.insert(i, (m[0], m[1]))
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
