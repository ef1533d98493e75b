"""Analysis fixtures: ``make_store(events)`` gives a fresh SQLite store holding them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from analysis_fakes import fill

from legation.model import Event
from legation.store import Store


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[Callable[[Iterable[Event]], Store]]:
    opened: list[Store] = []

    def make(events: Iterable[Event]) -> Store:
        store = Store(tmp_path / f"t{len(opened)}.db")
        opened.append(store)
        return fill(store, events)

    yield make
    for store in opened:
        store.close()
