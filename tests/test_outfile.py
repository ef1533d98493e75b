"""``legation.outfile``: output files are replaced atomically only when they are regular
files; symlinks are followed (the link stays), FIFOs and devices are written in place, and
a full disk is one ``OutputError`` that leaves the old file and no temporary file.

No test here writes to a real device: devices are checked through ``classify`` with a
mocked ``os.stat``; the in-place path is exercised with a FIFO made in ``tmp_path``.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from legation.errors import InputError, OutputError
from legation.outfile import atomic_output, classify, output_path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_regular_file_is_replaced_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    target.chmod(0o600)
    with atomic_output(target) as stream:
        stream.write("new\n")
        assert target.read_text() == "old\n"  # not visible before the block ends
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_symlink_is_kept_and_its_target_written(tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_output(link) as stream:
        stream.write("new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "later.jsonl")
    with atomic_output(link) as stream:
        stream.write("x\n")
    assert link.is_symlink() and (tmp_path / "later.jsonl").read_text() == "x\n"


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with path.open("rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_fifo_is_written_in_place_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    with atomic_output(fifo) as stream:
        stream.write("one\ntwo\n")
    thread.join(timeout=30)
    assert got == [b"one\ntwo\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_symlink_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.jsonl"
    link.symlink_to(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    with output_path(link) as where:
        assert where == fifo  # no temporary file for a FIFO
        where.write_bytes(b"raw")
    thread.join(timeout=30)
    assert got == [b"raw"] and link.is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        (stat.S_IFCHR | 0o666, "special"),  # /dev/null, a terminal
        (stat.S_IFBLK | 0o660, "special"),  # a disk
        (stat.S_IFIFO | 0o644, "special"),
        (stat.S_IFSOCK | 0o755, "special"),
        (stat.S_IFREG | 0o644, "regular"),
    ],
)
def test_classify_by_file_type(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mode: int, kind: str
) -> None:
    monkeypatch.setattr("legation.outfile.os.stat", lambda path: SimpleNamespace(st_mode=mode))
    assert classify(tmp_path / "x") == (tmp_path / "x", kind)


def test_classify_new_file_is_regular_and_a_folder_is_an_input_error(tmp_path: Path) -> None:
    assert classify(tmp_path / "new.jsonl") == (tmp_path / "new.jsonl", "regular")
    with pytest.raises(InputError, match="is a directory"):
        classify(tmp_path)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG])
def test_full_disk_is_an_output_error_and_leaves_the_old_file(tmp_path: Path, code: int) -> None:
    target = tmp_path / "events.csv"
    target.write_text("old\n")
    with pytest.raises(OutputError) as caught, atomic_output(target) as stream:
        stream.write("partial")
        raise OSError(code, os.strerror(code))
    assert caught.value.exit_code == 4
    assert (
        str(caught.value) == f"{target}: cannot write: {os.strerror(code)}; {target} is unchanged"
    )
    assert "\n" not in str(caught.value)
    assert target.read_text() == "old\n" and leftovers(tmp_path) == []


def test_other_errors_pass_through_and_leave_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as stream:
        stream.write("partial")
        raise KeyboardInterrupt
    assert not target.exists() and leftovers(tmp_path) == []
