"""Modality rules for acts the text only aims at, fears, predicts or suspends: goals
("to ensure that they do not walk out"), forecasts ("confident that people will support us"),
waiting and aims ("waiting to go", "with an aim to grab"), and suspended decisions ("put on
hold its decision to ask").

Sentences are invented; each checks one mechanism of ``coding.modality``.
"""

from __future__ import annotations

import datetime as dt

from legation.model import Article, Event
from legation.pipeline import Coder


def _events(coder: Coder, text: str) -> list[Event]:
    return coder.code_article(Article("t", text, dt.date(2024, 3, 1)))


def _modalities(events: list[Event], root: str) -> set[str]:
    return {e.modality for e in events if e.cameo.startswith(root)}


def test_goal_clause_is_hypothetical_not_negated(coder: Coder) -> None:
    text = "Nepal's government acted to ensure that the Maoist rebels did not attack the town."
    assert _modalities(_events(coder, text), "19") == {"hypothetical"}
    text = "The Nepalese police will make sure that the opposition does not hold the rally."
    assert _modalities(_events(coder, text), "14") == {"hypothetical"}


def test_outcome_ensured_stays_negated(coder: Coder) -> None:
    text = "The Nepalese police ensured that the opposition did not hold the rally."
    assert _modalities(_events(coder, text), "14") == {"negated"}


def test_forecast_is_hypothetical(coder: Coder) -> None:
    text = "The Nepalese prime minister is confident that India will support Nepal."
    assert _modalities(_events(coder, text), "05") == {"hypothetical"}
    text = "Nepal feared that the Maoist rebels would attack the capital."
    assert _modalities(_events(coder, text), "19") == {"hypothetical"}
    text = "Nepal said that the Maoist rebels would attack the capital."
    assert "hypothetical" not in _modalities(_events(coder, text), "19")


def test_waiting_and_aims_are_not_yet(coder: Coder) -> None:
    text = "Nepalese ministers were waiting to visit India."
    assert _modalities(_events(coder, text), "04") == {"planned"}
    text = "Nepal accused the Maoist rebels of a plot with an aim to seize the police stations."
    assert "occurred" not in _modalities(_events(coder, text), "17")


def test_suspended_decision_is_negated(coder: Coder) -> None:
    text = "The Nepalese government put on hold its decision to ask India for aid."
    assert _modalities(_events(coder, text), "02") == {"negated"}


def test_purpose_of_a_measure_is_hypothetical(coder: Coder) -> None:
    text = "The Nepalese government took steps to defuse the tension with India."
    assert _modalities(_events(coder, text), "08") == {"hypothetical"}
