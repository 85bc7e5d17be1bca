"""Fixtures of the explorer tests: the test Neo4j holding the samples and the hostile articles."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.corpus import load_corpus


@pytest.fixture()
def explorer_graph(neo4j_env: Any) -> Any:
    """The test database with the explorer corpus, and NEO4J_URI pointing at it."""
    load_corpus(neo4j_env.driver, neo4j_env.database)
    return neo4j_env
