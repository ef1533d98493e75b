"""Reliability figures for docs/RELIABILITY.md: peak memory of ``legation ingest`` on a
large JSONL corpus and on one huge article, and repeated ``kill -9`` runs.

    python -m benchmarks.reliability corpus --mb 200          # fake coder, peak RSS
    python -m benchmarks.reliability article --mb 20          # one 20 MB article
    python -m benchmarks.reliability article --mb 20 --real   # ... with the real coder
    python -m benchmarks.reliability kills --runs 20          # kill -9, integrity, counts

Each command runs ``legation`` in a child process and reads its peak resident set size
from ``wait4`` (``ru_maxrss``), so the figure is the whole process: Python, SQLite and
every library. The corpus is generated (deterministic text, no network) in a temporary
folder, deleted afterwards unless ``--keep``. The fake coder (``tests/reliability/
fakes.py``, one event per sentence naming two country codes) isolates reading and
storing from the NLP, whose cost per article does not depend on the corpus size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAKE_CODER = "reliability.fakes:FakeCoder"
COUNTRIES = ["RUS", "PRK", "CHN", "USA", "KOR", "JPN", "IRN", "UKR", "FRA", "DEU"]


@dataclass
class Run:
    """One child process: what it was, how long it took, its peak memory, its exit."""

    what: str
    seconds: float
    peak_rss_mb: float
    returncode: int
    stderr_tail: str


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "tests"), out.get("PYTHONPATH")]))
    out.pop("LEGATION_DB", None)
    return out


def measure(what: str, command: list[str], extra_env: dict[str, str] | None = None) -> Run:
    """Run ``command``; peak RSS from ``wait4`` (Linux reports ``ru_maxrss`` in KiB)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env={**env(), **(extra_env or {})},
                                   stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode(errors="replace")[-400:]
    seconds = time.perf_counter() - started
    return Run(what, seconds, usage.ru_maxrss / 1024, process.returncode, tail)


def sentence(rng: random.Random, i: int) -> str:
    """News-like density: one sentence in 15 reports an event between two countries."""
    filler = " ".join(f"w{rng.randrange(50_000)}" for _ in range(16))
    if i % 15:
        return f"Sentence {i} said {filler}."
    a, b = rng.sample(COUNTRIES, 2)
    return f"{a} hosted {b} for talks on {filler}."


def write_corpus(path: Path, megabytes: float, article_kb: float = 4.0) -> int:
    """A JSONL corpus of about ``megabytes`` MB of ~``article_kb`` KB articles."""
    rng = random.Random(1)
    target = int(megabytes * 1_000_000)
    written = n = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            text: list[str] = []
            size = 0
            while size < article_kb * 1000:
                text.append(sentence(rng, len(text)))
                size += len(text[-1]) + 1
            line = json.dumps({"id": f"a{n:07d}", "date": "2024-06-19", "text": " ".join(text)})
            out.write(line + "\n")
            written += len(line) + 1
            n += 1
    return n


def write_article(path: Path, megabytes: float) -> None:
    """One JSONL line holding a single article of ``megabytes`` MB of text."""
    rng = random.Random(2)
    parts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        parts.append(sentence(rng, i))
        size += len(parts[-1]) + 1
        i += 1
    path.write_text(json.dumps({"id": "huge", "date": "2024-06-19", "text": " ".join(parts)})
                    + "\n", encoding="utf-8")  # fmt: skip


def legation(*args: str) -> list[str]:
    return [sys.executable, "-m", "legation.cli", *args]


def ingest(corpus: Path, db: Path, *, fake: bool = True, batch: int = 16) -> list[str]:
    coder = ["--coder", FAKE_CODER] if fake else []
    return legation("ingest", str(corpus), "--db", str(db), *coder, "--batch-size",
                    str(batch), "--quiet")  # fmt: skip


@contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    if keep:
        path = Path(tempfile.mkdtemp(prefix="legation-reliability-"))
        print(f"# files kept in {path}", file=sys.stderr)
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="legation-reliability-") as name:
            yield Path(name)


def cmd_corpus(args: argparse.Namespace) -> list[Run]:
    runs = []
    with workdir(args.keep) as tmp:
        for mb in sorted({args.baseline_mb, args.mb}):
            corpus = tmp / f"corpus-{mb}.jsonl"
            n = write_corpus(corpus, mb, args.article_kb)
            run = measure(f"ingest {mb} MB JSONL ({n} articles, fake coder)",
                          ingest(corpus, tmp / f"store-{mb}.db"))  # fmt: skip
            runs.append(run)
            print(json.dumps(asdict(run)), flush=True)
            corpus.unlink()
    return runs


def cmd_article(args: argparse.Namespace) -> list[Run]:
    runs = []
    with workdir(args.keep) as tmp:
        corpus = tmp / "article.jsonl"
        write_article(corpus, args.mb)
        runs.append(measure(f"ingest one {args.mb} MB article (fake coder)",
                            ingest(corpus, tmp / "fake.db")))  # fmt: skip
        print(json.dumps(asdict(runs[-1])), flush=True)
        if args.real:
            runs.append(measure(f"ingest one {args.mb} MB article (real coder)",
                                ingest(corpus, tmp / "real.db", fake=False)))  # fmt: skip
            print(json.dumps(asdict(runs[-1])), flush=True)
    return runs


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return ", ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        a, e, m = (
            int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "events", "event_mentions")
        )
        return a, e, m
    finally:
        conn.close()


def cmd_kills(args: argparse.Namespace) -> list[Run]:
    rng = random.Random(args.seed)
    with workdir(args.keep) as tmp:
        corpus = tmp / "corpus.jsonl"
        n = write_corpus(corpus, args.mb, article_kb=1.0)
        db = tmp / "killed.db"
        started = time.perf_counter()
        for kill in range(args.runs):
            out = subprocess.DEVNULL
            process = subprocess.Popen(
                ingest(corpus, db, batch=4), env=env(), stdout=out, stderr=out
            )
            time.sleep(rng.uniform(0.05, args.max_wait))
            process.send_signal(signal.SIGKILL)
            process.wait()
            state = integrity(db) if db.exists() else "no database yet"
            stored = counts(db) if db.exists() else (0, 0, 0)
            print(f"kill {kill + 1:2d}: integrity {state}; articles/events/mentions {stored}",
                  flush=True)  # fmt: skip
        final = measure("final re-run", ingest(corpus, db, batch=4))
        clean = measure("uninterrupted run", ingest(corpus, tmp / "clean.db", batch=4))
        same = counts(db) == counts(tmp / "clean.db")
        print(f"{n} articles, {args.runs} kills in {time.perf_counter() - started:.0f} s; "
              f"final {counts(db)} vs uninterrupted {counts(tmp / 'clean.db')}: "
              f"{'identical' if same else 'DIFFERENT'}; integrity {integrity(db)}")  # fmt: skip
        return [final, clean]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="peak RSS ingesting a large JSONL corpus")
    corpus.add_argument("--mb", type=float, default=200)
    corpus.add_argument("--baseline-mb", type=float, default=20)
    corpus.add_argument("--article-kb", type=float, default=4.0)
    article = sub.add_parser("article", help="peak RSS ingesting one huge article")
    article.add_argument("--mb", type=float, default=20)
    article.add_argument("--real", action="store_true", help="also with the real coder")
    kills = sub.add_parser("kills", help="kill -9 at random moments, then re-run")
    kills.add_argument("--runs", type=int, default=20)
    kills.add_argument("--mb", type=float, default=2)
    kills.add_argument("--max-wait", type=float, default=3.0)
    kills.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    runs = {"corpus": cmd_corpus, "article": cmd_article, "kills": cmd_kills}[args.command](args)
    print("\n| run | seconds | peak RSS (MB) | exit |\n|---|---:|---:|---:|")
    for run in runs:
        print(f"| {run.what} | {run.seconds:.1f} | {run.peak_rss_mb:.0f} | {run.returncode} |")


if __name__ == "__main__":
    main()
