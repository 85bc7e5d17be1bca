"""Learn word clusters for the NER tagger from raw ANT news text (dev-only).

word2vec (gensim, skip-gram) on normalized ANERcorp-style tokens of
``ant-2018.jsonl.gz`` plus the *text* of ANERcorp train (no tags), then
k-means (numpy, k-means++ seeding) of the unit-normalized vectors of the
most frequent words into 1,000 clusters, and a Ward tree over the 1,000
centroids that gives each cluster a bit path (prefixes = coarser clusters).
Independent k-means with 256 and 3,000 clusters of the same vectors, and
with 500 and 2,000 clusters of a second word2vec with a narrower window
(2: more syntactic neighbours), add different views.

Writes ``clusters.tsv.gz``: ``word<TAB>path<TAB>k256<TAB>k3000<TAB>k500<TAB>k2000``
for the most frequent words.

    .venv/bin/python training/ner/embed.py --out kg/data/ner
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import sys
import time
from pathlib import Path

import numpy as np
from gensim.models import Word2Vec
from scipy.cluster.hierarchy import linkage

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from kg.ner.features import norm_token
from kg.ner.tokenize import tokenize

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = 13


def corpus(ant: Path, aner_train: Path) -> list[list[str]]:
    sents: list[list[str]] = []
    with gzip.open(ant, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for para in (rec.get("title") or "", rec.get("text") or ""):
                for p in para.split("\n"):
                    toks = [norm_token(t) for t, _, _ in tokenize(p)]
                    if len(toks) > 2:
                        sents.append(toks)
    cur: list[str] = []
    for line in aner_train.open(encoding="utf-8"):
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur)
            cur = []
        else:
            cur.append(norm_token(parts[0]))
    if cur:
        sents.append(cur)
    return sents


def kmeans(x: np.ndarray, k: int, iters: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Spherical-ish Lloyd k-means on unit vectors; k-means++ seeding on a sample."""
    n = x.shape[0]
    sample = x[rng.choice(n, size=min(n, 20 * k), replace=False)]
    cent = np.empty((k, x.shape[1]), dtype=np.float32)
    cent[0] = sample[rng.integers(len(sample))]
    d2 = ((sample - cent[0]) ** 2).sum(1)
    for i in range(1, k):
        j = rng.choice(len(sample), p=d2 / d2.sum())
        cent[i] = sample[j]
        d2 = np.minimum(d2, ((sample - cent[i]) ** 2).sum(1))
    assign = np.zeros(n, dtype=np.int64)
    for it in range(iters):
        for s in range(0, n, 20000):
            assign[s:s + 20000] = np.argmax(x[s:s + 20000] @ cent.T, axis=1)
        counts = np.bincount(assign, minlength=k)
        new = np.zeros_like(cent)
        np.add.at(new, assign, x)
        empty = counts == 0
        new[~empty] /= counts[~empty, None]
        new[empty] = x[rng.choice(n, size=int(empty.sum()), replace=False)]
        new /= np.linalg.norm(new, axis=1, keepdims=True) + 1e-9
        shift = float(np.abs(new - cent).max())
        cent = new
        logging.info("k=%d iter %d shift %.4f", k, it, shift)
    return assign, cent


def tree_paths(cent: np.ndarray) -> list[str]:
    """Bit path of each centroid in a Ward tree (root = '')."""
    k = cent.shape[0]
    z = linkage(cent.astype(np.float64), method="ward")
    children: dict[int, tuple[int, int]] = {k + i: (int(a), int(b)) for i, (a, b, _, _) in enumerate(z)}
    paths = [""] * k
    stack = [(2 * k - 2, "")]
    while stack:
        node, p = stack.pop()
        if node < k:
            paths[node] = p or "0"
        else:
            a, b = children[node]
            stack.append((a, p + "0"))
            stack.append((b, p + "1"))
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("kg/data/ner"))
    ap.add_argument("--vocab", type=int, default=200_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=5)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    random.seed(SEED)
    rng = np.random.default_rng(SEED)
    t0 = time.time()
    sents = corpus(SHARED / "corpus/ant-2018.jsonl.gz", SHARED / "data/anercorp/train.txt")
    logging.info("%d sentences, %d tokens (%.0fs)", len(sents), sum(map(len, sents)), time.time() - t0)
    cols: list[list[str]] = []
    words: list[str] = []
    for window, ks in ((5, (1000, 256, 3000)), (2, (500, 2000))):
        w2v = Word2Vec(sents, vector_size=100, window=window, min_count=3, sg=1, negative=5, sample=1e-4,
                       workers=args.workers, epochs=args.epochs, seed=SEED)
        logging.info("word2vec window %d done, vocab %d (%.0fs)", window, len(w2v.wv), time.time() - t0)
        if not words:
            words = w2v.wv.index_to_key[: args.vocab]
        x = np.asarray(w2v.wv[words], dtype=np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
        for k in ks:
            assign, cent = kmeans(x, k, 15, rng)
            if k == 1000:
                paths = tree_paths(cent)
                cols.append([paths[i] for i in assign])
            else:
                cols.append([str(i) for i in assign])
        del w2v
    args.out.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out / "clusters.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# word\tpath (Ward tree over 1000 k-means clusters, window 5)\tk256 w5\tk3000 w5"
                "\tk500 w2\tk2000 w2\n")
        for i, w in enumerate(words):
            f.write(w + "\t" + "\t".join(c[i] for c in cols) + "\n")
    logging.info("wrote %d words (%.0fs)", len(words), time.time() - t0)


if __name__ == "__main__":
    main()
