"""Opening a store: URLs and paths, schema creation, upgrading older databases, refusals."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_fakes import ORIGINAL, FakeCoder, article

from legation.errors import StoreError
from legation.store import Store
from legation.store import db as store_db
from legation.store.migrations import CURRENT_VERSION, add_column, migrate
from legation.store.schema import articles, schema_version, sentences


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGATION_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store_db.resolve_url(None) == f"sqlite:///{tmp_path}/xdg/legation/legation.db"
    monkeypatch.setenv("LEGATION_DB", str(tmp_path / "env.db"))
    assert store_db.resolve_url(None) == f"sqlite:///{tmp_path}/env.db"
    assert store_db.resolve_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert store_db.resolve_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert store_db.resolve_url(":memory:") == "sqlite://"
    assert (
        store_db.display_url("postgresql+psycopg://u:secret@h/db")
        == "postgresql+psycopg://u:***@h/db"
    )


def test_default_store_is_created_under_the_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEGATION_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with Store() as store:
        assert store.schema_version == CURRENT_VERSION
    assert (tmp_path / "legation" / "legation.db").exists()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    with Store(path):
        pass
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_fresh_database_gets_every_migration(store: Store) -> None:
    with store.engine.connect() as conn:
        versions = conn.execute(
            sa.select(schema_version.c.version).order_by(schema_version.c.version)
        ).scalars()
        assert list(versions) == list(range(1, CURRENT_VERSION + 1))
    # opening again changes nothing
    with Store(store.url) as again:
        assert again.schema_version == CURRENT_VERSION


def test_older_database_is_upgraded_with_its_data(store_url: str) -> None:
    engine = store_db.create_engine(store_db.resolve_url(store_url))
    assert migrate(engine, target=1) == 1
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:  # an article stored by a version-1 legation
        old_id = conn.execute(
            articles.insert().values(
                doc_id="old", content_hash="h" * 64, text=ORIGINAL, ingested_at=now
            )
        ).inserted_primary_key[0]
    engine.dispose()
    with Store(store_url) as store:
        assert store.schema_version == CURRENT_VERSION
        # migration 3 signed the old article, so a near-copy of it is recognised
        summary = store.ingest(
            [article("new", ORIGINAL.replace("closed talks", "long talks"))], FakeCoder()
        )
        assert summary.near_duplicates == 1
        rows = {a["doc_id"]: a for a in store.articles()}
        assert rows["new"]["duplicate_of"] == old_id


def test_fulltext_index_covers_rows_from_before_the_upgrade(store_url: str) -> None:
    engine = store_db.create_engine(store_db.resolve_url(store_url))
    migrate(engine, target=1)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            articles.insert().values(
                id=1, doc_id="old", content_hash="h" * 64, text="x", ingested_at=now
            )
        )
        conn.execute(
            sentences.insert().values(
                id=7, article_id=1, sentence_index=0, text="The treaties were signed in Moscow."
            )
        )
    engine.dispose()
    with Store(store_url) as store, store.engine.connect() as conn:
        matched = sa.select(sentences.c.id).where(
            sentences.c.id.in_(_matched_ids(conn.dialect.name, "treaty"))
        )
        assert list(conn.execute(matched).scalars()) == [7]


def _matched_ids(dialect: str, word: str) -> sa.Select[tuple[int]]:
    if dialect == "sqlite":
        fts = sa.table("sentences_fts", sa.column("rowid"), sa.column("sentences_fts"))
        return sa.select(fts.c.rowid).where(fts.c.sentences_fts.match(word))
    vector = sa.func.to_tsvector(sa.literal_column("'english'::regconfig"), sentences.c.text)
    query = sa.func.plainto_tsquery(sa.literal_column("'english'::regconfig"), word)
    return sa.select(sentences.c.id).where(vector.op("@@")(query))


def test_newer_database_is_refused(store: Store) -> None:
    with store.engine.begin() as conn:
        future = {"description": "future", "applied_at": dt.datetime.now(dt.UTC)}
        conn.execute(schema_version.insert().values(version=CURRENT_VERSION + 1, **future))
    with pytest.raises(StoreError, match="newer than this legation"):
        Store(store.url)


def test_foreign_databases_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE articles (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a legation database"):
        Store(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(junk)
    with pytest.raises(StoreError, match="unsupported database"):
        Store("mysql://localhost/x")


def test_add_column_for_later_migrations(store: Store) -> None:
    with store.engine.begin() as conn:
        add_column(
            conn,
            "articles",
            sa.Column("language", sa.String(8), server_default="en", nullable=False),
        )
    with store.engine.connect() as conn:
        cols = {c["name"] for c in sa.inspect(conn).get_columns("articles")}
    assert "language" in cols
    store.ingest([article("a", "RUS visited PRK.")], FakeCoder())  # inserts still work
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT language FROM articles")).scalar() == "en"


def test_dyad_series_reads_the_covering_index_alone(tmp_path: Path) -> None:
    """Migration 7: a series counts occurrences and mentions; the dyad index holds them, so
    SQLite answers from the index without reading the table (the 10M-event target)."""
    from legation.analysis import series

    with Store(tmp_path / "plan.db") as store:
        plans: list[str] = []

        @sa.event.listens_for(store.engine, "before_cursor_execute")
        def explain(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            if "GROUP BY" in statement and not statement.startswith("EXPLAIN"):
                rows = cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
                plans.extend(str(row[-1]) for row in rows.fetchall())

        series.dyad_series(store, "RUS", "PRK")
    assert plans and any("COVERING INDEX ix_events_dyad" in p for p in plans), plans
    assert not any(p.startswith("SCAN events") for p in plans), plans
