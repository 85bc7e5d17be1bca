"""Tag a ``token TAG`` file and score it when it carries gold tags.

The lead wires :func:`ner_conll` to ``kg ner --conll IN --out OUT``.
"""

from __future__ import annotations

from pathlib import Path

from kg.ner import WINDOW, tag_sentences
from kg.ner.conll import read_conll, write_conll
from kg.ner.metrics import entity_scores

__all__ = ["ner_conll"]


def ner_conll(in_path: str | Path, out_path: str | Path, window: int = WINDOW) -> dict[str, object]:
    """Tag every sentence of a CoNLL-style file and write ``token PRED`` lines.

    The sentences are taken as one running text (each is tagged with
    ``window`` sentences of context on each side). The tag column of the
    input, when present, is replaced by the prediction; when every token of
    the input had a tag, the predictions are scored against them.

    Parameters
    ----------
    in_path : str or Path
        ``token [TAG]`` lines, blank lines between sentences.
    out_path : str or Path
        Where to write ``token PRED`` lines.
    window : int
        Context sentences on each side.

    Returns
    -------
    dict
        ``sentences`` and ``tokens`` counted, ``out`` (the output path) and,
        when gold tags were present, ``scores``: :func:`entity_scores`
        output (per type and ``micro``).
    """
    sents = list(read_conll(in_path))
    tokens = [[t for t, _ in s] for s in sents]
    pred = list(tag_sentences(tokens, window=window))
    write_conll(tokens, pred, out_path)
    result: dict[str, object] = {
        "sentences": len(sents),
        "tokens": sum(len(s) for s in sents),
        "out": str(out_path),
    }
    gold = [[g for _, g in s] for s in sents]
    if sents and all(all(g) for g in gold):
        result["scores"] = entity_scores(gold, pred)
    return result
