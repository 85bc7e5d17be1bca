"""Plain-text articles: the first non-empty line is the title, the rest the body.

A file with a single non-empty line has no title: that line is the body.

>>> doc = parse_plaintext("\\n\\u200fمعارك في ريف دير الزور\\n\\nقالت مصادر محلية إن اشتباكات وقعت.\\n",
...                       doc_id="a1", source="a1.txt")
>>> doc.title
'معارك في ريف دير الزور'
>>> doc.text
'قالت مصادر محلية إن اشتباكات وقعت.'
"""

from __future__ import annotations

from loaders.readers.clean import clean
from loaders.readers.records import ReadResult, make_document

__all__ = ["parse_plaintext"]


def parse_plaintext(text: str, *, doc_id: str, source: str) -> ReadResult:
    """One :class:`~kg.model.Document` from the decoded text of a ``.txt`` article.

    Parameters
    ----------
    text : str
        The decoded file content.
    doc_id : str
        The file name without extension.
    source : str
        The path.

    Returns
    -------
    Document or ReadError
        A :class:`~loaders.readers.records.ReadError` ``"empty text"`` for a
        blank file.

    Examples
    --------
    >>> parse_plaintext("خبر قصير", doc_id="b", source="b.txt").title is None
    True
    >>> parse_plaintext(" \\n\\t", doc_id="c", source="c.txt").reason
    'empty text'
    """
    lines = clean(text).split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return make_document(doc_id=doc_id, text="", source=source)
    body = "\n".join(lines[first + 1:])
    if not body.strip():
        return make_document(doc_id=doc_id, text=lines[first], source=source)
    return make_document(doc_id=doc_id, text=body, title=lines[first], source=source)
