"""Word tokens and Arabic proclitics on normalized text.

Matching works word by word on the normalized text (:mod:`kg.text.normalize`).
A *word* is a maximal run of letters and digits (``str.isalnum``). In front of
a word Arabic attaches proclitics: the conjunctions و ف, the prepositions
ب ل ك, in combination (وب, فل, …), and the article ال; ل + ال is written لل.
:func:`stems` lists the ways to read a word with those prefixes removed.

>>> from kg.text import normalize
>>> tokenize(normalize("وللتنظيم، بالبوكمال").text)
[(0, 8), (10, 19)]
>>> stems("بالبوكمال")
[('بالبوكمال', 0), ('البوكمال', 1)]
"""

from __future__ import annotations

from typing import Final

__all__ = ["PROCLITICS", "article_stems", "only_space_between", "stems", "tokenize"]

#: Proclitic sequences tried in front of a word ("" = none).
PROCLITICS: Final[tuple[str, ...]] = (
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
)

_MIN_STEM: Final = 2


def tokenize(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the words of ``text``.

    Examples
    --------
    >>> tokenize("قتل 12 شخصا.")
    [(0, 3), (4, 6), (7, 11)]
    """
    out: list[tuple[int, int]] = []
    start = -1
    for i, ch in enumerate(text):
        if ch.isalnum():
            if start < 0:
                start = i
        elif start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, len(text)))
    return out


def stems(word: str) -> list[tuple[str, int]]:
    """Readings of ``word`` with proclitics removed, and where each starts.

    Each reading is ``(stem, offset)``: the stem to look up and the offset in
    ``word`` where a mention of it begins. For ل + ال written لل the stem gets
    its article back (``للتنظيم`` reads as ``التنظيم``) and the mention begins
    at the لل, so that the span covers a whole written form. Stems shorter
    than two letters are not offered. The word itself comes first.

    Examples
    --------
    >>> stems("وللتنظيم")
    [('وللتنظيم', 0), ('للتنظيم', 1), ('لتنظيم', 2), ('التنظيم', 1)]
    >>> stems("داعش")
    [('داعش', 0)]
    """
    out: list[tuple[str, int]] = []
    for c in PROCLITICS:
        if not word.startswith(c):
            continue
        rest = word[len(c):]
        if len(rest) < _MIN_STEM:
            continue
        out.append((rest, len(c)))
        if c.endswith("ل") and rest.startswith("ل") and len(rest) > _MIN_STEM:
            out.append(("ا" + rest, len(c) - 1))
    return list(dict.fromkeys(out))


def article_stems(word: str) -> list[tuple[str, int]]:
    """Like :func:`stems`, adding each reading with the article ال removed too.

    Used for trigger words, which are listed without the article
    (``هجوم`` matches ``والهجوم``).

    Examples
    --------
    >>> [s for s, _ in article_stems("والهجوم")]
    ['والهجوم', 'الهجوم', 'هجوم']
    """
    out: dict[str, int] = {}
    for stem, off in stems(word):
        out.setdefault(stem, off)
        if stem.startswith("ال") and len(stem) - 2 >= _MIN_STEM:
            out.setdefault(stem[2:], off)
    return list(out.items())


def only_space_between(text: str, end: int, start: int) -> bool:
    """Whether ``text[end:start]`` is non-empty whitespace (two adjacent words).

    >>> only_space_between("دير الزور", 3, 4), only_space_between("دير، الزور", 3, 5)
    (True, False)
    """
    return start > end and text[end:start].isspace()
