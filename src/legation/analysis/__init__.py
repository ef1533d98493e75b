"""Analyses of stored events: dyad series, the visit ledger, reversals, the network.

Every function takes a ``legation.store.Store`` first and runs grouped SQL on its
``events`` table; the CLI commands (``legation dyad``, ``visits``, ``network``,
``reversals``, ``claim``, ``report``) and the web app are thin wrappers over them::

    from legation.store import Store
    from legation.analysis import dyad_series, visit_ledger, claim_check

    store = Store("events.db")
    dyad_series(store, "RUS", "PRK", freq="year")
    visit_ledger(store, "PRK").asymmetry
    claim_check(store, ["RUS", "SUN"], "PRK").visits
"""

from __future__ import annotations

from legation.analysis.network import (
    centrality,
    network,
    top_event_types,
    top_partners,
    write_graph,
)
from legation.analysis.report import build_report, write_report
from legation.analysis.reversals import Reversal, reversals, volatility
from legation.analysis.series import SeriesPoint, dyad_series
from legation.analysis.visits import (
    Asymmetry,
    ClaimAnswer,
    VisitLedger,
    VisitRow,
    asymmetry_index,
    claim_check,
    visit_ledger,
)

__all__ = [
    "Asymmetry",
    "ClaimAnswer",
    "Reversal",
    "SeriesPoint",
    "VisitLedger",
    "VisitRow",
    "asymmetry_index",
    "build_report",
    "centrality",
    "claim_check",
    "dyad_series",
    "network",
    "reversals",
    "top_event_types",
    "top_partners",
    "visit_ledger",
    "volatility",
    "write_graph",
    "write_report",
]
