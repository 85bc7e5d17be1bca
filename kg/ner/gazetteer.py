"""Name lists as CRF features: which tokens start or continue a listed name.

A :class:`Gazetteer` maps sequences of *stems* (normalized, clitic-stripped
words, :func:`kg.ner.features.stem`) to labels such as ``p:LOC`` (from the
project's place list) or ``a:ORG!`` (an ORG name of ANERcorp train that is
tagged as such in most of its occurrences). For each token it yields
features ``gz=<label>-B`` / ``gz=<label>-I`` for every listed name that
starts at / covers it, and the same features of the neighbours at ±1.

The shipped lists are in ``kg/data/ner/gazetteer.tsv.gz`` (``label<TAB>stems``
lines, stems separated by spaces); ``training/ner/gaz.py`` builds them.

Examples
--------
>>> g = Gazetteer({("امم", "متحده"): {"p:ORG"}, ("سوريا",): {"p:LOC"}})
>>> g.features(["قال", "امم", "متحده", "سوريا"])[1]
['gz=p:ORG-B', '+1:gz=p:ORG-I']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

__all__ = ["MAX_LEN", "Gazetteer", "load_gazetteer"]

#: Longest listed name, in tokens.
MAX_LEN: Final = 6


class Gazetteer:
    """Listed names (stem tuples → labels) and their features for a sentence."""

    def __init__(self, entries: Mapping[tuple[str, ...], Iterable[str]]) -> None:
        self.entries: dict[tuple[str, ...], tuple[str, ...]] = {
            k: tuple(sorted(set(v))) for k, v in entries.items() if k and len(k) <= MAX_LEN
        }
        self._prefixes: set[tuple[str, ...]] = set()
        for k in self.entries:
            for i in range(1, len(k) + 1):
                self._prefixes.add(k[:i])

    def __len__(self) -> int:
        return len(self.entries)

    def features(self, stems: Sequence[str]) -> list[list[str]]:
        """``gz=…`` features for each token of a sentence given its stems."""
        n = len(stems)
        own: list[list[str]] = [[] for _ in range(n)]
        prefixes, entries = self._prefixes, self.entries
        for i in range(n):
            for j in range(i + 1, min(n, i + MAX_LEN) + 1):
                key = tuple(stems[i:j])
                if key not in prefixes:
                    break
                labels = entries.get(key)
                if labels:
                    for lab in labels:
                        own[i].append("gz=" + lab + "-B")
                        for m in range(i + 1, j):
                            own[m].append("gz=" + lab + "-I")
        out: list[list[str]] = []
        for i in range(n):
            f = list(dict.fromkeys(own[i]))
            if i > 0:
                f.extend(dict.fromkeys("-1:" + x for x in own[i - 1]))
            if i + 1 < n:
                f.extend(dict.fromkeys("+1:" + x for x in own[i + 1]))
            out.append(f)
        return out

    def dump(self) -> list[str]:
        """``label<TAB>stems`` lines, sorted (the format :func:`load_gazetteer` reads)."""
        return sorted(f"{lab}\t{' '.join(k)}" for k, labs in self.entries.items() for lab in labs)


def load_gazetteer(lines: Iterable[str]) -> Gazetteer:
    """Read ``label<TAB>stem stem…`` lines (``#`` lines are comments).

    Examples
    --------
    >>> load_gazetteer(["# x", "p:LOC\\tسوريا", "a:LOC\\tسوريا"]).entries
    {('سوريا',): ('a:LOC', 'p:LOC')}
    """
    entries: dict[tuple[str, ...], set[str]] = {}
    for line in lines:
        if line.startswith("#") or "\t" not in line:
            continue
        lab, words = line.rstrip("\n").split("\t", 1)
        key = tuple(words.split())
        if key:
            entries.setdefault(key, set()).add(lab)
    return Gazetteer(entries)
