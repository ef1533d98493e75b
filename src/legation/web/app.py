"""``create_app``: the FastAPI application behind ``legation serve``.

Read-only unless a token is configured: ``POST /api/ingest`` exists only then. No CORS
headers are sent (browsers keep other sites' pages from reading the API), every page
has a Content-Security-Policy, request bodies are size-limited, and the interactive
``/docs`` pages (which load scripts from a CDN) are off; the schema is at
``/openapi.json``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Path, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from legation import __version__
from legation.errors import InputError, LegationError, StoreError
from legation.store import Store
from legation.store.ingest import CoderLike
from legation.web.api import api_router
from legation.web.pages import page_router, render
from legation.web.security import DEFAULT_MAX_BODY, SecurityMiddleware
from legation.wording import counted

log = logging.getLogger("legation.web")
DEFAULT_MAX_PAGE = 200
DATABASE_DOWN = "the database is unavailable; try again"
MAX_ECHO = 200  # characters of a bad value repeated in an error
MIN_TOKEN = 16  # characters; a short token can be guessed
STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
StaticName = Annotated[str, Path(pattern=r"^[a-z0-9_-]{1,40}\.(css|js|svg)$")]


def _import_route_modules() -> None:
    """Import now, in this thread, what the routes import lazily. Routes run in a thread
    pool: the first requests, arriving together, would import ``legation.analysis`` in
    several threads at once, and its modules import one another, which Python's import
    locks report as a deadlock (HTTP 500 under load while the store was fresh)."""
    import legation.actors.lookup
    import legation.analysis
    import legation.analysis.common
    import legation.analysis.report
    import legation.ontology
    import legation.web.downloads
    import legation.web.netview  # noqa: F401


def create_app(
    store_url: str | None = None,
    *,
    token: str | None = None,
    max_page: int = DEFAULT_MAX_PAGE,
    max_body: int = DEFAULT_MAX_BODY,
    coder: CoderLike | None = None,
    allowed_hosts: Sequence[str] | None = None,
    create: bool = True,
) -> FastAPI:
    """The app over the store at ``store_url`` (``None``: ``$LEGATION_DB`` or the default).

    ``token`` enables ``POST /api/ingest`` (``Authorization: Bearer <token>``); ``coder``
    is what it codes with (``legation.pipeline.Coder()``, loaded on first use, when
    ``None``); ``allowed_hosts`` refuses other ``Host`` headers (DNS rebinding);
    ``create=False`` (``legation serve``) refuses a store that does not exist yet.
    """
    if max_page < 1:
        raise ValueError("max_page must be at least 1")
    if token is not None and len(token) < MIN_TOKEN:
        raise InputError("token", f"use at least {MIN_TOKEN} characters")
    store = Store(store_url, create=create)
    _import_route_modules()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="legation",
        version=__version__,
        summary="Coded political events: query events, dyads, visits and the network.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.max_page = max_page
    app.state.templates = _templates()
    app.state.coder = coder
    app.state.ingest_lock = threading.Lock()
    app.include_router(api_router(max_page))
    if token is not None:
        from legation.web.ingest import ingest_router

        app.include_router(ingest_router(token))
    app.include_router(page_router(max_page))
    app.add_api_route("/static/{name}", _static, methods=["GET"], include_in_schema=False)
    app.add_api_route("/favicon.ico", _favicon, methods=["GET"], include_in_schema=False)
    _add_error_handlers(app)
    if allowed_hosts:  # inside SecurityMiddleware: its 400 gets the security headers too
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityMiddleware, max_body=max_body)  # the outermost layer
    return app


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("legation.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters["plural"] = lambda n, noun, many=None: counted(int(n), noun, many)
    return env


def _static(name: StaticName) -> Response:
    """Our own CSS and JS, from the installed package (never a path from the request)."""
    suffix = name[name.rindex(".") :]
    resource = resources.files("legation.web").joinpath("static", name)
    if not resource.is_file():
        raise HTTPException(404, "no such file")
    return Response(
        resource.read_bytes(),
        media_type=STATIC_TYPES[suffix],
        headers={"cache-control": "public, max-age=3600"},
    )


def _favicon() -> Response:
    """Browsers ask for ``/favicon.ico`` whatever the page links: the same SVG icon."""
    return _static("favicon.svg")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _safe_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Validation errors as JSON: the offending input echoed only as short text (a body
    of invalid UTF-8 or megabytes of it must not break or bloat the answer)."""
    safe = []
    for error in errors:
        item: dict[str, Any] = {
            "type": _echo(error.get("type", "")),
            "loc": [p if isinstance(p, int) else _echo(p) for p in error.get("loc", ())],
            "msg": _echo(error.get("msg", "")),
        }
        value = error.get("input")
        if isinstance(value, str | int | float | bool):
            item["input"] = value if not isinstance(value, str) else _echo(value[:MAX_ECHO])
        safe.append(item)
    return safe


def _echo(value: object) -> str:
    """Text that can be sent back as UTF-8 JSON: a lone surrogate (``"\\ud800"`` in the
    request) is shown escaped, not left to fail the response with a 500."""
    return str(value).encode("utf-8", "backslashreplace").decode("utf-8")


def _add_error_handlers(app: FastAPI) -> None:
    """Library errors become 4xx/503 with one line; pages get an HTML error page."""

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _is_api(request):
            return JSONResponse({"detail": _safe_errors(exc.errors())}, status_code=422)
        lines = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        ]
        return _error_page(request, 422, _echo("; ".join(lines)))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if _is_api(request) or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        return _error_page(request, exc.status_code, str(exc.detail))

    async def on_legation(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StoreError):
            return await on_database(request, exc)
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return _error_page(request, 422, str(exc))

    async def on_database(request: Request, exc: Exception) -> Response:
        # Details (SQL, the database path) go to the server's log, not to the client.
        log.error("%s %s: %s", request.method, request.url.path, str(exc).splitlines()[0])
        message = DATABASE_DOWN
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=503)
        return _error_page(request, 503, message)

    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(SQLAlchemyError, on_database)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(LegationError, on_legation)
