"""Export files: written through ``legation.outfile`` (symlinks kept, FIFOs written in
place, a failure leaves no file) and CSV/TSV cells safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
import threading
from pathlib import Path

import pytest
from store_fakes import FakeCoder, article

from legation.errors import OutputError
from legation.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest(
        [article("f1", "=RUS threatened KOR. @JPN praised CHN. -USA met FRA.")], FakeCoder()
    )
    return store


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_formula_cells_become_text_and_numbers_stay_numbers(filled: Store, fmt: str) -> None:
    out = io.StringIO()
    filled.export(fmt, stream=out)
    rows = list(
        csv.DictReader(io.StringIO(out.getvalue()), delimiter="," if fmt == "csv" else "\t")
    )
    sentences = sorted(row["sentence"] for row in rows)
    assert sentences == ["'-USA met FRA.", "'=RUS threatened KOR.", "'@JPN praised CHN."]
    threat = next(row for row in rows if row["cameo"] == "130")
    assert float(threat["goldstein"]) < 0 and threat["goldstein"].startswith("-")
    assert all(not cell.startswith(("=", "@", "+")) for row in rows for cell in row.values())


def test_export_into_a_symlink_keeps_the_link(filled: Store, tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    result = filled.export("jsonl", link)
    assert link.is_symlink() and result.events == 3
    assert len(real.read_text().splitlines()) == 3


def test_export_into_a_fifo_writes_in_place(filled: Store, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    fifo = out_dir / "events.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    filled.export("csv", fifo)
    thread.join(timeout=30)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and len(got[0].decode().splitlines()) == 4  # header and three events
    assert os.listdir(out_dir) == ["events.csv"]


def test_gdelt_export_that_fails_leaves_neither_file(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("legation.store.gdelt_export.mention_cells", full)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(OutputError, match="No space left on device"):
        filled.export("gdelt", out_dir / "out.export.CSV")
    assert os.listdir(out_dir) == []
