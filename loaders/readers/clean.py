"""Offset-safe text cleaning: NFC, invisible formatting characters out, one newline style.

What :func:`clean_text` does, in order:

1. Unicode NFC (``unicodedata.normalize("NFC", raw)``). Offsets are kept
   against *this* string, the "raw NFC" text.
2. ``"\\r\\n"`` becomes ``"\\n"`` (the ``"\\r"`` is dropped, the ``"\\n"`` kept)
   and a lone ``"\\r"`` becomes ``"\\n"``.
3. Removed: bidi controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069,
   U+061C), zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF)
   and every other C0/C1 control character except ``"\\n"`` and ``"\\t"``.

Nothing else changes: Arabic diacritics, tatweel, spaces and punctuation stay
as they are (normalising those for matching is another layer's job).

Because each clean character comes from exactly one raw character, the map
back is a plain list: ``offsets[i]`` is the index in the raw NFC text of the
character that became ``text[i]``, and ``raw[offsets[i]] == text[i]`` except
where a lone ``"\\r"`` became ``"\\n"``.

>>> c = clean_text("داعش\\u200f\\r\\nدير الزور")
>>> c.text
'داعش\\nدير الزور'
>>> c.offsets[:6]
[0, 1, 2, 3, 6, 7]
>>> c.raw_span(5, 8)
(7, 10)
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["CleanText", "clean", "clean_text", "detect_lang", "is_arabic_letter"]

#: Bidi controls (LRM, RLM, embeddings/overrides, isolates, ALM).
BIDI_CONTROLS: Final = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
#: Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM / ZWNBSP).
ZERO_WIDTH: Final = "\u200b\u200c\u200d\u2060\ufeff"

# C0 controls except \t (09) and \n (0A), DEL and C1; \r (0D) has its own branches in _PATTERN.
_CONTROLS = "\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f"
_REMOVE_CLASS = f"[{BIDI_CONTROLS}{ZERO_WIDTH}{_CONTROLS}]"
# Branch order matters: "\r\n" before "\r".
_PATTERN: Final = re.compile(rf"\r\n|\r|{_REMOVE_CLASS}")

# Letters (and tatweel) of the Arabic blocks; marks, digits and punctuation are left out.
_ARABIC_RANGES = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc"
)
_ARABIC_LETTER: Final = re.compile(rf"[{_ARABIC_RANGES}]")
# UTF-8 lead bytes of U+0600–U+06FF (D8–DB) and U+0740–U+077F (DD).
_ARABIC_LEADS: Final = b"\xd8\xd9\xda\xdb\xdd"
# ASCII letters and the lead bytes of U+00C0–U+024F (C3–C9).
_LATIN_BYTES: Final = string.ascii_letters.encode("ascii") + bytes(range(0xC3, 0xCA))


@dataclass(frozen=True, slots=True)
class CleanText:
    """Clean text and the map from its characters back to the raw NFC text.

    Attributes
    ----------
    text : str
        The cleaned text.
    offsets : Sequence[int]
        ``offsets[i]`` is the index, in the NFC-normalised raw input, of the
        character that became ``text[i]``; strictly increasing, ``len(text)``
        entries.
    raw_length : int
        Length of the NFC-normalised raw input (where an empty span at the
        end of ``text`` maps to).

    Examples
    --------
    >>> c = clean_text("\\u202bحلب\\u202c")
    >>> c.text, list(c.offsets), c.raw_length
    ('حلب', [1, 2, 3], 5)
    """

    text: str
    offsets: Sequence[int]
    raw_length: int

    def raw_index(self, i: int) -> int:
        """Raw NFC index of the clean position ``i`` (``0 <= i <= len(text)``).

        A position is a gap between characters; ``len(text)`` maps to the
        raw length.

        >>> clean_text("a\\u200bb").raw_index(1)
        2
        """
        if not 0 <= i <= len(self.text):
            raise IndexError(f"position {i} outside clean text of length {len(self.text)}")
        return self.offsets[i] if i < len(self.text) else self.raw_length

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw NFC span ``[s, e)`` covering the clean span ``[start, end)``.

        The raw span is tight: it starts at the first and ends after the last
        source character, so removed characters at its edges are left out.

        >>> clean_text("\\u200fمعركة\\u200f").raw_span(0, 5)
        (1, 6)
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}..{end} outside clean text of length {len(self.text)}")
        if start == end:
            return (self.raw_index(start), self.raw_index(start))
        return (self.offsets[start], self.offsets[end - 1] + 1)

    def strip(self) -> CleanText:
        """The same text without leading and trailing whitespace, offsets kept in step.

        >>> c = clean_text("  \\u200fنص\\n")
        >>> s = c.strip()
        >>> s.text, list(s.offsets)
        ('نص', [3, 4])
        """
        stripped = self.text.lstrip()
        start = len(self.text) - len(stripped)
        stripped = stripped.rstrip()
        return CleanText(stripped, self.offsets[start:start + len(stripped)], self.raw_length)


def _replacement(match: re.Match[str]) -> str:
    return "\n" if match.group()[0] == "\r" else ""


def clean(raw: str) -> str:
    """The text of :func:`clean_text` without building the offset map (fast path for readers).

    >>> clean("أ\\u200dب\\r\\nج\\x07")
    'أب\\nج'
    """
    return _PATTERN.sub(_replacement, unicodedata.normalize("NFC", raw))


def clean_text(raw: str) -> CleanText:
    """Clean ``raw`` (see the module docstring) and keep the offset map.

    Parameters
    ----------
    raw : str
        Text as decoded from the source.

    Returns
    -------
    CleanText
        The clean text and, for each of its characters, its index in
        ``unicodedata.normalize("NFC", raw)``.

    Examples
    --------
    >>> c = clean_text("قال\\u200c \\u202bالمرصد\\u202c")
    >>> c.text
    'قال المرصد'
    >>> raw = "قال\\u200c \\u202bالمرصد\\u202c"
    >>> s, e = c.raw_span(4, 10)
    >>> raw[s:e]
    'المرصد'
    """
    nfc = unicodedata.normalize("NFC", raw)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _PATTERN.finditer(nfc):
        start, end = m.span()
        parts.append(nfc[pos:start])
        offsets.extend(range(pos, start))
        matched = m.group()
        if matched == "\r\n":
            parts.append("\n")
            offsets.append(start + 1)
        elif matched == "\r":
            parts.append("\n")
            offsets.append(start)
        pos = end
    parts.append(nfc[pos:])
    offsets.extend(range(pos, len(nfc)))
    return CleanText("".join(parts), offsets, len(nfc))


def is_arabic_letter(ch: str) -> bool:
    """Whether ``ch`` is a letter of the Arabic script blocks.

    >>> is_arabic_letter("ب"), is_arabic_letter("b"), is_arabic_letter("٣")
    (True, False, False)
    """
    return bool(_ARABIC_LETTER.fullmatch(ch)) and ch.isalpha()


def detect_lang(text: str, sample: int = 4000) -> str:
    """``"ar"`` when most letters of ``text`` are Arabic script, else ``"en"``.

    Counted over the first ``sample`` characters, at C speed on the UTF-8
    bytes: Arabic = characters of U+0600–U+06FF and U+0740–U+077F (the
    Arabic block and supplement: letters, plus the marks, digits and
    punctuation signs there); Latin = ASCII letters and U+00C0–U+024F. Other
    scripts count for neither, so text without Arabic is ``"en"``.

    >>> detect_lang("قصف مدفعي على ريف حلب (Aleppo)")
    'ar'
    >>> detect_lang("Shelling near Aleppo, said المرصد")
    'en'
    """
    data = text[:sample].encode("utf-8")
    arabic = len(data) - len(data.translate(None, _ARABIC_LEADS))
    latin = len(data) - len(data.translate(None, _LATIN_BYTES))
    return "ar" if arabic > latin else "en"
