"""Reversals: cooperation by A toward B followed, within a window, by rejection or
conflict by A toward B — "commitments get reversed"; and volatility, reversals per
cooperative event.

Each directed dyad's events are read in date order (one indexed query); a reversal is
the switch from cooperation (quad class 1/2) to rejection (root 12) or conflict (quad
class 3/4): the latest cooperative event before the first hostile one that follows it,
if no more than ``window_days`` apart. Cooperation repeated before one rejection is one
reversal; cooperation, rejection, cooperation, rejection are two. Events dated only to
a year or coarser are skipped: "within 90 days" means nothing for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa

from legation.analysis.common import actor_values, filters, label, matches_any, parse_day
from legation.errors import InputError
from legation.store import Store
from legation.store.schema import events

MAX_SPAN_DAYS = 31  # an event's date must be a day or a month to take part


@dataclass(frozen=True, slots=True)
class Reversal:
    actor: str
    counterpart: str
    first_event_id: str
    first_date: str
    then_event_id: str
    then_date: str
    first_code: str
    then_code: str

    @property
    def days(self) -> int:
        return (dt.date.fromisoformat(self.then_date) - dt.date.fromisoformat(self.first_date)).days

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "days": self.days}


def _is_cooperation(row: Mapping[Any, Any]) -> bool:
    return int(row["quad_class"]) in (1, 2) and row["root"] != "12"


def _is_hostile(row: Mapping[Any, Any]) -> bool:
    return row["root"] == "12" or int(row["quad_class"]) in (3, 4)


def _rows(
    store: Store,
    actor: list[str] | None,
    since: str | None,
    until: str | None,
    modality: str | None,
) -> Iterator[Mapping[Any, Any]]:
    """Directed-dyad events in (source, target, date) order, usable dates only."""
    src, tgt = label("source").label("src"), label("target").label("tgt")
    where = [
        events.c.date_start.is_not(None),
        events.c.source_code.is_not(None),
        events.c.target_code.is_not(None),
        *filters(store, since=since, until=until, modality=modality),
    ]
    if actor is not None:
        where.append(matches_any("source", actor))
    query = (
        sa.select(
            src,
            tgt,
            events.c.event_id,
            events.c.cameo,
            events.c.root,
            events.c.quad_class,
            events.c.date_start,
            events.c.date_end,
        )
        .where(*where)
        .order_by(src, tgt, events.c.date_start, events.c.doc_id, events.c.sentence_index)
    )
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            start, end = parse_day(row["date_start"]), parse_day(row["date_end"])
            if start is None or end is None or (end - start).days > MAX_SPAN_DAYS:
                continue
            if row["src"] == row["tgt"]:
                continue
            yield row


def _scan(
    store: Store,
    actor: str | None,
    window_days: int,
    since: str | None,
    until: str | None,
    modality: str | None,
) -> tuple[list[Reversal], int]:
    """All reversals, and how many cooperative events they were drawn from."""
    if window_days < 0:
        raise InputError("--window-days", "must be 0 or more")
    wanted = actor_values(actor, "actor") if actor else None  # a group too: RUS,SUN
    found: list[Reversal] = []
    cooperative = 0
    dyad: tuple[str, str] | None = None
    last_coop: Mapping[Any, Any] | None = None
    for row in _rows(store, wanted, since, until, modality):
        if (row["src"], row["tgt"]) != dyad:
            dyad, last_coop = (row["src"], row["tgt"]), None
        if _is_cooperation(row):
            cooperative += 1
            last_coop = row
        elif _is_hostile(row) and last_coop is not None:
            first = dt.date.fromisoformat(last_coop["date_start"])
            then = dt.date.fromisoformat(row["date_start"])
            if (then - first).days <= window_days:
                found.append(
                    Reversal(
                        row["src"],
                        row["tgt"],
                        last_coop["event_id"],
                        last_coop["date_start"],
                        row["event_id"],
                        row["date_start"],
                        last_coop["cameo"],
                        row["cameo"],
                    )
                )
            last_coop = None
    found.sort(key=lambda r: (r.then_date, r.actor, r.counterpart, r.then_event_id))
    return found, cooperative


def reversals(
    store: Store,
    actor: str | None = None,
    *,
    window_days: int = 90,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = "occurred",
) -> list[Reversal]:
    """Reversals by ``actor`` (a country or actor code as source; everyone when
    ``None``), in date order."""
    return _scan(store, actor, window_days, since, until, modality)[0]


def volatility(
    store: Store,
    actor: str | None = None,
    *,
    window_days: int = 90,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = "occurred",
) -> float:
    """Reversals per cooperative event of ``actor`` (0.0 when it never cooperated)."""
    found, cooperative = _scan(store, actor, window_days, since, until, modality)
    return round(len(found) / cooperative, 6) if cooperative else 0.0
