"""Resumability: a real ``legation ingest`` process killed with SIGKILL mid-run, then
re-run, ends with exactly what an uninterrupted run stores. The kills happen where the fake
coder stops and says so (``FAKE_CODER_PAUSE_AFTER``), never after a guessed delay."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from store_fakes import FakeCoder

from legation.read import read_inputs
from legation.store import Store
from legation.store.schema import event_mentions, events

HERE = Path(__file__).resolve().parent
N_ARTICLES = 40
BATCH = 3
HANG_GUARD_SECONDS = 120  # only if something hangs; no wait depends on the machine's speed
# The ``legation`` app with the store commands, as the CLI wires them.
RUNNER = (
    "import typer; from legation.cli import store_cmds; "
    "app = typer.Typer(); store_cmds.register(app); app.command('noop')(lambda: None); app()"
)


def write_corpus(path: Path) -> None:
    countries = ["RUS", "PRK", "CHN", "USA", "KOR", "JPN", "IRN", "UKR"]
    with path.open("w") as out:
        for i in range(N_ARTICLES):
            a, b = countries[i % 8], countries[(i * 3 + 1) % 8]
            text = (
                f"Report {i}: {a} visited {b} on day {i}. Officials met for {i + 2} hours. "
                f"{b} criticised {a} over item {i}."
            )
            day = f"2024-05-{1 + i % 28:02d}"
            out.write(json.dumps({"id": f"r{i:03d}", "date": day, "text": text}) + "\n")


def ingest_process(
    corpus: Path, url: str, pause_after: int | None = None, ready: Path | None = None
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
    if pause_after is not None and ready is not None:
        env.update(FAKE_CODER_PAUSE_AFTER=str(pause_after), FAKE_CODER_READY=str(ready))
    command = [
        sys.executable,
        "-c",
        RUNNER,
        "ingest",
        str(corpus),
        "--db",
        url,
        "--coder",
        "store_fakes:FakeCoder",
        "--batch-size",
        str(BATCH),
        "--quiet",
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored_articles(url: str) -> int:
    with Store(url) as store:
        return store.info().articles


def kill_when_paused(process: subprocess.Popen[bytes], ready: Path) -> None:
    """SIGKILL ``process`` once its coder has paused (it created ``ready``): the moment
    is set by the coder, not by a clock, so a loaded machine changes nothing."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not ready.exists():
        if process.poll() is not None:
            raise AssertionError(f"ingest ended early: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the coder never paused")
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=HANG_GUARD_SECONDS)


def snapshot(url: str) -> tuple[list[str], list[tuple[str, str, int]], dict[str, int]]:
    with Store(url) as store:
        ids = sorted(e.event_id for e in store.events())
        docs = {a["id"]: a["doc_id"] for a in store.articles()}
        with store.engine.connect() as conn:
            mentions = sorted(
                (row.event_id, docs[row.article_id], row.sentence_index)
                for row in conn.execute(sa.select(event_mentions))
            )
            counts = dict(conn.execute(sa.select(events.c.event_id, events.c.num_mentions)).all())
        info = store.info()
        assert info.articles == len(docs)
        return ids, mentions, {"articles": info.articles, "sentences": info.sentences, **counts}


def test_kill_9_and_rerun_loses_and_duplicates_nothing(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    Store(store_url).close()  # create the schema first

    # Killed while coding its 8th article: batches of 3 → 6 articles committed, no more.
    first = ingest_process(corpus, store_url, pause_after=7, ready=tmp_path / "first")
    kill_when_paused(first, tmp_path / "first")
    assert first.returncode == -signal.SIGKILL
    assert stored_articles(store_url) == 6  # whole batches only

    # The re-run skips those 6 before coding, then is killed 8 articles further on.
    second = ingest_process(corpus, store_url, pause_after=8, ready=tmp_path / "second")
    kill_when_paused(second, tmp_path / "second")
    assert second.returncode == -signal.SIGKILL
    assert stored_articles(store_url) == 12

    final = ingest_process(corpus, store_url)
    _, err = final.communicate(timeout=HANG_GUARD_SECONDS)
    assert final.returncode == 0, err.decode()

    reference = tmp_path / "reference.db"
    with Store(reference) as clean:
        clean.ingest(read_inputs([str(corpus)]), FakeCoder())
    got, want = snapshot(store_url), snapshot(str(reference))
    assert got == want
    assert got[2]["articles"] == N_ARTICLES
