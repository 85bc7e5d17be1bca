"""Person and group relations from the words between mentions."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Document


def rels(text: str) -> set[tuple[str, str, str]]:
    return {(r.source, r.type, r.target) for r in extract(Document("d", text)).relations}


@pytest.mark.parametrize(("text", "expected"), [
    ("ويقول جمال الصالح لحكايات سوريا إن الهدوء عاد.", ("per-jmal-alsalh", "SPOKE_TO", "syria-stories")),
    ("الصحفي عبداللطيف الحمد يروي لـ”حكايات سوريا” ما جرى.",
     ("per-abdalltyf-alhmd", "SPOKE_TO", "syria-stories")),
    ("جمال الصالح يقيم في قرية الشعفة منذ سنوات.", ("per-jmal-alsalh", "RESIDES_IN", "al-shaafa")),
    ("قال مدير المرصد السوري لحقوق الإنسان رامي عبد الرحمن إن القصف مستمر.",
     ("rami-abdel-rahman", "LEADS", "sohr")),
    ("تقدمت قوات سوريا الديمقراطية بقيادة وحدات حماية الشعب نحو القرية.", ("ypg", "LEADS", "sdf")),
])
def test_role_relations(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in rels(text)


@pytest.mark.parametrize("text", [
    "قال جمال الصالح إن الوضع في الشعفة هادئ.",          # no residence verb
    "نقلت حكايات سوريا عن جمال الصالح أن القصف توقف.",   # the outlet quotes him; no ل + speech verb before
])
def test_no_relation_without_the_words(text: str) -> None:
    assert not {r for r in rels(text) if r[1] in ("RESIDES_IN", "SPOKE_TO")}


def test_evidence_is_the_sentence() -> None:
    text = "خبر أول. ويقول جمال الصالح لحكايات سوريا إن الهدوء عاد."
    ext = extract(Document("d", text))
    [r] = [r for r in ext.relations if r.type == "SPOKE_TO"]
    assert r.evidence_span is not None and text[r.evidence_span.start:r.evidence_span.end] == r.evidence
    assert r.evidence.startswith("ويقول")
