"""kg.extract: the gazetteer/trigger baseline extractor, and kg.evaluate, its scorer.

Documents are built by hand from short Arabic sentences; the seed article and
the dev gold files are read from ../shared when it is there (tests only: the
library never reads ../shared).
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg.extract
from kg.evaluate import combine, name_key, score, time_agrees
from kg.extract import STAGES, extract
from kg.extract.gazetteer import find_mentions, load_gazetteer
from kg.model import Document, Entity, Event, Extraction, Relation, TimeValue
from kg.text.normalize import normalize_string

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_4626a3707a676845.txt"
NEWS = SHARED / "corpus" / "syria-news.jsonl"
GOLD_DIR = SHARED / "eval" / "dev"
needs_shared = pytest.mark.skipif(not (SEED.exists() and NEWS.exists() and GOLD_DIR.exists()),
                                  reason="needs ../shared")


def doc(text: str, published: str | None = None) -> Document:
    return Document(doc_id="t", text=text, published=published)


def mentions(text: str) -> list[tuple[str, str]]:
    return [(m.entity_id, m.span.text) for m in find_mentions(doc(text))]


def seed_doc() -> Document:
    return Document(doc_id="000_4626a3707a676845", text=SEED.read_text(encoding="utf-8"),
                    outlet="syria-stories")


def news_docs() -> Iterator[Document]:
    with NEWS.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            yield Document(doc_id=r["doc_id"], text=r["text"], title=r.get("title"),
                           outlet=r.get("outlet"), published=r.get("published"), url=r.get("url"))


def dev_pairs() -> Iterator[tuple[Document, Extraction]]:
    """(document, gold) for each dev gold file; texts from the seed folder or syria-news.jsonl."""
    news = {d.doc_id: d for d in news_docs()}
    for path in sorted(GOLD_DIR.glob("*.gold.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw["doc_id"] in news:
            d = news[raw["doc_id"]]
        else:
            text = (path.parent / raw["text_file"]).read_text(encoding="utf-8")
            d = Document(doc_id=raw["doc_id"], text=text, title=raw.get("title"),
                         outlet=raw.get("outlet"), published=raw.get("published"))
        yield d, Extraction.from_dict(raw)


# --------------------------------------------------------------------------- pipeline


def test_stage_order_is_explicit() -> None:
    assert STAGES == ("normalize", "sentences", "mentions", "entities", "persons", "events", "relations")
    assert set(kg.extract._RUN) == set(STAGES)


def test_extraction_carries_the_document_metadata() -> None:
    d = Document(doc_id="x1", text="قصفت قوات النظام مدينة دوما.", title="قصف", outlet="sana",
                 published="2018-04-07", url="http://example.org/1")
    ext = extract(d)
    assert (ext.doc_id, ext.title, ext.outlet, ext.published, ext.url, ext.lang) == (
        "x1", "قصف", "sana", "2018-04-07", "http://example.org/1", "ar")
    assert ext.content_hash == d.content_hash


def test_text_without_known_names_gives_nothing() -> None:
    ext = extract(doc("فاز الفريق بالمباراة النهائية بهدفين نظيفين."))
    assert (ext.entities, ext.events, ext.relations) == ((), (), ())


# --------------------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وداعش", [("isis", "داعش")]),
        ("فداعش", [("isis", "داعش")]),
        ("بالبوكمال", [("al-bukamal", "البوكمال")]),
        ("وبالبوكمال", [("al-bukamal", "البوكمال")]),
        ("كالبوكمال", [("al-bukamal", "البوكمال")]),
        ("لـداعش", [("isis", "داعش")]),
        ("وللميادين", [("al-mayadin", "للميادين")]),
        ("داعش وللتنظيم", [("isis", "داعش"), ("isis", "للتنظيم")]),
        ("قُوّاتُ النِّظامِ", [("syrian-regime-forces", "قُوّاتُ النِّظامِ")]),
        ("تنظيـــم داعش", [("isis", "تنظيـــم داعش")]),
        ("إيرانيًّا", [("iran", "إيرانيًّا")]),
    ],
)
def test_proclitics_and_surface_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize(
    "text",
    ["العراقية", "لبنانية", "داعشي", "الرقةِّي", "ودمشقيون", "سورياتنا"],
)
def test_whole_words_only(text: str) -> None:
    assert mentions(text) == []


def test_longest_match_wins() -> None:
    assert mentions("مجلس دير الزور العسكري في دير الزور ومدينة دير الزور") == [
        ("deir-ez-zor-military-council", "مجلس دير الزور العسكري"),
        ("deir-ez-zor", "دير الزور"),
        ("deir-ez-zor-city", "مدينة دير الزور"),
    ]
    assert mentions("الجيش السوري الحر والجيش السوري") == [
        ("free-syrian-army", "الجيش السوري الحر"), ("syrian-regime-forces", "الجيش السوري")]


def test_names_split_by_punctuation_do_not_match() -> None:
    assert mentions("دير، الزور") == []


def test_weak_patterns_need_the_entity_named() -> None:
    assert mentions("قال التنظيم إن النظام انسحب") == []
    assert mentions("قال التنظيم إن داعش تقدم") == [("isis", "التنظيم"), ("isis", "داعش")]


def test_mentions_do_not_overlap_and_match_their_surface() -> None:
    text = "وقالت قوات سوريا الديمقراطية (قسد) المدعومة من الولايات المتحدة إنها طردت داعش من هجين."
    found = find_mentions(doc(text))
    for a, b in itertools.pairwise(found):
        assert a.span.end <= b.span.start
    for m in found:
        assert text[m.span.start:m.span.end] == m.span.text
    assert [m.entity_id for m in found] == ["sdf", "sdf", "usa", "isis", "hajin"]


def test_entities_group_mentions_in_order() -> None:
    ext = extract(doc("سيطرت قسد على هجين. ثم قالت قوات سوريا الديمقراطية إن قسد تقدمت."))
    sdf = ext.entity("sdf")
    assert sdf.names == ("قسد", "قوات سوريا الديمقراطية")
    assert len(sdf.mentions) == 3
    assert (sdf.kind, sdf.type, sdf.name) == ("actor", "ArmedGroup", "Syrian Democratic Forces (SDF)")
    assert [e.id for e in ext.entities] == ["sdf", "hajin"]
    assert ext.entity("hajin").attributes == {}
    assert extract(doc("في حلب")).entity("aleppo").attributes == {"lat": 36.202, "lon": 37.134}


# --------------------------------------------------------------------------- events


def one_event(text: str, published: str | None = None) -> Event:
    events = extract(doc(text, published)).events
    assert len(events) == 1, events
    return events[0]


def test_territory_taken_by_a_state_force() -> None:
    ev = one_event("سيطرت قوات النظام على مدينة الميادين.")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Government regains territory")
    assert (ev.agents, ev.place) == (("syrian-regime-forces",), "al-mayadin")


def test_territory_taken_by_a_group_verb_first() -> None:
    ev = one_event("وسيطر تنظيم داعش على قرية الشعفة في 3 آذار/مارس 2018.")
    assert ev.sub_event_type == "Non-state actor overtakes territory"
    assert (ev.agents, ev.targets, ev.place) == (("isis",), (), "al-shaafa")
    assert ev.time == TimeValue("2018-03-03", "day")


def test_attack_with_agent_target_place_and_evidence() -> None:
    text = "شن تنظيم داعش هجوما على مواقع قوات سوريا الديمقراطية في ريف دير الزور."
    ev = one_event(text, published="2018-05-01")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert (ev.agents, ev.targets, ev.place) == (("isis",), ("sdf",), "deir-ez-zor")
    assert ev.time == TimeValue("2018-05-01", "approx", "publication date")
    assert ev.modality == "asserted"
    assert ev.evidence == text and ev.evidence_span is not None
    assert text[ev.evidence_span.start:ev.evidence_span.end] == ev.evidence
    assert ev.confidence == 0.5


def test_reported_event_names_its_source() -> None:
    ev = one_event("وأفاد المرصد السوري بأن غارات روسية استهدفت بلدة صرين.")
    assert (ev.sub_event_type, ev.modality, ev.reported_by, ev.agents) == (
        "Air/drone strike", "reported", ("sohr",), ())


def test_target_marker_blocks_agent_after_trigger() -> None:
    ev = one_event("فجر انتحاري سيارة مفخخة قرب مقر لواء الباقر المدعوم إيرانيا.")
    assert ev.event_type == "Explosions/Remote violence"
    assert (ev.agents, ev.targets) == ((), ("liwa-al-baqir",))  # Iran only supports


def test_one_event_per_type_and_sentence_specific_trigger_first() -> None:
    events = extract(doc("بعد هجوم عنيف تمكن التنظيم من السيطرة على محطة الكم، قال داعش.")).events
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Battles", "Non-state actor overtakes territory")]


def test_events_need_an_argument_and_agreements_an_actor() -> None:
    assert extract(doc("وقعت اشتباكات عنيفة.")).events == ()
    assert extract(doc("انفجرت سيارة مفخخة في حلب.")).events != ()
    assert extract(doc("وقعت اشتباكات عنيفة في حلب.")).events == ()  # a battle needs a fighter named
    assert extract(doc("وقعت الحكومة اتفاقا تجاريا مع شركة في دبي.")).events == ()


def test_place_is_inherited_from_the_previous_sentence() -> None:
    events = extract(doc("وصلت تعزيزات إلى الميادين. وهاجم تنظيم داعش المدينة.")).events
    assert [(e.place, e.confidence) for e in events] == [("al-mayadin", 0.5)]


def test_repeated_sentence_gives_one_event() -> None:
    events = extract(doc("قصفت قوات النظام دوما.\nقصفت قوات النظام دوما.")).events
    assert [e.id for e in events] == ["e1"]


def test_event_ids_follow_the_text() -> None:
    text = "اعتقلت قوات النظام ناشطين في حمص. ثم قصفت قوات النظام دوما. وهاجم داعش الميادين."
    events = extract(doc(text)).events
    assert [e.id for e in events] == ["e1", "e2", "e3"]
    assert [e.sub_event_type for e in events] == [
        "Arrests", "Shelling/artillery/missile attack", "Armed clash"]


# --------------------------------------------------------------------------- relations


def relations(text: str) -> list[tuple[str, str, str]]:
    return [(r.source, r.type, r.target) for r in extract(doc(text)).relations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لواء الباقر المدعوم إيرانيا", ("liwa-al-baqir", "SUPPORTED_BY", "iran")),
        ("قسد، المدعومة من قبل أمريكا", ("sdf", "SUPPORTED_BY", "usa")),
        ('"قوات سوريا الديمقراطية" المدعومة من الولايات المتحدة', ("sdf", "SUPPORTED_BY", "usa")),
        ("قوات سوريا الديمقراطية التي تدعمها واشنطن", ("sdf", "SUPPORTED_BY", "usa")),
        ("قوات النظام مدعومة من روسيا", ("syrian-regime-forces", "SUPPORTED_BY", "russia")),
        ("قوات النظام السوري والمسلحين الموالين له",
         ("pro-regime-militias", "ALLIED_WITH", "syrian-regime-forces")),
        ("قوات النظام والميليشيات المتحالفة معها",
         ("pro-regime-militias", "ALLIED_WITH", "syrian-regime-forces")),
    ],
)
def test_relation_patterns(text: str, expected: tuple[str, str, str]) -> None:
    assert relations(text) == [expected]


def test_no_relation_without_the_phrase() -> None:
    assert relations("قسد وأمريكا") == []
    assert relations("قسد. المدعومة من أمريكا") == []


def test_located_in_needs_both_places_in_one_sentence() -> None:
    assert relations("قرية الشعفة في ريف البوكمال بدير الزور.") == [
        ("al-shaafa", "LOCATED_IN", "al-bukamal"), ("al-bukamal", "LOCATED_IN", "deir-ez-zor")]
    assert relations("قرية الشعفة هادئة. والبوكمال كذلك.") == []


def test_relation_evidence_is_the_sentence() -> None:
    text = "بدأت المعارك. لواء الباقر المدعوم إيرانيا انسحب."
    r, = extract(doc(text)).relations
    assert r.evidence == "لواء الباقر المدعوم إيرانيا انسحب."
    assert r.evidence_span is not None and text[r.evidence_span.start:r.evidence_span.end] == r.evidence


# --------------------------------------------------------------------------- seed article


@needs_shared
def test_seed_article() -> None:
    ext = extract(seed_doc())
    ids = [e.id for e in ext.entities]
    for expected in ("isis", "sdf", "syrian-regime-forces", "liwa-al-baqir", "iran", "syria-stories",
                     "furat-post", "deir-ez-zor-military-council", "al-bukamal", "al-kum-station",
                     "al-shaafa", "al-mayadin", "deir-ez-zor", "syria", "iraq"):
        assert expected in ids
    assert {"داعش", "تنظيم داعش", "الدولة الإسلامية", "التنظيم"} <= set(ext.entity("isis").names)
    seized = [e for e in ext.events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert [(e.agents, e.place, e.time) for e in seized] == [
        (("isis",), "al-kum-station", TimeValue("2018-03-17", "day"))]
    assert ("liwa-al-baqir", "SUPPORTED_BY", "iran") in [(r.source, r.type, r.target) for r in ext.relations]


@needs_shared
def test_spans_match_the_text_in_every_news_article() -> None:
    g = load_gazetteer()
    for d in news_docs():
        ext = extract(d)
        for e in ext.entities:
            for m in e.mentions:
                assert d.text[m.start:m.end] == m.text
            if e.id not in g.by_id:  # found by cues (persons), not by the gazetteer
                assert e.kind == "person"
                continue
            patterns = (*g[e.id].patterns, *g[e.id].weak_patterns)
            keys = {" ".join(normalize_string(p).split()) for p in patterns}
            for m in e.mentions:
                surface = " ".join(normalize_string(m.text).split())
                assert surface in keys or "ا" + surface[1:] in keys, (d.doc_id, m.text)
        for ev in ext.events:
            span = ev.evidence_span
            assert span is not None and d.text[span.start:span.end] == ev.evidence


# --------------------------------------------------------------------------- round trip, determinism


@needs_shared
def test_round_trip_through_dict_and_json() -> None:
    d = seed_doc()
    ext = extract(d)
    assert Extraction.from_dict(ext.to_dict()) == ext
    assert Extraction.from_json(ext.to_json(), d.text) == ext
    assert json.loads(ext.to_json())["schema"] == "kg-extraction/1"


@needs_shared
def test_deterministic_in_process_and_across_hash_seeds() -> None:
    d = seed_doc()
    assert extract(d).to_json() == extract(d).to_json()
    code = ("from pathlib import Path; from kg.extract import extract; from kg.model import Document;"
            f"print(extract(Document(doc_id='000_4626a3707a676845', outlet='syria-stories', "
            f"text=Path({str(SEED)!r}).read_text(encoding='utf-8'))).to_json())")
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }
    assert outs == {extract(d).to_json()}


# --------------------------------------------------------------------------- scorer


def test_name_key() -> None:
    assert name_key("وداعش") == name_key("داعش") == "داعش"
    assert name_key("بالبوكمالِ") == name_key("البوكمال")
    assert name_key("للتنظيم") == name_key("التنظيم")
    assert name_key("«تنظيم داعش»") == "تنظيم داعش"


def test_time_agrees() -> None:
    assert time_agrees(TimeValue("2018-03-17"), TimeValue("2018", "year"))
    assert not time_agrees(TimeValue("2018-04-01"), TimeValue("2018-03", "month"))
    assert not time_agrees(None, TimeValue("2018", "year"))
    assert time_agrees(None, None)


def _ent(i: str, name: str, kind: str = "actor", typ: str = "ArmedGroup", core: bool | None = None) -> Entity:
    return Entity(i, kind, typ, i, names=(name,), core=core)  # type: ignore[arg-type]


def test_score_aligns_through_entities_not_ids() -> None:
    gold = Extraction(
        "d",
        entities=(_ent("isis", "داعش"), _ent("regime", "قوات النظام", typ="StateForce"),
                  _ent("kum", "محطة الكم", "place", "Facility"),
                  _ent("x", "مكان", "place", "Town", core=False)),
        events=(Event("e1", "Battles", "Non-state actor overtakes territory", agents=("isis",),
                      targets=("regime",), place="kum", time=TimeValue("2018-03-17")),
                Event("e2", "Battles", "Armed clash", agents=("regime",), core=False)),
        relations=(Relation("LOCATED_IN", "kum", "x"),),
    )
    pred = Extraction(
        "d",
        entities=(_ent("a", "وداعش"), _ent("b", "قوات النظام", typ="StateForce"),
                  _ent("c", "محطة الكم", "place", "Facility"), _ent("y", "مكان", "place", "Town"),
                  _ent("z", "حلب", "place", "City")),
        events=(Event("e1", "Battles", "Non-state actor overtakes territory", agents=("a",), place="c",
                      time=TimeValue("2018-03-17")),
                Event("e2", "Battles", "Armed clash", agents=("b",)),
                Event("e3", "Protests", "Peaceful protest")),
        relations=(Relation("LOCATED_IN", "c", "y"), Relation("LOCATED_IN", "z", "c")),
    )
    s = score(pred, gold)
    assert s["entities"]["actor"] == {"tp": 2, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    def counts(part: dict[str, float]) -> tuple[float, float, float]:
        return (part["tp"], part["fp"], part["fn"])

    assert counts(s["entities"]["place"]) == (1, 1, 0)
    assert counts(s["events_loose"]) == (1, 1, 0)
    assert s["events_full"]["tp"] == 1
    assert counts(s["relations"]) == (1, 1, 0)
    assert s["time"] == {"agree": 1, "total": 1}


@needs_shared
def test_gold_scores_perfectly_against_itself() -> None:
    for _, gold in dev_pairs():
        s = score(gold, gold)
        for part in ("events_loose", "events_full", "relations"):
            assert s[part]["fp"] == 0 and s[part]["fn"] == 0, (gold.doc_id, part)
        assert s["entities"]["all"]["fn"] == 0 and s["entities"]["all"]["fp"] == 0, gold.doc_id


@needs_shared
def test_dev_scores_do_not_regress() -> None:
    """Floors a little under the figures measured when the extractor was written."""
    total = combine(score(extract(d), gold) for d, gold in dev_pairs())
    assert total["entities"]["all"]["f1"] >= 0.93
    assert total["events_loose"]["f1"] >= 0.82
    assert total["events_full"]["f1"] >= 0.62
    assert total["relations"]["f1"] >= 0.68
    assert total["time"]["agree"] >= 0.78 * total["time"]["total"]
