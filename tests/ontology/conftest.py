"""Fixtures for the ontology tests: the parsed ontology and shapes (parsed once per session)."""

from __future__ import annotations

import pytest
from rdflib import Graph

from loaders.rdf.vocab import ONTOLOGY_PATH, SHAPES_PATH


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """``ontology/rasd.ttl``, parsed."""
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """``ontology/shapes.ttl``, parsed."""
    return Graph().parse(SHAPES_PATH, format="turtle")
