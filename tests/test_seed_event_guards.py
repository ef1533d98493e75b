"""The seed articles code without the false events of the events issue, with its dates.

The checks live in ``benchmarks/seed_checks.py`` (``EVENT_ISSUE_CHECKS``), next to the
must-show ones; each is a predicate over events, none reads sentence text. Read from
../shared; skipped when absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.seed_checks import EVENT_ISSUE_CHECKS, read_seeds

from legation.model import Event

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed_events(coder, shared_dir: Path) -> list[Event]:  # type: ignore[no-untyped-def]
    articles = read_seeds(shared_dir / "corpus" / "seeds.jsonl")
    return [e for coded in coder.code_stream(articles) for e in coded.events]


@pytest.mark.parametrize(
    ("name", "check"), EVENT_ISSUE_CHECKS, ids=[name for name, _ in EVENT_ISSUE_CHECKS]
)
def test_seed_articles_lack_false_events(name: str, check, seed_events: list[Event]) -> None:  # type: ignore[no-untyped-def]
    assert seed_events, "the seed articles yield events"
    assert check(seed_events), name
