"""kg.ner: the ANERcorp CRF tagger, its tokenizer, CoNLL I/O and entity-level scores."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kg.ner import MODEL_DIR, NerSpan, find_entities, read_conll, tag_sentences, tag_tokens, write_conll
from kg.ner.cli import ner_conll
from kg.ner.metrics import entity_scores, entity_spans
from kg.ner.tokenize import sentences, tokenize

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ANER_TEST = SHARED / "data" / "anercorp" / "test.txt"

needs_model = pytest.mark.skipif(
    not (MODEL_DIR / "stage2.crfsuite").is_file(), reason="NER model files not built"
)

# --------------------------------------------------------------------------- tokenizer


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("قال «الأسد»، في دمشق.", ["قال", "«", "الأسد", "»", "،", "في", "دمشق", "."]),
        ("هل وصلوا؟ نعم؛ “ربما”", ["هل", "وصلوا", "؟", "نعم", "؛", "“", "ربما", "”"]),
        ("وبالعراق و6 عام2006", ["وبالعراق", "و6", "عام2006"]),  # clitics and digits stay, as in ANERcorp
        ("قُتِلَ (د ب أ)", ["قُتِلَ", "(", "د", "ب", "أ", ")"]),
    ],
)
def test_tokenize_like_anercorp(text: str, tokens: list[str]) -> None:
    got = tokenize(text)
    assert [t for t, _, _ in got] == tokens
    assert all(text[a:b] == t for t, a, b in got)


def test_sentences_keep_decimals() -> None:
    text = "ارتفع 3.5 بالمئة. ثم هبط!\nانتهى"
    assert [text[a:b] for a, b in sentences(text)] == ["ارتفع 3.5 بالمئة.", "ثم هبط!", "انتهى"]


# --------------------------------------------------------------------------- metrics


def test_entity_spans_conlleval_style() -> None:
    assert entity_spans(["I-PERS", "I-PERS", "B-PERS", "O", "B-LOC", "I-ORG"]) == [
        (0, 2, "PERS"), (2, 3, "PERS"), (4, 5, "LOC"), (5, 6, "ORG"),
    ]


def test_entity_scores_hand_made() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "O", "B-MISC"]]
    s = entity_scores(gold, pred)
    # correct: PERS, LOC; ORG has the wrong span; MISC is spurious
    assert (s["micro"]["correct"], s["micro"]["gold"], s["micro"]["pred"]) == (2, 3, 4)
    assert s["micro"]["precision"] == pytest.approx(0.5)
    assert s["micro"]["recall"] == pytest.approx(2 / 3)
    assert s["micro"]["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert s["ORG"]["f1"] == 0.0 and s["MISC"]["precision"] == 0.0 and s["PERS"]["f1"] == 1.0


def test_entity_scores_rejects_misaligned() -> None:
    with pytest.raises(ValueError):
        entity_scores([["O", "O"]], [["O"]])


# --------------------------------------------------------------------------- CoNLL


def test_conll_round_trip(tmp_path: Path) -> None:
    text = "بشار B-PERS\nالأسد I-PERS\nفي O\n\nدمشق B-LOC\n.\n"
    sents = list(read_conll(io.StringIO(text)))
    assert sents == [[("بشار", "B-PERS"), ("الأسد", "I-PERS"), ("في", "O")], [("دمشق", "B-LOC"), (".", "")]]
    toks = [[t for t, _ in s] for s in sents]
    tags = [[g or "O" for _, g in s] for s in sents]
    write_conll(toks, tags, tmp_path / "x.txt")
    back = list(read_conll(tmp_path / "x.txt"))
    assert back == [list(zip(a, b, strict=True)) for a, b in zip(toks, tags, strict=True)]
    with pytest.raises(ValueError):
        write_conll([["a"]], [["O", "O"]], io.StringIO())


# --------------------------------------------------------------------------- model behaviour


@needs_model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الرئيس السوري بشار الأسد في دمشق", {("PERS", "بشار الأسد"), ("LOC", "دمشق")}),
        ("وصل وزير الخارجية الأمريكي جون كيري إلى بغداد أمس.", {("PERS", "جون كيري"), ("LOC", "بغداد")}),
        ("أعلنت الأمم المتحدة أن الوضع في سوريا يتدهور.", {("ORG", "الأمم المتحدة"), ("LOC", "سوريا")}),
    ],
)
def test_find_entities_behaviour(text: str, expected: set[tuple[str, str]]) -> None:
    got = {(s.label, s.text) for s in find_entities(text)}
    assert expected <= got


@needs_model
def test_spans_lie_in_text() -> None:
    text = ("  قُتِلَ ثلاثة مدنيين في غارة على مدينة الرَّقَّة، وقال المرصد السوري لحقوق الإنسان "
            "إن «داعش» انسحب.\nوأكد الناطق باسم قوات سوريا الديمقراطية ذلك؟ ")
    spans = find_entities(text)
    assert spans
    for s in spans:
        assert isinstance(s, NerSpan)
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text == s.text.strip()
        assert s.label in {"PERS", "LOC", "ORG", "MISC"}
        assert s.score is not None and 0.0 < s.score <= 1.0
    assert find_entities("") == [] and find_entities(" .، ") == []


@needs_model
def test_tag_api_shapes() -> None:
    assert tag_tokens([]) == []
    sents = [["زار", "أوباما", "القاهرة"], [], ["وقال", "مبارك"]]
    out = list(tag_sentences(sents, window=1))
    assert [len(t) for t in out] == [3, 0, 2]
    assert len(tag_tokens(sents[0])) == 3
    assert next(tag_sentences(iter(sents), window=0)) == tag_tokens(sents[0])


@needs_model
@pytest.mark.skipif(not ANER_TEST.is_file(), reason="../shared ANERcorp not available")
def test_shipped_model_scores_on_anercorp_test(tmp_path: Path) -> None:
    res = ner_conll(ANER_TEST, tmp_path / "pred.txt")
    scores = res["scores"]
    assert isinstance(scores, dict)
    # measured 0.7349 (kg/data/ner/README.md); the 0.80 target is not reached yet
    assert scores["micro"]["f1"] >= 0.734
    assert sum(len(s) for s in read_conll(tmp_path / "pred.txt")) == res["tokens"]


# --------------------------------------------------------------------------- fast path


def test_gazetteer_features() -> None:
    from kg.ner.gazetteer import Gazetteer, load_gazetteer

    g = Gazetteer({("امم", "متحده"): {"p:ORG"}, ("سوريا",): {"p:LOC", "a:LOC"}})
    f = g.features(["قال", "امم", "متحده", "في", "سوريا"])
    assert f[0] == ["+1:gz=p:ORG-B"]
    assert "gz=p:ORG-I" in f[2] and "-1:gz=p:ORG-B" in f[2] and "+1:gz=p:ORG-B" not in f[2]
    assert set(f[4]) == {"gz=a:LOC-B", "gz=p:LOC-B"}
    assert load_gazetteer(g.dump()).entries == g.entries


def test_context_features_sliding_matches_recount() -> None:
    from kg.ner.features import context_features

    sents = [["زار", "نيسان"], ["قال", "نيسان"], ["ثم", "نيسان", "مع", "ليلى"], ["ليلى"], ["نيسان"]]
    tags = [["O", "B-ORG"], ["O", "O"], ["O", "B-PERS", "O", "B-PERS"], ["O"], ["B-LOC"]]
    for window in (None, 0, 1, 2):
        whole = context_features(sents, tags, window)
        for targets in ([3, 1], [4], [0, 2, 4], [1, 2, 3]):
            assert context_features(sents, tags, window, targets) == [whole[k] for k in targets]


@needs_model
def test_fast_decoding_matches_crfsuite() -> None:
    pytest.importorskip("numpy")
    from kg.ner import NerModel

    fast, slow = NerModel(MODEL_DIR), NerModel(MODEL_DIR, fast=False)
    assert fast._fast is not None and slow._fast is None
    block = [
        ["قال", "الرئيس", "السوري", "بشار", "الأسد", "في", "دمشق"],
        [],
        ["وصل", "وزير", "الخارجية", "الأمريكي", "جون", "كيري", "إلى", "بغداد", "أمس", "."],
        ["أعلنت", "الأمم", "المتحدة", "أن", "الوضع", "في", "سوريا", "يتدهور", "."],
        ["كيري"],
    ]
    a, b = fast.tag_block(block, marginals=True), slow.tag_block(block, marginals=True)
    assert [t for t, _ in a] == [t for t, _ in b]
    for (_, pa), (_, pb) in zip(a, b, strict=True):
        assert pa == pytest.approx(pb, abs=1e-3)
    assert fast.tag_block(block, window=1) == [(t, []) for t, _ in slow.tag_block(block, window=1)]
