"""``legation code`` (files → events) and ``legation demo`` (the bundled sample, as a table).

Thin: options are parsed here, the work is ``legation.read.read_inputs`` →
``legation.pipeline.Coder.code_stream`` → ``legation.output.write_events``.
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from legation.cli.common import (
    Messages,
    check_verb_files,
    load_kb,
    output_stream,
    parse_date_option,
)
from legation.cli.scale_opts import (
    DaskOpt,
    FastOpt,
    VerbsOpt,
    VerbsReplaceOpt,
    WorkersOpt,
    coder_kwargs,
    parquet_dir,
)
from legation.model import Actor, CodedArticle, Event
from legation.output import format_for, write_events
from legation.read import ReadStats, read_inputs

if TYPE_CHECKING:
    from legation.ontology import Ontology
    from legation.pipeline import Coder

# The progress bar appears once this many articles are done (and only on a terminal).
PROGRESS_AFTER_ARTICLES = 3
SAMPLE_PACKAGE = "legation.samples"
SAMPLE_FILE = "sample_corpus.jsonl"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


@dataclass(slots=True)
class CodeSummary:
    """What a run did, for the summary line."""

    stats: ReadStats
    events: int
    seconds: float

    def line(self) -> str:
        s = self.stats
        return (
            f"{plural(s.articles, 'article')} read, {s.skipped} skipped, "
            f"{plural(self.events, 'event')}, {plural(s.warnings, 'warning')}, "
            f"{self.seconds:.1f} s"
        )


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class _Progress(AbstractContextManager["_Progress"]):
    """A transient Rich progress line on stderr, shown only on a terminal and only once a
    few articles are done (short runs stay quiet)."""

    def __init__(self, console: Console, enabled: bool) -> None:
        self._enabled = enabled and console.is_terminal
        self._console = console
        self._bar: Progress | None = None
        self.articles = 0
        self.events = 0

    def advance(self, events: int) -> None:
        self.articles += 1
        self.events += events
        if self._bar is None and self._enabled and self.articles > PROGRESS_AFTER_ARTICLES:
            self._bar = Progress(
                SpinnerColumn(),
                TextColumn(
                    "coding: {task.fields[articles]} articles, {task.fields[events]} events"
                ),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._bar.add_task("code", total=None, articles=self.articles, events=self.events)
            self._bar.start()
        if self._bar is not None:
            self._bar.update(self._bar.task_ids[0], articles=self.articles, events=self.events)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()


def make_coder(actor_files: Sequence[Path], messages: Messages, fast: bool = False) -> Coder:
    """A coder with the default knowledge base, extended by the user's actor files."""
    kb = load_kb(actor_files, messages)
    from legation.pipeline import Coder  # lazy: loads spaCy only when coding

    return Coder(kb=kb, **coder_kwargs(fast))


def scaled(
    actor_files: Sequence[Path],
    messages: Messages,
    *,
    workers: int | None = None,
    dask: str | None = None,
    fast: bool = False,
    verb_files: Sequence[Path] = (),
    verbs_replace: bool = False,
) -> Any:
    """The coder for ``--workers``/``--dask``/``--fast``/``--verbs``: actor and verb files
    are checked now (their skipped lines printed once, here), the in-process coder is built
    only if used (inputs of a few articles, or ``--workers 1``)."""
    from legation.cli.scale_opts import scaled_coder

    kb = load_kb(actor_files, messages)
    check_verb_files(verb_files, messages, replace=verbs_replace)

    def local() -> Any:
        from legation.actors.petrarch import DictionaryWarning
        from legation.pipeline import Coder

        kwargs = coder_kwargs(fast)
        if verb_files:
            kwargs.update(verbs=verb_files, verbs_replace=verbs_replace)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DictionaryWarning)  # reported above
            return Coder(kb=kb, **kwargs)

    return scaled_coder(
        workers=workers,
        dask=dask,
        fast=fast,
        actor_files=actor_files,
        verb_files=verb_files,
        verbs_replace=verbs_replace,
        local=local,
    )


def code_files(
    inputs: Sequence[str],
    *,
    date: str | None = None,
    output: str | None = None,
    fmt: str | None = None,
    actors: Sequence[Path] = (),
    batch_size: int = 32,
    strict: bool = False,
    messages: Messages | None = None,
    progress: bool = True,
    workers: int | None = None,
    dask: str | None = None,
    fast: bool = False,
    verbs: Sequence[Path] = (),
    verbs_replace: bool = False,
) -> CodeSummary:
    """Code every input into ``output`` (stdout when ``None``); the ``legation code`` body.

    ``output`` ``parquet://DIR`` writes one Parquet shard per partition into DIR (a re-run
    skips finished shards).
    """
    messages = messages or Messages()
    default_date = parse_date_option(date)
    shards = parquet_dir(output)
    out_format = format_for(None if shards else output, fmt)
    stats = ReadStats()
    started = time.perf_counter()
    # read_inputs checks every path now (before any model loads); it reads lazily.
    articles = read_inputs(inputs, default_date, messages.warning, stats=stats, strict=strict)
    coder = scaled(
        actors,
        messages,
        workers=workers,
        dask=dask,
        fast=fast,
        verb_files=verbs,
        verbs_replace=verbs_replace,
    )
    if shards is not None:
        from legation.dask_runner import write_parquet_shards

        _, written = write_parquet_shards(articles, shards, coder)
        return CodeSummary(stats, written, time.perf_counter() - started)
    with _Progress(messages.console, progress) as bar, output_stream(output) as stream:
        coded = coder.code_stream(articles, batch_size=batch_size)
        written = write_events(_events(coded, bar), stream, out_format)
    return CodeSummary(stats, written, time.perf_counter() - started)


def _events(coded: Iterable[CodedArticle], bar: _Progress) -> Iterator[Event]:
    for item in coded:
        bar.advance(len(item.events))
        yield from item.events


def code_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Input files: .txt (one article), .jsonl, .csv (optionally .gz); - for "
            "JSON Lines on stdin.",
            show_default=False,
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYY-MM-DD",
            help="Date of articles that give none (all .txt input): anchors relative dates.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            "--out",
            metavar="FILE",
            help="Write here (atomically) instead of stdout; parquet://DIR: Parquet shards.",
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Output format (default: from the -o suffix, else jsonl).",
        ),
    ] = None,
    actors: Annotated[
        list[Path] | None,
        typer.Option(
            "--actors",
            metavar="FILE",
            help="Extra actors: a TSV file in a bundled format or a PETRARCH/TABARI "
            "dictionary (repeatable).",
        ),
    ] = None,
    verbs: VerbsOpt = None,
    verbs_replace: VerbsReplaceOpt = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per NLP batch.")
    ] = 32,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop (exit 2) at the first input warning.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line and no progress bar.")
    ] = False,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
    fast: FastOpt = False,
) -> None:
    """Code news articles into events: one JSON record a line (or CSV/TSV rows).

    Warnings (skipped lines, with file:line) and a summary go to stderr.
    """
    messages = Messages()
    summary = code_files(
        inputs,
        date=date,
        output=output,
        fmt=fmt.value if fmt else None,
        actors=actors or (),
        batch_size=batch_size,
        strict=strict,
        messages=messages,
        progress=not quiet,
        workers=workers,
        dask=dask,
        fast=fast,
        verbs=verbs or (),
        verbs_replace=verbs_replace,
    )
    if not quiet:
        messages.info(summary.line())


def demo_command() -> None:
    """Code the bundled sample corpus (eight short reports) and show the events, by article."""
    messages = Messages()
    sample = resources.files(SAMPLE_PACKAGE).joinpath(SAMPLE_FILE)
    with resources.as_file(sample) as path:
        articles = list(read_inputs([str(path)], None, messages.warning))
    coder = make_coder((), messages)
    started = time.perf_counter()
    coded = list(coder.code_stream(articles))
    seconds = time.perf_counter() - started
    from legation.ontology import load_ontology

    ontology = load_ontology()
    console = Console()
    for item in coded:
        if item.events:
            console.print(_article_table(item, ontology))
    events = [event for item in coded for event in item.events]
    roots = Counter(event.root for event in events)
    by_root = ", ".join(f"{root}×{n}" for root, n in sorted(roots.items())) or "none"
    console.print(
        f"{plural(len(articles), 'article')}, {plural(len(events), 'event')} in {seconds:.1f} s; "
        f"by CAMEO root: {by_root}",
        highlight=False,
    )
    console.print(
        "Full records, one JSON object a line: legation code FILE.jsonl --date YYYY-MM-DD",
        highlight=False,
    )


def _article_table(coded: CodedArticle, ontology: Ontology) -> Table:
    """One article's events: date, source, event (with modality unless "occurred"), target."""
    article = coded.article
    title = f"{article.id} ({article.date or 'undated'}): {article.title or ''}".rstrip(": ")
    table = Table(title=escape(title), title_justify="left", show_lines=True)
    table.add_column("date", no_wrap=True)
    for column in ("source", "event", "target", "trigger"):
        table.add_column(column, overflow="fold", ratio=1)
    for event in coded.events:
        name = ontology.get(event.cameo).name if event.cameo in ontology else ""
        modality = "" if event.modality == "occurred" else f"\n({event.modality})"
        date = f"{event.date}0s" if event.date_precision == "decade" else event.date or ""
        cells = (date, _actor(event.source), f"{event.cameo} {name}" + modality)
        table.add_row(*map(escape, (*cells, _actor(event.target), event.trigger)))
    return table


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return "—"
    return f"{actor.code}\n{actor.name or actor.text}"


def register(app: typer.Typer) -> None:
    """Add ``code`` and ``demo`` to the ``legation`` app."""
    app.command("code")(code_command)
    app.command("demo")(demo_command)
