"""Cypher text lives in ``cypher/*.cypher``; this module loads it by name.

Each file starts with a header comment (purpose, parameters, example) and is
runnable unchanged in cypher-shell. Data reaches Cypher only as parameters:
the text is read from the repository, never assembled from values.

Examples
--------
>>> "UNWIND $rows" in load_query("merge_articles")
True
>>> sorted(query_parameters(load_query("article_hashes")))
['ids']
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import LiteralString, cast

__all__ = ["CYPHER_DIR", "QueryNotFound", "load_query", "query_names", "query_parameters",
           "split_statements"]

#: Where the named queries live: ``$RASD_CYPHER_DIR`` or ``cypher/`` at the project root.
CYPHER_DIR = Path(os.environ.get("RASD_CYPHER_DIR", Path(__file__).resolve().parents[2] / "cypher"))

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"//[^\n]*")


class QueryNotFound(LookupError):
    """No ``cypher/NAME.cypher`` file."""


def query_names() -> list[str]:
    """Names of all queries in :data:`CYPHER_DIR`, sorted."""
    return sorted(p.stem for p in CYPHER_DIR.glob("*.cypher"))


@cache
def load_query(name: str) -> LiteralString:
    """The text of ``cypher/NAME.cypher`` (cached).

    The text is typed ``LiteralString`` once, here: it comes from a file in
    the repository, never from data.
    """
    if not _NAME.match(name):
        raise QueryNotFound(f"not a query name: {name!r}")
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        known = ", ".join(query_names()) or "none"
        raise QueryNotFound(f"no query named {name!r} in {CYPHER_DIR} (known: {known})")
    text: LiteralString = path.read_text(encoding="utf-8")  # the repository's own file, not data
    return text


def strip_comments(text: str) -> str:
    """Cypher text without ``//`` comments (string literals here never contain ``//``)."""
    return _COMMENT.sub("", text)


def query_parameters(text: str) -> set[str]:
    """Names of the ``$parameters`` a query uses (comments ignored).

    >>> sorted(query_parameters("MATCH (n {id: $id}) // $not_this\\nRETURN $limit"))
    ['id', 'limit']
    """
    return set(_PARAM.findall(strip_comments(text)))


def split_statements(text: str) -> list[LiteralString]:
    """Statements of a multi-statement file (``;`` at line end), comments removed.

    >>> split_statements("// c\\nCREATE (a);\\nCREATE (b);\\n")
    ['CREATE (a)', 'CREATE (b)']
    """
    body = strip_comments(text)
    parts = [p.strip() for p in re.split(r";\s*(?:\n|$)", body)]
    return [cast(LiteralString, p) for p in parts if p]
