"""Choose the O-scale of stage-2 decoding on the dev split (dev-only).

Reads the dev models that ``train.py --dev-only --out DEV`` keeps
(``DEV/dev1.crfsuite.tmp``, ``DEV/dev2.crfsuite.tmp``), scores dev for each
scale, writes the best into ``OUT/params.json`` and scores the shipped models
on test with it (reported only, not used for the choice).

    .venv/bin/python training/ner/tune_bias.py --dev /tmp/ner_dev --out kg/data/ner
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from kg.ner import WINDOW  # noqa: E402
from kg.ner.conll import read_conll  # noqa: E402
from kg.ner.crf import CrfTagger  # noqa: E402
from kg.ner.features import context_features, load_clusters, sentence_features  # noqa: E402
from kg.ner.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from kg.ner.metrics import entity_scores, format_scores  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gaz  # noqa: E402

ANER = ROOT.parent / "shared" / "data" / "anercorp"
SCALES = (1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2)


def run(m1: CrfTagger, m2: CrfTagger, sents: list[list[tuple[str, str]]],
        clusters: dict[str, tuple[str, ...]], scales: tuple[float, ...], gz: Gazetteer | None = None
        ) -> dict[float, dict[str, dict[str, float]]]:
    toks = [[t for t, _ in s] for s in sents]
    gold = [[g for _, g in s] for s in sents]
    feats = [sentence_features(t, clusters, gz) for t in toks]
    first = [m1.tag(x) for x in feats]
    ctx = context_features(toks, first, WINDOW)
    z = [[a + b for a, b in zip(x, c, strict=True)] for x, c in zip(feats, ctx, strict=True)]
    return {s: entity_scores(gold, [m2.tag_scaled(x, s)[0] for x in z]) for s in scales}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "kg/data/ner")
    args = ap.parse_args()
    with gzip.open(args.out / "clusters.tsv.gz", "rt", encoding="utf-8") as f:
        clusters = load_clusters(f)
    train = list(read_conll(ANER / "train.txt"))
    cut = int(len(train) * 0.9)
    dev = train[cut:]
    shipped_gz = None
    if (args.out / "gazetteer.tsv.gz").is_file():  # the dev models saw the lists of the first 90% only
        with gzip.open(args.out / "gazetteer.tsv.gz", "rt", encoding="utf-8") as f:
            shipped_gz = load_gazetteer(f)
    dev_gz = gaz.build(train[:cut]) if shipped_gz is not None else None
    res = run(CrfTagger(args.dev / "dev1.crfsuite.tmp"), CrfTagger(args.dev / "dev2.crfsuite.tmp"), dev,
              clusters, SCALES, dev_gz)
    for s, sc in res.items():
        print(f"o_scale {s}: dev micro F1 {100 * sc['micro']['f1']:.2f}")
    best = max(SCALES, key=lambda s: (res[s]["micro"]["f1"], s))
    print(f"best o_scale {best}\n{format_scores(res[best])}")
    (args.out / "params.json").write_text(json.dumps({"o_scale": best}) + "\n", encoding="utf-8")
    test = list(read_conll(ANER / "test.txt"))
    tres = run(CrfTagger(args.out / "stage1.crfsuite"), CrfTagger(args.out / "stage2.crfsuite"), test,
               clusters, (1.0, best), shipped_gz)
    print(f"test, o_scale {best}\n{format_scores(tres[best])}")
    scores = json.loads((args.out / "scores.json").read_text(encoding="utf-8"))
    scores["o_scale"] = {"value": best, "dev": {str(s): round(r["micro"]["f1"], 4) for s, r in res.items()},
                         "dev_scores": res[best], "test_scores": tres[best]}
    text = json.dumps(scores, indent=1, sort_keys=True) + "\n"
    (args.out / "scores.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
