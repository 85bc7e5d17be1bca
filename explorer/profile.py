"""The entity profile: names and aliases, type, Wikidata link, relation periods, events, sources.

>>> wikidata_url("Q2429253"), wikidata_url("javascript:alert(1)")
('https://www.wikidata.org/wiki/Q2429253', None)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from explorer.graph import display_name
from explorer.text import clean, escape, safe

__all__ = ["render_profile", "wikidata_url"]

_QID = re.compile(r"Q[1-9]\d{0,11}")


def wikidata_url(qid: object) -> str | None:
    """The Wikidata page of an id, only when it is a well-formed Q-number."""
    text = clean(qid).strip()
    return f"https://www.wikidata.org/wiki/{text}" if _QID.fullmatch(text) else None


def render_profile(entity: Mapping[str, Any], periods: list[dict[str, Any]], events: list[dict[str, Any]],
                   sources: list[dict[str, Any]], names: Mapping[str, str]) -> None:
    """Draw one entity's profile (every string escaped, tables rendered as text)."""
    import streamlit as st

    ent_id = str(entity.get("id"))
    ar, en = display_name(entity, ent_id, "ar"), display_name(entity, ent_id, "en")
    st.markdown(f"### {safe(ar)} · {safe(en)}", unsafe_allow_html=True)
    aliases = " · ".join(safe(n) for n in entity.get("names") or [])
    link = wikidata_url(entity.get("wikidata"))
    facts = [f"**id** {safe(ent_id)}",
             f"**type** {escape(entity.get('kind'))} / {escape(entity.get('type'))}"]
    if link:
        qid = escape(entity.get("wikidata"))
        facts.append(f'**Wikidata** <a href="{link}" target="_blank" rel="noopener">{qid}</a>')
    if entity.get("latitude") is not None:
        facts.append(f"**coordinates** {entity['latitude']:.4f}, {entity['longitude']:.4f}")
    st.markdown(" · ".join(facts), unsafe_allow_html=True)
    if aliases:
        st.markdown(f'aliases: <span dir="rtl">{aliases}</span>', unsafe_allow_html=True)
    st.markdown("**Affiliations and control periods**")
    if periods:
        st.dataframe([{"relation": clean(p["type"]),
                       "from": names.get(p["source"], clean(p.get("source_name") or p["source"])),
                       "to": names.get(p["target"], clean(p.get("target_name") or p["target"])),
                       "valid_from": p.get("valid_from") or "…", "valid_to": p.get("valid_to") or "open",
                       "sources": p.get("sources"), "contested": p.get("contested")} for p in periods],
                     hide_index=True, width="stretch")
    else:
        st.caption("none in this window")
    st.markdown(f"**Events** ({len(events)})")
    st.dataframe([{"date": e.get("date_start"), "type": clean(e.get("event_type")),
                   "what": clean(e.get("label")), "role": "agent" if ent_id in (e.get("agents") or [])
                   else "target" if ent_id in (e.get("targets") or []) else "place",
                   "sources": e.get("sources"), "id": e["id"]} for e in events],
                 hide_index=True, width="stretch")
    st.markdown(f"**Sources** ({len(sources)})")
    st.dataframe([{"published": s.get("published"), "outlet": clean(s.get("outlet")),
                   "title": clean(s.get("title")), "mentions": s.get("mentions"), "reports": s.get("reports"),
                   "url": clean(s.get("url"))} for s in sources],
                 hide_index=True, width="stretch")
