"""The Dask runner on a local cluster of 2 worker processes, one of them killed mid-run."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from tests.test_screen import sample_articles

from legation.dask_runner import DaskCoder, read_parquet_shards, write_parquet_shards
from legation.output import flatten
from legation.parallel import CoderOptions

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    local = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    client = distributed.Client(local)
    yield local, client
    client.close()
    local.close()


def _kill_one_worker(client) -> None:  # type: ignore[no-untyped-def]
    pids = client.run(os.getpid)
    os.kill(next(iter(pids.values())), signal.SIGKILL)


@pytest.mark.slow
def test_killed_worker_run_equals_single_process(cluster, coder) -> None:  # type: ignore[no-untyped-def]
    _, client = cluster
    articles = sample_articles()
    expected = [c.events for c in coder.code_stream(articles)]
    killed: list[int] = []

    def kill_once(index: int) -> None:
        if not killed:
            killed.append(index)
            _kill_one_worker(client)

    runner = DaskCoder(client, options=CoderOptions(), partition_size=1, on_partition=kill_once)
    got = list(runner.code_stream(articles))
    assert killed  # a worker died while partitions were still running or queued
    assert [c.article.id for c in got] == [a.id for a in articles]
    assert [c.events for c in got] == expected


@pytest.mark.slow
def test_parquet_shards_resume(cluster, coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, client = cluster
    articles = sample_articles()
    expected = [flatten(e) for c in coder.code_stream(articles) for e in c.events]
    runner = DaskCoder(client, partition_size=3)
    shards, events = write_parquet_shards(articles, tmp_path, runner, partition_size=3)
    assert shards == len(list(tmp_path.glob("part-*.parquet"))) and events == len(expected)
    (tmp_path / "part-000001.parquet").unlink()  # as if the run had died before this shard
    again, _ = write_parquet_shards(articles, tmp_path, runner, partition_size=3)
    assert again == 1
    rows = read_parquet_shards(tmp_path)
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in expected]
    assert rows[0]["cameo"] == expected[0]["cameo"]
