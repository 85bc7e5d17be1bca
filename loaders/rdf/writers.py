"""Writers of quads: N-Quads, TriG, Turtle and JSON-LD, one chunk at a time.

N-Quads, TriG and Turtle are written as text straight from the quads, chunk by chunk:
nothing but the current chunk is held in memory. TriG opens one ``GRAPH { … }`` block per
graph per chunk (TriG merges blocks with the same name); Turtle has no graphs and holds
the union. JSON-LD is built per chunk with rdflib (expanded form, a top-level array of
graph objects, one per graph per chunk; JSON-LD processors merge objects with the same
``@id``). Each writer counts the quads it wrote.

Examples
--------
>>> import io
>>> q = ("<http://x.org/s>", "<https://w3id.org/rasd/ontology#title>", '"t"', "<http://x.org/g>")
>>> out = io.StringIO()
>>> w = open_writer("nquads", out); w.write([q]); w.close(); w.count
1
>>> out.getvalue()
'<http://x.org/s> <https://w3id.org/rasd/ontology#title> "t" <http://x.org/g> .\\n'
>>> out = io.StringIO(); w = open_writer("trig", out); w.write([q]); w.close()
>>> out.getvalue().splitlines()[-3:]
['<http://x.org/g> {', '<http://x.org/s> rasd:title "t" .', '}']
>>> out = io.StringIO(); w = open_writer("turtle", out)
>>> w.write([("<http://x.org/s>", "<https://w3id.org/rasd/ontology#published>",
...           '"2018-03-17"^^<http://www.w3.org/2001/XMLSchema#date>', "<http://x.org/g>")])
>>> out.getvalue().splitlines()[-1]
'<http://x.org/s> rasd:published "2018-03-17"^^xsd:date .'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Final, Literal, TextIO

from rdflib import Dataset

from loaders.rdf.mapping import Quad
from loaders.rdf.vocab import PREFIXES

__all__ = ["FORMATS", "Format", "QuadWriter", "open_writer"]

Format = Literal["nquads", "trig", "turtle", "jsonld"]
#: Formats and their usual file extension.
FORMATS: Final[dict[str, str]] = {"nquads": ".nq", "trig": ".trig", "turtle": ".ttl", "jsonld": ".jsonld"}

_LOCAL: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_VOCAB: Final = "<https://w3id.org/rasd/"
_NAMESPACES: Final = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


class QuadWriter:
    """N-Quads: one line per quad."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def write(self, quads: Iterable[Quad]) -> None:
        """Write one chunk of quads."""
        lines = [f"{s} {p} {o} {g} .\n" for s, p, o, g in quads]
        self.out.write("".join(lines))
        self.count += len(lines)

    def close(self) -> None:
        """Finish the document (nothing to do for N-Quads)."""
        self.out.flush()


class _TurtleLike(QuadWriter):
    """Turtle and TriG: prefixes, subjects grouped with ``;``, predicates abbreviated."""

    graphs = False

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._short: dict[str, str] = {}
        out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")

    def _abbrev(self, term: str) -> str:
        short = self._short.get(term)
        if short is None:
            short = term
            body = term[1:-1]
            for ns, prefix in _NAMESPACES:
                if body.startswith(ns) and _LOCAL.match(body[len(ns):]):
                    short = f"{prefix}:{body[len(ns):]}"
                    break
            self._short[term] = short
        return short

    def _block(self, triples: Sequence[Quad], indent: str) -> list[str]:
        parts: list[str] = []
        last = None
        ab = self._abbrev
        for s, p, o, _g in triples:
            pp = "a" if p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" else ab(p)
            if o[0] == "<":
                if pp == "a" or o.startswith(_VOCAB):
                    o = ab(o)
            elif o[-1] == ">":  # a typed literal: abbreviate its datatype
                i = o.rfind('"^^<')
                o = o[:i + 3] + ab(o[i + 3:])
            if s == last:
                parts.append(f" ;\n{indent}    {pp} {o}")
            else:
                if last is not None:
                    parts.append(" .\n")
                parts.append(f"{indent}{s} {pp} {o}")
                last = s
        if last is not None:
            parts.append(" .\n")
        return parts

    def write(self, quads: Iterable[Quad]) -> None:
        """Write one chunk: for TriG one block per graph, for Turtle the triples."""
        chunk = list(quads)
        if self.graphs:
            by_graph: dict[str, list[Quad]] = {}
            for q in chunk:
                by_graph.setdefault(q[3], []).append(q)
            parts: list[str] = []
            for g, triples in by_graph.items():
                parts.append(f"{g} {{\n")
                parts.extend(self._block(triples, ""))
                parts.append("}\n")
            self.out.write("".join(parts))
        else:
            self.out.write("".join(self._block(chunk, "")))
        self.count += len(chunk)


class _Turtle(_TurtleLike):
    graphs = False


class _TriG(_TurtleLike):
    graphs = True


class _JsonLd(QuadWriter):
    """JSON-LD (expanded): a top-level array; each chunk adds its graph objects."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._first = True
        out.write("[\n")

    def write(self, quads: Iterable[Quad]) -> None:
        """Build the chunk as an rdflib dataset and append its graph objects."""
        lines = [f"{s} {p} {o} {g} .\n" for s, p, o, g in quads]
        if not lines:
            return
        ds = Dataset()
        ds.parse(data="".join(lines), format="nquads")
        items = json.loads(ds.serialize(format="json-ld"))
        for item in items if isinstance(items, list) else [items]:
            if not self._first:
                self.out.write(",\n")
            self.out.write(json.dumps(item, ensure_ascii=False))
            self._first = False
        self.count += len(lines)

    def close(self) -> None:
        """Close the array."""
        self.out.write("\n]\n")
        self.out.flush()


def open_writer(fmt: str, out: TextIO) -> QuadWriter:
    """A writer of ``fmt`` (nquads, trig, turtle, jsonld) on ``out`` (a text stream)."""
    writers: dict[str, type[QuadWriter]] = {"nquads": QuadWriter, "trig": _TriG, "turtle": _Turtle,
                                            "jsonld": _JsonLd}
    if fmt not in writers:
        raise ValueError(f"unknown RDF format {fmt!r} (known: {', '.join(writers)})")
    return writers[fmt](out)
