"""Server-rendered pages: search, the event table, a dyad, the network, an article.

Pages take the same validated parameters as the API, so a page's URL is its state: a
filtered view can be bookmarked or sent to a colleague. Templates autoescape everything;
the only markup built in Python is the highlighted sentence and the charts, both of which
escape every piece of text they hold.
"""

from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment

from legation.store import Store
from legation.web import charts, queries
from legation.web.api import ArticleIdPath, StoreDep, fetch_page
from legation.web.highlight import highlight
from legation.web.params import (
    ActorCode,
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

PAGE_SIZE = 50
CodePath = Annotated[str, Path(pattern=r"^[A-Za-z0-9]{2,12}$", description="Country code.")]


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


def _dyad_context(store: Store, a: str, b: str, params: dict[str, Any]) -> dict[str, Any]:
    from legation.analysis import dyad_series, visit_ledger

    series = dyad_series(store, a, b, **params)
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
        "series_chart": charts.series_chart(series, params["normalize"]),
        "goldstein_chart": charts.goldstein_chart(series),
        "visits": visits,
        "declined": declined,
        "asymmetry": asymmetry,
        "asymmetry_chart": charts.asymmetry_chart(asymmetry, a, b),
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
def dyad_form(a: ActorCode, b: ActorCode) -> Response:
    return RedirectResponse(f"/dyad/{a}/{b}", status_code=303)


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(
    request: Request,
    store: StoreDep,
    a: CodePath,
    b: CodePath,
    freq: Freq = "month",
    direction: Direction = "both",
    normalize: bool = False,
    modality: Modality = "occurred",
    since: SinceQ = None,
    until: UntilQ = None,
) -> Response:
    if a != a.upper() or b != b.upper():
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/dyad/{a.upper()}/{b.upper()}{query}", status_code=307)
    params = {
        "freq": freq, "direction": direction, "normalize": normalize,
        "modality": modality, "since": since, "until": until,
    }  # fmt: skip
    context = _dyad_context(store, a, b, params)
    events_link = EventQuery(source=a, target=b, dyad=direction == "both", since=since,
                             until=until, modality=(modality,)).query_items()  # fmt: skip
    return render(
        request, "dyad.html", a=a, b=b, params=params, **context,
        events_url=_url("/events", events_link),
        api_url=_url("/api/dyad", [("a", a), ("b", b), *_items(params)]),
        swap_url=_url(f"/dyad/{b}/{a}", _items(params)),
    )  # fmt: skip


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


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, store: StoreDep, article_id: ArticleIdPath) -> HTMLResponse:
    found = queries.article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    ontology = _ontology()
    rows = [event_view(r, ontology) for r in queries.article_events(store, article_id)]
    coded = {r["sentence_index"] for r in rows}
    url = found.get("url") or ""
    safe_url = url if url.startswith(("https://", "http://")) else None
    return render(request, "article.html", article=found, rows=rows, coded=coded, safe_url=safe_url)


def _items(params: dict[str, Any]) -> list[tuple[str, str]]:
    items = []
    for name, value in params.items():
        if value is None or value is False:
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
