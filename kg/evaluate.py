"""Scoring an extraction against gold (kg-extraction/1, ``SCHEMA.md``, "Scoring").

Everything is aligned through entities, never through ids:

1. **Entities.** A predicted entity matches a gold entity of the same
   ``kind`` when their Wikidata ids are equal or when one of their ``names``
   is equal after :func:`name_key` (Arabic normalization, a leading
   proclitic and the article removed). Entities are paired one to one
   (a maximum matching), core gold entities first.
2. **Events.** *Loose*: ``event_type`` equal and an agent aligned with a
   gold agent (when gold names no agent: the place aligned, or, with no place
   either, the type alone). *Full* adds: ``sub_event_type`` equal, the place
   aligned when gold has one, and the time agreeing at the gold's precision
   when that is ``day``, ``month`` or ``year``. Among loose alignments of
   the same size, one that pairs events matching in full is chosen (an
   article with two ISIS battles on different days pairs each with its day).
3. **Relations.** ``type`` equal and both ends aligned.
4. **Time.** For each loosely matched event whose gold time has a value,
   whether the predicted value agrees to the gold's length (``2018`` or
   ``2018-03`` or ``2018-03-17``).

Gold items with ``core: false`` are optional: missing one costs nothing, and a
prediction matched to one is neither right nor wrong. :func:`score` counts one
article; :func:`combine` micro-averages several.

Examples
--------
>>> from kg.model import Entity, Event, Extraction
>>> gold = Extraction("d", entities=(Entity("isis", "actor", "ArmedGroup", "ISIS", names=("داعش",)),),
...                   events=(Event("e1", "Battles", "Armed clash", agents=("isis",)),))
>>> pred = Extraction("d", entities=(Entity("x", "actor", "ArmedGroup", "X", names=("وداعش",)),),
...                   events=(Event("e1", "Battles", "Armed clash", agents=("x",)),))
>>> s = score(pred, gold)
>>> s["entities"]["all"]["f1"], s["events_loose"]["f1"], s["relations"]["f1"]
(1.0, 1.0, 0.0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

from kg.model import ENTITY_KINDS, Entity, Event, Extraction, Relation, TimeValue
from kg.text.normalize import normalize_string

__all__ = ["COUNTED", "combine", "name_key", "score", "time_agrees"]

#: The scored parts of a result other than the per-kind entity counts.
COUNTED: Final[tuple[str, ...]] = ("events_loose", "events_full", "relations")

_CLITICS: Final = frozenset("وفبلك")
_PRECISION_LEN: Final = {"day": 10, "month": 7, "year": 4}

T = TypeVar("T")
G = TypeVar("G")


def name_key(name: str) -> str:
    """A name as compared: normalized, punctuation removed, proclitic and article stripped.

    Following SCHEMA.md, one leading و ف ب ل ك is dropped, then the article
    ال (``لل`` counts as ل + ال). The rule is blind, so a name that begins
    with one of those letters loses it too, the same way on both sides.

    Examples
    --------
    >>> name_key("بالبوكمالِ") == name_key("البوكمال") == "بوكمال"
    True
    >>> name_key("وداعش") == name_key("داعش")
    True
    >>> name_key("«للتنظيم»") == name_key("التنظيم")
    True
    >>> name_key("الدولة الإسلامية")
    'دوله الاسلاميه'
    """
    text = "".join(ch if ch.isalnum() else " " for ch in normalize_string(name))
    words = text.split()
    if not words:
        return ""
    w = words[0]
    if w.startswith("لل") and len(w) > 3:
        w = w[2:]
    else:
        if w[0] in _CLITICS and len(w) > 3:
            w = w[1:]
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
    return " ".join([w, *words[1:]])


def time_agrees(pred: TimeValue | None, gold: TimeValue | None, length: int | None = None) -> bool:
    """Whether ``pred`` agrees with ``gold`` on their first ``length`` characters.

    ``length`` defaults to the gold precision's (10, 7, 4) or, for ``approx``,
    the length of the gold value.

    Examples
    --------
    >>> time_agrees(TimeValue("2018-03-17"), TimeValue("2018-03", "month"))
    True
    >>> time_agrees(TimeValue("2018", "year"), TimeValue("2018-03-17"))
    False
    """
    if gold is None or gold.value is None:
        return True
    if pred is None or pred.value is None:
        return False
    n = length if length is not None else _PRECISION_LEN.get(gold.precision, len(gold.value))
    return len(pred.value) >= n and pred.value[:n] == gold.value[:n]


def _match(preds: Sequence[T], golds: Sequence[G], ok: Callable[[T, G], bool],
           prefer: Callable[[T, G], bool] | None = None) -> dict[int, int]:
    """A maximum one-to-one matching (Kuhn's augmenting paths): gold index → pred index.

    With ``prefer`` (a stricter test), a maximum matching of the preferred
    pairs is found first and then grown with ``ok``: the size is the same as
    without it, but where two alignments are equally large the one that pairs
    like with like (e.g. the same day) wins.

    >>> sorted(_match([1, 2], [2, 1], lambda p, g: True, prefer=lambda p, g: p == g).items())
    [(0, 1), (1, 0)]
    """
    owner: dict[int, int] = {}  # pred index → gold index

    def run(test: Callable[[T, G], bool]) -> None:
        edges = [[p for p, pred in enumerate(preds) if test(pred, g)] for g in golds]

        def augment(g: int, seen: set[int]) -> bool:
            for p in edges[g]:
                if p in seen:
                    continue
                seen.add(p)
                if p not in owner or augment(owner[p], seen):
                    owner[p] = g
                    return True
            return False

        matched = set(owner.values())
        for g in range(len(golds)):
            if g not in matched:
                augment(g, set())

    if prefer is not None:
        run(lambda p, g: ok(p, g) and prefer(p, g))
    run(ok)
    return {g: p for p, g in owner.items()}


def _counts(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def _score_items(preds: Sequence[T], golds: Sequence[G], ok: Callable[[T, G], bool],
                 core: Callable[[G], bool], prefer: Callable[[T, G], bool] | None = None,
                 ) -> tuple[dict[str, float], dict[int, int]]:
    """Counts with optional gold items, and the pred index matched to each gold index."""
    core_idx = [i for i, g in enumerate(golds) if core(g)]
    opt_idx = [i for i, g in enumerate(golds) if not core(g)]
    first = _match(preds, [golds[i] for i in core_idx], ok, prefer)
    matched = {core_idx[g]: p for g, p in first.items()}
    left = [p for p in range(len(preds)) if p not in matched.values()]
    second = _match([preds[p] for p in left], [golds[i] for i in opt_idx], ok, prefer)
    optional = {opt_idx[g]: left[p] for g, p in second.items()}
    tp = len(matched)
    fp = len(preds) - tp - len(optional)
    fn = len(core_idx) - tp
    return _counts(tp, fp, fn), {**matched, **optional}


def _entity_ok(p: Entity, g: Entity) -> bool:
    if p.kind != g.kind:
        return False
    if p.wikidata and p.wikidata == g.wikidata:
        return True
    keys = {name_key(n) for n in p.names} - {""}
    return any(name_key(n) in keys for n in g.names)


def _is_core(item: Entity | Event | Relation) -> bool:
    return item.core is not False


def score(pred: Extraction, gold: Extraction) -> dict[str, Any]:
    """Score one article's extraction against its gold.

    Parameters
    ----------
    pred, gold : Extraction
        The prediction and the gold for the same article.

    Returns
    -------
    dict
        ``entities`` (per kind and ``all``), ``events_loose``,
        ``events_full`` and ``relations``: each ``{tp, fp, fn, precision,
        recall, f1}``; ``time``: ``{agree, total}``.

    Examples
    --------
    >>> from kg.model import Entity, Extraction, Relation
    >>> e = lambda i, n: Entity(i, "place", "City", i, names=(n,))
    >>> gold = Extraction("d", entities=(e("a", "الشعفة"), e("b", "البوكمال")),
    ...                   relations=(Relation("LOCATED_IN", "a", "b"),))
    >>> pred = Extraction("d", entities=(e("x", "الشعفة"), e("y", "بالبوكمال"), e("z", "حلب")),
    ...                   relations=(Relation("LOCATED_IN", "x", "y"),))
    >>> s = score(pred, gold)
    >>> s["entities"]["place"]["precision"], s["relations"]["f1"]
    (0.6667, 1.0)
    """
    entities: dict[str, Any] = {}
    align: dict[str, str] = {}  # pred entity id → gold entity id
    totals = [0, 0, 0]
    for kind in ENTITY_KINDS:
        ps = [e for e in pred.entities if e.kind == kind]
        gs = [e for e in gold.entities if e.kind == kind]
        counts, pairs = _score_items(ps, gs, _entity_ok, _is_core)
        entities[kind] = counts
        for g, p in pairs.items():
            align[ps[p].id] = gs[g].id
        for i, k in enumerate(("tp", "fp", "fn")):
            totals[i] += int(counts[k])
    entities["all"] = _counts(*totals)

    def loose(p: Event, g: Event) -> bool:
        if p.event_type != g.event_type:
            return False
        if g.agents:
            return any(align.get(a) in g.agents for a in p.agents)
        if g.place:
            return p.place is not None and align.get(p.place) == g.place
        return True

    def full(p: Event, g: Event) -> bool:
        if not loose(p, g) or p.sub_event_type != g.sub_event_type:
            return False
        if g.place and (p.place is None or align.get(p.place) != g.place):
            return False
        if g.time is not None and g.time.precision in _PRECISION_LEN:
            return time_agrees(p.time, g.time)
        return True

    def related(p: Relation, g: Relation) -> bool:
        return p.type == g.type and align.get(p.source) == g.source and align.get(p.target) == g.target

    events_loose, pairs = _score_items(pred.events, gold.events, loose, _is_core, prefer=full)
    events_full, _ = _score_items(pred.events, gold.events, full, _is_core)
    relations, _ = _score_items(pred.relations, gold.relations, related, _is_core)
    timed = [(pred.events[p], gold.events[g]) for g, p in pairs.items()
             if gold.events[g].time is not None and gold.events[g].time.value is not None]  # type: ignore[union-attr]
    agree = sum(
        time_agrees(p.time, g.time, len(g.time.value)) for p, g in timed  # type: ignore[union-attr,arg-type]
    )
    return {
        "entities": entities,
        "events_loose": events_loose,
        "events_full": events_full,
        "relations": relations,
        "time": {"agree": agree, "total": len(timed)},
    }


def combine(scores: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Micro-average per-article scores: add the counts, then recompute P, R and F1.

    Examples
    --------
    >>> from kg.model import Entity, Extraction
    >>> g = Extraction("d", entities=(Entity("a", "place", "City", "A", names=("حلب",)),))
    >>> combine([score(g, g), score(Extraction("d"), g)])["entities"]["all"]["recall"]
    0.5
    """
    totals: dict[str, list[int]] = {}
    agree = total = 0
    for s in scores:
        parts = [(f"entities.{k}", v) for k, v in s["entities"].items()]
        parts += [(k, s[k]) for k in COUNTED]
        for name, c in parts:
            t = totals.setdefault(name, [0, 0, 0])
            t[0] += int(c["tp"])
            t[1] += int(c["fp"])
            t[2] += int(c["fn"])
        agree += int(s["time"]["agree"])
        total += int(s["time"]["total"])
    out: dict[str, Any] = {"entities": {}}
    for name, (tp, fp, fn) in totals.items():
        if name.startswith("entities."):
            out["entities"][name.split(".", 1)[1]] = _counts(tp, fp, fn)
        else:
            out[name] = _counts(tp, fp, fn)
    out["time"] = {"agree": agree, "total": total}
    return out
