"""Event filters, shared by ``Store.events``, ``legation events`` and every export.

Filters compose with AND. Actor filters take a country (``RUS``) or an actor code
(``RUSGOV``, ``IGOUNO``): a value matches an actor whose country equals it or whose code
starts with it. ``dyad=True`` accepts either direction. ``code`` is a CAMEO prefix
(``04`` is the whole root, ``042`` a code and its children). ``since``/``until`` keep
events whose date interval overlaps the range, so ``2024-06`` matches ``--since
2024-06-15``. ``text`` is a full-text search over the sentences that reported the event
(SQLite FTS5 with the Porter stemmer / PostgreSQL ``tsvector`` with the English config).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from legation.errors import InputError
from legation.model import MODALITIES
from legation.store.migrations import FTS_TABLE, PG_TS_CONFIG
from legation.store.rows import date_interval
from legation.store.schema import event_mentions, events, sentences

_ACTOR = re.compile(r"[A-Z0-9]{3,32}")
_CODE = re.compile(r"\d{2,4}")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_TOKEN = re.compile(r"\w+")

StrOrSeq = str | Sequence[str] | None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """One query's filters; every field is optional."""

    source: str | None = None
    target: str | None = None
    dyad: bool = False
    code: StrOrSeq = None
    plover: StrOrSeq = None
    modality: StrOrSeq = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    dataset: str | None = None
    limit: int | None = None
    offset: int = 0


def _values(value: StrOrSeq) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [v.strip() for item in items for v in item.split(",") if v.strip()]


def _actor_matches(role: str, value: str) -> ColumnElement[bool]:
    value = value.strip().upper()
    if not _ACTOR.fullmatch(value):
        raise InputError(f"--{role}", f"{value!r} is not a country or actor code")
    code = events.c[f"{role}_code"]
    return sa.or_(events.c[f"{role}_country"] == value, code.startswith(value, autoescape=True))


def _actor_condition(flt: EventFilter) -> ColumnElement[bool] | None:
    parts = []
    if flt.source:
        parts.append(_actor_matches("source", flt.source))
    if flt.target:
        parts.append(_actor_matches("target", flt.target))
    if not parts:
        return None
    straight = sa.and_(*parts)
    if not flt.dyad:
        return straight
    swapped = []
    if flt.source:
        swapped.append(_actor_matches("target", flt.source))
    if flt.target:
        swapped.append(_actor_matches("source", flt.target))
    return sa.or_(straight, sa.and_(*swapped))


MAX_SPAN_DAYS = 3653  # the longest a stored date covers: a decade ("the 1970s")


def _day(value: str, end: bool, flag: str) -> str:
    if not _DATE.fullmatch(value):
        raise InputError(flag, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    start_day, end_day = date_interval(value, None)
    day = end_day if end else start_day
    if day is None:
        raise InputError(flag, f"{value!r} is not a valid date")
    return day


def fulltext_condition(dialect: str, text: str) -> ColumnElement[bool]:
    """Events with a mention whose sentence matches every word of ``text``."""
    words = _TOKEN.findall(text)
    if not words:
        raise InputError("--text", f"{text!r} has no words to search for")
    if dialect == "sqlite":
        fts = sa.table(FTS_TABLE, sa.column("rowid"), sa.column(FTS_TABLE))
        query = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        matched = sa.select(fts.c.rowid).where(fts.c[FTS_TABLE].match(query))
    else:
        vector = sa.func.to_tsvector(
            sa.literal_column(f"'{PG_TS_CONFIG}'::regconfig"), sentences.c.text
        )
        tsquery = sa.func.plainto_tsquery(
            sa.literal_column(f"'{PG_TS_CONFIG}'::regconfig"), " ".join(words)
        )
        matched = sa.select(sentences.c.id).where(vector.op("@@")(tsquery))
    hits = (
        sa.select(event_mentions.c.event_id)
        .join(
            sentences,
            sa.and_(
                sentences.c.article_id == event_mentions.c.article_id,
                sentences.c.sentence_index == event_mentions.c.sentence_index,
            ),
        )
        .where(sentences.c.id.in_(matched))
    )
    return events.c.event_id.in_(hits)


def conditions(
    flt: EventFilter, dialect: str, *, dates: bool = True
) -> list[ColumnElement[bool]]:
    """The WHERE clauses for ``flt`` (checked: bad values raise ``InputError``).

    ``dates=False`` leaves out the ``since`` condition (``select_events`` splits it).
    """
    where: list[ColumnElement[bool]] = []
    actor = _actor_condition(flt)
    if actor is not None:
        where.append(actor)
    codes = _values(flt.code)
    for code in codes:
        if not _CODE.fullmatch(code):
            raise InputError("--code", f"{code!r} is not a CAMEO code (2-4 digits)")
    if codes:
        where.append(sa.or_(*(events.c.cameo.startswith(c) for c in codes)))
    plovers = [p.upper() for p in _values(flt.plover)]
    if plovers:
        where.append(events.c.plover_type.in_(plovers))
    modalities = [m.lower() for m in _values(flt.modality)]
    for modality in modalities:
        if modality not in MODALITIES:
            raise InputError("--modality", f"{modality!r} is not one of {', '.join(MODALITIES)}")
    if modalities:
        where.append(events.c.modality.in_(modalities))
    if flt.since and dates:
        where.append(events.c.date_end >= _day(flt.since, end=False, flag="--since"))
    if flt.until:
        where.append(events.c.date_start <= _day(flt.until, end=True, flag="--until"))
    if flt.text:
        where.append(fulltext_condition(dialect, flt.text))
    if flt.dataset:
        where.append(events.c.dataset == flt.dataset)
    return where


def _days_before(day: str, days: int) -> str:
    """``day`` minus ``days`` as an ISO day, clamped to the calendar ("0000" stays put)."""
    try:
        start = dt.date.fromisoformat(day)
    except ValueError:
        return day
    span = dt.timedelta(days=days)
    return (start - span if start - dt.date.min > span else dt.date.min).isoformat()


def _window_page_ids(flt: EventFilter, dialect: str) -> sa.CompoundSelect[tuple[str]]:
    """The ids of one page of events overlapping ``since``…: a page is (a) events starting
    inside the range, read in index order and cut to the page, plus (b) the few longer-dated
    events (month, year, decade) that started before ``since`` and still cover it, read from
    the partial index ``ix_events_spans``. Neither part scans the years before ``since``."""
    since = _day(flt.since or "", end=False, flag="--since")
    earliest = _days_before(since, MAX_SPAN_DAYS)
    base = conditions(flt, dialect, dates=False)
    size = (flt.offset or 0) + (flt.limit or 0)
    order = (events.c.date_start, events.c.event_id)
    inside = (
        sa.select(events.c.event_id)
        .where(*base, events.c.date_start >= since)
        .order_by(*order)
        .limit(size)
        .subquery()
    )
    spanning = (
        sa.select(events.c.event_id)
        .where(
            *base,
            events.c.date_precision != "day",
            events.c.date_start >= earliest,
            events.c.date_start < since,
            events.c.date_end >= since,
        )
        .order_by(*order)
        .limit(size)
        .subquery()
    )
    return sa.union_all(sa.select(inside.c.event_id), sa.select(spanning.c.event_id))


def select_events(flt: EventFilter, dialect: str) -> sa.Select[tuple[object, ...]]:
    """``SELECT events.* WHERE ...`` in a stable order (date, then id)."""
    if flt.limit is not None and flt.limit < 0:
        raise InputError("--limit", "must be 0 or more")
    order = (events.c.date_start.is_(None), events.c.date_start, events.c.event_id)
    if flt.since and flt.limit is not None:
        page = events.c.event_id.in_(_window_page_ids(flt, dialect))
        query = sa.select(events).where(page).order_by(*order)
    else:
        query = sa.select(events).where(*conditions(flt, dialect)).order_by(*order)
    if flt.offset:
        query = query.offset(flt.offset)
    if flt.limit is not None:
        query = query.limit(flt.limit)
    return query
