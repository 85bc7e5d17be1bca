"""kg.extract.gazetteer: matching the grown gazetteer in text.

Proclitics and spelling variants, safe contexts for ambiguous names, the
reading of names shared by a country and its state, and a check of the
Aho-Corasick pass against a plain word-by-word reference matcher.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.gazetteer import Gazetteer, GazetteerEntry, find_mentions, load_gazetteer, shared_reading
from kg.extract.tokens import only_space_between, stems, tokenize
from kg.model import Document
from kg.text.normalize import normalize, normalize_string

NEWS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "syria-news.jsonl"


def mentions(text: str) -> list[tuple[str, str]]:
    return [(m.entity_id, m.span.text) for m in find_mentions(Document(doc_id="t", text=text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وللحشد الشعبي", [("popular-mobilization-forces", "للحشد الشعبي")]),
        ("ولقوات سوريا الديمقراطية", [("sdf", "قوات سوريا الديمقراطية")]),
        ("فبالرقة", [("raqqa", "الرقة")]),
        ("وقوات قسد", [("sdf", "قوات قسد")]),
        ("البيشمركة والبشمركة", [("peshmerga", "البيشمركة"), ("peshmerga", "البشمركة")]),
        ("في ديرالزور", [("deir-ez-zor", "ديرالزور")]),
        ("بلدة تل تامر وتل تمر", [("tal-tamr", "تل تامر"), ("tal-tamr", "تل تمر")]),
        ("لواء فاطميون ولواء زينبيون",
         [("liwa-fatemiyoun", "لواء فاطميون"), ("liwa-zainebiyoun", "لواء زينبيون")]),
        ("حقل التنك وحقل العمر", [("al-tanak-oil-field", "حقل التنك"), ("al-omar-oil-field", "حقل العمر")]),
        ("معبر البوكمال القائم", [("al-bukamal-crossing", "معبر البوكمال القائم")]),
        ("في ريف دير الزور الشرقي", [("eastern-deir-ez-zor-countryside", "ريف دير الزور الشرقي")]),
        ("في ريف دير الزور", [("deir-ez-zor", "ريف دير الزور")]),
        ("ناحية هجين", [("hajin-subdistrict", "ناحية هجين")]),
        ("قالت وكالة الأناضول", [("anadolu", "وكالة الأناضول")]),
        ("ميليشيات الحوثي الإيرانية", [("houthis", "ميليشيات الحوثي الإيرانية")]),
    ],
)
def test_clitics_and_variants(text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "قال القائم بالأعمال إن الحراك الشعبي يطالب بالكرامة",
        "تحدث باللغة العربية في الجزيرة عن ميادين العمل",
        "فتح الباب أمام السجن القصير في المزرعة",
        "الدولة والنظام والتحالف",
    ],
)
def test_common_words_are_not_names(text: str) -> None:
    assert mentions(text) == []


def test_weak_patterns_of_new_entries() -> None:
    assert mentions("قالت حماس") == []
    assert mentions("قالت حركة حماس إن حماس") == [("hamas", "حركة حماس"), ("hamas", "حماس")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سوريا", [("syria", "سوريا")]),
        ("شرق سوريا", [("syria", "سوريا")]),
        ("بسوريا", [("syria", "سوريا")]),
        ("اتهمت سوريا إسرائيل", [("syria-state", "سوريا"), ("israel", "إسرائيل")]),
        ("في إسرائيل", [("israel-country", "إسرائيل")]),
        ("تركيا", [("turkey-state", "تركيا")]),
        ("لاجئون في تركيا", [("turkey", "تركيا")]),
        ("وأعلنت تركيا", [("turkey-state", "تركيا")]),
        ("العراق يرفض", [("iraq", "العراق")]),
        ("إيران تنفي", [("iran", "إيران")]),
        ("العراق تنفي", [("iraq-state", "العراق")]),
        ("قسد المدعومة من قبل أمريكا", [("sdf", "قسد"), ("usa", "أمريكا")]),
        ("سافر إلى روسيا", [("russia-country", "روسيا")]),
        ("وصل إلى موسكو", [("russia", "موسكو")]),
    ],
)
def test_names_shared_by_a_country_and_its_state(text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected


def test_shared_reading_rule_order() -> None:
    # a verb before wins over a word of location; location wins over a verb after
    assert shared_reading(["قالت", "في"], "", "", False)
    assert not shared_reading(["ان", "في"], "تنفي", "", True)
    assert shared_reading(["و"], "تدعم", "", False)
    assert not shared_reading([], "", "", False)


def test_gazetteer_built_from_nothing_matches_nothing() -> None:
    g = Gazetteer([])
    assert find_mentions(Document(doc_id="t", text="داعش"), gazetteer=g) == ()


def test_weak_entry_in_a_small_gazetteer() -> None:
    entry = GazetteerEntry("x", "actor", "ArmedGroup", "X", ("جماعة اكس",), weak_patterns=("الجماعة",))
    text = "قالت الجماعة إن جماعة اكس وللجماعة"
    found = find_mentions(Document(doc_id="t", text=text), gazetteer=Gazetteer([entry]))
    assert [(m.span.text, m.weak) for m in found] == [
        ("الجماعة", True), ("جماعة اكس", False), ("للجماعة", True)]


# --------------------------------------------------------------------------- against a reference matcher


def reference_spans(text: str, g: Gazetteer) -> list[tuple[int, int, frozenset[str], bool]]:
    """The word-by-word matcher the automaton replaced: stems of each word, then the words after it."""
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for e in g.entries:
        for weak, pats in ((False, e.patterns), (True, e.weak_patterns)):
            for p in pats:
                words = tuple(normalize_string(p).split())
                index.setdefault(words[0], []).append((words, e.id, weak))
    nrm = normalize(text)
    t = nrm.text
    tokens = tokenize(t)
    found: dict[tuple[int, int, bool], set[str]] = {}
    for i, (ts, te) in enumerate(tokens):
        for stem, off in stems(t[ts:te]):
            for words, eid, weak in index.get(stem, ()):
                k = len(words)
                if i + k <= len(tokens) and all(
                    t[tokens[i + j][0]:tokens[i + j][1]] == words[j]
                    and only_space_between(t, tokens[i + j - 1][1], tokens[i + j][0])
                    for j in range(1, k)
                ):
                    found.setdefault((ts + off, tokens[i + k - 1][1], weak), set()).add(eid)
    strong = _select([(s, e, frozenset(ids)) for (s, e, w), ids in found.items() if not w], [])
    named = {i for _, _, ids in strong for i in ids}
    weak = _select([(s, e, frozenset(ids)) for (s, e, w), ids in found.items() if w and ids & named],
                   [(s, e) for s, e, _ in strong])
    out = [(*nrm.to_original_span(s, e), ids, False) for s, e, ids in strong]
    out += [(*nrm.to_original_span(s, e), ids, True) for s, e, ids in weak]
    return sorted(out, key=lambda m: m[0])


def _select(matches: list[tuple[int, int, frozenset[str]]], taken: list[tuple[int, int]],
            ) -> list[tuple[int, int, frozenset[str]]]:
    chosen: list[tuple[int, int, frozenset[str]]] = []
    occupied = list(taken)
    for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0], sorted(m[2]))):
        if all(m[1] <= s or m[0] >= e for s, e in occupied):
            chosen.append(m)
            occupied.append((m[0], m[1]))
    return chosen


@pytest.mark.skipif(not NEWS.exists(), reason="needs ../shared")
def test_automaton_agrees_with_the_reference_matcher_on_the_news() -> None:
    g = load_gazetteer()
    with NEWS.open(encoding="utf-8") as f:
        docs = [Document(doc_id=r["doc_id"], text=r["text"]) for r in map(json.loads, f)]
    for d in docs:
        got = [(m.span.start, m.span.end, m.entity_id, m.weak) for m in find_mentions(d, gazetteer=g)]
        want = reference_spans(d.text, g)
        assert [(s, e, w) for s, e, _, w in got] == [(s, e, w) for s, e, _, w in want], d.doc_id
        for (_, _, eid, _), (_, _, ids, _) in zip(got, want, strict=True):
            assert eid in ids, d.doc_id
