"""Reversals: cooperation, then rejection or conflict toward the same partner, within a
window; volatility."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from analysis_fakes import ev

from legation.analysis import reversals, volatility
from legation.errors import InputError
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]

EVENTS = [
    # RUS→UKR: agreement, then a threat 40 days later: a reversal.
    ev("RUSGOV", "UKRGOV", "057", "2021-01-10"),
    ev("RUSGOV", "UKRGOV", "130", "2021-02-19"),
    # RUS→UKR: praise, then an assault 200 days later: outside a 90-day window.
    ev("RUSGOV", "UKRGOV", "051", "2021-06-01"),
    ev("RUSMIL", "UKR", "190", "2021-12-18"),
    # PRK→KOR: two cooperative steps then one rejection: one reversal (from the latest).
    ev("PRKGOV", "KORGOV", "036", "2018-04-01"),
    ev("PRKGOV", "KORGOV", "057", "2018-04-27"),
    ev("PRKGOV", "KORGOV", "125", "2018-05-16"),
    ev("PRKGOV", "KORGOV", "111", "2018-05-20"),  # no cooperation since: not another one
    # KOR→PRK conflict first, cooperation after: no reversal (wrong order).
    ev("KORGOV", "PRKGOV", "111", "2018-03-01"),
    ev("KORGOV", "PRKGOV", "057", "2018-04-27"),
    # A year-precision date is too vague to be within 90 days of anything.
    ev("CHNGOV", "USAGOV", "057", "2019"),
    ev("CHNGOV", "USAGOV", "111", "2019-01-20"),
    # A negated threat does not reverse anything.
    ev("USAGOV", "MEXGOV", "051", "2020-01-01"),
    ev("USAGOV", "MEXGOV", "130", "2020-01-05", modality="negated"),
]


@pytest.fixture
def store(make_store: MakeStore) -> Store:
    return make_store(EVENTS)


def test_reversals_within_window(store: Store) -> None:
    found = reversals(store)
    assert [(r.actor, r.counterpart, r.first_code, r.then_code) for r in found] == [
        ("PRK", "KOR", "057", "125"),
        ("RUS", "UKR", "057", "130"),
    ]
    rus = found[1]
    assert (rus.first_date, rus.then_date, rus.days) == ("2021-01-10", "2021-02-19", 40)
    assert rus.to_dict()["days"] == 40


def test_window_and_actor(store: Store) -> None:
    wide = reversals(store, "RUS", window_days=365)
    assert [(r.first_code, r.then_code) for r in wide] == [("057", "130"), ("051", "190")]
    assert reversals(store, "RUS", window_days=30) == []
    assert [r.actor for r in reversals(store, "PRKGOV")] == ["PRK"]
    assert reversals(store, "KOR") == []
    assert reversals(store, "RUS", since="2021-06") == []
    with pytest.raises(InputError, match="window"):
        reversals(store, window_days=-1)


def test_volatility(store: Store) -> None:
    assert volatility(store, "RUS") == pytest.approx(1 / 2)  # 2 cooperative events, 1 reversal
    assert volatility(store, "RUS", window_days=365) == pytest.approx(1.0)
    assert volatility(store, "PRK") == pytest.approx(1 / 2)
    assert volatility(store, "KOR") == 0.0
    assert volatility(store, "ZZZ") == 0.0
