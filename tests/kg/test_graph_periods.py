"""Time-scoped relations as periods (kg.graph.periods): closing, contradictions, order."""

from __future__ import annotations

import itertools

from kg.graph.periods import Claim, derive_periods, group_key


def c(cid: str, src: str, day: str | None, published: str | None, rel: str = "CONTROLS",
      target: str = "al-kum", outlet: str | None = None, valid_to: str | None = None) -> Claim:
    return Claim(cid, rel, src, target, day, valid_to, "day" if day else None, published, cid, outlet)


def _rows(claims: list[Claim]) -> list[tuple[object, ...]]:
    return [(p.source, p.valid_from, p.valid_to, p.closed_by, p.contested, p.claim_ids)
            for p in derive_periods(claims)]


def test_later_claim_closes_and_opens() -> None:
    got = _rows([c("c1", "isis", "2018-03-17", "2018-03-18"), c("c2", "isis", "2018-03-20", "2018-03-21"),
                 c("c3", "regime", "2018-05-02", "2018-05-03")])
    assert got == [("isis", "2018-03-17", "2018-05-02", "regime", False, ("c1", "c2")),
                   ("regime", "2018-05-02", None, None, False, ("c3",))]


def test_retaken_twice() -> None:
    got = _rows([c("a", "isis", "2018-03-17", "2018-03-18"), c("b", "regime", "2018-05-02", "2018-05-03"),
                 c("d", "isis", "2018-07-01", "2018-07-02")])
    assert [(s, f, t) for s, f, t, *_ in got] == [("isis", "2018-03-17", "2018-05-02"),
                                                 ("regime", "2018-05-02", "2018-07-01"),
                                                 ("isis", "2018-07-01", None)]


def test_contradiction_is_kept_and_flagged() -> None:
    periods = derive_periods([c("a", "isis", "2018-05-02", "2018-05-04"),
                              c("b", "regime", "2018-05-02", "2018-05-03")])
    assert [(p.source, p.contested, p.rivals) for p in periods] == [
        ("isis", True, ("regime",)), ("regime", True, ("isis",))]


def test_undated_claim_anchors_at_publication() -> None:
    periods = derive_periods([c("a", "isis", "2018-03-17", "2018-03-18"),
                              c("b", "regime", None, "2018-04-01")])
    assert [(p.source, p.valid_from, p.valid_to, p.precision) for p in periods] == [
        ("isis", "2018-03-17", "2018-04-01", "day"), ("regime", "2018-04-01", None, "reported")]


def test_non_exclusive_types_do_not_close_each_other() -> None:
    periods = derive_periods([
        c("a", "liwa", "2013-01-01", "2018-01-01", rel="SUPPORTED_BY", target="iran", outlet="x"),
        c("b", "liwa", None, "2018-02-01", rel="SUPPORTED_BY", target="iran", outlet="y"),
        c("d", "nujaba", "2015-01-01", "2018-01-01", rel="SUPPORTED_BY", target="iran",
          valid_to="2019-01-01")])
    assert [(p.source, p.valid_from, p.valid_to, p.source_count, p.first_reported) for p in periods] == [
        ("liwa", "2013-01-01", None, 2, "2018-01-01"),
        ("nujaba", "2015-01-01", "2019-01-01", 1, "2018-01-01")]


def test_order_does_not_matter() -> None:
    claims = [c("a", "isis", "2018-03-17", "2018-03-18"), c("b", "regime", "2018-05-02", "2018-05-03"),
              c("d", "isis", "2018-05-02", "2018-05-04"), c("e", "sdf", None, "2018-06-01"),
              c("f", "liwa", None, None, rel="LEADS", target="x")]
    results = {tuple(derive_periods(list(p))) for p in itertools.permutations(claims)}
    assert len(results) == 1


def test_group_key() -> None:
    assert group_key("LEADS", "a", "b") == ("LEADS", "", "b")
    assert group_key("ALLIED_WITH", "a", "b") == ("ALLIED_WITH", "a", "b")
