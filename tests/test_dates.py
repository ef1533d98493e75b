"""Date expressions resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from legation.coding.dates import find_dates

TODAY = dt.date(2024, 6, 25)  # a Tuesday
nlp = spacy.blank("en")


def values(text: str, today: dt.date | None = TODAY) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(d.value, d.precision) for d in find_dates(doc[:], today)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He arrived on June 19, 2024.", [("2024-06-19", "day")]),
        ("He arrived on 19 June 2024.", [("2024-06-19", "day")]),
        ("It was signed in March 2023.", [("2023-03", "month")]),
        ("The trip was back in 2000, shortly after.", [("2000", "year")]),
        ("It happened in mid-June.", [("2024-06", "month")]),
        ("It happened in December.", [("2023-12", "month")]),
        ("They met last month.", [("2024-05", "month")]),
        ("They met last year.", [("2023", "year")]),
        ("Mao was honoured in the 1970s.", [("197", "decade")]),
        ("She has gone there twice: in 2017 and 2021.", [("2017", "year"), ("2021", "year")]),
        ("They met on Monday.", [("2024-06-24", "day")]),
        ("They met yesterday.", [("2024-06-24", "day")]),
        ("On May 9, the parade took place.", [("2024-05-09", "day")]),
    ],
)
def test_resolves(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    ["He sent 2,000 troops.", "It costs $2024.", "Growth was 2019%.", "They may meet soon."],
)
def test_ignores_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert values(text) == []


def test_relative_dates_need_an_article_date() -> None:
    assert values("They met last month.", today=None) == []
    assert values("They met in 2019.", today=None) == [("2019", "year")]


def test_bounds_are_marked() -> None:
    doc = nlp("It was his first visit since 2000.")
    (mention,) = find_dates(doc[:], TODAY)
    assert mention.bound and mention.value == "2000"


def test_impossible_day_keeps_the_month() -> None:
    assert values("On February 30, 2023 nothing happened.") == [("2023-02", "month")]


def test_planned_events_read_yearless_dates_forward() -> None:
    doc = nlp("He will visit in April and on Thursday.")
    april, thursday = find_dates(doc[:], TODAY)
    assert (april.value, april.future) == ("2024-04", "2025-04")
    assert (thursday.value, thursday.future) == ("2024-06-20", "2024-06-27")
    (june,) = find_dates(nlp("He will visit in June.")[:], TODAY)
    assert june.future is None  # this month: the same reading either way
