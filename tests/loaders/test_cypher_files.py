"""Every named query: a header, parsable parameters, and the parameters the code sends."""

from __future__ import annotations

import re

import pytest

from kg.model import Document, Entity, Event, Extraction, Relation, TimeValue
from loaders.neo4j.queries import CYPHER_DIR, QueryNotFound, load_query, query_names, query_parameters
from loaders.neo4j.rows import rows_for

ROW_QUERIES = {
    "merge_articles": "articles",
    "merge_entities": "entities",
    "merge_mentions": "mentions",
    "merge_events": "events",
    "merge_event_roles": "roles",
    "merge_claims": "claims",
}


def test_every_query_file_has_a_header() -> None:
    names = query_names()
    assert "schema" in names and len(names) >= 10
    for name in names:
        text = load_query(name)
        assert text.startswith(f"// {name} — "), name
        assert "Parameters:" in text and "Example:" in text, name


def test_unknown_query_names_are_refused() -> None:
    with pytest.raises(QueryNotFound):
        load_query("../etc/passwd")
    with pytest.raises(QueryNotFound):
        load_query("no_such_query")


def test_queries_use_parameters_not_formatting() -> None:
    for path in CYPHER_DIR.glob("*.cypher"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\{[a-z_]+\}", re.sub(r"//[^\n]*", "", text).replace("{}", "")), path


def _sample_rows() -> object:
    doc = Document(doc_id="d", text="داعش في البوكمال", published="2018-03-01")
    ext = Extraction(
        doc_id="d", published="2018-03-01", content_hash=doc.content_hash,
        entities=(Entity("isis", "actor", "ArmedGroup", "ISIS", mentions=(doc.span(0, 4),)),
                  Entity("b", "place", "City", "B")),
        events=(Event("e1", "Battles", "Armed clash", agents=("isis",), place="b",
                      time=TimeValue("2018-03", "month"), reported_by=("isis",)),),
        relations=(Relation("CONTROLS", "isis", "b"),),
    )
    return rows_for([ext], ingested_at="2026-01-01T00:00:00Z")


@pytest.mark.parametrize(("query", "attr"), sorted(ROW_QUERIES.items()))
def test_row_keys_match_query_parameters(query: str, attr: str) -> None:
    rows = getattr(_sample_rows(), attr)
    assert rows, attr
    text = load_query(query)
    assert query_parameters(text) == {"rows"}
    used = set(re.findall(r"\brow\.([a-z_]+)", re.sub(r"//[^\n]*", "", text)))
    assert used <= set(rows[0]), (query, used - set(rows[0]))


def test_refresh_relation_keys_match() -> None:
    keys = _sample_rows().relation_keys  # type: ignore[attr-defined]
    text = load_query("refresh_relations")
    used = set(re.findall(r"\brow\.([a-z_]+)", re.sub(r"//[^\n]*", "", text)))
    assert used == set(keys[0])
