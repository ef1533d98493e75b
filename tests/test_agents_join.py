"""Agent words joined with the actor they belong to: a group or body in front of them, a
place they are from or in; and the agent lexicon's breadth and one-sector rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from legation.actors.kb import load_default_kb
from legation.actors.resolver import ActorResolver, ArticleActors
from legation.nlp import load_pipeline


@pytest.fixture(scope="module")
def resolve(coder):  # type: ignore[no-untyped-def]
    resolver: ActorResolver = coder.resolver

    def run(text: str) -> ArticleActors:
        return resolver.resolve(load_pipeline()(text), dt.date(2024, 6, 25))

    return run


def codes(actors: ArticleActors) -> dict[str, str]:
    return {m.actor.text: m.actor.code for m in actors.mentions}


def test_group_in_front_of_an_agent_word_is_the_group(resolve) -> None:  # type: ignore[no-untyped-def]
    assert codes(resolve("Hezbollah fighters shelled a border post."))["Hezbollah fighters"] == (
        "LBNREB"
    )
    # gunmen of a named group act as the group, not as unidentified armed men
    found = codes(resolve("Taliban gunmen stormed a checkpoint."))
    assert found["Taliban gunmen"] == "AFGREB"
    assert codes(resolve("Fighters of Hezbollah crossed the river."))["Fighters of Hezbollah"] == (
        "LBNREB"
    )


def test_group_with_outsiders_stays_apart(resolve) -> None:  # type: ignore[no-untyped-def]
    # prisoners held by a group are not the group acting
    found = resolve("Taliban prisoners were handed over at dawn.")
    assert all(m.actor.code != "AFGREB" or m.actor.text == "Taliban" for m in found.mentions)
    assert "Taliban prisoners" not in codes(found)


def test_international_body_and_seat_of_power(resolve) -> None:  # type: ignore[no-untyped-def]
    assert codes(resolve("UN troops left the town."))["UN troops"] == "IGOUNOMIL"
    assert codes(resolve("Kremlin officials rejected the offer."))["Kremlin officials"] == "RUSGOV"
    # a seat of power with a sector of its own keeps it
    assert codes(resolve("Pentagon officials confirmed the strike."))["Pentagon officials"] == (
        "USAMIL"
    )
    # a capital's critics are that country's opposition, not its government
    assert codes(resolve("Kremlin critics gathered outside."))["Kremlin critics"] == "RUSOPP"


def test_agent_from_or_in_a_country(resolve) -> None:  # type: ignore[no-untyped-def]
    assert codes(resolve("Troops from Chad crossed the border."))["Troops from Chad"] == "TCDMIL"
    assert codes(resolve("Police in Kenya detained four men."))["Police in Kenya"] == "KENCOP"
    found = codes(resolve("Mortar fire wounded two civilians in northern Syria."))
    assert found["civilians in northern Syria"] == "SYRCVL"


def test_agent_in_a_gazetteer_place(resolve) -> None:  # type: ignore[no-untyped-def]
    found = codes(resolve("Police in Lucknow detained a shopkeeper."))
    assert found["Police in Lucknow"] == "INDCOP"


def test_visitors_in_a_place_are_not_of_it(resolve) -> None:  # type: ignore[no-untyped-def]
    # an envoy or foreign troops "in" a country are not that country's
    found = codes(resolve("The envoy in Kenya met reporters."))
    assert found.get("envoy") == "GOV"
    found = codes(resolve("Troops in Mali were put on alert."))
    assert "Troops in Mali" not in found
    # a capital in the phrase is the city, so its state: the seat of power's own code for
    # officials, the state's police for police
    found = codes(resolve("Officials in New Delhi protested to Islamabad."))
    assert found["Officials in New Delhi"] == "INDGOV" and found["Islamabad"] == "PAKGOV"
    found = codes(resolve("Police in Nairobi detained two reporters."))
    assert found["Police in Nairobi"] == "KENCOP"


def test_agent_lexicon_is_broad_and_one_sector_per_pattern() -> None:
    kb = load_default_kb()
    sectors: dict[str, set[str]] = defaultdict(set)
    for agent in kb.agents:
        for pattern in agent.patterns:
            sectors[pattern].add(agent.sector)
    assert len(sectors) > 2500
    assert all(len(s) == 1 for s in sectors.values())
    assert {a.sector for a in kb.agents} >= {
        "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "CVL", "ACT", "BUS", "MED", "EDU",
        "LAB", "REF", "HLH", "NGO", "HRI", "SPY", "REL", "CRM", "PTY", "UAF",
    }  # fmt: skip
    for word, sector in [
        ("border police", "COP"),
        ("security officials", "GOV"),
        ("government forces", "MIL"),
        ("gunmen", "UAF"),
        ("party", "PTY"),
        ("mlas", "LEG"),
        ("maoist rebels", "REB"),
        ("human traffickers", "CRM"),
        ("muslim personal law board", "REL"),
    ]:
        assert sectors[word] == {sector}, word
    # words that are mostly no actor in ordinary English are not agents on their own
    for word in ("board", "justice", "mission", "daily", "protest", "public"):
        assert word not in sectors, word
