"""Writing stored events out: JSONL records, CSV/TSV/Parquet tables, GDELT 2.0, PLOVER JSON.

- ``jsonl``: one ``Event.to_dict()`` record per line, plus ``num_mentions``,
  ``num_sources`` and ``num_articles``.
- ``csv``/``tsv``/``parquet``: the flattened record (``TABLE_COLUMNS``), one row per event;
  CSV/TSV text cells that start like a spreadsheet formula get a leading ``'``.
- ``gdelt``: the GDELT 2.0 event table (61 tab-separated columns, no header) and, beside
  it, the Mentions table (16 columns): ``out.export.CSV`` + ``out.mentions.CSV``.
- ``plover``: a JSON array of PLOVER records (the field names of PLOVER's gold-standard
  records: ``id``, ``date``, ``source``, ``target``, ``event``, ``mode``, ...). CAMEO
  codes PLOVER dropped (roots 01 and 02) have no PLOVER type and are left out.

Files are written through ``legation.outfile``: atomically (a failed or killed export
leaves the old file), in place for a FIFO or device, a full disk as one ``OutputError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.engine import Engine

from legation.errors import InputError
from legation.outfile import atomic_output, output_path
from legation.output import spreadsheet_safe
from legation.store import gdelt
from legation.store.gdelt_export import write_gdelt
from legation.store.query import EventFilter, select_events
from legation.store.rows import row_to_event
from legation.store.schema import articles, events

FORMATS = ("jsonl", "csv", "tsv", "parquet", "gdelt", "plover")
BINARY_FORMATS = ("parquet",)
COUNT_COLUMNS = ("num_mentions", "num_sources", "num_articles")
TABLE_COLUMNS: tuple[str, ...] = (
    "event_id", "date", "date_precision",
    "source_code", "source_country", "source_sector", "source_name", "source_text",
    "target_code", "target_country", "target_sector", "target_name", "target_text",
    "cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "modality",
    "attribution", "count", "location_name", "location_country", "trigger",
    "doc_id", "sentence_index", "sentence", "url", "rule", "dataset", *COUNT_COLUMNS,
)  # fmt: skip
_INT_COLUMNS = frozenset({"quad_class", "count", "sentence_index", *COUNT_COLUMNS})
PLOVER_VERSION = "2021"  # the CAMEO→PLOVER mapping the coder uses
YIELD_PER = 1000


@dataclass
class ExportResult:
    events: int = 0
    mentions: int = 0
    skipped: int = 0  # events the format cannot hold (PLOVER: no PLOVER type)
    paths: list[Path] = field(default_factory=list)


def iter_rows(engine: Engine, flt: EventFilter) -> Iterator[dict[str, Any]]:
    """Matching ``events`` rows, each with its first article's ``url``/``article_source``."""
    query = (
        select_events(flt, engine.dialect.name)
        .add_columns(
            articles.c.url.label("url"),
            articles.c.source.label("article_source"),
            articles.c.date.label("article_date"),
        )
        .outerjoin_from(events, articles, events.c.article_id == articles.c.id)
    )
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=YIELD_PER).execute(query)
        for row in result.mappings():
            yield dict(row)


def record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON record of a row: the event schema's fields plus the mention counts."""
    data = row_to_event(row).to_dict()
    for name in COUNT_COLUMNS:
        data[name] = row[name]
    return data


def flat(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: row.get(name) for name in TABLE_COLUMNS}


def write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_delimited(rows: Iterator[dict[str, Any]], out: TextIO, delimiter: str) -> int:
    writer = csv.DictWriter(out, fieldnames=TABLE_COLUMNS, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        values = {k: spreadsheet_safe(v) for k, v in flat(row).items()}  # text, not formulas
        if delimiter == "\t":  # TSV has no quoting convention: keep cells on one line
            values = {k: gdelt.clean(v) if isinstance(v, str) else v for k, v in values.items()}
        writer.writerow(values)
        n += 1
    return n


def write_parquet(rows: Iterator[dict[str, Any]], path: Path | Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = []
    for name in TABLE_COLUMNS:
        kind = pa.int64() if name in _INT_COLUMNS else pa.string()
        fields.append(pa.field(name, pa.float64() if name == "goldstein" else kind))
    schema = pa.schema(fields)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(flat(row))
            n += 1
            if len(chunk) >= YIELD_PER:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return n


def _plover_actor(row: Mapping[str, Any], role: str) -> list[dict[str, Any]] | str:
    if row[f"{role}_code"] is None:
        return ""  # as PLOVER's gold-standard records write a missing actor
    return [
        {
            "actorText": row[f"{role}_text"] or "",
            "code": row[f"{role}_code"],
            "country": row[f"{role}_country"],
            "sector": row[f"{role}_sector"],
            "name": row[f"{role}_name"],
        }
    ]


def plover_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One PLOVER record; fields after ``version`` are legation's extensions."""
    added = row["added_at"]
    return {
        "id": row["event_id"],
        "date": row["date"] or row.get("article_date") or "",
        "source": _plover_actor(row, "source"),
        "target": _plover_actor(row, "target"),
        "event": row["plover_type"],
        "eventText": row["trigger"],
        "context": "",
        "mode": row["plover_mode"] or "",
        "text": row["sentence"],
        "language": "en",
        "publication": row.get("article_source") or "",
        "url": row.get("url") or "",
        "coder": "legation",
        "version": PLOVER_VERSION,
        "dateCoded": added.date().isoformat() if isinstance(added, dt.datetime) else "",
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "modality": row["modality"],
        "attribution": row["attribution"],
        "datePrecision": row["date_precision"],
        "location": (
            {"name": row["location_name"], "country": row["location_country"]}
            if row["location_name"]
            else None
        ),
        "numMentions": row["num_mentions"],
        "numSources": row["num_sources"],
        "numArticles": row["num_articles"],
    }


def write_plover(rows: Iterator[dict[str, Any]], out: TextIO) -> tuple[int, int]:
    written = skipped = 0
    out.write("[")
    for row in rows:
        if not row["plover_type"]:
            skipped += 1
            continue
        out.write(",\n" if written else "\n")
        out.write(json.dumps(plover_record(row), ensure_ascii=False))
        written += 1
    out.write("\n]\n" if written else "]\n")
    return written, skipped


def export(
    engine: Engine,
    flt: EventFilter,
    fmt: str,
    output: Path | None = None,
    stream: TextIO | None = None,
) -> ExportResult:
    """Write the events matching ``flt`` as ``fmt`` to ``output`` (or ``stream``)."""
    if fmt not in FORMATS:
        raise InputError("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    result = ExportResult()
    rows = iter_rows(engine, flt)
    if fmt == "gdelt":
        if output is None:
            raise InputError("--output", "the gdelt format writes two files: give --output")

        result.events, result.mentions, result.paths = write_gdelt(engine, rows, output)
        return result
    if fmt == "parquet":
        if output is None:
            raise InputError("--output", "parquet is binary: give --output FILE")
        with output_path(output) as where:  # atomic; a FIFO or device is written in place
            result.events = write_parquet(rows, where)
        result.paths = [output]
        return result
    if output is None:
        if stream is None:
            raise InputError("--output", "nowhere to write")
        _write_text(fmt, rows, stream, result)
        return result
    with atomic_output(output) as handle:  # all or nothing, never a half-written file
        _write_text(fmt, rows, handle, result)
    result.paths = [output]
    return result


def _write_text(
    fmt: str, rows: Iterator[dict[str, Any]], out: TextIO, result: ExportResult
) -> None:
    if fmt == "jsonl":
        result.events = write_jsonl(rows, out)
    elif fmt in ("csv", "tsv"):
        result.events = write_delimited(rows, out, "," if fmt == "csv" else "\t")
    else:
        result.events, result.skipped = write_plover(rows, out)
