"""Armed groups, parties, international bodies and leaders in the bundled knowledge base."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from legation.actors.kb import load_default_kb
from legation.actors.phrase import resolve_phrase


def _sources(events: list, root: str) -> set[str]:  # type: ignore[type-arg]
    return {e.source.code for e in events if e.source and e.cameo.startswith(root)}


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("ISIL", "IRQREB"),
        ("Daesh", "IRQREB"),
        ("the Islamic State group", "IRQREB"),
        ("ISIS-K", "AFGREB"),
        ("Islamic State West Africa Province", "NGAREB"),
        ("al-Qaeda in the Arabian Peninsula", "YEMREB"),
        ("Lashkar-e-Taiba", "PAKREB"),
        ("the Pakistani Taliban", "PAKREB"),
        ("the FDLR", "RWAREB"),
        ("the ELN", "COLREB"),
        ("the BJP", "INDPTY"),
        ("the samajwadi party", "INDPTY"),
        ("Shiromani Akali Dal", "INDPTY"),
        ("the cpi(m)", "INDPTY"),
        ("jd(u)", "INDPTY"),
        ("the telugu desam party", "INDPTY"),
        ("the aiadmk", "INDPTY"),
        ("the vhp", "INDPTY"),
        ("the all india muslim personal law board", "INDREL"),
        ("the jamiat ulema-e-hind", "INDREL"),
        ("the babri masjid action committee", "INDREL"),
        ("the hurriyat conference", "INDOPP"),
        ("hizbul mujahideen", "INDREB"),
        ("the Students Islamic Movement of India", "INDREB"),
        ("ulfa", "INDREB"),
        ("the African National Congress", "ZAFPTY"),
        ("AMISOM", "IGOAFU"),
        ("MONUSCO", "IGOUNO"),
        ("Interpol", "IGOITP"),
    ],
)
def test_named_groups_resolve(phrase: str, code: str) -> None:
    assert resolve_phrase(phrase).code == code


def test_ambiguous_short_forms_are_case_sensitive_or_absent() -> None:
    assert resolve_phrase("WHO").code == "IGOWHO"
    assert resolve_phrase("the RSS").code == "INDPTY"
    # lower-case "who", "rss", an "islamic state" in general, or "PTI" (also a news agency)
    for phrase in ("who", "an rss feed", "an islamic state", "PTI"):
        assert resolve_phrase(phrase).code is None, phrase
    # Indian short forms that are also other things: "SP" (a superintendent of police),
    # "CPI" (a price index), "BSP" and "PDP" (parties elsewhere), "sad"; they take their
    # Indian sense only in Indian stories (senses.tsv, test_story_country)
    for phrase in ("the SP", "CPI", "BSP", "the PDP", "sad", "congress"):
        assert resolve_phrase(phrase).code in (None, "LEG"), phrase
    # a bank is not the Bangladeshi party whose acronym it starts with
    assert resolve_phrase("BNP Paribas").code == "FRABUS"


def test_longer_names_beat_the_groups_inside_them() -> None:
    assert resolve_phrase("Kataib Hezbollah").code == "IRQREB"
    assert resolve_phrase("Hezbollah").code == "LBNREB"
    assert resolve_phrase("the Conservative Party of Canada").code == "CANPTY"
    assert resolve_phrase("the Conservative Party").code == "GBRPTY"


def test_dated_leaders() -> None:
    assert resolve_phrase("Uhuru Kenyatta", dt.date(2018, 5, 1)).code == "KENGOV"
    dagalo_2020 = resolve_phrase("Mohamed Hamdan Dagalo", dt.date(2020, 6, 1))
    dagalo_2024 = resolve_phrase("Mohamed Hamdan Dagalo", dt.date(2024, 6, 1))
    assert (dagalo_2020.code, dagalo_2024.code) == ("SDNGOV", "SDNREB")
    assert resolve_phrase("Michelle Bachelet", dt.date(2020, 1, 1)).code == "IGOUNO"
    assert resolve_phrase("Michelle Bachelet", dt.date(2015, 1, 1)).code == "CHLGOV"


def test_group_fighters_attack(code) -> None:  # type: ignore[no-untyped-def]
    events = code("ISIL fighters attacked an army checkpoint near Mosul on Monday.")
    assert "IRQREB" in _sources(events, "19")
    events = code("Daesh militants attacked Syrian troops near Palmyra.")
    assert "IRQREB" in _sources(events, "19")


def test_igo_as_source(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The WHO warned Congo about the spread of the Ebola outbreak.")
    assert {(e.source.code, e.target.code) for e in events if e.source and e.target} >= {
        ("IGOWHO", "COD")
    }


def test_kb_still_loads_fast() -> None:
    start = time.perf_counter()
    kb = load_default_kb()
    assert time.perf_counter() - start < 1.0
    assert len(kb.entries) > 1400
