"""Constraints and indexes from ``cypher/schema.cypher``, applied idempotently.

Schema creation is an explicit call (``apply_schema``), never a side effect
of importing a module or opening a connection.
"""

from __future__ import annotations

from neo4j import Driver

from loaders.neo4j.queries import load_query, split_statements

__all__ = ["apply_schema", "schema_statements"]


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, in order."""
    return list(split_statements(load_query("schema")))


def apply_schema(driver: Driver, database: str) -> int:
    """Create every constraint and index that does not exist yet; return how many statements ran.

    Each statement is ``IF NOT EXISTS``, so a second call changes nothing.
    Waits until the indexes are online before returning.
    """
    statements = split_statements(load_query("schema"))
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(statements)
