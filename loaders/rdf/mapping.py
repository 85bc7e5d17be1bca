"""Rows of the paged reads → quads (N-Triples text of subject, predicate, object, graph).

Where each fact goes:

- one named graph per article (``graph/article/ID``): the article, what it said about each
  event (a ``rasd:Report`` per ``REPORTED_IN`` edge: type, time, modality, evidence span,
  confidence, fatalities, attribution), its mentions (a ``rasd:Mention`` per occurrence) and
  its claims (``rasd:Claim``); background claims go to ``graph/source/gazetteer``;
- the graph of merged facts (``graph/merged``): entities (with ``owl:sameAs`` to Wikidata),
  events with their roles, each linked to its reports by ``rasd:hasReport`` and
  ``prov:wasDerivedFrom``, and the time-scoped relations reified as nodes
  (``rasd:Controls`` …, one per period) linked to their claims by ``rasd:basedOn`` and
  ``prov:wasDerivedFrom``.

Every triple is in exactly one graph, and no quad is produced twice.

Examples
--------
>>> m = Mapper(Iris("https://example.org/rasd/"))
>>> quads = list(m.article({"id": "d1", "outlet": "x", "published": "2018-03-17"}))
>>> len(quads), quads[0][1]
(4, '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>')
>>> quads[0][3]
'<https://example.org/rasd/graph/article/d1>'
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import Any, Final

from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from loaders.rdf.concepts import Concepts, concepts
from loaders.rdf.terms import (
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DOUBLE,
    XSD_INTEGER,
    Iris,
    literal,
    time_literal,
    typed,
)
from loaders.rdf.vocab import GEO, RASD, SEM, WD

__all__ = ["Mapper", "Quad", "bounds"]

#: (subject, predicate, object, graph) as N-Triples text.
Quad = tuple[str, str, str, str]


def _p(term: str) -> str:
    return f"<{term}>"


A: Final = _p(RDF.type)
LABEL: Final = _p(RDFS.label)
PREF: Final = _p(SKOS.prefLabel)
ALT: Final = _p(SKOS.altLabel)
SAME: Final = _p(OWL.sameAs)
DERIVED: Final = _p(PROV.wasDerivedFrom)
LAT: Final = _p(GEO.lat)
LONG: Final = _p(GEO.long)
BEGIN: Final = _p(SEM.hasEarliestBeginTimeStamp)
END: Final = _p(SEM.hasLatestEndTimeStamp)
RDF_JSON: Final = str(RDF.JSON)
XSD_ANYURI: Final = "http://www.w3.org/2001/XMLSchema#anyURI"
XSD_LANGUAGE: Final = "http://www.w3.org/2001/XMLSchema#language"


# Frequently used terms resolved once (attribute access on the closed namespace is slow).
_T = {name: _p(getattr(RASD, name)) for name in (
    "Article", "Source", "Report", "Mention", "Claim", "TemporalRelation", "identifier", "outlet", "title",
    "url", "published", "language", "contentHash", "sourceLocation", "ingestedAt", "mentionOf",
    "mentionedIn", "spanStart", "spanEnd", "surfaceForm", "eventType", "subEventType", "eventLabel",
    "timeValue", "timePrecision", "modality", "fatalities", "fatalitiesMin", "fatalitiesMax",
    "reportCount", "sourceCount", "firstReported", "lastReported", "hasAgent", "hasTarget", "atPlace",
    "attributedTo", "hasReport", "reportOf", "reportedIn", "localId", "evidence", "confidence",
    "reportKey", "eventKey", "reportedAgents", "reportedTargets", "reportedPlace", "reportedBy",
    "windowStart", "windowEnd", "relationType", "subject", "object", "validFrom", "validTo", "origin",
    "claimedIn", "closedBy", "closedReported", "claimIds", "claimCount", "contested", "rivals",
    "basedOn", "attributesJson", "within")}


def _int(v: Any) -> str:
    return typed(str(int(v)), XSD_INTEGER)


def _date(v: str) -> str:
    return typed(v[:10], XSD_DATE)


def bounds(time_value: str | None, valid_from: str | None = None,
           valid_to: str | None = None) -> tuple[str, str] | None:
    """Earliest and latest day of a time value (day, month or year), else of the valid time.

    >>> bounds("2018-02"), bounds("2015"), bounds(None, "2012-01-01")
    (('2018-02-01', '2018-02-28'), ('2015-01-01', '2015-12-31'), ('2012-01-01', '2012-01-01'))
    >>> bounds("spring") is None
    True
    """
    v = time_value or ""
    if len(v) == 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        return v, v
    if len(v) == 7 and v[4] == "-" and v[:4].isdigit() and v[5:].isdigit():
        last = calendar.monthrange(int(v[:4]), int(v[5:]))[1]
        return f"{v}-01", f"{v}-{last:02d}"
    if len(v) == 4 and v.isdigit():
        return f"{v}-01-01", f"{v}-12-31"
    if valid_from:
        return valid_from[:10], (valid_to or valid_from)[:10]
    return None


class Mapper:
    """Turns the rows of ``cypher/rdf_*.cypher`` into quads under one :class:`Iris`."""

    def __init__(self, iris: Iris, vocab: Concepts | None = None) -> None:
        self.iris = iris
        self.c = vocab or concepts()
        self.merged = iris.merged_graph()

    # ------------------------------------------------------------------ sources
    def article(self, row: dict[str, Any]) -> Iterator[Quad]:
        """An article, in its own graph."""
        aid = row["id"]
        s, g = self.iris.article(aid), self.iris.article_graph(aid)
        yield s, A, _T["Article"], g
        yield s, _T["identifier"], literal(aid), g
        if row.get("outlet"):
            yield s, _T["outlet"], literal(row["outlet"]), g
        if row.get("title"):
            yield s, _T["title"], literal(row["title"]), g
        if row.get("url"):
            yield s, _T["url"], typed(row["url"], XSD_ANYURI), g
        if row.get("published"):
            yield s, _T["published"], _date(row["published"]), g
        if row.get("lang"):
            yield s, _T["language"], typed(row["lang"], XSD_LANGUAGE), g
        if row.get("content_hash"):
            yield s, _T["contentHash"], literal(row["content_hash"]), g
        if row.get("source"):
            yield s, _T["sourceLocation"], literal(row["source"]), g
        if row.get("ingested_at"):
            yield s, _T["ingestedAt"], typed(row["ingested_at"], XSD_DATETIME), g

    def source(self, row: dict[str, Any]) -> Iterator[Quad]:
        """A non-article source of claims (the gazetteer), in its own graph."""
        s, g = self.iris.source(row["id"]), self.iris.source_graph(row["id"])
        yield s, A, _T["Source"], g
        yield s, _T["identifier"], literal(row["id"]), g
        if row.get("name"):
            yield s, LABEL, literal(row["name"]), g

    def _classes(self, s: str, row: dict[str, Any], g: str) -> Iterator[Quad]:
        """``rdf:type`` for each Neo4j label of the row that maps to an ontology class."""
        for label in row.get("labels") or ():
            cls = self.c.label_class.get(label)
            if cls:
                yield s, A, cls, g

    # ------------------------------------------------------------------ entities
    def entity(self, row: dict[str, Any]) -> Iterator[Quad]:
        """An entity (merged graph) and its mentions (each in the mentioning article's graph)."""
        eid, g = row["id"], self.merged
        s = self.iris.entity(eid)
        yield from self._classes(s, row, g)
        yield s, _T["identifier"], literal(eid), g
        yield s, PREF, literal(row.get("name") or eid), g
        for name in row.get("names") or ():
            if name != row.get("name"):
                yield s, ALT, literal(name), g
        wikidata = row.get("wikidata")
        if wikidata and wikidata[0] == "Q" and wikidata[1:].isdigit():
            yield s, SAME, f"<{WD}{wikidata}>", g
        if row.get("attributes_json") and row["attributes_json"] != "{}":
            yield s, _T["attributesJson"], typed(row["attributes_json"], RDF_JSON), g
        if row.get("latitude") is not None and row.get("longitude") is not None:
            yield s, LAT, typed(repr(float(row["latitude"])), XSD_DOUBLE), g
            yield s, LONG, typed(repr(float(row["longitude"])), XSD_DOUBLE), g
        for place in dict.fromkeys(row.get("within") or ()):
            yield s, _T["within"], literal(place), g
        for m in row.get("mentions") or ():
            aid = m["article"]
            mg, art = self.iris.article_graph(aid), self.iris.article(aid)
            names, starts, ends = m.get("names") or [], m.get("starts") or [], m.get("ends") or []
            for i, start in enumerate(starts):
                ms = self.iris.mention(aid, eid, i)
                yield ms, A, _T["Mention"], mg
                yield ms, _T["mentionOf"], s, mg
                yield ms, _T["mentionedIn"], art, mg
                yield ms, _T["spanStart"], _int(start), mg
                if i < len(ends):
                    yield ms, _T["spanEnd"], _int(ends[i]), mg
                if i < len(names) and names[i]:
                    yield ms, _T["surfaceForm"], literal(names[i]), mg

    # ------------------------------------------------------------------ events
    def _time(self, s: str, row: dict[str, Any], g: str, start_key: str = "date_start",
              end_key: str = "date_end") -> Iterator[Quad]:
        tv = row.get("time_value")
        if tv:
            lit = time_literal(tv)
            if lit:
                yield s, _T["timeValue"], lit, g
        lo, hi = row.get(start_key), row.get(end_key)
        if lo:
            yield s, BEGIN, _date(lo), g
        if hi:
            yield s, END, _date(hi), g
        precision = row.get("time_precision") or row.get("precision")
        if precision and precision != "unknown" and not (lo and hi):
            precision = "unknown"  # no day bounds: the precision says nothing usable
        yield s, _T["timePrecision"], self.c.precision[precision or "unknown"], g

    def _types(self, s: str, row: dict[str, Any], g: str) -> Iterator[Quad]:
        et = self.c.acled.get(row.get("event_type") or "")
        sub = self.c.acled.get(row.get("sub_event_type") or "")
        if et:
            yield s, _T["eventType"], et, g
        if sub:
            yield s, _T["subEventType"], sub, g
        if row.get("label"):
            yield s, _T["eventLabel"], literal(row["label"]), g

    def _counts(self, s: str, row: dict[str, Any], g: str, keys: dict[str, str]) -> Iterator[Quad]:
        for key, term in keys.items():
            v = row.get(key)
            if v is None:
                continue
            if term in ("firstReported", "lastReported", "closedReported"):
                yield s, _T[term], _date(v), g
            else:
                yield s, _T[term], _int(v), g

    def event(self, row: dict[str, Any]) -> Iterator[Quad]:
        """A merged event (merged graph) and its reports (each in its article's graph)."""
        eid, g = row["id"], self.merged
        s = self.iris.event(eid)
        yield from self._classes(s, row, g)
        yield s, _T["identifier"], literal(eid), g
        yield from self._types(s, row, g)
        yield from self._time(s, row, g)
        yield s, _T["modality"], self.c.modality[row.get("modality") or "asserted"], g
        yield from self._counts(s, row, g, {
            "fatalities": "fatalities", "fatalities_min": "fatalitiesMin", "fatalities_max": "fatalitiesMax",
            "report_count": "reportCount", "source_count": "sourceCount",
            "first_reported": "firstReported", "last_reported": "lastReported"})
        for x in row.get("agents") or ():
            yield s, _T["hasAgent"], self.iris.entity(x), g
        for x in row.get("targets") or ():
            yield s, _T["hasTarget"], self.iris.entity(x), g
        for x in row.get("places") or ():
            yield s, _T["atPlace"], self.iris.entity(x), g
        attributed: dict[str, list[str]] = {}
        for w in row.get("attributed") or ():
            attributed.setdefault(w["article"], []).append(w["entity"])
        for who in sorted({e for ws in attributed.values() for e in ws}):
            yield s, _T["attributedTo"], self.iris.entity(who), g
        for rep in row.get("reports") or ():
            aid = rep["article"]
            rs = self.iris.report(aid, rep.get("local_id") or eid)
            yield s, _T["hasReport"], rs, g
            yield s, DERIVED, rs, g
            yield from self.report(rs, s, rep, attributed.get(aid, ()))

    def report(self, rs: str, event: str, rep: dict[str, Any], attributed: Any = ()) -> Iterator[Quad]:
        """One article's report of an event (its ``REPORTED_IN`` edge), in the article's graph."""
        aid = rep["article"]
        g = self.iris.article_graph(aid)
        yield rs, A, _T["Report"], g
        yield rs, _T["reportOf"], event, g
        yield rs, _T["reportedIn"], self.iris.article(aid), g
        if rep.get("local_id"):
            yield rs, _T["localId"], literal(rep["local_id"]), g
        yield from self._types(rs, rep, g)
        yield from self._time(rs, rep, g)
        if rep.get("modality") in self.c.modality:
            yield rs, _T["modality"], self.c.modality[rep["modality"]], g
        if rep.get("fatalities") is not None:
            yield rs, _T["fatalities"], _int(rep["fatalities"]), g
        yield from self._evidence(rs, rep, g)
        for key, term in (("report_key", "reportKey"), ("event_key", "eventKey"), ("place", "reportedPlace")):
            if rep.get(key):
                yield rs, _T[term], literal(str(rep[key])), g
        for key, term in (("agents", "reportedAgents"), ("targets", "reportedTargets"),
                          ("reported_by", "reportedBy")):
            for x in dict.fromkeys(rep.get(key) or ()):
                yield rs, _T[term], literal(str(x)), g
        if rep.get("window_lo"):
            yield rs, _T["windowStart"], _date(rep["window_lo"]), g
        if rep.get("window_hi"):
            yield rs, _T["windowEnd"], _date(rep["window_hi"]), g
        for who in sorted(set(attributed)):
            yield rs, _T["attributedTo"], self.iris.entity(who), g

    def _evidence(self, s: str, row: dict[str, Any], g: str) -> Iterator[Quad]:
        if row.get("evidence"):
            yield s, _T["evidence"], literal(row["evidence"]), g
        if row.get("span_start") is not None and row.get("span_end") is not None:
            yield s, _T["spanStart"], _int(row["span_start"]), g
            yield s, _T["spanEnd"], _int(row["span_end"]), g
        if row.get("confidence") is not None:
            yield s, _T["confidence"], typed(repr(float(row["confidence"])), XSD_DOUBLE), g

    # ------------------------------------------------------------------ claims and relations
    def claim(self, row: dict[str, Any]) -> Iterator[Quad]:
        """A claim, in the graph of the article (or source) that stated it."""
        rel = self.c.relation_type.get(row.get("type") or "")
        if rel is None:
            return
        s = self.iris.claim(row["id"])
        where = row.get("stated_in")
        if row.get("stated_kind") == "Article" and where:
            g, src = self.iris.article_graph(where), self.iris.article(where)
        else:
            g, src = self.iris.source_graph(where or "unknown"), self.iris.source(where or "unknown")
        yield s, A, _T["Claim"], g
        yield s, _T["identifier"], literal(row["id"]), g
        yield s, _T["relationType"], rel, g
        yield s, _T["subject"], self.iris.entity(row["source_id"]), g
        yield s, _T["object"], self.iris.entity(row["target_id"]), g
        yield s, _T["claimedIn"], src, g
        if row.get("valid_from"):
            yield s, _T["validFrom"], _date(row["valid_from"]), g
        if row.get("valid_to"):
            yield s, _T["validTo"], _date(row["valid_to"]), g
        tv = row.get("time_value")
        if tv and time_literal(tv):
            yield s, _T["timeValue"], str(time_literal(tv)), g
        span = bounds(tv, row.get("valid_from"), row.get("valid_to")) if row.get("precision") else None
        if span and row.get("precision") in self.c.precision:
            yield s, BEGIN, _date(span[0]), g
            yield s, END, _date(span[1]), g
            yield s, _T["timePrecision"], self.c.precision[row["precision"]], g
        yield from self._evidence(s, row, g)
        if row.get("origin"):
            yield s, _T["origin"], literal(row["origin"]), g
        for who in row.get("attributed") or ():
            yield s, _T["attributedTo"], self.iris.entity(who), g

    def relations(self, row: dict[str, Any]) -> Iterator[Quad]:
        """The time-scoped relations of one source entity, each reified as a node (merged graph)."""
        g = self.merged
        subject = self.iris.entity(row["id"])
        for r in row.get("relations") or ():
            rtype = r.get("type") or ""
            cls, rel = self.c.relation_class.get(rtype), self.c.relation_type.get(rtype)
            if cls is None or rel is None:
                continue
            s = self.iris.relation(rtype, row["id"], r["target"], r.get("valid_from"), r.get("valid_to"))
            yield s, A, cls, g
            yield s, _T["relationType"], rel, g
            yield s, _T["subject"], subject, g
            yield s, _T["object"], self.iris.entity(r["target"]), g
            if r.get("valid_from"):
                yield s, _T["validFrom"], _date(r["valid_from"]), g
            if r.get("valid_to"):
                yield s, _T["validTo"], _date(r["valid_to"]), g
            if r.get("precision") in self.c.precision:
                yield s, _T["timePrecision"], self.c.precision[r["precision"]], g
            if r.get("closed_by"):
                yield s, _T["closedBy"], literal(r["closed_by"]), g
            yield from self._counts(s, r, g, {
                "closed_reported": "closedReported", "first_reported": "firstReported",
                "last_reported": "lastReported", "claim_count": "claimCount", "source_count": "sourceCount"})
            if r.get("contested") is not None:
                yield s, _T["contested"], typed("true" if r["contested"] else "false", XSD_BOOLEAN), g
            for x in dict.fromkeys(r.get("rivals") or ()):
                yield s, _T["rivals"], literal(x), g
            for cid in dict.fromkeys(r.get("claims") or ()):
                c = self.iris.claim(cid)
                yield s, _T["basedOn"], c, g
                yield s, DERIVED, c, g
                yield s, _T["claimIds"], literal(cid), g

