"""``Store.to_pandas``: pandas is an optional extra, named in the error when missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from legation.errors import StoreError
from legation.store import Store


def test_missing_pandas_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas → ModuleNotFoundError
    with Store(tmp_path / "s.db") as store, pytest.raises(StoreError) as caught:
        store.to_pandas()
    assert "pip install 'legation[pandas]'" in str(caught.value)


def test_to_pandas_gives_a_frame(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    with Store(tmp_path / "s.db") as store:
        frame = store.to_pandas(source="RUS")
    assert len(frame) == 0 and "event_id" in frame.columns
