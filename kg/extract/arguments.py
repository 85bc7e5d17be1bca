"""Who did what to whom: agents and targets of a trigger, from the words around it.

Works on the normalized text, with the actors of the trigger's sentence as
``(start, end, entity_id)`` in normalized offsets. Rules, in order:

1. **Bystanders** are no argument: an actor right after a support or command
   phrase (``تدعمه الولايات المتحدة``, ``بدعم من``, ``بقيادة``, ``إلى جانب``).
2. **Both sides** of a clash: ``اشتباكات بين X و Y`` — the actors after
   ``بين`` are the agents (``بينه وبين Y``: the previous agent and ``Y``).
3. **Victims** before the trigger are targets: a casualty or passive word
   stands between the actor and the trigger (``لقي 18 من قوات النظام
   مصرعهم إثر هجوم``, ``مسلحين قتلوا من جراء غارات``), the actor follows a
   casualty word and ``من`` (``مقتل 35 مقاتلا من قوات النظام``) or a verb of
   loss (``خسر النظام 260 قتيلا في المعارك``).
4. **Agent before**: the first other actor before the trigger (Arabic
   subjects: ``التنظيم هاجم``; a verb's subject after it is rule 6), or the
   actor right before a relative pronoun and the trigger (``قسد التي طردت``).
5. **Agent named after an agentive link**: ``هجوم شنه X``, ``هجوم من X``,
   ``غارات من قبل X`` — the first actor after the link is the agent, and wins
   over a victim.
6. **Agent right after**: with no agent yet, the first actor at most two
   words after the trigger, with no word marking a target in between (``على``,
   ``ضد``, ``مواقع``, ``لإخراج``…): ``سيطر تنظيم داعش``, ``غارات التحالف`` — but
   not after a territorial verbal noun, whose next noun is its object
   (``بعد طرد داعش``).
7. **Targets**: victims, then the other actors after the trigger.

Examples
--------
>>> from kg.text.normalize import normalize_string as ns
>>> t = ns("قتل 35 مقاتلا من قوات النظام في هجوم شنه تنظيم داعش")
>>> actors = [(t.index("قوات"), t.index("قوات") + 11, "regime"), (t.index("تنظيم"), len(t), "isis")]
>>> s = t.index("هجوم")
>>> roles(t, 0, s, s + 4, actors)
(('isis',), ('regime',))
>>> t = ns("اندلعت مواجهات بين قسد وقوات النظام")
>>> s = t.index("مواجهات")
>>> roles(t, 0, s, s + 7, [(t.index("قسد"), t.index("قسد") + 3, "sdf"), (t.index("قوات"), len(t), "regime")])
(('sdf', 'regime'), ())
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from kg.extract.tokens import article_stems, tokenize

__all__ = ["roles"]

Actor = tuple[int, int, str]

#: Words just before an actor that make it a supporter, commander or companion.
BYSTANDER_CUES: Final[frozenset[str]] = frozenset({
    "تدعمه", "تدعمها", "تدعمهم", "يدعمه", "يدعمها", "يدعمهم", "بدعم", "مدعوم", "مدعومه",
    "المدعوم", "المدعومه", "المدعومين", "بقياده", "تقوده", "تقودها", "يقوده", "يقودها", "جانب",
    "حليف", "حلفاء", "بمساعده", "بمشاركه",
})

#: Words between an actor and a trigger after it that make the actor a victim.
VICTIM_CUES: Final[frozenset[str]] = frozenset({
    "قتل", "قتلوا", "قتلا", "قتلي", "مقتل", "مصرع", "مصرعهم", "مصرعه", "لقي", "لقوا", "اصيب",
    "اصيبوا", "جرح", "جرحي", "جراء", "اثر", "تعرض", "تعرضت", "تعرضوا", "تعرضهم", "تعرضها",
    "ضحيه", "ضحايا", "بسبب", "نتيجه", "حصيله", "خسر", "خسائر", "عناصر",
})

#: Words shortly before an actor (and ``من``) that make it a victim: ``مقتل 35 مقاتلا من``.
_CASUALTY_BEFORE: Final[frozenset[str]] = frozenset({
    "مقتل", "قتل", "مصرع", "لقي", "قتيلا", "قتلي", "اصابه", "اسر", "اعتقال", "خسر", "خسائر",
})

#: Verbs right before an actor that make it the side that lost: ``خسر النظام``.
_LOSERS: Final[frozenset[str]] = frozenset({"خسر", "خسرت", "فقد", "فقدت", "تكبد", "تكبدت"})

#: Links after a trigger that name its agent next: ``هجوم شنه``, ``غارات من قبل``.
AGENT_LINKS: Final[frozenset[str]] = frozenset({
    "شنه", "شنها", "شنته", "شنتها", "نفذه", "نفذها", "نفذته", "نفذتها", "قبل", "جانب", "يد",
})

#: Words between a trigger and an actor after it that make the actor a target.
TARGET_MARKERS: Final[frozenset[str]] = frozenset({
    "علي", "ضد", "مع", "الي", "نحو", "باتجاه", "استهداف", "استهدف", "استهدفت",
    "قرب", "مقر", "مقرات", "موقع", "مواقع", "مراكز", "مركز", "نقطه", "نقاط", "رتل", "رتلا",
    "اخراج", "لاخراج", "طرد", "لطرد",
})

_MAX_GAP_AFTER: Final = 2

_BETWEEN_IT: Final = frozenset({"بينه", "بينها", "بينهم"})
_BETWEEN: Final = frozenset({"بين"}) | _BETWEEN_IT


def _words(text: str, start: int, end: int) -> list[set[str]]:
    piece = text[start:end]
    return [{s for s, _ in article_stems(piece[a:b])} | {piece[a:b]} for a, b in tokenize(piece)]


def _bystander(text: str, lo: int, actor: Actor) -> bool:
    before = _words(text, max(lo, actor[0] - 40), actor[0])[-2:]
    return any(w & BYSTANDER_CUES for w in before)


def _victim(text: str, lo: int, actor: Actor, trigger: int) -> bool:
    if any(w & VICTIM_CUES for w in _words(text, actor[1], trigger)):
        return True
    before = _words(text, max(lo, actor[0] - 60), actor[0])[-5:]
    if before and before[-1] & _LOSERS:
        return True
    return bool(before) and "من" in before[-1] and any(w & _CASUALTY_BEFORE for w in before[:-1])


def roles(text: str, lo: int, start: int, end: int, actors: Sequence[Actor],
          previous: str | None = None,
          object_after: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Agents and targets of the trigger at normalized ``text[start:end]``.

    Parameters
    ----------
    text : str
        The normalized document (or sentence) text.
    lo : int
        Start of the trigger's sentence in ``text``.
    start, end : int
        The trigger.
    actors : sequence of (int, int, str)
        The sentence's combatant actors, ``(start, end, entity_id)`` in text order.
    previous : str, optional
        The latest agent before this sentence, for ``بينه وبين X`` ("between it and X").
    object_after : bool
        The trigger is a verbal noun whose next noun is its object (``طرد داعش``,
        ``استعادة المدينة``): an actor right after it is a target, not the agent.

    Returns
    -------
    (tuple of str, tuple of str)
        Agents and targets (entity ids, each once).
    """
    here = [a for a in actors if not _bystander(text, lo, a)]
    before = [a for a in here if a[1] <= start]
    after = [a for a in here if a[0] >= end]
    follow = _words(text, end, after[0][0]) if after else []
    between = [w for w in follow[:6] if w & _BETWEEN]
    if after and between:
        sides = list(dict.fromkeys(a[2] for a in after))[:2]
        if between[0] & _BETWEEN_IT and previous is not None:
            sides = list(dict.fromkeys([previous, *sides]))[:2]
        return tuple(sides), ()
    victims = [a for a in before if _victim(text, lo, a, start)]
    agents = [a[2] for a in before if a not in victims][:1]
    if before and text[before[-1][1]:start].split() in (["الذي"], ["التي"], ["الذين"]):
        agents = [before[-1][2]]  # X التي طردت: the relative clause's subject
    linked = len(follow) <= 3 and any(w & AGENT_LINKS for w in follow)
    adjacent = not agents and not object_after and len(follow) <= _MAX_GAP_AFTER and not any(
        w & TARGET_MARKERS for w in follow)
    if after and (linked or adjacent):
        agents = [after[0][2]]
    targets = [a[2] for a in victims] + [a[2] for a in after]
    return tuple(dict.fromkeys(agents)), tuple(dict.fromkeys(t for t in targets if t not in agents))
