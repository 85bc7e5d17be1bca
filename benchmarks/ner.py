"""Benchmark: the ANERcorp CRF tagger (kg.ner) on CPU.

Prints one table: model load time and size on disk; tokens/s and
sentences/s tagging ANERcorp test (median of ``--runs`` runs, min–max);
articles/s of ``find_entities`` over the first ``--articles`` ANT articles
(word caches cold at first), then of ``find_entities_many`` over the same
articles (caches warm);
the test F1; and the machine.

    .venv/bin/python benchmarks/ner.py --runs 3 --articles 2000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.ner import (  # noqa: E402
    MODEL_DIR,
    NerModel,
    find_entities,
    find_entities_many,
    load_model,
    read_conll,
    tag_sentences,
)
from kg.ner.metrics import entity_scores  # noqa: E402

SHARED = ROOT.parent / "shared"


def _fmt(values: list[float], unit: str) -> str:
    return f"{statistics.median(values):,.1f} {unit} ({min(values):,.1f}–{max(values):,.1f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()

    t0 = time.perf_counter()
    NerModel(MODEL_DIR)
    load_s = time.perf_counter() - t0
    load_model()
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())

    sents = list(read_conll(SHARED / "data/anercorp/test.txt"))
    toks = [[t for t, _ in s] for s in sents]
    n_tok = sum(map(len, toks))
    tok_rates, sent_rates = [], []
    pred: list[list[str]] = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        pred = list(tag_sentences(toks))
        dt = time.perf_counter() - t0
        tok_rates.append(n_tok / dt)
        sent_rates.append(len(toks) / dt)
    f1 = entity_scores([[g for _, g in s] for s in sents], pred)["micro"]["f1"]

    texts = []
    with gzip.open(SHARED / "corpus/ant-2018.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line).get("text") or "")
            if len(texts) >= args.articles:
                break
    t0 = time.perf_counter()
    n_ent = sum(len(find_entities(t)) for t in texts)
    art_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_ent2 = sum(len(s) for s in find_entities_many(texts))
    many_s = time.perf_counter() - t0

    rows = [
        ("model load", f"{load_s:.2f} s"),
        ("model size on disk", f"{size / 1e6:.1f} MB ({MODEL_DIR.relative_to(ROOT)})"),
        (f"tag ANERcorp test ({n_tok:,} tokens)", _fmt(tok_rates, "tokens/s")),
        (f"tag ANERcorp test ({len(toks):,} sentences)", _fmt(sent_rates, "sentences/s")),
        (f"find_entities, {len(texts):,} ANT articles", f"{len(texts) / art_s:,.1f} articles/s"
         f" ({sum(map(len, texts)) / art_s / 1e3:,.0f}k chars/s, {n_ent:,} entities)"),
        ("find_entities_many, same articles again", f"{len(texts) / many_s:,.1f} articles/s"
         f" ({n_ent2:,} entities)"),
        ("ANERcorp test micro F1", f"{100 * f1:.2f}"),
    ]
    w = max(len(a) for a, _ in rows)
    for a, b in rows:
        print(f"{a:<{w}}  {b}")
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, runs={args.runs}")


if __name__ == "__main__":
    main()
