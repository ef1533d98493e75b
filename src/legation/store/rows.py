"""Event record ⇄ ``events`` table row, and the day interval an event date covers.

The row is ``Event.to_dict()`` flattened (``source.code`` → ``source_code``), so the
table holds the full record and ``row_to_event(event_to_row(e)) == e``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from legation.model import Actor, Event, Location, Plover
from legation.output import flatten

_DATE = re.compile(r"(\d{3,4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_interval(date: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """First and last ISO day covered by an event date ("2024-06" → 06-01..06-30).

    A three-digit date ("199") or ``decade`` precision covers the decade. Dates that are
    not ISO prefixes cover nothing (``None``), so date filters simply skip them.
    """
    if not date:
        return None, None
    match = _DATE.fullmatch(date)
    if not match:
        return None, None
    year_s, month_s, day_s = match.groups()
    try:
        if len(year_s) == 3 or (precision == "decade" and not month_s):
            start_year = int(year_s) * 10 if len(year_s) == 3 else int(year_s) // 10 * 10
            return f"{start_year:04d}-01-01", f"{start_year + 9:04d}-12-31"
        year = int(year_s)
        if day_s:
            day = dt.date(year, int(month_s), int(day_s)).isoformat()
            return day, day
        if month_s:
            month = int(month_s)
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1).isoformat(), dt.date(year, month, last).isoformat()
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    except ValueError:
        return None, None


def event_to_row(event: Event) -> dict[str, Any]:
    """The ``events`` columns holding ``event`` (without article id, counts or timestamps):
    the flat record the CSV/TSV writers use, plus the days its date covers."""
    row = flatten(event)
    row["date_start"], row["date_end"] = date_interval(event.date, event.date_precision)
    return row


def _actor(row: Mapping[str, Any], role: str) -> Actor | None:
    code = row[f"{role}_code"]
    if code is None:
        return None
    return Actor(
        code,
        row[f"{role}_country"],
        row[f"{role}_sector"],
        row[f"{role}_name"],
        row[f"{role}_text"] or "",
    )


def row_to_event(row: Mapping[str, Any]) -> Event:
    """The ``Event`` a row of ``events`` holds."""
    plover_type = row["plover_type"]
    location_name = row["location_name"]
    return Event(
        doc_id=row["doc_id"],
        sentence_index=int(row["sentence_index"]),
        sentence=row["sentence"],
        source=_actor(row, "source"),
        target=_actor(row, "target"),
        cameo=row["cameo"],
        root=row["root"],
        quad_class=int(row["quad_class"]),
        goldstein=float(row["goldstein"]),
        plover=Plover(plover_type, row["plover_mode"]) if plover_type else None,
        modality=row["modality"],
        trigger=row["trigger"],
        date=row["date"],
        date_precision=row["date_precision"],
        date_source=row.get("date_source"),
        count=int(row["count"]),
        attribution=row["attribution"],
        location=Location(location_name, row["location_country"]) if location_name else None,
        rule=row["rule"] or "",
        event_id=row["event_id"],
    )
