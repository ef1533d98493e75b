"""Multi-process coding: partitions, ordering, and equality with one process."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from tests.test_screen import sample_articles

from legation.model import Article, CodedArticle
from legation.parallel import CoderOptions, ParallelCoder, default_workers, in_order, partitions


def test_partitions_number_consecutive_chunks() -> None:
    articles = [Article(str(n), "x") for n in range(5)]
    parts = list(partitions(articles, 2))
    assert [i for i, _ in parts] == [0, 1, 2]
    assert [[a.id for a in chunk] for _, chunk in parts] == [["0", "1"], ["2", "3"], ["4"]]


def test_in_order_restores_input_order() -> None:
    def coded(n: int) -> CodedArticle:
        return CodedArticle(Article(str(n), "x"), (), ())

    out = in_order([(2, [coded(4)]), (0, [coded(0), coded(1)]), (1, [coded(2), coded(3)])])
    assert [c.article.id for c in out] == ["0", "1", "2", "3", "4"]


def test_default_workers_is_the_core_count() -> None:
    assert default_workers() >= 1


@pytest.mark.slow
def test_two_workers_equal_one_process(coder) -> None:  # type: ignore[no-untyped-def]
    articles = sample_articles()
    expected = [c.events for c in coder.code_stream(articles)]
    parallel = ParallelCoder(2, options=CoderOptions(), partition_size=3)
    got = list(parallel.code_stream(iter(articles)))
    assert [c.article.id for c in got] == [a.id for a in articles]
    assert [c.events for c in got] == expected


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from legation.cli import main

    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_workers_and_dask_together_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "a.jsonl"
    corpus.write_text('{"id": "a", "text": "Putin visited Pyongyang."}\n')
    code, _, err = _run(["code", str(corpus), "--workers", "2", "--dask", "tcp://x:1"], capsys)
    assert code == 2 and "--workers" in err and "Traceback" not in err


def test_cli_fast_parquet_shards(tmp_path: Path, capsys: pytest.CaptureFixture[str], coder) -> None:  # type: ignore[no-untyped-def]
    from legation.dask_runner import read_parquet_shards

    sample = resources.files("legation.samples").joinpath("sample_corpus.jsonl")
    out = tmp_path / "shards"
    code, _, err = _run(
        ["code", str(sample), "--fast", "--workers", "1", "-o", f"parquet://{out}"], capsys
    )
    assert code == 0, err
    rows = read_parquet_shards(out)
    full = {(e.doc_id, e.cameo, e.trigger) for c in coder.code_stream(sample_articles())
            for e in c.events}  # fmt: skip
    assert {(r["doc_id"], r["cameo"], r["trigger"]) for r in rows} == full
    assert f"{len(rows)} events" in err
