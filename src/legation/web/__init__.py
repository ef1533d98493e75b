"""The workbench over HTTP: a JSON API (FastAPI, schema at ``/openapi.json``) and
server-rendered pages (search, events, dyads, network, articles).

    from legation.web import create_app
    app = create_app("events.db")                 # read-only
    app = create_app("events.db", token=secret)   # also POST /api/ingest

``legation serve`` runs it with uvicorn on 127.0.0.1.
"""

from __future__ import annotations

from legation.web.app import create_app

__all__ = ["create_app"]
