"""Event writers (JSON Lines, CSV, TSV), for the CLI and the store (files: ``outfile``).

JSONL lines are ``Event.to_dict()``, exactly the record of ``event.schema.json``. CSV and
TSV flatten it to ``FLAT_COLUMNS`` (``source_code``, ``plover_type``, ...): one event a
row, empty cells for nulls, a header row even when there are no events. TSV has no
quoting, so tabs and line breaks inside values become spaces. A text cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading ``'`` (``spreadsheet_safe``); numbers such as a Goldstein
score of ``-2.0`` stay numbers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal, TextIO

from legation.errors import InputError
from legation.model import Actor, Event
from legation.outfile import atomic_output

__all__ = [
    "FLAT_COLUMNS", "FORMATS", "atomic_output", "flatten", "format_for", "spreadsheet_safe",
    "write_events",
]  # fmt: skip

OutputFormat = Literal["jsonl", "csv", "tsv"]
FORMATS: tuple[OutputFormat, ...] = ("jsonl", "csv", "tsv")

ACTOR_FIELDS = ("code", "country", "sector", "name", "text")
FLAT_COLUMNS: tuple[str, ...] = (
    *(f"source_{name}" for name in ACTOR_FIELDS),
    *(f"target_{name}" for name in ACTOR_FIELDS),
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "modality",
    "attribution",
    "date",
    "date_precision",
    "date_source",
    "count",
    "location_name",
    "location_country",
    "trigger",
    "rule",
    "event_id",
    "doc_id",
    "sentence_index",
    "sentence",
)
_TSV_UNSAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as a formula


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that starts like a formula, with ``'`` before it (CSV injection: a
    sentence ``=HYPERLINK(...)`` must open as text); numbers and other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def flatten(event: Event) -> dict[str, Any]:
    """One event as a flat row keyed by ``FLAT_COLUMNS`` (``None`` where the record has null)."""
    row: dict[str, Any] = {}
    for prefix, actor in (("source", event.source), ("target", event.target)):
        row.update(_actor_cells(prefix, actor))
    row.update(
        cameo=event.cameo,
        root=event.root,
        quad_class=event.quad_class,
        goldstein=event.goldstein,
        plover_type=event.plover.type if event.plover else None,
        plover_mode=event.plover.mode if event.plover else None,
        modality=event.modality,
        attribution=event.attribution,
        date=event.date,
        date_precision=event.date_precision,
        date_source=event.date_source,
        count=event.count,
        location_name=event.location.name if event.location else None,
        location_country=event.location.country if event.location else None,
        trigger=event.trigger,
        rule=event.rule,
        event_id=event.event_id,
        doc_id=event.doc_id,
        sentence_index=event.sentence_index,
        sentence=event.sentence,
    )
    return row


def _actor_cells(prefix: str, actor: Actor | None) -> dict[str, Any]:
    values = actor.to_dict() if actor else {}
    return {f"{prefix}_{name}": values.get(name) for name in ACTOR_FIELDS}


def format_for(path: str | None, fmt: str | None = None) -> OutputFormat:
    """The format asked for, else the one an output path's suffix names, else JSONL."""
    chosen = fmt or (Path(path).suffix.lower().lstrip(".") if path and path != "-" else "")
    if chosen in ("", "json", "ndjson"):
        return "jsonl"
    for known in FORMATS:
        if chosen == known:
            return known
    raise InputError(
        "--format" if fmt else str(path),
        f"unknown output format {chosen!r}: expected one of {', '.join(FORMATS)}"
        + ("" if fmt else " (or give --format)"),
    )


def write_events(events: Iterable[Event], stream: TextIO, fmt: OutputFormat = "jsonl") -> int:
    """Write events one by one (streaming) as ``fmt``; returns how many were written."""
    if fmt == "jsonl":
        count = 0
        for event in events:
            stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}: expected one of {', '.join(FORMATS)}")
    tsv = fmt == "tsv"
    write_row = _row_writer(stream, tsv)
    write_row(list(FLAT_COLUMNS))
    count = 0
    for event in events:
        row = flatten(event)
        write_row([_cell(row[name], tsv) for name in FLAT_COLUMNS])
        count += 1
    return count


def _row_writer(stream: TextIO, tsv: bool) -> Callable[[list[str]], object]:
    if tsv:
        return lambda cells: stream.write("\t".join(cells) + "\n")
    return csv.writer(stream, lineterminator="\n").writerow


def _cell(value: Any, tsv: bool) -> str:
    if value is None:
        return ""
    text = str(spreadsheet_safe(value))
    return text.translate(_TSV_UNSAFE) if tsv else text
