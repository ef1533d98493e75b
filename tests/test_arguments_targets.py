"""Target mechanisms of ``coding.arguments``: light-verb attack phrases, attack nouns as
subjects, counted nouns, refuge and restrictions placed in a state, mediation between
disputants, attitudes about an actor, "for X to" clauses, self-possessives, coordinated
objects and the place of a withdrawal."""

from __future__ import annotations

import datetime as dt

import pytest

from legation.model import Article, Event
from legation.pipeline import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _events(coder: Coder, text: str) -> list[Event]:
    return coder.code_article(Article("t", text, dt.date(2021, 3, 4)))


def _has(events: list[Event], source: str | None, target: str, cameo: str) -> bool:
    def match(actor_code: str | None, country: str | None, want: str | None) -> bool:
        return want is None or want in (actor_code, country)

    return any(
        e.cameo.startswith(cameo)
        and e.target is not None
        and match(e.target.code, e.target.country, target)
        and (
            source is None
            or (e.source is not None and match(e.source.code, e.source.country, source))
        )
        for e in events
    )


@pytest.mark.parametrize(
    ("text", "source", "target", "cameo"),
    [
        # the attack phrase on the light verb ("launched an offensive *on* …")
        ("Ethiopian forces launched an offensive on the last TPLF rebel bastion in the region "
         "on Tuesday.", "ETH", "ETHREB", "190"),
        # a counted noun: "a number of … websites"
        ("Russian hackers launched attacks on a number of Estonian ministry websites in April.",
         "RUS", "ESTGOV", "190"),
        # an attack noun as subject of "hit"
        ("Russian air strikes hit a rebel-held town in Idlib province.", "RUS", "REB", "195"),
        ("Thousands of Sudanese civilians have sought refuge in Chad.", "SDN", "TCD", "020"),
        ("Authorities in La Paz imposed a curfew in Bolivia after the riots.", "BOL", "BOL", "172"),
        ("The Ecuadorian government declared a state of emergency in Ecuador.", "ECU", "ECU",
         "172"),
        ("Norway launched a mediation effort to end the conflict between Colombia and "
         "Venezuela.", "NOR", "VEN", "045"),
        ("Kuwait mediated in the dispute between Qatar and Saudi Arabia.", "KWT", "SAU", "045"),
        ("The Spanish government expressed concern about the arrests in Venezuela.", "ESP",
         "VEN", "012"),
        ("Canada voiced hope that the Haitian government would hold elections soon.", "CAN",
         "HTIGOV", "013"),
        ("Malaysia sent 300 soldiers in Lebanon.", "MYS", "LBN", "154"),
        ("Estonia and Latvia delivered their aid packages to Ukraine.", "LVA", "UKR", "070"),
        ("The protesters condemned the arrests and the harsh sentences handed down by the "
         "Egyptian authorities.", None, "EGY", "111"),
        ("The senator appealed for Iran to release the sailors.", None, "IRN", "020"),
        ("Chile completed its withdrawal of troops from Haiti.", "CHL", "HTI", "087"),
        ("Jordan has pledged 20 million dollars to support reconstruction in Iraq.", "JOR",
         "IRQ", "032"),
        ("Britain withdrew 200 troops from a camp in Kosovo.", "GBR", "XKX", "087"),
        ("The Houthi rebels agreed to a truce in Yemen.", "YEMREB", "YEM", "035"),
        ("ELN guerrillas agreed to lay down their arms in Colombia.", "COLREB", "COL", "087"),
        ("The regional government is considering giving loans to Pakistani traders.", None,
         "PAKBUS", "071"),
        ("The European Union imposed new sanctions in relation to Belarus.", "IGOEUR", "BLR",
         "163"),
        ("Six Turkish sailors, kidnapped off the coast last month, have been released by "
         "Nigerian pirates.", "NGA", "TUR", "084"),
        ("Three reporters were arrested and interrogated by Iranian police.", "IRNCOP", "MED",
         "173"),
        ("Israeli jets carried out a strike overnight, targeting Hamas commanders in Gaza.",
         "ISRMIL", "PSEREB", "190"),
        ("Japan sent food and medicines such as antibiotics to Haiti.", "JPN", "HTI", "07"),
        ("Al-Shabaab claimed responsibility for an attack on a Kenyan army base.", "SOMREB",
         "KENMIL", "190"),
        ("Al-Shabaab claimed responsibility for an attack on a Kenyan army base.", "SOMREB",
         "KENMIL", "015"),
    ],
)  # fmt: skip
def test_target_found(coder: Coder, text: str, source: str | None, target: str, cameo: str) -> None:
    events = _events(coder, text)
    assert _has(events, source, target, cameo), [
        (e.cameo, e.source and e.source.code, e.target and e.target.code) for e in events
    ]


def test_own_possessive_is_no_target(coder: Coder) -> None:
    """ "their aid packages": the givers themselves, not each other's counterpart."""
    events = _events(coder, "Estonia and Latvia delivered their aid packages to Ukraine.")
    assert not any(
        e.source and e.target and e.source.country == "EST" and e.target.country == "LVA"
        for e in events
    )


def test_own_troops_give_way_to_the_place(coder: Coder) -> None:
    events = _events(coder, "Malaysia sent 300 soldiers in Lebanon.")
    assert not any(e.target is not None and e.target.code == "MIL" for e in events)


def test_withdrawal_from_is_not_the_source(coder: Coder) -> None:
    events = _events(coder, "Chile completed its withdrawal of troops from Haiti.")
    assert not any(e.source is not None and e.source.country == "HTI" for e in events)


def test_aid_stays_off_the_givers_own_state(coder: Coder) -> None:
    """Aid placed in the giver's own country names no target (restrictions may)."""
    events = _events(coder, "Germany provided 20 million euros in aid to people in Germany.")
    assert not any(e.target is not None and e.target.country == "DEU" for e in events)


def test_denied_responsibility_names_no_attacker(coder: Coder) -> None:
    events = _events(coder, "The rebels denied responsibility for the bombing of a bus in Kabul.")
    assert not any(e.source is not None and e.root in ("18", "19") for e in events)
