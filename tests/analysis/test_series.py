"""Dyad time series: bucketing, directions, filters and normalisation."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from analysis_fakes import ev

from legation.analysis import dyad_series
from legation.errors import InputError
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]

EVENTS = [
    ev("RUSGOV", "PRKGOV", "042", "2024-06-19"),  # visit, +1.9, quad 1
    ev("RUSGOV", "PRK", "057", "2024-06-19"),  # treaty, +8.0, quad 1
    ev("PRKGOV", "RUSGOV", "043", "2024-06-20"),  # host, +2.8, quad 1
    ev("RUSMIL", "PRK", "062", "2024-08-02"),  # material cooperation, quad 2
    ev("PRK", "RUS", "111", "2024-11"),  # criticise, -2.0, quad 3 (month precision)
    ev("RUS", "PRK", "042", "2025", modality="planned"),  # never counted by default
    ev("USA", "CHN", "111", "2024-06-01"),  # other dyads: only in normalisation
    ev("USA", "CHN", "042", "2024-06-03"),
    ev("KOR", "PRK", "111", "2024-08-15"),
]


@pytest.fixture
def store(make_store: MakeStore) -> Store:
    return make_store(EVENTS)


def test_monthly_both_directions_fills_gaps(store: Store) -> None:
    points = dyad_series(store, "RUS", "PRK")
    assert [p.period for p in points] == ["2024-06", "2024-07", "2024-08", "2024-09",
                                          "2024-10", "2024-11"]  # fmt: skip
    june, july, august = points[0], points[1], points[2]
    assert june.events == 3 and june.by_quad == {1: 3, 2: 0, 3: 0, 4: 0}
    assert june.by_root == {"04": 2, "05": 1}
    assert june.goldstein_sum == pytest.approx(1.9 + 8.0 + 2.8)
    assert june.goldstein_mean == pytest.approx((1.9 + 8.0 + 2.8) / 3)
    assert july.events == 0 and july.goldstein_mean is None and july.by_root == {}
    assert august.by_quad[2] == 1
    assert points[-1].by_quad[3] == 1 and points[-1].goldstein_sum == pytest.approx(-2.0)
    assert all(p.share is None for p in points)


def test_directions(store: Store) -> None:
    forward = dyad_series(store, "RUS", "PRK", direction="a->b", freq="year")
    backward = dyad_series(store, "RUS", "PRK", direction="b->a", freq="year")
    both = dyad_series(store, "RUS", "PRK", direction="both", freq="year")
    assert [(p.period, p.events) for p in forward] == [("2024", 3)]
    assert [(p.period, p.events) for p in backward] == [("2024", 2)]
    assert both[0].events == 5
    # Swapping the arguments swaps the directions.
    assert dyad_series(store, "PRK", "RUS", direction="a->b", freq="year")[0].events == 2


def test_both_directions_count_an_event_once_when_the_sides_share_a_country(
    make_store: MakeStore,
) -> None:
    """Both directions are summed from one query each; when the two sides overlap ("RUS,SUN"
    and "RUS"), an event inside the overlap is in both directions and must count once."""
    store = make_store(
        [
            ev("RUSGOV", "RUSMIL", "042", "2024-06-19"),  # within the overlap
            ev("SUN", "RUS", "042", "2024-06-20"),
            ev("RUS", "SUN", "111", "2024-06-21"),
        ]
    )
    both = dyad_series(store, "RUS,SUN", "RUS", direction="both", freq="year")
    assert [(p.period, p.events) for p in both] == [("2024", 3)]
    disjoint = dyad_series(store, "SUN", "RUS", direction="both", freq="year")
    assert [(p.period, p.events) for p in disjoint] == [("2024", 2)]


def test_quarters_and_modality(store: Store) -> None:
    points = dyad_series(store, "RUS", "PRK", freq="quarter")
    assert [(p.period, p.events) for p in points] == [("2024-Q2", 3), ("2024-Q3", 1),
                                                      ("2024-Q4", 1)]  # fmt: skip
    planned = dyad_series(store, "RUS", "PRK", freq="year", modality="planned")
    assert [(p.period, p.events) for p in planned] == [("2025", 1)]  # a year date: its January
    every = dyad_series(store, "RUS", "PRK", freq="year", modality=None)
    assert [p.events for p in every] == [5, 1]


def test_actor_codes_and_dates(store: Store) -> None:
    gov = dyad_series(store, "RUSGOV", "PRK", direction="a->b", freq="year")
    assert gov[0].events == 2  # RUSGOV→PRKGOV and RUSGOV→PRK, not RUSMIL
    assert dyad_series(store, "RUSGOV", "PRKGOV", direction="a->b")[0].events == 1
    summer = dyad_series(store, "RUS", "PRK", since="2024-07", until="2024-08-31")
    assert [(p.period, p.events) for p in summer] == [("2024-08", 1)]
    assert dyad_series(store, "RUS", "USA") == []


def test_normalised_share(store: Store) -> None:
    points = dyad_series(store, "RUS", "PRK", freq="month", normalize=True)
    share = {p.period: p.share for p in points}
    assert share["2024-06"] == pytest.approx(3 / 5)  # 3 of June's 5 occurred events
    assert share["2024-08"] == pytest.approx(1 / 2)
    assert share["2024-07"] is None  # no events at all that month
    assert share["2024-11"] == pytest.approx(1.0)


def test_bad_arguments(store: Store) -> None:
    with pytest.raises(InputError, match="--freq"):
        dyad_series(store, "RUS", "PRK", freq="week")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="--direction"):
        dyad_series(store, "RUS", "PRK", direction="sideways")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="not a country"):
        dyad_series(store, "R U", "PRK")
    with pytest.raises(InputError, match="--since"):
        dyad_series(store, "RUS", "PRK", since="June")
