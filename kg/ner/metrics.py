"""Entity-level scores for BIO tags, as conlleval counts them.

An entity is a maximal run ``B-X I-X I-X …`` (an ``I-X`` after ``O`` or after
another type also opens an entity, as in conlleval). A predicted entity is
correct only when its span and its type equal a gold entity's.

Examples
--------
>>> gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
>>> pred = [["B-PERS", "I-PERS", "O", "B-ORG"]]
>>> s = entity_scores(gold, pred)
>>> round(s["micro"]["f1"], 3), s["PERS"]["f1"], s["LOC"]["recall"]
(0.5, 1.0, 0.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = ["entity_scores", "entity_spans", "format_scores"]


def entity_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities ``(start, end, type)`` (token indices, end exclusive) in BIO tags.

    Examples
    --------
    >>> entity_spans(["B-LOC", "I-LOC", "I-ORG", "O", "I-PERS"])
    [(0, 2, 'LOC'), (2, 3, 'ORG'), (4, 5, 'PERS')]
    """
    out: list[tuple[int, int, str]] = []
    start, cur = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == cur
        if cur and not continues:
            out.append((start, i, cur))
            cur = ""
        if prefix in ("B", "I") and not continues:
            start, cur = i, typ
    if cur:
        out.append((start, len(tags), cur))
    return out


def entity_scores(
    gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]
) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and counts per type and ``"micro"`` over all types.

    Parameters
    ----------
    gold, pred : iterable of sequences of str
        BIO tags, sentence by sentence; the sentences must have equal lengths.

    Returns
    -------
    dict
        ``{type: {"precision", "recall", "f1", "gold", "pred", "correct"}}``
        for each type seen, plus ``"micro"``.

    Raises
    ------
    ValueError
        When a gold and a predicted sentence differ in length.
    """
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_ok: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"sentence lengths differ: {len(g)} gold vs {len(p)} predicted tags")
        gs, ps = set(entity_spans(g)), set(entity_spans(p))
        n_gold.update(t for _, _, t in gs)
        n_pred.update(t for _, _, t in ps)
        n_ok.update(t for _, _, t in gs & ps)
    out: dict[str, dict[str, float]] = {}
    for typ in sorted(set(n_gold) | set(n_pred)):
        out[typ] = _prf(n_ok[typ], n_gold[typ], n_pred[typ])
    out["micro"] = _prf(sum(n_ok.values()), sum(n_gold.values()), sum(n_pred.values()))
    return out


def _prf(ok: int, gold: int, pred: int) -> dict[str, float]:
    p = ok / pred if pred else 0.0
    r = ok / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "gold": gold, "pred": pred, "correct": ok}


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """A small fixed-width table of :func:`entity_scores` output.

    Examples
    --------
    >>> print(format_scores(entity_scores([["B-LOC"]], [["B-LOC"]])))
    type    prec   rec    F1  gold  pred
    LOC    100.0 100.0 100.0     1     1
    micro  100.0 100.0 100.0     1     1
    """
    lines = [f"{'type':<6} {'prec':>5} {'rec':>5} {'F1':>5} {'gold':>5} {'pred':>5}"]
    for typ, s in scores.items():
        lines.append(
            f"{typ:<6} {100 * s['precision']:5.1f} {100 * s['recall']:5.1f} {100 * s['f1']:5.1f}"
            f" {int(s['gold']):5d} {int(s['pred']):5d}"
        )
    return "\n".join(lines)
