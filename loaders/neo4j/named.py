"""Named read queries: their headers parsed, parameters typed, and run in read transactions.

A read query is a ``cypher/*.cypher`` file with no write clause. Its header
lists its parameters (``$name  description``); a description starting with
``list`` makes a list, ``bool`` a boolean, and ``(default: X)`` gives the value
used when the caller leaves the parameter out (a parameter with no default is
required). :func:`coerce` turns command-line text into typed values.

Examples
--------
>>> info = query_info("place_history")
>>> [(p.name, p.kind, p.required) for p in info.params]
[('place', 'str', True), ('subtree', 'bool', False), ('at', 'str', False), ('as_of', 'str', False)]
>>> coerce("isis,sdf", "list"), coerce("3", "int"), coerce("null", "str")
(['isis', 'sdf'], 3, None)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from loaders.neo4j.queries import load_query, query_names, query_parameters, strip_comments

__all__ = ["NamedQueryError", "ParamInfo", "QueryInfo", "coerce", "named_queries", "plain",
           "query_info", "resolve_params", "run_named"]

_WRITE = re.compile(r"\b(CREATE|MERGE|DELETE|SET|REMOVE|DROP|LOAD\s+CSV)\b")
_PARAM_LINE = re.compile(r"^//\s*(?:Parameters:)?\s*\$([A-Za-z_]\w*)\s+(.*)$")
_DEFAULT = re.compile(r"\(default:\s*([^)]*)\)")


#: Read queries the loader and the exporter use internally (not offered by ``kg query --list``):
#: bulk reads whose cost grows with the graph, not interactive questions.
INTERNAL = frozenset({"article_hashes", "article_report_rows", "graph_dump", "graph_window_edges",
                      "graph_window_nodes", "period_claims", "report_candidates",
                      # paged reads of `kg export rdf|acled` (loaders/rdf/read.py)
                      "acled_events", "rdf_articles", "rdf_claims", "rdf_entities", "rdf_events",
                      "rdf_relations", "rdf_sources"})
#: The explorer's own reads (``loaders.neo4j.explore``), tested in tests/app/.
INTERNAL |= frozenset({"explore_bounds", "explore_claim_reports", "explore_entities",
                       "explore_entity_sources", "explore_events", "explore_relations"})
#: Reads of `kg dump` and `kg ledger`.
INTERNAL |= frozenset({"dump_nodes", "dump_relationships", "ingest_ledger"})


class NamedQueryError(ValueError):
    """A named query was called with a missing or malformed parameter."""


@dataclass(frozen=True)
class ParamInfo:
    """One parameter of a named query, as its header describes it."""

    name: str
    kind: str  # str, int, float, bool, list, any
    description: str
    default: Any = None
    required: bool = True


@dataclass(frozen=True)
class QueryInfo:
    """A named read query: name, purpose (first header line) and parameters."""

    name: str
    purpose: str
    params: tuple[ParamInfo, ...]


def _kind(description: str, name: str) -> str:
    d = description.lower()
    if d.startswith("list"):
        return "list"
    if d.startswith("bool"):
        return "bool"
    if name in ("limit", "top", "depth", "min_sources", "min_events") or d.startswith(("int", "how many",
                                                                                       "maximum", "minimum",
                                                                                       "1, 2")):
        return "int"
    if d.startswith("float"):
        return "float"
    return "str"


def coerce(text: str, kind: str) -> Any:
    """A command-line value as the parameter's type; ``null`` is None, JSON is accepted.

    >>> coerce('["a", "b"]', "list"), coerce("", "list"), coerce("true", "bool")
    (['a', 'b'], [], True)
    >>> coerce("35.1,40,36,41", "list")
    [35.1, 40, 36, 41]
    """
    t = text.strip()
    if t.lower() in ("null", "none"):
        return None
    if kind == "list":
        if t.startswith("["):
            value = json.loads(t)
            if not isinstance(value, list):
                raise NamedQueryError(f"not a list: {text!r}")
            return value
        return [_scalar(x.strip()) for x in t.split(",") if x.strip()]
    if kind == "bool":
        if t.lower() in ("true", "1", "yes"):
            return True
        if t.lower() in ("false", "0", "no"):
            return False
        raise NamedQueryError(f"not a boolean: {text!r}")
    if kind == "int":
        try:
            return int(t)
        except ValueError as exc:
            raise NamedQueryError(f"not an integer: {text!r}") from exc
    if kind == "float":
        try:
            return float(t)
        except ValueError as exc:
            raise NamedQueryError(f"not a number: {text!r}") from exc
    return t


def _scalar(t: str) -> Any:
    for cast in (int, float):
        try:
            return cast(t)
        except ValueError:
            pass
    return t


def _is_read(text: str) -> bool:
    return not _WRITE.search(strip_comments(text))


def named_queries() -> list[str]:
    """Names of the read queries in ``cypher/`` (files without a write clause), sorted."""
    return [n for n in query_names() if n not in INTERNAL and _is_read(load_query(n))]


def query_info(name: str) -> QueryInfo:
    """Parse the header of ``cypher/NAME.cypher``."""
    text = load_query(name)
    lines = text.splitlines()
    purpose = lines[0].split("—", 1)[1].strip() if lines and "—" in lines[0] else ""
    described: dict[str, ParamInfo] = {}
    in_params = False
    for line in lines:
        if not line.startswith("//"):
            break
        if "Parameters:" in line:
            in_params = True
        elif "Example:" in line:
            in_params = False
        if not in_params:
            continue
        m = _PARAM_LINE.match(line)
        if m:
            pname, desc = m.group(1), m.group(2).strip()
            d = _DEFAULT.search(desc)
            kind = _kind(desc, pname)
            default = coerce(d.group(1), kind) if d else None
            described[pname] = ParamInfo(pname, kind, desc, default, required=d is None)
    used = query_parameters(text)
    params = [described.get(p, ParamInfo(p, "any", "", None, True)) for p in used]
    order = {p: i for i, p in enumerate(described)}
    params.sort(key=lambda p: (order.get(p.name, len(order)), p.name))
    return QueryInfo(name, purpose, tuple(params))


def resolve_params(info: QueryInfo, given: dict[str, Any]) -> dict[str, Any]:
    """Every parameter of the query: the given ones, defaults for the rest; unknown names refused.

    >>> resolve_params(query_info("place_history"), {"place": "al-kum"})["subtree"]
    False
    """
    names = {p.name for p in info.params}
    unknown = sorted(set(given) - names)
    if unknown:
        raise NamedQueryError(f"{info.name} has no parameter {', '.join(unknown)} "
                              f"(it takes: {', '.join(sorted(names)) or 'none'})")
    out: dict[str, Any] = {}
    for p in info.params:
        if p.name in given:
            out[p.name] = given[p.name]
        elif p.required:
            raise NamedQueryError(f"{info.name} needs --param {p.name}=… ({p.description})")
        else:
            out[p.name] = p.default
    return out


def plain(value: Any) -> Any:
    """Driver values made plain for JSON and CSV (dates and points as strings)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    return str(value)


def run_named(driver: Driver, database: str, name: str,
              params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a named read query (routing ``r``); return its columns and plain rows."""
    if name not in named_queries() and name not in INTERNAL:
        raise NamedQueryError(f"no read query named {name!r} (see `kg query --list`)")
    info = query_info(name)
    full = resolve_params(info, dict(params or {}))
    records, _summary, keys = driver.execute_query(load_query(name), full, database_=database,
                                                  routing_="r")
    return list(keys), [{k: plain(r[k]) for k in keys} for r in records]
