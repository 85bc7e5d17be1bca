"""Tokens and sentences in the style of ANERcorp, with character offsets.

ANERcorp splits punctuation off words but leaves clitics attached (``وقال``,
``بالعراق``) and keeps letters and digits of one word together (``و6``,
``عام2006``). :func:`tokenize` does the same, so that the tagger sees the
kind of tokens it was trained on, and keeps each token's offsets into the
original text: ``text[start:end]`` is always the token.

Examples
--------
>>> [t for t, _, _ in tokenize("قال «الأسد»، في دمشق.")]
['قال', '«', 'الأسد', '»', '،', 'في', 'دمشق', '.']
>>> sentences("وصل الوفد. ثم غادر!")
[(0, 10), (11, 19)]
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["Token", "sentences", "tokenize"]

#: ``(text, start, end)`` with ``text == source[start:end]``.
Token = tuple[str, int, int]

# A word is a run of letters, digits, marks (harakat) and tatweel, with the
# underscore excluded; everything else that is not space is one token each.
_TOKEN_RE: Final = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED])+|\S")
# Sentence ends: . ! ? ؟ (and runs of them), or a line break.
_SENT_END_RE: Final = re.compile(r"[.!?؟]+|\n+")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into ANERcorp-style tokens with their offsets.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of (str, int, int)
        Each token and its ``[start, end)`` offsets in ``text``.

    Examples
    --------
    >>> tokenize("بشار الأسد، 2018")
    [('بشار', 0, 4), ('الأسد', 5, 10), ('،', 10, 11), ('2018', 12, 16)]
    """
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets ``(start, end)``: split after . ! ? ؟ and at line breaks.

    Leading and trailing whitespace is left out of each sentence; empty
    sentences are dropped. A full stop between two digits (``3.5``) does not
    end a sentence.

    Examples
    --------
    >>> sentences("  أ. ب\\nج ")
    [(2, 4), (5, 6), (7, 8)]
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group() == "." and m.start() > 0 and end < len(text) and (
            text[m.start() - 1].isdigit() and text[end].isdigit()
        ):
            continue
        _add(text, start, end, out)
        start = end
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
