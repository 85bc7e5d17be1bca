"""The explorer's test corpus: the bundled samples plus hostile articles.

Hostile text sits where the explorer shows it: entity names, aliases, an
outlet, a title, a quote and an evidence sentence carry an ``<img onerror>``
payload and a ``</script><script>`` payload. ``hostile.jsonl`` goes through the
real reader and extractor; :func:`hostile_extractions` adds what the extractor
would never produce by itself (hostile entity names), loaded by the real loader.
Each test module defines its own ``explorer_graph`` fixture over :func:`load_corpus`:
a ``tests/app/conftest.py`` would clash with ``tests/conftest.py`` (same basename)
under ``--doctest-modules``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.model import Document, Entity, Event, Extraction, Relation, TimeValue

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.jsonl"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>window.__xss=1</script>"
#: The hostile actor's id and the event it takes part in.
ACTOR_ID, EVENT_ID = "xss-brigade", "hostile-002/e1"


def hostile_extractions() -> list[Extraction]:
    """One article whose entity names, aliases and quotes are hostile."""
    brigade = Entity(ACTOR_ID, "actor", "Militia", f"Brigade {IMG}", names=(f"لواء {SCRIPT}", f"كتيبة {IMG}"))
    spokesman = Entity("xss-spokesman", "person", "Person", SCRIPT, names=(f"المتحدث {IMG}",))
    raqqa = Entity("raqqa", "place", "City", "Raqqa", names=("الرقة",),
                   attributes={"lat": 35.95, "lon": 39.0167})
    evidence = f"قال المتحدث {SCRIPT} إن «{IMG}» هاجم مواقع في الرقة"
    text = f"{evidence}.\nوأضاف أن القتال مستمر."
    doc = Document(doc_id="hostile-002", text=text, title=f"عنوان {IMG}", outlet=SCRIPT,
                   published="2018-03-25")
    event = Event("e1", "Battles", "Armed clash", agents=(ACTOR_ID,), targets=("isis",), place="raqqa",
                  time=TimeValue("2018-03-24", "day"), reported_by=("xss-spokesman",),
                  evidence=evidence, evidence_span=doc.span(0, len(evidence)), confidence=0.8)
    isis = Entity("isis", "actor", "ArmedGroup", "Islamic State (ISIS)", names=("داعش",))
    rel = Relation("CONTROLS", ACTOR_ID, "raqqa", time=TimeValue("2018-03-24", "day"), evidence=evidence,
                   evidence_span=doc.span(0, len(evidence)))
    return [Extraction(doc_id=doc.doc_id, published=doc.published, title=doc.title, outlet=doc.outlet,
                       content_hash=doc.content_hash, entities=(brigade, spokesman, raqqa, isis),
                       events=(event,), relations=(rel,))]


def load_corpus(driver: Any, database: str) -> None:
    """Ingest the samples and ``hostile.jsonl`` with the real pipeline, then the hostile extraction."""
    from loaders.neo4j.loader import GraphLoader
    from loaders.pipeline import ingest

    summary = ingest([SAMPLES, HOSTILE], GraphLoader(driver, database))
    assert summary.failed == 0, summary
    GraphLoader(driver, database).load(hostile_extractions())
