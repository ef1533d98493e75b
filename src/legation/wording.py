"""Counted nouns, the same way everywhere: ``1 event``, ``2 events``, ``0 countries``.

The CLI's summary lines and the dashboard's templates (the ``plural`` filter) both use
``counted``, so no page or message says "1 events".
"""

from __future__ import annotations

IRREGULAR = {"analysis": "analyses", "person": "people", "series": "series"}


def plural(noun: str) -> str:
    """The plural of a (lower-case, English) noun legation counts."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(n: int, noun: str, many: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one: ``counted(1, "event")`` → ``1 event``;
    ``many`` overrides the plural (``counted(n, "article read", "articles read")``)."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {many or plural(noun)}"
