"""Corpora, ``legation`` subprocesses and store snapshots shared by the crash, disk and
concurrency tests."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from legation.store import Store
from legation.store.schema import articles, event_mentions, events

from .conftest import TESTS

COUNTRIES = ["RUS", "PRK", "CHN", "USA", "KOR", "JPN", "IRN", "UKR", "FRA", "DEU"]
FAKE_CODER = "reliability.fakes:FakeCoder"


def write_corpus(path: Path, n: int, seed: int = 7, words: int = 40) -> None:
    """``n`` dated articles; every fifth a near-copy of an earlier one (one word changed),
    every seventh an exact repeat, so dedup, mentions and counts are all exercised."""
    rng = random.Random(seed)
    texts: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            if i % 7 == 6 and texts:
                text = texts[rng.randrange(len(texts))]
            elif i % 5 == 4 and texts:
                text = texts[rng.randrange(len(texts))].replace("talks", "long talks", 1)
            else:
                a, b, c = rng.sample(COUNTRIES, 3)
                filler = " ".join(f"w{rng.randrange(10_000)}" for _ in range(words))
                text = (f"Report {i}: {a} hosted {b} for talks. {filler}. "
                        f"{c} criticised {a} over item {i}. Nobody else commented.")  # fmt: skip
            texts.append(text)
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            out.write(json.dumps({"id": f"r{i:05d}", "date": day, "text": text}) + "\n")


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH")]))
    env.pop("LEGATION_DB", None)
    return env


def ingest_command(corpus: Path, db: str, batch_size: int = 4) -> list[str]:
    return [sys.executable, "-m", "legation.cli", "ingest", str(corpus), "--db", db,
            "--coder", FAKE_CODER, "--batch-size", str(batch_size), "--quiet"]  # fmt: skip


def start_ingest(corpus: Path, db: str, delay: float = 0.0, **kw: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ingest_command(corpus, db, **kw),
        env=cli_env(FAKE_CODER_DELAY=str(delay)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def integrity(path: Path) -> list[str]:
    """SQLite's own ``integrity_check`` and ``foreign_key_check`` of a database file."""
    conn = sqlite3.connect(path)
    try:
        checks = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        checks += [repr(row) for row in conn.execute("PRAGMA foreign_key_check")]
        return checks
    finally:
        conn.close()


Snapshot = dict[str, Any]


def snapshot(url: str) -> Snapshot:
    """What a run stored, independent of insertion order and row ids."""
    with Store(url) as store, store.engine.connect() as conn:
        docs = dict(conn.execute(sa.select(articles.c.id, articles.c.doc_id)).all())
        hashes = sorted(conn.execute(sa.select(articles.c.content_hash)).scalars())
        dupes = sorted(
            (docs[row.id], docs[row.duplicate_of])
            for row in conn.execute(sa.select(articles).where(articles.c.duplicate_of.isnot(None)))
        )
        mentions = sorted(
            (row.event_id, docs[row.article_id], row.sentence_index)
            for row in conn.execute(sa.select(event_mentions))
        )
        counts = sorted(
            conn.execute(
                sa.select(events.c.event_id, events.c.num_mentions, events.c.num_articles)
            ).all()
        )
        info = store.info()
    return {
        "articles": info.articles,
        "events": info.events,
        "mentions": info.mentions,
        "sentences": info.sentences,
        "hashes": hashes,
        "near_duplicates": dupes,
        "mention_rows": mentions,
        "event_counts": [tuple(row) for row in counts],
    }


def reference(corpus: Path, path: Path) -> Snapshot:
    """The snapshot of one uninterrupted run over ``corpus``."""
    done = subprocess.run(
        ingest_command(corpus, str(path)), env=cli_env(), capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode()
    return snapshot(str(path))


def peak_rss_mb(command: list[str], timeout: float = 300) -> tuple[int, float, str]:
    """Run ``command``: exit code, peak resident set size in MB (``wait4``), stderr."""
    import tempfile
    import threading

    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=cli_env(), stdout=subprocess.DEVNULL, stderr=err)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return process.returncode, usage.ru_maxrss / 1024, err.read().decode(errors="replace")
