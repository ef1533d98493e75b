"""Coding on all local cores: ``ParallelCoder(workers=N).code_stream(articles)``.

Each worker process builds one ``Coder`` (the spaCy pipeline, knowledge base and lexicon
load once per process, in the pool's initializer) and codes *partitions* of consecutive
articles. Results come back in input order, so the output equals a single-process run.
At most a few partitions per worker are in flight, so memory stays bounded however long the
input is. A worker that dies (killed, out of memory) stops the run with a ``LegationError``
rather than hanging; ``legation ingest`` resumes where it stopped. Workers never outlive
their parent (``legation.workers``): killed with it, or stopped when the run is
interrupted, terminated or its reader goes away.

The same partition interface (``code_partitions``) is what the Dask runner and the Parquet
shard writer use (``legation.dask_runner``).
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from legation.errors import LegationError
from legation.model import Article, CodedArticle
from legation.workers import stop_workers, watch_parent

PARTITION_SIZE = 16  # articles per task: big enough to batch the parser, small to balance
IN_FLIGHT_PER_WORKER = 3  # partitions queued per worker (bounds memory, keeps workers busy)

Partition = tuple[int, list[Article]]


ARTICLES_PER_WORKER = 200  # fewer per worker and its start-up (spaCy, ~5 s) costs more
PEEK_LIMIT = 4096  # articles read ahead to size the input when --workers is left out


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def free_cores() -> int:
    """Usable cores less the ones other processes keep busy (the 1-minute load average,
    rounded): on a shared machine, workers beyond this only compete with each other."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not available on this platform
        load = 0.0
    return max(1, usable_cores() - int(load + 0.5))


def default_workers(articles: int | None = None) -> int:
    """The ``--workers`` default: the free cores, and no more workers than the input
    keeps busy (one per ``ARTICLES_PER_WORKER`` articles; ``articles`` is how many
    there are, or how many were read ahead). One means: code in this process."""
    workers = free_cores()
    if articles is not None:
        workers = min(workers, max(1, articles // ARTICLES_PER_WORKER))
    return workers


@dataclass(frozen=True)
class CoderOptions:
    """What a worker needs to build its ``Coder``: plain, picklable values only."""

    require_actor: bool = True
    actor_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()
    verbs_replace: bool = False
    lexicon_file: str | None = None
    screen: bool = False
    disable: tuple[str, ...] = ()
    batch_size: int = 32

    def build(self) -> Any:
        """A ``legation.pipeline.Coder`` with these options (spaCy loads here). The verb
        dictionaries' unusable lines are not warned again: the parent checked the files and
        reported them (``cli.common.check_verb_files``)."""
        from legation.actors.petrarch import DictionaryWarning
        from legation.pipeline import Coder

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DictionaryWarning)
            return Coder(
                require_actor=self.require_actor,
                actor_files=[Path(p) for p in self.actor_files],
                lexicon_file=Path(self.lexicon_file) if self.lexicon_file else None,
                screen=self.screen,
                disable=self.disable,
                verbs=[Path(p) for p in self.verb_files],
                verbs_replace=self.verbs_replace,
            )


_WORKER: dict[str, Any] = {}  # the worker process's coder, built once by ``_init_worker``


def _init_worker(options: CoderOptions, parent_pid: int | None = None) -> None:
    if parent_pid is not None:
        watch_parent(parent_pid)
    _WORKER["coder"] = options.build()
    _WORKER["batch_size"] = options.batch_size


def code_partition(partition: Partition) -> tuple[int, list[CodedArticle]]:
    """Code one partition with this process's coder (built on first use)."""
    if "coder" not in _WORKER:
        raise LegationError("worker has no coder: start it with _init_worker")
    index, articles = partition
    coder = _WORKER["coder"]
    return index, list(coder.code_stream(articles, batch_size=_WORKER["batch_size"]))


def partitions(articles: Iterable[Article], size: int = PARTITION_SIZE) -> Iterator[Partition]:
    """Consecutive articles in numbered lists of ``size`` (the last may be shorter)."""
    it = iter(articles)
    index = 0
    while chunk := list(islice(it, max(1, size))):
        yield index, chunk
        index += 1


def in_order(results: Iterable[tuple[int, list[CodedArticle]]]) -> Iterator[CodedArticle]:
    """Partitions that finish in any order → their articles in input order."""
    waiting: dict[int, list[CodedArticle]] = {}
    expected = 0
    for index, coded in results:
        waiting[index] = coded
        while expected in waiting:
            yield from waiting.pop(expected)
            expected += 1
    for index in sorted(waiting):  # callers that skipped partitions (resumed shard runs)
        yield from waiting.pop(index)


class ParallelCoder:
    """``code_stream`` over ``workers`` local processes.

    With one worker, or when the whole input fits in one partition (a few articles: starting
    processes would cost more than it saves), it codes in this process, with the coder
    ``local`` makes (default: ``options.build()``).
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        options: CoderOptions | None = None,
        partition_size: int = PARTITION_SIZE,
        local: Callable[[], Any] | None = None,
    ) -> None:
        self.auto = not (workers and workers > 0)  # choose from the input (code_stream)
        self.workers = usable_cores() if self.auto else int(workers or 1)
        self.options = options or CoderOptions()
        self.partition_size = partition_size
        self._make_local = local or self.options.build
        self._local: Any = None

    def code_stream(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[CodedArticle]:
        """Each article with its sentences and events, in input order (as ``Coder``)."""
        it = iter(articles)
        ahead = min(PEEK_LIMIT, ARTICLES_PER_WORKER * usable_cores()) if self.auto else 0
        head = list(islice(it, max(self.partition_size, ahead) + 1))
        if self.auto:
            self.workers = default_workers(len(head))
        if self.workers == 1 or len(head) <= self.partition_size:
            if self._local is None:
                self._local = self._make_local()
            yield from self._local.code_stream(
                chain(head, it), batch_size=batch_size or self.options.batch_size
            )
            return
        parts = partitions(chain(head, it), self.partition_size)
        yield from in_order(self.code_partitions(parts))

    def code_articles(self, articles: Iterable[Article]) -> Iterator[Any]:
        for coded in self.code_stream(articles):
            yield from coded.events

    def code_partitions(
        self, parts: Iterable[Partition]
    ) -> Iterator[tuple[int, list[CodedArticle]]]:
        """Coded partitions as they finish (not in order): for shard writers."""
        context = multiprocessing.get_context("spawn")  # no inherited threads or handles
        limit = self.workers * IN_FLIGHT_PER_WORKER
        initargs = (self.options, os.getpid())
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_worker, initargs=initargs
        ) as pool:
            pending: deque[Future[tuple[int, list[CodedArticle]]]] = deque()
            try:
                for part in parts:
                    pending.append(pool.submit(code_partition, part))
                    while len(pending) >= limit:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            except BrokenProcessPool as exc:
                raise LegationError(
                    f"a coding worker died ({exc}); re-run to resume (ingest skips stored "
                    "articles, parquet output skips finished shards)"
                ) from None
            except BaseException:  # Ctrl-C, SIGTERM, the reader stopped: stop now, not later
                stop_workers(pool)
                raise
