"""Cross-article event merging (kg.graph.merge): rules, order independence, dev-set B-cubed."""

from __future__ import annotations

import glob
import itertools
import json
import random
from pathlib import Path

import pytest

from kg.graph.merge import (
    Report,
    bcubed,
    cluster_reports,
    clusters_of,
    compatible,
    components,
    report_window,
    reports_from,
)
from kg.model import Extraction

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "dev"
PARENTS = {"al-mayadin": "deir-ez-zor", "deir-ez-zor": "syria", "raqqa": "syria"}


def rep(key: str, sub: str = "Armed clash", agents: tuple[str, ...] = ("isis",),
        targets: tuple[str, ...] = ("regime",), place: str | None = "al-mayadin",
        value: str | None = "2018-05-23", precision: str | None = "day",
        published: str | None = None) -> Report:
    return Report(key, key.split("/")[0], "Battles", sub, agents, targets, place, value, precision,
                  published)


@pytest.mark.parametrize(("other", "expected"), [
    (rep("b/e1"), True),                                          # same everything
    (rep("b/e1", value="2018-05-24"), False),                     # two day reports, a day apart
    (rep("b/e1", value="2018-05-26"), False),                     # three days apart
    (rep("b/e1", value="2018-05-27", precision="approx"), True),  # approx: same week
    (rep("b/e1", value="2018-06-05", precision="approx"), False),  # approx, two weeks later
    (rep("b/e1", place="deir-ez-zor"), True),                     # place inside the other
    (rep("b/e1", place="raqqa"), False),                          # places apart
    (rep("b/e1", place=None), True),                              # no place: agent+target+day
    (rep("b/e1", agents=("sdf",), targets=("regime",)), False),   # other agent
    (rep("b/e1", agents=("regime",), targets=("isis",)), True),   # clash: sides swapped
    (rep("b/e1", sub="Government regains territory"), False),     # other sub-type
    (rep("a/e2"), False),                                         # same article: never
    (rep("b/e1", agents=("unidentified-armed-group",)), True),    # wildcard agent
    (rep("b/e1", value="2018", precision="year"), False),         # a day vs a year: never
])
def test_compatible(other: Report, expected: bool) -> None:
    assert compatible(rep("a/e1"), other, PARENTS) is expected
    assert compatible(other, rep("a/e1"), PARENTS) is expected


def test_window_respects_precision() -> None:
    assert report_window(rep("a/e1")) == ("2018-05-23", "2018-05-23")
    assert report_window(rep("a/e1", value="2018-05", precision="month")) == ("2018-05-01", "2018-05-31")
    assert report_window(rep("a/e1", value=None, precision=None, published="2018-05-27")) == (
        None, "2018-05-27")


def _dev() -> tuple[list[Report], dict[str, str]]:
    reports: list[Report] = []
    gold: dict[str, str] = {}
    for path in sorted(glob.glob(str(DEV / "*.gold.json"))):
        ext = Extraction.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        for ev in ext.events:
            assert ev.event_key, (ext.doc_id, ev.id)
            gold[f"{ext.doc_id}/{ev.id}"] = ev.event_key
        reports += reports_from(ext, keyed=True)  # the key is read, never used for merging
    return reports, gold


def _parents() -> dict[str, str]:
    from kg.extract.gazetteer import load_gazetteer

    return {e.id: e.parent for e in load_gazetteer().by_id.values() if e.parent}


needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/eval/dev")


@needs_dev
def test_dev_bcubed_and_the_two_big_clusters() -> None:
    reports, gold = _dev()
    pred = cluster_reports(reports, _parents())
    p, r, f = bcubed(pred, gold)
    print(f"dev B-cubed: P={p:.3f} R={r:.3f} F1={f:.3f} over {len(gold)} reports")
    assert f >= 0.85
    for cluster in clusters_of(pred):
        keys = {gold[k] for k in cluster}
        for prefix in ("2018-04-29-", "2018-05-23-isis-attack-al-mayadin"):
            if any(k.startswith(prefix) for k in keys):
                assert len(keys) == 1, (cluster, keys)
    # the six-outlet cluster really is merged
    capture = {pred[k] for k, v in gold.items() if v == "2018-04-29-regime-captures-4-villages-from-sdf"}
    assert len(capture) == 1


@needs_dev
def test_dev_clustering_does_not_depend_on_order() -> None:
    reports, _ = _dev()
    parents = _parents()
    first = cluster_reports(reports, parents)
    rng = random.Random(5)
    for _ in range(5):
        shuffled = reports[:]
        rng.shuffle(shuffled)
        assert cluster_reports(shuffled, parents) == first


@needs_dev
def test_clustering_is_local_to_components() -> None:
    """Clustering each component alone gives the global result (what makes loading incremental)."""
    reports, _ = _dev()
    parents = _parents()
    whole = cluster_reports(reports, parents)
    parts: dict[str, str] = {}
    for comp in components(reports, parents):
        parts.update(cluster_reports(comp, parents))
    assert parts == whole


def test_small_permutations() -> None:
    rs = [rep("c/e1"), rep("a/e3", value="2018-05-27", precision="approx"), rep("b/e1", place=None),
          rep("d/e1", agents=("sdf",), targets=("isis",))]
    results = {tuple(sorted(cluster_reports(list(p), PARENTS).items()))
               for p in itertools.permutations(rs)}
    assert len(results) == 1
    got = dict(next(iter(results)))
    assert got["c/e1"] == got["b/e1"] == got["a/e3"] == "a/e3"
    assert got["d/e1"] == "d/e1"


def test_bcubed_perfect_and_all_in_one() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert r == 1.0 and p == pytest.approx(5 / 9)
