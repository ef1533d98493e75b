"""Runs stopped from outside: SIGTERM cleans up like Ctrl-C (exit 143, no hidden ``.tmp``,
the old output kept, workers stopped); ``kill -9`` of the parent leaves no worker and no
resource tracker behind; ``… | head -1`` ends quietly; a full disk under ``code -o`` and
``export`` (every format, GDELT's two files included) is exit 4, one line, no file.

Every kill waits for the fake coder to say it reached a known point (a ready file), never
for a guessed moment (``reliability.fakes.pause_here``).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from legation.read import read_inputs
from legation.store import Store

from .conftest import TESTS
from .fakes import FakeCoder
from .helpers import cli_env, integrity, write_corpus

FAKE_CLI = [sys.executable, str(TESTS / "reliability" / "fake_cli.py")]
LEGATION = [sys.executable, "-m", "legation.cli"]
WAIT_SECONDS = 120  # a hang guard only: every wait ends as soon as its condition holds

pytestmark = pytest.mark.slow


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.05)


def children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (workers, multiprocessing's resource tracker)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_paused(command: list[str], ready: Path, pause_after: int = 1) -> subprocess.Popen[bytes]:
    ready.mkdir(exist_ok=True)
    env = cli_env(FAKE_CODER_PAUSE_AFTER=str(pause_after), FAKE_CODER_READY=str(ready))
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def hidden_temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, 60, words=10)  # > one partition: --workers 2 really starts workers
    return path


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_removes_the_temp_file_keeps_the_old_output_and_stops_workers(
    corpus: Path, tmp_path: Path, workers: int
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "events.jsonl"
    out.write_text("old\n")
    ready = tmp_path / "ready"
    command = [*FAKE_CLI, "code", str(corpus), "-o", str(out), "-q", "--workers", str(workers)]
    process = start_paused(command, ready)
    wait_for(lambda: len(list(ready.iterdir())) >= workers, "the coder(s) to pause")
    assert hidden_temps(out_dir), "the run should be writing its temporary file by now"
    helpers = children(process.pid)
    assert len(helpers) >= (workers if workers > 1 else 0)

    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == 143, err.decode()
    assert err.decode() == "legation: terminated\n"
    assert hidden_temps(out_dir) == [] and out.read_text() == "old\n"
    wait_for(lambda: not any(alive(pid) for pid in helpers), f"{helpers} to exit")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
def test_kill_9_of_the_parent_leaves_no_worker_and_no_resource_tracker(
    corpus: Path, tmp_path: Path
) -> None:
    ready = tmp_path / "ready"
    command = [*FAKE_CLI, "code", str(corpus), "-q", "--workers", "2"]
    process = start_paused(command, ready)
    wait_for(lambda: len(list(ready.iterdir())) >= 2, "both workers to pause")
    helpers = children(process.pid)
    workers = {int(p.name.split("-")[1]) for p in ready.iterdir()}
    assert workers <= helpers and len(helpers) >= 3  # two workers and the resource tracker

    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT_SECONDS)
    wait_for(lambda: not any(alive(pid) for pid in helpers), f"{helpers} to exit")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
def test_sigterm_of_ingest_with_workers_rolls_back_and_stops_them(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    ready = tmp_path / "ready"
    command = [*FAKE_CLI, "ingest", str(corpus), "--db", str(db), "-q", "--workers", "2",
               "--batch-size", "4"]  # fmt: skip
    process = start_paused(command, ready, pause_after=8)
    wait_for(lambda: len(list(ready.iterdir())) >= 2, "both workers to pause")
    helpers = children(process.pid)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == 143 and err.decode() == "legation: terminated\n", err.decode()
    wait_for(lambda: not any(alive(pid) for pid in helpers), f"{helpers} to exit")
    assert integrity(db) == ["ok"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path, workers: int) -> None:
    corpus = tmp_path / "big.jsonl"
    write_corpus(corpus, 3000, words=10)  # megabytes of events: far more than a pipe holds
    command = [*FAKE_CLI, "code", str(corpus), "-q", "--workers", str(workers)]
    process = subprocess.Popen(
        command, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()  # what `head -1` does: one line, then close
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=WAIT_SECONDS)
    assert first.startswith(b"{")
    assert (process.returncode, err) == (0, "")


def capped(limit: int) -> Callable[[], None]:
    """``preexec_fn``: files may grow to ``limit`` bytes (beyond: ``EFBIG``, a full disk)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return cap


def assert_disk_error(done: subprocess.CompletedProcess[bytes], path: Path) -> None:
    err = done.stderr.decode()
    assert done.returncode == 4, err
    assert err.splitlines() == [f"legation: error: {path}: cannot write: File too large; "
                                f"{path} is unchanged"], err  # fmt: skip


def test_full_disk_under_code_output_is_exit_4_and_leaves_nothing(
    corpus: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "events.jsonl"
    command = [*FAKE_CLI, "code", str(corpus), "-o", str(out), "-q"]
    done = subprocess.run(command, env=cli_env(), capture_output=True, timeout=WAIT_SECONDS,
                          preexec_fn=capped(4000))  # fmt: skip
    assert_disk_error(done, out)
    assert list(out_dir.iterdir()) == []


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, 1000, words=10)  # every format's export is well over the cap below
    db = folder / "store.db"
    with Store(db) as store:
        store.ingest(read_inputs([str(corpus)]), FakeCoder(delay=0), batch_size=50)
    return db


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("jsonl", "e.jsonl"), ("csv", "e.csv"), ("plover", "e.json"), ("parquet", "e.parquet"),
     ("gdelt", "e.export.CSV")],
)  # fmt: skip
def test_full_disk_under_export_is_exit_4_and_leaves_no_file(
    filled_db: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    command = [*LEGATION, "export", "--db", str(filled_db), "-f", fmt, "-o", str(out)]
    limit = 40_000  # room for SQLite's 32 KB shared-memory file, not for the export
    done = subprocess.run(command, env=cli_env(), capture_output=True, timeout=WAIT_SECONDS,
                          preexec_fn=capped(limit))  # fmt: skip
    first_line = done.stderr.decode().splitlines()[0] if done.stderr else ""
    assert done.returncode == 4 and len(done.stderr.decode().splitlines()) == 1, first_line
    assert "cannot write: File too large" in first_line
    assert sorted(os.listdir(tmp_path)) == [], "no partial file and no hidden .tmp"
    again = subprocess.run(command, env=cli_env(), capture_output=True, timeout=WAIT_SECONDS)
    assert again.returncode == 0, again.stderr.decode()
    assert out.stat().st_size > limit
