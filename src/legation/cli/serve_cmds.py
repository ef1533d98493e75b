"""``legation serve``: the HTTP API and the dashboard (``legation.web.create_app``) under
uvicorn, on 127.0.0.1 unless told otherwise.

The ingest token is read from an environment variable (``--token-env``, default
``LEGATION_TOKEN``), never from the command line, where ``ps`` would show it. Without a
token the server is read-only and ``POST /api/ingest`` does not exist.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

from legation.cli.common import Messages
from legation.cli.store_cmds import DbOption
from legation.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TOKEN_ENV = "LEGATION_TOKEN"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str] | None:
    """On a loopback address, only loopback ``Host`` headers (a web page cannot reach the
    API through DNS rebinding); elsewhere the operator decides (no check)."""
    if not is_loopback(host):
        return None
    return [*LOOPBACK_NAMES, host]


def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; 0.0.0.0 exposes the server.")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = DEFAULT_PORT,
    token_env: Annotated[
        str,
        typer.Option(
            "--token-env",
            metavar="NAME",
            help="Environment variable holding the ingest token; when set, POST /api/ingest "
            "is enabled (Authorization: Bearer <token>).",
        ),
    ] = DEFAULT_TOKEN_ENV,
    max_page: Annotated[
        int, typer.Option("--max-page", min=1, max=10_000, help="Largest API page size.")
    ] = 200,
) -> None:
    """Serve the HTTP API (/api/..., schema at /openapi.json) and the web dashboard."""
    import uvicorn

    from legation.web import create_app
    from legation.web.app import MIN_TOKEN

    messages = Messages()
    token = os.environ.get(token_env) or None
    if token is not None and len(token) < MIN_TOKEN:
        raise InputError(f"${token_env}", f"the token is too short: use {MIN_TOKEN}+ characters")
    app = create_app(
        db, token=token, max_page=max_page, allowed_hosts=allowed_hosts(host), create=False
    )
    if not is_loopback(host):
        messages.warning(f"listening on {host}: other machines can reach this server")
    mode = "ingest enabled (token set)" if token else "read-only"
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    messages.info(f"serving {app.state.store!r} at http://{shown}:{port}/ ({mode})")
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``legation`` app."""
    app.command("serve")(serve_command)
