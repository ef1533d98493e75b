"""The few reads the web app needs that ``Store`` does not offer: one article with its
sentences and events, an event row by id, and the most active dyads for the start page.

All are SQLAlchemy Core selects with bound parameters.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from legation.store import Store
from legation.store.export import record
from legation.store.schema import articles, events, sentences


def event_row(store: Store, event_id: str) -> dict[str, Any] | None:
    """One ``events`` row (with ``article_id``) or ``None``."""
    query = sa.select(events).where(events.c.event_id == event_id)
    with store.engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return dict(row) if row is not None else None


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """The API form of an event: the schema record, its counts and its article."""
    data = record(row)
    data["article_id"] = row.get("article_id")
    data["dataset"] = row.get("dataset")
    if "url" in row:
        data["url"] = row["url"]
    return data


def article(store: Store, article_id: int) -> dict[str, Any] | None:
    """An article (with text) and its sentences, or ``None``."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).mappings()
        found = row.first()
        if found is None:
            return None
        data = dict(found)
        data.pop("content_hash", None)
        sents = conn.execute(
            sa.select(sentences.c.sentence_index, sentences.c.text)
            .where(sentences.c.article_id == article_id)
            .order_by(sentences.c.sentence_index)
        ).all()
    data["sentences"] = [{"index": int(i), "text": t} for i, t in sents]
    ingested = data.get("ingested_at")
    if ingested is not None:
        data["ingested_at"] = ingested.isoformat()
    return data


def article_events(store: Store, article_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """Event rows first reported by an article, in sentence order."""
    query = (
        sa.select(events)
        .where(events.c.article_id == article_id)
        .order_by(events.c.sentence_index, events.c.event_id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def top_dyads(store: Store, n: int = 12) -> list[dict[str, Any]]:
    """The country pairs with the most events, either direction, for quick links."""
    pair = (events.c.source_country, events.c.target_country)
    if store.engine.dialect.name == "postgresql":
        a, b = sa.func.least(*pair), sa.func.greatest(*pair)
    else:  # SQLite's two-argument min/max are scalar functions
        a, b = sa.func.min(*pair), sa.func.max(*pair)
    query = (
        sa.select(a.label("a"), b.label("b"), sa.func.count().label("events"))
        .where(
            events.c.source_country.is_not(None),
            events.c.target_country.is_not(None),
            events.c.source_country != events.c.target_country,
        )
        .group_by(a, b)
        .order_by(sa.desc("events"), "a", "b")
        .limit(n)
    )
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
