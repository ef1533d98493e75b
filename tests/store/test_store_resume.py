"""Resumability: a real ``legation ingest`` process killed with SIGKILL mid-run, then
re-run, ends with exactly what an uninterrupted run stores."""

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


def ingest_process(corpus: Path, url: str, delay: float) -> subprocess.Popen[bytes]:
    env = dict(os.environ, FAKE_CODER_DELAY=str(delay))
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
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
        "3",
        "--quiet",
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored_articles(url: str) -> int:
    with Store(url) as store:
        return store.info().articles


def kill_after(process: subprocess.Popen[bytes], url: str, at_least: int) -> int:
    """SIGKILL ``process`` once ``at_least`` articles are committed; return the count then."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"ingest ended early: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        count = stored_articles(url)
        if count >= at_least:
            time.sleep(0.07)  # land somewhere inside a later batch
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            return count
        time.sleep(0.02)
    process.kill()
    raise AssertionError("ingest made no progress")


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
    Store(store_url).close()  # create the schema first: the polling reads it

    first = ingest_process(corpus, store_url, delay=0.02)
    killed_at = kill_after(first, store_url, at_least=6)
    assert first.returncode == -signal.SIGKILL
    after_first_kill = stored_articles(store_url)
    assert 6 <= after_first_kill < N_ARTICLES and after_first_kill % 3 == 0  # whole batches

    second = ingest_process(corpus, store_url, delay=0.02)
    kill_after(second, store_url, at_least=after_first_kill + 6)
    assert stored_articles(store_url) < N_ARTICLES

    final = ingest_process(corpus, store_url, delay=0.0)
    _, err = final.communicate(timeout=60)
    assert final.returncode == 0, err.decode()

    reference = tmp_path / "reference.db"
    with Store(reference) as clean:
        clean.ingest(read_inputs([str(corpus)]), FakeCoder())
    got, want = snapshot(store_url), snapshot(str(reference))
    assert got == want
    assert got[2]["articles"] == N_ARTICLES and killed_at >= 6
