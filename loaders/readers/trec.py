"""TREC-style article files: ``<DOC><DOCNO>…</DOCNO> … <TEXT>…</TEXT></DOC>``, one or more a file.

The ANT corpus ships its articles this way, with the tags ``DOCNO``, ``URL``,
``SRC`` (outlet), ``CAT``, ``TITLE``, ``TIME`` (an RFC 2822 date such as
``Sun, 18 Feb 2018 21:35:43 +0400``), ``AUTHOR``, ``ABSTRACT`` and ``TEXT``.
Field contents are not XML-escaped, so the file is taken apart with regular
expressions, not an XML parser: each field is the text up to its own closing
tag, and a ``<DOC>`` without ``</DOC>`` ends where the next ``<DOC>`` (or the
file) does.

What a document becomes (matching the ``ant-2018.jsonl.gz`` record of the
same article): ``doc_id`` = ``prefix + DOCNO`` (prefix ``"ant:"``),
``outlet`` = ``SRC``, ``title`` = ``TITLE``, ``url`` = ``URL``,
``published`` = the date of ``TIME`` as written (its offset ignored),
``text`` = ``TEXT``. ``source`` is ``"path:LINE"``, the line of its ``<DOC>``.

>>> trec = '''<DOC>
... <DOCNO>XX-1</DOCNO>
... <SRC>skynews</SRC>
... <TITLE>عنوان الخبر</TITLE>
... <TIME>Sat, 17 Mar 2018 23:10:00 +0300</TIME>
... <TEXT>
... نص الخبر هنا.
... </TEXT>
... </DOC>'''
>>> [doc] = parse_trec(trec, path="f.txt")
>>> doc.doc_id, doc.outlet, doc.published, doc.text, doc.source
('ant:XX-1', 'skynews', '2018-03-17', 'نص الخبر هنا.', 'f.txt:1')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from loaders.readers.records import ReadError, ReadResult, make_document

__all__ = ["DEFAULT_PREFIX", "looks_like_trec", "parse_trec", "trec_date"]

#: Prefix of TREC doc ids in our corpora (``../shared/eval/SCHEMA.md``).
DEFAULT_PREFIX: Final = "ant:"

_DOC: Final = re.compile(r"<DOC>(.*?)(?:</DOC>|(?=<DOC>)|\Z)", re.S | re.I)
_FIELD: Final = re.compile(
    r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1\s*>", re.S | re.I
)
_MONTHS: Final = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_RFC_DATE: Final = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{4})")
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def looks_like_trec(text: str) -> bool:
    """Whether decoded text starts (after whitespace or a BOM) with ``<DOC>``.

    >>> looks_like_trec("\\ufeff\\n <DOC>\\n<DOCNO>1</DOCNO>")
    True
    >>> looks_like_trec("<!DOCTYPE html>")
    False
    """
    return text.lstrip("\ufeff \t\r\n").upper().startswith("<DOC>")


def trec_date(value: str) -> str:
    """The date of a TREC ``TIME`` as ``YYYY-MM-DD``, as written; the value itself if unreadable.

    An unreadable value is returned unchanged so that the date check reports it.

    >>> trec_date("Thu, 08 Mar 2018 23:29:10 GMT")
    '2018-03-08'
    >>> trec_date("31 Feb 2018")
    '2018-02-31'
    >>> trec_date("2018-03-08T10:00:00Z")
    '2018-03-08'
    """
    m = _RFC_DATE.search(value)
    if m and m[2].lower() in _MONTHS:
        return f"{m[3]}-{_MONTHS[m[2].lower()]:02d}-{int(m[1]):02d}"
    iso = _ISO_DATE.search(value)
    return iso.group() if iso else value.strip()


def parse_trec(text: str, *, path: str, prefix: str = DEFAULT_PREFIX) -> Iterator[ReadResult]:
    """The documents of a TREC-style file, in file order.

    Parameters
    ----------
    text : str
        The decoded file content.
    path : str
        The file's path (for ``source``).
    prefix : str
        Put before each ``DOCNO`` to make the ``doc_id``.

    Yields
    ------
    Document or ReadError
        One per ``<DOC>``; a ``<DOC>`` without ``DOCNO`` or ``TEXT``, or with
        a bad ``TIME``, is a :class:`~loaders.readers.records.ReadError`.

    Examples
    --------
    >>> two = "<DOC><DOCNO>A</DOCNO><TEXT>نص أول</TEXT></DOC>\\n<DOC><DOCNO>B</DOCNO></DOC>"
    >>> [getattr(r, "reason", r.doc_id) for r in parse_trec(two, path="t.trec")]
    ['ant:A', 'missing TEXT']
    """
    found = False
    for m in _DOC.finditer(text):
        found = True
        source = f"{path}:{text.count(chr(10), 0, m.start()) + 1}"
        fields: dict[str, str] = {}
        for f in _FIELD.finditer(m.group(1)):
            fields.setdefault(f.group(1).upper(), f.group(2))
        docno = fields.get("DOCNO", "").strip()
        if not docno:
            yield ReadError(source, None, "TREC document without DOCNO")
            continue
        doc_id = prefix + docno
        if "TEXT" not in fields:
            yield ReadError(source, doc_id, "missing TEXT")
            continue
        time = fields.get("TIME", "").strip()
        yield make_document(
            doc_id=doc_id,
            text=fields["TEXT"],
            source=source,
            title=fields.get("TITLE"),
            outlet=fields.get("SRC"),
            url=fields.get("URL"),
            published=trec_date(time) if time else None,
        )
    if not found:
        yield ReadError(path, None, "no <DOC> element in a TREC-style file")
