"""A small typed wrapper around python-crfsuite's tagger.

python-crfsuite ships no type information; this module is the only place
that imports it. A :class:`CrfTagger` is not safe to share between threads
without a lock (the package-level functions in :mod:`kg.ner` hold one).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite  # type: ignore[import-untyped]

__all__ = ["CrfTagger"]


class CrfTagger:
    """A trained linear-chain CRF, opened read-only from a model file.

    Parameters
    ----------
    path : str or Path
        A model written by ``pycrfsuite.Trainer.train``.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    """

    def __init__(self, path: str | Path) -> None:
        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"CRF model not found: {p}")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(p))
        self.labels: tuple[str, ...] = tuple(str(x) for x in self._tagger.labels())

    def info(self) -> Any:
        """The model's weights, ``state_features`` and ``transitions`` (python-crfsuite's dump)."""
        return self._tagger.info()

    def tag(self, xseq: Sequence[Sequence[str]]) -> list[str]:
        """The most likely tags (Viterbi) for one sentence's feature lists."""
        if not xseq:
            return []
        return [str(t) for t in self._tagger.tag([list(x) for x in xseq])]

    def tag_scaled(self, xseq: Sequence[Sequence[str]], o_scale: float) -> tuple[list[str], list[float]]:
        """Tags from per-token marginals with ``P(O)`` scaled by ``o_scale``, and their marginals.

        ``o_scale < 1`` trades precision for recall: a token is tagged with
        its most probable label after ``P(O)`` is multiplied by ``o_scale``.
        An ``I-X`` that does not continue an ``X`` entity becomes ``B-X``.
        With ``o_scale == 1`` this is :meth:`tag_with_marginals` (Viterbi).
        """
        if o_scale == 1.0 or not xseq:
            return self.tag_with_marginals(xseq)
        self._tagger.set([list(x) for x in xseq])
        tags: list[str] = []
        probs: list[float] = []
        for i in range(len(xseq)):
            best, best_p, best_s = "O", 0.0, -1.0
            for y in self.labels:
                p = float(self._tagger.marginal(y, i))
                s = p * o_scale if y == "O" else p
                if s > best_s:
                    best, best_p, best_s = y, p, s
            if best.startswith("I-") and (not tags or tags[-1][2:] != best[2:]):
                best = "B-" + best[2:]
            tags.append(best)
            probs.append(best_p)
        return tags, probs

    def tag_with_marginals(self, xseq: Sequence[Sequence[str]]) -> tuple[list[str], list[float]]:
        """Viterbi tags and, for each token, the marginal probability of its tag."""
        tags = self.tag(xseq)
        return tags, [float(self._tagger.marginal(t, i)) for i, t in enumerate(tags)]
