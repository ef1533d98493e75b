"""``Store``: the Python API of the event store, which the CLI commands mirror one to one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from legation.errors import StoreError
from legation.model import Article, Event
from legation.store import db, export, imports, migrations
from legation.store.ingest import DEFAULT_BATCH_SIZE, CoderLike, IngestSummary, ingest
from legation.store.query import EventFilter, select_events
from legation.store.rows import row_to_event
from legation.store.schema import articles, event_mentions, events, sentences

StrOrSeq = str | Sequence[str] | None
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """What ``legation db-info`` prints."""

    url: str
    dialect: str
    schema_version: int
    articles: int
    near_duplicates: int
    sentences: int
    events: int
    mentions: int
    events_by_dataset: dict[str, int]
    size_bytes: int | None  # SQLite file size (main file + WAL)


class Store:
    """An event store: a SQLite file (default) or a PostgreSQL database.

    ``url`` is a path, a ``sqlite:///`` or ``postgresql://`` URL, or ``None`` for
    ``$LEGATION_DB`` or ``~/.local/share/legation/legation.db``. Opening a store creates
    or upgrades its schema; with ``create=False`` (every read command) a store that does
    not exist yet is a ``StoreError`` instead, so a mistyped path is not an empty answer.
    """

    def __init__(
        self,
        url: str | os.PathLike[str] | None = None,
        *,
        upgrade: bool = True,
        create: bool = True,
    ) -> None:
        self.url = db.resolve_url(url)
        if not create:
            _require_sqlite_file(self.url)
        self.engine = db.create_engine(self.url)
        db.check_connection(self.engine)
        if not create and self._version() == 0:
            self.engine.dispose()
            raise StoreError(_missing(self.url))
        self.schema_version = migrations.migrate(self.engine) if upgrade else self._version()

    def _version(self) -> int:
        with self.engine.connect() as conn:
            return migrations.database_version(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({db.display_url(self.url)!r})"

    # --- writing ------------------------------------------------------------------------

    def ingest(
        self,
        articles: Iterable[Article],
        coder: CoderLike | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Callable[[IngestSummary], None] | None = None,
        on_warning: Callable[[str], None] | None = None,
    ) -> IngestSummary:
        """Code ``articles`` (with ``legation.pipeline.Coder()`` unless given) and store them."""
        if coder is None:
            from legation.pipeline import Coder

            coder = Coder()
        return self._guard(
            lambda: ingest(
                self.engine,
                articles,
                coder,
                batch_size=batch_size,
                progress=progress,
                on_warning=on_warning,
            )
        )

    def import_gdelt(
        self, path: str | Path, on_warning: Callable[[str], None] | None = None
    ) -> imports.ImportSummary:
        """Load a GDELT 2.0 event file (``.export.CSV`` or its ``.zip``)."""
        return self._guard(lambda: imports.import_gdelt(self.engine, Path(path), on_warning))

    def import_icews(
        self, path: str | Path, on_warning: Callable[[str], None] | None = None
    ) -> imports.ImportSummary:
        """Load an ICEWS event file (tab-separated with its header line)."""
        return self._guard(lambda: imports.import_icews(self.engine, Path(path), on_warning))

    # --- reading ------------------------------------------------------------------------

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        dyad: bool = False,
        code: StrOrSeq = None,
        plover: StrOrSeq = None,
        modality: StrOrSeq = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        dataset: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        """Stored events matching every given filter (see ``legation.store.query``)."""
        flt = EventFilter(
            source, target, dyad, code, plover, modality, since, until, text, dataset, limit, offset
        )
        return [row_to_event(row) for row in self.event_rows(flt)]

    def event_rows(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Matching rows as dicts: the flattened record plus counts and the article URL."""
        return self._guard(lambda: list(export.iter_rows(self.engine, flt)))

    def count_events(self, flt: EventFilter | None = None) -> int:
        query = select_events(flt or EventFilter(), self.engine.dialect.name)
        query = query.limit(None).offset(None).order_by(None)
        counted = sa.select(sa.func.count()).select_from(query.subquery())

        def run() -> int:
            with self.engine.connect() as conn:
                return int(conn.execute(counted).scalar_one())

        return self._guard(run)

    def mentions(self, event_id: str) -> list[dict[str, Any]]:
        """The articles and sentences that reported an event, oldest first."""
        query = (
            sa.select(
                event_mentions.c.article_id,
                event_mentions.c.sentence_index,
                event_mentions.c.sentence,
                articles.c.doc_id,
                articles.c.url,
                articles.c.title,
                articles.c.source,
                articles.c.duplicate_of,
            )
            .join(articles, articles.c.id == event_mentions.c.article_id)
            .where(event_mentions.c.event_id == event_id)
            .order_by(event_mentions.c.id)
        )
        return self._guard(lambda: self._rows(query))

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored articles (without text), in the order they were stored."""
        cols = [c for c in articles.c if c.name != "text"]
        query = sa.select(*cols).order_by(articles.c.id).limit(limit)
        return self._guard(lambda: self._rows(query))

    def _rows(self, query: sa.Select[Any]) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def export(
        self,
        fmt: str,
        output: str | Path | None = None,
        stream: TextIO | None = None,
        flt: EventFilter | None = None,
    ) -> export.ExportResult:
        """Write matching events as ``fmt`` (jsonl, csv, tsv, parquet, gdelt, plover)."""
        path = Path(output) if output is not None else None
        return self._guard(
            lambda: export.export(self.engine, flt or EventFilter(), fmt, path, stream)
        )

    def to_pandas(self, flt: EventFilter | None = None, **filters: Any) -> Any:
        """Matching events as a pandas DataFrame (``export.TABLE_COLUMNS``)."""
        try:
            import pandas as pd
        except ModuleNotFoundError:
            raise StoreError(
                "Store.to_pandas needs pandas, an optional extra: pip install 'legation[pandas]'"
            ) from None
        flt = flt or EventFilter(**filters)
        rows = [export.flat(row) for row in self.event_rows(flt)]
        return pd.DataFrame(rows, columns=list(export.TABLE_COLUMNS))

    def info(self) -> StoreInfo:
        return self._guard(self._info)

    def _info(self) -> StoreInfo:
        def count(table: sa.Table, *where: Any) -> int:
            return int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(table).where(*where)
                ).scalar_one()
            )

        with self.engine.connect() as conn:
            by_dataset = conn.execute(
                sa.select(events.c.dataset, sa.func.count()).group_by(events.c.dataset)
            ).all()
            info = StoreInfo(
                url=db.display_url(self.url),
                dialect=self.engine.dialect.name,
                schema_version=migrations.database_version(conn),
                articles=count(articles),
                near_duplicates=count(articles, articles.c.duplicate_of.is_not(None)),
                sentences=count(sentences),
                events=count(events),
                mentions=count(event_mentions),
                events_by_dataset={str(d): int(n) for d, n in by_dataset},
                size_bytes=self._file_size(),
            )
        return info

    def _file_size(self) -> int | None:
        database = sa.make_url(self.url).database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            return None
        paths = [Path(database), Path(database + "-wal")]
        return sum(p.stat().st_size for p in paths if p.exists())

    def _guard(self, action: Callable[[], T]) -> T:
        """Run ``action``; a database failure becomes a one-line ``StoreError``."""
        try:
            return action()
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"{db.display_url(self.url)}: {reason}") from None


def _missing(url: str) -> str:
    return f"no event store at {db.display_url(url)}; run `legation ingest` first"


def _require_sqlite_file(url: str) -> None:
    """A SQLite path that names no file is refused before SQLite would create it."""
    try:
        parsed = sa.make_url(url)
    except ArgumentError:
        return  # create_engine says why
    database = parsed.database or ""
    local = parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:")
    if local and not Path(database).is_file():
        raise StoreError(f"no event store at {database}; run `legation ingest` first")
