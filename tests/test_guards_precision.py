"""Precision guards and modality rules for events the coder should not assert: questions,
urged or wanted acts, deontic frames, reported futures, private travel, idioms.

Sentences are invented; each checks one mechanism of ``coding.guards`` or ``coding.modality``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from legation.model import Article, Event
from legation.pipeline import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _events(coder: Coder, text: str) -> list[Event]:
    return coder.code_article(Article("t", text, dt.date(2024, 3, 1)))


def _modalities(events: list[Event], root: str) -> set[str]:
    return {e.modality for e in events if e.cameo.startswith(root)}


def test_question_asserts_nothing(coder: Coder) -> None:
    events = _events(coder, "Will Turkey send more troops into northern Syria?")
    assert _modalities(events, "15") == {"hypothetical"}


def test_reporters_question_is_no_appeal(coder: Coder) -> None:
    text = "Asked whether Japan had requested talks, the spokesman said he did not know."
    assert not [e for e in _events(coder, text) if e.trigger.lower() == "asked"]
    text = "When asked to comment on the clash, an Indian official said the border was calm."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("02")]


def test_urged_and_wanted_acts_are_hypothetical(coder: Coder) -> None:
    events = _events(coder, "Washington wants Seoul to impose sanctions on Moscow.")
    assert _modalities(events, "16") == {"hypothetical"}
    events = _events(coder, "The chancellor said he would not ask Poland to deploy troops.")
    assert "negated" not in _modalities(events, "15")
    assert "occurred" not in _modalities(events, "15")


def test_deontic_frame_is_hypothetical(coder: Coder) -> None:
    events = _events(coder, "Aid groups said it would be best to deliver the food to Gaza.")
    assert "occurred" not in _modalities(events, "07")


def test_reported_would_is_planned(coder: Coder) -> None:
    events = _events(coder, "Israel announced on Sunday that it would release 90 prisoners.")
    assert "planned" in _modalities(events, "08")
    assert "occurred" not in _modalities(events, "08")


def test_meeting_to_be_held_is_planned(coder: Coder) -> None:
    events = _events(coder, "India and Nepal will attend the meeting to be held next week.")
    assert "occurred" not in _modalities(events, "04")


def test_private_travel_is_no_visit(coder: Coder) -> None:
    assert not _events(coder, "Thousands of Indian pilgrims travelled to Saudi Arabia.")
    assert not _events(coder, "Police will escort the devotees if they have to go to shrines.")


def test_idioms_are_no_events(coder: Coder) -> None:
    assert not _events(coder, "Inside the cabinet, the finance minister now calls the shots.")
    assert not _events(coder, "The ministry failed to meet its target for rural roads.")


def test_for_someone_to_act_is_hypothetical(coder: Coder) -> None:
    text = "It is important for the opposition to criticise the government, the editor wrote."
    assert "occurred" not in _modalities(_events(coder, text), "11")


def _codes(events: list[Event]) -> set[str]:
    return {e.cameo for e in events}


def test_name_read_as_verb_is_no_attack(coder: Coder) -> None:
    text = "devotees offered flowers to ram lalla at the makeshift shrine."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("19")]


def test_demonstrate_that_is_showing_not_protest(coder: Coder) -> None:
    text = "The riots in the city have demonstrated that the police were unprepared."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("14")]
    text = "Farmers demonstrated outside the parliament in New Delhi."
    assert [e for e in _events(coder, text) if e.cameo.startswith("14")]


def test_awaited_verdict_finds_no_one_guilty(coder: Coder) -> None:
    for text in (
        "A verdict on the land dispute is expected from the Supreme Court next month.",
        "The minister said the parties should wait till the court verdict on the temple.",
    ):
        assert "116" not in _codes(_events(coder, text))


def test_wanted_person_is_no_appeal(coder: Coder) -> None:
    text = "Kenyan police arrested three Somali men sought in the bombing of a hotel."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("02")]


def test_shots_in_the_air_are_no_fight(coder: Coder) -> None:
    text = "Police fired ten rounds in the air to disperse the stone-throwing mob."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("19")]


def test_police_warning_fire_is_repression(coder: Coder) -> None:
    # police or troops firing in the air at a crowd: violent repression (175), no fight
    text = "In Bihar, India, the police opened fire in the air after the crowd turned violent."
    events = _events(coder, text)
    assert not [e for e in events if e.cameo.startswith("19")]
    assert [e for e in events if e.cameo == "175" and e.source and e.source.sector == "COP"]


def test_celebratory_fire_in_the_air_is_no_event(coder: Coder) -> None:
    text = "In Bihar, India, wedding guests fired in the air as the groom arrived."
    assert not [e for e in _events(coder, text) if e.cameo[:2] in ("17", "18", "19")]


def test_opening_in_the_open_air_is_no_firing(coder: Coder) -> None:
    text = "In Delhi, India, the book fair opened in the open air on Sunday."
    assert not [e for e in _events(coder, text) if e.cameo[:2] in ("17", "19")]


def test_lifted_sanctions_are_not_imposed(coder: Coder) -> None:
    events = _events(coder, "Japan agreed to lift the sanctions on Iran.")
    assert not [e for e in events if e.cameo.startswith("16")]
    assert [e for e in events if e.cameo.startswith("08")]


def test_occupied_as_modifier_is_no_occupation(coder: Coder) -> None:
    text = "The convoy crossed into the Russian-occupied part of Georgia on Friday."
    assert "192" not in _codes(_events(coder, text))


def test_in_no_mood_to_act(coder: Coder) -> None:
    text = "The administration is in no mood to relax the curfew in the old city."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("08")]


def test_admitted_to_hospital_is_no_admission(coder: Coder) -> None:
    text = "Twelve injured protesters were admitted to the district hospital."
    assert "015" not in _codes(_events(coder, text))


def test_papers_and_political_backing_are_no_aid(coder: Coder) -> None:
    text = "The opposition demanded that it be supplied a copy of the report."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("07")]
    text = "The regional party is providing outside support to the coalition government."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("07")]


def test_naming_modifier_and_press_conference(coder: Coder) -> None:
    text = "According to the police control room, the city was calm on Sunday."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("17")]
    text = "Speaking at a news conference, the Nepalese minister said the border was calm."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("04")]


def test_electoral_idioms_and_tone(coder: Coder) -> None:
    text = "The party will contest the assembly elections alone."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("11")]
    text = "Candidates must not seek votes in the name of religion."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("02")]


def test_meeting_as_setting_is_no_consultation(coder: Coder) -> None:
    text = "At a meeting on Monday, the Nepalese opposition leaders denounced the cuts."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("04")]
    text = "The Nepalese ministers will raise the dispute during the cabinet meeting."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("04")]
    text = "The Nepalese prime minister held a meeting with the Chinese ambassador on Monday."
    assert [e for e in _events(coder, text) if e.cameo.startswith("04")]


def test_bare_asking_is_no_appeal(coder: Coder) -> None:
    text = "The Indian Supreme Court asked, and observed that the state had given no answer."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("02")]
    text = "A Nepalese official, when asked to comment on the blockade, told reporters it was over."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("02")]
    text = "The Nepalese government asked India to reopen the border."
    assert [e for e in _events(coder, text) if e.cameo.startswith("02")]


def test_calling_an_event_or_a_name_is_no_phone_call(coder: Coder) -> None:
    text = "The general strike called by the Nepalese opposition shut the capital."
    assert "041" not in _codes(_events(coder, text))
    text = "It was a peaceful march, if we call it a march at all, the Nepalese minister said."
    assert "041" not in _codes(_events(coder, text))
    assert "041" in _codes(_events(coder, "The Nepalese prime minister called Modi on Sunday."))


def test_appreciating_a_fact_is_no_praise(coder: Coder) -> None:
    text = "The Nepalese government could not appreciate the impact of the blockade."
    assert not [e for e in _events(coder, text) if e.cameo[:2] in ("05", "12")]
    text = "The Nepalese prime minister appreciated the efforts of the Indian army."
    assert "051" in _codes(_events(coder, text))


def test_receiving_a_thing_is_no_cooperation(coder: Coder) -> None:
    text = "The Nepalese minister accepted a cheque from the Indian ambassador."
    assert not [e for e in _events(coder, text) if e.cameo.startswith("03")]
    text = "The Nepalese government accepted the Indian proposal."
    assert [e for e in _events(coder, text) if e.cameo.startswith("03")]
