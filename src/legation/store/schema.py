"""The store's tables, as SQLAlchemy Core metadata (one schema for SQLite and PostgreSQL).

- ``articles``: every input document once (``content_hash`` is unique), with
  ``duplicate_of`` pointing at the original of a near-duplicate.
- ``sentences``: the sentence texts of each article (full-text indexed by migration 2).
- ``events``: the event record of ``model.Event`` flattened into columns, plus the
  interval its date covers (``date_start``/``date_end``) and GDELT-style counts.
- ``event_mentions``: which article and sentence reported each event (GDELT's Mentions),
  with what that mention itself said (code, modality, date, count): one real-world
  event is one ``events`` row however many sentences and articles report it
  (``store.linking``), and ``link_key`` is the indexed key candidates are found by.
- ``article_minhash`` / ``minhash_bands``: MinHash signatures and their LSH band keys,
  so near-duplicate lookup is an indexed query instead of an index rebuilt in memory.
- ``schema_version``: one row per applied migration.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(255), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("date", sa.String(10)),  # ISO date of the article
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("origin", sa.Text),  # where it was read from: "corpus.jsonl:12"
    sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("articles.id")),
    sa.Column("similarity", sa.Float),  # Jaccard similarity to duplicate_of
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_articles_doc_id", "doc_id"),
    sa.Index("ix_articles_duplicate_of", "duplicate_of"),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),  # FTS5 content rowid
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.UniqueConstraint("article_id", "sentence_index", name="uq_sentences_article_index"),
)


def _actor_columns(role: str) -> list[sa.Column[str]]:
    return [
        sa.Column(f"{role}_code", sa.String(32)),
        sa.Column(f"{role}_country", sa.String(16)),
        sa.Column(f"{role}_sector", sa.String(32)),
        sa.Column(f"{role}_name", sa.Text),
        sa.Column(f"{role}_text", sa.Text),
    ]


events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id")),  # None for imports
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    *_actor_columns("source"),
    *_actor_columns("target"),
    sa.Column("cameo", sa.String(4), nullable=False),
    sa.Column("root", sa.String(2), nullable=False),
    sa.Column("quad_class", sa.Integer, nullable=False),
    sa.Column("goldstein", sa.Float, nullable=False),
    sa.Column("plover_type", sa.String(32)),
    sa.Column("plover_mode", sa.String(64)),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("attribution", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_start", sa.String(10)),  # first day the date covers
    sa.Column("date_end", sa.String(10)),  # last day the date covers
    sa.Column("date_source", sa.String(8)),  # the record's: text | story | article
    sa.Column("date_basis", sa.String(10)),  # identity's reading of it (store.identity)
    sa.Column("count", sa.Integer, nullable=False, server_default="1"),
    sa.Column("location_name", sa.Text),
    sa.Column("location_country", sa.String(16)),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("rule", sa.Text, nullable=False, server_default=""),
    sa.Column("dataset", sa.String(16), nullable=False, server_default="legation"),
    sa.Column("extra", sa.Text),  # JSON: fields an imported dataset has and we do not
    sa.Column("num_mentions", sa.Integer, nullable=False, server_default="1"),
    sa.Column("num_sources", sa.Integer, nullable=False, server_default="1"),
    sa.Column("num_articles", sa.Integer, nullable=False, server_default="1"),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("link_key", sa.String(80)),  # identity blocking key (migration 6)
    sa.Index("ix_events_source_code", "source_code"),
    sa.Index("ix_events_source_country", "source_country"),
    sa.Index("ix_events_target_code", "target_code"),
    sa.Index("ix_events_target_country", "target_country"),
    sa.Index("ix_events_cameo", "cameo"),
    sa.Index("ix_events_date_start", "date_start"),
    sa.Index("ix_events_article_id", "article_id"),
    sa.Index("ix_events_link", "link_key", "date_start"),
)

event_mentions = sa.Table(
    "event_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.event_id"), nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    # What this mention itself said (migration 6): the event row holds the best of them.
    sa.Column("cameo", sa.String(4)),
    sa.Column("modality", sa.String(16)),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_source", sa.String(8)),
    sa.Column("count", sa.Integer),
    sa.Column("trigger", sa.Text),
    sa.UniqueConstraint("event_id", "article_id", "sentence_index", name="uq_mentions"),
    sa.Index("ix_event_mentions_article_id", "article_id"),
)

article_minhash = sa.Table(
    "article_minhash",
    metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # num_perm uint64, little-endian
)

minhash_bands = sa.Table(
    "minhash_bands",
    metadata,
    sa.Column("band", sa.SmallInteger, nullable=False),
    sa.Column("key", sa.BigInteger, nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.PrimaryKeyConstraint("band", "key", "article_id", name="pk_minhash_bands"),
)

# Tables each migration creates (later migrations add to this, never change earlier ones).
V1_TABLES = (articles, sentences, events, event_mentions)
V3_TABLES = (article_minhash, minhash_bands)
