"""Schema migrations: a numbered list of steps and a ``schema_version`` table.

Opening a store runs every step newer than the database's version, all in one
transaction (SQLite and PostgreSQL both have transactional DDL), so an interrupted
upgrade leaves the old schema intact. A step never changes once released: later schema
changes are new steps (``add_column`` covers the common case). A database newer than
this code is refused rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from legation.errors import StoreError
from legation.store import schema
from legation.store.db import WRITE_OPTION, display_url
from legation.store.linking import SYMMETRIC_CODES

PG_LOCK_KEY = 0x6C65676174  # "legat": serialises concurrent upgrades on PostgreSQL
FTS_TABLE = "sentences_fts"
PG_TS_CONFIG = "english"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _v1_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))


def _v2_fulltext(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content='sentences', "
            "content_rowid='id', tokenize='porter unicode61')"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN "
            f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) "
            "VALUES ('delete', old.id, old.text); END"
        )
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    else:
        conn.exec_driver_sql(
            "CREATE INDEX ix_sentences_fts ON sentences "
            f"USING GIN (to_tsvector('{PG_TS_CONFIG}'::regconfig, text))"
        )


def _v3_minhash(conn: Connection) -> None:
    from legation.store.dedup import backfill_signatures  # dedup imports schema, not us

    schema.metadata.create_all(conn, tables=list(schema.V3_TABLES))
    backfill_signatures(conn)


# Covering index for dyad time series (source, target, day → quad class, root, Goldstein,
# and what an event counts for: its occurrences and its mentions, since migration 7).
DYAD_INDEX = (
    "ix_events_dyad",
    "source_country, target_country, date_start, modality, quad_class, root, goldstein, "
    "count, num_mentions",
)
# Events pages are ordered by (date_start IS NULL, date_start, event_id) and cut to a page:
# walking this index in that order, with the usual filter columns in it, stops after one
# page without reading the table or sorting (the expression must match the ORDER BY).
PAGE_INDEX = (
    "ix_events_page",
    "(date_start IS NULL), date_start, event_id, source_country, source_code, target_country, "
    "target_code, cameo, modality, date_end",
)


def _v4_query_indexes(conn: Connection) -> None:
    for name, columns in (DYAD_INDEX, PAGE_INDEX):
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})")
    conn.exec_driver_sql("ANALYZE events")  # statistics, so the planner prefers them


def _v5_span_index(conn: Connection) -> None:
    """Events dated to a month, year or decade, by start: the part of a ``--since`` page
    that starts before the range (see ``query._window_page_ids``); day-dated events, the
    bulk, are not in it."""
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_events_spans ON events (date_start, event_id) "
        "WHERE date_precision <> 'day'"
    )


_V6_COLUMNS = {
    "events": ("date_source", "date_basis", "link_key"),
    "event_mentions": (
        "cameo", "modality", "date", "date_precision", "date_source", "count", "trigger",
    ),
}


def _v6_identity(conn: Connection) -> None:
    """Event identity: per-mention facts, the blocking key and its index. Columns a
    fresh database already has (``_v1_tables`` creates the current tables) are kept."""
    inspector = sa.inspect(conn)
    for table, names in _V6_COLUMNS.items():
        have = {c["name"] for c in inspector.get_columns(table)}
        for name in names:
            if name not in have:
                add_column(conn, table, schema.metadata.tables[table].c[name])
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_events_link ON events (link_key, date_start)"
    )
    # Stored events get the key ``linking.blocking_key`` gives after ``linking.oriented``:
    # 043 read as 042 swapped, a joint act's two sides in sorted order.
    src = "COALESCE(source_country, source_code, '')"
    tgt = "COALESCE(target_country, target_code, '')"
    joint = ", ".join(f"'{code}'" for code in sorted(SYMMETRIC_CODES))
    swap = (
        f"cameo = '043' OR (cameo IN ({joint}) AND source_code IS NOT NULL "
        f"AND target_code IS NOT NULL AND {tgt} < {src})"
    )
    conn.exec_driver_sql(
        f"UPDATE events SET link_key = CASE WHEN {swap} "
        f"THEN {tgt} || '|' || {src} ELSE {src} || '|' || {tgt} END || '|' || root "
        "WHERE link_key IS NULL AND dataset = 'legation'"
    )
    conn.exec_driver_sql(
        "UPDATE event_mentions SET cameo = (SELECT e.cameo FROM events e WHERE "
        "e.event_id = event_mentions.event_id), modality = (SELECT e.modality FROM events e "
        "WHERE e.event_id = event_mentions.event_id) WHERE cameo IS NULL"
    )


def _v7_dyad_counts(conn: Connection) -> None:
    """Series count events by their occurrences and mentions (``analysis.common.
    weight_expr``, issue 12): the dyad index gains those columns, so a series is still read
    from the index alone. Rebuilding it takes about a minute per ten million events."""
    name, columns = DYAD_INDEX
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    conn.exec_driver_sql(f"CREATE INDEX {name} ON events ({columns})")
    conn.exec_driver_sql("ANALYZE events")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, sentences, events, event mentions", _v1_tables),
    Migration(2, "full-text index over sentences", _v2_fulltext),
    Migration(3, "MinHash signatures and LSH bands for near-duplicates", _v3_minhash),
    Migration(4, "indexes for dyad series and date-ordered event pages", _v4_query_indexes),
    Migration(5, "partial index of longer-dated events for --since pages", _v5_span_index),
    Migration(6, "event identity: per-mention facts and the linking key", _v6_identity),
    Migration(7, "dyad index covers occurrences and mentions", _v7_dyad_counts),
)
CURRENT_VERSION = MIGRATIONS[-1].version


def database_version(conn: Connection) -> int:
    """The highest applied migration (0 for an empty database)."""
    inspector = sa.inspect(conn)
    if not inspector.has_table("schema_version"):
        if inspector.has_table("articles") or inspector.has_table("events"):
            raise StoreError(
                f"{display_url(str(conn.engine.url))}: has tables but no schema_version: "
                "not a legation database"
            )
        return 0
    value = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(value or 0)


def migrate(engine: Engine, target: int | None = None) -> int:
    """Bring the database up to ``target`` (default: the latest); return its version."""
    target = CURRENT_VERSION if target is None else target
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(PG_LOCK_KEY)))
            version = database_version(conn)
            if version > CURRENT_VERSION:
                raise StoreError(
                    f"{display_url(str(engine.url))}: database schema version {version} is "
                    f"newer than this legation supports ({CURRENT_VERSION}); upgrade legation"
                )
            if version >= target:
                return version
            schema.metadata.create_all(conn, tables=[schema.schema_version])
            for step in MIGRATIONS:
                if version < step.version <= target:
                    step.apply(conn)
                    conn.execute(
                        schema.schema_version.insert().values(
                            version=step.version,
                            description=step.description,
                            applied_at=dt.datetime.now(dt.UTC),
                        )
                    )
            return target
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(
            f"{display_url(str(engine.url))}: cannot upgrade schema: {reason}"
        ) from None


def add_column(conn: Connection, table: str, column: sa.Column[object]) -> None:
    """``ALTER TABLE ... ADD COLUMN`` for a later migration, typed for the dialect."""
    ddl_type = column.type.compile(dialect=conn.dialect)
    null = "" if column.nullable else " NOT NULL"
    default = ""
    if column.server_default is not None:
        arg = getattr(column.server_default, "arg", None)
        default = f" DEFAULT '{arg}'" if isinstance(arg, str) else ""
    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column.name} {ddl_type}{default}{null}")
