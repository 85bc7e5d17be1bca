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

from kg.extract.dates import month_names
from kg.extract.events import load_triggers, triggers_from_rows
from kg.extract.gazetteer import GAZETTEER_FILES, entries_from_rows, load_gazetteer
from kg.extract.resources import DataError, parse_jsonl
from kg.model import ENTITY_KINDS, ENTITY_TYPES, EVENT_TYPES, Entity
from kg.text.normalize import normalize_string

DATA = resources.files("kg").joinpath("data")
GOLD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"

GAZETTEER_KEYS = {"id", "kind", "type", "name", "patterns", "weak_patterns", "wikidata", "in", "lat", "lon"}
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
    """After normalization, a pattern (strong or weak) belongs to one id, once."""
    owner: dict[str, str] = {}
    for _, r in ALL_GAZETTEER:
        for p in [*r["patterns"], *r.get("weak_patterns", [])]:
            key = " ".join(normalize_string(p).split())
            assert key not in owner, f"{p!r} is listed for {owner.get(key)!r} and again for {r['id']!r}"
            owner[key] = r["id"]


def test_loader_agrees_with_the_files() -> None:
    g = load_gazetteer()
    assert [e.id for e in g.entries] == [r["id"] for _, r in ALL_GAZETTEER]
    assert 40 <= len(g) <= 200
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


# --------------------------------------------------------------------------- triggers and months


def test_trigger_records() -> None:
    rows = _records("triggers.jsonl")
    assert 15 <= len(rows) <= 80
    patterns = Counter(" ".join(normalize_string(r["pattern"]).split()) for r in rows)
    assert [p for p, c in patterns.items() if c > 1] == []
    for r in rows:
        assert set(r) <= {"pattern", "event_type", "sub_event_type", "territorial", "needs_actor"}, r
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
    files += [f"gazetteer/{p.name}" for p in DATA.joinpath("gazetteer").iterdir()]
    for f in files:
        assert f"`{f}`" in readme, f
    assert "licence" in readme.lower() and "CC0" in readme
