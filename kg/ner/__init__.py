"""Arabic named-entity recognition: a two-stage CRF trained on ANERcorp.

Tags people (``PERS``), places (``LOC``), organisations (``ORG``) and other
names (``MISC``) with BIO tags, as ANERcorp does. The model files live in
``kg/data/ner`` (see its README for how they were trained and scored); they
are loaded once, on first use. Everything runs offline on the CPU.

Stage 1 is a linear-chain CRF over word, affix, shape and word-cluster
features (:mod:`kg.ner.features`). Stage 2 is a CRF that also sees stage
1's tags for the token, its neighbours and the other occurrences of the same
word in the surrounding sentences (names repeat within an article).

Examples
--------
>>> spans = find_entities("قال الرئيس السوري بشار الأسد في دمشق.")
>>> [(s.label, s.text) for s in spans]
[('PERS', 'بشار الأسد'), ('LOC', 'دمشق')]
>>> tag_tokens(["زار", "أوباما", "القاهرة"])
['O', 'B-PERS', 'B-LOC']
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kg.ner.conll import read_conll, write_conll
from kg.ner.crf import CrfTagger
from kg.ner.features import Clusters, context_features, load_clusters, sentence_features
from kg.ner.metrics import entity_scores, entity_spans
from kg.ner.tokenize import sentences, tokenize

__all__ = [
    "MODEL_DIR",
    "WINDOW",
    "NerModel",
    "NerSpan",
    "entity_scores",
    "find_entities",
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
        Holds ``stage1.crfsuite``, ``stage2.crfsuite``, ``clusters.tsv.gz``
        and, optionally, ``params.json`` with the ``o_scale`` of stage-2
        decoding (:meth:`kg.ner.crf.CrfTagger.tag_scaled`; 1.0 = Viterbi).
    """

    def __init__(self, directory: str | Path = MODEL_DIR) -> None:
        d = Path(directory)
        self.stage1 = CrfTagger(d / "stage1.crfsuite")
        self.stage2 = CrfTagger(d / "stage2.crfsuite")
        with gzip.open(d / "clusters.tsv.gz", "rt", encoding="utf-8") as f:
            self.clusters: Clusters = load_clusters(f)
        params = d / "params.json"
        self.o_scale = 1.0
        if params.is_file():
            self.o_scale = float(json.loads(params.read_text(encoding="utf-8")).get("o_scale", 1.0))
        self._lock = threading.Lock()

    def tag_block(
        self, block: Sequence[Sequence[str]], window: int | None = WINDOW, marginals: bool = False
    ) -> list[tuple[list[str], list[float]]]:
        """Tags (and optionally marginals) for consecutive sentences of one text."""
        with self._lock:
            feats = [sentence_features(s, self.clusters) for s in block]
            first = [self.stage1.tag(x) for x in feats]
            ctx = context_features(block, first, window)
            out: list[tuple[list[str], list[float]]] = []
            for x, c in zip(feats, ctx, strict=True):
                z = [a + b for a, b in zip(x, c, strict=True)]
                if marginals or self.o_scale != 1.0:
                    out.append(self.stage2.tag_scaled(z, self.o_scale))
                else:
                    out.append((self.stage2.tag(z), []))
            return out

    def tag_one(self, block: Sequence[Sequence[str]], first: Sequence[Sequence[str]], k: int) -> list[str]:
        """Stage-2 tags of sentence ``k`` of ``block`` given stage-1 tags of all."""
        with self._lock:
            x = sentence_features(block[k], self.clusters)
            [c] = context_features(block, first, None, targets=[k])
            z = [a + b for a, b in zip(x, c, strict=True)]
            return self.stage2.tag_scaled(z, self.o_scale)[0]

    def first_stage(self, tokens: Sequence[str]) -> list[str]:
        """Stage-1 tags for one sentence."""
        with self._lock:
            return self.stage1.tag(sentence_features(tokens, self.clusters))


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
    as context, so a sentence is yielded once ``window`` more have been read
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
    >>> list(tag_sentences([["زار", "أوباما", "القاهرة"], []]))
    [['O', 'B-PERS', 'B-LOC'], []]
    """
    model = load_model()
    block: list[list[str]] = []
    first: list[list[str]] = []
    base = 0  # index in the stream of block[0]
    next_out = 0
    for sent in sentences:
        block.append(list(sent))
        first.append(model.first_stage(sent) if sent else [])
        while next_out + window < base + len(block):
            yield _tag_at(model, block, first, next_out - base, window)
            next_out += 1
            drop = next_out - window - base
            if drop > 0:
                del block[:drop], first[:drop]
                base += drop
    while next_out < base + len(block):
        yield _tag_at(model, block, first, next_out - base, window)
        next_out += 1


def _tag_at(
    model: NerModel, block: list[list[str]], first: list[list[str]], k: int, window: int
) -> list[str]:
    if not block[k]:
        return []
    lo, hi = max(0, k - window), min(len(block), k + window + 1)
    return model.tag_one(block[lo:hi], first[lo:hi], k - lo)


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
    toks = []
    for s0, s1 in sentences(text):
        t = [(w, s0 + a, s0 + b) for w, a, b in tokenize(text[s0:s1])]
        if t:
            toks.append(t)
    if not toks:
        return []
    tagged = load_model().tag_block([[w for w, _, _ in t] for t in toks], window=WINDOW, marginals=True)
    out: list[NerSpan] = []
    for t, (tags, probs) in zip(toks, tagged, strict=True):
        for a, b, label in entity_spans(tags):
            start, end = t[a][1], t[b - 1][2]
            score = sum(probs[a:b]) / (b - a)
            out.append(NerSpan(start, end, label, text[start:end], round(score, 4)))
    return out
