"""``POST /api/ingest``: code and store articles sent as JSON. Mounted only when the
server has a token; a request without ``Authorization: Bearer <token>`` gets 401, one
with a wrong token 403 (compared in constant time)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from legation.model import Article
from legation.read.base import ReadContext, checked_article
from legation.store.ingest import CoderLike
from legation.web.security import token_matches

MAX_ARTICLES = 100  # per request
MAX_TEXT = 500_000  # characters per article (the request body limit usually bites first)

bearer = HTTPBearer(auto_error=False, description="The token given to `legation serve`.")


class ArticleIn(BaseModel):
    """An article as JSON: the fields of a JSONL input line."""

    id: Annotated[str, Field(min_length=1, max_length=255)]
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
    date: dt.date | None = None
    title: Annotated[str | None, Field(max_length=1000)] = None
    url: Annotated[str | None, Field(max_length=2000)] = None
    source: Annotated[str | None, Field(max_length=255)] = None


class IngestRequest(BaseModel):
    articles: Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_ARTICLES)]


def checked_articles(items: list[ArticleIn]) -> tuple[list[Article], list[str]]:
    """The articles that pass the checks the file readers make (``checked_article``:
    blank ids and texts skipped, NULs and lone surrogates replaced, the date inside the
    plausible window, the text cut at the limit), and the warnings, one line each."""
    warnings: list[str] = []
    ctx = ReadContext(on_warning=warnings.append)
    kept = []
    for index, item in enumerate(items):
        where = f"articles[{index}]"
        article = Article(
            item.id, item.text, item.date, item.title, item.url, item.source, origin=where
        )
        checked = checked_article(article, where, ctx)
        if checked is not None:
            kept.append(dataclasses.replace(checked, origin=f"api:{checked.id}"))
    return kept, warnings


def _coder(request: Request) -> CoderLike:
    state = request.app.state
    if state.coder is None:
        from legation.pipeline import Coder

        state.coder = Coder()
    coder: CoderLike = state.coder
    return coder


def ingest_router(token: str) -> APIRouter:
    """The write route, checking ``token``."""
    router = APIRouter(prefix="/api", tags=["write"])

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
        if not token_matches(credentials.credentials, token):
            raise HTTPException(403, "wrong token")

    @router.post(
        "/ingest",
        summary="Code and store articles (needs the server's token)",
        dependencies=[Depends(require_token)],
    )
    def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
        articles, warnings = checked_articles(body.articles)
        with request.app.state.ingest_lock:  # one coder, one writer at a time
            summary = request.app.state.store.ingest(articles, _coder(request))
        return {
            "warnings": warnings,
            "skipped": len(body.articles) - len(articles),
            "articles_read": summary.articles_read,
            "articles_added": summary.articles_added,
            "already_stored": summary.already_stored,
            "near_duplicates": summary.near_duplicates,
            "events_added": summary.events_added,
            "mentions_added": summary.mentions_added,
            "seconds": jsonable_encoder(summary.seconds),
        }

    return router
