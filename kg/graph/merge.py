"""Cross-article event merging: the same real-world event told by several outlets → one Event.

Each article's statement of an event is a :class:`Report`. Two reports are
*compatible* (:func:`compatible`) when they could describe the same event:

- they come from different articles (an article lists distinct events: cannot-link);
- same ``event_type`` and ``sub_event_type``;
- their date windows (:func:`report_window`, which respect precision) lie at
  most :data:`DAY_SLACK` day apart: two ``day`` reports three days apart never
  merge, a ``day`` report and an ``approx`` one in the same week may;
- their places are equal or one lies inside the other (the gazetteer's ``in``
  chain, given as a ``parents`` mapping), or one report names no place;
- their participants agree: a shared agent (for an ``Armed clash``, whose
  sides are interchangeable, a shared participant on either side), or one
  side names no known agent; an ``unidentified-*``/``unknown-*`` agent is a
  wildcard; for an ``Armed clash`` the target sides must not clash either.
  Evidence is counted: a shared agent, a shared target, places named by both
  that agree, the same exact day. Two pieces are needed, three when one report
  is a grain coarser than the other (fine: a day or a week; medium: a month;
  coarse: a year or open); a fine report never merges with a coarse one.

:func:`cluster_reports` turns a set of reports into clusters, complete-link
(a report joins a cluster only when compatible with *every* member), visiting
reports in a canonical order (narrowest date window first, then date, then
key) and choosing among admissible clusters deterministically. The result is
a function of the *set* of reports, never of the order they arrived in, and
a cluster's Event id is the smallest report key of its members
(``doc_id/local_id``).

Locality (what makes it incremental): clusters never span two connected
components of the compatibility graph, and the canonical order restricted to
a component is that component's own order, so clustering one component alone
gives the same result as clustering everything. The loader therefore fetches
the component of the new reports from the graph (candidate reports by type and
widened window, then their candidates, …) and re-clusters just that.

Limits: ids of merged events are not permanent — when a report with a smaller
key joins (or the smallest leaves), the Event is renamed; a new report can also
move an existing one to another cluster (the canonical order changes). Greedy
complete-link is not globally optimal. Sub-types must agree, so an outlet that
calls a battle an ``Armed clash`` and another a ``Government regains territory``
give two events.

Examples
--------
>>> a = Report("bbc/e1", "bbc", "Battles", "Armed clash", ("isis",), ("regime",), "al-mayadin",
...            "2018-05-23", "day")
>>> b = Report("cnn/e4", "cnn", "Battles", "Armed clash", ("regime",), ("isis",), "deir-ez-zor",
...            "2018-05-27", "approx")
>>> c = Report("sky/e1", "sky", "Battles", "Armed clash", ("isis",), (), "al-mayadin",
...            "2018-05-20", "day")
>>> parents = {"al-mayadin": "deir-ez-zor", "deir-ez-zor": "syria"}
>>> sorted(cluster_reports([c, b, a], parents).items())
[('bbc/e1', 'bbc/e1'), ('cnn/e4', 'bbc/e1'), ('sky/e1', 'sky/e1')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from kg.model import Extraction

#: An ``approx`` day is taken to mean "within a week of" it.
APPROX_DAYS: Final = 7

__all__ = [
    "APPROX_DAYS",
    "DAY_SLACK",
    "CompatibilityGraph",
    "Report",
    "bcubed",
    "candidate_window",
    "cluster_reports",
    "compatible",
    "components",
    "report_key",
    "report_window",
    "reports_from",
]

#: Two windows this many days apart (or less) still count as overlapping. Zero: two ``day``
#: reports must name the same day (the extractor resolves "yesterday" against the publication
#: date already); fuzzier statements are ``approx`` and carry their own week of slack.
DAY_SLACK: Final = 0
#: Window widths (days) that separate fine (a day, a week either side of a day), medium (a
#: month) and coarse (a year, open) reports; a fine report never merges with a coarse one.
FINE_DAYS: Final = 2 * APPROX_DAYS + 1
MEDIUM_DAYS: Final = 31 + 2 * APPROX_DAYS
#: Sub-event types whose two sides are interchangeable (who is "agent" is a matter of wording).
SYMMETRIC_SUBTYPES: Final[frozenset[str]] = frozenset({"Armed clash"})
_WILDCARD_PREFIXES: Final = ("unidentified", "unknown")
_MIN: Final = dt.date.min.toordinal()
_MAX: Final = dt.date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Report:
    """One article's statement of an event: what merging looks at.

    ``key`` is ``doc_id/local_id`` (unique); ``time_value`` is ``YYYY[-MM[-DD]]``
    or None; ``published`` (ISO date) bounds an undated report's window.
    """

    key: str
    article: str
    event_type: str
    sub_event_type: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    time_value: str | None = None
    precision: str | None = None
    published: str | None = None


def report_key(doc_id: str, local_id: str) -> str:
    """Key of one article's report of an event.

    >>> report_key("ant:CN-1031", "e1")
    'ant:CN-1031/e1'
    """
    return f"{doc_id}/{local_id}"


def reports_from(ext: Extraction, *, keyed: bool = False) -> list[Report]:
    """The reports of one extraction; events with a gold ``event_key`` only when ``keyed``.

    >>> from kg.model import Entity, Event
    >>> ext = Extraction("d", published="2018-03-18", entities=(Entity("isis", "actor", "ArmedGroup", "IS"),),
    ...                  events=(Event("e1", "Battles", "Armed clash", agents=("isis",)),))
    >>> [(r.key, r.agents, r.published) for r in reports_from(ext)]
    [('d/e1', ('isis',), '2018-03-18')]
    """
    out = []
    for ev in ext.events:
        if ev.event_key and not keyed:
            continue
        out.append(Report(
            key=report_key(ext.doc_id, ev.id), article=ext.doc_id, event_type=ev.event_type,
            sub_event_type=ev.sub_event_type, agents=ev.agents, targets=ev.targets, place=ev.place,
            time_value=ev.time.value if ev.time else None,
            precision=ev.time.precision if ev.time else None, published=ext.published))
    return out


def _bounds(value: str) -> tuple[int, int]:
    parts = value.split("-")
    if len(parts) == 3:
        d = dt.date.fromisoformat(value).toordinal()
        return d, d
    year = int(parts[0])
    if len(parts) == 2:
        month = int(parts[1])
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first.toordinal(), nxt.toordinal() - 1
    return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()


def _window(r: Report) -> tuple[int, int]:
    if r.time_value is None or r.precision in (None, "unknown"):
        hi = dt.date.fromisoformat(r.published).toordinal() if r.published else _MAX
        return _MIN, hi
    lo, hi = _bounds(r.time_value)
    if r.precision == "approx":
        lo, hi = max(_MIN, lo - APPROX_DAYS), min(_MAX, hi + APPROX_DAYS)
    return lo, hi


def report_window(r: Report) -> tuple[str | None, str | None]:
    """Earliest and latest day the report's event can have happened (None: open).

    ``day`` is that day; ``month``/``year`` their bounds; ``approx`` the value's
    bounds widened by :data:`APPROX_DAYS`; no time (or ``unknown``): open, up to
    the publication date when known.

    >>> report_window(Report("a/e1", "a", "Battles", "Armed clash", time_value="2018-04-29",
    ...                      precision="approx"))
    ('2018-04-22', '2018-05-06')
    >>> report_window(Report("a/e1", "a", "Battles", "Armed clash", published="2018-04-29"))
    (None, '2018-04-29')
    """
    lo, hi = _window(r)
    return (None if lo == _MIN else dt.date.fromordinal(lo).isoformat(),
            None if hi == _MAX else dt.date.fromordinal(hi).isoformat())


def candidate_window(r: Report) -> tuple[str | None, str | None]:
    """The window widened by :data:`DAY_SLACK`: every compatible report's window meets it.

    >>> candidate_window(Report("a/e1", "a", "Battles", "Armed clash", time_value="2018-04-29",
    ...                         precision="day"))
    ('2018-04-29', '2018-04-29')
    """
    lo, hi = _window(r)
    lo = lo if lo == _MIN else lo - DAY_SLACK
    hi = hi if hi == _MAX else hi + DAY_SLACK
    return (None if lo == _MIN else dt.date.fromordinal(lo).isoformat(),
            None if hi == _MAX else dt.date.fromordinal(hi).isoformat())


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A report with what every comparison needs computed once."""

    report: Report
    lo: int
    hi: int
    grain: int
    agents: frozenset[str]
    targets: frozenset[str]
    lineage: frozenset[str]
    sig: int = -1


def _prepare(r: Report, parents: Mapping[str, str]) -> _Prepared:
    lo, hi = _window(r)
    return _Prepared(r, lo, hi, _grain(lo, hi), _known(r.agents), _known(r.targets),
                     frozenset(_lineage(r.place, parents)) if r.place else frozenset())


def _known(ids: Iterable[str]) -> frozenset[str]:
    return frozenset(i for i in ids if not i.startswith(_WILDCARD_PREFIXES))


def _lineage(place: str, parents: Mapping[str, str]) -> list[str]:
    out = [place]
    cur = parents.get(place)
    while cur is not None and cur not in out:
        out.append(cur)
        cur = parents.get(cur)
    return out


def _sides(aa: frozenset[str], at: frozenset[str], ba: frozenset[str],
           bt: frozenset[str]) -> tuple[int, int] | None:
    """Shared agents and targets when the agent sides agree and the target sides do not clash."""
    if aa and ba and not aa & ba:
        return None
    if at and bt and not at & bt:
        return None
    return len(aa & ba), len(at & bt)


def _pair(a: _Prepared, b: _Prepared) -> tuple[int, int, int, int] | None:
    """The evidence that ``a`` and ``b`` are one event, or None when they are not compatible.

    Evidence: (shared agents, shared targets, places named by both and agreeing,
    same exact day); two pieces are needed, three when one report is a grain
    coarser than the other.
    """
    ra, rb = a.report, b.report
    if ra.article == rb.article:
        return None
    if ra.event_type != rb.event_type \
            or ra.sub_event_type != rb.sub_event_type:
        return None
    if max(0, b.lo - a.hi, a.lo - b.hi) > DAY_SLACK or abs(a.grain - b.grain) > 1:
        return None
    places = 0
    if ra.place is not None and rb.place is not None:
        if ra.place not in b.lineage and rb.place not in a.lineage:
            return None
        places = 1
    if ra.sub_event_type in SYMMETRIC_SUBTYPES:
        options = [x for x in (_sides(a.agents, a.targets, b.agents, b.targets),
                               _sides(a.agents, a.targets, b.targets, b.agents)) if x is not None]
        if not options:
            return None
        shared_agents, shared_targets = max(options)
    else:
        if a.agents and b.agents and not a.agents & b.agents:
            return None
        shared_agents, shared_targets = len(a.agents & b.agents), len(a.targets & b.targets)
    same_day = int(ra.precision == rb.precision == "day" and ra.time_value == rb.time_value)
    evidence = (shared_agents, shared_targets, places, same_day)
    pieces = sum(1 for x in evidence if x)
    return evidence if pieces >= 2 + (a.grain != b.grain) else None


def compatible(a: Report, b: Report, parents: Mapping[str, str]) -> bool:
    """Whether ``a`` and ``b`` could be one event told twice (see the module docstring).

    >>> day = Report("x/e1", "x", "Battles", "Armed clash", ("isis",), (), "kobani", "2018-03-01", "day")
    >>> compatible(day, Report("y/e1", "y", "Battles", "Armed clash", ("isis",), (), "kobani",
    ...                        "2018-03-04", "day"), {})
    False
    >>> compatible(day, Report("y/e1", "y", "Battles", "Armed clash", ("isis",), (), "kobani",
    ...                        "2018-03-06", "approx"), {})
    True
    """
    return _pair(_prepare(a, parents), _prepare(b, parents)) is not None


def _grain(lo: int, hi: int) -> int:
    """0 fine (a day, a week either side), 1 medium (a month), 2 coarse (a year, open)."""
    width = hi - lo + 1
    return 0 if width <= FINE_DAYS else 1 if width <= MEDIUM_DAYS else 2


def _order(r: Report) -> tuple[int, int, str]:
    lo, hi = _window(r)
    return (hi - lo, lo, r.key)


#: The compatibility graph: report key → {compatible report key: evidence}.
_Graph = dict[str, dict[str, tuple[int, int, int, int]]]


class CompatibilityGraph:
    """Reports and the compatible pairs among them (with their evidence), grown incrementally.

    Each added report is compared with the reports of its type whose windows
    come within :data:`DAY_SLACK`; reports that look alike (same types,
    participants, place and window) are compared once. :meth:`components` and
    :meth:`clusters` then read the pairs instead of comparing again.

    >>> g = CompatibilityGraph({})
    >>> g.add([Report(f"{d}/e1", d, "Riots", "Mob violence", ("mob",), (), "p", "2018", "year")
    ...        for d in "ab"])
    ['a/e1', 'b/e1']
    >>> [[r.key for r in c] for c in g.components()]
    [['a/e1', 'b/e1']]
    """

    def __init__(self, parents: Mapping[str, str]) -> None:
        self.parents = parents
        self.reports: dict[str, Report] = {}
        self.pairs: _Graph = {}
        self._buckets: dict[tuple[str, str], list[_Prepared]] = {}
        self._sig_ids: dict[tuple[object, ...], int] = {}
        self._memo: dict[tuple[int, int], tuple[int, int, int, int] | None] = {}

    def __contains__(self, key: object) -> bool:
        return key in self.reports

    def add(self, reports: Iterable[Report]) -> list[str]:
        """Add reports not seen before (by key); return their keys in the order added."""
        added = []
        for r in reports:
            if r.key in self.reports:
                continue
            p = _prepare(r, self.parents)
            sig = self._sig_ids.setdefault(
                (r.event_type, r.sub_event_type, p.agents, p.targets, r.place, p.lo, p.hi,
                 r.precision, r.time_value), len(self._sig_ids))
            near = self.pairs.setdefault(r.key, {})
            reach_lo = p.lo - DAY_SLACK
            reach_hi = p.hi + DAY_SLACK
            bucket = self._buckets.setdefault((r.event_type, r.sub_event_type), [])
            for q in bucket:
                if q.lo > reach_hi or q.hi < reach_lo or q.report.article == r.article:
                    continue
                memo_key = (min(sig, q.sig), max(sig, q.sig))
                if memo_key in self._memo:
                    evidence = self._memo[memo_key]
                else:
                    evidence = self._memo[memo_key] = _pair(p, q)
                if evidence is not None:
                    near[q.report.key] = evidence
                    self.pairs[q.report.key][r.key] = evidence
            bucket.append(_Prepared(r, p.lo, p.hi, p.grain, p.agents, p.targets, p.lineage, sig))
            self.reports[r.key] = r
            added.append(r.key)
        return added

    def components(self, seeds: Iterable[str] | None = None) -> list[list[Report]]:
        """Connected components (each in canonical order); only those holding a seed if given."""
        root = {k: k for k in self.reports}

        def find(k: str) -> str:
            while root[k] != k:
                root[k] = root[root[k]]
                k = root[k]
            return k

        for a, neighbours in self.pairs.items():
            for b in neighbours:
                ra, rb = find(a), find(b)
                if ra != rb:
                    root[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[Report]] = {}
        for r in sorted(self.reports.values(), key=_order):
            groups.setdefault(find(r.key), []).append(r)
        comps = sorted(groups.values(), key=lambda g: _order(g[0]))
        if seeds is None:
            return comps
        wanted = {find(k) for k in seeds if k in root}
        return [c for c in comps if find(c[0].key) in wanted]

    def clusters(self, component: Sequence[Report]) -> dict[str, str]:
        """Greedy complete-link clustering of one component: report key → event id."""
        return _cluster_component(component, self.pairs)


def components(reports: Iterable[Report], parents: Mapping[str, str]) -> list[list[Report]]:
    """Connected components of the compatibility graph, each in canonical order.

    >>> r = [Report(f"{d}/e1", d, "Riots", "Mob violence", ("mob",), (), p, "2018", "year")
    ...      for d, p in [("a", "p"), ("b", "p"), ("c", "q")]]
    >>> [[x.key for x in c] for c in components(r, {})]
    [['a/e1', 'b/e1'], ['c/e1']]
    """
    graph = CompatibilityGraph(parents)
    graph.add(reports)
    return graph.components()


def cluster_reports(reports: Iterable[Report], parents: Mapping[str, str]) -> dict[str, str]:
    """Cluster reports into events; return ``{report key: event id}``.

    Complete-link greedy in canonical order; a report joins the admissible
    cluster with the most shared agents, then targets, then same place, then
    the smallest date gap, then the smallest seed key. The event id is the
    smallest member key. Independent of the input order.

    Parameters
    ----------
    reports
        The reports (duplicated keys: the last one counts).
    parents
        Place id → the id of the place containing it (the gazetteer's ``in``).

    Returns
    -------
    dict
        Report key → event id.

    Examples
    --------
    >>> rs = [Report(f"{d}/e1", d, "Protests", "Peaceful protest", place="idlib",
    ...              time_value="2019-01-04", precision="day") for d in ("b", "a", "c")]
    >>> sorted(set(cluster_reports(rs, {}).values()))
    ['a/e1']
    """
    graph = CompatibilityGraph(parents)
    graph.add({r.key: r for r in reports}.values())
    out: dict[str, str] = {}
    for component in graph.components():
        out.update(graph.clusters(component))
    return out


def _cluster_component(items: Sequence[Report], graph: _Graph) -> dict[str, str]:
    """Greedy complete-link clustering of one component (``items`` in canonical order)."""
    windows = {r.key: _window(r) for r in items}
    clusters: list[list[Report]] = []
    for r in items:
        near = graph[r.key]
        lo, hi = windows[r.key]
        best: tuple[tuple[int, int, int, int, str], list[Report]] | None = None
        for members in clusters:
            if not all(m.key in near for m in members):
                continue
            ev = [near[m.key] for m in members]
            score = (max(e[0] for e in ev), max(e[1] for e in ev), max(e[2] for e in ev),
                     -min(max(0, windows[m.key][0] - hi, lo - windows[m.key][1]) for m in members))
            rank = (*score, members[0].key)
            if best is None or rank[:4] > best[0][:4] or (rank[:4] == best[0][:4]
                                                          and rank[4] < best[0][4]):
                best = (rank, members)
        if best is None:
            clusters.append([r])
        else:
            best[1].append(r)
    out: dict[str, str] = {}
    for members in clusters:
        event_id = min(m.key for m in members)
        for m in members:
            out[m.key] = event_id
    return out


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold clusters (same items).

    Parameters
    ----------
    predicted, gold
        Item → cluster label; scored over the items of ``gold``.

    Examples
    --------
    >>> [round(x, 3) for x in bcubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "x"})]
    [1.0, 0.556, 0.714]
    """
    items = sorted(gold)
    if not items:
        return (1.0, 1.0, 1.0)
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(predicted.get(i, f"\x00{i}"), set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        pc = by_pred[predicted.get(i, f"\x00{i}")]
        gc = by_gold[gold[i]]
        both = len(pc & gc)
        p += both / len(pc)
        r += both / len(gc)
    p, r = p / len(items), r / len(items)
    return (p, r, 2 * p * r / (p + r) if p + r else 0.0)


def clusters_of(assignment: Mapping[str, str]) -> list[list[str]]:
    """Clusters as sorted lists of keys, sorted.

    >>> clusters_of({"b": "x", "a": "x", "c": "c"})
    [['a', 'b'], ['c']]
    """
    groups: dict[str, list[str]] = {}
    for k, v in assignment.items():
        groups.setdefault(v, []).append(k)
    return sorted(sorted(g) for g in groups.values())


def unique_parents(pairs: Sequence[tuple[str, str | None]]) -> dict[str, str]:
    """A ``parents`` mapping from ``(place, parent)`` pairs, dropping unknown parents.

    >>> unique_parents([("al-kum-station", "al-bukamal"), ("syria", None)])
    {'al-kum-station': 'al-bukamal'}
    """
    return {p: q for p, q in pairs if q is not None}
