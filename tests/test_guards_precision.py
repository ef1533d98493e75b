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
