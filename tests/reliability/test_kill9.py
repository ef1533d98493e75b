"""``kill -9`` of a real ``legation ingest`` at 20 random moments over one corpus: after
every kill SQLite's integrity check passes, and the final re-run stores exactly what one
uninterrupted run stores (articles, near-duplicate links, events, mentions, counts)."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from legation.read import read_inputs
from legation.store import Store

from .fakes import FakeCoder
from .helpers import integrity, snapshot, start_ingest, write_corpus

KILLS = 20
N_ARTICLES = 500
SEED = int(os.environ.get("LEGATION_KILL_SEED", "20240619"))


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, N_ARTICLES)
    db = tmp_path / "killed.db"
    rng = random.Random(SEED)
    progress: list[int] = []
    for kill in range(KILLS):
        process = start_ingest(corpus, str(db), delay=0.01)
        time.sleep(rng.uniform(0.05, 2.0))  # startup, reading, coding or committing
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert finished or process.returncode == -signal.SIGKILL
        if db.exists():
            assert integrity(db)[0] == "ok" and len(integrity(db)) == 1, (kill, integrity(db))
            with Store(db) as store:
                progress.append(store.info().articles)
    assert len(set(progress)) > KILLS // 4, f"kills did not land mid-run (seed {SEED}): {progress}"

    final = start_ingest(corpus, str(db))
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    assert integrity(db) == ["ok"]

    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        store.ingest(read_inputs([str(corpus)]), FakeCoder(delay=0), batch_size=4)
    got, want = snapshot(str(db)), snapshot(str(clean))
    assert got == want, f"seed {SEED}"
    assert want["articles"] > 0 and want["events"] > 0 and want["near_duplicates"]
