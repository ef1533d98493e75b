"""Ingest: code a stream of articles and store them, once, in batches that commit whole.

Why it is safe to kill at any moment: an article, its sentences, its MinHash signature,
its events and its mentions are written in the same transaction as the rest of its batch.
A killed run leaves whole batches behind; a re-run skips every stored article by content
hash *before* coding it and carries on. Nothing is lost, nothing is stored twice.

Event identity: every coded event is a *mention*; ``store.identity`` links it to the
stored event it reports (same actors, compatible code, count, modality history and dates;
see ``store.linking``) or stores it as a new event. Mentions in the same article or in
its near-duplicate family (syndicated copies, small edits) may link without a shared
date. Linking runs inside the batch's transaction, so a kill loses or duplicates nothing.

Article ids: an id another stored text already has gets ``#<hash>`` appended (event ids
hash the doc id, so two texts must never share one). This is checked before coding and
again inside the write transaction, under the writers' lock, so two ingests running at
once with clashing ids keep their articles apart. An id longer than the store's 255
characters is shortened to its start plus a hash of the whole id, with a warning.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from legation.errors import StoreError
from legation.model import Article, CodedArticle, Event
from legation.store import dedup, identity
from legation.store.db import WRITE_OPTION, lock_writers
from legation.store.rows import event_to_row
from legation.store.schema import articles, event_mentions, events, sentences

DEFAULT_BATCH_SIZE = 16  # articles per transaction: small enough to lose little on a kill
MAX_DOC_ID = 255  # characters: ``articles.doc_id`` is ``varchar(255)``

Warn = Callable[[str], None]


class CoderLike(Protocol):
    """What ingest needs of a coder (``legation.pipeline.Coder`` or a stand-in)."""

    def code_stream(self, articles: Iterable[Article]) -> Iterator[CodedArticle]: ...


@dataclass
class IngestSummary:
    """Counts of what a run stored; all of them cover committed batches only."""

    articles_read: int = 0
    articles_added: int = 0
    already_stored: int = 0  # same content hash as a stored (or earlier) article
    empty: int = 0
    near_duplicates: int = 0
    sentences_added: int = 0
    events_added: int = 0
    mentions_added: int = 0
    batches: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.articles_added / self.seconds if self.seconds > 0 else 0.0

    def add(self, other: IngestSummary) -> None:
        for name in ("articles_added", "near_duplicates", "sentences_added", "events_added",
                     "mentions_added", "already_stored"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))


def ingest(
    engine: Engine,
    items: Iterable[Article],
    coder: CoderLike,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[IngestSummary], None] | None = None,
    on_warning: Warn | None = None,
) -> IngestSummary:
    """Code and store ``items``; see the module docstring for the guarantees."""
    summary = IngestSummary()
    started = time.perf_counter()

    def warn(message: str) -> None:
        summary.warnings.append(message)
        if on_warning is not None:
            on_warning(message)

    fresh = _unseen(engine, items, summary, warn)
    for batch in _batched(coder.code_stream(fresh), max(1, batch_size)):
        delta = IngestSummary()
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            lock_writers(conn)  # a concurrent ingest commits first; we then skip its articles
            touched: set[str] = set()
            for coded in batch:
                _store_article(conn, coded, delta, touched)
            refresh_counts(conn, touched)
        summary.add(delta)  # only after the commit: the summary never over-reports
        summary.batches += 1
        summary.seconds = time.perf_counter() - started
        if progress is not None:
            progress(summary)
    summary.seconds = time.perf_counter() - started
    if progress is not None:
        progress(summary)
    return summary


def _batched(items: Iterable[CodedArticle], size: int) -> Iterator[list[CodedArticle]]:
    batch: list[CodedArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _unseen(
    engine: Engine, items: Iterable[Article], summary: IngestSummary, warn: Warn
) -> Iterator[Article]:
    """Articles not stored yet, with ``id`` made unique in the store (before coding)."""
    hashes: set[str] = set()
    doc_ids: set[str] = set()
    for article in items:
        summary.articles_read += 1
        if not article.text.strip():
            summary.empty += 1
            warn(f"{article.origin or article.id}: empty text, skipped")
            continue
        digest = dedup.content_hash(article.text)
        article = _fit_id(article, warn)
        with engine.connect() as conn:
            if digest in hashes or _hash_stored(conn, digest):
                summary.already_stored += 1
                continue
            if article.id in doc_ids or _doc_id_stored(conn, article.id):
                # Another article already has this id: event ids hash the doc id, so keep
                # them apart by suffixing this article's hash.
                article = dataclasses.replace(article, id=clash_id(article.id, digest))
        hashes.add(digest)
        doc_ids.add(article.id)
        yield article


def fit_doc_id(doc_id: str) -> str:
    """``doc_id`` if the store can hold it (``MAX_DOC_ID`` characters: PostgreSQL's
    ``varchar(255)``), else a stable shortening: its start, ``#`` and a hash of all of it."""
    if len(doc_id) <= MAX_DOC_ID:
        return doc_id
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{doc_id[: MAX_DOC_ID - len(digest) - 1]}#{digest}"


def clash_id(doc_id: str, content_digest: str) -> str:
    """The id an article gets when another text already has ``doc_id``."""
    return fit_doc_id(f"{doc_id}#{content_digest[:8]}")


def with_doc_id(coded: CodedArticle, doc_id: str) -> CodedArticle:
    """The coded article under another id, its events re-keyed (event ids hash it)."""
    events = tuple(dataclasses.replace(e, doc_id=doc_id, event_id="") for e in coded.events)
    return dataclasses.replace(
        coded, article=dataclasses.replace(coded.article, id=doc_id), events=events
    )


def _fit_id(article: Article, warn: Warn) -> Article:
    """An id too long for the store is shortened (with a warning naming the input line)
    rather than failing the whole batch on PostgreSQL and every re-run after it."""
    short = fit_doc_id(article.id)
    if short == article.id:
        return article
    where = article.origin or short[:40]
    warn(f"{where}: id of {len(article.id)} characters is longer than {MAX_DOC_ID}; "
         f"stored as its start and a hash (...{short[-17:]})")  # fmt: skip
    return dataclasses.replace(article, id=short)


def _hash_stored(conn: Connection, digest: str) -> bool:
    query = sa.select(articles.c.id).where(articles.c.content_hash == digest)
    return conn.execute(query).first() is not None


def _doc_id_stored(conn: Connection, doc_id: str) -> bool:
    return (
        conn.execute(sa.select(articles.c.id).where(articles.c.doc_id == doc_id)).first()
        is not None
    )


def _source_name(article: Article) -> str | None:
    if article.source:
        return article.source
    if article.url:
        return urlsplit(article.url).hostname or None
    return None


def _store_article(
    conn: Connection, coded: CodedArticle, delta: IngestSummary, touched: set[str]
) -> None:
    digest = dedup.content_hash(coded.article.text)
    if _hash_stored(conn, digest):  # stored by a concurrent run since we checked
        delta.already_stored += 1
        return
    if _doc_id_stored(conn, coded.article.id):
        # A concurrent run stored another text under this id after ``_unseen`` looked:
        # checked again here, under the writers' lock, so the two never share event ids.
        coded = with_doc_id(coded, clash_id(coded.article.id, digest))
    article = coded.article
    mh = dedup.signature(dedup.shingles(article.text))
    near = dedup.find_near_duplicate(conn, article.text, mh)
    now = dt.datetime.now(dt.UTC)
    inserted = conn.execute(
        articles.insert().values(
            doc_id=article.id,
            content_hash=digest,
            url=article.url,
            title=article.title,
            source=_source_name(article),
            date=article.date.isoformat() if article.date else None,
            text=article.text,
            origin=article.origin,
            duplicate_of=near.article_id if near else None,
            similarity=near.similarity if near else None,
            ingested_at=now,
        )
    ).inserted_primary_key
    if inserted is None:  # pragma: no cover - every supported dialect reports it
        raise StoreError("the database did not report the new article's id")
    article_id = int(inserted[0])
    if coded.sentences:
        conn.execute(
            sentences.insert(),
            [
                {"article_id": article_id, "sentence_index": i, "text": text}
                for i, text in enumerate(coded.sentences)
            ],
        )
    dedup.store_signature(conn, article_id, mh)
    delta.articles_added += 1
    delta.sentences_added += len(coded.sentences)
    if near is not None:
        delta.near_duplicates += 1
    article_date = article.date.isoformat() if article.date else None
    family = identity.event_mention_ids(conn, _family_ids(conn, near.article_id) if near else [])
    story = identity.load_story(conn, article_date, family)
    for event in coded.events:
        _store_event(conn, event, article_id, story, delta, touched, now)


def _family_ids(conn: Connection, original_id: int) -> list[int]:
    """An original and its stored near-duplicates: one story for event identity."""
    family = sa.select(articles.c.id).where(
        sa.or_(articles.c.id == original_id, articles.c.duplicate_of == original_id)
    )
    return [int(row[0]) for row in conn.execute(family).all()]


def _store_event(
    conn: Connection,
    event: Event,
    article_id: int,
    story: identity.Story,
    delta: IngestSummary,
    touched: set[str],
    now: dt.datetime,
) -> None:
    """A new event, or one more mention of the stored event it reports (``linking``)."""
    target_id = identity.link(conn, event, story)
    if target_id is not None:
        identity.merge(conn, target_id, event, story)
    else:
        exists = conn.execute(
            sa.select(events.c.event_id).where(events.c.event_id == event.event_id)
        ).first()
        if exists is None:
            row: dict[str, Any] = event_to_row(event)
            row.update(article_id=article_id, added_at=now, dataset="legation")
            row.update(identity.new_event_columns(event, story.article_date))
            conn.execute(events.insert().values(**row))
            delta.events_added += 1
            identity.remember(story, row)
        target_id = event.event_id
    if _add_mention(conn, target_id, article_id, event, now, story.article_date):
        delta.mentions_added += 1
        touched.add(target_id)


def _add_mention(
    conn: Connection,
    event_id: str,
    article_id: int,
    event: Event,
    now: dt.datetime,
    article_date: str | None = None,
) -> bool:
    exists = conn.execute(
        sa.select(event_mentions.c.id).where(
            event_mentions.c.event_id == event_id,
            event_mentions.c.article_id == article_id,
            event_mentions.c.sentence_index == event.sentence_index,
        )
    ).first()
    if exists is not None:  # two triggers for one event in one sentence: one mention
        return False
    conn.execute(
        event_mentions.insert().values(
            event_id=event_id,
            article_id=article_id,
            sentence_index=event.sentence_index,
            sentence=event.sentence,
            added_at=now,
            **identity.mention_columns(event, article_date),
        )
    )
    return True


def refresh_counts(conn: Connection, event_ids: Iterable[str]) -> None:
    """Recompute NumMentions / NumArticles / NumSources of events from their mentions."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    m = event_mentions.alias("m")
    a = articles.alias("a")
    mentions = sa.select(sa.func.count()).select_from(m).where(m.c.event_id == events.c.event_id)
    n_articles = sa.select(sa.func.count(sa.distinct(m.c.article_id))).where(
        m.c.event_id == events.c.event_id
    )
    n_sources = (
        sa.select(sa.func.count(sa.distinct(sa.func.coalesce(a.c.source, ""))))
        .select_from(m.join(a, a.c.id == m.c.article_id))
        .where(m.c.event_id == events.c.event_id)
    )
    for start in range(0, len(ids), 500):
        conn.execute(
            events.update()
            .where(events.c.event_id.in_(ids[start : start + 500]))
            .values(
                num_mentions=mentions.scalar_subquery(),
                num_articles=n_articles.scalar_subquery(),
                num_sources=n_sources.scalar_subquery(),
            )
        )
