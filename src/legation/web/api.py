"""The JSON API: events (the filters of ``legation events``), one event with its
mentions, one article, dyad series, the visit ledger, the network, and health.

Routes are thin: they validate (``params``), call the store or ``legation.analysis``
and return JSON. Built by ``api_router(max_page)`` so the page-size bound shows in the
OpenAPI schema.
"""

# No ``from __future__ import annotations``: FastAPI must see the page-size bound, a
# local type built in the router factory, as a real object, not a string.
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.encoders import jsonable_encoder

from legation.store import Store
from legation.web import queries
from legation.web.params import (
    EVENT_ID_PATTERN,
    MAX_ARTICLE_ID,
    ActorName,
    Direction,
    EventQuery,
    Freq,
    Modality,
    NetworkKind,
    OffsetQ,
    SinceQ,
    UntilQ,
    event_query,
)

DEFAULT_PAGE = 50


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
EventIdPath = Annotated[str, Path(pattern=EVENT_ID_PATTERN, description="An event id.")]
ArticleIdPath = Annotated[int, Path(ge=1, le=MAX_ARTICLE_ID, description="An article id.")]
CountryQ = Annotated[ActorName, Query(description="A country: a code (RUS) or a name (Russia).")]
OptionalCountryQ = Annotated[
    ActorName | None, Query(description="Only visits by or to it (a code or a name).")
]
# Counting: one stored event is one real-world event (its mentions linked at ingest);
# ``events`` counts its occurrences ("twelve times" = 12), the others how often reported.
WeightQ = Annotated[
    Literal["events", "mentions", "articles", "sources"],
    Query(description="What an event counts for: events (default), or mentions (GDELT)."),
]
FormatQ = Annotated[
    Literal["json", "csv"],
    Query(description="json (a page), or csv: every matching event as a CSV download."),
]


def fetch_page(
    store: Store, q: EventQuery, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of matching event rows, and how many match in all."""
    rows = store.event_rows(q.to_filter(limit=limit, offset=offset))
    return rows, store.count_events(q.to_filter())


def events_page(
    store: Store, q: EventQuery, limit: int, offset: int, max_page: int
) -> dict[str, Any]:
    """One page of matching events with the total and the next page's offset."""
    rows, total = fetch_page(store, q, limit, offset)
    following = offset + len(rows)
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "max_page": max_page,
        "next_offset": following if following < total else None,
        "events": [queries.event_json(row) for row in rows],
    }


router = APIRouter(prefix="/api", tags=["api"])


def api_router(max_page: int) -> APIRouter:
    """The ``/api`` routes: ``router`` plus the event list, its ``limit`` bounded by
    ``max_page`` (a bound FastAPI reads when the route is declared)."""
    api = APIRouter(tags=["api"])
    default_limit = min(DEFAULT_PAGE, max_page)
    limit_q = Annotated[
        int, Query(ge=1, le=max_page, description=f"Page size (at most {max_page}).")
    ]

    @api.get(
        "/api/events",
        summary="Events matching the filters, a page at a time (format=csv: all, as CSV)",
        response_model=None,
    )
    def list_events(
        store: StoreDep,
        q: Annotated[EventQuery, Depends(event_query)],
        limit: limit_q = default_limit,
        offset: OffsetQ = 0,
        format: FormatQ = "json",
    ) -> dict[str, Any] | Response:
        if format == "csv":  # every matching event from offset (``limit`` pages JSON only)
            from legation.web.downloads import MAX_CSV_ROWS, events_csv

            flt = q.to_filter(limit=MAX_CSV_ROWS, offset=offset)
            return events_csv(store, flt, store.count_events(q.to_filter()) - offset)
        return events_page(store, q, limit, offset, max_page)

    api.include_router(router)
    return api


@router.get("/health", summary="Is the store reachable?")
async def health(request: Request) -> dict[str, Any]:
    # async, no dependency run in a thread, no query: answered on the event loop, never
    # queued behind slow requests in the thread pool (ten clients of a long dyad series
    # once made it take 2.4 s)
    store: Store = request.app.state.store
    return {"status": "ok", "schema_version": store.schema_version}


@router.get("/events/{event_id}", summary="One event, with every article that reported it")
def get_event(store: StoreDep, event_id: EventIdPath) -> dict[str, Any]:
    row = queries.event_row(store, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r}")
    data = queries.event_json(row)
    data["mentions"] = jsonable_encoder(store.mentions(event_id))
    return data


@router.get("/articles/{article_id}", summary="One stored article, its sentences and events")
def get_article(store: StoreDep, article_id: ArticleIdPath) -> dict[str, Any]:
    found = queries.article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    found["events"] = [queries.event_json(row) for row in queries.article_events(store, article_id)]
    return found


@router.get("/dyad", summary="Events per period between two countries")
def dyad(
    request: Request,
    store: StoreDep,
    a: CountryQ,
    b: CountryQ,
    freq: Freq = "month",
    direction: Direction = "both",
    normalize: bool = False,
    modality: Modality = "occurred",
    since: SinceQ = None,
    until: UntilQ = None,
    weight: WeightQ = "events",
) -> dict[str, Any]:
    from legation.analysis import dyad_series
    from legation.analysis.common import TooManyPeriods

    a, b = str(resolve_group(request, a, "a")), str(resolve_group(request, b, "b"))
    try:
        series = dyad_series(
            store, a, b, direction=direction, freq=freq, since=since, until=until,
            modality=modality, normalize=normalize, weight=weight,
        )  # fmt: skip
    except TooManyPeriods as exc:  # bounded work: a 400 saying why, not megabytes
        raise HTTPException(400, exc.message) from None
    return {
        "a": a, "b": b, "freq": freq, "direction": direction, "normalize": normalize,
        "modality": modality, "since": since, "until": until, "weight": weight,
        "series": jsonable_encoder(series),
    }  # fmt: skip


@router.get("/visits", summary="Who visited whom, and the asymmetry per dyad and period")
def visits(
    request: Request,
    store: StoreDep,
    country: OptionalCountryQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    weight: WeightQ = "events",
) -> dict[str, Any]:
    from legation.analysis import visit_ledger

    country = resolve_group(request, country, "country")
    ledger = visit_ledger(store, country, since=since, until=until, weight=weight)
    return {"country": country, "weight": weight, **jsonable_encoder(ledger)}


@router.get("/claim", summary="Did any of the visitors visit the host, and when?")
def claim(
    request: Request,
    store: StoreDep,
    visitors: Annotated[ActorName, Query(description="RUS,SUN (codes or names).")],
    host: Annotated[ActorName, Query(description="PRK (or PRK,KOR).")],
    since: SinceQ = None,
    until: UntilQ = None,
) -> dict[str, Any]:
    from legation.analysis import claim_check

    who = str(resolve_group(request, visitors, "visitors"))
    where = str(resolve_group(request, host, "host"))
    answer = claim_check(store, who, where, since=since, until=until)
    return {"visitors": who, "host": where, **jsonable_encoder(answer.to_dict())}


def resolve_group(request: Request, value: str | None, name: str) -> str | None:
    """Like ``resolve_param``, for one country or a group of predecessor states
    (``RUS,SUN`` or "Russia, Soviet Union" → ``"RUS,SUN"``: one side of a count)."""
    if value is None:
        return None
    from legation.actors.lookup import resolve_actors, store_knows

    return ",".join(resolve_actors(value, name, store_knows(request.app.state.store)))


@router.get("/network", summary="Countries and their cooperation/conflict ties")
def network(
    store: StoreDep,
    since: SinceQ = None,
    until: UntilQ = None,
    kind: NetworkKind = "all",
    weight: WeightQ = "events",
) -> dict[str, Any]:
    from legation.web.netview import network_data

    return network_data(store, since=since, until=until, kind=kind, weight=weight)
