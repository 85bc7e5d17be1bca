"""Untrusted article text made safe to show: bidi controls stripped, HTML escaped, runs isolated.

Every string the explorer renders as HTML (report sentences, outlet names,
titles) goes through :func:`safe`; a string handed to a component that draws
text (graph labels, chart tooltips) goes through :func:`label`.

>>> safe('<img src=x onerror=alert(1)>')
'\\u2068&lt;img src=x onerror=alert&#40;1&#41;&gt;\\u2069'
>>> label("داعش\\u202e") == "\\u2068داعش\\u2069"
True
"""

from __future__ import annotations

import re

__all__ = ["FSI", "PDI", "clean", "escape", "highlight", "label", "safe"]

#: Bidi embeddings/overrides/isolates, marks and zero-width characters that can spoof a name.
_CONTROLS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
FSI, PDI = "\u2068", "\u2069"


def clean(text: object) -> str:
    """The text with bidi and zero-width control characters removed (None is empty).

    >>> clean("a\u202eb\u200bc"), clean(None)
    ('abc', '')
    """
    if text is None:
        return ""
    return _CONTROLS.sub("", str(text))


def label(text: object) -> str:
    """Plain text for a component that draws text (not HTML): cleaned and isolated."""
    return FSI + clean(text) + PDI


#: Markdown punctuation written as character references, so st.markdown shows it as text.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                         **{c: f"&#{ord(c)};" for c in "\\`*_{}[]()#|~$:!"}})


def escape(text: object) -> str:
    """Cleaned text with HTML and Markdown syntax neutralised (for ``st.markdown``).

    >>> escape("[x](javascript:alert(1)) <b>")
    '&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; &lt;b&gt;'
    """
    return clean(text).translate(_ESCAPES)


def safe(text: object) -> str:
    """Escaped, cleaned text in a first-strong isolate, ready for ``unsafe_allow_html``."""
    return FSI + escape(text) + PDI


def highlight(sentence: object, start: int | None = None, end: int | None = None) -> str:
    """The sentence as an RTL HTML block, escaped, with ``sentence[start:end]`` in ``<mark>``.

    Offsets are relative to the sentence; without them the whole sentence is the span.

    >>> highlight("قال <b>x</b> اليوم", 4, 12)
    '<div dir="rtl" class="rasd-evidence">قال <mark>&lt;b&gt;x&lt;/b&gt;</mark> اليوم</div>'
    >>> highlight("a</div>b", 1, 7)
    '<div dir="rtl" class="rasd-evidence">a<mark>&lt;/div&gt;</mark>b</div>'
    >>> highlight("<script>", None, None)
    '<div dir="rtl" class="rasd-evidence"><mark>&lt;script&gt;</mark></div>'
    """
    text = clean(sentence)
    if start is None or end is None or not 0 <= start <= end <= len(text):
        start, end = 0, len(text)
    body = escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])
    return f'<div dir="rtl" class="rasd-evidence">{body}</div>'
