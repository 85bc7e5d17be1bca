"""Reading and writing ``token TAG`` files (CoNLL style, as ANERcorp ships).

One token a line, its tag after the last space (the tag is optional),
sentences separated by blank lines.

Examples
--------
>>> import io
>>> sents = list(read_conll(io.StringIO("بشار B-PERS\\nالأسد I-PERS\\n\\nقال\\n")))
>>> sents
[[('بشار', 'B-PERS'), ('الأسد', 'I-PERS')], [('قال', '')]]
>>> out = io.StringIO()
>>> write_conll([[t for t, _ in s] for s in sents], [["B-PERS", "I-PERS"], ["O"]], out)
>>> out.getvalue()
'بشار B-PERS\\nالأسد I-PERS\\n\\nقال O\\n\\n'
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

__all__ = ["read_conll", "write_conll"]

_TAG_PREFIXES = ("B-", "I-")


def _split(line: str) -> tuple[str, str]:
    parts = line.split()
    if len(parts) >= 2 and (parts[-1] == "O" or parts[-1].startswith(_TAG_PREFIXES)):
        return " ".join(parts[:-1]), parts[-1]
    return " ".join(parts), ""


def read_conll(source: str | Path | TextIO) -> Iterator[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` from a path or an open text file.

    A line whose last field is not a BIO tag (``O``, ``B-…``, ``I-…``) is a
    token with no tag (``""``). Leading blank lines and runs of blank lines
    make no empty sentences.

    Parameters
    ----------
    source : str, Path or text file
        Where to read from (UTF-8 when a path).

    Yields
    ------
    list of (str, str)
        One sentence.
    """
    with ExitStack() as stack:
        f: TextIO
        if isinstance(source, str | Path):
            f = stack.enter_context(Path(source).open(encoding="utf-8"))
        else:
            f = source
        cur: list[tuple[str, str]] = []
        for line in f:
            if not line.strip():
                if cur:
                    yield cur
                cur = []
                continue
            cur.append(_split(line))
        if cur:
            yield cur


def write_conll(
    sentences: Iterable[Sequence[str]], tags: Iterable[Sequence[str]], out: str | Path | TextIO
) -> None:
    """Write ``token TAG`` lines, a blank line after each sentence.

    Parameters
    ----------
    sentences : iterable of sequences of str
        Tokens, sentence by sentence.
    tags : iterable of sequences of str
        One tag per token, sentence by sentence.
    out : str, Path or text file
        Where to write (UTF-8 when a path).

    Raises
    ------
    ValueError
        When a sentence and its tags differ in length.
    """
    buf = io.StringIO()
    for toks, tg in zip(sentences, tags, strict=True):
        if len(toks) != len(tg):
            raise ValueError(f"{len(toks)} tokens but {len(tg)} tags")
        for tok, tag in zip(toks, tg, strict=True):
            buf.write(f"{tok} {tag}\n")
        buf.write("\n")
    if isinstance(out, str | Path):
        Path(out).write_text(buf.getvalue(), encoding="utf-8")
    else:
        out.write(buf.getvalue())
