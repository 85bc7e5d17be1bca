"""kg.text: offset-preserving normalization and sentence splitting."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kg.text import Normalized, normalize, split_sentences
from kg.text.normalize import normalize_string

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "000_4626a3707a676845.txt"


def _check_map(original: str, n: Normalized) -> None:
    """Every normalized character comes from the original character it points to."""
    assert len(n.to_original) == len(n.text) + 1
    assert n.to_original[-1] == len(original)
    assert all(a < b for a, b in itertools.pairwise(n.to_original))
    for i, ch in enumerate(n.text):
        assert normalize_string(original[n.to_original[i]]) == ch


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("قُتِلَ", "قتل"),                      # harakat
        ("قوّات", "قوات"),                      # shadda
        ("شخصاً", "شخصا"),                     # tanwin
        ("هٰذا", "هذا"),                        # superscript alef
        ("تنظيـــم", "تنظيم"),                  # tatweel
        ("أحمد إيران آذار ٱلله", "احمد ايران اذار الله"),  # hamza and wasla forms of alef
        ("على مستوى", "علي مستوي"),             # alef maqsura
        ("مدينة الرقة", "مدينه الرقه"),          # ta marbuta
        ("١٧ آذار ٢٠١٨", "17 اذار 2018"),       # Arabic-Indic digits
        ("۱۳۹۷", "1397"),                       # Extended Arabic-Indic digits
        ("CNN 3.5", "CNN 3.5"),                 # other characters untouched
        ("", ""),
    ],
)
def test_normalize_text(original: str, expected: str) -> None:
    n = normalize(original)
    assert n.text == expected
    assert normalize_string(original) == expected
    _check_map(original, n)


def test_map_points_past_removed_characters() -> None:
    original = "بِـداعِشٍ."
    n = normalize(original)
    assert n.text == "بداعش."
    assert n.to_original == [0, 3, 4, 5, 7, 9, 10]


def test_span_maps_back_to_surface_with_inner_diacritics() -> None:
    original = "هاجم مُقاتِلو داعش"
    n = normalize(original)
    s = n.text.index("مقاتلو")
    start, end = n.to_original_span(s, s + len("مقاتلو"))
    assert original[start:end] == "مُقاتِلو"


def test_span_at_end_of_text_uses_sentinel() -> None:
    original = "دير الزورِ"
    n = normalize(original)
    start, end = n.to_original_span(4, len(n.text))
    assert original[start:end] == "الزورِ"  # the trailing kasra stays with its letter
    assert n.to_original_span(len(n.text), len(n.text)) == (len(original), len(original))


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 99)])
def test_span_out_of_range(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        normalize("داعش").to_original_span(start, end)


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_map_on_the_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    _check_map(text, normalize(text))


# --------------------------------------------------------------------------- sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سيطر التنظيم. ثم انسحب", ["سيطر التنظيم.", "ثم انسحب"]),
        ("هل انسحب؟ نعم", ["هل انسحب؟", "نعم"]),
        ("قتل 3؛ وجرح 5", ["قتل 3؛", "وجرح 5"]),
        ("قصف!  ثم هدوء?لا", ["قصف!", "ثم هدوء?", "لا"]),
        ("سطر أول\nسطر ثان\n\n", ["سطر أول", "سطر ثان"]),
        ("مساحة 3.5 كم و95.2%. بعدها", ["مساحة 3.5 كم و95.2%.", "بعدها"]),
        ("في الريف الشرقي .عاد التنظيم", ["في الريف الشرقي .", "عاد التنظيم"]),
        ("قال: «هاجموا المقر.» ثم سكت", ["قال: «هاجموا المقر.»", "ثم سكت"]),
        ("انتهى...؟ ربما", ["انتهى...؟", "ربما"]),
        ("   ", []),
        ("", []),
        ("بلا علامة", ["بلا علامة"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_sentence_spans_point_into_the_text() -> None:
    text = "  أولى. \n ثانية؟ ثالثة  "
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(2, 7), (10, 16), (17, 22)]
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_seed_sentences_cover_all_words() -> None:
    text = SEED.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert len(spans) > 30
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    covered = "".join(text[s.start:s.end] for s in spans)
    assert "".join(text.split()) == "".join(covered.split())


@pytest.mark.parametrize("text", ["سَيْطَرَ تَنْظِيمُ دَاعِشَ", "الشَّعْفَةِ", "قُوّاتُ النِّظامِ", "بِـداعشٍ"])
def test_spans_never_split_a_letter_from_its_marks(text: str) -> None:
    import unicodedata

    n = normalize(text)
    for start in range(len(n.text)):
        for end in range(start + 1, len(n.text) + 1):
            s, e = n.to_original_span(start, end)
            assert e == len(text) or not unicodedata.combining(text[e]), (start, end, text[s:e])
