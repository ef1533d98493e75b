"""Coding on a Dask distributed cluster: the same ``Coder``, run by Dask's workers.

``DaskCoder("tcp://scheduler:8786").code_stream(articles)`` has the interface of
``legation.pipeline.Coder``, so ``legation code``, ``Store.ingest`` and the Parquet shard
writer use it unchanged. Dask does the distribution: articles go out in numbered partitions
(``PARTITION_SIZE``), each worker process builds its ``Coder`` once (a cached global, built
on the first task it runs) and the scheduler re-runs the tasks of a worker that dies on
another worker. Results come back to the client, which writes them: to a ``Store``
(PostgreSQL or SQLite) or to Parquet shards (``write_parquet_shards``), one file per
partition, so a re-run skips what is done.
"""

from __future__ import annotations

import importlib
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from legation.errors import InputError, LegationError
from legation.model import Article, CodedArticle
from legation.parallel import (
    PARTITION_SIZE,
    CoderOptions,
    Partition,
    in_order,
    partitions,
)

IN_FLIGHT_PER_WORKER = 4  # partitions queued per worker thread
ALLOWED_FAILURES = 3  # a task may lose this many workers before the run fails
SHARD_NAME = "part-{:06d}.parquet"

_CODERS: dict[CoderOptions, Any] = {}  # per worker process: options → built Coder


def code_partition_on_worker(
    partition: Partition, options: CoderOptions
) -> tuple[int, list[CodedArticle]]:
    """A Dask task: code one partition with this worker's coder (built on first use)."""
    coder = _CODERS.get(options)
    if coder is None:
        coder = _CODERS[options] = options.build()
    index, articles = partition
    return index, list(coder.code_stream(articles, batch_size=options.batch_size))


class DaskCoder:
    """``code_stream``/``code_partitions`` on a Dask cluster (an address or a ``Client``)."""

    def __init__(
        self,
        cluster: str | Any,
        *,
        options: CoderOptions | None = None,
        partition_size: int = PARTITION_SIZE,
        on_partition: Callable[[int], None] | None = None,
    ) -> None:
        self.options = options or CoderOptions()
        self.partition_size = partition_size
        self.on_partition = on_partition  # called as each partition arrives (progress, tests)
        self._cluster = cluster
        self._client: Any = None

    @property
    def client(self) -> Any:
        """The ``dask.distributed.Client`` (connected on first use)."""
        if self._client is None:
            client_class = _distributed().Client
            if isinstance(self._cluster, str):
                try:
                    self._client = client_class(self._cluster, timeout="30s")
                except OSError as exc:
                    raise InputError("--dask", f"cannot reach {self._cluster}: {exc}") from None
            elif hasattr(self._cluster, "submit"):
                self._client = self._cluster
            else:
                self._client = client_class(self._cluster)
        return self._client

    def code_stream(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[CodedArticle]:
        """Each article with its sentences and events, in input order (as ``Coder``)."""
        yield from in_order(self.code_partitions(partitions(articles, self.partition_size)))

    def code_articles(self, articles: Iterable[Article]) -> Iterator[Any]:
        for coded in self.code_stream(articles):
            yield from coded.events

    def code_partitions(
        self, parts: Iterable[Partition]
    ) -> Iterator[tuple[int, list[CodedArticle]]]:
        """Coded partitions as they finish; at most a few per worker thread in flight."""
        client = self.client
        threads = sum(client.nthreads().values()) or 1
        limit = threads * IN_FLIGHT_PER_WORKER
        running: Any = _distributed().as_completed()
        source = iter(parts)

        run = uuid.uuid4().hex[:8]

        def top_up() -> None:
            while running.count() < limit:
                part = next(source, None)
                if part is None:
                    return
                future = client.submit(
                    code_partition_on_worker,
                    part,
                    self.options,
                    pure=False,
                    retries=ALLOWED_FAILURES,
                    key=f"legation-code-{run}-{part[0]}",
                )
                running.add(future)

        top_up()
        while running.count():
            future = next(running)
            try:
                index, coded = future.result()
            except Exception as exc:
                raise LegationError(f"a Dask coding task failed: {exc}") from exc
            future.release()
            if self.on_partition is not None:
                self.on_partition(index)
            yield index, coded
            top_up()

    def close(self) -> None:
        if self._client is not None and isinstance(self._cluster, str):
            self._client.close()
        self._client = None


def _distributed() -> Any:
    """``dask.distributed``, imported on use (it is heavy and only clusters need it)."""
    try:
        return importlib.import_module("distributed")
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise LegationError(f"dask[distributed] is not installed: {exc}") from None


def write_parquet_shards(
    articles: Iterable[Article],
    out_dir: str | os.PathLike[str],
    coder: Any,
    *,
    partition_size: int = PARTITION_SIZE,
) -> tuple[int, int]:
    """Code ``articles`` into ``out_dir/part-NNNNNN.parquet``, one shard per partition.

    ``coder`` has ``code_partitions`` (``DaskCoder``, ``ParallelCoder``) or ``code_stream``.
    Shards are written atomically (temporary name, then rename) and a shard that exists is
    not coded again, so an interrupted run resumes. Returns (shards written, events).
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(out), f"cannot create output folder: {exc}") from None
    todo = (p for p in partitions(articles, partition_size) if not _shard(out, p[0]).exists())
    if hasattr(coder, "code_partitions"):
        done: Iterable[tuple[int, list[CodedArticle]]] = coder.code_partitions(todo)
    else:
        done = ((i, list(coder.code_stream(arts))) for i, arts in todo)
    shards = events = 0
    for index, coded in done:
        events += _write_shard(_shard(out, index), coded)
        shards += 1
    return shards, events


def _shard(out: Path, index: int) -> Path:
    return out / SHARD_NAME.format(index)


def _write_shard(path: Path, coded: list[CodedArticle]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from legation.outfile import output_path
    from legation.output import FLAT_COLUMNS, flatten

    rows = [flatten(e) for item in coded for e in item.events]
    ints = {"quad_class", "count", "sentence_index"}
    schema = pa.schema(
        [
            pa.field(
                c, pa.float64() if c == "goldstein" else pa.int64() if c in ints else pa.string()
            )
            for c in FLAT_COLUMNS
        ]
    )
    table = pa.Table.from_pylist([{c: r.get(c) for c in FLAT_COLUMNS} for r in rows], schema)
    with output_path(path) as where:  # atomic; interrupted: no partial shard, no temp left
        pq.write_table(table, where)
    return len(rows)


def read_parquet_shards(out_dir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every event row of a shard folder, in shard order (for checks and small outputs)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in sorted(Path(out_dir).glob("part-*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows
