"""Marking the actors and the trigger inside a sentence, safely.

The sentence is article text (anything a page on the web said), so it is never trusted:
the marks are placed on the raw text's character spans, and every piece between and
inside them is HTML-escaped. Only the ``<mark>`` tags themselves are ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

Span = tuple[int, int, str]  # start, end, CSS class


def find_span(sentence: str, needle: str | None) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``sentence`` (whole words preferred, case-insensitive
    as a fallback); ``None`` when absent or empty."""
    if not needle or not needle.strip():
        return None
    needle = needle.strip()
    pattern = rf"(?<!\w){re.escape(needle)}(?!\w)"
    for flags in (0, re.IGNORECASE):
        match = re.search(pattern, sentence, flags)
        if match:
            return match.start(), match.end()
    match = re.search(re.escape(needle), sentence, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _place(spans: Iterable[Span]) -> list[Span]:
    """Spans in order, dropping any that overlaps one already kept (first come wins)."""
    kept: list[Span] = []
    for span in spans:
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def highlight(
    sentence: str,
    actors: Iterable[str | None] = (),
    trigger: str | None = None,
) -> Markup:
    """``sentence`` as HTML with ``<mark class="actor">`` and ``<mark class="trigger">``."""
    return highlight_all(sentence, actors, [trigger])


def highlight_all(
    sentence: str,
    actors: Iterable[str | None] = (),
    triggers: Iterable[str | None] = (),
) -> Markup:
    """``highlight`` for a sentence several events were coded from (the article page):
    every event's trigger and actors marked."""
    spans: list[Span] = []
    for trigger in triggers:
        trigger_span = find_span(sentence, trigger)
        if trigger_span is None and trigger:
            trigger_span = find_span(sentence, trigger.split()[0])
        if trigger_span is not None:
            spans.append((*trigger_span, "trigger"))
    for text in actors:
        found = find_span(sentence, text)
        if found is not None:
            spans.append((*found, "actor"))
    out: list[str] = []
    position = 0
    for start, end, kind in _place(spans):
        out.append(str(escape(sentence[position:start])))
        out.append(f'<mark class="{kind}">{escape(sentence[start:end])}</mark>')
        position = end
    out.append(str(escape(sentence[position:])))
    return Markup("".join(out))
