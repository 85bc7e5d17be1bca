"""The query tab: named queries from ``cypher/`` as forms, path finding, and a read-only Cypher box.

Every result is a table with a CSV download. The box runs in READ access mode
with a row limit and a transaction timeout (:func:`loaders.neo4j.explore.run_read_only`),
so a write is refused by the server with a clear message.

>>> to_csv(["a", "b"], [{"a": 1, "b": ["x", "y"]}, {"a": "=cmd()", "b": None}])
'a,b\\r\\n1,"[""x"", ""y""]"\\r\\n\\'=cmd(),\\r\\n'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from explorer.text import clean

__all__ = ["render_queries", "to_csv"]

MAX_ROWS = 1000
TIMEOUT_S = 10.0
DEFAULT_CYPHER = "MATCH (e:Event) RETURN e.event_type AS type, count(*) AS n ORDER BY n DESC"


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit():
        value = "'" + value  # a spreadsheet would run it as a formula
    return value


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text (lists as JSON; cells that a spreadsheet would evaluate are quoted)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def _table(columns: list[str], rows: list[dict[str, Any]], key: str) -> None:
    import streamlit as st

    st.dataframe([{c: _cell(r.get(c)) if isinstance(r.get(c), list | dict) else r.get(c) for c in columns}
                  for r in rows], hide_index=True, width="stretch")
    st.download_button("Download CSV", to_csv(columns, rows), file_name=f"{key}.csv", mime="text/csv",
                       key=f"{key}-csv")


def render_queries(driver: Any, database: str, start: dt.date | None, end: dt.date | None,
                   entity_choices: dict[str, str]) -> None:
    """Draw the named-query forms, the path finder and the read-only Cypher box."""
    import streamlit as st

    from loaders.neo4j.explore import QueryRefused, run_read_only
    from loaders.neo4j.named import NamedQueryError, coerce, named_queries, query_info, run_named

    st.subheader("Named queries")
    name = st.selectbox("query", named_queries(), key="q_name")
    if name:
        info = query_info(name)
        st.caption(clean(info.purpose))
        given: dict[str, Any] = {}
        with st.form(f"q_form_{name}"):
            for p in info.params:
                default = "" if p.default is None else (",".join(map(str, p.default))
                                                         if isinstance(p.default, list) else str(p.default))
                if p.name in ("start",) and start:
                    default = start.isoformat()
                if p.name in ("end",) and end:
                    default = end.isoformat()
                text = st.text_input(f"${p.name} ({p.kind})", default, help=p.description,
                                     key=f"q_{name}_{p.name}")
                if text.strip() or p.kind == "list":
                    given[p.name] = text
            submitted = st.form_submit_button("Run query")
        if submitted:
            try:
                kinds = {p.name: p.kind for p in info.params}
                typed = {k: coerce(v, kinds[k]) for k, v in given.items()}
                columns, rows = run_named(driver, database, name, typed)
            except NamedQueryError as exc:
                st.error(f"{name}: {exc}")
            except Exception as exc:  # a server-side error, shown as a message
                st.error(f"{name} failed: {getattr(exc, 'message', None) or exc}")
            else:
                st.session_state["q_result"] = (name, columns, rows)
        if st.session_state.get("q_result", (None,))[0] == name:
            _, columns, rows = st.session_state["q_result"]
            st.caption(f"{len(rows)} row(s)")
            _table(columns, rows, name)

    st.subheader("Path between two entities (in the window)")
    ids = list(entity_choices)
    cols = st.columns(2)
    src = cols[0].selectbox("from", ids, format_func=lambda i: entity_choices.get(i, i), key="path_from")
    dst = cols[1].selectbox("to", ids, index=min(1, len(ids) - 1) if ids else 0,
                            format_func=lambda i: entity_choices.get(i, i), key="path_to")
    if st.button("Find path", key="path_go") and src and dst:
        params = {"from": src, "to": dst, "start": start.isoformat() if start else None,
                  "end": end.isoformat() if end else None}
        columns, rows = run_named(driver, database, "time_respecting_path", params)
        if rows:
            _table(columns, rows, "path")
        else:
            st.info("No time-respecting chain of events links them in this window.")

    st.subheader("Read-only Cypher")
    st.caption(f"Runs in a READ transaction: writes are refused. At most {MAX_ROWS:,} rows, "
               f"{TIMEOUT_S:.0f} s.")
    text = st.text_area("Cypher", DEFAULT_CYPHER, key="cypher_text")
    if st.button("Run Cypher", key="cypher_go"):
        try:
            result = run_read_only(driver, database, text, max_rows=MAX_ROWS, timeout_s=TIMEOUT_S)
        except QueryRefused as exc:
            st.session_state["cypher_result"] = None
            st.error(str(exc))
        else:
            st.session_state["cypher_result"] = result
    shown = st.session_state.get("cypher_result")
    if shown is not None:
        if shown.truncated:
            st.warning(f"only the first {MAX_ROWS:,} rows are shown")
        _table(shown.columns, shown.rows, "cypher")
