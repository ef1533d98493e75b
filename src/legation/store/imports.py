"""Loading existing event datasets into the store: GDELT 2.0 event files and ICEWS files.

Imported events become ordinary ``events`` rows (``dataset`` = ``gdelt``/``icews``) so
every query, export and analysis works on them. They have no article text, so
``sentence`` holds a bracketed note and ``trigger`` the CAMEO code's name (ICEWS: its
``Event Text``). Fields legation has no column for are kept as JSON in ``extra``; a
GDELT file exported again keeps them. Event ids are ``gdelt-<GlobalEventID>`` and
``icews-<Event ID>``, so importing a file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from legation.errors import InputError
from legation.model import Actor, Event, Location
from legation.ontology import CameoCode, load_ontology
from legation.store import gdelt
from legation.store.db import WRITE_OPTION, lock_writers
from legation.store.rows import event_to_row
from legation.store.schema import events

BATCH_SIZE = 1000  # rows per transaction
GDELT1_COLUMNS = (57, 58)
ICEWS_REQUIRED = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country",
)  # fmt: skip
ICEWS_OPTIONAL = (
    "Story ID", "Sentence Number", "Publisher", "City", "District", "Province", "Country",
    "Latitude", "Longitude",
)  # fmt: skip
# ICEWS sector names → CAMEO sector codes, most specific first.
ICEWS_SECTORS: tuple[tuple[str, str], ...] = (
    ("military", "MIL"), ("army", "MIL"), ("navy", "MIL"), ("air force", "MIL"),
    ("police", "COP"), ("judicial", "JUD"), ("rebel", "REB"), ("insurgent", "REB"),
    ("opposition", "OPP"), ("dissident", "OPP"), ("government", "GOV"),
    ("executive", "GOV"), ("legislative", "GOV"), ("cabinet", "GOV"), ("ministry", "GOV"),
    ("media", "MED"), ("business", "BUS"), ("education", "EDU"), ("religious", "REL"),
    ("ngo", "NGO"), ("party", "PTY"), ("parties", "PTY"), ("protest", "CVL"),
    ("civilian", "CVL"),
)  # fmt: skip
ICEWS_COUNTRY_ALIASES = {
    "occupied palestinian territory": "PSE",
    "congo, the democratic republic of the": "COD",
}
UNKNOWN_COUNTRY = "UNK"

Warn = Callable[[str], None]


@dataclass
class ImportSummary:
    """Counts of an import. ``skipped`` rows were malformed: each is warned about (the
    first ``MAX_ROW_WARNINGS``), the good rows are stored, and then the import raises
    ``InputError`` naming the first bad row, so a damaged file never passes unnoticed."""

    rows: int = 0
    added: int = 0
    already_stored: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    first_error: InputError | None = field(default=None, repr=False)


MAX_ROW_WARNINGS = 20  # bad rows reported one by one; the rest are only counted
MAX_LINE_BYTES = 1_000_000  # GDELT/ICEWS rows are a few KB; a longer line is damage


def _lines(path: Path) -> Iterator[tuple[int, str | InputError]]:
    """Numbered lines of a plain or zipped (GDELT's ``.CSV.zip``) file, each decoded on
    its own: a line that is not UTF-8 (or holds a NUL) comes as an ``InputError``."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if not n.endswith("/")]
                if not members:
                    raise InputError(str(path), "empty zip archive")
                with archive.open(members[0]) as raw:
                    yield from _decoded(raw, path)
            return
        with path.open("rb") as handle:
            yield from _decoded(handle, path)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except (OSError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None
    except (NotImplementedError, RuntimeError) as exc:  # zip: unknown compression, encrypted
        raise InputError(str(path), f"cannot read: {exc}") from None


def _decoded(raw: IO[bytes], path: Path) -> Iterator[tuple[int, str | InputError]]:
    lineno = 0
    while line := raw.readline(MAX_LINE_BYTES + 1):
        lineno += 1
        where = f"{path}:{lineno}"
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := raw.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # consumed unread: memory stays bounded
            yield lineno, InputError(where, f"line longer than {MAX_LINE_BYTES:,} bytes")
            continue
        try:
            text = line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            yield lineno, InputError(where, f"not UTF-8 text ({exc.reason})")
            continue
        if "\x00" in text:
            yield lineno, InputError(where, "NUL byte in the line")
            continue
        yield lineno, text.removeprefix("\ufeff") if lineno == 1 else text


def _bad_row(summary: ImportSummary, error: InputError, warn: Warn) -> None:
    """Skip a malformed row: count it, warn (up to a limit), remember the first."""
    summary.skipped += 1
    if summary.first_error is None:
        summary.first_error = error
    if summary.skipped <= MAX_ROW_WARNINGS:
        warn(f"{error}; row skipped")
    elif summary.skipped == MAX_ROW_WARNINGS + 1:
        warn(f"{error.where}: more bad rows; only counting them from here")


def _cameo(code: str, where: str) -> CameoCode:
    ontology = load_ontology()
    code = code.strip()
    if code.isdigit():
        for candidate in (code, code.zfill(3), "0" + code):
            if candidate in ontology:
                return ontology.get(candidate)
    raise InputError(where, f"unknown CAMEO event code {code!r}")


def _store(engine: Engine, batch: list[dict[str, Any]], summary: ImportSummary) -> None:
    if not batch:
        return
    ids = [row["event_id"] for row in batch]
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        lock_writers(conn)
        stored = set(
            conn.execute(sa.select(events.c.event_id).where(events.c.event_id.in_(ids))).scalars()
        )
        fresh: dict[str, dict[str, Any]] = {}
        for row in batch:
            if row["event_id"] in stored or row["event_id"] in fresh:
                summary.already_stored += 1
            else:
                fresh[row["event_id"]] = row
        if fresh:
            conn.execute(events.insert(), list(fresh.values()))
    summary.added += len(fresh)


def _import(
    engine: Engine, rows: Iterator[dict[str, Any] | None], summary: ImportSummary
) -> ImportSummary:
    batch: list[dict[str, Any]] = []
    try:
        for row in rows:
            if row is None:
                continue
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                _store(engine, batch, summary)
                batch = []
    finally:  # a fatal problem later in the file keeps the good rows read before it
        _store(engine, batch, summary)
    error = summary.first_error
    if error is not None:
        raise InputError(
            error.where,
            f"{error.message} ({summary.skipped} bad row(s) skipped; "
            f"{summary.added} event(s) from good rows stored)",
        )
    return summary


def _warner(summary: ImportSummary, on_warning: Warn | None) -> Warn:
    def warn(message: str) -> None:
        summary.warnings.append(message)
        if on_warning is not None:
            on_warning(message)

    return warn


def _event_row(
    event: Event, dataset: str, extra: dict[str, str], counts: tuple[int, int, int]
) -> dict[str, Any]:
    row = event_to_row(event)
    row.update(
        article_id=None,
        dataset=dataset,
        extra=json.dumps(extra, ensure_ascii=False, sort_keys=True),
        num_mentions=counts[0],
        num_sources=counts[1],
        num_articles=counts[2],
        added_at=dt.datetime.now(dt.UTC),
    )
    return row


# --- GDELT 2.0 -------------------------------------------------------------------------


def import_gdelt(engine: Engine, path: Path, on_warning: Warn | None = None) -> ImportSummary:
    """Load a GDELT 2.0 event file (``*.export.CSV`` or ``.CSV.zip``, 61 columns)."""
    summary = ImportSummary()
    return _import(engine, _gdelt_rows(path, summary, _warner(summary, on_warning)), summary)


def _gdelt_rows(path: Path, summary: ImportSummary, warn: Warn) -> Iterator[dict[str, Any] | None]:
    for lineno, line in _lines(path):
        try:
            if isinstance(line, InputError):
                raise line
            if not line.strip():
                continue
            summary.rows += 1
            yield _gdelt_line(line, f"{path}:{lineno}")
        except InputError as exc:
            _bad_row(summary, exc, warn)


def _gdelt_line(line: str, where: str) -> dict[str, Any]:
    cells = line.split("\t")
    if len(cells) in GDELT1_COLUMNS:
        raise InputError(where, f"{len(cells)} columns: a GDELT 1.0 file; need GDELT 2.0 (61)")
    if len(cells) != len(gdelt.EVENT_COLUMNS):
        raise InputError(
            where, f"expected 61 tab-separated columns (GDELT 2.0), found {len(cells)}"
        )
    return gdelt_event_row(dict(zip(gdelt.EVENT_COLUMNS, cells, strict=True)), where)


def _gdelt_actor(fields: dict[str, str], prefix: str) -> Actor | None:
    code = fields[f"{prefix}Code"].strip()
    if not code:
        return None
    country = fields[f"{prefix}CountryCode"].strip() or None
    group = fields[f"{prefix}KnownGroupCode"].strip()
    if country is None and group and code.startswith("IGO"):
        country = code[:6]
    sector = "".join(fields[f"{prefix}Type{i}Code"].strip() for i in (1, 2, 3)) or None
    name = fields[f"{prefix}Name"].strip()
    return Actor(code, country, sector, name.title() or None, name)


def _int(value: str, where: str, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(where, f"{column} {value!r} is not an integer") from None


def gdelt_event_row(fields: dict[str, str], where: str) -> dict[str, Any]:
    """One GDELT 2.0 event (a dict of its 61 named columns) → an ``events`` row."""
    global_id = fields["GlobalEventID"].strip()
    if not (global_id.isascii() and global_id.isdigit()):
        raise InputError(where, f"GlobalEventID {global_id!r} is not an integer")
    cameo = _cameo(fields["EventCode"], where)
    day = fields["Day"].strip()
    try:
        date = dt.datetime.strptime(day, "%Y%m%d").date().isoformat()
    except ValueError:
        raise InputError(where, f"Day {day!r} is not YYYYMMDD") from None
    try:
        goldstein = float(fields["GoldsteinScale"] or cameo.goldstein)
    except ValueError:
        raise InputError(
            where, f"GoldsteinScale {fields['GoldsteinScale']!r} is not a number"
        ) from None
    place = fields["ActionGeo_FullName"].strip()
    url = fields["SOURCEURL"].strip()
    event = Event(
        doc_id=url or f"gdelt-{global_id}",
        sentence_index=0,
        sentence=f"[GDELT 2.0 event {global_id}; no sentence text]",
        source=_gdelt_actor(fields, "Actor1"),
        target=_gdelt_actor(fields, "Actor2"),
        cameo=cameo.code,
        root=cameo.root,
        quad_class=cameo.quad_class,
        goldstein=max(-10.0, min(10.0, goldstein)),
        plover=cameo.plover,
        modality="occurred",
        trigger=cameo.name,
        date=date,
        date_precision="day",
        location=Location(place, None) if place else None,
        rule="import:gdelt2",
        event_id=f"gdelt-{global_id}",
    )
    counts = tuple(
        _int(fields[c] or "1", where, c) for c in ("NumMentions", "NumSources", "NumArticles")
    )
    return _event_row(event, "gdelt", fields, (counts[0], counts[1], counts[2]))


# --- ICEWS -----------------------------------------------------------------------------


@functools.cache
def _country_codes() -> dict[str, str]:
    """Lower-cased country names (and the KB's patterns) → ISO alpha-3."""
    from legation.actors.kb import load_default_kb

    kb = load_default_kb()
    names: dict[str, str] = {}
    for entry in kb.entries:
        if entry.kind == "country" and entry.roles:
            code = entry.roles[-1].code[:3]
            names.setdefault(entry.name.lower(), code)
            for pattern in entry.patterns:
                names.setdefault(pattern, code)
    names.update(ICEWS_COUNTRY_ALIASES)
    return names


def country_code(name: str) -> str | None:
    """ISO alpha-3 for an ICEWS country name ("Russian Federation" → RUS), else None."""
    key = " ".join(name.lower().split())
    if not key:
        return None
    codes = _country_codes()
    if key in codes:
        return codes[key]
    if ", " in key:  # "Korea, North" → "north korea"
        head, _, tail = key.partition(", ")
        return codes.get(f"{tail} {head}")
    return None


def sector_code(sectors: str) -> str | None:
    """The CAMEO sector for an ICEWS ``Sectors`` list, by the most specific word found."""
    lowered = sectors.lower()
    if not lowered.strip():
        return None
    return next((code for word, code in ICEWS_SECTORS if re.search(rf"\b{word}", lowered)), None)


def import_icews(engine: Engine, path: Path, on_warning: Warn | None = None) -> ImportSummary:
    """Load an ICEWS event file (tab-separated, with the Dataverse header line)."""
    summary = ImportSummary()
    return _import(engine, _icews_rows(path, summary, _warner(summary, on_warning)), summary)


def _icews_rows(path: Path, summary: ImportSummary, warn: Warn) -> Iterator[dict[str, Any] | None]:
    lines = _lines(path)
    first = next(lines, None)
    if first is None:
        raise InputError(str(path), "empty file")
    if isinstance(first[1], InputError):
        raise first[1]
    header = [h.strip() for h in first[1].split("\t")]
    missing = [name for name in ICEWS_REQUIRED if name not in header]
    if missing:
        raise InputError(f"{path}:1", f"not an ICEWS event file: no column {', '.join(missing)}")
    unknown: set[str] = set()
    for lineno, line in lines:
        try:
            if isinstance(line, InputError):
                raise line
            if not line.strip():
                continue
            summary.rows += 1
            yield _icews_line(line, header, f"{path}:{lineno}", unknown, warn)
        except InputError as exc:
            _bad_row(summary, exc, warn)


def _icews_line(
    line: str, header: list[str], where: str, unknown: set[str], warn: Warn
) -> dict[str, Any]:
    cells = line.split("\t")
    if len(cells) > len(header):
        raise InputError(where, f"{len(cells)} columns, header has {len(header)}")
    cells += [""] * (len(header) - len(cells))
    return icews_event_row(dict(zip(header, cells, strict=True)), where, unknown, warn)


def _icews_actor(
    fields: dict[str, str], role: str, unknown: set[str], warn: Warn, where: str
) -> Actor | None:
    name = fields[f"{role} Name"].strip()
    country_name = fields[f"{role} Country"].strip()
    if not name and not country_name:
        return None
    country = country_code(country_name)
    if country is None and country_name and country_name not in unknown:
        unknown.add(country_name)
        warn(f"{where}: unknown country {country_name!r}; actor code uses {UNKNOWN_COUNTRY}")
    sector = sector_code(fields[f"{role} Sectors"])
    is_state = name.lower() == country_name.lower()
    prefix = country or UNKNOWN_COUNTRY
    code = prefix if is_state or sector is None else prefix + sector
    return Actor(
        code, country, None if is_state else sector, name or country_name, name or country_name
    )


def icews_event_row(
    fields: dict[str, str], where: str, unknown: set[str], warn: Warn
) -> dict[str, Any]:
    """One ICEWS row (header → cell) → an ``events`` row."""
    event_id = fields["Event ID"].strip()
    if not event_id:
        raise InputError(where, "empty Event ID")
    cameo = _cameo(fields["CAMEO Code"], where)
    date_text = fields["Event Date"].strip()
    try:
        date = dt.date.fromisoformat(date_text).isoformat()
    except ValueError:
        raise InputError(where, f"Event Date {date_text!r} is not YYYY-MM-DD") from None
    try:
        intensity = float(fields["Intensity"]) if fields["Intensity"].strip() else cameo.goldstein
    except ValueError:
        raise InputError(where, f"Intensity {fields['Intensity']!r} is not a number") from None
    story = fields.get("Story ID", "").strip()
    number = fields.get("Sentence Number", "").strip()
    place = next((fields.get(k, "").strip() for k in ("City", "District", "Province", "Country")
                  if fields.get(k, "").strip()), "")  # fmt: skip
    event = Event(
        doc_id=f"icews-story-{story}" if story else f"icews-{event_id}",
        sentence_index=max(0, int(number) - 1) if number.isascii() and number.isdigit() else 0,
        sentence=f"[ICEWS event {event_id}; no sentence text]",
        source=_icews_actor(fields, "Source", unknown, warn, where),
        target=_icews_actor(fields, "Target", unknown, warn, where),
        cameo=cameo.code,
        root=cameo.root,
        quad_class=cameo.quad_class,
        goldstein=max(-10.0, min(10.0, intensity)),
        plover=cameo.plover,
        modality="occurred",
        trigger=fields["Event Text"].strip() or cameo.name,
        date=date,
        date_precision="day",
        location=Location(place, country_code(fields.get("Country", ""))) if place else None,
        rule="import:icews",
        event_id=f"icews-{event_id}",
    )
    extra = {k: v.strip() for k, v in fields.items() if k in ICEWS_OPTIONAL and v.strip()}
    return _event_row(event, "icews", extra, (1, 1, 1))
