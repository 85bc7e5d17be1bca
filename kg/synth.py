"""A synthetic conflict-news corpus, as kg-extraction/1 records (pure, deterministic for a seed).

For measuring how the graph's cost grows with size (``kg synth``,
``benchmarks/scale.py``), not for evaluating extraction. What it makes:

- **actors** with power-law (Zipf, exponent ``zipf``) activity: a few actors
  take part in most events, most actors in few;
- **places** in a hierarchy: one country, governorates, districts, then towns
  and villages (:meth:`SynthCorpus.parents` gives the containment the loader
  needs for "this place or inside it");
- **events** of every ACLED type spread over ``years`` years, each with one or
  two agents, often a target, a place, a day-precision date and (for violent
  types) heavy-tailed fatalities;
- **multi-source events**: an event is told by 1–``max_sources`` outlets, each in
  its own article of that day (fatality counts differ a little between outlets).
  Every event carries a gold-like ``event_key``, so the loader does not cluster
  synthetic reports (keyed events bypass :mod:`kg.graph.merge`) and a load
  measures the loader, not the merge heuristics;
- **control periods that change**: contested places change hands several times;
  each change is a dated ``CONTROLS`` claim in an article of that day, from
  which the loader derives the periods.

Articles are produced day by day, so memory does not grow with ``events``.
The same :class:`SynthConfig` always gives the same records.

Examples
--------
>>> corpus = SynthCorpus(SynthConfig(events=50, actors=10, places=20, years=1, seed=7))
>>> docs = list(corpus.extractions())
>>> sorted({d.outlet for d in docs})[:2]
['synth-alaraby', 'synth-aljazeera']
>>> len({e.event_key for d in docs for e in d.events})
50
>>> [d.to_json() for d in docs] == [d.to_json() for d in corpus.extractions()]
True
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from kg.model import EVENT_TYPES, Entity, Event, Extraction, Relation, TimeValue

__all__ = ["SynthConfig", "SynthCorpus"]

_ACTOR_TYPES = ("ArmedGroup", "StateForce", "Militia", "State", "Organization")
_OUTLETS = ("synth-sana", "synth-enab", "synth-smart", "synth-sohr", "synth-orient",
            "synth-alaraby", "synth-aljazeera", "synth-asharq")
#: ACLED type weights, roughly as in Syria 2018 (strikes and battles dominate).
_TYPE_WEIGHTS = {"Battles": 30, "Explosions/Remote violence": 40, "Violence against civilians": 12,
                 "Protests": 8, "Riots": 2, "Strategic developments": 8}
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


@dataclass(frozen=True)
class SynthConfig:
    """What to generate.

    >>> SynthConfig(events=10).actors
    200
    """

    events: int = 10_000
    actors: int = 200
    places: int = 1_000
    years: int = 3
    seed: int = 0
    start_year: int = 2016
    max_sources: int = 3
    zipf: float = 1.1
    contested_share: float = 0.05
    changes_per_place: int = 4

    def __post_init__(self) -> None:
        if self.events < 0 or self.actors < 2 or self.places < 2 or self.years < 1:
            raise ValueError("need events >= 0, actors >= 2, places >= 2, years >= 1")
        if not 1 <= self.max_sources <= len(_OUTLETS):
            raise ValueError(f"max_sources must be 1..{len(_OUTLETS)}")


class SynthCorpus:
    """The actors, places and articles of one configuration."""

    def __init__(self, config: SynthConfig) -> None:
        self.config = config
        rng = random.Random(f"rasd-synth-world:{config.seed}")
        self.actors = [Entity(f"synth-actor-{i:05d}", "actor", _ACTOR_TYPES[i % len(_ACTOR_TYPES)],
                              f"Actor {i}", names=(f"فاعل {i}",)) for i in range(config.actors)]
        weights = [1.0 / (i + 1) ** config.zipf for i in range(config.actors)]
        self._actor_cum = list(itertools.accumulate(weights))
        self._parents: dict[str, str] = {}
        self.places = self._place_tree(rng)
        leaves = [p.id for p in self.places if p.type in ("City", "Town", "Village")] or \
            [p.id for p in self.places[1:]]
        self._leaves = leaves
        self._place_by_id = {p.id: p for p in self.places}
        self._actor_by_id = {a.id: a for a in self.actors}
        self._changes = self._control_changes(rng)

    # ------------------------------------------------------------------ world
    def _place_tree(self, rng: random.Random) -> list[Entity]:
        n = self.config.places
        n_gov = max(1, n // 60)
        n_dist = max(1, n // 12)
        places = [Entity("synth-country", "place", "Country", "Synthland", names=("سينثلاند",))]
        govs, dists = [], []
        for i in range(1, n):
            if i <= n_gov:
                kind, parent = "Governorate", "synth-country"
                govs.append(f"synth-place-{i:06d}")
            elif i <= n_gov + n_dist:
                kind, parent = "District", rng.choice(govs)
                dists.append(f"synth-place-{i:06d}")
            else:
                kind = ("City", "Town", "Village", "Village")[rng.randrange(4)]
                parent = rng.choice(dists)
            pid = f"synth-place-{i:06d}"
            self._parents[pid] = parent
            attrs = {"lat": round(32.3 + rng.random() * 4.9, 4), "lon": round(35.7 + rng.random() * 6.6, 4)}
            places.append(Entity(pid, "place", kind, f"Place {i}", names=(f"مكان {i}",), attributes=attrs))
        return places

    def parents(self) -> dict[str, str]:
        """Place id → the place containing it (pass to the loader as ``parents``)."""
        return dict(self._parents)

    def _control_changes(self, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
        """Day → [(actor, place)]: the days a contested place changes hands."""
        cfg = self.config
        days = cfg.years * 365
        out: dict[str, list[tuple[str, str]]] = {}
        contested = rng.sample(self._leaves, max(1, int(len(self._leaves) * cfg.contested_share)))
        for place in sorted(contested):
            holder = None
            for day in sorted(rng.sample(range(days), min(days, cfg.changes_per_place))):
                choices = [a for a in self._top_actors(8) if a != holder]
                holder = rng.choice(choices)
                out.setdefault(self._date(day), []).append((holder, place))
        return out

    def _top_actors(self, k: int) -> list[str]:
        return [a.id for a in self.actors[:k]]

    def _date(self, day: int) -> str:
        return (dt.date(self.config.start_year, 1, 1) + dt.timedelta(days=day)).isoformat()

    def _actor(self, rng: random.Random) -> str:
        x = rng.random() * self._actor_cum[-1]
        return self.actors[min(bisect.bisect_left(self._actor_cum, x), len(self.actors) - 1)].id

    # ------------------------------------------------------------------ articles
    def extractions(self) -> Iterator[Extraction]:
        """Every article, day by day (one per outlet and day that has something to tell)."""
        cfg = self.config
        days = cfg.years * 365
        rng = random.Random(f"rasd-synth-events:{cfg.seed}")
        types = list(_TYPE_WEIGHTS)
        type_cum = list(itertools.accumulate(_TYPE_WEIGHTS.values()))
        made = 0
        for day in range(days):
            date = self._date(day)
            target = (cfg.events * (day + 1)) // days
            reports: dict[str, list[Event]] = {}
            claims: dict[str, list[Relation]] = {}
            while made < target:
                ev_type = types[bisect.bisect_left(type_cum, rng.random() * type_cum[-1])]
                sub = rng.choice(EVENT_TYPES[ev_type])
                agents = tuple(dict.fromkeys(self._actor(rng) for _ in range(1 + (rng.random() < 0.3))))
                target_actor = self._actor(rng) if rng.random() < 0.6 else None
                targets = (target_actor,) if target_actor and target_actor not in agents else ()
                place = rng.choice(self._leaves)
                deaths = (int(rng.paretovariate(1.3)) - 1 if ev_type in _VIOLENT and rng.random() < 0.7
                          else None)
                n_src = 1 + sum(rng.random() < 0.35 for _ in range(cfg.max_sources - 1))
                key = f"synth-ev-{cfg.seed}-{made:07d}"
                for k, outlet in enumerate(rng.sample(_OUTLETS, n_src)):
                    told = reports.setdefault(outlet, [])
                    fat = None if deaths is None else max(0, deaths + (k and rng.randint(-1, 2)))
                    told.append(Event(
                        f"e{len(told) + 1}", ev_type, sub, agents=agents, targets=targets, place=place,
                        time=TimeValue(date, "day"),
                        reported_by=(agents[0],) if k == 0 and rng.random() < 0.2 else (),
                        evidence=f"synthetic {key}",
                        confidence=0.9, label=f"{sub} at {place}", fatalities=fat, event_key=key))
                made += 1
            for holder, place in self._changes.get(date, []):
                outlet = _OUTLETS[hash_int(f"{holder}{place}{date}") % len(_OUTLETS)]
                claims.setdefault(outlet, []).append(Relation(
                    "CONTROLS", holder, place, time=TimeValue(date, "day"),
                    evidence=f"synthetic control change at {place}", confidence=0.9))
            for outlet in sorted(set(reports) | set(claims)):
                yield self._article(outlet, date, reports.get(outlet, []), claims.get(outlet, []))

    def _article(self, outlet: str, date: str, events: list[Event],
                 relations: list[Relation]) -> Extraction:
        ids: dict[str, None] = {}
        for ev in events:
            ids.update(dict.fromkeys((*ev.agents, *ev.targets, *ev.reported_by,
                                      *([ev.place] if ev.place else []))))
        for rel in relations:
            ids.update(dict.fromkeys((rel.source, rel.target)))
        for place in [i for i in ids if i in self._parents]:  # the places containing them too
            parent = self._parents.get(place)
            while parent is not None and parent not in ids:
                ids[parent] = None
                parent = self._parents.get(parent)
        entities = tuple(self._actor_by_id.get(i) or self._place_by_id[i] for i in ids)
        doc_id = f"synth-{self.config.seed}-{outlet}-{date}"
        c = self.config
        content_hash = hashlib.sha256(
            f"{c}|{doc_id}|{len(events)}|{len(relations)}".encode()).hexdigest()
        return Extraction(doc_id=doc_id, published=date, title=f"{outlet} {date}", outlet=outlet,
                          content_hash=content_hash, entities=entities, events=tuple(events),
                          relations=tuple(relations))


def hash_int(text: str) -> int:
    """A stable integer from text (Python's ``hash`` is salted per process).

    >>> hash_int("x") == hash_int("x")
    True
    """
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
