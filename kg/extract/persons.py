"""Persons: names found by cues, with their roles, ages and pseudonyms, and their later mentions.

A name is a run of words that starts with a known given name (or an
``عبد…`` compound) and goes on with name parts: a family name with the article
(``الصالح``), another given name, ``عبد``/``بن``/``أبو`` compounds. It is
accepted when

- a *title* or *speech* cue stands right before it (``الصحفي``، ``الشيخ``،
  ``المتحدث باسم …``، ``تصوير``؛ ``قال``، ``يقول``، ``يروي`` …), or
- it has at least two words, or
- it stands alone on its own line (a byline).

Attributes: ``role`` from the nearest title cue (a speech cue makes a
``witness``), ``age`` from ``(45 عاماً)`` right after the name, ``pseudonym``
when the sentence says ``اسم مستعار``. Within the document a later bare family
name (``الصالح``) or last name (``ديلون``) refers back to the full name.

Ids are provisional and stable across articles: ``per-`` and an ASCII
transliteration of the normalized name (``per-jmal-alsalh``), so the same
name gets the same id everywhere.

Examples
--------
>>> from kg.model import Document
>>> text = "قال الصحفي عبداللطيف الحمد إن القصف استمر. ويقول الحمد إن الوضع صعب."
>>> [(p.id, p.names, dict(p.attributes)) for p in find_persons(Document("d", text))]
[('per-abdalltyf-alhmd', ('عبداللطيف الحمد', 'الحمد'), {'role': 'journalist'})]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from kg.extract.resources import read_jsonl, read_lines
from kg.extract.tokens import tokenize
from kg.model import Document, Entity, Span
from kg.text.normalize import Normalized, normalize, normalize_string

__all__ = ["find_persons", "person_id", "transliterate"]

_COMPOUND_HEADS: Final = frozenset({"عبد", "ابو", "بن", "ابن"})
_AGE = re.compile(r"^\s*[(،,]\s*(\d{1,3})\s*(?:عاما|عام|سنه|سنة)")
_PSEUDONYM = re.compile(r"اسم مستعار|اسما مستعارا|اسمه الحقيقي")


@dataclass(frozen=True)
class _Cue:
    words: tuple[str, ...]
    role: str
    kind: str  # "title" | "speech"


@functools.cache
def _word_list(name: str) -> frozenset[str]:
    return frozenset(normalize_string(w) for w in read_lines(f"persons/{name}"))


def _stop(word: str) -> bool:
    """A function word that never starts or continues a name."""
    return word in _word_list("function_words.txt")


def _not_family(word: str) -> bool:
    """A word with the article that is not a family name (an adjective, a time word, a title)."""
    return word in _word_list("not_family_names.txt")


@functools.cache
def _given_names() -> frozenset[str]:
    return frozenset(normalize_string(w) for w in read_lines("persons/given_names.txt"))


@functools.cache
def _cues() -> tuple[_Cue, ...]:
    cues = [_Cue(tuple(normalize_string(r["pattern"]).split()), str(r["role"]), str(r["kind"]))
            for r in read_jsonl("persons/cues.jsonl")]
    return tuple(sorted(cues, key=lambda c: -len(c.words)))


_LATIN: Final = dict(zip(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءئؤ",
    ["a", "b", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d", "t", "z",
     "a", "gh", "f", "q", "k", "l", "m", "n", "h", "w", "y", "", "y", "w"], strict=True))


def transliterate(name: str) -> str:
    """A lossy ASCII form of an Arabic name, for ids.

    >>> transliterate("جمال الصالح")
    'jmal-alsalh'
    """
    norm = normalize_string(name)
    out = "".join(_LATIN.get(ch, ch if ch.isascii() and ch.isalnum() else "-") for ch in norm)
    return re.sub(r"-+", "-", out).strip("-").lower()


def person_id(name: str) -> str:
    """Provisional id of a person named ``name``: the same name gives the same id in every article.

    >>> person_id("رامي عبد الرحمن")
    'per-ramy-abd-alrhmn'
    """
    return "per-" + (transliterate(name) or "unknown")


@dataclass
class _Found:
    start: int  # normalized offsets
    end: int
    words: list[str]
    role: str | None
    cue_kind: str | None


def _is_given(word: str, original: str) -> bool:
    if word.startswith("عبد") and len(word) > 4:  # عبدالله، عبداللطيف
        return True
    if word not in _given_names():
        return False
    # ى normalizes to ي: the preposition على is not the name علي
    return not (original.endswith("ى") and word.endswith("ي"))


def _is_name_part(word: str) -> bool:
    if _not_family(word) or _stop(word) or not word.isalpha():
        return False
    if word in _COMPOUND_HEADS or word in _given_names():
        return True
    # a family name with the article; not a feminine noun or adjective (الحربية → الحربيه)
    return word.startswith("ال") and len(word) >= 4 and not word.endswith("ه")


def _name_at(words: Sequence[str], originals: Sequence[str], i: int, adjacent: Sequence[bool]) -> int:
    """Number of words of a name starting at word ``i`` (0 when none)."""
    compound = words[i] in _COMPOUND_HEADS and i + 1 < len(words) and adjacent[i]
    if not _is_given(words[i], originals[i]) and not compound:
        return 0
    n = 1
    while i + n < len(words) and n < 4 and adjacent[i + n - 1]:
        w = words[i + n]
        if words[i + n - 1] in _COMPOUND_HEADS:  # عبد الرحمن, أبو محمد: the next word belongs
            n += 1
            continue
        if not _is_name_part(w):
            break
        n += 1
    return n


def _only_spaces(gap: str) -> bool:
    return gap.strip(" \t\u00a0") == ""


def _cue_before(words: Sequence[str], i: int) -> _Cue | None:
    for cue in _cues():
        k = len(cue.words)
        if i >= k:
            window = list(words[i - k:i])
            if window[0] != cue.words[0] and window[0][1:] == cue.words[0] and window[0][0] in "وف":
                window[0] = window[0][1:]  # وقال → قال
            if tuple(window) == cue.words:
                return cue
    return None


def find_persons(doc: Document, norm: Normalized | None = None,
                 taken: Iterable[tuple[int, int]] = (), *, use_ner: bool = False) -> tuple[Entity, ...]:
    """Person entities of a document, with mentions, in order of first mention.

    Stage ``persons``: requires the normalized text and the spans other stages
    have claimed (``taken``: gazetteer mentions, original offsets); assigns
    person entities. A person named by the gazetteer is left to it. With
    ``use_ner``, the NER model reads the sentences where a cue is followed by
    no name the rules know (better recall; several times slower).
    """
    norm = norm or normalize(doc.text)
    toks = tokenize(norm.text)
    words = [norm.text[s:e] for s, e in toks]
    spans = [norm.to_original_span(s, e) for s, e in toks]
    originals = [doc.text[s:e] for s, e in spans]
    # two words belong to one name only when nothing but spaces (no line break) lies between
    adjacent = [_only_spaces(doc.text[spans[k][1]:spans[k + 1][0]]) for k in range(len(toks) - 1)]
    adjacent.append(False)
    claimed = sorted(taken)

    def is_taken(s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in claimed)

    found: list[_Found] = []
    i = 0
    while i < len(words):
        n = _name_at(words, originals, i, adjacent)
        if n == 0:
            i += 1
            continue
        cue = _cue_before(words, i)
        s, e = spans[i][0], spans[i + n - 1][1]
        line_start = doc.text.rfind("\n", 0, s) + 1
        line_end = doc.text.find("\n", e)
        alone = (doc.text[line_start:s].strip() == ""
                 and doc.text[e:len(doc.text) if line_end < 0 else line_end].strip() == "")
        if (cue or n >= 2 or alone) and not is_taken(s, e):
            role = cue.role if cue else ("author" if alone else None)
            name_words = words[i:i + n]
            if n == 1 and cue and cue.kind == "title" and len(cue.words) == 1:
                # a title with a single name is how the text names the person: "الشيخ سليمان"
                s = spans[i - 1][0]
                name_words = [*cue.words, *name_words]
            found.append(_Found(s, e, name_words, role, cue.kind if cue else None))
        i += n
    if use_ner:
        found += _ner_after_cues(doc, words, spans, found, is_taken)
        found.sort(key=lambda f: f.start)
    return _entities(doc, found, words, spans, is_taken)


def _ner_after_cues(doc: Document, words: Sequence[str], spans: Sequence[tuple[int, int]],
                    found: Sequence[_Found], is_taken: Any) -> list[_Found]:
    """Names the rules missed right after a title or speech cue, read by the NER model.

    The model (:mod:`kg.ner`) runs only on the sentences where a cue is followed
    by no name the rules found, so it costs little; a ``PERS`` span of at least
    two words that starts within two words after the cue is taken.
    """
    def named(j: int) -> bool:
        return any(f.start <= spans[j][0] < f.end for f in found)

    wanted: list[tuple[int, _Cue]] = []
    for k in range(1, len(words)):
        cue = _cue_before(words, k)
        if cue is None or any(named(j) for j in range(k, min(k + 2, len(words)))):
            continue
        wanted.append((k, cue))
    if not wanted:
        return []
    from kg.ner import find_entities
    from kg.text.sentences import split_sentences

    sentences = split_sentences(doc.text)
    out: list[_Found] = []
    done: set[int] = set()
    for k, cue in wanted:
        sentence = next((x for x in sentences if x.start <= spans[k][0] < x.end), None)
        if sentence is None or sentence.start in done:
            continue
        done.add(sentence.start)
        for ent in find_entities(sentence.text):
            s, e = sentence.start + ent.start, sentence.start + ent.end
            if ent.label != "PERS" or len(ent.text.split()) < 2 or is_taken(s, e):
                continue
            first = next((j for j, (a, _b) in enumerate(spans) if a == s), None)
            if first is None or not any(_cue_before(words, j) for j in range(max(first - 1, 0), first + 1)):
                continue
            cue_here = _cue_before(words, first) or cue
            name_words = [w for w, (a, b) in zip(words, spans, strict=True) if s <= a and b <= e]
            out.append(_Found(s, e, name_words, cue_here.role, cue_here.kind))
    return out


def _entities(doc: Document, found: list[_Found], words: Sequence[str],
              spans: Sequence[tuple[int, int]], is_taken: Any) -> tuple[Entity, ...]:
    by_key: dict[str, list[_Found]] = {}
    for f in found:
        by_key.setdefault(" ".join(f.words), []).append(f)
    # a one-word name that is the family name of a longer one is a later mention of it
    keys = sorted(by_key, key=lambda k: -len(k.split()))
    back_refs: dict[str, str] = {}
    for key in keys:
        parts = key.split()
        if len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-2] not in _COMPOUND_HEADS:
            back_refs.setdefault(parts[-1], key)
    out: list[Entity] = []
    used: set[tuple[int, int]] = set()
    for key in sorted(by_key, key=lambda k: by_key[k][0].start):
        group = by_key[key]
        if len(key.split()) == 1 and key in back_refs and back_refs[key] != key:
            continue  # folded into the full name below
        mentions = [(f.start, f.end) for f in group]
        spoke = False
        if len(key.split()) >= 2:
            last = key.split()[-1]
            first_end = group[0].end
            for k, w in enumerate(words):
                s, e = spans[k]
                if w == last and s >= first_end and not any(a <= s < b for a, b in mentions) \
                        and not is_taken(s, e) and back_refs.get(last) == key:
                    mentions.append((s, e))
                    cue = _cue_before(words, k)
                    spoke = spoke or (cue is not None and cue.kind == "speech")
        mentions = sorted(set(mentions) - used)
        if not mentions:
            continue
        used.update(mentions)
        attributes = _attributes(doc, group, mentions)
        if spoke and "role" not in attributes:
            attributes["role"] = "witness"
        surface = [doc.text[s:e] for s, e in mentions]
        name = doc.text[group[0].start:group[0].end]
        out.append(Entity(
            id=person_id(key), kind="person", type="Person", name=name,
            names=tuple(dict.fromkeys(surface)), attributes=attributes,
            mentions=tuple(doc.span(s, e) for s, e in mentions),
        ))
    return tuple(out)


def _attributes(doc: Document, group: list[_Found], mentions: list[tuple[int, int]]) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    roles = [f.role for f in group if f.role and f.cue_kind == "title"]
    roles += [f.role for f in group if f.role and f.cue_kind != "title"]
    if roles:
        attributes["role"] = roles[0]
    for _s, e in mentions:
        m = _AGE.match(doc.text[e:e + 20])
        if m and 0 < int(m.group(1)) < 120:
            attributes["age"] = int(m.group(1))
            break
    first_end = mentions[0][1]
    sentence_end = min((k for k in (doc.text.find(c, first_end) for c in ".\n") if k >= 0),
                       default=len(doc.text))
    if _PSEUDONYM.search(normalize_string(doc.text[first_end:sentence_end])):
        attributes["pseudonym"] = True
    return attributes


def spans_of(entities: Iterable[Entity]) -> list[Span]:
    """All mention spans of some entities (helper for later stages)."""
    return [m for e in entities for m in e.mentions]
