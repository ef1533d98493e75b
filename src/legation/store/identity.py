"""Event identity at ingest: the database side of ``store.linking``.

For each coded mention: fetch the candidate events (the article's own events and its
near-duplicate family's, plus stored events with the same blocking key — source,
target, CAMEO root — whose dates could overlap, one range scan of ``ix_events_link``),
let ``linking.choose`` decide, and either insert a new event or fold the mention into
the chosen one: its date becomes the best-dated mention's (an explicit date over the
article's own date, then the most precise), its modality the furthest the history got
(planned → occurred or negated), its actors and code the most specific reported.
Every mention keeps its own code, modality, date and count in ``event_mentions``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from legation.model import Actor, Event
from legation.store import linking
from legation.store.linking import Candidate, Facts, Side
from legation.store.rows import date_interval
from legation.store.schema import event_mentions, events

LOOKBACK_DAYS = 400  # a candidate dated to a year starts up to a year before the mention
_FACT_COLUMNS = (
    "event_id", "source_country", "source_code", "source_sector", "source_name",
    "target_country", "target_code", "target_sector", "target_name", "cameo", "modality",
    "date", "date_precision", "date_start", "date_end", "date_basis", "count",
)  # fmt: skip


@functools.cache
def _country_names() -> dict[str, str]:
    from legation.actors.kb import load_default_kb  # lazy: only ingest needs it

    return dict(load_default_kb().country_names)


def person_of(country: str | None, sector: str | None, name: str | None) -> str | None:
    """A specific name (a person, a named body), not a country's own name."""
    if not name or not sector:
        return None
    return None if _country_names().get(country or "") == name else name


def _side(
    country: str | None, code: str | None, sector: str | None, name: str | None
) -> Side | None:
    if code is None:
        return None
    return Side(country or code, sector, person_of(country, sector, name))


def _actor_side(actor: Actor | None) -> Side | None:
    if actor is None:
        return None
    return _side(actor.country, actor.code, actor.sector, actor.name)


def date_source_of(event: Event, article_date: str | None) -> str | None:
    """Where the mention's date came from: the coder's ``date_source`` (``text``,
    ``story``, ``article``; a coder without it: a date equal to the article's own is
    taken to be that fallback). A text date that *is* the article's day ("today", "this
    week") is ``reference``: it says "at or just before publication"."""
    if event.date is None:
        return None
    given = getattr(event, "date_source", None)
    same_day = bool(article_date) and event.date == article_date
    if not given:
        return "article" if same_day else "text"
    if given in ("text", "story") and same_day and event.date_precision == "day":
        return "reference"
    return str(given)


def mention_facts(event: Event, article_date: str | None) -> Facts:
    source, target, cameo = linking.oriented(
        _actor_side(event.source), _actor_side(event.target), event.cameo
    )
    start, end = date_interval(event.date, event.date_precision)
    return Facts(
        source, target, cameo, event.modality, start, end,
        date_source_of(event, article_date), event.count,
    )  # fmt: skip


def row_facts(row: Mapping[Any, Any]) -> Facts:
    source, target, cameo = linking.oriented(
        _side(row["source_country"], row["source_code"], row["source_sector"], row["source_name"]),
        _side(row["target_country"], row["target_code"], row["target_sector"], row["target_name"]),
        row["cameo"],
    )
    return Facts(
        source, target, cameo, row["modality"], row["date_start"], row["date_end"],
        row["date_basis"], int(row["count"] or 1),
    )  # fmt: skip


@dataclass
class Story:
    """The events an article's mentions may link to without a shared date: its own
    and its near-duplicate family's (rows as read, kept up to date in memory)."""

    article_date: str | None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_story(conn: Connection, article_date: str | None, event_ids: Iterable[str]) -> Story:
    story = Story(article_date)
    ids = list(event_ids)
    for start in range(0, len(ids), 500):
        query = sa.select(*(events.c[c] for c in _FACT_COLUMNS)).where(
            events.c.event_id.in_(ids[start : start + 500])
        )
        for row in conn.execute(query).mappings():
            story.rows[row["event_id"]] = dict(row)
    return story


def _key_candidates(conn: Connection, facts: Facts, story: Story) -> list[Candidate]:
    """Stored events with the same blocking key whose dates may overlap (indexed)."""
    key = linking.blocking_key(facts)
    where = [events.c.link_key == key]
    window = linking._window(facts)
    if window is None:
        if facts.count <= 1:
            return []  # an undated single report links only within its story
        where += [events.c.date_start.is_(None), events.c["count"] == facts.count]
    else:
        lo = window[0] - dt.timedelta(days=LOOKBACK_DAYS)
        hi = window[1] + dt.timedelta(days=linking.RECENT_DAYS)
        where += [events.c.date_start >= lo.isoformat(), events.c.date_start <= hi.isoformat()]
    query = sa.select(*(events.c[c] for c in _FACT_COLUMNS)).where(*where)
    return [
        Candidate(row["event_id"], row_facts(row))
        for row in conn.execute(query).mappings()
        if row["event_id"] not in story.rows
    ]


def link(conn: Connection, event: Event, story: Story) -> str | None:
    """The stored event ``event`` reports, or ``None`` when it is a new one."""
    facts = mention_facts(event, story.article_date)
    candidates = [Candidate(eid, row_facts(row), True) for eid, row in story.rows.items()]
    candidates += _key_candidates(conn, facts, story)
    return linking.choose(facts, candidates)


def new_event_columns(event: Event, article_date: str | None) -> dict[str, Any]:
    """The identity columns of a new event: its blocking key and how to read its date."""
    facts = mention_facts(event, article_date)
    return {"link_key": linking.blocking_key(facts), "date_basis": facts.date_source}


def remember(story: Story, row: Mapping[str, Any]) -> None:
    story.rows[str(row["event_id"])] = {c: row.get(c) for c in _FACT_COLUMNS}


def _specificity(code: str) -> int:
    if len(code) == 4:
        return 3
    return 1 if code.endswith("0") else 2


def merge(conn: Connection, event_id: str, event: Event, story: Story) -> None:
    """Fold ``event`` (a new mention) into the stored event ``event_id``."""
    current = story.rows.get(event_id) or load_story(conn, None, [event_id]).rows[event_id]
    facts = mention_facts(event, story.article_date)
    changes: dict[str, Any] = {}
    old_rank = linking.date_rank(
        current["date_basis"], current["date_precision"], current["date_start"]
    )
    if linking.date_rank(facts.date_source, event.date_precision, facts.start) > old_rank:
        changes.update(
            date=event.date, date_precision=event.date_precision, date_start=facts.start,
            date_end=facts.end, date_basis=facts.date_source, date_source=event.date_source,
        )  # fmt: skip
    rank = linking.MODALITY_RANK
    if rank.get(event.modality, 0) > rank.get(current["modality"], 0):
        changes["modality"] = event.modality
    same_side = (event.cameo == linking.HOST_CODE) == (current["cameo"] == linking.HOST_CODE)
    if same_side:
        changes.update(_better_actors(event, current))
        if _specificity(event.cameo) > _specificity(current["cameo"]):
            changes.update(
                cameo=event.cameo, root=event.root, quad_class=event.quad_class,
                goldstein=event.goldstein,
                plover_type=event.plover.type if event.plover else None,
                plover_mode=event.plover.mode if event.plover else None,
            )  # fmt: skip
    merged = {**current, **changes}
    if changes:
        changes["link_key"] = linking.blocking_key(row_facts(merged))  # a side may be new
        conn.execute(events.update().where(events.c.event_id == event_id).values(**changes))
    story.rows[event_id] = {c: merged.get(c) for c in _FACT_COLUMNS}


def _better_actors(event: Event, current: Mapping[str, Any]) -> dict[str, Any]:
    """A side the event lacks, or names less specifically, taken from the mention."""
    changes: dict[str, Any] = {}
    for role, actor in (("source", event.source), ("target", event.target)):
        if actor is None:
            continue
        had = person_of(current[f"{role}_country"], current[f"{role}_sector"],
                        current[f"{role}_name"])  # fmt: skip
        new = person_of(actor.country, actor.sector, actor.name)
        missing = current[f"{role}_code"] is None
        if missing or (new and not had) or (actor.sector and not current[f"{role}_sector"]):
            changes.update(
                {f"{role}_code": actor.code, f"{role}_country": actor.country,
                 f"{role}_sector": actor.sector, f"{role}_name": actor.name,
                 f"{role}_text": actor.text}
            )  # fmt: skip
    return changes


def mention_columns(event: Event, article_date: str | None) -> dict[str, Any]:
    """What one mention itself said: its code, modality, date, count and trigger."""
    return {
        "cameo": event.cameo,
        "modality": event.modality,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_source": event.date_source,
        "count": event.count,
        "trigger": event.trigger,
    }


def event_mention_ids(conn: Connection, article_ids: Iterable[int]) -> list[str]:
    """Events with a mention in any of ``article_ids`` (a near-duplicate family)."""
    ids = list(article_ids)
    if not ids:
        return []
    query = (
        sa.select(event_mentions.c.event_id)
        .where(event_mentions.c.article_id.in_(ids))
        .distinct()
    )
    return [str(r[0]) for r in conn.execute(query).all()]
