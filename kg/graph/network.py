"""The graph as a ``networkx.MultiDiGraph``: monthly snapshots, centrality over time, Gephi export.

Pure functions over a graph whose nodes and edges may carry ``start``/``end``
(ISO dates, None = open) — as :func:`loaders.networkx_graph.read_window` builds it.
Nothing here talks to a database.

Examples
--------
>>> g = from_rows([{"id": "isis", "kind": "Actor", "label": "IS"},
...                {"id": "e1", "kind": "Event", "label": "clash", "start": "2018-03-17",
...                 "end": "2018-03-17"}],
...               [{"source": "isis", "target": "e1", "type": "AGENT_IN", "start": "2018-03-17",
...                 "end": "2018-03-17"}])
>>> sorted(monthly_snapshots(g))
['2018-03']
>>> centrality_over_time(g)["2018-03"]["isis"]
1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

__all__ = [
    "centrality_over_time",
    "for_gephi",
    "from_rows",
    "monthly_snapshots",
    "months",
    "to_gexf",
    "to_graphml",
]


def from_rows(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> nx.MultiDiGraph[str]:
    """A MultiDiGraph from node rows (``id`` + attributes) and edge rows (``source``, ``target``, …).

    Edge keys are the relationship type plus its start, so parallel periods stay apart.
    """
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id" and v is not None})
    for e in edges:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target") and v is not None}
        key = f"{e.get('type')}@{e.get('start') or ''}"
        g.add_edge(e["source"], e["target"], key=key, **attrs)
    return g


def _month_bounds(month: str) -> tuple[str, str]:
    y, m = int(month[:4]), int(month[5:7])
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    return f"{month}-01", last


def months(g: nx.MultiDiGraph[str]) -> list[str]:
    """Every calendar month (``YYYY-MM``) from the earliest to the latest dated edge.

    >>> g = from_rows([], [{"source": "a", "target": "b", "start": "2018-11-02"},
    ...                    {"source": "a", "target": "c", "start": "2019-01-05"}])
    >>> months(g)
    ['2018-11', '2018-12', '2019-01']
    """
    dates = sorted({d for _, _, a in g.edges(data=True) for d in (a.get("start"), a.get("end")) if d})
    if not dates:
        return []
    y, m = int(dates[0][:4]), int(dates[0][5:7])
    last = dates[-1][:7]
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _overlaps(attrs: Mapping[str, Any], lo: str, hi: str) -> bool:
    start, end = attrs.get("start"), attrs.get("end")
    return (start is None or start <= hi) and (end is None or end >= lo)


def monthly_snapshots(g: nx.MultiDiGraph[str]) -> dict[str, nx.MultiDiGraph[str]]:
    """One subgraph per month: the edges whose ``[start, end]`` overlaps it (open ends overlap).

    Nodes without an edge in the month are left out.
    """
    out: dict[str, nx.MultiDiGraph[str]] = {}
    for month in months(g):
        lo, hi = _month_bounds(month)
        keep = [(u, v, k) for u, v, k, a in g.edges(keys=True, data=True) if _overlaps(a, lo, hi)]
        out[month] = g.edge_subgraph(keep).copy()  # type: ignore[arg-type]  # multigraph keys
    return out


def centrality_over_time(g: nx.MultiDiGraph[str], measure: str = "degree") -> dict[str, dict[str, float]]:
    """Centrality of every node in each monthly snapshot (undirected, parallel edges merged).

    Parameters
    ----------
    g
        The graph (edges with ``start``/``end``).
    measure
        ``degree`` or ``betweenness`` (normalised, as networkx computes them).

    Returns
    -------
    dict
        Month → node → centrality.
    """
    if measure not in ("degree", "betweenness"):
        raise ValueError(f"unknown centrality measure {measure!r}: degree or betweenness")
    out: dict[str, dict[str, float]] = {}
    for month, snap in monthly_snapshots(g).items():
        simple: nx.Graph[str] = nx.Graph(snap)
        values = (nx.degree_centrality(simple) if measure == "degree"
                  else nx.betweenness_centrality(simple))
        out[month] = {str(k): float(v) for k, v in values.items()}
    return out


def _flat(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return "|".join(str(_flat(v)) for v in value)
    return str(value)


def for_gephi(g: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy with every attribute a GraphML/GEXF value: lists joined with ``|``, dates as text.

    Open ``start``/``end`` are left out, which Gephi's timeline reads as unbounded.

    >>> g = from_rows([{"id": "a", "names": ["x", "y"]}], [])
    >>> for_gephi(g).nodes["a"]["names"]
    'x|y'
    """
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        out.add_node(n, **{k: _flat(v) for k, v in a.items() if v is not None})
    for u, v, k, a in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{kk: _flat(vv) for kk, vv in a.items() if vv is not None})
    return out


def to_graphml(g: nx.MultiDiGraph[str]) -> str:
    """GraphML text (Gephi reads ``start``/``end`` for its timeline)."""
    return "\n".join(nx.generate_graphml(for_gephi(g))) + "\n"


def to_gexf(g: nx.MultiDiGraph[str]) -> str:
    """GEXF 1.2 text."""
    return "\n".join(nx.generate_gexf(for_gephi(g))) + "\n"
