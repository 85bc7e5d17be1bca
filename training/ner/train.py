"""Train the ANERcorp CRF tagger shipped in ``kg/data/ner`` (dev-only).

Steps (all seeded; the CRF's L-BFGS is deterministic):

1. word clusters from ANT news text (``training/ner/embed.py``), unless
   ``OUT/clusters.tsv.gz`` exists already (``--rebuild-clusters`` forces it);
2. split ANERcorp *train*: the last 10% of its sentences are the dev set;
3. for each (c1, c2) in the grid, train on the first 90% and score dev;
4. train on all of train with the best dev setting, score test once, and
   write ``OUT/model.crfsuite`` and ``OUT/scores.json``.

    .venv/bin/python training/ner/train.py --out kg/data/ner
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from kg.ner.conll import read_conll  # noqa: E402
from kg.ner.features import Clusters, context_features, load_clusters, sentence_features  # noqa: E402
from kg.ner.gazetteer import Gazetteer  # noqa: E402
from kg.ner.metrics import entity_scores, format_scores  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gaz  # noqa: E402

ANER = ROOT.parent / "shared" / "data" / "anercorp"
Sent = list[tuple[str, str]]
WINDOW = 8


def featurize(sents: list[Sent], clusters: Clusters, gz: Gazetteer | None = None) -> list[list[list[str]]]:
    return [sentence_features([t for t, _ in s], clusters, gz) for s in sents]


def featurize_jk(sents: list[Sent], clusters: Clusters, project: gaz.Entries | None,
                 folds: int) -> list[list[list[str]]]:
    """Features of training sentences; each fold's gazetteer is built from the other folds."""
    if project is None:
        return featurize(sents, clusters)
    n = len(sents)
    bounds = [round(i * n / folds) for i in range(folds + 1)]
    out: list[list[list[str]]] = []
    for a, b in itertools.pairwise(bounds):
        out.extend(featurize(sents[a:b], clusters, gaz.build(sents[:a] + sents[b:], project)))
    return out


def fit(xs: list[list[list[str]]], ys: list[list[str]], c1: float, c2: float, iters: int, path: Path) -> None:
    tr = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        tr.append(x, y)
    tr.set_params({
        "c1": c1, "c2": c2, "max_iterations": iters,
        "feature.possible_transitions": True, "feature.minfreq": 1,
    })
    tr.train(str(path))


def predict(path: Path, xs: list[list[list[str]]]) -> list[list[str]]:
    tg = pycrfsuite.Tagger()
    tg.open(str(path))
    out = [list(tg.tag(x)) for x in xs]
    tg.close()
    return out


def jackknife(xs: list[list[list[str]]], ys: list[list[str]], folds: int, c1: float, c2: float,
              iters: int, tmp: Path) -> list[list[str]]:
    """First-stage tags for each sentence from a model that did not see its fold."""
    n = len(xs)
    bounds = [round(i * n / folds) for i in range(folds + 1)]
    out: list[list[str]] = []
    for a, b in itertools.pairwise(bounds):
        fit(xs[:a] + xs[b:], ys[:a] + ys[b:], c1, c2, iters, tmp)
        out.extend(predict(tmp, xs[a:b]))
    tmp.unlink(missing_ok=True)
    return out


def stack(xs: list[list[list[str]]], sents: list[Sent], first: list[list[str]],
          window: int) -> list[list[list[str]]]:
    ctx = context_features([[t for t, _ in s] for s in sents], first, window)
    return [[a + b for a, b in zip(x, c, strict=True)] for x, c in zip(xs, ctx, strict=True)]


def two_stage(x_tr: list[list[list[str]]], y_tr: list[list[str]], s_tr: list[Sent],
              x_ev: list[list[list[str]]], s_ev: list[Sent], p1: tuple[float, float],
              p2: list[tuple[float, float]], args: argparse.Namespace, out1: Path, out2: Path
              ) -> list[tuple[float, float, list[list[str]], list[list[str]]]]:
    """Train stage 1 (to ``out1``) and, per stage-2 setting, stage 2; tag the eval set."""
    t0 = time.time()
    first_tr = jackknife(x_tr, y_tr, args.folds, *p1, args.iters, out1.with_suffix(".jk"))
    fit(x_tr, y_tr, *p1, args.iters, out1)
    first_ev = predict(out1, x_ev)
    print(f"  stage 1 + jackknife: {time.time() - t0:.0f}s", flush=True)
    z_tr, z_ev = stack(x_tr, s_tr, first_tr, args.window), stack(x_ev, s_ev, first_ev, args.window)
    res = []
    for c1, c2 in p2:
        fit(z_tr, y_tr, c1, c2, args.iters, out2)
        res.append((c1, c2, first_ev, predict(out2, z_ev)))
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "kg/data/ner")
    ap.add_argument("--c1", type=float, default=0.05, help="stage-1 L1")
    ap.add_argument("--c2", type=float, default=0.05, help="stage-1 L2")
    ap.add_argument("--grid-c1", type=float, nargs="+", default=[0.05], help="stage-2 L1 values")
    ap.add_argument("--grid-c2", type=float, nargs="+", default=[0.05], help="stage-2 L2 values")
    ap.add_argument("--iters", type=int, default=150)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--window", type=int, default=WINDOW, help="context sentences each side")
    ap.add_argument("--dev-only", action="store_true", help="grid on dev, no final model")
    ap.add_argument("--skip-dev", action="store_true", help="final model with the first grid values")
    ap.add_argument("--rebuild-clusters", action="store_true")
    ap.add_argument("--no-gazetteer", action="store_true", help="no name-list features")
    ap.add_argument("--gaz-folds", type=int, default=5, help="jackknife folds of the ANERcorp list")
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    cl_path = out / "clusters.tsv.gz"
    if args.rebuild_clusters or not cl_path.exists():
        subprocess.run([sys.executable, str(ROOT / "training/ner/embed.py"), "--out", str(out)], check=True)
    with gzip.open(cl_path, "rt", encoding="utf-8") as f:
        clusters = load_clusters(f)
    train = list(read_conll(ANER / "train.txt"))
    test = list(read_conll(ANER / "test.txt"))
    cut = int(len(train) * 0.9)
    tr, dev = train[:cut], train[cut:]
    print(f"train {len(tr)} / dev {len(dev)} / test {len(test)} sentences; {len(clusters)} cluster words")
    project = None if args.no_gazetteer else gaz.project_entries()
    x_tr = featurize_jk(tr, clusters, project, args.gaz_folds)
    x_dev = featurize(dev, clusters, None if project is None else gaz.build(tr, project))
    y_tr = [[g for _, g in s] for s in tr]
    y_dev = [[g for _, g in s] for s in dev]
    p1 = (args.c1, args.c2)
    grid = list(itertools.product(args.grid_c1, args.grid_c2))
    tmp1, tmp2 = out / "dev1.crfsuite.tmp", out / "dev2.crfsuite.tmp"
    results = []
    if not args.skip_dev:
        for c1, c2, first, pred in two_stage(x_tr, y_tr, tr, x_dev, dev, p1, grid, args, tmp1, tmp2):
            s1, s2 = entity_scores(y_dev, first), entity_scores(y_dev, pred)
            results.append((s2["micro"]["f1"], c1, c2, s1, s2))
            print(f"stage 2 c1={c1} c2={c2}: dev micro F1 stage 1 {100 * s1['micro']['f1']:.2f}"
                  f" stage 2 {100 * s2['micro']['f1']:.2f}", flush=True)
        if not args.dev_only:  # --dev-only keeps the dev models (for tune_bias.py)
            tmp1.unlink(missing_ok=True)
            tmp2.unlink(missing_ok=True)
        _, c1, c2, dev1, dev2 = max(results, key=lambda r: r[0])
        print(f"best stage 2 c1={c1} c2={c2}\nstage 1 dev\n{format_scores(dev1)}\n"
              f"stage 2 dev\n{format_scores(dev2)}", flush=True)
    else:
        (c1, c2), dev1, dev2 = grid[0], {}, {}
    if args.dev_only:
        return
    y_all = y_tr + y_dev
    gz_all = None if project is None else gaz.build(train, project)
    x_all = featurize_jk(train, clusters, project, args.gaz_folds) if project is not None else x_tr + x_dev
    x_test = featurize(test, clusters, gz_all)
    gz_path = out / "gazetteer.tsv.gz"
    gz_path.unlink(missing_ok=True)
    if gz_all is not None:
        with gzip.open(gz_path, "wt", encoding="utf-8") as f:
            f.write("# label<TAB>stems; built by training/ner/gaz.py (ANERcorp train + kg/data lists)\n")
            f.writelines(line + "\n" for line in gz_all.dump())
    [(_, _, first, pred)] = two_stage(x_all, y_all, tr + dev, x_test, test, p1, [(c1, c2)], args,
                                      out / "stage1.crfsuite", out / "stage2.crfsuite")
    y_test = [[g for _, g in s] for s in test]
    test1, test2 = entity_scores(y_test, first), entity_scores(y_test, pred)
    print(f"stage 1 test\n{format_scores(test1)}\nstage 2 test\n{format_scores(test2)}")
    (out / "scores.json").write_text(json.dumps({
        "params": {"stage1": {"c1": args.c1, "c2": args.c2}, "stage2": {"c1": c1, "c2": c2},
                   "max_iterations": args.iters, "algorithm": "lbfgs", "folds": args.folds,
                   "window": args.window, "gazetteer": project is not None,
                   "gaz_folds": args.gaz_folds},
        "grid": [{"c1": a, "c2": b, "dev_micro_f1": round(f, 4)} for f, a, b, _, _ in results],
        "dev": {"stage1": dev1, "stage2": dev2}, "test": {"stage1": test1, "stage2": test2},
    }, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
