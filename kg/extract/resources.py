"""Reading the extractor's data files (``kg/data/``) as installed package resources.

The files are JSON Lines: one JSON object a line; blank lines and lines
starting with ``#`` are skipped. They are read with :mod:`importlib.resources`
so that an installed package (wheel, zip) works as well as a checkout.

>>> rows = read_jsonl("months.jsonl")
>>> rows[0]["month"], len(rows)
(1, 12)
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["DataError", "parse_jsonl", "read_jsonl", "read_lines"]


class DataError(ValueError):
    """A data file under ``kg/data/`` is malformed (the message names file and line)."""


def parse_jsonl(text: str, source: str) -> list[dict[str, Any]]:
    """Parse JSON Lines text into a list of objects.

    Parameters
    ----------
    text : str
        The file's content.
    source : str
        A name for messages (``gazetteer/actors.jsonl``).

    Returns
    -------
    list of dict
        One dict per non-blank, non-comment line, each with the key
        ``"_line"`` added (its 1-based line number).

    Raises
    ------
    DataError
        When a line is not a JSON object.

    Examples
    --------
    >>> parse_jsonl('{"a": 1}\\n\\n# note\\n{"a": 2}\\n', "x.jsonl")
    [{'a': 1, '_line': 1}, {'a': 2, '_line': 4}]
    """
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{source}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise DataError(f"{source}:{n}: expected a JSON object")
        obj["_line"] = n
        rows.append(obj)
    return rows


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """Read ``kg/data/<name>`` (a path relative to ``kg/data``) as JSON Lines.

    Parameters
    ----------
    name : str
        E.g. ``"triggers.jsonl"`` or ``"gazetteer/places.jsonl"``.

    Returns
    -------
    list of dict
        As :func:`parse_jsonl`.
    """
    path = resources.files("kg").joinpath("data", *name.split("/"))
    return parse_jsonl(path.read_text(encoding="utf-8"), name)


def read_lines(name: str) -> list[str]:
    """Read ``kg/data/<name>`` as a word list: one entry per line, ``#`` comments and blanks skipped.

    >>> "جمال" in read_lines("persons/given_names.txt")
    True
    """
    path = resources.files("kg").joinpath("data", *name.split("/"))
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]
