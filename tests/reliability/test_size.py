"""Bounded memory: readers and ingest stream, so peak memory does not grow with the size
of a corpus, and one huge article costs memory in proportion to itself only (it is
capped at ``MAX_ARTICLE_CHARS``). Sizes here are small for CI; ``benchmarks/
reliability.py`` measures a 200 MB corpus and a 20 MB article (docs/RELIABILITY.md)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from legation.store import Store

from .helpers import ingest_command, peak_rss_mb

READ_ALL = (
    "import sys; from legation.read import read_inputs; "
    "n = sum(1 for _ in read_inputs(sys.argv[1:], on_warning=lambda m: None)); print(n)"
)


def write_jsonl(path: Path, megabytes: float, article_chars: int = 4000, seed: int = 1) -> int:
    rng = random.Random(seed)
    written = n = 0
    with path.open("w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            words = ". ".join(
                " ".join(f"w{rng.randrange(50_000)}" for _ in range(16))
                for _ in range(article_chars // 110)
            )
            text = f"RUS hosted PRK for talks. {words}. USA criticised CHN over item {n}."
            line = json.dumps({"id": f"a{n}", "date": "2024-06-19", "text": text}) + "\n"
            out.write(line)
            written += len(line)
            n += 1
    return n


def test_reading_a_large_jsonl_file_streams(tmp_path: Path) -> None:
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    write_jsonl(small, 2)
    write_jsonl(large, 40)
    runs = [peak_rss_mb([sys.executable, "-c", READ_ALL, str(p)]) for p in (small, large)]
    for code, _, err in runs:
        assert code == 0, err
    (_, small_mb, _), (_, large_mb, _) = runs
    assert large_mb - small_mb < 20, (small_mb, large_mb)  # 20x the data, same memory


@pytest.mark.slow
def test_ingesting_a_larger_corpus_takes_no_more_memory(tmp_path: Path) -> None:
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    write_jsonl(small, 0.2)
    n = write_jsonl(large, 2, seed=2)
    peaks = []
    for corpus in (small, large):
        db = tmp_path / f"{corpus.stem}.db"
        code, peak, err = peak_rss_mb(ingest_command(corpus, str(db), batch_size=16))
        assert code == 0, err
        peaks.append(peak)
    with Store(tmp_path / "large.db") as store:
        assert store.info().articles == n
    assert peaks[1] - peaks[0] < 25, peaks  # 10x the corpus, same memory


@pytest.mark.slow
def test_one_huge_article_costs_memory_in_proportion_to_itself(tmp_path: Path) -> None:
    tiny, huge = tmp_path / "tiny.jsonl", tmp_path / "huge.jsonl"
    write_jsonl(tiny, 0.01)
    write_jsonl(huge, 1.0, article_chars=1_500_000)  # one article of 1.5 MB on one line
    peaks = []
    for corpus in (tiny, huge):
        code, peak, err = peak_rss_mb(ingest_command(corpus, str(tmp_path / f"{corpus.stem}.db")))
        assert code == 0, err
        peaks.append(peak)
    with Store(tmp_path / "huge.db") as store:
        info = store.info()
    assert info.articles == 1 and info.events == 2
    # ~18 MB per MB of text (text, shingles, sentence rows); before the MinHash was
    # computed in chunks the signature alone needed ~1 KB per word (~250 MB here).
    assert peaks[1] - peaks[0] < 45 * 1.5, peaks
