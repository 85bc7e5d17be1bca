"""kg.extract.triggers, modality, fatalities, events (merging) and control relations.

Every sentence here is written for the test (never copied from an article).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from kg.extract import extract
from kg.extract.events import merge_events
from kg.extract.fatalities import fatalities
from kg.extract.modality import modality
from kg.extract.resources import read_jsonl
from kg.extract.triggers import detect_event_types, eventive_context, load_triggers
from kg.model import EVENT_TYPES, Document, Event, TimeValue
from kg.text.normalize import normalize_string as ns


def doc(text: str, published: str | None = "2018-04-29") -> Document:
    return Document(doc_id="t", text=text, published=published)


def events(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(e.event_type, e.sub_event_type, e.agents) for e in extract(doc(text)).events]


# --------------------------------------------------------------------------- lexicon


def test_trigger_lexicon_is_valid() -> None:
    rows = list(read_jsonl("triggers.jsonl"))
    keys = Counter(" ".join(ns(r["pattern"]).split()) for r in rows)
    assert [k for k, c in keys.items() if c > 1] == []
    for r in rows:
        assert r["sub_event_type"] in EVENT_TYPES[r["event_type"]], r
        assert r.get("pos", "noun") in ("verb", "noun"), r
    assert len(load_triggers()) == len(rows)
    assert {t.event_type for t in load_triggers()} == set(EVENT_TYPES)


# --------------------------------------------------------------------------- one test per family


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # territory: government regains vs non-state actor overtakes
        ("استعادت قوات النظام بلدة صرين.",
         ("Battles", "Government regains territory", ("syrian-regime-forces",))),
        ("سيطر تنظيم داعش على بلدة صرين.", ("Battles", "Non-state actor overtakes territory", ("isis",))),
        # armed clash
        ("هاجم تنظيم داعش مواقع قوات النظام في الميادين.", ("Battles", "Armed clash", ("isis",))),
        # air strike vs shelling
        ("شنت طائرات التحالف الدولي غارات على مدينة الرقة أمس.",
         ("Explosions/Remote violence", "Air/drone strike", ("us-led-coalition",))),
        ("قصفت قوات النظام مدينة دوما بالمدفعية.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", ("syrian-regime-forces",))),
        # suicide vs remote explosive
        ("فجر انتحاري من داعش حزاما ناسفا في الميادين.",
         ("Explosions/Remote violence", "Suicide bomb", ("isis",))),
        ("انفجرت عبوة ناسفة في مدينة الرقة صباح اليوم.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED", ())),
        # violence against civilians
        ("اختطف عناصر من داعش مدنيين في البوكمال.",
         ("Violence against civilians", "Abduction/forced disappearance", ("isis",))),
        ("أعدم تنظيم داعش خمسة مدنيين في الميادين.", ("Violence against civilians", "Attack", ("isis",))),
        # arrests
        ("اعتقلت قوات النظام عشرة شبان في حمص.",
         ("Strategic developments", "Arrests", ("syrian-regime-forces",))),
        # protests
        ("تظاهر مئات من أهالي مدينة الرقة ضد قوات سوريا الديمقراطية.",
         ("Protests", "Peaceful protest", ())),
    ],
)
def test_trigger_families(text: str, expected: tuple[str, str, tuple[str, ...]]) -> None:
    assert expected in events(text)


def test_rule_id_confidence_and_evidence_on_every_event() -> None:
    text = "هاجم تنظيم داعش مواقع قوات النظام في الميادين."
    ev, = extract(doc(text)).events
    assert ev.extra["rule"] == "trigger:هاجم"
    assert ev.confidence is not None and 0 <= ev.confidence <= 1
    assert ev.evidence_span is not None and text[ev.evidence_span.start:ev.evidence_span.end] == ev.evidence
    assert json.loads(extract(doc(text)).to_json())["events"][0]["rule"] == "trigger:هاجم"


# --------------------------------------------------------------------------- sense filters


@pytest.mark.parametrize(
    "text",
    [
        "صادف أمس الذكرى العاشرة لاغتيال الزعيم.",
        "ناقش البرلمان قانون مكافحة الهجمات الإرهابية.",
        "فاز الفريق في معركة كروية مثيرة على الملعب.",
    ],
)
def test_generic_nouns_state_no_event(text: str) -> None:
    assert not detect_event_types(text) & {"Battles", "Violence against civilians"}


def test_noun_trigger_needs_an_eventive_context() -> None:
    t = ns("أسفر الهجوم عن مقتل ثلاثة")
    assert eventive_context(t, t.index("الهجوم"), t.index("الهجوم") + 6)
    t = ns("تحدث الكاتب عن الهجوم في روايته")
    assert not eventive_context(t, t.index("الهجوم"), t.index("الهجوم") + 6)


def test_detection_of_protests_and_assaults() -> None:
    assert "Protests" in detect_event_types("اعتصم العمال أمام مبنى الوزارة مطالبين بأجورهم.")
    assert "Explosions/Remote violence" in detect_event_types("قتل ثلاثة أشخاص في انفجار سيارة مفخخة أمس.")


# --------------------------------------------------------------------------- modality and attribution


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت الطائرات القرية.", "asserted"),
        ("قال المرصد إن الطائرات قصفت القرية.", "reported"),
        ("بحسب مصادر محلية، قصفت الطائرات القرية.", "reported"),
        ("نقلا عن شهود، قصفت الطائرات القرية.", "reported"),
        ("يزعم التنظيم أن الطائرات قصفت القرية.", "alleged"),
        ("يستعد الجيش لقصف القرية.", "planned"),
        ("يعتزم الجيش مهاجمة القرية.", "planned"),
        ("نفى الجيش أن تكون طائراته قصفت القرية.", "negated"),
        ("لم تقصف الطائرات القرية.", "negated"),
    ],
)
def test_modality(text: str, expected: str) -> None:
    t = ns(text)
    at = min((t.find(w) for w in ("قصف", "لقصف", "مهاجمه") if t.find(w) >= 0), default=None)
    assert modality(t, at) == expected


def test_denied_strike_is_not_asserted() -> None:
    text = "نفى التحالف الدولي أن تكون طائراته شنت غارات على مواقع قوات النظام في البوكمال."
    evs = extract(doc(text)).events
    assert evs and all(e.modality == "negated" for e in evs)


def test_reporter_is_the_source_not_the_agent() -> None:
    ev, = extract(doc("وقال المرصد السوري إن تنظيم داعش هاجم قوات النظام في الميادين.")).events
    assert (ev.agents, ev.reported_by, ev.modality) == (("isis",), ("sohr",), "reported")


def test_reporter_speaking_of_itself_is_the_agent() -> None:
    ev, = extract(doc("قال الجيش السوري إنه استعاد بلدة صرين.")).events
    assert ev.agents == ("syrian-regime-forces",)
    assert ev.sub_event_type == "Government regains territory"


# --------------------------------------------------------------------------- fatalities


@pytest.mark.parametrize(
    ("text", "expected"),
    [("أسفر القصف عن مقتل 12 مدنيا", 12), ("سقط 7 قتلى", 7), ("سقوط عشرات القتلى", 20),
     ("أصيب خمسة أشخاص", None)],
)
def test_fatalities(text: str, expected: int | None) -> None:
    assert fatalities(ns(text)) == expected


# --------------------------------------------------------------------------- one event, not many


def test_same_event_told_twice_is_one_event() -> None:
    text = ("هاجم تنظيم داعش مواقع قوات النظام في الميادين. "
            "وأسفر الهجوم الذي شنه تنظيم داعش عن مقتل 18 عنصرا من قوات النظام.")
    evs = extract(doc(text)).events
    assert [(e.event_type, e.agents) for e in evs] == [("Battles", ("isis",))]
    assert evs[0].fatalities == 18
    assert str(evs[0].extra["rule"]).endswith("+merge")


def test_events_of_different_dates_stay_apart() -> None:
    a = Event("e1", "Battles", "Armed clash", agents=("isis",), time=TimeValue("2018-04-29"))
    b = Event("e2", "Battles", "Armed clash", agents=("isis",), time=TimeValue("2017", "year"))
    assert len(merge_events([a, b])) == 2


def test_events_of_different_agents_stay_apart() -> None:
    a = Event("e1", "Battles", "Armed clash", agents=("isis",))
    b = Event("e2", "Battles", "Armed clash", agents=("sdf",))
    assert len(merge_events([a, b])) == 2


def test_dateline_place_is_not_the_event_place() -> None:
    ev, = extract(doc("دبي، الإمارات العربية المتحدة (CNN)— قصفت قوات النظام مدينة دوما.")).events
    assert ev.place != "dubai"


def test_unsaid_subject_takes_the_previous_agent() -> None:
    text = "هاجم تنظيم داعش مواقع قوات النظام في البوكمال، ففجر عربة مفخخة قرب مقر لواء الباقر."
    evs = extract(doc(text)).events
    assert ("Explosions/Remote violence", ("isis",)) in [(e.event_type, e.agents) for e in evs]


# --------------------------------------------------------------------------- control relations


def relations(text: str) -> list[tuple[str, str, str]]:
    return [(r.source, r.type, r.target) for r in extract(doc(text)).relations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سيطر تنظيم داعش على بلدة صرين.", ("isis", "CONTROLS", "sarrin")),
        ("تمكنت قوات النظام من السيطرة على مدينة الميادين.",
         ("syrian-regime-forces", "CONTROLS", "al-mayadin")),
        ("وصلت التعزيزات إلى مخيم اليرموك الذي يسيطر عليه تنظيم داعش.", ("isis", "CONTROLS", "yarmouk-camp")),
        ("قرية الشعفة آخر معاقل تنظيم داعش.", ("isis", "CONTROLS", "al-shaafa")),
    ],
)
def test_control_patterns(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_control_has_the_sentence_date() -> None:
    r = next(r for r in extract(doc("في 17 آذار 2018 سيطر تنظيم داعش على بلدة صرين.")).relations
             if r.type == "CONTROLS")
    assert r.time == TimeValue("2018-03-17", "day") and r.extra["rule"] == "control"


def test_no_control_without_the_word() -> None:
    assert [r for r in relations("زار وفد من داعش بلدة صرين.") if r[1] == "CONTROLS"] == []


# --------------------------------------------------------------------------- arguments


def args(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.sub_event_type, e.agents, e.targets) for e in extract(doc(text)).events]


def test_victims_before_the_trigger_are_targets() -> None:
    assert args("قتل 20 عنصرا من قوات النظام في هجوم شنه تنظيم داعش على الميادين.") == [
        ("Armed clash", ("isis",), ("syrian-regime-forces",))]


def test_victims_of_a_raid_named_before_it() -> None:
    ev, = extract(doc("قتل 12 مسلحا من قوات النظام جراء غارات للتحالف الدولي في البوكمال.")).events
    assert (ev.agents, ev.targets) == (("us-led-coalition",), ("syrian-regime-forces",))


def test_both_sides_of_a_clash() -> None:
    ev, = extract(doc("اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وقوات النظام في دير الزور.")).events
    assert set(ev.agents) == {"sdf", "syrian-regime-forces"}


def test_relative_clause_subject_is_the_agent() -> None:
    text = "يدعم التحالف الدولي قوات سوريا الديمقراطية التي طردت تنظيم داعش من بلدة صرين."
    ev, = extract(doc(text)).events
    assert ev.agents == ("sdf",) and "isis" in ev.targets


def test_supporter_is_no_argument() -> None:
    ev, = extract(doc("هاجمت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة مواقع داعش في هجين.")).events
    assert ev.agents == ("sdf",) and "usa" not in ev.targets


# --------------------------------------------------------------------------- place and time


def test_place_nearest_the_trigger() -> None:
    text = "سيطر تنظيم داعش على بلدة صرين، بعد أن طرد من مدينة الرقة."
    assert extract(doc(text)).events[0].place == "sarrin"


def test_a_list_of_villages_gives_the_place_that_holds_them() -> None:
    ev, = extract(doc("استعادت قوات النظام قرى الجنينة والجيعة وشقرا في دير الزور.")).events
    assert ev.place == "deir-ez-zor"


def test_a_landmark_is_not_the_place() -> None:
    ev, = extract(doc("قصفت قوات النظام بلدة صرين قرب الحدود العراقية.")).events
    assert ev.place == "sarrin"


def test_the_date_of_the_report_is_not_the_date_of_the_event() -> None:
    ev, = extract(doc("أعلن المرصد السوري، الأحد، أن تنظيم داعش هاجم قوات النظام في الميادين.",
                      published="2018-05-27")).events
    assert ev.time == TimeValue("2018-05-27", "approx", "publication date")


def test_without_a_publication_date_the_last_date_governs() -> None:
    text = "في 17 آذار 2018 سيطر تنظيم داعش على بلدة صرين. ثم هاجم التنظيم قوات النظام في الميادين."
    evs = extract(doc(text, published=None)).events
    assert [e.time.value if e.time else None for e in evs] == ["2018-03-17", "2018-03-17"]
    assert evs[1].time is not None and evs[1].time.precision == "approx"


# --------------------------------------------------------------------------- precision filters


@pytest.mark.parametrize(
    "text",
    [
        "وسجل لاعبو المنتخب هدفين في المباراة بعد هجوم منظم على مرمى الخصم في دمشق.",  # sport
        "ونادرا ما اشتبك الجيش السوري مع قوات سوريا الديمقراطية.",  # habit
        "وصلت التعزيزات إلى القرى التي سيطر عليها تنظيم داعش.",  # a hold, not a taking
        "تستعد قوات النظام للهجوم على محافظة إدلب.",  # an intention named by a noun
        "وقعت معارك عنيفة في ريف دير الزور.",  # a battle with no fighter named
    ],
)
def test_no_event(text: str) -> None:
    assert [e for e in extract(doc(text)).events if e.event_type == "Battles"] == []


def test_detect_only_triggers_give_no_event() -> None:
    assert extract(doc("قتل ثلاثة أشخاص في دمشق أمس.")).events == ()
    assert detect_event_types("قتل ثلاثة أشخاص في دمشق أمس.") == {"Violence against civilians"}


# --------------------------------------------------------------------------- relations between actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قوات سوريا الديمقراطية، التي تهيمن عليها وحدات حماية الشعب الكردية، تقدمت.",
         ("ypg", "PART_OF", "sdf")),
        ("قوات سوريا الديمقراطية بقيادة وحدات حماية الشعب الكردية تقدمت.", ("ypg", "LEADS", "sdf")),
        ("هاجم داعش رتلا لقوات النظام وقوات روسية حليفة.",
         ("russian-forces", "ALLIED_WITH", "syrian-regime-forces")),
        ("قاتلت قوات النظام بالتعاون مع القوات الروسية.",
         ("russian-forces", "ALLIED_WITH", "syrian-regime-forces")),
        ("وروسيا من أبرز حلفاء النظام السوري.", ("russia", "ALLIED_WITH", "syrian-regime-forces")),
        ("وصلت تعزيزات إلى مدينة الرقة، معقل تنظيم داعش.", ("isis", "CONTROLS", "raqqa")),
    ],
)
def test_actor_pair_patterns(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_located_in_needs_the_places_close() -> None:
    assert ("al-shaafa", "LOCATED_IN", "al-bukamal") in relations("قرية الشعفة في ريف البوكمال.")
    far = "قرية الشعفة هادئة منذ أشهر طويلة بعد أن غادرها معظم أهلها إلى مناطق بعيدة في ريف البوكمال."
    assert ("al-shaafa", "LOCATED_IN", "al-bukamal") not in relations(far)


def test_assists_pattern() -> None:
    ext = extract(doc("وقال الناشط جمال الصالح الذي يساعد مقاتلي التنظيم إن داعش انسحب."))
    person = next(e.id for e in ext.entities if e.kind == "person")
    r = next(r for r in ext.relations if r.type == "ASSISTS")
    assert (r.source, r.target, r.extra["rule"]) == (person, "isis", "role:assists")


def test_every_relation_has_a_rule() -> None:
    text = ("قرية الشعفة في ريف البوكمال آخر معاقل تنظيم داعش. "
            "وهاجم لواء الباقر المدعوم إيرانيا قوات النظام والميليشيات المساندة لها.")
    rels = extract(doc(text)).relations
    assert rels and all(r.extra.get("rule") and r.confidence is not None and r.evidence_span for r in rels)


def test_object_of_a_territorial_noun_is_no_agent() -> None:
    evs = extract(doc("عاد الأهالي إلى بلدة صرين بعد طرد تنظيم داعش منها.")).events
    assert all("isis" not in e.agents for e in evs)
