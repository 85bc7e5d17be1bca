"""Fatalities a sentence states: ``مقتل 25``, ``18 قتيلاً``, ``سقوط عشرات القتلى``.

A number (digits, or a number word) next to a death word counts: before
``قتيل``/``قتلى``/``قتيلا``/``شخصا قتلوا``, after ``مقتل``/``قتل``/``مصرع``, or
after ``لقي`` with ``مصرعهم`` later (``لقي 18 من قوات النظام مصرعهم``). Vague
amounts take their lower bound (``عشرات`` → 20, ``العشرات`` → 20). The
largest number found wins (a toll is usually the sum).

Examples
--------
>>> from kg.text.normalize import normalize_string as ns
>>> [fatalities(ns(s)) for s in ("أسفر الهجوم عن مقتل 25 عنصرا", "سقط 18 قتيلاً",
...                              "سقوط عشرات القتلى", "أصيب ثلاثة", "مقتل ثلاثة مدنيين")]
[25, 18, 20, None, 3]
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["fatalities"]

_NUMBER_WORDS: Final = {
    "اثنان": 2, "اثنين": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7,
    "ثمانيه": 8, "تسعه": 9, "عشره": 10, "عشرات": 20, "العشرات": 20, "ثلاث": 3, "اربع": 4,
    "خمس": 5, "ست": 6, "سبع": 7, "ثماني": 8, "تسع": 9, "عشر": 10,
}
_NUM: Final = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_AFTER_DEATH: Final = re.compile(
    r"(?:مقتل|قتل|مصرع)\s+(?:ما\s+لا\s+يقل\s+عن\s+|نحو\s+|حوالي\s+|اكثر\s+من\s+)?" + _NUM + r"(?!\S)")
_DIED: Final = re.compile(
    r"(?:^|\s)[وف]?(?:لقي|لقوا)\s+(?:نحو\s+|حوالي\s+)?" + _NUM + r"(?!\S)(?=.{0,80}?مصرع)")
_BEFORE_DEATH: Final = re.compile(
    _NUM + r"\s+(?:\S+\s+){0,2}?(?:قتيلا|قتيل|قتلي|القتلي|قتلوا|لقوا\s+مصرعهم)")


def _value(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token]


def fatalities(text: str) -> int | None:
    """The death toll normalized ``text`` states, or ``None``.

    Parameters
    ----------
    text : str
        A normalized sentence (:func:`kg.text.normalize.normalize_string`).

    Returns
    -------
    int or None
        The largest toll stated, or ``None`` when no number stands by a death word.

    Examples
    --------
    >>> from kg.text.normalize import normalize_string as ns
    >>> fatalities(ns("لقي 18 من قوات النظام مصرعهم")), fatalities(ns("قتل ما لا يقل عن 13 عنصرا"))
    (18, 13)
    """
    found = [_value(m.group(1)) for rx in (_AFTER_DEATH, _BEFORE_DEATH, _DIED) for m in rx.finditer(text)]
    found = [n for n in found if 0 < n < 100000]
    return max(found) if found else None
