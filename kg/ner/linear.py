"""Fast CRF decoding with numpy: the weights of a CRFsuite model as arrays.

CRFsuite scores a tag sequence as the sum of the weights of the (attribute,
label) pairs of its tokens plus label-to-label transition weights. Tagging
through python-crfsuite costs a string conversion and a dictionary look-up
per feature per token, for both stages. Here the per-word part of the score
(the features of :class:`kg.ner.features.Word`: own and as a neighbour) is
summed once per distinct word and cached, only the few features that depend
on the sentence are looked up per token, and Viterbi and forward–backward
run over all sentences of a block at once. The tags are the ones CRFsuite
gives (the weights are read from its model dump, rounded to 1e-6).

This module needs numpy; :mod:`kg.ner` falls back to python-crfsuite
without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from kg.ner.crf import CrfTagger
from kg.ner.features import BOS, EOS, OFFSETS, PADS, Word, pair_features

__all__ = ["LinearCrf"]

Array = npt.NDArray[np.float64]
_OFFSETS = OFFSETS


class LinearCrf:
    """The weights of one CRFsuite model, for scoring and decoding in numpy.

    Parameters
    ----------
    tagger : CrfTagger
        An opened model (its weights are read through ``Tagger.info()``).
    """

    def __init__(self, tagger: CrfTagger, index: dict[str, int] | None = None, info: Any = None) -> None:
        info = tagger.info() if info is None else info
        self.labels: tuple[str, ...] = tagger.labels
        lid = {lab: i for i, lab in enumerate(self.labels)}
        n_lab = len(self.labels)
        index = {} if index is None else index
        feats = [(index.setdefault(attr, len(index)), lid[lab], float(w))
                 for (attr, lab), w in info.state_features.items()]
        self.index = index
        self.none = len(index)  # an all-zero row for unknown attributes
        self.weights: Array = np.zeros((len(index) + 1, n_lab))
        if feats:
            rows, cols, vals = zip(*feats, strict=True)
            self.weights[list(rows), list(cols)] = vals
        self.trans: Array = np.zeros((n_lab, n_lab))
        for (a, b), w in info.transitions.items():
            self.trans[lid[a], lid[b]] = float(w)
        self.pads: dict[int, Array] = {d: self.vector(PADS[d]) for d in _OFFSETS}
        self.bos, self.eos = self.vector(BOS), self.vector(EOS)
        self._words: dict[str, Array] = {}
        self._pairs: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
        #: models sharing this one's attribute index and caches (see :meth:`joint`)
        self.partners: list[LinearCrf] = [self]

    @staticmethod
    def joint(taggers: Sequence[CrfTagger]) -> list[LinearCrf]:
        """Models with one attribute index, so that a word's features are looked up once for all."""
        infos = [t.info() for t in taggers]
        index: dict[str, int] = {}
        for info in infos:
            for attr, _ in info.state_features:
                index.setdefault(attr, len(index))
        models = [LinearCrf(t, index, info) for t, info in zip(taggers, infos, strict=True)]
        pairs: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
        for m in models:
            m.partners = models
            m._pairs = pairs
        return models

    def vector(self, attrs: Sequence[str]) -> Array:
        """The summed weights (one per label) of some attributes."""
        get, none = self.index.get, self.none
        return self.weights[[get(a, none) for a in attrs]].sum(axis=0)  # type: ignore[no-any-return]

    def _word(self, w: Word) -> Array:
        """Rows: the word's own score, then what it adds at each of :data:`~kg.ner.features.OFFSETS`."""
        v = self._words.get(w.raw)
        if v is None:
            get, none = self.index.get, self.none
            idx = [get(a, none) for a in w.own]
            starts = [0]
            for d in _OFFSETS:
                starts.append(len(idx))
                idx.extend(get(a, none) for a in w.near[d])
            for m in self.partners:
                if len(m._words) >= 200_000:
                    m._words.clear()
                m._words[w.raw] = np.add.reduceat(m.weights[idx], starts, axis=0)
            v = self._words[w.raw]
        return v

    def _pair(self, left: Word, right: Word) -> tuple[tuple[int, int], ...]:
        """The known bigram attributes of two adjacent words: (0 = right word / 1 = left word, row)."""
        key = (left.raw, right.raw)
        v = self._pairs.get(key)
        if v is None:
            if len(self._pairs) >= 200_000:
                self._pairs.clear()
            get = self.index.get
            found: list[tuple[int, int]] = []
            for side, attrs in enumerate(pair_features(left, right)):
                for a in attrs:
                    j = get(a)
                    if j is not None:
                        found.append((side, j))
            v = self._pairs[key] = tuple(found)
        return v

    def unary(
        self,
        sents: Sequence[tuple[Sequence[Word], Sequence[Sequence[str]]]],
        more: Sequence[Sequence[Sequence[str]]] | None = None,
    ) -> tuple[Array, npt.NDArray[np.intp]]:
        """Label scores of each token of some sentences, padded: ``(sentences × longest × labels)``.

        Each sentence is given as its words and, per token, the features
        other than those of :class:`~kg.ner.features.Word`, the padding,
        :data:`~kg.ner.features.BOS`, :data:`~kg.ner.features.EOS` and
        :func:`~kg.ner.features.pair_features`, which are added here
        (``more`` adds further per-token features for each sentence). Also
        returns the sentence lengths.
        """
        lens = np.array([len(w) for w, _ in sents], dtype=np.intp)
        n_lab = len(self.labels)
        flat = [w for ws, _ in sents for w in ws]
        n = len(flat)
        x = np.zeros((len(sents), int(lens.max(initial=0)), n_lab))
        if n == 0:
            return x, lens
        m = np.stack([self._word(w) for w in flat])
        sid = np.repeat(np.arange(len(sents)), lens)
        first = np.repeat(np.cumsum(lens) - lens, lens)
        at = np.arange(n)
        pos = at - first
        ln = lens[sid]
        u: Array = m[:, 0].copy()
        for r, d in enumerate(_OFFSETS, start=1):
            ok = (pos + d >= 0) & (pos + d < ln)
            u += np.where(ok[:, None], m[np.clip(at + d, 0, n - 1), r], self.pads[d])
        starts = np.cumsum(lens) - lens
        full = lens > 0
        u[starts[full]] += self.bos
        u[(starts + lens - 1)[full]] += self.eos
        get, none = self.index.get, self.none
        where: list[int] = []
        idx: list[int] = []
        for i in at[pos > 0].tolist():
            for side, j in self._pair(flat[i - 1], flat[i]):
                where.append(i - side)
                idx.append(j)
        base = 0
        for k, (ws, ex) in enumerate(sents):
            for feats in (ex, more[k]) if more is not None else (ex,):
                for i, fs in enumerate(feats):
                    for a in fs:
                        j = get(a, none)
                        if j != none:
                            where.append(base + i)
                            idx.append(j)
            base += len(ws)
        if idx:
            np.add.at(u, where, self.weights[idx])
        x[sid, pos] = u
        return x, lens

    def viterbi(self, x: Array, lens: npt.NDArray[np.intp]) -> list[list[str]]:
        """Best tag sequence of each sentence, from :meth:`unary`'s scores."""
        labels, trans = self.labels, self.trans
        n_b, n_t, n_l = x.shape
        out: list[list[str]] = [[] for _ in range(n_b)]
        if n_t == 0:
            return out
        back = np.zeros((n_t, n_b, n_l), dtype=np.intp)
        delta = x[:, 0]
        final = delta.copy()
        for t in range(1, n_t):
            s = delta[:, :, None] + trans[None]
            back[t] = s.argmax(axis=1)
            delta = s.max(axis=1) + x[:, t]
            ends = lens == t + 1
            final[ends] = delta[ends]
        best = final.argmax(axis=1)
        for k in range(n_b):
            if lens[k] == 0:
                continue
            y = int(best[k])
            path = [y]
            for t in range(int(lens[k]) - 1, 0, -1):
                y = int(back[t, k, y])
                path.append(y)
            out[k] = [labels[y] for y in reversed(path)]
        return out

    def marginals(
        self, x: Array, lens: npt.NDArray[np.intp], tags: Sequence[Sequence[str]], only_names: bool = False
    ) -> list[list[float]]:
        """P(tag) of each token given its sentence (forward–backward), for given tags.

        With ``only_names``, sentences whose tags are all ``O`` get ``[]``.
        """
        lid = {lab: i for i, lab in enumerate(self.labels)}
        out: list[list[float]] = [[] for _ in tags]
        keep = [k for k, t in enumerate(tags) if t and (not only_names or any(g != "O" for g in t))]
        if not keep:
            return out
        lens = lens[keep]
        x = x[keep][:, : int(lens.max())]
        n_t = x.shape[1]
        # scaled forward-backward in probability space
        e_trans = np.exp(self.trans)
        ex = np.exp(x - x.max(axis=2, keepdims=True))
        alpha = np.empty_like(x)
        a = ex[:, 0]
        alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
        for t in range(1, n_t):
            a = (alpha[:, t - 1] @ e_trans) * ex[:, t]
            alpha[:, t] = a / a.sum(axis=1, keepdims=True)
        beta = np.ones_like(x)
        for t in range(n_t - 2, -1, -1):
            b = (ex[:, t + 1] * beta[:, t + 1]) @ e_trans.T
            beta[:, t] = b / b.sum(axis=1, keepdims=True)
            beta[lens <= t + 1, t] = 1.0
        post = alpha * beta
        post /= post.sum(axis=2, keepdims=True)
        for r, k in enumerate(keep):
            n = int(lens[r])
            y = [lid[g] for g in tags[k]]
            out[k] = [float(p) for p in post[r, np.arange(n), y]]
        return out
