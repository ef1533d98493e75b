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
    actor_values,
    filters,
    matches_any,
    period_bounds,
    period_expr,
    period_range,
    weight_expr,
)
from legation.errors import InputError
from legation.ontology import quad_class
from legation.store import Store
from legation.store.schema import events

Direction = Literal["a->b", "b->a", "both"]
DIRECTIONS: tuple[Direction, ...] = ("a->b", "b->a", "both")


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of a dyad series. ``events`` counts real-world events (a stored
    event with ``count`` 12 counts twelve), or what ``weight`` says; ``mentions`` is how
    often the period's events were reported."""

    period: str  # "2024-06", "2024-Q2", "2024"
    events: int
    by_quad: dict[int, int] = field(default_factory=dict)  # quad class 1..4 → events
    by_root: dict[str, int] = field(default_factory=dict)  # CAMEO root "04" → events
    goldstein_sum: float = 0.0
    goldstein_mean: float | None = None
    share: float | None = None  # dyad events / all events of the period (normalize=True)
    mentions: int = 0  # reports of the period's events (sentences, over all articles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "events": self.events,
            "by_quad": {str(k): v for k, v in self.by_quad.items()},
            "by_root": dict(self.by_root),
            "goldstein_sum": self.goldstein_sum,
            "goldstein_mean": self.goldstein_mean,
            "share": self.share,
            "mentions": self.mentions,
        }


def dyad_condition(
    a: str | Sequence[str], b: str | Sequence[str], direction: str
) -> ColumnElement[bool]:
    """Events from ``a`` to ``b``, from ``b`` to ``a``, or both (either side may be a
    group of predecessor states: ``["RUS", "SUN"]``)."""
    a_values = [a] if isinstance(a, str) else list(a)
    b_values = [b] if isinstance(b, str) else list(b)
    forward = sa.and_(matches_any("source", a_values), matches_any("target", b_values))
    backward = sa.and_(matches_any("source", b_values), matches_any("target", a_values))
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
    weight: str = "events",
) -> list[SeriesPoint]:
    """Events between ``a`` and ``b`` per period, by quad class and root, with Goldstein
    sum and mean; ``normalize`` adds each period's share of all events (GDELT practice).

    ``a``/``b`` are countries (``RUS``) or full actor codes (``RUSGOV``). Events are
    bucketed by the first day their date covers (a year-precision date goes to January).
    Periods without events between the first and last one are included, with zeros.
    ``a``/``b`` may group predecessor states (``"RUS,SUN"``); ``weight`` is what an
    event counts for (``common.weight_expr``: occurrences by default, or mentions).
    """
    if freq not in FREQS:
        raise InputError("--freq", f"{freq!r} is not one of {', '.join(FREQS)}")
    a_values, b_values = actor_values(a, "a"), actor_values(b, "b")
    period = period_expr(freq).label("period")
    w = weight_expr(weight)
    common = [
        events.c.date_start.is_not(None),
        *filters(store, since=since, until=until, modality=modality, dataset=dataset),
    ]
    if direction == "both" and not set(a_values) & set(b_values):
        # the two directions are disjoint: one indexed range scan each, summed here, is
        # cheaper than one OR scan, which must also drop rows both branches found
        sides = [
            dyad_condition(a_values, b_values, "a->b"),
            dyad_condition(a_values, b_values, "b->a"),
        ]
    else:
        sides = [dyad_condition(a_values, b_values, direction)]
    groups: list[Any] = []
    with store.engine.connect() as conn:
        for side in sides:
            query = (
                sa.select(
                    period,
                    events.c.root,
                    sa.func.sum(w).label("n"),
                    sa.func.sum(events.c.goldstein * w).label("g"),
                    sa.func.sum(events.c.num_mentions).label("m"),
                )
                .where(side, *common)
                .group_by(period, events.c.root)
            )
            groups.extend(conn.execute(query).tuples().all())
    if not groups:
        return []
    points = _points(groups, freq)
    if normalize:
        totals = _period_totals(
            store, freq, points[0].period, points[-1].period, since, until, modality, dataset,
            weight,
        )
        points = [_with_share(p, totals.get(p.period, 0)) for p in points]
    return points


def _points(groups: Sequence[Any], freq: str) -> list[SeriesPoint]:
    """Grouped (period, root, events, Goldstein sum, mentions) rows → one point per period,
    empty periods filled in. The quad class is a function of the root, so SQL does not
    group by it (one sort key less), and it is looked up once a root."""
    quads_of: dict[str, int] = {}
    totals: dict[str, list[Any]] = {}  # period → [events, Goldstein sum, mentions, by root]
    for period, root, n, g, m in groups:
        total = totals.get(period)
        if total is None:
            total = totals[period] = [0, 0.0, 0, {}]
        n = int(n)
        total[0] += n
        total[1] += float(g or 0.0)
        total[2] += int(m or 0)
        by_root = total[3]
        by_root[root] = by_root.get(root, 0) + n
    points = []
    for period in period_range(min(totals), max(totals), freq):
        n, gold, mentions, by_root = totals.get(period) or (0, 0.0, 0, {})
        by_quad = {1: 0, 2: 0, 3: 0, 4: 0}
        for root, count in by_root.items():
            quad = quads_of.get(root)
            if quad is None:
                quad = quads_of[root] = quad_class(root)
            by_quad[quad] += count
        total_g = round(gold, 6)
        points.append(
            SeriesPoint(
                period=period,
                events=n,
                by_quad=by_quad,
                by_root=dict(sorted(by_root.items())),
                goldstein_sum=total_g,
                goldstein_mean=round(total_g / n, 6) if n else None,
                mentions=mentions,
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
    weight: str = "events",
) -> dict[str, int]:
    """All events per period (same filters, any actors) in the series' range."""
    period = period_expr(freq).label("period")
    query = (
        sa.select(period, sa.func.sum(weight_expr(weight)))
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
        point.mentions,
    )
