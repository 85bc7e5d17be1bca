"""Every line of every data file under kg/data validates.

The checks here read the raw files independently of the loaders, so a loader
bug cannot hide a data error (and the loaders are checked to agree).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from kg.extract.affiliations import (
    AFFILIATION_TYPES,
    AFFILIATIONS_FILE,
    affiliations_from_rows,
    load_affiliations,
)
from kg.extract.dates import month_names
from kg.extract.events import load_triggers, triggers_from_rows
from kg.extract.gazetteer import GAZETTEER_FILES, entries_from_rows, load_gazetteer
from kg.extract.resources import DataError, parse_jsonl
from kg.model import ENTITY_KINDS, ENTITY_TYPES, EVENT_TYPES, Entity
from kg.text.normalize import normalize_string

DATA = resources.files("kg").joinpath("data")
GOLD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"

GAZETTEER_KEYS = {"id", "kind", "type", "name", "patterns", "weak_patterns", "wikidata", "in", "lat", "lon",
                  "country", "sense"}

#: Rough bounding boxes (lat min, lat max, lon min, lon max) of the countries whose places have coordinates.
COUNTRY_BOXES: dict[str, tuple[float, float, float, float]] = {
    "syria": (32.3, 37.4, 35.6, 42.4), "iraq": (29.0, 37.4, 38.7, 48.7),
    "lebanon": (33.0, 34.7, 35.0, 36.7), "jordan": (29.1, 33.4, 34.9, 39.4),
    "turkey": (35.8, 42.2, 25.6, 44.9), "israel-country": (29.4, 33.4, 34.2, 35.9),
    "palestine": (31.2, 32.6, 34.2, 35.6), "saudi-arabia": (16.3, 32.2, 34.5, 55.7),
    "united-arab-emirates": (22.6, 26.1, 51.5, 56.4), "qatar": (24.4, 26.2, 50.7, 51.7),
    "bahrain": (25.5, 26.4, 50.3, 50.9), "egypt": (22.0, 31.7, 24.7, 36.9),
    "yemen": (12.1, 19.0, 42.5, 54.6), "libya": (19.5, 33.2, 9.3, 25.2),
    "united-kingdom": (49.9, 60.9, -8.2, 1.8), "france": (41.3, 51.1, -5.2, 9.6),
    "germany": (47.3, 55.1, 5.9, 15.1), "switzerland": (45.8, 47.8, 5.9, 10.5),
    "china": (18.1, 53.6, 73.5, 134.8), "russia-country": (41.2, 81.9, 19.6, 180.0),
    "kazakhstan": (40.5, 55.5, 46.5, 87.4),
}
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _lines(name: str) -> list[tuple[int, str]]:
    text = DATA.joinpath(*name.split("/")).read_text(encoding="utf-8")
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _records(name: str) -> list[dict[str, Any]]:
    out = []
    for n, line in _lines(name):
        obj = json.loads(line)
        assert isinstance(obj, dict), f"{name}:{n}"
        out.append(obj)
    return out


ALL_GAZETTEER = [(name, r) for name in GAZETTEER_FILES for r in _records(name)]


def _gid(item: tuple[str, dict[str, Any]]) -> str:
    return str(item[1].get("id"))


# --------------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize("name", GAZETTEER_FILES)
def test_every_line_is_one_json_object(name: str) -> None:
    for n, line in _lines(name):
        assert line == line.strip(), f"{name}:{n} has surrounding whitespace"
        assert isinstance(json.loads(line), dict), f"{name}:{n}"


@pytest.mark.parametrize("item", ALL_GAZETTEER, ids=_gid)
def test_gazetteer_record(item: tuple[str, dict[str, Any]]) -> None:
    name, r = item
    where = f"{name}: {r.get('id')}"
    assert set(r) <= GAZETTEER_KEYS, where
    for key in ("id", "kind", "type", "name"):
        assert isinstance(r[key], str) and r[key], where
    assert ID.match(r["id"]), where
    assert r["kind"] in ENTITY_KINDS, where
    assert r["type"] in ENTITY_TYPES[r["kind"]], where
    expected_kind = {"actors": "actor", "persons": "person", "places": "place"}[name.split("/")[1][:-6]]
    assert r["kind"] == expected_kind, f"{where} is in the wrong file"
    assert isinstance(r["patterns"], list) and r["patterns"], where
    for p in [*r["patterns"], *r.get("weak_patterns", [])]:
        assert isinstance(p, str) and p == p.strip() and "  " not in p, f"{where}: {p!r}"
        assert all(w.isalnum() for w in normalize_string(p).split()), f"{where}: {p!r}"
    if "wikidata" in r:
        assert re.fullmatch(r"Q[1-9][0-9]*", r["wikidata"]), where
    if r["kind"] != "place":
        assert not {"in", "lat", "lon"} & set(r), where
    assert ("lat" in r) == ("lon" in r), where
    if "lat" in r:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, where
    if "country" in r or "sense" in r:
        assert r["type"] == "State" and isinstance(r.get("country"), str), where
        assert r.get("sense", "place") in ("actor", "place"), where
    # the record makes a valid model entity
    Entity(id=r["id"], kind=r["kind"], type=r["type"], name=r["name"], names=tuple(r["patterns"]),
           wikidata=r.get("wikidata"))


def test_ids_are_unique_across_files() -> None:
    counts = Counter(r["id"] for _, r in ALL_GAZETTEER)
    assert [i for i, c in counts.items() if c > 1] == []


def test_parents_exist_are_places_and_form_no_cycle() -> None:
    places = {r["id"]: r for _, r in ALL_GAZETTEER if r["kind"] == "place"}
    for pid, r in places.items():
        seen = {pid}
        cur = r.get("in")
        while cur is not None:
            assert cur in places, f"{pid}: 'in' refers to unknown place {cur!r}"
            assert cur not in seen, f"{pid}: cycle through {cur!r}"
            seen.add(cur)
            cur = places[cur].get("in")


def test_no_pattern_names_two_entities() -> None:
    """After normalization, a pattern (strong or weak) belongs to one id, once.

    The one exception is declared: a ``State`` actor with a ``country`` may
    share its strong patterns with that ``Country`` place (``سوريا``).
    """
    by_id = {r["id"]: r for _, r in ALL_GAZETTEER}
    owner: dict[str, str] = {}
    for _, r in ALL_GAZETTEER:
        for weak, pats in ((False, r["patterns"]), (True, r.get("weak_patterns", []))):
            for p in pats:
                key = " ".join(normalize_string(p).split())
                if key in owner:
                    other = by_id[owner[key]]
                    shared = not weak and {r.get("country"), other.get("country")} & {r["id"], other["id"]}
                    strong = {" ".join(normalize_string(q).split()) for q in other["patterns"]}
                    message = f"{p!r} is listed for {owner[key]!r} and again for {r['id']!r}"
                    assert shared and key in strong, message
                    assert r["id"] != other["id"], f"{p!r} twice in {r['id']!r}"
                owner[key] = r["id"]


def test_states_and_their_countries() -> None:
    """A state's ``country`` is a Country place; the gold's ids keep their kinds."""
    by_id = {r["id"]: r for _, r in ALL_GAZETTEER}
    states = [r for _, r in ALL_GAZETTEER if "country" in r]
    assert len(states) >= 15
    for r in states:
        assert by_id[r["country"]]["kind"] == "place" and by_id[r["country"]]["type"] == "Country", r["id"]
    assert [by_id[i]["kind"] for i in ("iran", "usa", "russia", "israel")] == ["actor"] * 4
    assert [by_id[i]["kind"] for i in ("syria", "iraq", "turkey", "united-kingdom")] == ["place"] * 4


def _country_of(place_id: str, places: dict[str, dict[str, Any]]) -> str | None:
    cur: str | None = place_id
    while cur is not None:
        if places[cur]["type"] == "Country":
            return cur
        cur = places[cur].get("in")
    return None


def test_coordinates_lie_in_their_country() -> None:
    places = {r["id"]: r for _, r in ALL_GAZETTEER if r["kind"] == "place"}
    for pid, r in places.items():
        if "lat" not in r:
            continue
        country = _country_of(pid, places)
        if country is None:
            continue
        assert country in COUNTRY_BOXES, f"{pid}: no bounding box for {country!r}"
        lat0, lat1, lon0, lon1 = COUNTRY_BOXES[country]
        assert lat0 <= r["lat"] <= lat1 and lon0 <= r["lon"] <= lon1, f"{pid} lies outside {country}"


def test_syrian_governorates_and_the_east_s_districts() -> None:
    places = [r for _, r in ALL_GAZETTEER if r["kind"] == "place"]
    governorates = [r for r in places if r["type"] == "Governorate" and r.get("in") == "syria"]
    assert len(governorates) == 14
    for gov, n_districts in (("deir-ez-zor", 3), ("raqqa-governorate", 3), ("hasakah", 4)):
        districts = [r["id"] for r in places if r["type"] == "District" and r.get("in") == gov]
        assert len(districts) == n_districts, gov
        for d in districts:
            assert any(r["type"] == "Subdistrict" and r.get("in") == d for r in places), d


def test_loader_agrees_with_the_files() -> None:
    g = load_gazetteer()
    assert [e.id for e in g.entries] == [r["id"] for _, r in ALL_GAZETTEER]
    assert 600 <= len(g) <= 3000
    for name in GAZETTEER_FILES:
        text = DATA.joinpath(*name.split("/")).read_text(encoding="utf-8")
        assert len(entries_from_rows(parse_jsonl(text, name), name)) == len(_records(name))


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"kind": "group"}, "unknown kind"),
        ({"type": "City"}, "not one of the actor types"),
        ({"patterns": []}, "no patterns"),
        ({"wikidata": "794"}, "bad wikidata"),
        ({"in": "syria"}, "only places"),
        ({"colour": "red"}, "unknown field"),
        ({"type": "Militia", "country": "iran-country"}, "only State actors"),
        ({"sense": "actor"}, "with a 'country'"),
        ({"country": "iran-country", "sense": "both"}, "'sense' must be"),
    ],
)
def test_loader_rejects_bad_records(patch: dict[str, Any], message: str) -> None:
    row = {"id": "iran", "kind": "actor", "type": "State", "name": "Iran", "patterns": ["إيران"], **patch}
    with pytest.raises(DataError, match=message):
        entries_from_rows([row], "x.jsonl")


@pytest.mark.skipif(not GOLD_DIR.exists(), reason="needs ../shared")
def test_gold_ids_of_the_seed_are_in_the_gazetteer() -> None:
    """The seed's actors and places are covered, with the gold's ids, kinds and types."""
    gold = json.loads((GOLD_DIR / "000_4626a3707a676845.gold.json").read_text(encoding="utf-8"))
    g = load_gazetteer()
    for e in gold["entities"]:
        if e["kind"] == "person":
            continue
        assert e["id"] in g.by_id, e["id"]
        assert (g[e["id"]].kind, g[e["id"]].type) == (e["kind"], e["type"]), e["id"]


def test_a_pattern_shared_outside_a_state_and_its_country_is_rejected() -> None:
    from kg.extract.gazetteer import Gazetteer, GazetteerEntry

    country = GazetteerEntry("x-country", "place", "Country", "X", ("اكس",))
    state = GazetteerEntry("x", "actor", "State", "X", ("اكس",), country="x-country")
    assert len(Gazetteer([country, state])) == 2
    with pytest.raises(DataError, match="is listed by"):
        Gazetteer([country, GazetteerEntry("y", "actor", "State", "Y", ("اكس",))])


# --------------------------------------------------------------------------- affiliations


AFFILIATION_ROWS = _records(AFFILIATIONS_FILE)


def test_affiliation_records() -> None:
    ids = {r["id"] for _, r in ALL_GAZETTEER}
    date = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
    assert len(AFFILIATION_ROWS) >= 50
    seen = set()
    for r in AFFILIATION_ROWS:
        assert set(r) <= {"source", "type", "target", "from", "to", "note"} and {"from", "to"} <= set(r), r
        assert r["type"] in AFFILIATION_TYPES, r
        assert r["source"] in ids and r["target"] in ids and r["source"] != r["target"], r
        for key in ("from", "to"):
            assert r[key] is None or date.match(r[key]), r
        if r["from"] and r["to"]:
            assert r["from"][:len(r["to"])] <= r["to"], r
        key = (r["source"], r["type"], r["target"], r["from"])
        assert key not in seen, r
        seen.add(key)
    assert len(load_affiliations()) == len(AFFILIATION_ROWS)


def test_affiliations_the_brief_names() -> None:
    facts = {(a.source, a.type, a.target): a for a in load_affiliations()}
    assert facts["liwa-al-baqir", "SUPPORTED_BY", "iran"].valid_from == "2012"
    assert facts["deir-ez-zor-military-council", "PART_OF", "sdf"].valid_from == "2016"
    assert facts["ypg", "PART_OF", "sdf"].holds_on("2018-04-29")
    assert not facts["al-nusra-front", "PART_OF", "al-qaeda"].holds_on("2017-01-01")


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"type": "CONTROLS"}, "not an affiliation type"),
        ({"target": "nowhere"}, "not a gazetteer id"),
        ({"target": "ypg"}, "the same"),
        ({"from": "2015-13"}, "must be YYYY"),
        ({"from": "2016", "to": "2015-10"}, "comes after"),
        ({"since": "2015"}, "unknown field"),
    ],
)
def test_affiliations_from_rows_rejects_bad_records(patch: dict[str, Any], message: str) -> None:
    row = {"source": "ypg", "type": "PART_OF", "target": "sdf", "from": "2015-10", "to": None, **patch}
    with pytest.raises(DataError, match=message):
        affiliations_from_rows([row], {"ypg", "sdf"}, "x.jsonl")


# --------------------------------------------------------------------------- triggers and months


def test_trigger_records() -> None:
    rows = _records("triggers.jsonl")
    assert 15 <= len(rows) <= 250
    patterns = Counter(" ".join(normalize_string(r["pattern"]).split()) for r in rows)
    assert [p for p, c in patterns.items() if c > 1] == []
    for r in rows:
        allowed = {"pattern", "event_type", "sub_event_type", "territorial", "needs_actor", "pos",
                   "detect_only"}
        assert set(r) <= allowed, r
        assert r["sub_event_type"] in EVENT_TYPES[r["event_type"]], r
        if r.get("territorial"):
            assert r["event_type"] == "Battles", r
    assert len(load_triggers()) == len(rows)


def test_triggers_from_rows_rejects_bad_records() -> None:
    ok = {"pattern": "قصف*", "event_type": "Explosions/Remote violence",
          "sub_event_type": "Shelling/artillery/missile attack"}
    assert triggers_from_rows([ok], "x")[0].words == (("قصف", True),)
    for bad in ({**ok, "pattern": "قص"}, {**ok, "territorial": "yes"}, {**ok, "x": 1},
                {**ok, "sub_event_type": "Armed clash"}):
        with pytest.raises(DataError):
            triggers_from_rows([bad], "x")


def test_month_records() -> None:
    rows = _records("months.jsonl")
    assert sorted(r["month"] for r in rows) == list(range(1, 13))
    names = [normalize_string(n) for r in rows for n in r["names"]]
    assert len(names) == len(set(names))
    assert len(month_names()) == len(names)


def test_readme_documents_every_data_file() -> None:
    readme = DATA.joinpath("README.md").read_text(encoding="utf-8")
    files = [p.name for p in DATA.iterdir() if p.name.endswith(".jsonl")]
    files += [f"gazetteer/{p.name}" for p in DATA.joinpath("gazetteer").iterdir()
              if not p.name.startswith(".")]
    for f in files:
        assert f"`{f}`" in readme, f
    assert "licence" in readme.lower() and "CC0" in readme and "CC BY 4.0" in readme
