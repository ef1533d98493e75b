"""The date resolver on arbitrary text and arbitrary article dates (``spacy.blank``, so
no model is needed): it never raises, and every value it gives is a real ISO prefix."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legation.coding.dates import find_dates

from .conftest import fuzz

spacy = pytest.importorskip("spacy")
NLP = spacy.blank("en")

DATE_WORDS = [
    "June", "jun.", "Sept", "May", "mid-", "early ", "late ", "19", "31st", "0", "00", "13",
    "2024", "1799", "2101", "9999", "0000", "1990s", "the 2000's", "-", "–", ",", " of ",
    "last", "next", "this", "earlier this", "week", "month", "year", "yesterday", "today",
    "tomorrow", "Monday", "next Sunday", "since", "until", "2024-13-45", "2024-02-30",
    "2023-00-10", "$", "%", " ", "\n", "troops",
]  # fmt: skip
date_soup = st.lists(st.sampled_from(DATE_WORDS) | st.text(max_size=5), max_size=40).map(" ".join)
article_dates = st.none() | st.dates() | st.sampled_from([dt.date.min, dt.date.max])

_VALUE = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
    "year": re.compile(r"\d{4}"),
    "decade": re.compile(r"\d{3}"),
}


def check_value(value: str, precision: str) -> None:
    assert _VALUE[precision].fullmatch(value), (value, precision)
    if precision == "day":
        dt.date.fromisoformat(value)


@fuzz
@given(text=date_soup | st.text(max_size=300), today=article_dates)
def test_find_dates_never_raises_and_gives_real_dates(text: str, today: dt.date | None) -> None:
    doc = NLP(text)
    for mention in find_dates(doc[:], today):
        assert 0 <= mention.start < mention.end <= len(doc)
        check_value(mention.value, mention.precision)
        if mention.future is not None:
            check_value(mention.future, mention.precision)


@pytest.mark.parametrize("text", ["tomorrow", "next Monday", "next week", "next year", "June 3"])
def test_relative_dates_at_the_end_of_time(text: str) -> None:
    """An article dated 9999-12-31 (a hostile but valid input date) does not crash."""
    for today in (dt.date.max, dt.date.min):
        for mention in find_dates(NLP(text)[:], today):
            check_value(mention.value, mention.precision)
