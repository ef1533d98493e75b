"""The must-show events of the seed articles (read from ../shared; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.seed_checks import NEGATIVE_SEED_CHECKS, SEED_CHECKS, read_seeds

from legation.model import Event

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed_events(coder, shared_dir: Path) -> list[Event]:  # type: ignore[no-untyped-def]
    articles = read_seeds(shared_dir / "corpus" / "seeds.jsonl")
    return [e for coded in coder.code_stream(articles) for e in coded.events]


@pytest.mark.parametrize(("name", "check"), SEED_CHECKS, ids=[name for name, _ in SEED_CHECKS])
def test_seed_event(name: str, check, seed_events: list[Event]) -> None:  # type: ignore[no-untyped-def]
    assert check(seed_events), name


# Negative checks that fail today: kept (not weakened) and tracked by their issue.
KNOWN_NEGATIVE_FAILURES: dict[str, str] = {}


def negative_params() -> list[object]:
    return [
        pytest.param(
            name,
            check,
            id=name,
            marks=[pytest.mark.xfail(reason=KNOWN_NEGATIVE_FAILURES[name], strict=False)]
            if name in KNOWN_NEGATIVE_FAILURES
            else [],
        )
        for name, check in NEGATIVE_SEED_CHECKS
    ]


@pytest.mark.parametrize(("name", "check"), negative_params())
def test_seed_output_lacks_what_did_not_happen(name: str, check, seed_events: list[Event]) -> None:  # type: ignore[no-untyped-def]
    assert seed_events, "the seed articles yield events"
    assert check(seed_events), name


def test_every_seed_event_keeps_its_sentence(seed_events: list[Event]) -> None:
    assert seed_events
    for event in seed_events:
        assert event.trigger.split()[0] in event.sentence or "…" in event.trigger
