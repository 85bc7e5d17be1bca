"""Arabic named-entity recognition: a two-stage CRF trained on ANERcorp.

Tags people (``PERS``), places (``LOC``), organisations (``ORG``) and other
names (``MISC``) with BIO tags, as ANERcorp does. The model files live in
``kg/data/ner`` (see its README for how they were trained and scored); they
are loaded once, on first use. Everything runs offline on the CPU.

Stage 1 is a linear-chain CRF over word, affix, shape and word-cluster
features (:mod:`kg.ner.features`). Stage 2 is a CRF that also sees stage
1's tags for the token, its neighbours and the other occurrences of the same
word in the surrounding sentences (names repeat within an article).

For many texts, :func:`find_entities_many` tags several at once (faster).
Scoring and decoding use numpy when it is installed (:mod:`kg.ner.linear`,
same tags as python-crfsuite), else python-crfsuite.

Examples
--------
>>> spans = find_entities("قال الرئيس السوري بشار الأسد في دمشق.")
>>> [(s.label, s.text) for s in spans]
[('PERS', 'بشار الأسد'), ('LOC', 'دمشق')]
>>> tag_tokens(["زار", "بوش", "القاهرة"])
['O', 'B-PERS', 'B-LOC']
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kg.ner.conll import read_conll, write_conll
from kg.ner.crf import CrfTagger
from kg.ner.features import (
    Clusters,
    Word,
    context_features,
    load_clusters,
    sentence_extras,
    sentence_features,
    words_for,
)
from kg.ner.gazetteer import Gazetteer, load_gazetteer
from kg.ner.metrics import entity_scores, entity_spans
from kg.ner.tokenize import Token, sentences, tokenize

if TYPE_CHECKING:
    from kg.ner.linear import LinearCrf

__all__ = [
    "MODEL_DIR",
    "WINDOW",
    "NerModel",
    "NerSpan",
    "entity_scores",
    "find_entities",
    "find_entities_many",
    "load_model",
    "read_conll",
    "tag_sentences",
    "tag_tokens",
    "write_conll",
]

#: Where the shipped model files are.
MODEL_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "ner"
#: Sentences on each side that stage 2 looks at (as in training).
WINDOW: Final = 8


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A named entity found in a text.

    Attributes
    ----------
    start, end : int
        Character offsets into the text, ``text[start:end] == self.text``.
    label : str
        ``PERS``, ``LOC``, ``ORG`` or ``MISC``.
    text : str
        The surface form.
    score : float or None
        Mean marginal probability of the span's tags under stage 2.
    """

    start: int
    end: int
    label: str
    text: str
    score: float | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span {self.start}..{self.end} does not fit its text {self.text!r}")


class NerModel:
    """The two CRF stages and the word clusters, loaded from a directory.

    Parameters
    ----------
    directory : str or Path
        Holds ``stage1.crfsuite``, ``stage2.crfsuite``, ``clusters.tsv.gz``,
        optionally ``gazetteer.tsv.gz`` (name lists, :mod:`kg.ner.gazetteer`)
        and ``params.json`` with the ``o_scale`` of stage-2 decoding
        (:meth:`kg.ner.crf.CrfTagger.tag_scaled`; 1.0 = Viterbi).
    fast : bool
        Score and decode with numpy (:mod:`kg.ner.linear`, same tags) when
        numpy is installed and ``o_scale`` is 1; else through python-crfsuite.
    """

    def __init__(self, directory: str | Path = MODEL_DIR, fast: bool = True) -> None:
        d = Path(directory)
        self.stage1 = CrfTagger(d / "stage1.crfsuite")
        self.stage2 = CrfTagger(d / "stage2.crfsuite")
        with gzip.open(d / "clusters.tsv.gz", "rt", encoding="utf-8") as f:
            self.clusters: Clusters = load_clusters(f)
        self.gazetteer: Gazetteer | None = None
        if (d / "gazetteer.tsv.gz").is_file():
            with gzip.open(d / "gazetteer.tsv.gz", "rt", encoding="utf-8") as f:
                self.gazetteer = load_gazetteer(f)
        params = d / "params.json"
        self.o_scale = 1.0
        if params.is_file():
            self.o_scale = float(json.loads(params.read_text(encoding="utf-8")).get("o_scale", 1.0))
        self._lock = threading.Lock()
        self._fast: tuple[LinearCrf, LinearCrf] | None = None
        self._preps: dict[tuple[str, ...], tuple[list[Word], list[list[str]]]] = {}
        if fast and self.o_scale == 1.0:
            try:
                from kg.ner.linear import LinearCrf
            except ImportError:  # pragma: no cover - numpy is optional
                pass
            else:
                f1, f2 = LinearCrf.joint([self.stage1, self.stage2])
                self._fast = (f1, f2)

    def _features(self, tokens: Sequence[str]) -> list[list[str]]:
        return sentence_features(tokens, self.clusters, self.gazetteer)

    def tag_block(
        self, block: Sequence[Sequence[str]], window: int | None = WINDOW, marginals: bool = False
    ) -> list[tuple[list[str], list[float]]]:
        """Tags (and optionally marginals) for consecutive sentences of one text."""
        return self.tag_blocks([block], window, marginals)[0]

    def tag_blocks(
        self,
        blocks: Sequence[Sequence[Sequence[str]]],
        window: int | None = WINDOW,
        marginals: bool = False,
        only_names: bool = False,
    ) -> list[list[tuple[list[str], list[float]]]]:
        """:meth:`tag_block` for several independent texts at once (faster than one by one).

        With ``only_names``, marginals are left out (``[]``) for sentences without a name.
        """
        flat = [s for b in blocks for s in b]
        first = self.first_block(flat)
        out: list[list[tuple[list[str], list[float]]]] = []
        jobs: list[tuple[Sequence[Sequence[str]], Sequence[Sequence[str]], Sequence[int]]] = []
        at = 0
        for b in blocks:
            jobs.append((b, first[at:at + len(b)], range(len(b))))
            at += len(b)
        res = self._second(jobs, window, marginals, only_names)
        at = 0
        for b in blocks:
            out.append(res[at:at + len(b)])
            at += len(b)
        return out

    def _prep(self, tokens: Sequence[str]) -> tuple[list[Word], list[list[str]]]:
        """A sentence's words and sentence-level features (cached: both stages need them)."""
        key = tuple(tokens)
        got = self._preps.get(key)
        if got is None:
            if len(self._preps) >= 4096:
                self._preps.clear()
            ws = words_for(self.clusters)
            words = [ws.get(t) for t in tokens]
            got = self._preps[key] = (words, sentence_extras(words, self.gazetteer, pairs=False))
        return got

    def first_block(self, block: Sequence[Sequence[str]]) -> list[list[str]]:
        """Stage-1 tags of some sentences."""
        with self._lock:
            if self._fast is not None:
                f1 = self._fast[0]
                return f1.viterbi(*f1.unary([self._prep(s) for s in block]))
            return [self.stage1.tag(self._features(s)) for s in block]

    def tag_targets(
        self,
        block: Sequence[Sequence[str]],
        first: Sequence[Sequence[str]],
        window: int | None,
        targets: Sequence[int],
        marginals: bool = False,
    ) -> list[tuple[list[str], list[float]]]:
        """Stage-2 tags (and marginals) of sentences ``targets`` of ``block``,
        given the stage-1 tags ``first`` of every sentence of the block."""
        return self._second([(block, first, targets)], window, marginals)

    def _second(
        self,
        jobs: Sequence[tuple[Sequence[Sequence[str]], Sequence[Sequence[str]], Sequence[int]]],
        window: int | None,
        marginals: bool,
        only_names: bool = False,
    ) -> list[tuple[list[str], list[float]]]:
        with self._lock:
            ctx: list[list[list[str]]] = []
            sents: list[Sequence[str]] = []
            for block, first, targets in jobs:
                ctx += context_features(block, first, window, targets=targets)
                sents += [block[k] for k in targets]
            if self._fast is not None:
                f2 = self._fast[1]
                x, lens = f2.unary([self._prep(s) for s in sents], ctx)
                tags = f2.viterbi(x, lens)
                probs = f2.marginals(x, lens, tags, only_names) if marginals else [[] for _ in tags]
                return list(zip(tags, probs, strict=True))
            out: list[tuple[list[str], list[float]]] = []
            for sent, c in zip(sents, ctx, strict=True):
                z = [a + b for a, b in zip(self._features(sent), c, strict=True)]
                if marginals or self.o_scale != 1.0:
                    out.append(self.stage2.tag_scaled(z, self.o_scale))
                else:
                    out.append((self.stage2.tag(z), []))
            return out


_MODEL: NerModel | None = None
_MODEL_LOCK = threading.Lock()


def load_model() -> NerModel:
    """The shipped model, loaded on the first call and cached.

    Raises
    ------
    FileNotFoundError
        When the model files are missing from :data:`MODEL_DIR`.
    """
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = NerModel(MODEL_DIR)
        return _MODEL


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """BIO tags for one sentence of ANERcorp-style tokens (no context).

    Parameters
    ----------
    tokens : sequence of str
        One sentence, punctuation split off (:func:`kg.ner.tokenize.tokenize`).

    Returns
    -------
    list of str
        One tag per token (``O``, ``B-PERS``, ``I-LOC``, …).

    Examples
    --------
    >>> tag_tokens(["وصل", "الوفد", "إلى", "بغداد"])
    ['O', 'O', 'O', 'B-LOC']
    """
    if not tokens:
        return []
    return load_model().tag_block([tokens], window=0)[0][0]


def tag_sentences(sentences: Iterable[Sequence[str]], window: int = WINDOW) -> Iterator[list[str]]:
    """BIO tags for consecutive sentences of one running text, streamed.

    Each sentence is tagged with the ``window`` sentences before and after it
    as context. Sentences are tagged in chunks of 64, so a sentence is
    yielded once the rest of its chunk and ``window`` more have been read
    (or the input has ended).

    Parameters
    ----------
    sentences : iterable of sequences of str
        Consecutive sentences of tokens.
    window : int
        Context sentences on each side.

    Yields
    ------
    list of str
        The tags of each sentence, in order.

    Examples
    --------
    >>> list(tag_sentences([["زار", "بوش", "القاهرة"], []]))
    [['O', 'B-PERS', 'B-LOC'], []]
    """
    model = load_model()
    it = iter(sentences)
    block: list[list[str]] = []
    first: list[list[str]] = []
    base = 0  # index in the stream of block[0]
    next_out = 0
    done = False
    while True:
        new: list[list[str]] = []
        while not done and base + len(block) + len(new) < next_out + _CHUNK + window:
            try:
                new.append(list(next(it)))
            except StopIteration:
                done = True
        block += new
        first += model.first_block(new) if new else []
        end = base + len(block) if done else next_out + _CHUNK
        if end <= next_out:
            return
        targets = [k - base for k in range(next_out, end)]
        for tags, _ in model.tag_targets(block, first, window, targets):
            yield tags
        next_out = end
        drop = next_out - window - base
        if drop > 0:
            del block[:drop], first[:drop]
            base += drop


#: Sentences tagged together by :func:`tag_sentences`.
_CHUNK: Final = 64


def find_entities(text: str) -> list[NerSpan]:
    """Named entities in a text, as character spans.

    The text is split into sentences and ANERcorp-style tokens
    (:mod:`kg.ner.tokenize`), tagged with the whole text as context, and runs
    of ``B-X I-X …`` become spans from the first token's start to the last
    token's end.

    Parameters
    ----------
    text : str
        Any text (an article, a paragraph, a sentence).

    Returns
    -------
    list of NerSpan
        In text order; ``text[s.start:s.end] == s.text`` for each.

    Examples
    --------
    >>> text = "وصل وزير الخارجية الأمريكي جون كيري إلى بغداد أمس."
    >>> [(s.start, s.end, s.label, s.text) for s in find_entities(text)]
    [(27, 35, 'PERS', 'جون كيري'), (40, 45, 'LOC', 'بغداد')]
    """
    return next(find_entities_many([text]))


def find_entities_many(texts: Iterable[str], batch: int = 16) -> Iterator[list[NerSpan]]:
    """:func:`find_entities` for each of many texts, tagged ``batch`` texts at a time (faster).

    Examples
    --------
    >>> [[s.text for s in spans] for spans in find_entities_many(["زار بوش القاهرة", ""])]
    [['بوش', 'القاهرة'], []]
    """
    model = load_model()
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) >= batch:
            yield from _find_in(model, chunk)
            chunk = []
    if chunk:
        yield from _find_in(model, chunk)


def _find_in(model: NerModel, texts: Sequence[str]) -> list[list[NerSpan]]:
    all_toks: list[list[list[Token]]] = []
    for text in texts:
        toks = []
        for s0, s1 in sentences(text):
            t = [(w, s0 + a, s0 + b) for w, a, b in tokenize(text[s0:s1])]
            if t:
                toks.append(t)
        all_toks.append(toks)
    blocks = [[[w for w, _, _ in t] for t in toks] for toks in all_toks]
    tagged = model.tag_blocks(blocks, WINDOW, marginals=True, only_names=True)
    res: list[list[NerSpan]] = []
    for text, toks, tags_probs in zip(texts, all_toks, tagged, strict=True):
        out: list[NerSpan] = []
        for t, (tags, probs) in zip(toks, tags_probs, strict=True):
            for a, b, label in entity_spans(tags):
                start, end = t[a][1], t[b - 1][2]
                score = sum(probs[a:b]) / (b - a)
                out.append(NerSpan(start, end, label, text[start:end], round(score, 4)))
        res.append(out)
    return res
