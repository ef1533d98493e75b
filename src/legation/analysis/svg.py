"""Small inline SVG charts for the offline HTML report: no JavaScript, no external assets.

Each function returns one ``<svg>`` element as a string; every text it draws is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 28, 44
QUAD_COLORS = {1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d"}
POSITIVE, NEGATIVE = "#2171b5", "#cb181d"
MAX_BAR = 40.0


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 5 × 10ⁿ)."""
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= value:
        step *= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10  # pragma: no cover


def _x_labels(labels: Sequence[str], x_of: Sequence[float], baseline: float) -> list[str]:
    """At most ~12 tick labels along the x axis."""
    every = max(1, -(-len(labels) // 12))
    return [
        f'<text x="{x:.1f}" y="{baseline + 16:.1f}" text-anchor="middle" '
        f'font-size="10">{escape(text)}</text>'
        for i, (text, x) in enumerate(zip(labels, x_of, strict=True))
        if i % every == 0
    ]


def _frame(title: str, body: list[str], desc: str) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'font-family="sans-serif">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
        f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def stacked_bars(
    title: str,
    labels: Sequence[str],
    stacks: Sequence[dict[int, int]],
    names: dict[int, str],
    colors: dict[int, str] = QUAD_COLORS,
) -> str:
    """Bars per period, stacked by key (quad class), with a legend."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    top = _nice_max(max((sum(s.values()) for s in stacks), default=0))
    slot = plot_w / max(1, len(labels))
    bar_w = min(MAX_BAR, max(1.0, slot * 0.8))
    body = [
        f'<line x1="{LEFT}" y1="{baseline}" x2="{WIDTH - RIGHT}" y2="{baseline}" stroke="#444"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="10">{top:g}</text>',
        f'<text x="{LEFT - 6}" y="{baseline}" text-anchor="end" font-size="10">0</text>',
    ]
    centres = []
    for i, (period, stack) in enumerate(zip(labels, stacks, strict=True)):
        x = LEFT + i * slot + (slot - bar_w) / 2
        centres.append(x + bar_w / 2)
        y = float(baseline)
        for key in sorted(colors):
            value = stack.get(key, 0)
            if not value:
                continue
            h = plot_h * value / top
            y -= h
            body.append(
                f'<rect class="bar q{key}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{colors[key]}"><title>{escape(period)}: '
                f"{escape(names.get(key, str(key)))} {value}</title></rect>"
            )
    body += _x_labels(labels, centres, baseline)
    for j, key in enumerate(sorted(colors)):
        lx, ly = LEFT + j * 150, HEIGHT - 12
        body.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colors[key]}"/>'
            f'<text x="{lx + 14}" y="{ly}" font-size="10">{escape(names.get(key, str(key)))}</text>'
        )
    return _frame(title, body, "Events per period, stacked by quad class.")


def diverging_bars(title: str, labels: Sequence[str], values: Sequence[float | None]) -> str:
    """Bars up (positive) or down (negative) from a zero line, for values in −1..1;
    ``None`` (no data for the period) draws nothing."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    zero = TOP + plot_h / 2
    slot = plot_w / max(1, len(labels))
    bar_w = min(MAX_BAR, max(1.0, slot * 0.8))
    body = [
        f'<line x1="{LEFT}" y1="{zero}" x2="{WIDTH - RIGHT}" y2="{zero}" stroke="#444"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="10">+1</text>',
        f'<text x="{LEFT - 6}" y="{zero + 4}" text-anchor="end" font-size="10">0</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h + 4}" text-anchor="end" font-size="10">−1</text>',
    ]
    centres = []
    for i, (period, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + i * slot + (slot - bar_w) / 2
        centres.append(x + bar_w / 2)
        if value is None:
            continue
        h = abs(value) * plot_h / 2
        y = zero - h if value >= 0 else zero
        color = POSITIVE if value >= 0 else NEGATIVE
        body.append(
            f'<rect class="bar asym" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{max(h, 0.5):.1f}" fill="{color}"><title>{escape(period)}: '
            f"{value:+.2f}</title></rect>"
        )
    body += _x_labels(labels, centres, TOP + plot_h)
    return _frame(title, body, "Visit asymmetry index per period, from -1 to +1.")
