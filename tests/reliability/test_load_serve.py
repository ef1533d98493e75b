"""``legation serve`` under a bounded load of 200 concurrent clients on loopback while a
``legation ingest`` writes to the same SQLite store: no failed request, no "database is
locked", and p50/p99 latencies printed (``benchmarks/reliability.py serve`` records them)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx  # the dev dependency (Starlette 1.10 TestClient uses it too)
import pytest

from legation.read import read_inputs
from legation.store import Store

from .fakes import FakeCoder
from .helpers import cli_env, start_ingest, write_corpus
from .loadgen import run_load

pytest.importorskip("legation.web.app")
pytest.importorskip("uvicorn")

# ``legation serve`` as the CLI wires it (works before and after it joins the main app).
SERVE = (
    "import typer; from legation.cli import serve_cmds; app = typer.Typer(); "
    "serve_cmds.register(app); app.command('noop')(lambda: None); app()"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """The server's output goes to a file beside the store: an unread pipe fills up with
    600 requests' access-log lines and then blocks the server, hanging every client."""
    command = [sys.executable, "-c", SERVE, "serve", "--db", str(db), "--port", str(port)]
    log = (db.parent / "server.log").open("wb")
    return subprocess.Popen(command, env=cli_env(), stdout=log, stderr=subprocess.STDOUT)


def server_output(db: Path) -> str:
    return (db.parent / "server.log").read_text(encoding="utf-8", errors="replace")


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError("server exited before it answered")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


def wait_for_writes(db: Path, before: int, ingest: subprocess.Popen[bytes]) -> None:
    """Return once the ingest has committed its first batch: the load meets live writes."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and ingest.poll() is None:
        with Store(db) as store:
            if store.info().articles > before:
                return
        time.sleep(0.1)
    raise AssertionError("the ingest wrote nothing")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    db = tmp_path / "served.db"
    seed = tmp_path / "seed.jsonl"
    write_corpus(seed, 60, seed=3)
    with Store(db) as store:  # something to query from the first request on
        store.ingest(read_inputs([str(seed)]), FakeCoder(delay=0))
    port = free_port()
    server = start_server(db, port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server)
        yield f"http://127.0.0.1:{port}", db, server
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_200_concurrent_clients_while_ingesting(
    served: tuple[str, Path, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    base, db, server = served
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 500, seed=4)
    with Store(db) as store:
        before = store.info().articles
    ingest = start_ingest(corpus, str(db), delay=0.025, batch_size=8)
    try:
        wait_for_writes(db, before, ingest)
        result = run_load(base, clients=200, requests_each=3)
        overlapped = ingest.poll() is None
    finally:
        _, ingest_err = ingest.communicate(timeout=300)
    print(result.line(), "(ingest ran throughout)" if overlapped else "(ingest ended first)")
    assert ingest.returncode == 0, ingest_err.decode()
    assert result.failures == [], result.failures[:5]
    assert result.requests == 600
    server.terminate()
    server.wait(timeout=30)
    log = server_output(db)
    assert "database is locked" not in log
    assert "Traceback" not in log, log[-2000:]
