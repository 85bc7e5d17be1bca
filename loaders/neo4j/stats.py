"""Counts of what the graph holds, for ``kg stats`` and the load summary."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from loaders.neo4j.queries import load_query

__all__ = ["GraphStats", "graph_fingerprint", "graph_stats"]


@dataclass(frozen=True)
class GraphStats:
    """Node counts per label and relationship counts per type."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    node_total: int
    relationship_total: int


def graph_stats(driver: Driver, database: str) -> GraphStats:
    """Read the counts (one read query)."""
    records, _, _ = driver.execute_query(load_query("graph_stats"), database_=database, routing_="r")
    nodes = {r["name"]: r["count"] for r in records if r["element"] == "node"}
    rels = {r["name"]: r["count"] for r in records if r["element"] == "relationship"}
    totals, _, _ = driver.execute_query(load_query("graph_totals"), database_=database, routing_="r")
    return GraphStats(nodes, rels, totals[0]["nodes"], totals[0]["relationships"])


def _canonical(value: object) -> object:
    """Values made JSON-comparable (dates, points and datetimes as strings; lists kept in order)."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def graph_fingerprint(driver: Driver, database: str) -> str:
    """SHA-256 over every node and relationship with its labels/type and properties.

    Two graphs with the same content have the same fingerprint, whatever the
    order they were written in and whatever their internal element ids.
    """
    import hashlib
    import json

    records, _, _ = driver.execute_query(load_query("graph_dump"), database_=database, routing_="r")
    items = sorted(
        json.dumps([r["element"], sorted(r["labels"]), r["key"], _canonical(r["props"]),
                    r["start"], r["end"]], ensure_ascii=False, sort_keys=True)
        for r in records
    )
    h = hashlib.sha256()
    for item in items:
        h.update(item.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()
