"""What keeps the server safe to run: headers, a request size limit, the ingest token.

- Every response carries a Content-Security-Policy that allows scripts, styles and images
  only from this server (no inline script, no CDN), and headers that forbid framing,
  MIME sniffing and referrers.
- Request bodies over ``max_body`` bytes are refused with 413 before they are read
  whole (by ``Content-Length``, and by counting for chunked uploads).
- The ingest token is compared with ``hmac.compare_digest``, so the time a wrong guess
  takes says nothing about the token.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
DEFAULT_MAX_BODY = 1_000_000  # bytes of one request body
UPPER_CASE_PARAMS = frozenset({"source", "target", "country", "plover", "a", "b"})
SPLIT_PARAMS = frozenset({"code", "plover", "modality"})


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class TooLarge(HTTPException):
    """A request body went past the limit while it was being read (a 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


class SecurityMiddleware:
    """Adds the security headers and enforces the body size limit (plain ASGI, so it
    also covers errors raised before a route runs)."""

    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] not in _HEADER_NAMES]
                message["headers"] = [*headers, *SECURITY_HEADERS]
            await send(message)

        length = _content_length(scope["headers"])
        if length is not None and length > self.max_body:
            await _too_large(send_with_headers, self.max_body)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise TooLarge(self.max_body)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        if not scope["path"].startswith("/api/"):
            scope = dict(scope, query_string=normalise_page_query(scope["query_string"]))
        try:
            await self.app(scope, limited_receive, tracking_send)
        except TooLarge:
            if not started:
                await _too_large(send_with_headers, self.max_body)


_HEADER_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)


def _content_length(headers: Iterable[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body over {limit} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def normalise_page_query(raw: bytes) -> bytes:
    """Pages are driven by plain HTML forms: drop the empty fields a form submits,
    upper-case actor codes and split ``code=04,057``, so ``?source=rus&text=`` means
    ``?source=RUS``. The API takes its parameters exactly as sent."""
    try:
        items = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    except ValueError:
        return raw
    kept: list[tuple[str, str]] = []
    for name, value in items:
        value = value.strip()
        if name in UPPER_CASE_PARAMS:
            value = value.upper()
        parts = value.split(",") if name in SPLIT_PARAMS else [value]
        kept.extend((name, part.strip()) for part in parts if part.strip())
    return urlencode(kept).encode("latin-1")
