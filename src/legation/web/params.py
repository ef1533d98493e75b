"""Validated request parameters, shared by the JSON API and the pages.

Every value a client sends is checked here, before it reaches a query: actor codes are
upper-case letters and digits, CAMEO codes digits, dates ISO prefixes that exist
(``2024-13-45`` is refused), free text short. A bad value is a 422 naming the
parameter, never a 500 and never text spliced into SQL (the store binds every value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query, Request
from pydantic import AfterValidator, StringConstraints

from legation.store import EventFilter
from legation.store.rows import date_interval

ACTOR_PATTERN = r"^[A-Z0-9]{2,12}$"
CAMEO_PATTERN = r"^[0-9]{2,4}$"
PLOVER_PATTERN = r"^[A-Z_]{2,32}$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
EVENT_ID_PATTERN = r"^[A-Za-z0-9_.:#-]{1,80}$"
MAX_TEXT = 200  # characters of a full-text query
MAX_VALUES = 20  # repeated values of one filter (code=01&code=02...)
MAX_OFFSET = 10_000_000
MAX_ARTICLE_ID = 2**62

Modality = Literal["occurred", "negated", "planned", "hypothetical"]
Freq = Literal["month", "quarter", "year"]
Direction = Literal["both", "a->b", "b->a"]
NetworkKind = Literal["all", "cooperation", "conflict"]


def check_date(value: str | None) -> str | None:
    """An ISO prefix that names a real day, month or year (``2024-02-30`` is refused)."""
    if value is None:
        return None
    if not re.fullmatch(DATE_PATTERN, value) or date_interval(value, None) == (None, None):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


ActorCode = Annotated[str, StringConstraints(pattern=ACTOR_PATTERN)]
CameoCode = Annotated[str, StringConstraints(pattern=CAMEO_PATTERN)]
PloverType = Annotated[str, StringConstraints(pattern=PLOVER_PATTERN)]

# A name or a code, resolved by ``legation.actors.lookup`` (``Russia``, ``RUSGOV``).
ACTOR_NAME_PATTERN = r"^[^\x00-\x1f\x7f]{2,80}$"
ActorName = Annotated[str, StringConstraints(pattern=ACTOR_NAME_PATTERN)]
SourceQ = Annotated[
    ActorName | None,
    Query(description="Source country or actor: a code (RUS, RUSGOV) or a name (Russia)."),
]
TargetQ = Annotated[
    ActorName | None, Query(description="Target country or actor: a code or a name.")
]
DyadQ = Annotated[bool, Query(description="Match source and target in either direction.")]
CodeQ = Annotated[
    list[CameoCode] | None,
    Query(max_length=MAX_VALUES, description="CAMEO code prefix (04, 042); repeatable."),
]
PloverQ = Annotated[
    list[PloverType] | None,
    Query(max_length=MAX_VALUES, description="PLOVER type (CONSULT); repeatable."),
]
ModalityQ = Annotated[
    list[Modality] | None, Query(max_length=4, description="Event modality; repeatable.")
]
SinceQ = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="Events on or after (YYYY[-MM[-DD]])."),
    AfterValidator(check_date),
]
UntilQ = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="Events on or before (YYYY[-MM[-DD]])."),
    AfterValidator(check_date),
]
TextQ = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=MAX_TEXT,
        description="Full-text search over the sentences that reported the event.",
    ),
]
OffsetQ = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip.")]


def resolve_param(request: Request, value: str | None, name: str) -> str | None:
    """A country or actor name or code → its code, as the CLI resolves it (an unknown
    one is an ``InputError``: a 422 naming the parameter)."""
    if value is None:
        return None
    from legation.actors.lookup import resolve_actor, store_knows

    return resolve_actor(value, name, store_knows(request.app.state.store))


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The filters of ``legation events``, as received (already validated)."""

    source: str | None = None
    target: str | None = None
    dyad: bool = False
    code: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    text: str | None = None

    def to_filter(self, limit: int | None = None, offset: int = 0) -> EventFilter:
        return EventFilter(
            source=self.source,
            target=self.target,
            dyad=self.dyad,
            code=list(self.code) or None,
            plover=list(self.plover) or None,
            modality=list(self.modality) or None,
            since=self.since,
            until=self.until,
            text=self.text,
            limit=limit,
            offset=offset,
        )

    def query_items(self) -> list[tuple[str, str]]:
        """The filters as URL query items (for pagination links that keep the view)."""
        items: list[tuple[str, str]] = []
        for name in ("source", "target", "since", "until", "text"):
            value = getattr(self, name)
            if value:
                items.append((name, value))
        if self.dyad:
            items.append(("dyad", "true"))
        for name in ("code", "plover", "modality"):
            items.extend((name, value) for value in getattr(self, name))
        return items


def event_query(
    request: Request,
    source: SourceQ = None,
    target: TargetQ = None,
    dyad: DyadQ = False,
    code: CodeQ = None,
    plover: PloverQ = None,
    modality: ModalityQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    text: TextQ = None,
) -> EventQuery:
    """FastAPI dependency: the event filters of a request (names resolved to codes)."""
    return EventQuery(
        source=resolve_param(request, source, "source"),
        target=resolve_param(request, target, "target"),
        dyad=dyad,
        code=tuple(code or ()),
        plover=tuple(plover or ()),
        modality=tuple(modality or ()),
        since=since,
        until=until,
        text=text,
    )
