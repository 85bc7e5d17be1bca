"""RDF terms as N-Triples text, and the stable IRIs of the export.

The exporter never builds rdflib objects for the data: a term is its N-Triples text
(``<iri>``, ``"text"^^<datatype>``), so writing N-Quads is joining strings. IRIs are
minted under a configurable base from the Neo4j ids (percent-encoded, so an id with
``/`` or spaces stays one path segment): the same graph exported twice gives the same
IRIs.

Examples
--------
>>> iris = Iris("https://example.org/rasd/")
>>> iris.entity("isis"), iris.event("doc-1/e1")
('<https://example.org/rasd/entity/isis>', '<https://example.org/rasd/event/doc-1%2Fe1>')
>>> literal('قال "نعم"\\n'), typed("2018-03-17", XSD_DATE)
('"قال \\\\"نعم\\\\"\\\\n"', '"2018-03-17"^^<http://www.w3.org/2001/XMLSchema#date>')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

__all__ = [
    "XSD_BOOLEAN",
    "XSD_DATE",
    "XSD_DATETIME",
    "XSD_DOUBLE",
    "XSD_GYEAR",
    "XSD_GYEARMONTH",
    "XSD_INTEGER",
    "InvalidBase",
    "Iris",
    "iri",
    "lang_literal",
    "literal",
    "time_literal",
    "typed",
]

_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DATE: Final = _XSD + "date"
XSD_DATETIME: Final = _XSD + "dateTime"
XSD_GYEAR: Final = _XSD + "gYear"
XSD_GYEARMONTH: Final = _XSD + "gYearMonth"
XSD_INTEGER: Final = _XSD + "integer"
XSD_DOUBLE: Final = _XSD + "double"
XSD_BOOLEAN: Final = _XSD + "boolean"

_ESCAPES: Final = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_BASE: Final = re.compile(r"^[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]*[/#]$")
_IRI_BAD: Final = re.compile(r"[\x00-\x20<>\"{}|\\^`]")
_DAY: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH: Final = re.compile(r"^\d{4}-\d{2}$")
_YEAR: Final = re.compile(r"^\d{4}$")


class InvalidBase(ValueError):
    """The base IRI is not an absolute IRI ending in ``/`` or ``#``."""


def iri(value: str) -> str:
    """``<value>``, characters N-Triples forbids in an IRI percent-encoded.

    >>> iri("https://www.wikidata.org/entity/Q1"), iri("http://x.org/a b")
    ('<https://www.wikidata.org/entity/Q1>', '<http://x.org/a%20b>')
    """
    if _IRI_BAD.search(value):
        value = _IRI_BAD.sub(lambda m: quote(m.group(0), safe=""), value)
    return f"<{value}>"


def literal(text: str) -> str:
    """A plain ``xsd:string`` literal.

    >>> literal("a\\\\b")
    '"a\\\\\\\\b"'
    """
    return f'"{text.translate(_ESCAPES)}"'


def lang_literal(text: str, lang: str) -> str:
    """A language-tagged literal.

    >>> lang_literal("داعش", "ar")
    '"داعش"@ar'
    """
    return f'"{text.translate(_ESCAPES)}"@{lang}'


def typed(text: str, datatype: str) -> str:
    """A literal of ``datatype`` (a full IRI).

    >>> typed("3", XSD_INTEGER)
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return f'"{text.translate(_ESCAPES)}"^^<{datatype}>'


def time_literal(value: str) -> str | None:
    """A time value as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``; None if it is none of them.

    >>> time_literal("2018-03"), time_literal("spring 2018")
    ('"2018-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', None)
    """
    if _DAY.match(value):
        return typed(value, XSD_DATE)
    if _MONTH.match(value):
        return typed(value, XSD_GYEARMONTH)
    if _YEAR.match(value):
        return typed(value, XSD_GYEAR)
    return None


def _seg(value: str) -> str:
    return quote(value, safe="-._~:@")


@dataclass(frozen=True)
class Iris:
    """Mints the export's IRIs under ``base`` (an absolute IRI ending in ``/`` or ``#``).

    >>> Iris("https://example.org/rasd/").report("doc-1", "e1")
    '<https://example.org/rasd/report/doc-1/e1>'
    >>> Iris("not a base")
    Traceback (most recent call last):
    ...
    loaders.rdf.terms.InvalidBase: base IRI must be absolute and end with '/' or '#': 'not a base'
    """

    base: str

    def __post_init__(self) -> None:
        if not _BASE.match(self.base):
            raise InvalidBase(f"base IRI must be absolute and end with '/' or '#': {self.base!r}")

    def _mint(self, kind: str, *parts: str) -> str:
        return "<" + self.base + kind + "/" + "/".join(_seg(p) for p in parts) + ">"

    def entity(self, entity_id: str) -> str:
        """An actor, person or place."""
        return self._mint("entity", entity_id)

    def event(self, event_id: str) -> str:
        """A merged event."""
        return self._mint("event", event_id)

    def article(self, article_id: str) -> str:
        """An article."""
        return self._mint("article", article_id)

    def source(self, source_id: str) -> str:
        """A non-article source of claims (the gazetteer)."""
        return self._mint("source", source_id)

    def report(self, article_id: str, local_id: str) -> str:
        """One article's report of an event (its ``REPORTED_IN`` edge)."""
        return self._mint("report", article_id, local_id)

    def mention(self, article_id: str, entity_id: str, index: int) -> str:
        """One occurrence of an entity in an article."""
        return self._mint("mention", article_id, entity_id, str(index))

    def claim(self, claim_id: str) -> str:
        """One source's statement of a relation."""
        return self._mint("claim", claim_id)

    def relation(self, rel_type: str, source_id: str, target_id: str, valid_from: str | None,
                 valid_to: str | None) -> str:
        """A time-scoped relation (one period of a direct edge), reified as a node."""
        return self._mint("relation", source_id, rel_type, target_id,
                          f"{valid_from or 'open'}--{valid_to or 'open'}")

    def article_graph(self, article_id: str) -> str:
        """The named graph holding what one article said."""
        return self._mint("graph/article", article_id)

    def source_graph(self, source_id: str) -> str:
        """The named graph of a non-article source."""
        return self._mint("graph/source", source_id)

    def merged_graph(self) -> str:
        """The named graph of merged facts."""
        return "<" + self.base + "graph/merged>"
