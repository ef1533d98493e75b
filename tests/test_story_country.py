"""The story's country in messy local news: share bars, datelines, lower-cased words."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.lang.en import English

from legation.actors.gazetteer import english_words, load_gazetteer, with_word_forms
from legation.actors.kb import KnowledgeBase, load_default_kb
from legation.actors.resolver import ActorResolver, ArticleActors
from legation.actors.story import is_lower_cased, story_country
from legation.nlp import load_pipeline


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    nlp = load_pipeline()
    return with_word_forms(load_gazetteer(english_words(nlp)), nlp)


@pytest.fixture(scope="module")
def resolve(coder):  # type: ignore[no-untyped-def]
    resolver: ActorResolver = coder.resolver

    def run(text: str) -> ArticleActors:
        return resolver.resolve(load_pipeline()(text), dt.date(2002, 3, 5))

    return run


BODY = (
    "kanpur: the district police detained six youths on tuesday after stones were thrown "
    "at a procession near the old market. officials said the town was calm by evening."
)


def test_share_bars_and_line_openers_do_not_make_an_article_cased() -> None:
    nlp = English()
    assert is_lower_cased(nlp(BODY))
    assert is_lower_cased(nlp("This story is from June 4, 2003\n\n" + BODY))
    assert is_lower_cased(nlp(BODY + "\n\nFacebook Twitter Linkedin Mail Print"))
    # an ordinary article with a title line is still cased
    cased = "Stones Thrown In Kanpur\n" + "Police in Kanpur detained six youths on Tuesday. " * 3
    assert not is_lower_cased(nlp(cased))


def test_a_dateline_place_alone_gives_the_story_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    nlp = English()
    doc = nlp("kanpur: the district police detained six youths on tuesday evening.")
    assert story_country(doc, [], gazetteer, lower_cased=True) == "IND"
    # the same place inside a sentence is one vote, not enough on its own
    inside = nlp("the district police in kanpur detained six youths on tuesday evening.")
    assert story_country(inside, [], gazetteer, lower_cased=True) is None


def test_inflected_english_words_are_places_only_when_capitalised(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "swords" (a town in Ireland), "banning" (California) are also forms of English words
    assert gazetteer.country_of("Swords") == "IRL"
    assert gazetteer.country_of_lower("swords") is None
    assert gazetteer.country_of_lower("banning") is None
    assert gazetteer.country_of_lower("lucknow") == "IND"  # a base form stays a place
    nlp = English()
    doc = nlp("mobs with swords marched in kanpur and agra after the banning of the rally.")
    assert story_country(doc, [], gazetteer, lower_cased=True) == "IND"


def test_words_of_indian_english_are_not_foreign_towns(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.country_of("sabha") is None  # an assembly, not Sabha in Libya
    assert gazetteer.country_of("old city") is None  # a quarter of any city


def test_police_in_a_lower_cased_local_story_take_its_country(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve("This story is from June 4, 2003\n\n" + BODY + "\n\nFacebook Twitter Mail")
    assert found.story_country == "IND"
    police = [m for m in found.mentions if m.actor.sector == "COP"]
    assert police and all(m.actor.code == "INDCOP" for m in police)


def test_a_capital_as_dateline_is_a_vote_not_an_actor(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve("new delhi: the union said its leader had been detained by police overnight.")
    assert found.story_country == "IND"
    assert all(m.actor.text != "new delhi" for m in found.mentions)
    police = [m for m in found.mentions if m.actor.sector == "COP"]
    assert police and police[0].actor.code == "INDCOP"
    # the capital inside a sentence is still an actor ("officials in New Delhi": its state)
    inside = resolve("Officials in New Delhi protested to Islamabad on Monday.")
    assert any("New Delhi" in m.actor.text and m.actor.code == "INDGOV" for m in inside.mentions)


def test_a_dateline_may_name_its_news_agency(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve("MOSCOW (Reuters) - Riot police detained dozens of marchers in the centre.")
    assert all(m.actor.text != "MOSCOW" for m in found.mentions)
    assert found.story_country == "RUS"


def _codes(found: ArticleActors) -> dict[str, str]:
    return {found.doc[m.start : m.end].text: m.actor.code for m in found.mentions}


def test_congress_in_an_indian_story_is_the_party(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve(
        "lucknow: the congress accused the state government of shielding the rioters, "
        "and congress workers blocked a road in kanpur."
    )
    assert found.story_country == "IND"
    codes = _codes(found)
    assert codes["the congress"] == "INDPTY"
    # the party's members act as it, as "BJP leaders" do
    assert codes["congress workers"] == "INDPTY"
    assert "INDLEG" not in codes.values()


def test_congress_elsewhere_stays_a_legislature(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve(
        "WASHINGTON (AP) - Congress passed the spending bill on Monday, and senators "
        "in Washington said the president would sign it."
    )
    assert found.story_country == "USA"
    assert _codes(found)["Congress"] == "USALEG"


def test_a_longer_name_keeps_its_code_in_an_indian_story(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve("kolkata: the trinamul congress and the cpi(m) clashed in howrah on friday.")
    codes = _codes(found)
    assert codes["the trinamul congress"] == "INDPTY"
    assert codes["the cpi(m)"] == "INDPTY"
    assert [m for m in found.mentions if m.reason.startswith("kb:sense")] == []


def test_short_forms_take_their_indian_sense_in_indian_stories_only(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve("patna: the rss and the cpi held rallies in gaya and bhagalpur on sunday.")
    codes = _codes(found)
    assert (codes["the rss"], codes["the cpi"]) == ("INDPTY", "INDPTY")
    foreign = resolve("LONDON (Reuters) - The CPI rose in London and Manchester last month.")
    assert all(m.actor.code != "INDPTY" for m in foreign.mentions)


def test_senses_load_from_a_users_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "senses.tsv"
    path.write_text("country\tcode\tname\tpatterns\nNPL\tNPLREB\tCPN (Maoist)\tthe maoists\n")
    kb = KnowledgeBase()
    kb.add_file(path)
    assert [(s.country, s.code, s.patterns) for s in kb.senses] == [
        ("NPL", "NPLREB", ("the maoists",))
    ]
    bundled = load_default_kb().senses
    assert any(s.country == "IND" and "congress" in s.patterns for s in bundled)
