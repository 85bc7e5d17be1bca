"""SHACL validation of an export with ``ontology/shapes.ttl`` (pyshacl), as readable results.

The named graphs of a TriG / N-Quads / JSON-LD file are validated together (their union):
a report in an article's graph points to the event in the merged graph. The ontology is
given as the ontology graph, so subclass axioms and concept schemes are visible.

Examples
--------
>>> guess_format("export.trig"), guess_format("x.nq"), guess_format("x.ttl"), guess_format("x.jsonld")
('trig', 'nquads', 'turtle', 'json-ld')
>>> Violation("<e>", "rasd:eventType", "an event has exactly one ACLED event type", None).line()
'<e> rasd:eventType: an event has exactly one ACLED event type'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from loaders.rdf.vocab import ONTOLOGY_PATH, SHAPES_PATH, bind_prefixes

__all__ = ["ValidationReport", "Violation", "guess_format", "load_union", "validate_graph"]

_FORMATS = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".ttl": "turtle", ".turtle": "turtle",
            ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".rdf": "xml", ".xml": "xml"}
_DATASETS = {"trig", "nquads", "json-ld"}


class UnknownFormat(ValueError):
    """The file's extension names no RDF format."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result: where (focus node, path), what (message) and the offending value."""

    focus: str
    path: str | None
    message: str
    value: str | None

    def line(self) -> str:
        """One readable line."""
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (value: {self.value})" if self.value and self.value != self.focus else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the data conforms, its triple count and the violations."""

    conforms: bool
    triples: int
    violations: tuple[Violation, ...]


def guess_format(path: str | Path) -> str:
    """The rdflib format name of ``path`` from its extension."""
    ext = Path(path).suffix.lower()
    if ext not in _FORMATS:
        raise UnknownFormat(f"cannot tell the RDF format of {Path(path).name!r} "
                            f"(known extensions: {', '.join(sorted(_FORMATS))})")
    return _FORMATS[ext]


def load_union(path: str | Path, fmt: str | None = None) -> Graph:
    """Parse ``path``; a dataset's named graphs are merged into one graph."""
    fmt = fmt or guess_format(path)
    if fmt not in _DATASETS:
        return Graph().parse(str(path), format=fmt)
    ds = Dataset()
    ds.parse(str(path), format=fmt)
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _text(g: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        inverse = g.value(node, SH.inversePath)
        if inverse is not None:  # a path ^p
            return "^" + (_text(g, inverse) or "?")
        return "[]"
    if isinstance(node, URIRef):
        try:
            return g.namespace_manager.normalizeUri(node)
        except Exception:  # pragma: no cover - rdflib refuses odd IRIs
            return f"<{node}>"
    return str(node.n3(g.namespace_manager)) if hasattr(node, "n3") else str(node)


_GROUPING = {SH.OrConstraintComponent, SH.AndConstraintComponent, SH.NodeConstraintComponent,
             SH.XoneConstraintComponent}


def _message(results: Graph, shapes: Graph, r: Node) -> str:
    """The shape's own message; for sh:or/sh:and/sh:node, the failed shape and its comment."""
    message = results.value(r, SH.resultMessage)
    component = results.value(r, SH.sourceConstraintComponent)
    shape = results.value(r, SH.sourceShape)
    if component in _GROUPING and shape is not None and shapes.value(shape, SH.message) is None:
        name = _text(results, shape) if isinstance(shape, URIRef) else None
        comment = shapes.value(shape, RDFS.comment)
        if name and comment is not None:
            return f"does not satisfy {name}: {comment}"
        if name:
            return f"does not satisfy {name}"
    text = str(message) if message is not None else (_text(results, component) or "violation")
    return text if len(text) <= 200 else text[:197] + "…"


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` with the shapes and the ontology; the results, sorted, as violations."""
    try:
        from pyshacl import validate
    except ImportError as exc:  # pragma: no cover - pyshacl is a declared dependency
        raise RuntimeError("pyshacl is not installed: pip install pyshacl") from exc
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    conforms, results, _text_report = validate(data, shacl_graph=shapes, ont_graph=ontology,
                                               inference="none", advanced=True, allow_warnings=True)
    assert isinstance(results, Graph)
    bind_prefixes(results)
    found: set[Violation] = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        if (r, SH.detail, None) in results:
            continue  # summarised by its details, which are results of their own
        found.add(Violation(
            focus=_text(results, results.value(r, SH.focusNode)) or "?",
            path=_text(results, results.value(r, SH.resultPath)),
            message=_message(results, shapes, r),
            value=_text(results, results.value(r, SH.value)),
        ))
    ordered = sorted(found, key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), len(data), tuple(ordered))
