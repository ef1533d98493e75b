"""Store commands: ``ingest``, ``events``, ``export``, ``import-gdelt``, ``import-icews``,
``db-info``. Each parses options and calls the ``legation.store.Store`` method of the
same name; ``--db`` is ``Store(url)`` (default ``$LEGATION_DB``, else
``~/.local/share/legation/legation.db``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from legation.cli.common import (
    Messages,
    SafeTable,
    output_stream,
    parse_date_option,
    resolve_filter,
    table_console,
)
from legation.cli.scale_opts import DaskOpt, FastOpt, VerbsOpt, VerbsReplaceOpt, WorkersOpt
from legation.errors import InputError
from legation.wording import counted

if TYPE_CHECKING:
    from legation.model import Event
    from legation.store import EventFilter, IngestSummary, Store
    from legation.store.ingest import CoderLike

TABLE_DEFAULT_LIMIT = 50


class EventsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    plover = "plover"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or postgresql:// URL (default: $LEGATION_DB, else "
        "~/.local/share/legation/legation.db).",
    ),
]
SourceOpt = Annotated[
    str | None, typer.Option("--source", help="Source country or actor code (RUS, RUSGOV).")
]
TargetOpt = Annotated[str | None, typer.Option("--target", help="Target country or actor code.")]
DyadOpt = Annotated[bool, typer.Option("--dyad", help="Match source/target in either direction.")]
CodeOpt = Annotated[
    list[str] | None, typer.Option("--code", help="CAMEO code prefix: 04, 042 (repeatable).")
]
PloverOpt = Annotated[
    list[str] | None, typer.Option("--plover", help="PLOVER type: CONSULT (repeatable).")
]
ModalityOpt = Annotated[
    list[str] | None,
    typer.Option("--modality", help="occurred, negated, planned, hypothetical (repeatable)."),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="Events on or after (YYYY[-MM[-DD]]).")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Events on or before.")
]
TextOpt = Annotated[
    str | None, typer.Option("--text", help="Full-text search over the reporting sentences.")
]
DatasetOpt = Annotated[
    str | None, typer.Option("--dataset", help="Only events from: legation, gdelt, icews.")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=0, help="At most this many events.")]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help="Write here, not stdout.")
]


def open_store(db: str | None, *, create: bool = False) -> Store:
    """The store behind ``--db``. Only ``ingest`` and the imports pass ``create=True``:
    every other command refuses a store that does not exist (exit 4), so a mistyped path
    is an error, not an empty answer."""
    from legation.store import Store

    return Store(db, create=create)


def load_coder(spec: str) -> CoderLike:
    """``module:name`` → ``name()`` (a class or factory), an object with ``code_stream``."""
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise InputError("--coder", f"{spec!r}: expected MODULE:NAME")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise InputError("--coder", f"{spec!r}: {exc}") from None
    coder = factory() if callable(factory) else factory
    if not hasattr(coder, "code_stream"):
        raise InputError("--coder", f"{spec!r} has no code_stream method")
    return coder  # type: ignore[no-any-return]


class _IngestProgress:
    """Rich progress line (stderr, terminals only): articles/s and events found."""

    def __init__(self, console: Console, enabled: bool) -> None:
        self.bar: Progress | None = None
        if enabled and console.is_terminal:
            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("ingest: {task.fields[line]}"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self.bar.add_task("ingest", total=None, line="starting")
            self.bar.start()

    def __call__(self, summary: IngestSummary) -> None:
        if self.bar is not None:
            line = (
                f"{summary.articles_added} articles stored "
                f"({summary.articles_per_second:.1f}/s), {summary.events_added} events, "
                f"{summary.near_duplicates} near-duplicates"
            )
            self.bar.update(self.bar.task_ids[0], line=line)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def summary_line(s: IngestSummary) -> str:
    return (
        f"{counted(s.articles_read, 'article read', 'articles read')}: {s.articles_added} "
        f"stored, {s.already_stored} already stored, "
        f"{counted(s.near_duplicates, 'near-duplicate')}, {s.empty} empty; "
        f"{counted(s.events_added, 'new event')}, {counted(s.mentions_added, 'mention')}; "
        f"{s.seconds:.1f} s ({s.articles_per_second:.1f} articles/s)"
    )


def ingest_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH_OR_URL...",
            help="Files (.txt .jsonl .csv .html .rss .atom .xml), directories, globs, "
            "http(s) URLs of pages or feeds; - for JSON Lines on stdin.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="YYYY-MM-DD", help="Date of undated articles."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per committed batch.")
    ] = 16,
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", metavar="FILE", help="Extra actor files (repeatable)."),
    ] = None,
    verbs: VerbsOpt = None,
    verbs_replace: VerbsReplaceOpt = False,
    coder: Annotated[
        str | None,
        typer.Option("--coder", metavar="MODULE:NAME", help="Use another coder (a factory)."),
    ] = None,
    no_fetch: Annotated[
        bool, typer.Option("--no-fetch", help="Never download (feeds use their summaries).")
    ] = False,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Fetch from private, loopback and link-local addresses (intranet feeds).",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
    fast: FastOpt = False,
) -> None:
    """Code articles and store them: each article once, near-duplicates linked.

    Safe to interrupt: re-running the same command finishes the job without duplicates.
    """
    from legation.cli.urls import check_urls, fetcher
    from legation.store.sources import check_sources, read_sources

    messages = Messages()
    default_date = parse_date_option(date)
    check_sources(inputs)  # every path exists and is a readable file, before any coding
    if not no_fetch:
        check_urls(inputs, allow_private_urls)  # before any coding: say why at once
    if coder is not None:
        if verbs or verbs_replace:
            raise InputError("--verbs", "applies to the built-in coder, not to --coder")
        the_coder = load_coder(coder)
    else:
        from legation.cli.code import scaled

        the_coder = scaled(
            actors or (),
            messages,
            workers=workers,
            dask=dask,
            fast=fast,
            verb_files=verbs or (),
            verbs_replace=verbs_replace,
        )
    store = open_store(db, create=True)  # after every check: a bad option creates nothing
    articles = read_sources(
        inputs, default_date, messages.warning, fetch=fetcher(no_fetch, allow_private_urls)
    )
    progress = _IngestProgress(messages.console, not quiet)
    try:
        summary = store.ingest(
            articles, the_coder, batch_size=batch_size, progress=progress,
            on_warning=messages.warning,
        )  # fmt: skip
    finally:
        progress.stop()
        store.close()
    if not quiet:
        messages.info(summary_line(summary))


def _filter(**kwargs: Any) -> EventFilter:
    from legation.store import EventFilter

    return EventFilter(**kwargs)


def events_command(
    db: DbOption = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    dyad: DyadOpt = False,
    code: CodeOpt = None,
    plover: PloverOpt = None,
    modality: ModalityOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    dataset: DatasetOpt = None,
    limit: LimitOpt = None,
    fmt: Annotated[
        EventsFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = EventsFormat.table,
    output: OutputOpt = None,
) -> None:
    """List stored events matching the filters (a table, or jsonl/csv/tsv/parquet)."""
    table = fmt is EventsFormat.table
    if table and limit is None:
        limit = TABLE_DEFAULT_LIMIT
    flt = _filter(
        source=source, target=target, dyad=dyad, code=code, plover=plover, modality=modality,
        since=since, until=until, text=text, dataset=dataset, limit=limit,
    )  # fmt: skip
    with open_store(db) as store:
        flt = resolve_filter(store, flt)
        if table:
            _print_table(store, flt)
        else:
            _write(store, fmt.value, output, flt)


def _write(store: Store, fmt: str, output: str | None, flt: EventFilter) -> None:
    if fmt in ("parquet", "gdelt"):
        if output is None or output == "-":
            raise InputError("--output", f"the {fmt} format needs --output FILE")
        store.export(fmt, Path(output), flt=flt)
        return
    with output_stream(output) as stream:
        store.export(fmt, stream=stream, flt=flt)


def _print_table(store: Store, flt: EventFilter) -> None:
    from legation.ontology import load_ontology
    from legation.store.rows import row_to_event

    rows = store.event_rows(flt)
    total = store.count_events(flt)
    ontology = load_ontology()
    table = SafeTable(show_lines=False)
    for column in ("date", "modality", "mentions"):
        table.add_column(column, no_wrap=True)
    for column in ("source", "event", "target", "sentence"):
        table.add_column(column, overflow="fold", ratio=1)
    for row in rows:
        event: Event = row_to_event(row)
        name = ontology.get(event.cameo).name if event.cameo in ontology else ""
        table.add_row(
            event.date or "",
            event.modality,
            str(row["num_mentions"]),
            _actor(event.source),
            f"{event.cameo} {name}".strip(),
            _actor(event.target),
            event.sentence,
        )
    console = table_console()
    console.print(table)
    console.print(f"{len(rows)} of {counted(total, 'matching event')}")


def _actor(actor: Any) -> str:
    return "—" if actor is None else f"{actor.code} ({actor.name or actor.text})"


def export_command(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = ExportFormat.jsonl,
    output: OutputOpt = None,
    db: DbOption = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    dyad: DyadOpt = False,
    code: CodeOpt = None,
    plover: PloverOpt = None,
    modality: ModalityOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    dataset: DatasetOpt = None,
    limit: LimitOpt = None,
) -> None:
    """Export events: gdelt (GDELT 2.0 events + mentions TSV), plover (PLOVER JSON),
    jsonl, csv, tsv, parquet. Takes the same filters as ``events``."""
    flt = _filter(
        source=source, target=target, dyad=dyad, code=code, plover=plover, modality=modality,
        since=since, until=until, text=text, dataset=dataset, limit=limit,
    )  # fmt: skip
    with open_store(db) as store:
        _write(store, fmt.value, output, resolve_filter(store, flt))


def _import(kind: str, files: Sequence[Path], db: str | None, quiet: bool) -> None:
    messages = Messages()
    with open_store(db, create=True) as store:
        for path in files:
            method = store.import_gdelt if kind == "gdelt" else store.import_icews
            summary = method(path, messages.warning)
            if not quiet:
                messages.info(
                    f"{path}: {counted(summary.rows, 'row')}, "
                    f"{counted(summary.added, 'event added', 'events added')}, "
                    f"{summary.already_stored} already stored"
                )


FilesArg = Annotated[list[Path], typer.Argument(metavar="FILE...", show_default=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")]


def import_gdelt_command(files: FilesArg, db: DbOption = None, quiet: QuietOpt = False) -> None:
    """Load GDELT 2.0 event files (*.export.CSV, or .zip) into the store."""
    _import("gdelt", files, db, quiet)


def import_icews_command(files: FilesArg, db: DbOption = None, quiet: QuietOpt = False) -> None:
    """Load ICEWS event files (tab-separated, with their header line) into the store."""
    _import("icews", files, db, quiet)


def db_info_command(db: DbOption = None) -> None:
    """Where the store is, its schema version, and what it holds."""
    with open_store(db) as store:
        info = store.info()
    size = f"{info.size_bytes / 1e6:.1f} MB" if info.size_bytes is not None else "-"
    datasets = ", ".join(f"{k}: {v}" for k, v in sorted(info.events_by_dataset.items())) or "-"
    lines = [
        f"database        {info.url}",
        f"dialect         {info.dialect}",
        f"schema version  {info.schema_version}",
        f"size            {size}",
        f"articles        {info.articles} ({info.near_duplicates} near-duplicates)",
        f"sentences       {info.sentences}",
        f"events          {info.events} ({datasets})",
        f"mentions        {info.mentions}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


def register(app: typer.Typer) -> None:
    """Add the store commands to the ``legation`` app."""
    app.command("ingest")(ingest_command)
    app.command("events")(events_command)
    app.command("export")(export_command)
    app.command("import-gdelt")(import_gdelt_command)
    app.command("import-icews")(import_icews_command)
    app.command("db-info")(db_info_command)
