"""Offset-preserving Arabic normalization for matching.

The normalized text is for comparing strings only; it is never written back
into a :class:`~kg.model.Document`. Each normalized character remembers the
index of the original character it came from, so a match found in the
normalized text maps back to a span of the original.

What changes:

- diacritics (U+064B–U+0652: tanwin, fatha, damma, kasra, shadda, sukun) and
  the superscript alef (U+0670) are removed, and so is tatweel (U+0640);
- hamzated and wasla alefs أ إ آ ٱ become ا; alef maqsura ى becomes ي;
  ta marbuta ة becomes ه;
- Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits become ASCII.

Everything else is kept as it is, one character for one character.

Examples
--------
>>> n = normalize("قُتِلَ في الرَّقَّة")
>>> n.text
'قتل في الرقه'
>>> s, e = n.text.index("الرقه"), len(n.text)
>>> n.to_original_span(s, e)
(10, 19)
>>> "قُتِلَ في الرَّقَّة"[10:19]
'الرَّقَّة'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Final

__all__ = ["Normalized", "normalize", "normalize_string"]

#: Characters dropped altogether: harakat, superscript alef, tatweel.
_DROP: Final[frozenset[str]] = frozenset(
    [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
)

#: One-to-one character replacements.
_MAP: Final[dict[str, str]] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized text and, for each of its characters, the original index.

    ``to_original`` has one entry more than ``text``: the sentinel at the end
    is the length of the original text, so that the end of a match at the
    very end of the text maps too.

    Attributes
    ----------
    text : str
        The normalized text.
    to_original : list of int
        ``to_original[i]`` is the index in the original text of normalized
        character ``i``; ``to_original[len(text)]`` is the original length.
    """

    text: str
    to_original: list[int]
    #: for normalized character ``i``, the original index just after it and the
    #: combining marks (diacritics) that follow it; empty when not computed
    cluster_end: list[int] = field(default_factory=list)

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` back to original offsets.

        The original span runs from the first matched character to just
        after the last one and the diacritics on it, so a span never splits a
        letter from its marks; other dropped characters just outside it (a
        tatweel) are not covered.

        Parameters
        ----------
        start, end : int
            Offsets into :attr:`text`, ``0 <= start <= end <= len(text)``.

        Returns
        -------
        tuple of int
            ``(start, end)`` in the original text.

        Raises
        ------
        ValueError
            When the offsets are out of range.

        Examples
        --------
        >>> n = normalize("بِـداعش")
        >>> n.text, n.to_original_span(1, 5)
        ('بداعش', (3, 7))
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}..{end} outside normalized text of length {len(self.text)}")
        if start == end:
            return (self.to_original[start], self.to_original[start])
        last = self.cluster_end[end - 1] if self.cluster_end else self.to_original[end - 1] + 1
        return (self.to_original[start], last)


def normalize(text: str) -> Normalized:
    """Normalize Arabic text for matching, keeping a map to the original offsets.

    Parameters
    ----------
    text : str
        The original text (never modified).

    Returns
    -------
    Normalized
        The normalized text and its offset map.

    Examples
    --------
    >>> n = normalize("إيرانيًّا ٢٠١٨")
    >>> n.text
    'ايرانيا 2018'
    >>> n.to_original[:8], n.to_original[-1]
    ([0, 1, 2, 3, 4, 5, 8, 9], 14)
    """
    out: list[str] = []
    to_original: list[int] = []
    cluster_end: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            if cluster_end and unicodedata.combining(ch) and cluster_end[-1] == i:
                cluster_end[-1] = i + 1  # a mark stays with the letter before it
            continue
        out.append(_MAP.get(ch, ch))
        to_original.append(i)
        cluster_end.append(i + 1)
    to_original.append(len(text))
    return Normalized("".join(out), to_original, cluster_end)


def normalize_string(text: str) -> str:
    """The normalized form of a string, without the offset map.

    Examples
    --------
    >>> normalize_string("الدولة الإسلاميّة")
    'الدوله الاسلاميه'
    """
    return "".join(_MAP.get(ch, ch) for ch in text if ch not in _DROP)
