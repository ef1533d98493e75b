"""Read commands refuse a store that does not exist (exit 4, one line) instead of
creating an empty one and answering "0 events"; only ingest and the imports create."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from legation.cli import main
from legation.errors import StoreError
from legation.store import Store

READ_COMMANDS = [
    ["events"],
    ["export", "-f", "jsonl"],
    ["db-info"],
    ["dyad", "RUS", "PRK"],
    ["visits"],
    ["claim", "RUS", "PRK"],
    ["reversals"],
    ["partners", "RUS"],
    ["network"],
    ["serve"],
]


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return int(exit_info.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_command_refuses_a_missing_store(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "typo" / "events.db"
    code, err = run_main([*command, "--db", str(path)], capsys)
    assert code == 4, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "no event store at" in lines[0] and "legation ingest" in lines[0]
    assert not path.exists() and not path.parent.exists()


def test_report_refuses_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "none.db"
    out = tmp_path / "r.html"
    code, err = run_main(["report", "RUS", "PRK", "--db", str(path), "-o", str(out)], capsys)
    assert code == 4 and "no event store" in err
    assert not path.exists() and not out.exists()


def test_an_empty_database_is_not_a_store(store_url: str) -> None:
    """An empty SQLite file or a PostgreSQL database without legation's tables."""
    if "://" not in store_url:
        Path(store_url).write_bytes(b"")
    with pytest.raises(StoreError, match="no event store at"):
        Store(store_url, create=False)


def test_an_existing_store_opens_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "made.db"
    Store(path).close()  # the library default still creates
    with Store(path, create=False) as store:
        assert store.count_events() == 0


def test_import_creates_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.db"
    source = tmp_path / "empty.tsv"
    source.write_text("", encoding="utf-8")
    with contextlib.suppress(SystemExit):
        main(["import-icews", str(source), "--db", str(path), "-q"])
    assert path.is_file()
