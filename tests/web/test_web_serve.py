"""``legation serve``: loopback by default, the token from the environment, uvicorn args."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from tests.web.conftest import TOKEN
from typer.testing import CliRunner

from legation.cli import serve_cmds
from legation.errors import InputError


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replaces ``uvicorn.run``: records what it would have served."""
    import uvicorn

    calls: list[dict[str, Any]] = []

    def fake_run(app: Any, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def cli() -> typer.Typer:
    app = typer.Typer()
    serve_cmds.register(app)
    app.command("noop", hidden=True)(lambda: None)  # keep "serve" a subcommand
    return app


def test_serve_binds_loopback_read_only_by_default(
    served: list[dict[str, Any]], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEGATION_TOKEN", raising=False)
    result = CliRunner().invoke(cli(), ["serve", "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    [call] = served
    assert (call["host"], call["port"]) == ("127.0.0.1", 8000)
    assert "read-only" in result.output
    with TestClient(call["app"], base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/health").status_code == 200
        assert client.post("/api/ingest", json={}).status_code in (404, 405)
        assert client.get("/", headers={"Host": "rebound.example"}).status_code == 400


def test_serve_takes_the_token_from_the_environment(
    served: list[dict[str, Any]], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MY_TOKEN", TOKEN)
    args = ["serve", "--db", str(store_path), "--token-env", "MY_TOKEN", "--port", "8123"]
    result = CliRunner().invoke(cli(), args)
    assert result.exit_code == 0, result.output
    assert "ingest enabled" in result.output and TOKEN not in result.output
    [call] = served
    assert call["port"] == 8123
    with TestClient(call["app"], base_url="http://localhost:8123") as client:
        assert client.post("/api/ingest", json={}).status_code == 401


def test_serve_refuses_a_short_token(
    served: list[dict[str, Any]], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEGATION_TOKEN", "abc")
    result = CliRunner().invoke(cli(), ["serve", "--db", str(store_path)])
    assert isinstance(result.exception, InputError)
    assert "$LEGATION_TOKEN" in str(result.exception)
    assert not served


def test_serve_warns_when_exposed(
    served: list[dict[str, Any]], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEGATION_TOKEN", raising=False)
    result = CliRunner().invoke(cli(), ["serve", "--db", str(store_path), "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "other machines can reach this server" in result.output
    with TestClient(served[0]["app"], base_url="http://192.0.2.10:8000") as client:
        assert client.get("/api/health").status_code == 200  # no Host check off loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert serve_cmds.is_loopback(host) is loopback
    assert (serve_cmds.allowed_hosts(host) is not None) is loopback
