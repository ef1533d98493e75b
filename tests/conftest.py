"""Shared fixtures: the loaded coder is expensive (~2 s), so one per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legation.model import Article, Event

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    from legation.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def code(coder):  # type: ignore[no-untyped-def]
    """``code(text, date="2024-06-25") -> list[Event]`` with the session's coder."""

    def run(text: str, date: str | None = "2024-06-25") -> list[Event]:
        when = dt.date.fromisoformat(date) if date else None
        return coder.code_article(Article("t", text, when))

    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
