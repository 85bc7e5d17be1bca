"""Modality and attribution: how a sentence presents the event it tells, and on whose word.

Rules, on the normalized sentence (proclitics aside), strongest first:

- ``negated``: a denial (``نفى``, ``نفت``, ``ينفي``, ``نفيا``) or a negation in front of
  the trigger (``لم``, ``لن``, ``لا``, ``ليس``, ``دون``, ``عدم`` within three words before it);
- ``planned``: intention or preparation (``يعتزم``, ``يستعد``, ``تخطط``, ``ينوي``,
  ``يخطبون عن غزوات``, ``سوف``, ``س``-future is not read);
- ``alleged``: ``زعم``, ``يزعم``, ``مزاعم``, ``ما قيل``, ``اتهم``, ``ادعى``;
- ``reported``: a reporting word (:data:`REPORTING_WORDS`: ``قال``, ``أفاد``,
  ``بحسب``, ``نقلا عن``, ``ذكر``, ``أعلن``, ``أكد``, ``أوضح``…);
- else ``asserted``.

:func:`reporters` finds who a sentence attributes its content to: the actor
or person right after a reporting word (``قال المرصد``, ``بحسب وكالة سانا``,
``وأعلنت وزارة الدفاع الروسية``).

Examples
--------
>>> from kg.text.normalize import normalize_string as ns
>>> [modality(ns(s)) for s in ("قصفت الطائرات البلدة", "قال المرصد إن الطائرات قصفت البلدة",
...                            "نفى البنتاغون أن يكون قصف البلدة", "يستعد الجيش لهجوم على البلدة",
...                            "يزعم التنظيم أنه هاجم البلدة")]
['asserted', 'reported', 'negated', 'planned', 'alleged']
"""

from __future__ import annotations

import functools
from typing import Final

from kg.extract.tokens import stems, tokenize
from kg.model import Modality

__all__ = ["ALLEGED_WORDS", "NEGATION_WORDS", "PLANNED_WORDS", "REPORTING_WORDS", "modality",
           "reporting_word_ends"]

#: Words (normalized, proclitics aside) that mark a sentence as reported speech.
REPORTING_WORDS: Final[frozenset[str]] = frozenset({
    "قال", "قالت", "قالوا", "يقول", "تقول", "يقولون",
    "افاد", "افادت", "بحسب", "حسب", "وفقا", "وفق", "نقلا", "نقلت", "نقل",
    "ذكر", "ذكرت", "اعلن", "اعلنت", "اكد", "اكدت", "اوضح", "اوضحت", "اضاف", "اضافت",
    "اشار", "اشارت", "كشف", "كشفت", "اورد", "اوردت", "صرح", "صرحت", "وثق", "تحدثت", "تحدث", "بيان", "اعلان",
})

#: Denials: the event did not happen, on someone's word.
NEGATION_WORDS: Final[frozenset[str]] = frozenset({"نفي", "نفت", "ينفي", "تنفي", "نفيا", "نفوا"})

#: Negations in front of a trigger (within three words).
NEAR_NEGATIONS: Final[frozenset[str]] = frozenset({"لم", "لن", "لا", "ليس", "ليست", "دون", "عدم"})

#: Intentions and preparations: the event is planned, not done.
PLANNED_WORDS: Final[frozenset[str]] = frozenset({
    "يعتزم", "تعتزم", "يستعد", "تستعد", "يستعدون", "يخطط", "تخطط", "يخططون", "ينوي", "تنوي",
    "يخطبون", "سوف", "يهدد", "تهدد", "هدد", "هددت", "تحضير", "يحضر", "يحضرون", "مرتقب", "مرتقبه",
    "المرتقب", "المرتقبه", "المقبل", "المقبله", "يسعي", "تسعي", "يسعون",
    "تهدف", "يهدف", "بهدف", "لكبح",
})

#: Allegations.
ALLEGED_WORDS: Final[frozenset[str]] = frozenset({
    "زعم", "زعمت", "يزعم", "تزعم", "مزاعم", "قيل", "اتهم", "اتهمت", "يتهم", "تتهم", "ادعي",
    "ادعت", "يدعي", "مزعوم", "المزعوم", "المزعومه",
})


@functools.lru_cache(maxsize=256)
def _words(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Each word's span and readings; cached, as every trigger of a sentence asks again."""
    return tuple((s, e, frozenset(w for w, _ in stems(text[s:e]))) for s, e in tokenize(text))


def reporting_word_ends(text: str) -> list[int]:
    """End offsets of the reporting words of normalized ``text``.

    >>> from kg.text.normalize import normalize_string as ns
    >>> reporting_word_ends(ns("وقال المرصد"))
    [4]
    """
    return [e for _, e, ws in _words(text) if ws & REPORTING_WORDS]


@functools.lru_cache(maxsize=256)
def _all_words(text: str) -> frozenset[str]:
    return frozenset(w for _, _, ws in _words(text) for w in ws)


def modality(text: str, trigger_start: int | None = None) -> Modality:
    """How normalized sentence ``text`` presents its event (see the module docstring).

    Parameters
    ----------
    text : str
        The normalized sentence.
    trigger_start : int, optional
        Offset of the trigger in ``text``: a negation only counts in the three
        words before it.

    Examples
    --------
    >>> from kg.text.normalize import normalize_string as ns
    >>> t = ns("لم تقصف الطائرات البلدة")
    >>> modality(t, 3), modality(ns("قصفت الطائرات البلدة ولم تهاجم"), 0)
    ('negated', 'asserted')
    """
    words = _words(text)
    found = _all_words(text)
    if found & NEGATION_WORDS:
        return "negated"
    if trigger_start is not None:
        before = [w for s, e, w in words if e <= trigger_start][-3:]
        if any(w & NEAR_NEGATIONS for w in before):
            return "negated"
    if found & PLANNED_WORDS:
        return "planned"
    if found & ALLEGED_WORDS or "ما قيل" in text:
        return "alleged"
    if found & REPORTING_WORDS:
        return "reported"
    return "asserted"
