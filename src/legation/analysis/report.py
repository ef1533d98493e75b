"""The offline dyad report: one self-contained HTML file (inline CSS and SVG, no script,
no external asset), so it opens from a laptop without a network and can be mailed.

Every text that comes from articles or the store goes through ``html.escape``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from legation import __version__
from legation.analysis.common import QUAD_NAMES, actor_value, period_range
from legation.analysis.reversals import Reversal, reversals
from legation.analysis.series import SeriesPoint, dyad_series
from legation.analysis.svg import diverging_bars, stacked_bars
from legation.analysis.visits import (
    Asymmetry,
    VisitLedger,
    VisitRow,
    asymmetry_index,
    distinct_visits,
    visit_ledger,
)
from legation.ontology import load_ontology
from legation.output import atomic_output
from legation.store import EventFilter, Store
from legation.store.query import conditions
from legation.store.schema import events

DEFAULT_EVENT_LIMIT = 500
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td:first-child{white-space:nowrap}.num{text-align:right}.muted{color:#777}
.summary td{border:none;padding:.1rem .8rem .1rem 0}svg{max-width:100%;height:auto}
"""


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], empty: str) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    if not body:
        return f'<p class="muted">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _visit_rows(rows: Sequence[VisitRow]) -> list[list[Any]]:
    return [
        [r.date or "?", r.visitor or "?", r.host or "?", r.kind, r.count, r.modality, r.sentence]
        for r in rows
    ]


VISIT_HEADERS = ("date", "visitor", "host", "kind", "count", "modality", "sentence")
REVERSAL_HEADERS = ("actor", "toward", "cooperated", "code", "then", "code", "days")
EVENT_HEADERS = ("date", "source", "event", "target", "modality", "count", "sentence", "doc")


def _series_charts(
    a: str, b: str, forward: Sequence[SeriesPoint], backward: Sequence[SeriesPoint], freq: str
) -> list[str]:
    """One chart per direction, over the same periods so they line up."""
    every = [p.period for p in (*forward, *backward)]
    if not every:
        return ['<p class="muted">No events between them.</p>']
    labels = list(period_range(min(every), max(every), freq))
    charts = []
    for title, points in ((f"{a} → {b}", forward), (f"{b} → {a}", backward)):
        by_period = {p.period: p.by_quad for p in points}
        stacks = [by_period.get(label, {}) for label in labels]
        charts.append(stacked_bars(title, labels, stacks, QUAD_NAMES))
    return charts


def _asymmetry_chart(a: str, b: str, items: Sequence[Asymmetry], freq: str) -> str:
    if not items:
        return '<p class="muted">No visits between them, so no asymmetry.</p>'
    by_period = {x.period: x.index for x in items}
    labels = list(period_range(min(by_period), max(by_period), freq))
    values = [by_period.get(p) for p in labels]
    return diverging_bars(f"Visit asymmetry {a}→{b} minus {b}→{a}, over the total", labels, values)


def _event_rows(
    store: Store, a: str, b: str, since: str | None, until: str | None, limit: int
) -> tuple[list[list[Any]], int]:
    ontology = load_ontology()
    flt = EventFilter(source=a, target=b, dyad=True, since=since, until=until, limit=limit)
    rows = []
    for row in store.event_rows(flt):
        name = ontology.get(row["cameo"]).name if row["cameo"] in ontology else ""
        rows.append(
            [
                row["date"] or "?",
                row["source_code"] or "",
                f"{row['cameo']} {name}".strip(),
                row["target_code"] or "",
                row["modality"],
                row["count"],
                row["sentence"],
                row["doc_id"],
            ]
        )
    total = store.count_events(EventFilter(source=a, target=b, dyad=True, since=since, until=until))
    return rows, total


def _reversal_rows(found: Iterable[Reversal]) -> list[list[Any]]:
    return [
        [r.actor, r.counterpart, r.first_date, r.first_code, r.then_date, r.then_code, r.days]
        for r in found
    ]


def _side(code: str) -> str:
    """How the ledger labels an actor: its country, or an IGO's own prefix."""
    return code[:6] if code.startswith("IGO") else code[:3]


def dyad_visits(ledger: VisitLedger, a: str, b: str) -> tuple[list[VisitRow], list[VisitRow]]:
    """The trips between ``a`` and ``b`` (one row per trip: ``distinct_visits``, the rule
    the asymmetry index counts by) and their meetings at a third location. The report's
    summary, its table and its asymmetry are all read from these rows, so they agree."""
    pair = {_side(a), _side(b)}
    between = [r for r in ledger.rows if {r.visitor, r.host} == pair]
    trips = distinct_visits(r for r in between if r.kind != "third-location")
    trips.sort(key=lambda r: (r.date_start is None, r.date_start or "", r.event_id))
    elsewhere = [r for r in ledger.rows if r.kind == "third-location" and r.visitor in pair]
    return trips, elsewhere


def visit_totals(trips: Sequence[VisitRow], a: str, b: str) -> Asymmetry:
    """Visits ``a``→``b`` and ``b``→``a`` (stated counts summed) and their index."""
    side_a = _side(a)
    a_to_b = sum(r.count for r in trips if r.visitor == side_a)
    b_to_a = sum(r.count for r in trips if r.visitor != side_a)
    return Asymmetry(a, b, "all", a_to_b, b_to_a, asymmetry_index(a_to_b, b_to_a))


def date_span(
    store: Store, a: str, b: str, since: str | None, until: str | None
) -> tuple[str | None, str | None]:
    """The first and last day of the dyad's dated events in the range."""
    flt = EventFilter(source=a, target=b, dyad=True, since=since, until=until)
    query = sa.select(sa.func.min(events.c.date_start), sa.func.max(events.c.date_end)).where(
        *conditions(flt, store.engine.dialect.name)
    )
    with store.engine.connect() as conn:
        first, last = conn.execute(query).one()
    return first, last


def _period(span: tuple[str | None, str | None], since: str | None, until: str | None) -> str:
    first, last = since or span[0], until or span[1]
    if first is None or last is None:
        return "no dated events"
    return f"{first} – {last}"


def _summary(
    store: Store,
    a: str,
    b: str,
    series: tuple[Sequence[SeriesPoint], Sequence[SeriesPoint]],
    total: Asymmetry,
    period: str,
) -> str:
    forward, backward = (sum(p.events for p in points) for points in series)
    visits = "none recorded"
    if total.a_to_b or total.b_to_a:
        visits = (
            f"{total.a_to_b} {a}→{b}, {total.b_to_a} {b}→{a}; asymmetry index {total.index:+.2f}"
        )
    generated = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by legation {__version__}"
    rows = [
        ("events", f"{forward} {a}→{b}, {backward} {b}→{a} (occurred)"),
        ("visits", visits),
        ("period", period),
        ("store", f"{store!r}, generated {generated}"),
    ]
    cells = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="summary">{cells}</table>'


def _visit_sections(ledger: VisitLedger, a: str, b: str, freq: str) -> list[str]:
    """The asymmetry chart and the ledger tables, narrowed to the dyad."""
    other = _side(b)
    trips, elsewhere = dyad_visits(ledger, a, b)

    def with_b(rows: Iterable[VisitRow]) -> list[VisitRow]:
        return [
            r for r in rows if other in (r.visitor, r.host) or b in (r.visitor_code, r.host_code)
        ]

    parts = [_asymmetry_chart(a, b, [x for x in ledger.asymmetry if x.b == other], freq)]
    for title, rows, empty in (
        ("Visits (one row per trip)", trips, "No visits recorded."),
        ("Meetings at a third location (not counted as visits)", elsewhere, "None recorded."),
        ("Declined invitations", ledger.declined, "None recorded."),
        ("Invitations and announced trips", ledger.invitations, "None recorded."),
        (
            "Visits planned, denied or hypothetical (did not happen)",
            ledger.not_occurred,
            "None recorded.",
        ),
    ):
        shown = rows if rows is trips or rows is elsewhere else with_b(rows)
        parts += [f"<h3>{escape(title)}</h3>", _table(VISIT_HEADERS, _visit_rows(shown), empty)]
    return parts


def build_report(
    store: Store,
    a: str,
    b: str,
    *,
    freq: str = "year",
    since: str | None = None,
    until: str | None = None,
    event_limit: int = DEFAULT_EVENT_LIMIT,
    window_days: int = 90,
) -> str:
    """The HTML text of the report on the dyad ``a``–``b``."""
    a, b = actor_value(a, "a"), actor_value(b, "b")
    kw: dict[str, Any] = {"freq": freq, "since": since, "until": until}
    forward = dyad_series(store, a, b, direction="a->b", **kw)
    backward = dyad_series(store, a, b, direction="b->a", **kw)
    ledger = visit_ledger(store, a, since=since, until=until, freq=freq)
    total = visit_totals(dyad_visits(ledger, a, b)[0], a, b)
    pair = {a, b, a[:3], b[:3]}
    found = [
        r
        for actor in (a, b)
        for r in reversals(store, actor, window_days=window_days, since=since, until=until)
        if {r.actor, r.counterpart} <= pair
    ]
    events, n_events = _event_rows(store, a, b, since, until, event_limit)
    period = f"{_period(date_span(store, a, b, since, until), since, until)}, by {freq}"
    sections = [
        f"<h1>{escape(a)} ↔ {escape(b)}: dyad report</h1>",
        _summary(store, a, b, (forward, backward), total, period),
        "<h2>Events by quad class</h2>",
        *_series_charts(a, b, forward, backward, freq),
        "<h2>Who visits whom</h2>",
        *_visit_sections(ledger, a, b, freq),
        f"<h2>Reversals (cooperation, then rejection or conflict within {window_days} days)</h2>",
        _table(REVERSAL_HEADERS, _reversal_rows(found), "No reversals found."),
        f"<h2>Events ({len(events)} of {n_events}, all modalities)</h2>",
        _table(EVENT_HEADERS, events, "No events."),
    ]
    title = escape(f"legation: {a} ↔ {b}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )


def write_report(store: Store, a: str, b: str, path: str | Path, **options: Any) -> Path:
    """Write ``build_report(store, a, b, **options)`` to ``path`` (atomically)."""
    target = Path(path)
    text = build_report(store, a, b, **options)
    with atomic_output(target) as stream:
        stream.write(text)
    return target
