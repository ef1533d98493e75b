"""Stored events → GDELT 2.0 event table + Mentions table (see ``gdelt`` for the layouts).

This module owns both tables' rows (``event_cells``, ``mention_rows``/``mention_cells``);
``export`` calls ``write_gdelt`` and imports nothing else from here, and nothing here
imports ``export``. Identity: one event row per real-world event, and one Mentions row
per sentence that reported it, in any article (``NumMentions`` = those rows).

Fields legation does not produce (ethnic and religion codes, geocoding, tone) are empty,
0 for numbers; an event imported from a GDELT file keeps its original values for them.
GDELT has no modality column: filter with ``--modality occurred`` to export only what
happened, as GDELT itself does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from legation.outfile import atomic_output
from legation.store import gdelt
from legation.store.schema import articles, event_mentions

_ZERO_IF_EMPTY = frozenset({"AvgTone", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type"})


def mentions_path(events_path: Path) -> Path:
    """``x.export.CSV`` → ``x.mentions.CSV``; otherwise ``x.tsv`` → ``x.mentions.tsv``."""
    name = events_path.name
    if ".export." in name:
        return events_path.with_name(name.replace(".export.", ".mentions.", 1))
    return events_path.with_name(f"{events_path.stem}.mentions{events_path.suffix or '.tsv'}")


def _timestamp(value: object) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.strftime("%Y%m%d%H%M%S")
    return ""


def _actor(row: Mapping[str, Any], role: str, prefix: str) -> dict[str, str]:
    code = row[f"{role}_code"] or ""
    country = row[f"{role}_country"] or ""
    sector = row[f"{role}_sector"] or ""
    igo = country.startswith("IGO")
    return {
        f"{prefix}Code": code,
        f"{prefix}Name": (row[f"{role}_name"] or row[f"{role}_text"] or "").upper(),
        f"{prefix}CountryCode": "" if igo else country,
        f"{prefix}KnownGroupCode": country[3:] if igo else "",
        f"{prefix}Type1Code": sector[:3],
        f"{prefix}Type2Code": sector[3:6],
        f"{prefix}Type3Code": sector[6:9],
    }


def event_cells(row: Mapping[str, Any]) -> list[str]:
    """The 61 cells of one event row."""
    extra: dict[str, str] = json.loads(row["extra"]) if row.get("extra") else {}
    cells: dict[str, Any] = {name: extra.get(name, "") for name in gdelt.EVENT_COLUMNS}
    day_iso = row["date_start"] or row.get("article_date") or _iso(row["added_at"])
    if day_iso:
        year, month, day = (int(part) for part in day_iso.split("-"))
        cells.update(
            Day=f"{year:04d}{month:02d}{day:02d}",
            MonthYear=f"{year:04d}{month:02d}",
            Year=f"{year:04d}",
            FractionDate=f"{gdelt.fraction_date(year, month, day):.4f}",
        )
    cells.update(_actor(row, "source", "Actor1"))
    cells.update(_actor(row, "target", "Actor2"))
    cameo = row["cameo"]
    cells.update(
        GlobalEventID=gdelt.global_event_id(row["event_id"], extra),
        IsRootEvent=extra.get("IsRootEvent") or int(row["sentence_index"] == 0),
        EventCode=cameo,
        EventBaseCode=cameo[:3],
        EventRootCode=row["root"],
        QuadClass=row["quad_class"],
        GoldsteinScale=row["goldstein"],
        NumMentions=row["num_mentions"],
        NumSources=row["num_sources"],
        NumArticles=row["num_articles"],
        DATEADDED=extra.get("DATEADDED") or _timestamp(row["added_at"]),
        SOURCEURL=row.get("url") or extra.get("SOURCEURL") or row["doc_id"],
    )
    if row["location_name"] and not extra:
        cells["ActionGeo_FullName"] = row["location_name"]
    for name in _ZERO_IF_EMPTY:
        if cells[name] in ("", None):
            cells[name] = 0
    return [gdelt.clean(cells[name]) for name in gdelt.EVENT_COLUMNS]


def _iso(value: object) -> str | None:
    return value.date().isoformat() if isinstance(value, dt.datetime) else None


def _offset(text: str, sentence: str, needle: str | None) -> int:
    """Character offset of ``needle`` inside ``sentence`` inside ``text`` (-1 if unknown)."""
    start = text.find(sentence) if sentence else -1
    if start < 0 or not needle:
        return -1
    inner = sentence.find(needle)
    return start + inner if inner >= 0 else -1


def mention_cells(mention: Mapping[str, Any], event: Mapping[str, Any]) -> list[str]:
    """The 16 cells of one mention (``event`` is the event's row: actors, trigger, ids)."""
    text: str = mention["text"] or ""
    sentence: str = mention["sentence"] or ""
    similarity = mention["similarity"]
    cells = {
        "GlobalEventID": event["global_id"],
        "EventTimeDate": event["dateadded"],
        "MentionTimeDate": _timestamp(mention["added_at"]),
        "MentionType": gdelt.MENTION_TYPE_WEB,
        "MentionSourceName": mention["source"] or "",
        "MentionIdentifier": mention["url"] or mention["doc_id"],
        "SentenceID": mention["sentence_index"] + 1,
        "Actor1CharOffset": _offset(text, sentence, event["source_text"]),
        "Actor2CharOffset": _offset(text, sentence, event["target_text"]),
        "ActionCharOffset": _offset(text, sentence, mention.get("trigger") or event["trigger"]),
        "InRawText": 1,
        "Confidence": round(100 * similarity) if similarity is not None else 100,
        "MentionDocLen": len(text),
        "MentionDocTone": 0,
        "MentionDocTranslationInfo": "",
        "Extras": "",
    }
    return [gdelt.clean(cells[name]) for name in gdelt.MENTION_COLUMNS]


def write_gdelt(
    engine: Engine, rows: Iterator[dict[str, Any]], output: Path
) -> tuple[int, int, list[Path]]:
    """Write the event table to ``output`` and the mentions beside it."""
    path = mentions_path(output)
    # Both files appear together or not at all (full disk, kill): each is atomic.
    with atomic_output(output) as out, atomic_output(path) as mentions_out:
        n_events, seen = _write_events(rows, out)
        n_mentions = 0
        for mention in mention_rows(engine, list(seen)):
            cells = mention_cells(mention, seen[mention["event_id"]])
            mentions_out.write("\t".join(cells) + "\n")
            n_mentions += 1
    return n_events, n_mentions, [output, path]


def _write_events(
    rows: Iterator[dict[str, Any]], out: TextIO
) -> tuple[int, dict[str, dict[str, Any]]]:
    """The event table; returns its size and what the mentions table needs of each event."""
    seen: dict[str, dict[str, Any]] = {}
    n_events = 0
    for row in rows:
        cells = event_cells(row)
        out.write("\t".join(cells) + "\n")
        n_events += 1
        seen[row["event_id"]] = {
            "global_id": cells[0],
            "dateadded": cells[gdelt.EVENT_COLUMNS.index("DATEADDED")],
            "source_text": row["source_text"],
            "target_text": row["target_text"],
            "trigger": row["trigger"],
        }
    return n_events, seen


def mention_rows(engine: Engine, event_ids: list[str]) -> Iterator[dict[str, Any]]:
    """Mentions of ``event_ids`` with their article's url, source, text and times."""
    with engine.connect() as conn:
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start : start + 500]
            query = (
                sa.select(
                    event_mentions,
                    articles.c.url,
                    articles.c.doc_id,
                    articles.c.source,
                    articles.c.text,
                    articles.c.ingested_at,
                    articles.c.similarity,
                )
                .join(articles, articles.c.id == event_mentions.c.article_id)
                .where(event_mentions.c.event_id.in_(chunk))
                .order_by(event_mentions.c.event_id, event_mentions.c.id)
            )
            for row in conn.execute(query).mappings():
                yield dict(row)
