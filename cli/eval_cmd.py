"""``kg eval GOLD_DIR PRED.jsonl``: score an extraction against gold (SCHEMA.md, "Scoring")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from cli.console import console, fail


def _load_predictions(path: Path) -> dict[str, Any]:
    from kg.model import Extraction, ModelError

    preds: dict[str, Any] = {}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                ext = Extraction.from_json(line)
            except (ValueError, KeyError, ModelError) as exc:
                fail(f"{path}:{n}: not a kg-extraction/1 record ({exc})")
            preds[ext.doc_id] = ext
    return preds


def eval_command(
    gold_dir: Path = typer.Argument(..., exists=True, file_okay=False,
                                    help="Folder of *.gold.json files (kg-extraction/1 gold)."),
    predictions: Path = typer.Argument(..., exists=True, dir_okay=False,
                                       help="Predictions: kg-extraction/1 JSONL from `kg extract`."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score predictions against gold: entities per kind, events (loose and full), relations, time.

    Documents are paired by doc_id; a gold document without a prediction counts
    as everything missed. Micro-averaged over documents.
    """
    from kg.evaluate import combine, score
    from kg.model import Extraction

    golds = sorted(gold_dir.glob("*.gold.json"))
    if not golds:
        fail(f"no *.gold.json files in {gold_dir}")
    preds = _load_predictions(predictions)
    scores = []
    missing = []
    for path in golds:
        gold = Extraction.from_dict(json.loads(path.read_text(encoding="utf-8")))
        pred = preds.get(gold.doc_id)
        if pred is None:
            missing.append(gold.doc_id)
            pred = Extraction(doc_id=gold.doc_id)
        scores.append(score(pred, gold))
    total = combine(scores)
    total["documents"] = {"gold": len(golds), "without_prediction": missing}
    if as_json:
        console.print_json(json.dumps(total))
        return
    table = Table(title=f"kg eval: {len(golds)} gold documents ({len(missing)} without a prediction)")
    for col in ("part", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "part" else "right")

    def row(name: str, c: dict[str, float]) -> None:
        table.add_row(name, f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}",
                      str(int(c["tp"])), str(int(c["fp"])), str(int(c["fn"])))

    for kind in ("all", "actor", "person", "place"):
        if kind in total["entities"]:
            row(f"entities: {kind}", total["entities"][kind])
    for part in ("events_loose", "events_full", "relations"):
        row(part.replace("_", " "), total[part])
    console.print(table)
    t = total["time"]
    console.print(f"time: {t['agree']} of {t['total']} matched events agree with gold")
    for doc_id in missing:
        console.print(f"[yellow]no prediction for[/] {doc_id}")
