"""SQL building blocks every analysis shares: actor matching, date periods, filters.

Analyses read the ``events`` table with SQLAlchemy Core, so the same query runs on
SQLite and PostgreSQL and the database does the grouping (indexes, no Python loop over
every stored row).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from legation.errors import InputError
from legation.store import EventFilter, Store
from legation.store.query import conditions
from legation.store.schema import events

Freq = Literal["month", "quarter", "year"]
FREQS: tuple[Freq, ...] = ("month", "quarter", "year")
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
_ACTOR = re.compile(r"[A-Z0-9]{3,32}")
# The most periods one series may have: 250 years by month. More comes only from
# implausible dates (0001-01-01 to 9999-12-31 is ~120,000 months) and would cost
# megabytes of empty periods per request.
MAX_PERIODS = 3_000


def actor_value(value: str, where: str) -> str:
    """A country (``RUS``) or actor code (``RUSGOV``), upper-cased and checked."""
    cleaned = value.strip().upper()
    if not _ACTOR.fullmatch(cleaned):
        raise InputError(where, f"{value!r} is not a country or actor code")
    return cleaned


def actor_values(value: str | Sequence[str], where: str) -> list[str]:
    """``"RUS,SUN"`` or ``["RUS", "SUN"]`` → ``["RUS", "SUN"]``."""
    items = [value] if isinstance(value, str) else list(value)
    found = [actor_value(v, where) for item in items for v in item.split(",") if v.strip()]
    if not found:
        raise InputError(where, "no country or actor code given")
    return found


Weight = Literal["events", "mentions", "articles", "sources"]
WEIGHTS: tuple[Weight, ...] = ("events", "mentions", "articles", "sources")
_WEIGHT_COLUMNS = {
    "events": "count",
    "mentions": "num_mentions",
    "articles": "num_articles",
    "sources": "num_sources",
}


def weight_expr(weight: str = "events") -> ColumnElement[Any]:
    """What one stored event counts for. ``events`` (the default): its occurrences — one
    real-world event is one row however often it was reported, and "twelve times" is
    one row with ``count`` 12. ``mentions``/``articles``/``sources``: how often it was
    reported, as GDELT weights by NumMentions."""
    if weight not in _WEIGHT_COLUMNS:
        raise InputError("--weight", f"{weight!r} is not one of {', '.join(WEIGHTS)}")
    return sa.func.coalesce(events.c[_WEIGHT_COLUMNS[weight]], 1)


def group_label(values: Sequence[str]) -> str:
    """The name a group of predecessor states goes by in results: ``RUS,SUN``."""
    return ",".join(values)


def matches(role: str, value: str) -> ColumnElement[bool]:
    """``role`` ("source"/"target") is ``value``: a 3-letter value is a country (indexed
    equality on ``<role>_country``), a longer one a full actor code (``<role>_code``)."""
    if len(value) == 3:
        return events.c[f"{role}_country"] == value
    return events.c[f"{role}_code"] == value


def matches_any(role: str, values: Sequence[str]) -> ColumnElement[bool]:
    """``role`` is any of ``values`` (a group of predecessor states: ``RUS,SUN``)."""
    if len(values) == 1:
        return matches(role, values[0])
    return sa.or_(*(matches(role, v) for v in values))


def label(role: str) -> ColumnElement[Any]:
    """The country of the ``role`` actor, or its code when it has none (IGOs, groups)."""
    return sa.func.coalesce(events.c[f"{role}_country"], events.c[f"{role}_code"])


def filters(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    modality: str | Sequence[str] | None = None,
    dataset: str | None = None,
) -> list[ColumnElement[bool]]:
    """WHERE clauses for the common filters, with the store's own checks and semantics
    (``since``/``until`` keep events whose date interval overlaps the range)."""
    flt = EventFilter(since=since, until=until, modality=modality, dataset=dataset)
    return conditions(flt, store.engine.dialect.name)


def period_expr(freq: str) -> ColumnElement[Any]:
    """``date_start`` bucketed: ``2024-06`` (month), ``2024-Q2`` (quarter), ``2024`` (year)."""
    start = events.c.date_start
    if freq == "year":
        return sa.func.substr(start, 1, 4)
    if freq == "month":
        return sa.func.substr(start, 1, 7)
    if freq == "quarter":
        month = sa.func.substr(start, 6, 2)
        quarter = sa.case(
            (month <= "03", "-Q1"), (month <= "06", "-Q2"), (month <= "09", "-Q3"), else_="-Q4"
        )
        return sa.func.substr(start, 1, 4).concat(quarter)
    raise InputError("--freq", f"{freq!r} is not one of {', '.join(FREQS)}")


def period_of(day: str, freq: str) -> str:
    """The period label of an ISO day, as ``period_expr`` computes it in SQL."""
    if freq == "year":
        return day[:4]
    if freq == "month":
        return day[:7]
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"


def _period_index(period: str, freq: str) -> int:
    year = int(period[:4])
    if freq == "year":
        return year
    if freq == "month":
        return year * 12 + int(period[5:7]) - 1
    return year * 4 + int(period[-1]) - 1


def _period_label(index: int, freq: str) -> str:
    if freq == "year":
        return f"{index:04d}"
    if freq == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{index // 4:04d}-Q{index % 4 + 1}"


class TooManyPeriods(InputError):
    """A series would have more than ``MAX_PERIODS`` periods (a web API 400)."""


def period_range(first: str, last: str, freq: str) -> Iterator[str]:
    """Every period label from ``first`` to ``last`` inclusive (gaps filled); more than
    ``MAX_PERIODS`` of them is a ``TooManyPeriods`` error, raised before any is made."""
    start, end = _period_index(first, freq), _period_index(last, freq)
    if end - start + 1 > MAX_PERIODS:
        raise TooManyPeriods(
            "--freq",
            f"{first} to {last} is {end - start + 1:,} periods of a {freq}, over the limit "
            f"of {MAX_PERIODS:,}: use a coarser frequency or narrow the dates (since/until)",
        )
    return (_period_label(index, freq) for index in range(start, end + 1))


def period_bounds(period: str, freq: str) -> tuple[str, str]:
    """First and last ISO day of a period label."""
    index = _period_index(period, freq)
    if freq == "year":
        return f"{index:04d}-01-01", f"{index:04d}-12-31"
    if freq == "month":
        year, month = divmod(index, 12)
        months = 1
    else:
        year, quarter = divmod(index, 4)
        month, months = quarter * 3, 3
    start = dt.date(year, month + 1, 1)
    last_month = month + months  # 1-based: the period's last month, in the same year
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return start.isoformat(), end.isoformat()  # (no day after it: 9999-12 has an end)


def parse_day(value: str | None) -> dt.date | None:
    """An ISO day string from the store → date (``None`` for missing or bad ones)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
