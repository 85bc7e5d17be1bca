"""Token features for the CRF tagger.

Each token of a sentence becomes a list of string features (python-crfsuite
reads a feature given as ``"name=value"`` with weight 1). They are:

- the word, raw and normalized (:func:`norm_token`), its clitic-stripped
  stem (:func:`stem`) and the form without the article;
- prefixes and suffixes of 1–4 characters, the length (bucketed), the shape
  (Arabic, Latin, digits, punctuation, mixtures), the position at the start
  or end of the sentence;
- word clusters learned without supervision from news text (see
  ``kg/data/ner/README.md``): prefixes of the word's path in a tree over
  1,000 k-means clusters of word2vec vectors, and a second 256-way
  clustering, for the word and, when the word is unknown, for its stem;
- the same word, stem and cluster features for the neighbours at ±1 and ±2
  (:data:`OFFSETS`), and bigrams of neighbouring words;
- optionally, name-list (gazetteer) features (:mod:`kg.ner.gazetteer`).

The features that depend on one word only (its own, and those it gives its
neighbours) are built once per distinct token and cached (:class:`Word`,
:func:`words_for`); :mod:`kg.ner.linear` caches their summed weights too.

Examples
--------
>>> stem("وبالعراق")
'عراق'
>>> f = sentence_features(["قال", "بشار"], {})
>>> "w=بشار" in f[1] and "-1:w=قال" in f[1]
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from kg.ner.gazetteer import Gazetteer
from kg.text.normalize import normalize_string

__all__ = [
    "PADS",
    "Clusters",
    "Word",
    "context_features",
    "load_clusters",
    "norm_token", "pair_features",
    "sentence_extras",
    "sentence_features",
    "shape",
    "stem",
    "token_stem",
    "words_for",
]

#: word → (tree path bits, other cluster ids…) for the words the clusters know.
Clusters = Mapping[str, tuple[str, ...]]

_PATH_PREFIXES: Final = (2, 4, 6, 8, 10, 13)
_LEADING: Final = ("وال", "فال", "بال", "كال", "وبال", "ولل", "فلل", "لل", "ال")


def norm_token(tok: str) -> str:
    """Normalized form used for word identity and clusters.

    Examples
    --------
    >>> norm_token("الإسلاميّة")
    'الاسلاميه'
    """
    return normalize_string(tok).lower()


def stem(n: str) -> str:
    """A normalized word without leading conjunction, preposition and article.

    Strips one of و ف, then one of ب ل ك, then ال (or the لل of ل + ال),
    keeping at least two letters.

    Examples
    --------
    >>> stem("والانتخابات"), stem("للجيش"), stem("بغداد"), stem("ولد")
    ('انتخابات', 'جيش', 'غداد', 'ولد')
    """
    for p in _LEADING:
        if n.startswith(p) and len(n) - len(p) >= 2:
            return n[len(p):]
    s = n
    if s[:1] in ("و", "ف") and len(s) > 3:
        s = s[1:]
    if s[:1] in ("ب", "ل", "ك") and len(s) > 3:
        s = s[1:]
    return s


@functools.lru_cache(maxsize=1 << 17)
def token_stem(tok: str) -> str:
    """``stem(norm_token(tok))``, cached.

    Examples
    --------
    >>> token_stem("وبالعراق")
    'عراق'
    """
    return stem(norm_token(tok))


def shape(tok: str) -> str:
    """A coarse shape: A (Arabic), L (Latin), D (digit), P (other), collapsed.

    Examples
    --------
    >>> shape("عام2006"), shape("CNN"), shape("«")
    ('AD', 'L', 'P')
    """
    out: list[str] = []
    for ch in tok:
        if "\u0600" <= ch <= "\u06ff" and not ch.isdigit():
            c = "A"
        elif ch.isdigit():
            c = "D"
        elif ch.isalpha():
            c = "L"
        else:
            c = "P"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


_NONE: Final[tuple[str, ...]] = ("",)
#: Neighbours (offsets) whose features a token gets.
OFFSETS: Final = (-2, -1, 1, 2)
_CACHE_MAX: Final = 200_000


def _word_info(tok: str, clusters: Clusters) -> tuple[str, str, str, tuple[str, ...], tuple[str, ...]]:
    """(normalized, stem, path, other ids, stem's clusters); unknown clusters are ''."""
    n = norm_token(tok)
    s = stem(n)
    cs = clusters.get(s) or clusters.get("ال" + s) or _NONE
    c = clusters.get(n) or cs
    return n, s, c[0], c[1:], cs


class Word:
    """The features of a token that do not depend on its sentence."""

    __slots__ = ("n", "near", "own", "path8", "raw", "s")

    def __init__(self, tok: str, clusters: Clusters) -> None:
        n, s, path, ids, scl = _word_info(tok, clusters)
        self.raw = tok
        self.n, self.s, self.path8 = n, s, path[:8]
        sh = shape(tok)
        f = ["b", "w=" + n, "raw=" + tok, "s=" + s, "sh=" + sh, "len=" + str(min(len(n), 10))]
        f.extend(f"k{j}=" + c for j, c in enumerate(ids))
        if s != n and scl[0]:
            f.append("sc=" + scl[0])
            f.append("sc6=" + scl[0][:6])
            f.extend(f"sk{j}=" + c for j, c in enumerate(scl[1:]))
        if n != s:
            f.append("noal=" + (n[2:] if n.startswith("ال") else n))
        for k in range(1, 5):
            if len(n) >= k:
                f.append(f"p{k}=" + n[:k])
                f.append(f"x{k}=" + n[-k:])
        for k in range(1, 4):
            if len(s) > k:
                f.append(f"sx{k}=" + s[-k:])
        if path:
            f.extend(f"c{k}=" + path[:k] for k in _PATH_PREFIXES if len(path) >= k)
            f.append("c=" + path)
        else:
            f.append("c=none")
        self.own: tuple[str, ...] = tuple(f)
        near: dict[int, tuple[str, ...]] = {}
        for d in OFFSETS:
            g = [f"{d}:w=" + n]
            g.extend(f"{d}:k{m}=" + c for m, c in enumerate(ids))
            if path:
                g.append(f"{d}:c6=" + path[:6])
                g.append(f"{d}:c=" + path)
            if abs(d) == 1:
                g.append(f"{d}:s=" + s)
                g.append(f"{d}:sh=" + sh)
                g.append(f"{d}:x2=" + n[-2:])
                g.append(f"{d}:p2=" + n[:2])
            near[d] = tuple(g)
        #: features this word gives the token ``d`` places before it (``-d`` …)
        self.near = near


class Words:
    """A bounded cache of :class:`Word` for one cluster table."""

    def __init__(self, clusters: Clusters) -> None:
        self.clusters = clusters
        self.cache: dict[str, Word] = {}

    def get(self, tok: str) -> Word:
        w = self.cache.get(tok)
        if w is None:
            if len(self.cache) >= _CACHE_MAX:
                self.cache.clear()
            w = self.cache[tok] = Word(tok, self.clusters)
        return w


_WORDS: dict[int, Words] = {}


def words_for(clusters: Clusters) -> Words:
    """The word cache for a cluster table (kept while the table is alive)."""
    ws = _WORDS.get(id(clusters))
    if ws is None or ws.clusters is not clusters:
        if len(_WORDS) > 8:
            _WORDS.clear()
        ws = _WORDS[id(clusters)] = Words(clusters)
    return ws


def sentence_features(
    tokens: Sequence[str], clusters: Clusters, gazetteer: Gazetteer | None = None
) -> list[list[str]]:
    """Feature lists, one per token of a sentence.

    Parameters
    ----------
    tokens : sequence of str
        The tokens of one sentence (ANERcorp style).
    clusters : mapping
        Word clusters, ``norm_token(word) -> (path, k256)``.
    gazetteer : Gazetteer, optional
        Name lists; adds their ``gz=…`` features (:mod:`kg.ner.gazetteer`).

    Returns
    -------
    list of list of str
        ``"name=value"`` features for each token (order not significant).
    """
    info = [words_for(clusters).get(t) for t in tokens]
    out: list[list[str]] = []
    n_tok = len(tokens)
    for i, (wi, extra) in enumerate(zip(info, sentence_extras(info, gazetteer), strict=True)):
        f = list(wi.own)
        for d in OFFSETS:
            j = i + d
            f.extend(info[j].near[d] if 0 <= j < n_tok else PADS[d])
        f.extend(extra)
        out.append(f)
    return out


#: What a token gets for a missing neighbour at each offset.
PADS: Final[dict[int, tuple[str, ...]]] = {d: (f"{d}:pad",) for d in OFFSETS}


def sentence_extras(
    info: Sequence[Word], gazetteer: Gazetteer | None = None, pairs: bool = True
) -> list[list[str]]:
    """The features of each token that depend on more than one word (but not on
    :data:`PADS`): sentence start and end, word and cluster bigrams
    (:func:`pair_features`; left out unless ``pairs``), name lists."""
    n_tok = len(info)
    gz = gazetteer.features([w.s for w in info]) if gazetteer is not None else None
    out: list[list[str]] = []
    for i, wi in enumerate(info):
        f: list[str] = []
        if not pairs:
            if gz is not None:
                f.extend(gz[i])
            out.append(f)
            continue
        if i == 0:
            f.extend(BOS)
        if i == n_tok - 1:
            f.extend(EOS)
        if i > 0:
            f.extend(pair_features(info[i - 1], wi)[0])
        if i < n_tok - 1:
            f.extend(pair_features(wi, info[i + 1])[1])
        if gz is not None:
            f.extend(gz[i])
        out.append(f)
    return out


#: Features of the first and of the last token of a sentence.
BOS: Final = ("BOS",)
EOS: Final = ("EOS",)


def pair_features(left: Word, right: Word) -> tuple[tuple[str, str], tuple[str, str]]:
    """Bigram features of two adjacent words: (those of the right one, those of the left one)."""
    return (
        ("-1|0=" + left.n + "|" + right.n, "-1c|0c=" + left.path8 + "|" + right.path8),
        ("0|1=" + left.n + "|" + right.n, "0c|1c=" + left.path8 + "|" + right.path8),
    )


def load_clusters(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Parse ``word<TAB>path<TAB>id…`` lines (``#`` lines are comments).

    Examples
    --------
    >>> load_clusters(["# header", "دمشق\\t0110\\t7"])
    {'دمشق': ('0110', '7')}
    """
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2:
            out[parts[0]] = tuple(parts[1:])
    return out


def context_features(
    sentences: Sequence[Sequence[str]],
    first_tags: Sequence[Sequence[str]],
    window: int | None,
    targets: Iterable[int] | None = None,
) -> list[list[list[str]]]:
    """Second-stage features from first-stage tags of the surrounding text.

    Names repeat within an article, and the first mention is often the
    easiest to recognise. For each token this adds the first-stage tag of
    the token and of its neighbours, and how the *other* occurrences of the
    same stem in the surrounding sentences were tagged: the majority entity
    type and the share of occurrences inside an entity.

    Parameters
    ----------
    sentences : sequence of sequences of str
        Consecutive sentences of one text.
    first_tags : sequence of sequences of str
        First-stage BIO tags for each sentence.
    window : int or None
        How many sentences before and after count as context; ``None``
        means the whole sequence (one article).
    targets : iterable of int, optional
        Indices of the sentences to compute features for (default: all).

    Returns
    -------
    list of list of list of str
        Extra features per token, for each target sentence.

    Examples
    --------
    >>> f = context_features([["زار", "نيسان"], ["قال", "نيسان"]],
    ...                      [["O", "B-ORG"], ["O", "O"]], None)
    >>> "dm=ORG" in f[1][1], "s1=O" in f[1][1]
    (True, True)
    """
    stems = [[token_stem(t) for t in s] for s in sentences]
    per_sent: list[dict[str, list[int]]] = []
    types = ("PERS", "LOC", "ORG", "MISC")
    for st, tg in zip(stems, first_tags, strict=True):
        d: dict[str, list[int]] = {}
        for w, t in zip(st, tg, strict=True):
            c = d.setdefault(w, [0, 0, 0, 0, 0])
            c[4] += 1
            typ = t[2:]
            if typ in types:
                c[types.index(typ)] += 1
        per_sent.append(d)
    n = len(sentences)
    out: list[list[list[str]]] = []
    total: dict[str, list[int]] = {}
    lo = hi = 0  # total counts the sentences lo..hi-1

    def move(j: int, sign: int) -> None:
        for w, c in per_sent[j].items():
            acc = total.get(w)
            if acc is None:
                acc = total[w] = [0, 0, 0, 0, 0]
            for m in range(5):
                acc[m] += sign * c[m]

    for k in range(n) if targets is None else targets:
        new_lo, new_hi = (0, n) if window is None else (max(0, k - window), min(n, k + window + 1))
        if new_lo < lo or new_hi < hi or new_lo >= hi:  # not a forward slide: start again
            total.clear()
            lo = hi = new_lo
        while hi < new_hi:
            move(hi, 1)
            hi += 1
        while lo < new_lo:
            move(lo, -1)
            lo += 1
        tags = first_tags[k]
        sent_out: list[list[str]] = []
        n_tags = len(tags)
        for i, w in enumerate(stems[k]):
            c = list(total[w])
            c[4] -= 1
            tag = tags[i]
            typ = tag[2:]
            if typ in types:
                c[types.index(typ)] -= 1
            f = ["s1=" + tag, "s1-1=" + (tags[i - 1] if i > 0 else "BOS"),
                 "s1+1=" + (tags[i + 1] if i + 1 < n_tags else "EOS")]
            if c[4] > 0 and len(w) > 1:
                ent = c[0] + c[1] + c[2] + c[3]
                if ent:
                    best = types[c.index(max(c[:4]))]
                    f.append("dm=" + best)
                    f.append("dm=" + best + "|s1=" + tag)
                    share = ent / c[4]
                    f.append("dr=" + ("all" if share >= 1 else "most" if share >= 0.5 else "some"))
                else:
                    f.append("dm=none")
            sent_out.append(f)
        out.append(sent_out)
    return out
