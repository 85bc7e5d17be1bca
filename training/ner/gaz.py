"""Name lists for the NER gazetteer features (dev-only; see kg/ner/gazetteer.py).

Two sources, both keyed by stems (``kg.ner.features.token_stem`` of each token):

- the project's lists, read from this repository: ``kg/data/gazetteer/
  {places,actors,persons}.jsonl`` (their ``patterns``; labels ``p:LOC``,
  ``p:ORG``, ``p:STATE`` for actors of type State, ``p:PERS``) and
  ``kg/data/persons/given_names.txt`` (``g:PERS``, single words);
- the entities of tagged ANERcorp sentences (``a:TYPE`` when the name is
  tagged TYPE in at least half of its occurrences in those sentences, else
  ``a:TYPE~``). For training sentences this list is jackknifed: each fold
  gets the list from the other folds only (``train.py``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg.ner.features import token_stem
from kg.ner.gazetteer import MAX_LEN, Gazetteer
from kg.ner.metrics import entity_spans
from kg.ner.tokenize import tokenize

ROOT = Path(__file__).resolve().parents[2]
Sent = list[tuple[str, str]]
Entries = dict[tuple[str, ...], set[str]]


def _key(text: str) -> tuple[str, ...]:
    return tuple(token_stem(t) for t, _, _ in tokenize(text))


def project_entries(root: Path = ROOT) -> Entries:
    """The project's place, actor and person lists and the given names."""
    out: Entries = {}
    gz = root / "kg/data/gazetteer"
    for name in ("places", "actors", "persons"):
        path = gz / f"{name}.jsonl"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            kind = d.get("kind")
            lab = {"place": "p:LOC", "person": "p:PERS"}.get(kind, "p:ORG")
            if kind == "actor" and d.get("type") == "State":
                lab = "p:STATE"
            for pat in d.get("patterns", []):
                k = _key(pat)
                if 0 < len(k) <= MAX_LEN:
                    out.setdefault(k, set()).add(lab)
    names = root / "kg/data/persons/given_names.txt"
    if names.is_file():
        for line in names.read_text(encoding="utf-8").splitlines():
            w = line.strip()
            if w and not w.startswith("#"):
                k = _key(w)
                if len(k) == 1:
                    out.setdefault(k, set()).add("g:PERS")
    return out


def corpus_entries(sents: Sequence[Sent]) -> Entries:
    """Entity names of tagged sentences with their majority type and reliability."""
    types: dict[tuple[str, ...], Counter[str]] = {}
    stems = [[token_stem(t) for t, _ in s] for s in sents]
    for s, st in zip(sents, stems, strict=True):
        for a, b, lab in entity_spans([g or "O" for _, g in s]):
            if b - a <= MAX_LEN:
                types.setdefault(tuple(st[a:b]), Counter())[lab] += 1
    prefixes = {k[:i] for k in types for i in range(1, len(k) + 1)}
    seen: Counter[tuple[str, ...]] = Counter()
    for st in stems:
        for i in range(len(st)):
            for j in range(i + 1, min(len(st), i + MAX_LEN) + 1):
                k = tuple(st[i:j])
                if k not in prefixes:
                    break
                if k in types:
                    seen[k] += 1
    out: Entries = {}
    for k, c in types.items():
        lab, n = c.most_common(1)[0]
        if len(k) == 1 and len(k[0]) < 2:
            continue
        out[k] = {"a:" + lab + ("" if n * 2 >= seen[k] else "~")}
    return out


def merge(*parts: Entries) -> Entries:
    out: Entries = {}
    for p in parts:
        for k, v in p.items():
            out.setdefault(k, set()).update(v)
    return out


def build(sents: Sequence[Sent], project: Entries | None = None) -> Gazetteer:
    """The gazetteer from the project's lists and the entities of ``sents``."""
    return Gazetteer(merge(project_entries() if project is None else project, corpus_entries(sents)))
