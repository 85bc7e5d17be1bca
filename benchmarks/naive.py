"""The baseline of ``benchmarks/loader.py``: a naive loader, one ``MERGE`` per row.

Every row that :func:`loaders.neo4j.rows.rows_for` makes (article, entity,
mention, event report, role, claim) is sent as its own auto-commit statement
(``cypher/naive_*.cypher``, data as the ``$row`` parameter). No batching, no
content-hash skip, no cross-article event merging, no derived fields: the way a
first attempt would write the same extractions. Not used by the product.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import Driver

from kg.model import Extraction
from loaders.neo4j.queries import load_query
from loaders.neo4j.rows import rows_for

ORDER = (("naive_article", "articles"), ("naive_entity", "entities"),
         ("naive_mention", "mentions"), ("naive_event", "events"),
         ("naive_role", "roles"), ("naive_claim", "claims"))


def naive_load(driver: Driver, database: str, extractions: Iterable[Extraction],
               ingested_at: str = "2026-01-01T00:00:00Z") -> int:
    """Write every row with its own statement (auto-commit); return the number of statements."""
    exts = list(extractions)
    statements = 0
    with driver.session(database=database) as session:
        for ext in exts:  # one document at a time, as a naive per-document loop would
            rows = rows_for([ext], ingested_at=ingested_at)
            for query, attr in ORDER:
                text = load_query(query)
                row: dict[str, Any]
                for row in getattr(rows, attr):
                    session.run(text, row=row).consume()
                    statements += 1
    return statements
