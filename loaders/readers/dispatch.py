"""Reading one file: choosing the reader from the extension and, for text files, the content.

===============  ==========================================================
extension        reader
===============  ==========================================================
``.jsonl``       :func:`~loaders.readers.jsonl.read_jsonl` (also ``.jsonl.gz``)
``.txt``         TREC (:mod:`~loaders.readers.trec`) when the text starts
                 with ``<DOC>``, else plain text (:mod:`~loaders.readers.plaintext`)
``.trec``        TREC
``.xml``         TREC when it starts with ``<DOC>``, else a ``ReadError``
``.html``        HTML (:mod:`~loaders.readers.html`), also ``.htm``
anything else    a ``ReadError`` ("unsupported file type")
===============  ==========================================================

Text files are read whole and decoded with
:func:`~loaders.readers.encoding.decode_bytes`; JSONL files stream.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     p = Path(d, "doc-7.txt")
...     _ = p.write_bytes("عنوان\\nمتن الخبر".encode("cp1256"))
...     [doc] = read_file(p)
>>> doc.doc_id, doc.title, doc.text
('doc-7', 'عنوان', 'متن الخبر')
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from loaders.readers.clean import clean
from loaders.readers.encoding import DecodeError, decode_bytes
from loaders.readers.files import os_error_reason, read_bytes
from loaders.readers.html import declared_charset, parse_html
from loaders.readers.jsonl import read_jsonl
from loaders.readers.plaintext import parse_plaintext
from loaders.readers.records import ReadError, ReadResult
from loaders.readers.trec import looks_like_trec, parse_trec

__all__ = ["SUPPORTED_SUFFIXES", "read_file"]

_TEXT_SUFFIXES: Final = frozenset({".txt", ".trec", ".xml", ".html", ".htm"})
#: File name endings :func:`read_file` reads.
SUPPORTED_SUFFIXES: Final = (".jsonl", ".jsonl.gz", *sorted(_TEXT_SUFFIXES))


def read_file(path: Path) -> Iterator[ReadResult]:
    """The documents of one file (see the module docstring for the formats).

    Parameters
    ----------
    path : Path
        A regular file.

    Yields
    ------
    Document or ReadError
        Never raises for bad content or an unreadable file.

    Examples
    --------
    >>> list(read_file(Path("scan.pdf")))
    [ReadError(source='scan.pdf', doc_id=None, reason="unsupported file type '.pdf'")]
    """
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        yield from read_jsonl(path)
        return
    suffix = path.suffix.lower()
    source = str(path)
    if suffix not in _TEXT_SUFFIXES:
        kind = f"'{suffix}'" if suffix else "(no extension)"
        yield ReadError(source, None, f"unsupported file type {kind}")
        return
    is_html = suffix in (".html", ".htm")
    doc_id = path.stem
    try:
        data = read_bytes(path)
        text = decode_bytes(data, hint=declared_charset(data) if is_html else None).text
    except OSError as exc:
        yield ReadError(source, None, os_error_reason(exc))
        return
    except DecodeError as exc:
        yield ReadError(source, None, exc.reason)
        return
    if not clean(text).strip():
        yield ReadError(source, None, "empty text")
    elif suffix == ".trec" or (suffix in (".txt", ".xml") and looks_like_trec(text)):
        yield from parse_trec(text, path=source)
    elif suffix == ".xml":
        yield ReadError(source, None, "XML that is not TREC-style (<DOC>) is not supported")
    elif is_html:
        yield parse_html(text, doc_id=doc_id, source=source)
    else:
        yield parse_plaintext(text, doc_id=doc_id, source=source)
