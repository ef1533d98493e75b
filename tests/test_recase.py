"""Title-case headlines: re-cased for the parser, reported as written (``legation.recase``)."""

from __future__ import annotations

import pytest

from legation.model import Article
from legation.nlp import load_pipeline
from legation.recase import Recaser


@pytest.fixture(scope="module")
def recaser() -> Recaser:
    return Recaser(load_pipeline(), names={"trump", "kenya", "peru"})


def test_verbs_and_function_words_of_a_title_line_lose_their_capitals(recaser: Recaser) -> None:
    line = "Peru Agrees to Withdraw From Seized Territory"
    assert recaser.recase(line) == "Peru agrees to withdraw from seized Territory"


def test_names_keep_their_capitals_even_when_they_are_verbs(recaser: Recaser) -> None:
    assert recaser.recase("Kenya Warns Trump About Corruption") == (
        "Kenya warns Trump about Corruption"
    )


def test_running_text_and_short_lines_are_untouched(recaser: Recaser) -> None:
    text = "The Kenyan Foreign Minister met officials of the African Union in Addis Ababa."
    assert recaser.recase(text) == text
    sentence_case = "Power plant disabled by cyber attack"
    assert recaser.recase(sentence_case) == sentence_case
    assert recaser.recase("Peru Wins Big") == "Peru Wins Big"  # under MIN_WORDS
    assert recaser.recase("all lower case text here") == "all lower case text here"


def test_only_title_lines_of_a_text_change_and_the_length_never_does(recaser: Recaser) -> None:
    text = "Kenya Sends Money to Help Peru\nKenya sent 300 Troops to Peru on Monday."
    recased = recaser.recase(text)
    assert recased.splitlines() == [
        "Kenya sends Money to help Peru",
        "Kenya sent 300 Troops to Peru on Monday.",
    ]
    assert len(recased) == len(text)


def test_acronyms_stay(recaser: Recaser) -> None:
    assert recaser.recase("NATO Leaders Agree to Send More Money") == (
        "NATO Leaders agree to send more Money"
    )


def test_a_title_case_headline_is_coded_and_reported_as_written(coder) -> None:  # type: ignore[no-untyped-def]
    headline = "Ghana Agrees to Release Detained Togolese Fishermen"
    events = coder.code_article(Article("h1", f"{headline}\nMore soon.", None))
    assert events, "the headline's verb is found once re-cased"
    assert all(e.sentence.startswith(headline) for e in events)
    assert any(e.source is not None and e.source.country == "GHA" for e in events)
