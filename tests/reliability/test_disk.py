"""A full disk or a read-only database path: ``legation ingest`` stops with one clear
line and exit code 4 (``StoreError``); every article already committed is whole, so the
re-run on a roomy disk stores exactly what one uninterrupted run stores."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from legation.read import read_inputs
from legation.store import Store

from .fakes import FakeCoder
from .helpers import cli_env, ingest_command, integrity, snapshot, write_corpus

N_ARTICLES = 200


def can_unshare() -> bool:
    """Root, or user namespaces: a private mount namespace to mount a tmpfs in."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null"
         " || mount -t tmpfs -o size=64k tmpfs /tmp"],
        capture_output=True,
    )  # fmt: skip
    return probe.returncode == 0


def run_in_namespace(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], env=env, capture_output=True,
                          timeout=300)  # fmt: skip


def check_store_error(done: subprocess.CompletedProcess[bytes], *words: str) -> str:
    lines = [line for line in done.stderr.decode().splitlines() if line.strip()]
    assert done.returncode == 4, done.stderr.decode()
    assert len(lines) == 1 and lines[0].startswith("legation: error: "), lines
    assert any(word in lines[0] for word in words), lines[0]
    return lines[0]


def quote(path: Path | str) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("disk") / "corpus.jsonl"
    write_corpus(path, N_ARTICLES, words=120)
    return path


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    path = tmp_path_factory.mktemp("clean") / "clean.db"
    with Store(path) as store:
        store.ingest(read_inputs([str(corpus)]), FakeCoder(delay=0), batch_size=4)
    return snapshot(str(path))


def fill_tmpfs(corpus: Path, out: Path, size: str) -> subprocess.CompletedProcess[bytes]:
    """Ingest into a ``size`` tmpfs; the database files are copied to ``out`` after."""
    disk = out / "disk"
    disk.mkdir()
    command = " ".join(quote(part) for part in ingest_command(corpus, str(disk / "full.db")))
    script = (f"mount -t tmpfs -o size={size} tmpfs {quote(disk)} || exit 99; {command}; "
              f"rc=$?; cp -a {quote(disk)}/. {quote(out)}/; exit $rc")  # fmt: skip
    return run_in_namespace(script, cli_env())


def fill_fsize(corpus: Path, out: Path, limit: int) -> subprocess.CompletedProcess[bytes]:
    """Ingest with every file capped at ``limit`` bytes (RLIMIT_FSIZE: writes fail EFBIG)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(ingest_command(corpus, str(out / "full.db")), env=cli_env(),
                          capture_output=True, timeout=300, preexec_fn=cap)  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "size"),
    [("tmpfs", "400k"), ("tmpfs", "90k"), ("fsize", 400_000), ("fsize", 60_000)],
)
def test_full_disk_is_a_clear_error_and_leaves_whole_articles(
    corpus: Path, clean: dict[str, object], tmp_path: Path, how: str, size: str | int
) -> None:
    if how == "tmpfs":
        if not can_unshare():
            pytest.skip("no mount namespace (unshare) for a small tmpfs")
        done = fill_tmpfs(corpus, tmp_path, str(size))
    else:
        done = fill_fsize(corpus, tmp_path, int(size))
    line = check_store_error(done, "disk is full", "disk I/O error", "too large")
    assert "Traceback" not in done.stderr.decode()
    db = tmp_path / "full.db"
    if db.exists():
        assert integrity(db) == ["ok"]
        with Store(db) as store:
            stored = store.info().articles
        assert stored < N_ARTICLES, line
        if str(size).startswith("4"):  # the roomier disks fill up mid-ingest, not at setup
            assert stored > 0, line
    # The same command on a disk with room finishes the job: nothing partial was left.
    again = subprocess.run(ingest_command(corpus, str(db)), env=cli_env(), capture_output=True,
                           timeout=300)  # fmt: skip
    assert again.returncode == 0, again.stderr.decode()
    assert snapshot(str(db)) == clean


def readonly(folder: Path, command: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` with ``folder`` read-only: a read-only bind mount (root), else chmod."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(command, env=cli_env(), capture_output=True, timeout=120)
        finally:
            folder.chmod(0o755)
    if not can_unshare():
        pytest.skip("running as root without unshare: cannot make a folder read-only")
    argv = " ".join(map(quote, command))
    script = (f"mount --bind {quote(folder)} {quote(folder)} && "
              f"mount -o remount,bind,ro {quote(folder)} || exit 99; exec {argv}")  # fmt: skip
    return run_in_namespace(script, cli_env())


@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True])
def test_read_only_database_path(corpus: Path, tmp_path: Path, existing: bool) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "events.db"
    if existing:
        small = tmp_path / "small.jsonl"
        small.write_text(corpus.read_text().splitlines()[0] + "\n")
        first = subprocess.run(ingest_command(small, str(db)), env=cli_env(), capture_output=True)
        assert first.returncode == 0, first.stderr.decode()
        before = snapshot(str(db))
    done = readonly(folder, ingest_command(corpus, str(db)))
    line = check_store_error(done, "is read-only")
    assert str(db) in line
    if existing:
        assert snapshot(str(db)) == before  # nothing written, nothing lost
        assert integrity(db) == ["ok"]
    else:
        assert not db.exists()
