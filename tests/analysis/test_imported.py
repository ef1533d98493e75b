"""Events imported from ICEWS (``dataset`` = icews) take part in every analysis."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from analysis_fakes import ev

from legation.analysis import dyad_series, network, visit_ledger
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]

HEADER = (
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
    "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\t"
    "Publisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"
)
ROWS = [
    "900001\t2019-04-25\tKim Jong-Un\tGovernment,Executive\tNorth Korea\tMake a visit\t042\t1.9\t"
    "Russian Federation\t\tRussian Federation\t700001\t1\tAgency\tVladivostok\t\t\t"
    "Russian Federation\t\t",
    "900002\t2019-05-02\tForeign Ministry (Russia)\tGovernment\tRussian Federation\t"
    "Praise or endorse\t051\t3.4\tNorth Korea\t\tNorth Korea\t700002\t2\tAgency\t\t\t\t\t\t",
]


def test_icews_events_are_analysed(make_store: MakeStore, tmp_path: Path) -> None:
    store = make_store([ev("RUSGOV", "PRKGOV", "042", "2019-05-10")])
    path = tmp_path / "events.2019.tab"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert store.import_icews(path).added == 2
    points = dyad_series(store, "RUS", "PRK", freq="year")
    assert [(p.period, p.events) for p in points] == [("2019", 3)]
    only = dyad_series(store, "RUS", "PRK", freq="year", dataset="icews")
    assert only[0].events == 2
    ledger = visit_ledger(store, "PRK")
    assert {(r.visitor, r.host, r.dataset) for r in ledger.rows} == {
        ("PRK", "RUS", "icews"),
        ("RUS", "PRK", "legation"),
    }
    assert ledger.totals[0].index == 0.0
    assert network(store).edges["RUS", "PRK"]["weight"] == 2
