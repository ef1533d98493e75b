"""legation: news text → coded, sourced political events.

The public API is small and lazy (importing ``legation`` loads no model)::

    from legation import code_text
    events = code_text("Putin visited Pyongyang.", date="2024-06-19")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Article", "Coder", "Event", "Store", "code_articles", "code_text"]

if TYPE_CHECKING:
    from legation.model import Article, Event
    from legation.pipeline import Coder, code_articles, code_text
    from legation.store import Store


def __getattr__(name: str) -> Any:
    if name in ("Article", "Event"):
        from legation import model

        return getattr(model, name)
    if name in ("Coder", "code_articles", "code_text"):
        from legation import pipeline

        return getattr(pipeline, name)
    if name == "Store":
        from legation.store import Store

        return Store
    raise AttributeError(f"module 'legation' has no attribute {name!r}")
