"""HTML articles: the visible text, with ``<title>`` as the title (stdlib ``html.parser``).

Dropped with all their content: ``script``, ``style``, ``noscript``,
``iframe``, ``template``, ``svg`` and everything in ``head`` except
``title``. Block elements (``p``, ``div``, ``br``, ``li``, headings, table
rows and cells, ...) end a line; other whitespace collapses to one space, as
a browser shows it; blank lines are dropped. Character references are
unescaped.

>>> title, text = html_to_text('''<html><head><title>قصف &amp; نزوح</title>
... <style>p {color: red}</style><script>var x = "<p>";</script></head>
... <body><h1>قصف</h1><p>سقطت   قذائف<br>على الحي.</p><iframe>إعلان</iframe></body></html>''')
>>> title
'قصف & نزوح'
>>> text
'قصف\\nسقطت قذائف\\nعلى الحي.'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

from loaders.readers.records import ReadResult, make_document

__all__ = ["declared_charset", "html_to_text", "parse_html"]

_HIDDEN: Final = frozenset({"script", "style", "noscript", "iframe", "template", "svg", "head"})
_BLOCK: Final = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "ul",
})
_SPACES: Final = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET: Final = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.titles: list[str] = []  # every finished <title>; the first non-blank one counts
        self._title_parts: list[str] = []
        self._hidden: list[str] = []  # open hidden elements, innermost last
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and "head" in self._hidden:
            self._hidden.clear()  # an unclosed <head> ends where <body> starts
        if tag == "title" and self._hidden in ([], ["head"]):
            self._in_title = True  # the page's title, not an <svg> one
        elif tag in _HIDDEN:
            self._hidden.append(tag)
        if tag == "pre":
            self._pre += 1
        if tag in _BLOCK and not self._hidden:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and not self._hidden:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.titles.append("".join(self._title_parts))
            self._title_parts.clear()
        elif tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass  # close elements left open inside it
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag in _BLOCK and not self._hidden:
            self.parts.append("\n")

    def close(self) -> None:
        super().close()
        if self._in_title:  # an unclosed <title> runs to the end
            self.titles.append("".join(self._title_parts))
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif not self._hidden:
            self.parts.append(data if self._pre else _SPACES.sub(" ", data))


def html_to_text(html: str) -> tuple[str | None, str]:
    """The title and the visible text of an HTML page.

    Parameters
    ----------
    html : str
        Decoded HTML.

    Returns
    -------
    tuple of (str or None, str)
        The ``<title>`` text (whitespace collapsed; ``None`` when absent or
        blank) and the visible text, one line per block.

    Examples
    --------
    >>> html_to_text("<ul><li>أ</li><li>ب</li></ul><noscript>فعّل جافاسكربت</noscript>")
    (None, 'أ\\nب')
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    title = next((" ".join(t.split()) for t in parser.titles if t.strip()), None)
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return title, "\n".join(line for line in lines if line)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag of its first 4 KiB.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    'windows-1256'
    >>> declared_charset(b"<p>no meta</p>") is None
    True
    """
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def parse_html(html: str, *, doc_id: str, source: str) -> ReadResult:
    """One :class:`~kg.model.Document` from a decoded HTML article.

    Parameters
    ----------
    html : str
        Decoded HTML.
    doc_id : str
        The file name without extension.
    source : str
        The path.

    Returns
    -------
    Document or ReadError
        ``"empty text"`` when the page shows no text.

    Examples
    --------
    >>> parse_html("<title>عنوان</title><p>متن</p>", doc_id="p", source="p.html").title
    'عنوان'
    >>> parse_html("<script>x()</script>", doc_id="q", source="q.html").reason
    'empty text'
    """
    title, text = html_to_text(html)
    return make_document(doc_id=doc_id, text=text, title=title, source=source)
