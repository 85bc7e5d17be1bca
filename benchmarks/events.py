"""Benchmark: events and relations against every target of issue 4.

Prints, with a machine line:

1. the dev scores (``kg eval`` over ``../shared/eval/dev``: entities, events
   loose and full, relations, time agreement);
2. detection on the Arabic event gold standard (``arabic-event-gsr``): for each
   of ASSAULT (any Battles, Explosions/Remote violence or Violence against
   civilians) and PROTEST (Protests or Riots), precision, recall and F1 of
   "the sentence states such an event" on ``yes`` against ``easy no``, and the
   share flagged among ``difficult no`` and ``ambiguous`` sentences, reported
   apart (:func:`kg.extract.events.detect_event_types`);
3. conflict events (Battles, Explosions/Remote violence, Violence against
   civilians) found per 200 articles of the ``sport`` and ``culture`` sections
   of ``ant-2018.jsonl.gz``;
4. whole extraction speed (articles/s, one core) over the first 5,000
   articles of ``ant-2018.jsonl.gz``.

    .venv/bin/python benchmarks/events.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate import combine, score  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.extract.events import detect_event_types  # noqa: E402
from kg.model import Document, Extraction  # noqa: E402

SHARED = ROOT.parent / "shared"
CONFLICT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
FAMILIES = {"ASSAULT": CONFLICT, "PROTEST": frozenset({"Protests", "Riots"})}


def _news() -> dict[str, Document]:
    out = {}
    with (SHARED / "corpus" / "syria-news.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out[r["doc_id"]] = Document(doc_id=r["doc_id"], text=r["text"], title=r.get("title"),
                                        outlet=r.get("outlet"), published=r.get("published"))
    return out


def dev_scores() -> dict[str, object]:
    news = _news()
    scores = []
    for path in sorted((SHARED / "eval" / "dev").glob("*.gold.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw["doc_id"] in news:
            d = news[raw["doc_id"]]
        else:
            text = (path.parent / raw["text_file"]).read_text(encoding="utf-8")
            d = Document(doc_id=raw["doc_id"], text=text, title=raw.get("title"),
                         outlet=raw.get("outlet"), published=raw.get("published"))
        scores.append(score(extract(d), Extraction.from_dict(raw)))
    return combine(scores)


def gsr(family: str) -> dict[str, tuple[int, int]]:
    """label → (flagged, total) for one GSR file."""
    wanted = FAMILIES[family]
    path = SHARED / "data" / "arabic-event-gsr" / f"{family.lower()}_gsr.dev.csv"
    out: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            hit = bool(detect_event_types(row["text"]) & wanted)
            c = out.setdefault(row["label"], [0, 0])
            c[0] += hit
            c[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def ant(limit: int | None = None, categories: frozenset[str] | None = None) -> Iterator[Document]:
    with gzip.open(SHARED / "corpus" / "ant-2018.jsonl.gz", "rt", encoding="utf-8") as f:
        n = 0
        for line in f:
            r = json.loads(line)
            if categories is not None and r.get("category") not in categories:
                continue
            yield Document(doc_id=r["doc_id"], text=r.get("text") or "", title=r.get("title"),
                           outlet=r.get("outlet"), published=r.get("published"))
            n += 1
            if limit is not None and n >= limit:
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--speed-limit", type=int, default=5000)
    parser.add_argument("--show-quiet", type=int, default=0,
                        help="print up to N conflict events found in sport/culture articles")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores (one used), Python {platform.python_version()}, "
          f"{platform.platform()}")

    s = dev_scores()
    print("dev (../shared/eval/dev):")
    print(f"  entities F1 {s['entities']['all']['f1']:.3f}")  # type: ignore[index]
    for part in ("events_loose", "events_full", "relations"):
        c = s[part]  # type: ignore[index]
        print(f"  {part:<13} P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f} "
              f"(tp {c['tp']} fp {c['fp']} fn {c['fn']})")
    t = s["time"]  # type: ignore[index]
    print(f"  time agreement {t['agree']}/{t['total']} = {t['agree'] / max(1, t['total']):.3f}")

    print("arabic-event-gsr (dev): yes vs easy no; others: share flagged")
    for family in FAMILIES:
        c = gsr(family)
        tp, n_yes = c.get("yes", (0, 0))
        fp, _ = c.get("easy no", (0, 0))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / n_yes if n_yes else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rest = "; ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(c.items())
                         if k not in ("yes", "easy no"))
        n_no = c.get("easy no", (0, 0))[1]
        print(f"  {family:<8} P {p:.3f} R {r:.3f} F1 {f:.3f} (yes {tp}/{n_yes}, easy no {fp}/{n_no}); "
              f"flagged: {rest}")

    n = found = 0
    shown = 0
    for d in ant(categories=frozenset({"sport", "culture"})):
        n += 1
        evs = [e for e in extract(d).events if e.event_type in CONFLICT]
        found += len(evs)
        for e in evs:
            if shown < args.show_quiet:
                shown += 1
                print(f"    {d.doc_id} {e.sub_event_type} {e.extra.get('rule')} | {e.evidence[:100]}")
    print(f"sport+culture (ant-2018): {found} conflict events in {n} articles = "
          f"{200 * found / max(1, n):.2f} per 200 articles")

    docs = list(ant(limit=args.speed_limit))
    extract(Document("warm-up", "سيطر داعش على البوكمال"))
    started = time.perf_counter()
    for d in docs:
        extract(d)
    seconds = time.perf_counter() - started
    print(f"speed: {len(docs)} articles of ant-2018 in {seconds:.1f} s = "
          f"{len(docs) / seconds:.0f} articles/s")


if __name__ == "__main__":
    main()
