"""What readers yield: a valid :class:`~kg.model.Document`, or a :class:`ReadError` saying why not.

Every reader builds its documents through :func:`make_document`, which
cleans the text (:func:`~loaders.readers.clean.clean`), checks the
publication date (:func:`parse_published`), derives a content id when the
source has none, and turns anything :class:`~kg.model.Document` would refuse
into a :class:`ReadError` instead of raising.

>>> doc = make_document(doc_id="a1", text="  قصف على دوما\\u200f ", published="2018-03-17T10:00:00Z",
...                     source="x.jsonl:3")
>>> doc.text, doc.published, doc.lang
('قصف على دوما', '2018-03-17', 'ar')
>>> make_document(doc_id="a2", text="\\u200b", source="x.jsonl:4")
ReadError(source='x.jsonl:4', doc_id='a2', reason='empty text')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Final, TypeAlias

from kg.model import Document, ModelError
from loaders.readers.clean import clean, detect_lang

__all__ = [
    "MAX_KEY_CHARS",
    "FieldError",
    "ReadError",
    "ReadResult",
    "content_id",
    "make_document",
    "parse_published",
]


@dataclass(frozen=True)
class ReadError:
    """A document, JSONL line or file that could not be read.

    Attributes
    ----------
    source : str
        The path, or ``"path:LINE"`` for one line of a JSONL file or one
        ``<DOC>`` of a TREC file.
    doc_id : str or None
        The document's id when it is known.
    reason : str
        One human sentence, e.g. ``"empty text"``.
    skipped : bool
        ``True`` for a file deliberately passed over (a file of another type
        inside a folder, such as a README): counted as skipped, not failed.

    Examples
    --------
    >>> str(ReadError("news.jsonl:7", None, "invalid JSON at line 7: Expecting ',' delimiter"))
    "news.jsonl:7: invalid JSON at line 7: Expecting ',' delimiter"
    """

    source: str
    doc_id: str | None
    reason: str
    skipped: bool = field(default=False, repr=False)

    def __str__(self) -> str:
        who = f" ({self.doc_id})" if self.doc_id else ""
        return f"{self.source}{who}: {self.reason}"


ReadResult: TypeAlias = Document | ReadError


class FieldError(ValueError):
    """A field of a record has a value a Document cannot take; the message is the reason."""


#: The longest doc_id or outlet accepted: both are indexed in Neo4j, whose index entries
#: stop at about 8 KB, and a longer one would fail the whole batch it is loaded with.
MAX_KEY_CHARS: Final = 1024

_PUBLISHED: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)


def parse_published(value: object, *, today: dt.date | None = None) -> str | None:
    """A publication date as ``YYYY-MM-DD``, from a date or an ISO datetime.

    The date is kept as written (a time zone offset does not move it).
    Dates more than one day after ``today`` (default: the local date) are
    refused; the day of slack allows for time zones ahead of ours.

    Parameters
    ----------
    value : object
        ``None``, ``""``, ``"YYYY-MM-DD"`` or an ISO 8601 datetime.
    today : datetime.date, optional
        The reference for "in the future".

    Returns
    -------
    str or None
        The date, or ``None`` when ``value`` is empty.

    Raises
    ------
    FieldError
        When the value is not such a date or not a real day.

    Examples
    --------
    >>> parse_published("2018-03-17T23:30:00-05:00")
    '2018-03-17'
    >>> parse_published("2018-02-31")
    Traceback (most recent call last):
    ...
    loaders.readers.records.FieldError: published '2018-02-31' is not a valid date
    >>> parse_published("2018-05-03", today=dt.date(2018, 5, 1))
    Traceback (most recent call last):
    ...
    loaders.readers.records.FieldError: published '2018-05-03' is in the future
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(f"published {value!r} is not a string")
    m = _PUBLISHED.fullmatch(value.strip())
    if m is None:
        if not value.strip():
            return None
        raise FieldError(f"published {value!r} is not a YYYY-MM-DD date")
    try:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise FieldError(f"published {value!r} is not a valid date") from None
    if day > (today or dt.date.today()) + dt.timedelta(days=1):
        raise FieldError(f"published {value!r} is in the future")
    return day.isoformat()


def content_id(title: str | None, text: str) -> str:
    """An id from the content, for records without one: ``sha256:`` and 16 hex digits.

    It is the first 16 hex digits of :attr:`kg.model.Document.content_hash`
    of the clean title and text.

    >>> content_id(None, "نص")
    'sha256:9fae88678be47922'
    >>> content_id(None, "نص")[7:] == Document(doc_id="x", text="نص").content_hash[:16]
    True
    """
    h = hashlib.sha256()
    h.update((title or "").encode("utf-8"))
    h.update(b"\x00")
    h.update(text.encode("utf-8"))
    return "sha256:" + h.hexdigest()[:16]


def _optional(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(f"{name} is not a string (got {type(value).__name__})")
    return clean(value).strip() or None


def make_document(
    *,
    doc_id: str | None,
    text: str,
    source: str,
    title: object = None,
    outlet: object = None,
    published: object = None,
    url: object = None,
    today: dt.date | None = None,
) -> ReadResult:
    """Clean and check the fields of one document; a :class:`ReadError` when they do not fit.

    Parameters
    ----------
    doc_id : str or None
        The source's id; ``None`` for an id from the content (:func:`content_id`).
    text : str
        The raw body; cleaned and stripped of surrounding whitespace.
    source : str
        Where the document was read from (``path`` or ``path:LINE``).
    title, outlet, url : object
        Strings or ``None``; cleaned and stripped (title whitespace collapsed).
    published : object
        Anything :func:`parse_published` takes.
    today : datetime.date, optional
        Passed to :func:`parse_published`.

    Returns
    -------
    Document or ReadError

    Examples
    --------
    >>> make_document(doc_id=None, text="نص", source="a.txt").doc_id
    'sha256:9fae88678be47922'
    >>> make_document(doc_id="b", text="نص", source="a.jsonl:2", url=3).reason
    'url is not a string (got int)'
    >>> make_document(doc_id="x" * 5000, text="نص", source="a.jsonl:3").reason
    'doc_id is 5,000 characters long (at most 1,024: it is indexed in the graph)'
    """
    try:
        body = clean(text).strip()
        if not body:
            raise FieldError("empty text")
        head = _optional("title", title)
        if head is not None:
            head = " ".join(head.split())
        day = parse_published(published, today=today)
        the_outlet = _optional("outlet", outlet)
        for name, value in (("doc_id", doc_id), ("outlet", the_outlet)):
            if value is not None and len(value) > MAX_KEY_CHARS:
                raise FieldError(f"{name} is {len(value):,} characters long (at most "
                                 f"{MAX_KEY_CHARS:,}: it is indexed in the graph)")
        return Document(
            doc_id=doc_id if doc_id else content_id(head, body),
            text=body,
            title=head,
            outlet=the_outlet,
            published=day,
            url=_optional("url", url),
            lang=detect_lang(body),
            source=source,
        )
    except (FieldError, ModelError) as exc:
        return ReadError(source, doc_id or None, str(exc))
