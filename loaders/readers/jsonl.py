"""JSON Lines articles (``.jsonl``, ``.jsonl.gz``), streamed one line at a time.

Each line is an object with ``text`` and optionally ``doc_id``, ``title``,
``outlet``, ``published`` (``YYYY-MM-DD`` or an ISO datetime), ``url``;
other fields (``source``, ``category``, ``abstract``, ...) are ignored. The
document's ``source`` is ``"path:LINE"``.

A line that cannot become a :class:`~kg.model.Document` (invalid JSON, no
text, a bad date, ...) yields a :class:`~loaders.readers.records.ReadError`
for that line and reading goes on. A missing ``doc_id`` is replaced by
:func:`~loaders.readers.records.content_id`. Blank lines are skipped.

Encodings: a file that starts with a UTF-16 or UTF-32 byte order mark is
decoded as a whole; otherwise each line is tried as UTF-8 and, failing that,
goes through :func:`~loaders.readers.encoding.decode_line` on its own, so
one file may mix encodings line by line.

A truncated or corrupt gzip stream yields the lines read so far, then one
:class:`~loaders.readers.records.ReadError` for the file.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     p = Path(d, "n.jsonl")
...     _ = p.write_text('{"doc_id": "n1", "text": "نص"}\\n{"doc_id": "n2", "text": ""}\\n', "utf-8")
...     [(r.doc_id, getattr(r, "reason", "ok")) for r in read_jsonl(p)]
[('n1', 'ok'), ('n2', 'empty text')]
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Final, cast

from loaders.readers.encoding import DecodeError, decode_line
from loaders.readers.files import os_error_reason
from loaders.readers.records import ReadError, ReadResult, make_document

__all__ = ["parse_record", "read_jsonl"]

_WIDE_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def parse_record(obj: Any, *, source: str) -> ReadResult:
    """One :class:`~kg.model.Document` from a parsed JSON record.

    Parameters
    ----------
    obj : Any
        What ``json.loads`` returned for the line.
    source : str
        ``"path:LINE"``.

    Returns
    -------
    Document or ReadError

    Examples
    --------
    >>> parse_record({"doc_id": "x", "text": "هدوء حذر", "published": "2018-04-31"}, source="f:1")
    ReadError(source='f:1', doc_id='x', reason="published '2018-04-31' is not a valid date")
    >>> parse_record({"doc_id": "y", "text": 5}, source="f:2").reason
    'text is not a string (got int)'
    """
    if not isinstance(obj, dict):
        return ReadError(source, None, f"the line is a JSON {type(obj).__name__}, not an object")
    raw_id = obj.get("doc_id")
    doc_id: str | None
    if raw_id is None or raw_id == "":
        doc_id = None
    elif isinstance(raw_id, str):
        doc_id = raw_id.strip() or None
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        return ReadError(source, None, f"doc_id is not a string (got {type(raw_id).__name__})")
    text = obj.get("text")
    if text is None:
        return ReadError(source, doc_id, "missing text")
    if not isinstance(text, str):
        return ReadError(source, doc_id, f"text is not a string (got {type(text).__name__})")
    return make_document(
        doc_id=doc_id,
        text=text,
        source=source,
        title=obj.get("title"),
        outlet=obj.get("outlet"),
        published=obj.get("published"),
        url=obj.get("url"),
    )


def _parse_line(raw: bytes | str, lineno: int, path: str) -> ReadResult | None:
    source = f"{path}:{lineno}"
    if isinstance(raw, bytes):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            return None
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line = decode_line(raw).text
            except DecodeError as exc:
                return ReadError(source, None, f"line {lineno}: {exc.reason}")
    else:
        line = raw
        if not line.strip():
            return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(source, None, f"invalid JSON at line {lineno}: {exc.msg}")
    except RecursionError:
        return ReadError(source, None, f"invalid JSON at line {lineno}: nested too deeply")
    return parse_record(obj, source=source)


def _lines(fh: IO[bytes]) -> Iterator[bytes | str]:
    """Binary lines, or text lines when the stream starts with a UTF-16/32 BOM."""
    head = fh.read(4)
    fh.seek(0)
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return iter(io.TextIOWrapper(fh, encoding=encoding, newline=None))
    return iter(fh)


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    """The documents of a ``.jsonl`` or ``.jsonl.gz`` file, one line at a time.

    Parameters
    ----------
    path : Path
        The file; gzip when its name ends in ``.gz``.

    Yields
    ------
    Document or ReadError
        One per non-blank line, then possibly one for a broken gzip stream;
        a single ``ReadError`` when the file cannot be opened.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "n.jsonl.gz")
    ...     with gzip.open(p, "wt", encoding="utf-8") as fh:
    ...         _ = fh.write('{"text": "نص"}\\n{"text": \\n')
    ...     [r.reason if isinstance(r, ReadError) else r.doc_id for r in read_jsonl(p)]
    ['sha256:9fae88678be47922', 'invalid JSON at line 2: Expecting value']
    """
    name = str(path)
    lineno = 0
    count = 0
    with contextlib.ExitStack() as stack:
        try:
            fh = stack.enter_context(_open(path))
        except OSError as exc:
            yield ReadError(name, None, os_error_reason(exc))
            return
        try:
            lines = _lines(fh)
        except (EOFError, OSError, zlib.error) as exc:
            yield ReadError(name, None, _stream_reason(exc, 0))
            return
        while True:
            try:
                raw = next(lines)
            except StopIteration:
                break
            except (EOFError, OSError, zlib.error, UnicodeDecodeError) as exc:
                yield ReadError(name, None, _stream_reason(exc, lineno))
                return
            lineno += 1
            result = _parse_line(raw, lineno, name)
            if result is not None:
                count += 1
                yield result
    if count == 0:
        yield ReadError(name, None, "empty file (no JSON lines)")


def _stream_reason(exc: BaseException, lineno: int) -> str:
    where = f"after line {lineno}" if lineno else "at the start"
    if isinstance(exc, EOFError):
        return f"gzip data is truncated {where}"
    if isinstance(exc, gzip.BadGzipFile) and lineno == 0:
        return "not a gzip file"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"corrupt gzip data {where}: {exc}"
    if isinstance(exc, UnicodeDecodeError):
        return f"text not decodable as {exc.encoding} {where}"
    if isinstance(exc, OSError):
        return f"{os_error_reason(exc)} {where}"
    return f"{exc} {where}"
