"""The country network (networkx), its centralities and Gephi export; top partners and
top event types of a country. Every count is one ``GROUP BY`` in the database.

Nodes are countries (or actor codes for actors without one, e.g. IGOs); a directed
edge A→B carries ``weight`` (events: real-world events, each counted ``count`` times;
or mentions etc. with ``weight=``, see ``common.weight_expr``), ``goldstein`` (sum),
``mean_goldstein``, ``cooperation`` and ``conflict`` (events of quad classes 1/2 and
3/4). Events within one country (government vs. opposition) are left out: the network
is between states.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import networkx as nx
import sqlalchemy as sa

from legation.analysis.common import actor_values, filters, label, matches_any, weight_expr
from legation.errors import InputError
from legation.ontology import load_ontology
from legation.output import atomic_output
from legation.store import Store
from legation.store.schema import events

Kind = Literal["cooperation", "conflict", "all"]
KINDS: tuple[Kind, ...] = ("cooperation", "conflict", "all")
GRAPH_FORMATS = (".graphml", ".gexf")


def network(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    kind: Kind = "all",
    modality: str | None = "occurred",
    weight: str = "events",
) -> nx.DiGraph:  # type: ignore[type-arg]
    """Countries as nodes, weighted directed edges for the period's events."""
    if kind not in KINDS:
        raise InputError("--kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    src, tgt = label("source").label("src"), label("target").label("tgt")
    quad = events.c.quad_class
    w = weight_expr(weight)
    where = [
        events.c.source_code.is_not(None),
        events.c.target_code.is_not(None),
        *filters(store, since=since, until=until, modality=modality),
    ]
    if kind == "cooperation":
        where.append(quad.in_([1, 2]))
    elif kind == "conflict":
        where.append(quad.in_([3, 4]))
    query = (
        sa.select(
            src,
            tgt,
            sa.func.sum(w).label("n"),
            sa.func.sum(events.c.goldstein * w).label("g"),
            sa.func.sum(sa.case((quad.in_([1, 2]), w), else_=0)).label("coop"),
        )
        .where(*where)
        .group_by(src, tgt)
    )
    graph: nx.DiGraph = nx.DiGraph(kind=kind, since=since or "", until=until or "")  # type: ignore[type-arg]
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            a, b, n = row["src"], row["tgt"], int(row["n"])
            if a is None or b is None or a == b:
                continue
            g = round(float(row["g"] or 0.0), 6)
            coop = int(row["coop"] or 0)
            graph.add_edge(
                a,
                b,
                weight=n,
                goldstein=g,
                mean_goldstein=round(g / n, 6),
                cooperation=coop,
                conflict=n - coop,
            )
    for node in graph.nodes:
        graph.nodes[node]["label"] = node
        graph.nodes[node]["events"] = int(
            graph.in_degree(node, weight="weight") + graph.out_degree(node, weight="weight")
        )
    return graph


def centrality(graph: nx.DiGraph) -> dict[str, dict[str, float]]:  # type: ignore[type-arg]
    """Per node: weighted in/out strength, degree centrality, betweenness and PageRank
    (by event counts); sorted by PageRank, highest first."""
    if graph.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    try:
        pagerank = nx.pagerank(graph, weight="weight")
    except (ImportError, nx.PowerIterationFailedConvergence):  # pragma: no cover
        pagerank = dict.fromkeys(graph.nodes, 0.0)
    table = {
        str(node): {
            "in_strength": float(graph.in_degree(node, weight="weight")),
            "out_strength": float(graph.out_degree(node, weight="weight")),
            "degree": round(float(degree[node]), 6),
            "betweenness": round(float(betweenness[node]), 6),
            "pagerank": round(float(pagerank[node]), 6),
        }
        for node in graph.nodes
    }
    return dict(sorted(table.items(), key=lambda item: (-item[1]["pagerank"], item[0])))


def write_graph(graph: nx.DiGraph, path: str | Path) -> Path:  # type: ignore[type-arg]
    """Write ``graph`` as GraphML or GEXF (by the file's suffix), for Gephi."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in GRAPH_FORMATS:
        raise InputError(str(target), "unknown graph format: use a .graphml or .gexf file")
    lines = nx.generate_graphml(graph) if suffix == ".graphml" else nx.generate_gexf(graph)
    with atomic_output(target) as stream:
        for line in lines:
            stream.write(line + "\n")
    return target


def top_partners(
    store: Store,
    country: str,
    *,
    n: int = 10,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = "occurred",
    weight: str = "events",
) -> list[tuple[str, int]]:
    """The countries ``country`` (or a group, ``RUS,SUN``) has most events with, in
    either direction; an event counts as ``weight`` says (``common.weight_expr``)."""
    wanted = actor_values(country, "country")
    common = filters(store, since=since, until=until, modality=modality)
    w = weight_expr(weight).label("w")
    outgoing = sa.select(label("target").label("partner"), w).where(
        matches_any("source", wanted), events.c.target_code.is_not(None), *common
    )
    incoming = sa.select(label("source").label("partner"), w).where(
        matches_any("target", wanted), events.c.source_code.is_not(None), *common
    )
    both = sa.union_all(outgoing, incoming).subquery()
    query = (
        sa.select(both.c.partner, sa.func.sum(both.c.w).label("n"))
        .where(both.c.partner.not_in([v[:3] for v in wanted]))
        .group_by(both.c.partner)
        .order_by(sa.desc("n"), both.c.partner)
        .limit(max(0, n))
    )
    with store.engine.connect() as conn:
        return [(str(p), int(c)) for p, c in conn.execute(query).all()]


def top_event_types(
    store: Store,
    country: str | None = None,
    *,
    n: int = 10,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = "occurred",
    weight: str = "events",
) -> list[tuple[str, str, int]]:
    """The most frequent CAMEO codes (code, name, events), of ``country``'s events as
    source or target, or of all events."""
    where: list[Any] = filters(store, since=since, until=until, modality=modality)
    if country:
        wanted = actor_values(country, "country")
        where.append(sa.or_(matches_any("source", wanted), matches_any("target", wanted)))
    query = (
        sa.select(events.c.cameo, sa.func.sum(weight_expr(weight)).label("n"))
        .where(*where)
        .group_by(events.c.cameo)
        .order_by(sa.desc("n"), events.c.cameo)
        .limit(max(0, n))
    )
    ontology = load_ontology()
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        (str(code), ontology.get(code).name if code in ontology else "", int(count))
        for code, count in rows
    ]
