"""The provenance panel: each report of an event or relation, traced to its sentence.

>>> html = card({"outlet": "<b>o</b>", "published": "2018-03-18", "title": "t",
...              "evidence": "سيطر داعش", "modality": "asserted", "confidence": 0.9,
...              "attributed_to": ["رامي"], "url": None})
>>> "&lt;b&gt;o&lt;/b&gt;" in html, "<b>o" in html, "<mark>سيطر داعش</mark>" in html
(True, False, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from explorer.text import escape, highlight, safe

__all__ = ["STYLE", "card", "render_reports"]

#: CSS for the panel: evidence right-to-left, in an Arabic font, the span marked.
STYLE = """<style>
.rasd-evidence{direction:rtl;text-align:right;font-family:'Noto Naskh Arabic','Noto Sans Arabic',serif;
  font-size:1.15em;line-height:1.9;unicode-bidi:isolate;padding:.3em .6em;border-right:3px solid #d62728}
.rasd-evidence mark{background:#ffe08a;padding:0 .15em}
.rasd-report{margin:.4em 0 1em 0}.rasd-meta{font-size:.9em;color:#555}
</style>"""


def card(report: Mapping[str, Any]) -> str:
    """One report as HTML built only from escaped parts."""
    who = ", ".join(safe(w) for w in report.get("attributed_to") or [] if w)
    conf = report.get("confidence")
    meta = [f"<b>{safe(report.get('outlet') or '?')}</b>", safe(report.get("published") or "undated"),
            f"modality: {escape(report.get('modality') or 'asserted')}",
            f"confidence: {escape(f'{conf:.2f}' if isinstance(conf, int | float) else '—')}"]
    if who:
        meta.append(f"attributed to {who}")
    title = f'<div class="rasd-meta" dir="auto">{safe(report.get("title") or "")}</div>'
    return (f'<div class="rasd-report"><div class="rasd-meta">{" · ".join(meta)}</div>{title}'
            f'{highlight(report.get("evidence") or "")}</div>')


def render_reports(reports: Iterable[Mapping[str, Any]], heading: str) -> None:
    """Draw the reports under a heading (an expander), newest last."""
    import streamlit as st

    reports = list(reports)
    with st.expander(f"{heading} — {len(reports)} report(s)", expanded=True):
        if not reports:
            st.info("No report of this is known as of the chosen date.")
        st.markdown(STYLE + "".join(card(r) for r in reports), unsafe_allow_html=True)
