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
- the same word, stem and cluster features for the neighbours at ±1 and ±2,
  and bigrams of neighbouring words.

Examples
--------
>>> stem("وبالعراق")
'عراق'
>>> f = sentence_features(["قال", "بشار"], {})
>>> "w=بشار" in f[1] and "-1:w=قال" in f[1]
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from kg.text.normalize import normalize_string

__all__ = ["Clusters", "load_clusters", "norm_token", "sentence_features", "shape", "stem"]

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


def _word_info(tok: str, clusters: Clusters) -> tuple[str, str, str, tuple[str, ...], tuple[str, ...]]:
    """(normalized, stem, path, other ids, stem's clusters); unknown clusters are ''."""
    n = norm_token(tok)
    s = stem(n)
    cs = clusters.get(s) or clusters.get("ال" + s) or _NONE
    c = clusters.get(n) or cs
    return n, s, c[0], c[1:], cs


def sentence_features(tokens: Sequence[str], clusters: Clusters) -> list[list[str]]:
    """Feature lists, one per token of a sentence.

    Parameters
    ----------
    tokens : sequence of str
        The tokens of one sentence (ANERcorp style).
    clusters : mapping
        Word clusters, ``norm_token(word) -> (path, k256)``.

    Returns
    -------
    list of list of str
        ``"name=value"`` features for each token.
    """
    info = [_word_info(t, clusters) for t in tokens]
    n_tok = len(tokens)
    out: list[list[str]] = []
    for i, tok in enumerate(tokens):
        n, s, path, ids, scl = info[i]
        f = [
            "b",
            "w=" + n,
            "raw=" + tok,
            "s=" + s,
            "sh=" + shape(tok),
            "len=" + str(min(len(n), 10)),
        ]
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
        if i == 0:
            f.append("BOS")
        if i == n_tok - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if not 0 <= j < n_tok:
                f.append(f"{d}:pad")
                continue
            nj, sj, pj, kj, _ = info[j]
            f.append(f"{d}:w=" + nj)
            f.extend(f"{d}:k{m}=" + c for m, c in enumerate(kj))
            if pj:
                f.append(f"{d}:c6=" + pj[:6])
                f.append(f"{d}:c=" + pj)
            if abs(d) == 1:
                f.append(f"{d}:s=" + sj)
                f.append(f"{d}:sh=" + shape(tokens[j]))
                f.append(f"{d}:x2=" + nj[-2:])
                f.append(f"{d}:p2=" + nj[:2])
        if i > 0:
            f.append("-1|0=" + info[i - 1][0] + "|" + n)
            f.append("-1c|0c=" + info[i - 1][2][:8] + "|" + path[:8])
        if i < n_tok - 1:
            f.append("0|1=" + n + "|" + info[i + 1][0])
            f.append("0c|1c=" + path[:8] + "|" + info[i + 1][2][:8])
        out.append(f)
    return out


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
    stems = [[stem(norm_token(t)) for t in s] for s in sentences]
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
    for k in range(n) if targets is None else targets:
        lo, hi = (0, n) if window is None else (max(0, k - window), min(n, k + window + 1))
        ctx_words = set(stems[k])
        total: dict[str, list[int]] = {w: [0, 0, 0, 0, 0] for w in ctx_words}
        for j in range(lo, hi):
            for w, c in per_sent[j].items():
                if w in total:
                    acc = total[w]
                    for m in range(5):
                        acc[m] += c[m]
        tags = first_tags[k]
        sent_out: list[list[str]] = []
        for i, w in enumerate(stems[k]):
            c = list(total[w])
            c[4] -= 1
            typ = tags[i][2:]
            if typ in types:
                c[types.index(typ)] -= 1
            f = ["s1=" + tags[i]]
            f.append("s1-1=" + (tags[i - 1] if i > 0 else "BOS"))
            f.append("s1+1=" + (tags[i + 1] if i + 1 < len(tags) else "EOS"))
            ent = sum(c[:4])
            if c[4] > 0 and len(w) > 1:
                if ent:
                    best = max(range(4), key=lambda m: c[m])
                    f.append("dm=" + types[best])
                    f.append("dm=" + types[best] + "|s1=" + tags[i])
                    share = ent / c[4]
                    f.append("dr=" + ("all" if share >= 1 else "most" if share >= 0.5 else "some"))
                else:
                    f.append("dm=none")
            sent_out.append(f)
        out.append(sent_out)
    return out
