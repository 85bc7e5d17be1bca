"""Faults during a load: SIGKILL Neo4j, SIGKILL ``kg ingest``, a server that is down.

Every scenario loads ``../shared/corpus/syria-news.jsonl`` with the same command
(``kg ingest CORPUS --batch-size 10``, 21 write transactions) into a Neo4j of
this module's own, kills something at a chosen point, restarts what was killed,
runs the same command again and compares the graph with a clean load:
fingerprint over every node and relationship with its properties (record time
``ingested_at`` set to one value first: a re-run writes later by design), and no
element twice. Kill points are "at least K articles committed, and a write
transaction is inside the named query right now" (read from ``SHOW
TRANSACTIONS``), so the kills land inside transactions, not between them.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from loaders.neo4j.ledger import compare, read_ledger
from tests.loaders.fault_helpers import (
    CORPUS,
    OwnServer,
    assert_clean_failure,
    finish,
    free_port,
    kg,
    kg_env,
    kill_group,
    own_server,
    run_kg,
    wait_for_kill_point,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

COMMAND = ["ingest", str(CORPUS), "--batch-size", "10", "--no-start"]
LOADER_QUERIES = ("ingest_lock", "article_hashes", "merge_articles", "merge_entities", "merge_mentions",
                  "report_candidates", "merge_events", "merge_event_roles", "merge_claims",
                  "refresh_events", "refresh_relations", "period_claims", "merge_periods")
RESULTS: list[dict[str, object]] = []


def _corpus_ids() -> list[str]:
    with CORPUS.open(encoding="utf-8") as f:
        return [json.loads(line)["doc_id"] for line in f if line.strip()]


def _corpus_hashes() -> list[tuple[str, str | None]]:
    from loaders.readers import read_paths

    return [(d.doc_id, d.content_hash) for d in read_paths([CORPUS]) if hasattr(d, "content_hash")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnServer]:
    srv = own_server(tmp_path_factory.mktemp("faults-neo4j"))
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()
        if RESULTS:
            print("\nkill points:", json.dumps(RESULTS, indent=1))


@pytest.fixture(scope="module")
def clean(server: OwnServer) -> dict[str, object]:
    """The reference: one uninterrupted load, its fingerprint and its ledger."""
    server.wipe()
    started = time.perf_counter()
    result = run_kg(COMMAND, kg_env(server.uri))
    assert result.rc == 0, result.stderr[-3000:]
    assert server.driver is not None
    ledger = {e.doc_id: e for e in read_ledger(server.driver, "neo4j")}
    assert sorted(ledger) == sorted(set(_corpus_ids()))
    assert compare({k: e.content_hash for k, e in ledger.items()}, _corpus_hashes()).complete
    assert server.duplicates() == 0
    return {"fingerprint": server.fingerprint(), "ledger": ledger,
            "seconds": time.perf_counter() - started}


def _check_partial_ledger(server: OwnServer, clean: dict[str, object]) -> int:
    """After a crash: what the ledger lists is committed whole (same mentions and claims as clean)."""
    assert server.driver is not None
    entries = read_ledger(server.driver, "neo4j")
    reference = clean["ledger"]
    assert isinstance(reference, dict)
    for e in entries:
        ref = reference[e.doc_id]
        assert (e.content_hash, e.source, e.mentions, e.claims) == (
            ref.content_hash, ref.source, ref.mentions, ref.claims), e.doc_id
    check = compare({e.doc_id: e.content_hash for e in entries}, _corpus_hashes())
    assert not check.changed
    assert len(check.committed) + len(check.missing) == len(reference)
    return len(entries)


def _start_at_kill_point(server: OwnServer, env: dict[str, str], after: int,
                         during: tuple[str, ...], attempts: int = 4) -> subprocess.Popen[str]:
    """Start the load on an empty graph and return once it is at the kill point.

    The point is seen by polling ``SHOW TRANSACTIONS``; on a fast machine a short
    transaction can slip between two polls and the load ends first. Then the load
    is started again from an empty graph, up to ``attempts`` times.
    """
    for _ in range(attempts):
        server.wipe()
        proc = kg(COMMAND, env)
        try:
            if wait_for_kill_point(proc, server, after, during):
                return proc
        except BaseException:
            kill_group(proc)
            raise
        finish(proc)
    pytest.fail(f"the load ended before the kill point ({after}, {during}) {attempts} times")


def _finish_and_compare(server: OwnServer, clean: dict[str, object], point: dict[str, object]) -> None:
    rerun = run_kg(COMMAND, kg_env(server.uri))
    assert rerun.rc == 0, rerun.stderr[-3000:]
    identical = server.fingerprint() == clean["fingerprint"]
    point.update(identical=identical, duplicates=server.duplicates())
    RESULTS.append(point)
    assert identical, point
    assert point["duplicates"] == 0


@pytest.mark.parametrize(("after", "during"), [
    (0, ("merge_mentions", "report_candidates", "merge_events")),  # inside the first transaction
    (60, ("merge_events", "merge_event_roles", "refresh_events")),
    (150, ("merge_claims", "refresh_events", "refresh_relations", "period_claims", "delete_periods",
           "merge_periods")),
])
def test_sigkill_ingest_process_then_rerun_equals_clean_load(
        server: OwnServer, clean: dict[str, object], after: int, during: tuple[str, ...]) -> None:
    proc = _start_at_kill_point(server, kg_env(server.uri), after, during)
    kill_group(proc)
    finish(proc)
    time.sleep(0.5)  # the server rolls back the killed client's open transaction
    committed = _check_partial_ledger(server, clean)
    point = {"kill": "kg ingest (SIGKILL)", "after_articles": after, "during": list(during),
             "committed_before_rerun": committed}
    _finish_and_compare(server, clean, point)


@pytest.mark.parametrize(("after", "during"), [
    (0, ("merge_entities", "merge_mentions", "report_candidates", "merge_events")),
    (100, ("merge_events", "merge_event_roles", "merge_claims", "refresh_events", "refresh_relations")),
])
def test_sigkill_neo4j_then_restart_and_rerun_equals_clean_load(
        server: OwnServer, clean: dict[str, object], after: int, during: tuple[str, ...]) -> None:
    proc = _start_at_kill_point(server, kg_env(server.uri, RASD_NEO4J_RETRY_S="2"), after, during)
    try:
        server.kill()
    except BaseException:
        kill_group(proc)
        raise
    result = finish(proc, timeout=180)
    assert_clean_failure(result)  # one line: lost Neo4j …, re-run the same command
    assert "re-run the same command" in result.stderr
    server.start()  # recovery from the transaction log
    committed = _check_partial_ledger(server, clean)
    point = {"kill": "Neo4j (SIGKILL), kg gave up", "after_articles": after, "during": list(during),
             "committed_before_rerun": committed}
    _finish_and_compare(server, clean, point)


def test_sigkill_neo4j_restart_while_client_retries(server: OwnServer, clean: dict[str, object]) -> None:
    """The driver retries the batch with back-off while Neo4j restarts; the run then finishes."""
    server.wipe()
    proc = kg(COMMAND, kg_env(server.uri, RASD_NEO4J_RETRY_S="240"))
    try:
        assert wait_for_kill_point(proc, server, 30, ("report_candidates", "merge_events"))
        server.kill()
        server.start()
    except BaseException:
        kill_group(proc)
        raise
    result = finish(proc, timeout=400)
    assert "Traceback" not in result.stderr, result.stderr[-4000:]
    point: dict[str, object] = {"kill": "Neo4j (SIGKILL), restarted while kg retried",
                                "after_articles": 30, "first_run_rc": result.rc}
    if result.rc != 0:  # the kill hit a commit in flight (IncompleteCommit is not retried)
        assert_clean_failure(result)
    _finish_and_compare(server, clean, point)


@pytest.mark.parametrize("command", [["stats"], ["ingest", "samples", "--no-start"], ["schema"]])
def test_down_server_gives_one_clear_line(command: list[str], tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"  # nothing listens there
    started = time.perf_counter()
    result = run_kg(command, kg_env(uri, RASD_NEO4J_CONNECT_S="1"), timeout=120)
    assert_clean_failure(result)
    assert f"Neo4j is not reachable at {uri}" in result.stderr
    assert time.perf_counter() - started < 60
