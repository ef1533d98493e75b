"""The country network for the API (nodes and edges as JSON) and the page (an SVG with
the countries on a circle: a fixed layout, so the same data always draws the same)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

from markupsafe import Markup, escape

from legation.store import Store

SIZE = 640
MAX_NODES = 60  # the most central countries drawn; the JSON has them all


def _number(value: Any) -> float:
    try:
        result = float(value)
    except (TypeError, ValueError):
        return 0.0
    return result if math.isfinite(result) else 0.0


def _centrality_of(scores: Any, node: str) -> dict[str, float]:
    """Each measure's score for ``node``: ``centrality()`` returns either node → score
    or measure → (node → score)."""
    if not isinstance(scores, Mapping):
        return {}
    value = scores.get(node)
    if isinstance(value, Mapping):
        return {str(k): _number(v) for k, v in value.items()}
    if value is not None:
        return {"centrality": _number(value)}
    return {
        str(measure): _number(per_node.get(node))
        for measure, per_node in scores.items()
        if isinstance(per_node, Mapping)
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | bool) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


def network_data(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    kind: Literal["all", "cooperation", "conflict"] = "all",
    weight: str = "events",
) -> dict[str, Any]:
    """Nodes (with centrality) and weighted directed edges for the period."""
    from legation.analysis import centrality, network

    graph = network(store, since=since, until=until, kind=kind, weight=weight)
    scores = centrality(graph)
    nodes = []
    for node, attrs in graph.nodes(data=True):
        item = {"id": str(node), **{str(k): _jsonable(v) for k, v in attrs.items()}}
        item["centrality"] = _centrality_of(scores, node)
        nodes.append(item)
    edges = [
        {"source": str(u), "target": str(v), **{str(k): _jsonable(x) for k, x in d.items()}}
        for u, v, d in graph.edges(data=True)
    ]
    nodes.sort(key=lambda n: n["id"])
    edges.sort(key=lambda e: (e["source"], e["target"]))
    return {"since": since, "until": until, "kind": kind, "nodes": nodes, "edges": edges}


def _edge_class(edge: Mapping[str, Any], kind: str) -> str:
    if kind in ("cooperation", "conflict"):
        return kind
    label = str(edge.get("kind") or "")
    if label in ("cooperation", "conflict"):
        return label
    coop = _number(edge.get("cooperation"))
    conflict = _number(edge.get("conflict"))
    if coop or conflict:
        return "conflict" if conflict > coop else "cooperation"
    return "conflict" if _number(edge.get("goldstein")) < 0 else "cooperation"


def _node_score(node: Mapping[str, Any]) -> float:
    scores = node.get("centrality") or {}
    if "pagerank" in scores:
        return _number(scores["pagerank"])
    return max((_number(v) for v in scores.values()), default=0.0)


Point = tuple[float, float]


def _layout(nodes: list[dict[str, Any]]) -> tuple[dict[str, Point], dict[str, float]]:
    """Positions on a circle (alphabetical) and radii by centrality."""
    centre, radius = SIZE / 2, SIZE / 2 - 60
    peak = max((_node_score(n) for n in nodes), default=0.0) or 1.0
    place: dict[str, Point] = {}
    size: dict[str, float] = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        place[node["id"]] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
        size[node["id"]] = 6 + 14 * _node_score(node) / peak
    return place, size


def _edge_path(start: Point, end: Point, gap: float) -> str:
    """A slightly bent curve that stops ``gap`` short of the target's centre (so the
    arrow head shows) and bends the other way for the reverse tie."""
    (x1, y1), (x2, y2) = start, end
    mx, my = (x1 + x2) / 2 + (y2 - y1) * 0.12, (y1 + y2) / 2 - (x2 - x1) * 0.12
    dx, dy = x2 - mx, y2 - my
    length = math.hypot(dx, dy) or 1.0
    ex, ey = x2 - dx / length * gap, y2 - dy / length * gap
    return f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}"


def network_svg(data: Mapping[str, Any]) -> Markup:
    """Countries on a circle (the most central ``MAX_NODES``), arrows sized by weight."""
    nodes = sorted(data["nodes"], key=lambda n: (-_node_score(n), n["id"]))[:MAX_NODES]
    nodes.sort(key=lambda n: n["id"])
    place, size = _layout(nodes)
    edges = [e for e in data["edges"] if e["source"] in place and e["target"] in place]
    heaviest = max((_number(e.get("weight", 1)) for e in edges), default=1.0) or 1.0
    body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        '<path d="M0,0L10,5L0,10z"/></marker></defs>'
    ]
    for edge in edges:
        weight = _number(edge.get("weight", 1))
        css = _edge_class(edge, str(data.get("kind", "all")))
        path = _edge_path(place[edge["source"]], place[edge["target"]], size[edge["target"]] + 2)
        title = f"{edge['source']} → {edge['target']}: weight {weight:g}"
        body.append(
            f'<path class="edge {css}" data-source="{escape(edge["source"])}" '
            f'data-target="{escape(edge["target"])}" d="{path}" '
            f'stroke-width="{1 + 5 * weight / heaviest:.1f}" marker-end="url(#arrow)">'
            f"<title>{escape(title)}</title></path>"
        )
    for node in nodes:
        (x, y), r, name = place[node["id"]], size[node["id"]], escape(node["id"])
        body.append(
            f'<a href="/events?source={name}&amp;dyad=true" class="node" data-id="{name}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{name}</title></circle>'
            f'<text x="{x:.1f}" y="{y - r - 4:.1f}" text-anchor="middle">{name}</text></a>'
        )
    if not nodes:
        body.append(
            f'<text class="empty" x="{SIZE / 2}" y="{SIZE / 2}" text-anchor="middle">'
            "no ties between countries in this range</text>"
        )
    return Markup(
        f'<svg class="chart network" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        'aria-label="country network" xmlns="http://www.w3.org/2000/svg">'
        + "".join(body)
        + "</svg>"
    )
