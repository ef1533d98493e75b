"""Event identity rules (``store.linking``): which stored event a new mention reports.

The pure rules are tested on small ``Facts`` records; one test goes through
``Store.ingest`` to check that two reports of one visit become one event."""

from __future__ import annotations

import pytest
from store_fakes import FakeCoder, article

from legation.store import Store
from legation.store.linking import (
    Candidate,
    Facts,
    Side,
    blocking_key,
    choose,
    code_distance,
    date_overlap,
    date_rank,
    oriented,
    score,
)

RUS, PRK, FRA = Side("RUS"), Side("PRK"), Side("FRA")


def facts(
    start: str | None = "2024-06-19",
    end: str | None = None,
    *,
    source: Side | None = RUS,
    target: Side | None = PRK,
    cameo: str = "042",
    modality: str = "occurred",
    date_source: str | None = "text",
    count: int = 1,
) -> Facts:
    """A mention's facts; ``end`` defaults to ``start`` (a one-day date)."""
    return Facts(source, target, cameo, modality, start, end or start, date_source, count)


def links(new: Facts, old: Facts, same_story: bool = False) -> bool:
    return score(new, Candidate("e1", old, same_story)) is not None


# --- actors ---------------------------------------------------------------------------


def test_same_actors_are_compatible() -> None:
    assert links(facts(), facts())


def test_a_different_country_is_a_different_event() -> None:
    assert not links(facts(target=FRA), facts())
    assert not links(facts(source=Side("SUN")), facts())


def test_contradictory_sectors_or_persons_are_different_events() -> None:
    gov, mil = Side("RUS", "GOV"), Side("RUS", "MIL")
    assert not links(facts(source=gov), facts(source=mil))
    assert links(facts(source=gov), facts(source=RUS))  # one side leaves the sector out
    father = Side("PRK", "GOV", "Kim Il Sung")
    son = Side("PRK", "GOV", "Kim Jong Il")
    assert not links(facts(source=father, target=RUS), facts(source=son, target=RUS))
    assert links(facts(source=father, target=RUS), facts(source=Side("PRK"), target=RUS))


def test_a_missing_side_joins_only_within_one_story() -> None:
    assert not links(facts(target=None), facts())
    assert links(facts(target=None), facts(), same_story=True)


def test_hosting_is_the_visit_seen_from_the_other_side() -> None:
    host = oriented(PRK, RUS, "043")  # "PRK hosted RUS"
    assert host == (RUS, PRK, "042")
    assert blocking_key(facts(source=host[0], target=host[1], cameo=host[2])) == "RUS|PRK|04"


def test_joint_acts_have_no_direction() -> None:
    assert oriented(Side("GBR"), FRA, "057") == oriented(FRA, Side("GBR"), "057")


# --- codes ----------------------------------------------------------------------------


def test_parent_and_child_codes_are_compatible() -> None:
    assert code_distance("042", "042") == 0
    assert code_distance("042", "040") == 1
    assert code_distance("04", "042") == 1
    assert code_distance("0231", "023") == 1
    assert links(facts(cameo="040"), facts(cameo="042"))


def test_a_different_root_is_a_different_event() -> None:
    assert code_distance("042", "057") is None
    assert code_distance("042", "190") is None
    assert not links(facts(cameo="190"), facts(cameo="042"))


def test_the_closest_code_wins() -> None:
    new = facts(cameo="042")
    general = Candidate("general", facts(cameo="040"))
    exact = Candidate("exact", facts(cameo="042"))
    assert choose(new, [general, exact]) == "exact"


# --- dates ----------------------------------------------------------------------------


def test_a_month_contains_its_days() -> None:
    month = facts("2024-06-01", "2024-06-30")
    day = facts("2024-06-19")
    assert links(day, month) and links(month, day)
    overlap = date_overlap(day, month, same_story=False)
    assert overlap is not None and 0 < overlap < 1
    assert date_overlap(day, day, same_story=False) == 1.0


def test_two_different_days_are_two_events() -> None:
    assert not links(facts("2024-06-25"), facts("2024-06-19"))
    assert not links(facts("2024-07-03"), facts("2024-06-01", "2024-06-30"))


def test_an_article_dated_report_matches_a_recent_event_only() -> None:
    told = facts("2024-06-19")  # the text gave the day
    assert links(facts("2024-06-25", date_source="article"), told)
    assert not links(facts("2024-09-30", date_source="article"), told)


def test_two_article_dated_reports_need_the_same_news_cycle() -> None:
    first = facts("2024-06-19", date_source="article")
    assert links(facts("2024-06-20", date_source="article"), first)
    assert not links(facts("2024-06-28", date_source="article"), first)


def test_the_article_date_never_outweighs_a_date_the_text_gives() -> None:
    article_day = date_rank("article", "day", "2024-06-25")
    assert article_day < date_rank("text", "day", "2024-06-19")
    assert article_day < date_rank("text", "month", "2024-06-01")
    assert article_day < date_rank("text", "year", "2024-01-01")
    # among text dates the more precise wins, and any date beats none
    assert date_rank("text", "day", "2024-06-19") > date_rank("text", "month", "2024-06-01")
    assert date_rank("article", "day", "2024-06-25") > date_rank(None, None, None)


def test_undated_mentions_join_only_their_story_or_the_same_repeated_trip() -> None:
    undated = facts(None)
    assert not links(undated, facts())
    assert links(undated, facts(), same_story=True)
    kim = Side("PRK", None, "Kim Il Sung")
    twelve = facts(None, source=kim, target=Side("SUN"), count=12)
    assert links(twelve, twelve)
    other = facts(None, source=Side("PRK", None, "Kim Jong Il"), target=Side("SUN"), count=12)
    assert not links(other, twelve)


# --- counts and modality --------------------------------------------------------------


def test_a_trip_made_twelve_times_is_not_one_of_the_twelve() -> None:
    assert not links(facts(None, count=12), facts(None, count=1), same_story=True)


def test_a_planned_visit_that_happened_is_one_event() -> None:
    planned = facts("2024-06-19", modality="planned")
    occurred = facts("2024-06-19", modality="occurred")
    assert links(occurred, planned) and links(planned, occurred)
    assert links(facts("2024-06-19", modality="negated"), planned)  # planned, then called off


def test_an_occurred_event_never_joins_a_negated_one() -> None:
    assert not links(facts(modality="negated"), facts(modality="occurred"))


def test_a_trip_announced_for_november_is_not_the_march_trip() -> None:
    march = facts("2024-03-01", "2024-03-31")
    november = facts("2024-11-01", "2024-11-30", modality="planned")
    assert not links(november, march)
    assert choose(november, [Candidate("march", march)]) is None


def test_two_dated_visits_between_the_same_actors_stay_two() -> None:
    kim = Side("PRK", "GOV", "Kim Jong Un")
    first = Candidate("2019", facts("2019-04-24", "2019-04-25", source=kim, target=RUS))
    second = Candidate("2023", facts("2023-09-13", source=kim, target=RUS))
    assert choose(facts("2023-09-13", source=kim, target=RUS), [first, second]) == "2023"
    assert choose(facts("2019-04-25", source=kim, target=RUS), [first, second]) == "2019"
    assert choose(facts("2021-05-05", source=kim, target=RUS), [first, second]) is None


def test_a_candidate_from_the_same_story_is_preferred() -> None:
    month = facts("2024-06-01", "2024-06-30")
    elsewhere = Candidate("elsewhere", facts("2024-06-19"))
    story = Candidate("story", month, same_story=True)
    assert choose(facts("2024-06-19"), [elsewhere, story]) == "story"


@pytest.mark.parametrize("candidates", [[], [Candidate("x", facts(target=FRA))]])
def test_no_compatible_candidate_means_a_new_event(candidates: list[Candidate]) -> None:
    assert choose(facts(), candidates) is None


# --- through ingest -------------------------------------------------------------------

REPORT = (
    "RUS visited PRK on Wednesday, the first such trip in a generation. "
    "Crowds lined the road from the airport."
)
OTHER_OUTLET = (
    "Officials in the capital greeted the delegation warmly. "
    "According to state media, RUS visited PRK and stayed for two days of talks."
)


def test_two_reports_of_one_visit_are_one_event_with_two_mentions(store: Store) -> None:
    batch = [
        article("wire-1", REPORT, "2024-06-19"),
        article("paper-2", OTHER_OUTLET, "2024-06-20"),
    ]
    summary = store.ingest(batch, FakeCoder())
    assert summary.articles_added == 2
    assert (summary.events_added, summary.mentions_added) == (1, 2)
    info = store.info()
    assert (info.events, info.mentions) == (1, 2)
    [event] = store.events()
    assert event.cameo == "042"
    again = store.ingest(batch, FakeCoder())
    assert (again.articles_added, again.events_added, again.mentions_added) == (0, 0, 0)
    assert (store.info().events, store.info().mentions) == (1, 2)


def test_a_later_different_visit_stays_a_new_event(store: Store) -> None:
    store.ingest([article("wire-1", REPORT, "2024-06-19")], FakeCoder())
    summary = store.ingest(
        [article("wire-9", "In a surprise move RUS visited PRK again.", "2024-11-02")], FakeCoder()
    )
    assert summary.events_added == 1
    assert store.info().events == 2
