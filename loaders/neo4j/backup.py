"""Portable backup and restore of the whole graph (``kg dump FILE`` / ``kg restore FILE``).

Format ``rasd-dump/1``: JSON Lines (gzip-compressed when the name ends in
``.gz``). The first line is a header with the counts and the graph fingerprint
(:func:`loaders.neo4j.stats.graph_fingerprint`); then one line per node
(``{"node": {"labels", "props", "typed"}}``) and one per relationship
(``{"rel": {"type", "start_label", "start", "end_label", "end", "props",
"typed"}}``), sorted, so two dumps of the same graph are the same file.
``props`` holds the JSON-native values; ``typed`` the dates, datetimes and
points as text (``{"key", "type", "value"}``), rebuilt by the server on restore.
A full dump keeps everything, the merge state (which reports form one event) and
record time included, so a restore is the same graph, fingerprint for
fingerprint; re-extracting the articles would not be.

The dump runs in one transaction under the ingest lock, so it never sees half
of a batch. A restore needs an empty graph (``replace=True`` empties it first);
labels and relationship types from the file are checked against the model's
allow-list before they reach Cypher. At the end the graph's fingerprint is
compared with the header's.

Examples
--------
>>> from neo4j.time import Date
>>> split_props({"id": "d1", "published": Date(2018, 3, 17), "names": ["a"]})
({'id': 'd1', 'names': ['a']}, [{'key': 'published', 'type': 'date', 'value': '2018-03-17'}])
>>> check_label("Article"), check_label("Battle")
('Article', 'Battle')
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, cast

from neo4j import Driver, ManagedTransaction
from neo4j.spatial import Point
from neo4j.time import Date, DateTime

from loaders.neo4j.queries import load_query
from loaders.neo4j.rows import UnsafeIdentifier, check_identifier
from loaders.neo4j.stats import _canonical

__all__ = ["FORMAT", "BackupError", "DumpSummary", "check_label", "dump_graph", "is_empty", "read_header",
           "restore_graph", "split_props"]

FORMAT: Final = "rasd-dump/1"
#: Labels that key a node (each has a uniqueness constraint on ``id``), in order of preference.
KEY_LABELS: Final = ("Entity", "Event", "Article", "Claim", "Source")
#: Structural labels and types of the graph model besides those rows.py allows.
STRUCTURAL: Final = frozenset({*KEY_LABELS, "REPORTED_IN", "MENTIONED_IN", "CLAIMED_IN", "SUBJECT",
                               "OBJECT"})
BATCH: Final = 1000


class BackupError(RuntimeError):
    """A dump cannot be written or restored; the message says which line or value and why."""


@dataclass(frozen=True)
class DumpSummary:
    """What a dump or restore held."""

    nodes: int
    relationships: int
    fingerprint: str


def check_label(name: str) -> str:
    """``name`` if it is a label or relationship type of the model, else :class:`UnsafeIdentifier`.

    >>> check_label("X) DETACH DELETE n //")
    Traceback (most recent call last):
    ...
    loaders.neo4j.rows.UnsafeIdentifier: not an allowed label or type: 'X) DETACH DELETE n //'
    """
    if name in STRUCTURAL:
        return name
    return check_identifier(name)


def _typed(value: Any) -> tuple[str, Any] | None:
    """``(type, text)`` for a value JSON cannot hold natively; None for JSON-native ones."""
    if isinstance(value, DateTime):
        return "datetime", value.iso_format()
    if isinstance(value, Date):
        return "date", value.iso_format()
    if isinstance(value, Point):
        coords = dict(zip(("x", "y", "z"), value, strict=False))
        return "point", {"srid": value.srid, **coords}
    if isinstance(value, list) and value and all(isinstance(v, DateTime) for v in value):
        return "datetime_list", [v.iso_format() for v in value]
    if isinstance(value, list) and value and all(isinstance(v, Date) for v in value):
        return "date_list", [v.iso_format() for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str | int | float | bool) for v in value):
        return None
    raise BackupError(f"cannot dump a value of type {type(value).__name__}: {value!r}")


def split_props(props: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Plain (JSON-native) properties, and the typed ones as ``{key, type, value}`` (sorted)."""
    plain: dict[str, Any] = {}
    typed: list[dict[str, Any]] = []
    for key in sorted(props):
        kind = _typed(props[key])
        if kind is None:
            plain[key] = props[key]
        else:
            typed.append({"key": key, "type": kind[0], "value": kind[1]})
    return plain, typed


def _key_label(labels: list[str], what: str) -> str:
    for label in KEY_LABELS:
        if label in labels:
            return label
    raise BackupError(f"{what} has no key label ({', '.join(KEY_LABELS)}): labels {labels}")


def _item(element: str, labels: list[str], key: Any, props: dict[str, Any], start: Any, end: Any) -> str:
    """The line :func:`graph_fingerprint` hashes for one element (same canonical form)."""
    return json.dumps([element, sorted(labels), key, _canonical(props), start, end],
                      ensure_ascii=False, sort_keys=True)


def _fingerprint(items: list[str]) -> str:
    h = hashlib.sha256()
    for item in sorted(items):
        h.update(item.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _read_all(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    """Lines of the dump (nodes, relationships) and the fingerprint of what was read."""
    tx.run(load_query("ingest_lock"), holder=f"kg dump pid {os.getpid()}").consume()
    items: list[str] = []
    nodes: list[dict[str, Any]] = []
    for rec in tx.run(load_query("dump_nodes")):
        labels, props = list(rec["labels"]), dict(rec["props"])
        if props.get("id") is None:
            raise BackupError(f"a node with labels {labels} has no id: it cannot be dumped portably")
        _key_label(labels, f"node {props['id']!r}")
        plain, typed = split_props(props)
        nodes.append({"labels": sorted(labels), "props": plain, "typed": typed})
        items.append(_item("node", labels, props["id"], props, None, None))
    rels: list[dict[str, Any]] = []
    for rec in tx.run(load_query("dump_relationships")):
        props = dict(rec["props"])
        plain, typed = split_props(props)
        rels.append({"type": rec["type"], "start_label": _key_label(rec["start_labels"], "a start node"),
                     "start": rec["start"], "end_label": _key_label(rec["end_labels"], "an end node"),
                     "end": rec["end"], "props": plain, "typed": typed})
        items.append(_item("relationship", [rec["type"]], None, props, rec["start"], rec["end"]))
    tx.run(load_query("ingest_unlock")).consume()
    return nodes, rels, _fingerprint(items)


def _line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


@contextmanager
def _open(path: Path, mode: str) -> Iterator[IO[str]]:
    if path.suffix == ".gz":
        with gzip.open(path, mode + "t", encoding="utf-8") as f:
            yield cast(IO[str], f)
    else:
        with path.open(mode, encoding="utf-8") as f:
            yield f


def dump_graph(driver: Driver, database: str, path: Path) -> DumpSummary:
    """Write the whole graph to ``path`` (atomically: a temporary file renamed at the end)."""
    with driver.session(database=database) as session:
        nodes, rels, fingerprint = session.execute_write(_read_all)
    node_lines = sorted(_line({"node": n}) for n in nodes)
    rel_lines = sorted(_line({"rel": r}) for r in rels)
    tmp = path.with_name(path.name + ".tmp" + path.suffix)
    with _open(tmp, "w") as f:
        f.write(_line({"format": FORMAT, "nodes": len(nodes), "relationships": len(rels),
                       "fingerprint": fingerprint}) + "\n")
        for line in (*node_lines, *rel_lines):
            f.write(line + "\n")
    tmp.replace(path)
    return DumpSummary(len(nodes), len(rels), fingerprint)


def _checked_node(obj: Any, where: str) -> dict[str, Any]:
    if not isinstance(obj, dict) or not isinstance(obj.get("labels"), list) \
            or not isinstance(obj.get("props"), dict) or "id" not in obj["props"]:
        raise BackupError(f"{where}: a node needs labels, props and props.id")
    try:
        labels = [check_label(x) for x in obj["labels"]]
    except (UnsafeIdentifier, TypeError) as exc:
        raise BackupError(f"{where}: {exc}") from exc
    return {"labels": labels, "key_label": _key_label(labels, where), "props": obj["props"],
            "typed": list(obj.get("typed") or [])}


def _checked_rel(obj: Any, where: str) -> dict[str, Any]:
    if not isinstance(obj, dict) or not isinstance(obj.get("props"), dict):
        raise BackupError(f"{where}: a relationship needs type, ends and props")
    try:
        row = {"type": check_label(obj["type"]), "start_label": check_label(obj["start_label"]),
               "start": obj["start"], "end_label": check_label(obj["end_label"]), "end": obj["end"],
               "props": obj["props"], "typed": list(obj.get("typed") or [])}
    except (UnsafeIdentifier, KeyError, TypeError) as exc:
        raise BackupError(f"{where}: {exc}") from exc
    if row["start_label"] not in KEY_LABELS or row["end_label"] not in KEY_LABELS:
        raise BackupError(f"{where}: relationship ends must be named by a key label")
    return row


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with _open(path, "r") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise BackupError(f"{path}:{number}: not JSON ({exc.msg})") from exc


def read_header(path: Path) -> dict[str, Any]:
    """The first line of a dump, checked for the format."""
    try:
        for _, header in _records(path):
            if header.get("format") != FORMAT:
                raise BackupError(f"{path}: not a {FORMAT} file (first line: format "
                                  f"{header.get('format')!r})")
            return header
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path}: cannot read it ({exc})") from exc
    raise BackupError(f"{path}: empty file")


def is_empty(driver: Driver, database: str) -> bool:
    """True when the graph has no node (schema aside)."""
    records, _, _ = driver.execute_query(load_query("graph_totals"), database_=database, routing_="r")
    return int(records[0]["nodes"]) + int(records[0]["relationships"]) == 0


def restore_graph(driver: Driver, database: str, path: Path, *, replace: bool = False,
                  on_progress: Callable[[int], None] | None = None) -> DumpSummary:
    """Load a dump into an empty graph (``replace``: empty it first); check the fingerprint.

    Raises :class:`BackupError` when the graph is not empty, the file is not a
    dump, or the restored graph's fingerprint differs from the header's.
    """
    from loaders.neo4j.stats import graph_fingerprint

    header = read_header(path)
    if not is_empty(driver, database):
        if not replace:
            raise BackupError("the graph is not empty: restore into an empty database, or pass "
                              "--replace to delete everything in it first")
        with driver.session(database=database) as session:
            session.run(load_query("restore_wipe")).consume()
    nodes: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    element_ids: dict[tuple[str, Any], str] = {}
    n_nodes = n_rels = 0

    def flush_nodes() -> None:
        if nodes:
            records, _, _ = driver.execute_query(load_query("restore_nodes"), rows=nodes,
                                                 database_=database)
            element_ids.update(((r["key_label"], r["id"]), r["element_id"]) for r in records)
            if on_progress:
                on_progress(len(nodes))
            nodes.clear()

    def flush_rels() -> None:
        if rels:
            driver.execute_query(load_query("restore_relationships"), rows=rels, database_=database)
            if on_progress:
                on_progress(len(rels))
            rels.clear()

    def end(label: str, key: Any, where: str) -> str:
        found = element_ids.get((label, key))
        if found is None:
            raise BackupError(f"{where}: no node {label} {key!r} in the dump")
        return found

    try:
        for number, record in _records(path):
            where = f"{path}:{number}"
            if "format" in record:
                continue
            if "node" in record:
                if n_rels:
                    raise BackupError(f"{where}: nodes must come before relationships")
                nodes.append(_checked_node(record["node"], where))
                n_nodes += 1
                if len(nodes) >= BATCH:
                    flush_nodes()
            elif "rel" in record:
                flush_nodes()
                rel = _checked_rel(record["rel"], where)
                rels.append({"type": rel["type"], "start": end(rel["start_label"], rel["start"], where),
                             "end": end(rel["end_label"], rel["end"], where), "props": rel["props"],
                             "typed": rel["typed"]})
                n_rels += 1
                if len(rels) >= BATCH:
                    flush_rels()
            else:
                raise BackupError(f"{where}: neither a node nor a relationship")
        flush_nodes()
        flush_rels()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path}: cannot read it ({exc})") from exc
    if (n_nodes, n_rels) != (header.get("nodes"), header.get("relationships")):
        raise BackupError(f"{path}: the header promises {header.get('nodes')} nodes and "
                          f"{header.get('relationships')} relationships, the file holds {n_nodes} and "
                          f"{n_rels} (truncated?)")
    fingerprint = graph_fingerprint(driver, database)
    if fingerprint != header.get("fingerprint"):
        raise BackupError(f"restored graph differs from the dump: fingerprint {fingerprint[:12]}… "
                          f"≠ {str(header.get('fingerprint'))[:12]}…")
    return DumpSummary(n_nodes, n_rels, fingerprint)
