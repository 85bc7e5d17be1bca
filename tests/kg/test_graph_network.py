"""networkx views of the graph (kg.graph.network): snapshots, centrality, Gephi text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kg.graph.network import (
    centrality_over_time,
    for_gephi,
    from_rows,
    monthly_snapshots,
    to_gexf,
    to_graphml,
)


def _graph():  # type: ignore[no-untyped-def]
    nodes = [{"id": "isis", "kind": "Actor", "label": "IS"}, {"id": "regime", "kind": "Actor"},
             {"id": "kum", "kind": "Place"},
             {"id": "e1", "kind": "Event", "start": "2018-03-17", "end": "2018-03-17"},
             {"id": "e2", "kind": "Event", "start": "2018-05-02", "end": "2018-05-02"}]
    edges = [
        {"source": "isis", "target": "e1", "type": "AGENT_IN", "start": "2018-03-17", "end": "2018-03-17"},
        {"source": "regime", "target": "e1", "type": "TARGET_IN", "start": "2018-03-17", "end": "2018-03-17"},
        {"source": "regime", "target": "e2", "type": "AGENT_IN", "start": "2018-05-02", "end": "2018-05-02"},
        {"source": "isis", "target": "kum", "type": "CONTROLS", "start": "2018-03-17", "end": "2018-05-02",
         "contested": False},
        {"source": "regime", "target": "kum", "type": "CONTROLS", "start": "2018-05-02", "end": None,
         "rivals": ["isis"]},
    ]
    return from_rows(nodes, edges)


def test_snapshots_by_month() -> None:
    snaps = monthly_snapshots(_graph())
    assert list(snaps) == ["2018-03", "2018-04", "2018-05"]
    assert sorted(snaps["2018-04"].edges(keys=True)) == [("isis", "kum", "CONTROLS@2018-03-17")]
    assert sorted(snaps["2018-05"].nodes) == ["e2", "isis", "kum", "regime"]


def test_centrality_over_time() -> None:
    deg = centrality_over_time(_graph())
    assert deg["2018-03"]["isis"] == pytest.approx(2 / 3)
    btw = centrality_over_time(_graph(), "betweenness")
    assert btw["2018-05"]["regime"] > btw["2018-05"]["e2"]
    with pytest.raises(ValueError):
        centrality_over_time(_graph(), "pagerank")


def test_gephi_text_has_flat_attributes_and_time() -> None:
    g = for_gephi(_graph())
    assert g.edges["regime", "kum", "CONTROLS@2018-05-02"]["rivals"] == "isis"
    text = to_graphml(_graph())
    root = ET.fromstring(text)
    keys = {k.get("attr.name") for k in root.iter("{http://graphml.graphdrawing.org/xmlns}key")}
    assert {"start", "end", "type", "kind"} <= keys
    assert "<gexf" in to_gexf(_graph())
