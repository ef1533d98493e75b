"""Charts as inline SVG, drawn on the server: no chart library, no CDN, no script needed.

Colours come from CSS classes (``static/legation.css``), not inline styles, so the
Content-Security-Policy can forbid inline styles. Every label is escaped. A bar or a
point can link to its events (``link``: period label → URL of the filtered event list).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

WIDTH = 760
HEIGHT = 260
MARGIN = (16, 16, 40, 48)  # top, right, bottom, left
QUADS = (1, 2, 3, 4)
Link = Callable[[str], str] | None  # period label → the URL listing its events
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Bar:
    """One period's values: stacked segments (class → value) and a hover text."""

    label: str
    segments: tuple[tuple[str, float], ...]
    title: str
    href: str | None = None


def _linked(markup: str, href: str | None) -> str:
    """``markup`` inside an SVG link to ``href`` (already a URL we built; escaped)."""
    if not href:
        return markup
    return f'<a href="{escape(href)}" class="chart-link">{markup}</a>'


def nice_max(value: float) -> float:
    """A round axis top at or above ``value``: 1, 2, 5 or 10 times a power of ten, so
    the middle tick is round too (9 events → 10, 0.37 → 0.5)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(float(f * power) for f in (1, 2, 5, 10) if f * power >= value)


def _fmt(value: float) -> str:
    return f"{value:.3g}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"


def _svg(body: list[str], label: str, kind: str, height: int = HEIGHT) -> Markup:
    return Markup(
        f'<svg class="chart {kind}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(body)
        + "</svg>"
    )


def _x_labels(labels: Sequence[str], left: float, step: float, y: float) -> list[str]:
    every = max(1, math.ceil(len(labels) / 12))
    out = []
    for i, label in enumerate(labels):
        if i % every == 0 or (i == len(labels) - 1 and len(labels) <= 24):
            x = left + step * (i + 0.5)
            out.append(
                f'<text class="tick" x="{x:.1f}" y="{y:.1f}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    return out


def _y_axis(
    lo: float, hi: float, top: float, bottom: float, left: float, right: float
) -> list[str]:
    out = []
    for value in (lo, (lo + hi) / 2, hi):
        y = bottom - (value - lo) / (hi - lo) * (bottom - top) if hi > lo else bottom
        out.append(
            f'<line class="grid" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(_fmt(value))}</text>"
        )
    return out


def bar_chart(bars: Sequence[Bar], label: str, kind: str = "series") -> Markup:
    """Stacked bars, one per period; an empty series draws an empty frame with a note."""
    top, right_m, bottom_m, left = MARGIN
    right, bottom = WIDTH - right_m, HEIGHT - bottom_m
    if not bars:
        return _svg(
            [f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
             "no events in this range</text>"],
            label,
            kind,
        )  # fmt: skip
    peak = nice_max(max(sum(v for _, v in bar.segments) for bar in bars))
    step = (right - left) / len(bars)
    width = max(1.0, step * 0.8)
    body = _y_axis(0.0, float(peak), top, bottom, left, right)
    for i, bar in enumerate(bars):
        x = left + step * i + (step - width) / 2
        y = float(bottom)
        parts = [f'<g class="bar"><title>{escape(bar.title)}</title>']
        for css, value in bar.segments:
            if value <= 0:
                continue
            h = value / peak * (bottom - top)
            y -= h
            parts.append(
                f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{h:.1f}"/>'
            )
        body.append(_linked("".join(parts) + "</g>", bar.href))
    body += _x_labels([b.label for b in bars], left, step, bottom + 16)
    return _svg(body, label, kind)


def series_chart(points: Sequence[Any], normalize: bool = False, link: Link = None) -> Markup:
    """The dyad's events per period, stacked by quad class (or its share of all events)."""
    bars = []
    for point in points:
        by_quad: Mapping[int, int] = point.by_quad
        if normalize:
            share = float(point.share or 0.0)
            segments: tuple[tuple[str, float], ...] = (("share", share),)
            title = f"{point.period}: {share:.2%} of all events ({point.events} events)"
        else:
            segments = tuple((f"q{q}", float(by_quad.get(q, 0))) for q in QUADS)
            detail = ", ".join(f"{QUAD_NAMES[q]} {by_quad.get(q, 0)}" for q in QUADS)
            title = f"{point.period}: {point.events} events ({detail})"
        href = link(str(point.period)) if link and point.events else None
        bars.append(Bar(str(point.period), segments, title, href))
    return bar_chart(bars, "events per period by quad class", "series")


def line_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    lo: float,
    hi: float,
    label: str,
    link: Link = None,
) -> Markup:
    """A line through the periods' values with a zero line (Goldstein means, -10..10)."""
    top, right_m, bottom_m, left = MARGIN
    height = 200
    right, bottom = WIDTH - right_m, height - bottom_m
    if not labels:
        return _svg([], label, "line", height)
    step = (right - left) / len(labels)

    def y_of(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    body = _y_axis(lo, hi, top, bottom, left, right)
    body.append(f'<line class="zero" x1="{left}" x2="{right}" y1="{y_of(0):.1f}" '
                f'y2="{y_of(0):.1f}"/>')  # fmt: skip
    runs: list[list[str]] = [[]]  # the line breaks where a period has no value
    dots = []
    for i, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        x, y = left + step * (i + 0.5), y_of(max(lo, min(hi, value)))
        runs[-1].append(f"{x:.1f},{y:.1f}")
        dot = (
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>'
            f"{escape(labels[i])}: {escape(_fmt(value))}</title></circle>"
        )
        dots.append(_linked(dot, link(labels[i]) if link else None))
    body += [f'<polyline class="trend" points="{" ".join(r)}"/>' for r in runs if len(r) > 1]
    body += dots
    body += _x_labels(labels, left, step, bottom + 16)
    return _svg(body, label, "line", height)


def goldstein_chart(points: Sequence[Any], link: Link = None) -> Markup:
    labels = [str(p.period) for p in points]
    values = [float(p.goldstein_mean) if p.events else None for p in points]
    return line_chart(labels, values, -10.0, 10.0, "mean Goldstein score per period", link)


def asymmetry_chart(rows: Sequence[Any], a: str, b: str, link: Link = None) -> Markup:
    """Bars above zero when ``a`` visited ``b`` more often, below when ``b`` visited ``a``."""
    top, right_m, bottom_m, left = MARGIN
    height = 200
    right, bottom = WIDTH - right_m, height - bottom_m
    label = f"visit asymmetry {a}→{b} per period"
    if not rows:
        return _svg(
            [f'<text class="empty" x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle">'
             "no visits in this range</text>"],
            label, "asymmetry", height,
        )  # fmt: skip
    mid = (top + bottom) / 2
    step = (right - left) / len(rows)
    width = max(1.0, step * 0.8)
    body = _y_axis(-1.0, 1.0, top, bottom, left, right)
    for i, row in enumerate(rows):
        index = max(-1.0, min(1.0, float(row.index)))
        h = abs(index) * (bottom - top) / 2
        y = mid - h if index >= 0 else mid
        css = "pos" if index >= 0 else "neg"
        x = left + step * i + (step - width) / 2
        title = f"{row.period}: {a}→{b} {row.a_to_b}, {b}→{a} {row.b_to_a}, index {index:+.2f}"
        bar = (
            f'<g class="bar"><title>{escape(title)}</title><rect class="{css}" '
            f'x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{max(h, 1.0):.1f}"/></g>'
        )
        body.append(_linked(bar, link(str(row.period)) if link else None))
    body += _x_labels([str(r.period) for r in rows], left, step, bottom + 16)
    return _svg(body, label, "asymmetry", height)
