"""``--workers``: extraction in worker processes gives the same output, order and graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loaders.pipeline import extract_stream, ingest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus" / "syria-news.jsonl"


def _lines(paths: list[Path], workers: int) -> list[tuple[Any, str | None]]:
    return [(out, ext.to_json() if ext else None) for out, ext in extract_stream(paths, workers=workers)]


def test_parallel_extraction_equals_sequential(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "ok-1", "text": "داعش في البوكمال"}\n{not json\n', encoding="utf-8")
    paths = [SAMPLES, bad] + ([CORPUS] if CORPUS.exists() else [])
    one = _lines(paths, 1)
    assert any(out.status == "failed" for out, _ in one)  # bad input goes through the workers too
    assert _lines(paths, 2) == one


@pytest.mark.integration
def test_parallel_ingest_gives_the_same_graph(graph: Any) -> None:
    from loaders.neo4j.loader import GraphLoader
    from loaders.neo4j.stats import graph_fingerprint

    stamp = "2026-01-01T00:00:00Z"
    s1 = ingest([SAMPLES], GraphLoader(graph.driver, graph.database, ingested_at=stamp, batch_size=3))
    fp1 = graph_fingerprint(graph.driver, graph.database)
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    s2 = ingest([SAMPLES], GraphLoader(graph.driver, graph.database, ingested_at=stamp, batch_size=3),
                workers=2)
    assert graph_fingerprint(graph.driver, graph.database) == fp1
    assert (s2.ok, s2.failed, s2.skipped, s2.events) == (s1.ok, s1.failed, s1.skipped, s1.events)
