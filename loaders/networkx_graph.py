"""Read a window of the Neo4j graph into a ``networkx.MultiDiGraph`` (the pure part is kg.graph.network).

Examples
--------
>>> _iso(None), _iso("2018-03-17")
(None, '2018-03-17')
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kg.graph.network import from_rows, to_gexf, to_graphml
from loaders.neo4j.named import run_named

if TYPE_CHECKING:
    import networkx as nx
    from neo4j import Driver

__all__ = ["read_window", "write_graph"]


def _iso(value: dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def read_window(driver: Driver, database: str, *, start: dt.date | str | None = None,
                end: dt.date | str | None = None) -> nx.MultiDiGraph[str]:
    """Events overlapping ``[start, end]``, the entities they touch and the relations holding then.

    Two read queries (``graph_window_nodes``, ``graph_window_edges``); every node
    and edge carries its attributes, edges their valid time as ``start``/``end``.
    """
    params = {"start": _iso(start), "end": _iso(end)}
    _, nodes = run_named(driver, database, "graph_window_nodes", params)
    _, edges = run_named(driver, database, "graph_window_edges", params)
    known = {n["id"] for n in nodes}
    return from_rows(nodes, [e for e in edges if e["source"] in known and e["target"] in known])


def write_graph(g: nx.MultiDiGraph[str], path: Path,
                fmt: Literal["graphml", "gexf"] = "graphml") -> None:
    """Write GraphML or GEXF (UTF-8) for Gephi; lists and dates flattened to strings."""
    text = to_graphml(g) if fmt == "graphml" else to_gexf(g)
    path.write_text(text, encoding="utf-8")
