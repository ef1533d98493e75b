"""Dyad time series: events between two actors per month, quarter or year.

One ``GROUP BY period, quad_class, root`` query over the matching rows; the database does
the counting, Python only arranges the groups into points and fills empty periods so a
chart's x axis is continuous.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from legation.analysis.common import (
    FREQS,
    actor_value,
    filters,
    matches,
    period_bounds,
    period_expr,
    period_range,
)
from legation.errors import InputError
from legation.ontology import quad_class
from legation.store import Store
from legation.store.schema import events

Direction = Literal["a->b", "b->a", "both"]
DIRECTIONS: tuple[Direction, ...] = ("a->b", "b->a", "both")


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of a dyad series. ``events`` counts event records (not ``count``)."""

    period: str  # "2024-06", "2024-Q2", "2024"
    events: int
    by_quad: dict[int, int] = field(default_factory=dict)  # quad class 1..4 → events
    by_root: dict[str, int] = field(default_factory=dict)  # CAMEO root "04" → events
    goldstein_sum: float = 0.0
    goldstein_mean: float | None = None
    share: float | None = None  # dyad events / all events of the period (normalize=True)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "events": self.events,
            "by_quad": {str(k): v for k, v in self.by_quad.items()},
            "by_root": dict(self.by_root),
            "goldstein_sum": self.goldstein_sum,
            "goldstein_mean": self.goldstein_mean,
            "share": self.share,
        }


def dyad_condition(a: str, b: str, direction: str) -> ColumnElement[bool]:
    """Events from ``a`` to ``b``, from ``b`` to ``a``, or both."""
    forward = sa.and_(matches("source", a), matches("target", b))
    backward = sa.and_(matches("source", b), matches("target", a))
    if direction == "a->b":
        return forward
    if direction == "b->a":
        return backward
    if direction == "both":
        return sa.or_(forward, backward)
    raise InputError("--direction", f"{direction!r} is not one of {', '.join(DIRECTIONS)}")


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    direction: Direction = "both",
    freq: Literal["month", "quarter", "year"] = "month",
    since: str | None = None,
    until: str | None = None,
    modality: str | None = "occurred",
    normalize: bool = False,
    dataset: str | None = None,
) -> list[SeriesPoint]:
    """Events between ``a`` and ``b`` per period, by quad class and root, with Goldstein
    sum and mean; ``normalize`` adds each period's share of all events (GDELT practice).

    ``a``/``b`` are countries (``RUS``) or full actor codes (``RUSGOV``). Events are
    bucketed by the first day their date covers (a year-precision date goes to January).
    Periods without events between the first and last one are included, with zeros.
    """
    if freq not in FREQS:
        raise InputError("--freq", f"{freq!r} is not one of {', '.join(FREQS)}")
    a, b = actor_value(a, "a"), actor_value(b, "b")
    period = period_expr(freq).label("period")
    where = [
        events.c.date_start.is_not(None),
        dyad_condition(a, b, direction),
        *filters(store, since=since, until=until, modality=modality, dataset=dataset),
    ]
    query = (
        sa.select(
            period,
            events.c.root,
            sa.func.count().label("n"),
            sa.func.sum(events.c.goldstein).label("g"),
        )
        .where(*where)
        .group_by(period, events.c.root)
    )
    with store.engine.connect() as conn:
        # the quad class is a function of the root: one grouping key less to sort on
        groups = [(p, quad_class(r), r, n, g) for p, r, n, g in conn.execute(query).all()]
    if not groups:
        return []
    points = _points(groups, freq)
    if normalize:
        totals = _period_totals(
            store, freq, points[0].period, points[-1].period, since, until, modality, dataset
        )
        points = [_with_share(p, totals.get(p.period, 0)) for p in points]
    return points


def _points(groups: Sequence[Any], freq: str) -> list[SeriesPoint]:
    """Grouped rows → one point per period, empty periods filled in."""
    counts: dict[str, int] = {}
    quads: dict[str, dict[int, int]] = {}
    roots: dict[str, dict[str, int]] = {}
    gold: dict[str, float] = {}
    for period, quad, root, n, g in groups:
        counts[period] = counts.get(period, 0) + int(n)
        by_quad = quads.setdefault(period, {1: 0, 2: 0, 3: 0, 4: 0})
        by_quad[int(quad)] = by_quad.get(int(quad), 0) + int(n)
        by_root = roots.setdefault(period, {})
        by_root[root] = by_root.get(root, 0) + int(n)
        gold[period] = gold.get(period, 0.0) + float(g or 0.0)
    points = []
    for period in period_range(min(counts), max(counts), freq):
        n = counts.get(period, 0)
        total = round(gold.get(period, 0.0), 6)
        points.append(
            SeriesPoint(
                period=period,
                events=n,
                by_quad=quads.get(period, {1: 0, 2: 0, 3: 0, 4: 0}),
                by_root=dict(sorted(roots.get(period, {}).items())),
                goldstein_sum=total,
                goldstein_mean=round(total / n, 6) if n else None,
            )
        )
    return points


def _period_totals(
    store: Store,
    freq: str,
    first: str,
    last: str,
    since: str | None,
    until: str | None,
    modality: str | None,
    dataset: str | None,
) -> dict[str, int]:
    """All events per period (same filters, any actors) in the series' range."""
    period = period_expr(freq).label("period")
    query = (
        sa.select(period, sa.func.count())
        .where(
            events.c.date_start >= period_bounds(first, freq)[0],
            events.c.date_start <= period_bounds(last, freq)[1],
            *filters(store, since=since, until=until, modality=modality, dataset=dataset),
        )
        .group_by(period)
    )
    with store.engine.connect() as conn:
        return {str(p): int(n) for p, n in conn.execute(query).all()}


def _with_share(point: SeriesPoint, total: int) -> SeriesPoint:
    share = round(point.events / total, 6) if total else None
    return SeriesPoint(
        point.period,
        point.events,
        point.by_quad,
        point.by_root,
        point.goldstein_sum,
        point.goldstein_mean,
        share,
    )
