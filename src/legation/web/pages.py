"""Server-rendered pages: search, the event table, a dyad, the network, an article.

Pages take the same validated parameters as the API, so a page's URL is its state: a
filtered view can be bookmarked or sent to a colleague. Templates autoescape everything;
the only markup built in Python is the highlighted sentence and the charts, both of which
escape every piece of text they hold.
"""

from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment

from legation.store import Store
from legation.web import charts, queries
from legation.web.api import ArticleIdPath, EventIdPath, StoreDep, fetch_page
from legation.web.highlight import highlight, highlight_all
from legation.web.params import (
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
    resolve_param,
)

PAGE_SIZE = 50
MAX_BARS = 60  # the finest period ("auto") that keeps a chart this many bars wide
VISIT_CODES = ("042", "043")  # what the asymmetry chart's bars count
CodePath = Annotated[str, Path(pattern=r"^[A-Za-z0-9]{2,12}$", description="Country code.")]
PageFreq = Literal["auto", "month", "quarter", "year"]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    env: Environment = request.app.state.templates
    html = env.get_template(name).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def event_view(row: dict[str, Any], ontology: Any) -> dict[str, Any]:
    """What a table row shows: the record, the code's name and the marked-up sentence."""
    cameo = row["cameo"]
    return {
        **row,
        "cameo_name": ontology.get(cameo).name if cameo in ontology else "",
        "marked": highlight(
            row["sentence"], (row["source_text"], row["target_text"]), row["trigger"]
        ),
    }


def _ontology() -> Any:
    from legation.ontology import load_ontology

    return load_ontology()


def _oriented(row: Any, a: str, b: str) -> Any:
    """An asymmetry row seen from ``a`` (its index negated when stored as ``b``→``a``)."""
    if (row.a, row.b) == (a, b):
        return row
    return replace(row, a=a, b=b, a_to_b=row.b_to_a, b_to_a=row.a_to_b, index=-row.index)


def auto_freq(first: str | None, last: str | None) -> Freq:
    """Months when the span fits ``MAX_BARS`` of them, else quarters, else years: a
    25-year series is 25 readable bars, not 300 hairlines."""
    if not first or not last:
        return "month"
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    if months <= MAX_BARS:
        return "month"
    return "quarter" if months <= 3 * MAX_BARS else "year"


def period_link(
    a: str, b: str, params: dict[str, Any], codes: tuple[str, ...] = ()
) -> Callable[[str], str]:
    """Period label → the event list behind that bar (same dyad, direction, modality)."""
    from legation.analysis.common import period_bounds

    src, tgt = (b, a) if params["direction"] == "b->a" else (a, b)

    def link(period: str) -> str:
        since, until = period_bounds(period, params["freq"])
        items = [("source", src), ("target", tgt)]
        if params["direction"] == "both":
            items.append(("dyad", "true"))
        items += [("since", since), ("until", until), ("modality", params["modality"])]
        return _url("/events", items + [("code", c) for c in codes])

    return link


def _dyad_context(store: Store, a: str, b: str, params: dict[str, Any]) -> dict[str, Any]:
    from legation.analysis import dyad_series, visit_ledger

    series = dyad_series(store, a, b, **params)
    link = period_link(a, b, params)
    visits_link = period_link(a, b, {**params, "direction": "both"}, VISIT_CODES)
    ledger = visit_ledger(
        store, a, since=params["since"], until=params["until"], freq=params["freq"]
    )
    pair = {a, b}
    visits = [r for r in ledger.rows if {r.visitor, r.host} == pair]
    declined = [r for r in ledger.declined if {r.visitor, r.host} == pair]
    asymmetry = [_oriented(row, a, b) for row in ledger.asymmetry if {row.a, row.b} == pair]
    asymmetry.sort(key=lambda r: str(r.period))
    return {
        "series": series,
        "series_chart": charts.series_chart(series, params["normalize"], link),
        "goldstein_chart": charts.goldstein_chart(series, link),
        "visits": visits,
        "declined": declined,
        "asymmetry": asymmetry,
        "asymmetry_chart": charts.asymmetry_chart(asymmetry, a, b, visits_link),
        "total": sum(p.events for p in series),
    }


router = APIRouter(include_in_schema=False)


def page_router(max_page: int) -> APIRouter:
    """The HTML pages (left out of the OpenAPI schema); the event table's page size is
    bounded by ``max_page``."""
    pages = APIRouter(include_in_schema=False)
    default_limit = min(PAGE_SIZE, max_page)
    limit_q = Annotated[int, Query(ge=1, le=max_page)]

    @pages.get("/events", response_class=HTMLResponse)
    def events(
        request: Request,
        store: StoreDep,
        q: Annotated[EventQuery, Depends(event_query)],
        limit: limit_q = default_limit,
        offset: OffsetQ = 0,
    ) -> HTMLResponse:
        rows, total = fetch_page(store, q, limit, offset)
        following = offset + len(rows)
        ontology = _ontology()
        base = q.query_items() + ([("limit", str(limit))] if limit != PAGE_SIZE else [])
        prev_offset = max(0, offset - limit) if offset else None
        return render(
            request,
            "events.html",
            q=q,
            total=total,
            offset=offset,
            rows=[event_view(row, ontology) for row in rows],
            next_url=_page_url("/events", base, following if following < total else None),
            prev_url=_page_url("/events", base, prev_offset),
            csv_url=_url("/api/events", [*q.query_items(), ("format", "csv")]),
        )

    pages.include_router(router)
    return pages


@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: StoreDep) -> HTMLResponse:
    return render(
        request, "index.html", info=store.info(), dyads=queries.top_dyads(store),
        q=EventQuery(),
    )  # fmt: skip


@router.get("/dyad")
def dyad_form(request: Request, a: ActorName, b: ActorName) -> Response:
    """The start page's form: names ("North Korea") or codes, resolved to codes."""
    code_a, code_b = resolve_param(request, a, "a"), resolve_param(request, b, "b")
    return RedirectResponse(f"/dyad/{code_a}/{code_b}", status_code=303)


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(
    request: Request,
    store: StoreDep,
    a: CodePath,
    b: CodePath,
    freq: PageFreq = "auto",
    direction: Direction = "both",
    normalize: bool = False,
    modality: Modality = "occurred",
    since: SinceQ = None,
    until: UntilQ = None,
) -> Response:
    if a != a.upper() or b != b.upper():
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/dyad/{a.upper()}/{b.upper()}{query}", status_code=307)
    chosen: Freq = freq if freq != "auto" else _span_freq(store, a, b, since, until)
    params = {
        "freq": chosen, "direction": direction, "normalize": normalize,
        "modality": modality, "since": since, "until": until,
    }  # fmt: skip
    context = _dyad_context(store, a, b, params)
    events_link = EventQuery(source=a, target=b, dyad=direction == "both", since=since,
                             until=until, modality=(modality,)).query_items()  # fmt: skip
    view = {**params, "freq": freq}  # links keep "auto" when that is what was asked
    return render(
        request, "dyad.html", a=a, b=b, params=params, requested_freq=freq, **context,
        events_url=_url("/events", events_link),
        api_url=_url("/api/dyad", [("a", a), ("b", b), *_items(params)]),
        swap_url=_url(f"/dyad/{b}/{a}", _items(view, skip={"freq": "auto"})),
    )  # fmt: skip


def _span_freq(store: Store, a: str, b: str, since: str | None, until: str | None) -> Freq:
    from legation.analysis.report import date_span

    return auto_freq(*date_span(store, a, b, since, until))


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    store: StoreDep,
    since: SinceQ = None,
    until: UntilQ = None,
    kind: NetworkKind = "all",
) -> HTMLResponse:
    from legation.web.netview import network_data, network_svg

    data = network_data(store, since=since, until=until, kind=kind)
    return render(
        request, "network.html", data=data, svg=network_svg(data),
        params={"since": since, "until": until, "kind": kind},
    )  # fmt: skip


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: EventIdPath) -> HTMLResponse:
    """One event: its sentence (marked), what was coded, the rule that coded it, and
    every article that reported it."""
    row = queries.event_row(store, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}")
    mentions = store.mentions(event_id)
    return render(
        request, "event.html", e=event_view(row, _ontology()), record=queries.event_json(row),
        mentions=mentions, json_url=_url(f"/api/events/{event_id}", []),
    )  # fmt: skip


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, store: StoreDep, article_id: ArticleIdPath) -> HTMLResponse:
    found = queries.article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    ontology = _ontology()
    rows = [event_view(r, ontology) for r in queries.article_events(store, article_id)]
    coded = {r["sentence_index"] for r in rows}
    marked = {
        index: highlight_all(
            sentence["text"],
            [t for r in rows if r["sentence_index"] == index for t in _actor_texts(r)],
            [r["trigger"] for r in rows if r["sentence_index"] == index],
        )
        for sentence in found["sentences"]
        if (index := sentence["index"]) in coded
    }
    url = found.get("url") or ""
    safe_url = url if url.startswith(("https://", "http://")) else None
    return render(
        request, "article.html", article=found, rows=rows, coded=coded, marked=marked,
        safe_url=safe_url,
    )  # fmt: skip


def _actor_texts(row: dict[str, Any]) -> tuple[str | None, str | None]:
    return row.get("source_text"), row.get("target_text")


def _items(params: dict[str, Any], skip: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    items = []
    for name, value in params.items():
        if value is None or value is False or (skip and skip.get(name) == value):
            continue
        items.append((name, "true" if value is True else str(value)))
    return items


def _url(path: str, items: list[tuple[str, str]]) -> str:
    """A link to ``path`` carrying the view's parameters."""
    return path + (f"?{urlencode(items)}" if items else "")


def _page_url(path: str, items: list[tuple[str, str]], offset: int | None) -> str | None:
    """The link to another page of a table (``None`` when there is no such page)."""
    if offset is None:
        return None
    return _url(path, [*items, ("offset", str(offset))] if offset else items)
