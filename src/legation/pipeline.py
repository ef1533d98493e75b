"""Composes the stages: articles → NLP → actor mentions → events.

(Placeholder while the coder is being written; the interface below is final.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from legation.model import Article, CodedArticle, Event


class Coder:
    """Loads the resources once (spaCy pipeline, actor knowledge base, lexicon), codes many."""

    def __init__(self, kb: Any = None, *, require_actor: bool = True) -> None:
        self.kb = kb
        self.require_actor = require_actor

    def code_stream(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[CodedArticle]:
        for article in articles:
            yield CodedArticle(article, (article.text,), ())

    def code_articles(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Event]:
        for coded in self.code_stream(articles, batch_size):
            yield from coded.events

    def code_article(self, article: Article) -> list[Event]:
        return list(self.code_articles([article]))


def code_text(text: str, date: dt.date | str | None = None, doc_id: str = "text") -> list[Event]:
    """Code one text; ``date`` (the article date) anchors relative dates."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return Coder().code_article(Article(doc_id, text, date))


def code_articles(articles: Iterable[Article]) -> Iterator[Event]:
    return Coder().code_articles(articles)
