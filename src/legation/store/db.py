"""Opening a database: a SQLite file by default, PostgreSQL through one URL.

Everything dialect-specific about *connecting* lives here: the default path, URL
normalisation (``postgresql://`` → the psycopg 3 driver), SQLite's PRAGMAs (WAL, a busy
timeout so a reader waits instead of failing while an ingest commits) and real
``BEGIN``/``BEGIN IMMEDIATE`` transactions on SQLite, so a batch is all-or-nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from legation.errors import StoreError

ENV_VAR = "LEGATION_DB"
DB_FILENAME = "legation.db"
SQLITE_CACHE_KIB = 65536  # 64 MiB of page cache per connection (inserts into many indexes)
SQLITE_BUSY_TIMEOUT_MS = 30_000  # a reader or second writer waits this long for a batch
WRITE_OPTION = "legation_write"  # execution option: take SQLite's write lock at BEGIN
WRITER_LOCK_KEY = 0x6C65_6701  # PostgreSQL advisory lock held by each writing transaction


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/legation/legation.db`` (``~/.local/share/...`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "legation" / DB_FILENAME


def resolve_url(url_or_path: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for a URL, a file path, ``LEGATION_DB``, or the default path.

    ``postgresql://`` and ``postgres://`` URLs get the psycopg 3 driver; a bare path
    becomes ``sqlite:///<absolute path>``; ``:memory:`` is an in-memory SQLite database.
    """
    value = os.fspath(url_or_path) if url_or_path is not None else os.environ.get(ENV_VAR)
    if not value:
        return f"sqlite:///{default_db_path()}"
    if value == ":memory:":
        return "sqlite://"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages and ``db-info``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def create_engine(url: str) -> Engine:
    """An engine for ``url`` (already resolved), configured for its dialect."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url}: not a database URL or path ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        try:
            return sa.create_engine(parsed, pool_pre_ping=True)
        except ModuleNotFoundError as exc:
            raise StoreError(
                f"PostgreSQL driver missing ({exc.name}): pip install psycopg"
            ) from None
    raise StoreError(f"{display_url(url)}: unsupported database (use SQLite or PostgreSQL)")


def _sqlite_engine(url: sa.URL) -> Engine:
    database = url.database or ""
    memory = database in ("", ":memory:")
    if not memory:
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{database}: cannot create the database folder ({exc})") from None
    kwargs: dict[str, Any] = {}
    if memory:  # one shared connection, or each connection would see its own empty database
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = sa.create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_on_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")  # page cache: index inserts
    finally:
        cursor.close()


def _sqlite_on_begin(conn: sa.Connection) -> None:
    # Writers take the lock up front: no deadlock when two writers upgrade a read lock.
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def lock_writers(conn: sa.Connection) -> None:
    """Serialise writers for the rest of the transaction: PostgreSQL's counterpart of
    SQLite's ``BEGIN IMMEDIATE``. Without it two ingests of the same corpus both see an
    article as new, both insert it, and the second fails on the unique content hash."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITER_LOCK_KEY)))


def check_connection(engine: Engine) -> None:
    """Fail early, with one line, when the database cannot be reached."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(
            f"{display_url(str(engine.url))}: cannot open database: {reason}"
            f"{_read_only_hint(engine)}"
        ) from None


def _read_only_hint(engine: Engine) -> str:
    """Why SQLite could not open a file, when it is the usual reason: no write access
    (WAL mode writes beside the database even to read it)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return ""
    path = Path(database)
    for target in (path, path.parent):
        if target.exists() and not os.access(target, os.W_OK):
            return f" ({target} is read-only)"
    return ""
