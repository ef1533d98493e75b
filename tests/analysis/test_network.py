"""The country network, centrality, GraphML/GEXF export, top partners and event types."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx
import pytest
from analysis_fakes import ev

from legation.analysis import centrality, network, top_event_types, top_partners, write_graph
from legation.errors import InputError
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]

EVENTS = [
    ev("RUSGOV", "PRKGOV", "042", "2024-06-19"),  # +1.9
    ev("RUSGOV", "PRK", "057", "2024-06-19"),  # +8.0
    ev("RUSGOV", "PRK", "111", "2024-07-01"),  # -2.0
    ev("PRKGOV", "RUSGOV", "043", "2024-06-20"),  # +2.8; another day: not the 042 trip
    ev("USAGOV", "PRKGOV", "111", "2024-06-20"),
    ev("KORGOV", "PRKGOV", "112", "2024-06-21"),
    ev("KORGOV", "USAGOV", "057", "2023-04-26"),
    ev("RUSGOV", "RUSOPP", "173", "2024-01-01"),  # domestic: no self loop
    ev("CHNGOV", "PRKGOV", "042", "2024-05-01", modality="planned"),
]


@pytest.fixture
def store(make_store: MakeStore) -> Store:
    return make_store(EVENTS)


def test_edges_and_weights(store: Store) -> None:
    graph = network(store)
    assert isinstance(graph, nx.DiGraph)
    assert set(graph.nodes) == {"RUS", "PRK", "USA", "KOR"}
    edge = graph.edges["RUS", "PRK"]
    assert edge["weight"] == 3 and edge["cooperation"] == 2 and edge["conflict"] == 1
    assert edge["goldstein"] == pytest.approx(1.9 + 8.0 - 2.0)
    assert graph.edges["PRK", "RUS"]["weight"] == 1
    assert not graph.has_edge("RUS", "RUS") and not graph.has_edge("CHN", "PRK")
    assert graph.nodes["PRK"]["events"] == 6


def test_kinds_and_period(store: Store) -> None:
    coop = network(store, kind="cooperation")
    assert coop.edges["RUS", "PRK"]["weight"] == 2 and not coop.has_edge("USA", "PRK")
    conflict = network(store, kind="conflict")
    assert set(conflict.edges) == {("RUS", "PRK"), ("USA", "PRK"), ("KOR", "PRK")}
    recent = network(store, since="2024")
    assert not recent.has_edge("KOR", "USA")
    assert network(store, modality=None).has_edge("CHN", "PRK")
    with pytest.raises(InputError, match="--kind"):
        network(store, kind="trade")  # type: ignore[arg-type]


def test_centrality(store: Store) -> None:
    table = centrality(network(store))
    assert next(iter(table)) == "PRK"  # the most connected, by PageRank
    assert table["PRK"]["in_strength"] == 5 and table["RUS"]["out_strength"] == 3
    assert table["KOR"]["in_strength"] == 0
    assert centrality(nx.DiGraph()) == {}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_round_trips(store: Store, tmp_path: Path, suffix: str) -> None:
    graph = network(store)
    path = write_graph(graph, tmp_path / f"net{suffix}")
    back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert set(back.nodes) == set(graph.nodes)
    assert set(back.edges) == set(graph.edges)
    assert float(back.edges["RUS", "PRK"]["goldstein"]) == pytest.approx(7.9)


def test_export_refuses_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="graphml"):
        write_graph(network(store), tmp_path / "net.png")
    assert not (tmp_path / "net.png").exists()


def test_top_partners_and_event_types(store: Store) -> None:
    assert top_partners(store, "PRK") == [("RUS", 4), ("KOR", 1), ("USA", 1)]
    assert top_partners(store, "PRK", n=1) == [("RUS", 4)]
    assert top_partners(store, "RUS") == [("PRK", 4)]  # the domestic event is not a partner
    types = top_event_types(store, "PRK", n=2)
    assert types == [("111", "Criticize or denounce", 2), ("042", "Make a visit", 1)]
    assert sum(n for _, _, n in top_event_types(store, n=50)) == 8
