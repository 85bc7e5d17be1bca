"""Two ``kg ingest`` processes at once on overlapping inputs end with the graph of one process.

The corpus is split into three parts; process A ingests ``p2 p1`` and process B
``p2 p3`` at the same moment, so both start on the same 70 documents. One
process ingesting ``p1 p2 p3`` is the reference. Writers are serialized by the
ingest lock (``cypher/ingest_lock.cypher``): the cross-article merge reads its
candidates and writes in one transaction, which must not interleave with
another writer's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from loaders.neo4j.ledger import read_ledger
from tests.loaders.fault_helpers import CORPUS, OwnServer, finish, kg, kg_env, own_server, run_kg

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnServer]:
    srv = own_server(tmp_path_factory.mktemp("concurrency-neo4j"))
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    lines = [ln for ln in CORPUS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    third = len(lines) // 3
    folder = tmp_path_factory.mktemp("parts")
    out = []
    for i, chunk in enumerate((lines[:third], lines[third:2 * third], lines[2 * third:]), 1):
        path = folder / f"p{i}.jsonl"
        path.write_text("\n".join(chunk) + "\n", encoding="utf-8")
        out.append(path)
    return out


def _ingest(paths: list[Path]) -> list[str]:
    return ["ingest", *map(str, paths), "--batch-size", "10", "--no-start"]


def test_two_overlapping_ingests_equal_one(server: OwnServer, parts: list[Path]) -> None:
    p1, p2, p3 = parts
    server.wipe()
    one = run_kg(_ingest([p1, p2, p3]), kg_env(server.uri))
    assert one.rc == 0, one.stderr[-3000:]
    reference = server.fingerprint()
    expected = len({json.loads(ln)["doc_id"] for p in parts for ln in p.read_text().splitlines()})

    server.wipe()
    a = kg(_ingest([p2, p1]), kg_env(server.uri))
    b = kg(_ingest([p2, p3]), kg_env(server.uri))
    ra, rb = finish(a), finish(b)
    assert ra.rc == 0, ra.stderr[-3000:]
    assert rb.rc == 0, rb.stderr[-3000:]
    assert "Traceback" not in ra.stderr + rb.stderr
    assert server.duplicates() == 0
    assert server.driver is not None
    assert len(read_ledger(server.driver, "neo4j")) == expected
    assert server.q("MATCH (l:IngestLock) RETURN count(l) AS n")[0]["n"] == 0  # bookkeeping only
    assert server.fingerprint() == reference
