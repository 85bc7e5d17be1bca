"""The graph view: streamlit-cytoscape (pinned 0.2.1, which draws labels as text) over our elements.

A click on a node or edge returns ``{"action": "select", "data": {"target_id": …}}``;
"expand" (double-click or the expand button) returns ``{"action": "expand",
"data": {"node_ids": [...]}}``. :func:`clicked` reads either, once per click.

>>> clicked({"action": "select", "data": {"target_id": "isis", "target_group": "nodes"},
...          "timestamp": 5}, last=None)
('select', 'isis', 5)
>>> clicked({"action": "expand", "data": {"node_ids": ["raqqa"]}, "timestamp": 6}, last=6)
"""

from __future__ import annotations

from typing import Any

from explorer.graph import COLOURS, EDGE_COLOURS

__all__ = ["clicked", "render_graph"]

LAYOUT = {"name": "preset", "fit": True, "padding": 20, "animate": False}


def clicked(value: Any, last: Any) -> tuple[str, str, Any] | None:
    """``(action, element id, timestamp)`` of a new click on the component, else None."""
    if not isinstance(value, dict) or value.get("timestamp") == last:
        return None
    data = value.get("data") or {}
    action = str(value.get("action") or "")
    if action == "expand" and data.get("node_ids"):
        return "expand", str(data["node_ids"][0]), value.get("timestamp")
    if action in ("select", "select_edge") and data.get("target_id"):
        return action, str(data["target_id"]), value.get("timestamp")
    return None


def render_graph(elements: dict[str, list[dict[str, Any]]], key: str = "graph", height: int = 560) -> Any:
    """Draw the elements; return the component's value (the last click)."""
    from streamlit_cytoscape import (  # type: ignore[import-untyped]
        EdgeStyle,
        Event,
        NodeStyle,
        streamlit_cytoscape,
    )

    node_styles = [NodeStyle(group, colour, caption="name",
                             custom_styles={"font-size": 11, "text-wrap": "ellipsis", "text-max-width": 120})
                   for group, colour in COLOURS.items()]
    edge_styles = [EdgeStyle(t, c, directed=True, curve_style="haystack" if t != "AT" else None)
                   for t, c in EDGE_COLOURS.items()]
    edge_styles.append(EdgeStyle("RELATION", "#555555", caption="caption", directed=True,
                                 custom_styles={"line-style": "dashed", "font-size": 9}))
    return streamlit_cytoscape(elements, layout=LAYOUT, node_styles=node_styles, edge_styles=edge_styles,
                               height=height, key=key, node_actions=["expand"],
                               events=[Event("select", "tap", "node"), Event("select_edge", "tap", "edge")])
