"""How the explorer reaches Neo4j: the environment, else a git-ignored ``.env`` file; a browsing user.

``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``
come from the environment or, for the ones it lacks, from ``.env`` in the
project root (``KEY=VALUE`` lines; git-ignored). When
``RASD_EXPLORER_USERNAME`` / ``RASD_EXPLORER_PASSWORD`` are set, the explorer
signs in as that user instead: give it a read-only role where the server has
roles (Neo4j Enterprise/Aura: the built-in ``reader``); Neo4j Community has no
roles, and there the READ access mode of every explorer query is the guard.
Secrets never reach the page: :func:`redact` masks them in messages.

>>> env = {"NEO4J_URI": "bolt://db:7687", "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "admin-pw",
...        "RASD_EXPLORER_USERNAME": "browser", "RASD_EXPLORER_PASSWORD": "read-pw"}
>>> s = settings(env, dotenv={})
>>> s.uri, s.user, s.password
('bolt://db:7687', 'browser', 'read-pw')
>>> redact("auth failed for browser/read-pw", [s.password])
'auth failed for browser/***'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from loaders.neo4j.connection import Neo4jSettings

__all__ = ["DOTENV", "read_dotenv", "redact", "settings"]

DOTENV = Path(__file__).resolve().parents[1] / ".env"
_KEYS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "RASD_EXPLORER_USERNAME",
         "RASD_EXPLORER_PASSWORD")


def read_dotenv(path: Path = DOTENV) -> dict[str, str]:
    """``KEY=VALUE`` lines of a ``.env`` file (comments, blanks and ``export`` allowed; quotes removed).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / ".env"
    >>> _ = p.write_text("# local\\nexport NEO4J_PASSWORD='s3 cret'\\nNEO4J_URI=bolt://x:7687\\nnonsense\\n")
    >>> read_dotenv(p)
    {'NEO4J_PASSWORD': 's3 cret', 'NEO4J_URI': 'bolt://x:7687'}
    >>> read_dotenv(p.parent / "missing")
    {}
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key.strip()] = value
    return out


def settings(env: Mapping[str, str] | None = None, *,
             dotenv: Mapping[str, str] | None = None) -> Neo4jSettings:
    """The explorer's connection: environment first, then ``.env``; the browsing user when given.

    >>> settings({"NEO4J_URI": "bolt://db:7687"}, dotenv={"NEO4J_PASSWORD": "pw"}).password
    'pw'
    """
    env = dict(os.environ if env is None else env)
    merged = {k: v for k, v in (read_dotenv() if dotenv is None else dotenv).items() if k in _KEYS}
    merged.update({k: v for k, v in env.items() if k in _KEYS})
    if merged.get("RASD_EXPLORER_USERNAME"):
        merged["NEO4J_USERNAME"] = merged["RASD_EXPLORER_USERNAME"]
        merged["NEO4J_PASSWORD"] = merged.get("RASD_EXPLORER_PASSWORD", "")
    return Neo4jSettings.from_env(merged)


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """The text with every non-empty secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
