"""What the visit ledger must read after ingesting the seed articles (../shared; skipped
when absent): the counts the articles argue from, from general mechanisms only — event
identity at ingest (issue 12) and the coder's dates, scope and counts (issue 11): habits
("regular visits") and visits to a state's embassy are not trips to that state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.seed_checks import read_seeds

from legation.analysis import VisitLedger, claim_check, visit_ledger
from legation.store import Store

pytestmark = pytest.mark.shared

PREDECESSORS = ("RUS", "SUN")


@pytest.fixture(scope="module")
def store(coder, shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(path) as opened:
        opened.ingest(read_seeds(shared_dir / "corpus" / "seeds.jsonl"), coder)
        yield opened


@pytest.fixture(scope="module")
def ledger(store: Store) -> VisitLedger:
    return visit_ledger(store, "PRK")


def _visits(ledger: VisitLedger, visitors: tuple[str, ...], host: str | tuple[str, ...]):  # type: ignore[no-untyped-def]
    hosts = (host,) if isinstance(host, str) else host
    return [r for r in ledger.rows if r.visitor in visitors and r.host in hosts]


def test_russia_visited_north_korea_twice(ledger: VisitLedger) -> None:
    rows = _visits(ledger, ("RUS",), "PRK")
    assert sorted(r.date or "" for r in rows) == ["2000", "2024-06"]
    assert sum(r.count for r in rows) == 2
    june = next(r for r in rows if r.date == "2024-06")
    assert june.mentions >= 2  # the trip is told in several sentences: one event


def test_no_soviet_visit_to_north_korea_occurred(ledger: VisitLedger) -> None:
    assert _visits(ledger, ("SUN",), "PRK") == []


def test_khrushchevs_1959_trip_did_not_happen(ledger: VisitLedger) -> None:
    trips = [r for r in ledger.not_occurred if r.visitor == "SUN" and (r.date or "") == "1959"]
    assert trips and all(r.modality != "occurred" for r in trips)


def test_claim_russian_or_soviet_leader_visited_north_korea(store: Store) -> None:
    answer = claim_check(store, ",".join(PREDECESSORS), "PRK")
    assert answer.answer is True and answer.count == 2
    assert answer.dates == ["2000", "2024-06"]


def test_north_korean_leaders_named_with_their_counts(ledger: VisitLedger) -> None:
    rows = _visits(ledger, ("PRK",), PREDECESSORS)
    by_person: dict[str | None, int] = {}
    for row in rows:
        by_person[row.visitor_name] = by_person.get(row.visitor_name, 0) + row.count
    assert by_person.get("Kim Il Sung") == 12
    assert by_person.get("Kim Jong Il") == 3
    kim_jong_un = {r.date for r in rows if r.visitor_name == "Kim Jong Un"}
    assert {"2019", "2023"} <= kim_jong_un


def test_north_korean_visits_total_twelve_three_two(store: Store, ledger: VisitLedger) -> None:
    rows = _visits(ledger, ("PRK",), PREDECESSORS)
    assert sum(r.count for r in rows) == 12 + 3 + 2
    assert {r.date for r in rows if r.visitor_name == "Kim Jong Un"} == {"2019", "2023"}
    grouped = visit_ledger(store, ",".join(PREDECESSORS)).totals
    [pair] = [x for x in grouped if x.b == "PRK"]
    assert (pair.a, pair.a_to_b, pair.b_to_a) == ("RUS,SUN", 2, 17)


def test_kim_il_sungs_twelve_visits_are_not_dated_to_the_article(ledger: VisitLedger) -> None:
    [twelve] = [r for r in ledger.rows if r.count == 12]
    assert twelve.date is None or twelve.date < "2000"


def test_an_edited_copy_a_day_later_adds_mentions_not_events(
    coder, store: Store, shared_dir: Path  # type: ignore[no-untyped-def]
) -> None:
    seeds = read_seeds(shared_dir / "corpus" / "seeds.jsonl")
    original = max(seeds, key=lambda a: a.date or dt.date.min)
    later = (original.date or dt.date(2024, 1, 1)) + dt.timedelta(days=1)
    copy = dataclasses.replace(
        original,
        id=f"{original.id}-syndicated",
        text=original.text.rstrip() + "\nThis article was edited by the syndication desk.",
        date=later,
    )
    summary = store.ingest([copy], coder)
    assert summary.near_duplicates == 1 and summary.mentions_added > 0
    assert summary.events_added == 0
    rows = _visits(visit_ledger(store, "PRK"), ("RUS",), "PRK")
    assert sorted(r.date or "" for r in rows) == ["2000", "2024-06"]
