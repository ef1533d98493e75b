"""``kill -9`` of a real ``legation ingest`` 20 times over one corpus: after every kill
SQLite's integrity check passes, and the final re-run stores exactly what one
uninterrupted run stores (articles, near-duplicate links, events, mentions, counts).

Fifteen kills land where the fake coder has paused and said so (so exactly the whole
batches before it are stored: checked); five at random moments (startup, schema creation,
inside a commit), after which only integrity is checked. No assertion depends on timing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from legation.read import read_inputs
from legation.store import Store

from .fakes import FakeCoder
from .helpers import cli_env, ingest_command, integrity, snapshot, start_ingest, write_corpus

KILLS = 20
N_ARTICLES = 500
BATCH = 4
SEED = int(os.environ.get("LEGATION_KILL_SEED", "20240619"))
HANG_GUARD_SECONDS = 120  # only if something hangs; no outcome depends on a clock


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with Store(db) as store:
        return store.info().articles


def kill_at_pause(corpus: Path, db: Path, ready: Path, pause_after: int) -> None:
    """Start an ingest whose coder stops before its article ``pause_after + 1`` and says
    so (a file in ``ready``); SIGKILL it then: a known moment, whatever the machine's load."""
    ready.mkdir()
    env = cli_env(FAKE_CODER_PAUSE_AFTER=str(pause_after), FAKE_CODER_READY=str(ready))
    process = subprocess.Popen(ingest_command(corpus, str(db), BATCH), env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not any(ready.iterdir()):
        assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the coder never paused"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=HANG_GUARD_SECONDS)


def kill_at_random(corpus: Path, db: Path, rng: random.Random) -> None:
    """SIGKILL at a random moment (startup, schema creation, inside a commit): what it
    hits varies, so only integrity is checked after it, never how far it got."""
    process = start_ingest(corpus, str(db), delay=0.01)
    time.sleep(rng.uniform(0.05, 1.0))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=HANG_GUARD_SECONDS)


@pytest.mark.slow
def test_kill_9_at_many_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, N_ARTICLES)
    db = tmp_path / "killed.db"
    rng = random.Random(SEED)
    for kill in range(KILLS):
        before = stored(db)
        if kill % 4 == 3:
            kill_at_random(corpus, db, rng)
            assert stored(db) >= before
        else:  # 15 kills while coding: every whole batch before is committed, nothing more
            pause_after = rng.randrange(1, 25)
            kill_at_pause(corpus, db, tmp_path / f"ready-{kill}", pause_after)
            assert stored(db) == before + BATCH * (pause_after // BATCH), (kill, pause_after)
        if db.exists():
            assert integrity(db) == ["ok"], (kill, integrity(db))

    final = start_ingest(corpus, str(db))
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    assert integrity(db) == ["ok"]

    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        store.ingest(read_inputs([str(corpus)]), FakeCoder(delay=0), batch_size=BATCH)
    got, want = snapshot(str(db)), snapshot(str(clean))
    assert got == want, f"seed {SEED}"
    assert want["articles"] > 0 and want["events"] > 0 and want["near_duplicates"]
