"""Sentence splitting that keeps offsets into the original text.

A sentence ends at ``.``, ``!``, ``?``, the Arabic question mark ``؟``, the
Arabic semicolon ``؛`` or a line break. A full stop between two digits
(``3.5``) does not end a sentence. Closing quotes and brackets right after
the terminator stay with the sentence they close. Each sentence is trimmed of
surrounding whitespace; empty pieces are dropped.

Examples
--------
>>> [s.text for s in split_sentences("سيطر التنظيم على 3.5 كم. وقال المرصد؟ نعم")]
['سيطر التنظيم على 3.5 كم.', 'وقال المرصد؟', 'نعم']
"""

from __future__ import annotations

from typing import Final

from kg.model import Span

__all__ = ["TERMINATORS", "split_sentences"]

#: Characters that end a sentence (a line break ends one too).
TERMINATORS: Final = frozenset(".!?؟؛\n")

#: Characters that close a quotation or bracket and follow their sentence's terminator.
_CLOSERS: Final = frozenset("\"'”’»)]}")


def _is_decimal_point(text: str, i: int) -> bool:
    return (
        text[i] == "."
        and 0 < i < len(text) - 1
        and text[i - 1].isdigit()
        and text[i + 1].isdigit()
    )


def split_sentences(text: str) -> list[Span]:
    """Cut ``text`` into sentence spans.

    Parameters
    ----------
    text : str
        The original text of a document.

    Returns
    -------
    list of Span
        Sentences in text order; each span's ``text`` is ``text[start:end]``,
        starts and ends on a non-space character and includes its terminator.

    Examples
    --------
    >>> t = "  قال الحمد: «هاجم التنظيم المقر.»\\nثم انسحب؛ وانتهى"
    >>> [(s.start, s.end, s.text) for s in split_sentences(t)]
    [(2, 34, 'قال الحمد: «هاجم التنظيم المقر.»'), (35, 44, 'ثم انسحب؛'), (45, 51, 'وانتهى')]
    """
    spans: list[Span] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in TERMINATORS and not _is_decimal_point(text, i):
            end = i + 1
            # absorb repeated terminators ("...", "؟!") and closing quotes
            while end < n and text[end] != "\n" and (
                text[end] in _CLOSERS or (text[end] in TERMINATORS and text[end] != "\n")
            ):
                end += 1
            _add(text, start, end, spans)
            start = i = end
            continue
        i += 1
    _add(text, start, n, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append the trimmed span ``[start, end)`` unless it is blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end, text[start:end]))
