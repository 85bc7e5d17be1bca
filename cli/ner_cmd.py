"""``kg ner --conll IN --out OUT``: tag a CoNLL-style ``token TAG`` file with the shipped NER model."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from cli.console import console, fail


def ner_command(
    conll: Path = typer.Option(..., "--conll", exists=True, dir_okay=False,
                               help="Input: one `token [TAG]` per line, blank line between sentences."),
    out: Path = typer.Option(..., "--out", "-o", dir_okay=False, writable=True,
                             help="Output: the same tokens with predicted BIO tags (PERS, LOC, ORG, MISC)."),
) -> None:
    """Tag named entities in a CoNLL file (offline CRF model shipped in kg/data/ner).

    When the input carries gold tags, prints entity-level precision, recall and F1
    per type and micro-averaged (conlleval-style: exact span and type).
    """
    from kg.ner.cli import ner_conll

    try:
        result = ner_conll(conll, out)
    except (OSError, ValueError) as exc:
        fail(f"{conll}: {exc}")
    console.print(f"tagged {result['sentences']} sentences, {result['tokens']} tokens → {out}")
    scores = result.get("scores")
    if not isinstance(scores, dict):
        return
    table = Table(title=f"NER on {conll.name} (entity level)")
    for col in ("type", "P", "R", "F1", "gold", "predicted"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, c in sorted(scores.items(), key=lambda kv: (kv[0] == "micro", kv[0])):
        if isinstance(c, dict) and "f1" in c:
            table.add_row(name, f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}",
                          str(c.get("gold", "")), str(c.get("pred", "")))
    console.print(table)
