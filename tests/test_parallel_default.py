"""The ``--workers`` default: the cores actually free, and no more workers than the input
keeps busy (on a loaded 2-core machine, two workers were slower than one process)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from legation import parallel
from legation.model import Article, CodedArticle
from legation.parallel import ARTICLES_PER_WORKER, ParallelCoder, default_workers, free_cores


def machine(monkeypatch: pytest.MonkeyPatch, cores: int, load: float) -> None:
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: set(range(cores)))
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (load, load, load))


@pytest.mark.parametrize(
    ("cores", "load", "articles", "expected"),
    [
        (2, 1.2, None, 1),  # one core busy elsewhere
        (2, 0.0, 202, 1),  # too few articles to pay for a second worker
        (8, 0.0, None, 8),
        (8, 0.0, 5 * ARTICLES_PER_WORKER, 5),
        (8, 3.4, 10 * ARTICLES_PER_WORKER, 5),
        (4, 9.0, None, 1),  # overloaded: never below one
    ],
)
def test_default_workers(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float, articles: int | None, expected: int
) -> None:
    machine(monkeypatch, cores, load)
    assert default_workers(articles) == expected


def test_free_cores_without_a_load_average(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, 4, 0.0)

    def unavailable() -> tuple[float, float, float]:
        raise OSError("no load average")

    monkeypatch.setattr(parallel.os, "getloadavg", unavailable)
    assert free_cores() == 4


class _Local:
    def __init__(self) -> None:
        self.seen = 0

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        for article in articles:
            self.seen += 1
            yield CodedArticle(article, (), ())


def test_a_small_input_is_coded_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, 8, 0.0)

    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("started worker processes for a small input")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    local = _Local()
    coder = ParallelCoder(options=None, local=lambda: local)
    articles = [Article(str(i), "RUS met PRK.") for i in range(ARTICLES_PER_WORKER - 1)]
    out = list(coder.code_stream(articles))
    assert [c.article.id for c in out] == [a.id for a in articles] and local.seen == len(articles)
    assert coder.workers == 1
