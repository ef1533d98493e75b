"""The event store: ingest articles once, deduplicate, query and export.

``Store(url)`` opens (creating or upgrading) a SQLite file or a PostgreSQL database::

    from legation.store import Store
    store = Store("events.db")
    store.ingest(articles)               # codes with legation.pipeline.Coder()
    store.events(source="RUS", target="PRK", dyad=True, code="04")
"""

from __future__ import annotations

from legation.store.api import Store, StoreInfo
from legation.store.export import FORMATS, ExportResult
from legation.store.imports import ImportSummary
from legation.store.ingest import IngestSummary
from legation.store.query import EventFilter

__all__ = [
    "FORMATS",
    "EventFilter",
    "ExportResult",
    "ImportSummary",
    "IngestSummary",
    "Store",
    "StoreInfo",
]
