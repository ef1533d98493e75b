"""The report's summary agrees with its own tables, and its period names real dates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from analysis_fakes import ev

from legation.analysis import build_report
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]


def _visit_table(page: str) -> list[list[str]]:
    section = page.split("<h3>Visits (one row per trip)</h3>", 1)[1].split("<h3>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", section)
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows if "<td>" in row]


def test_summary_counts_what_the_visit_table_lists(make_store: MakeStore) -> None:
    store = make_store(
        [
            # one trip reported twice (a 042 and its 043), and by two articles
            ev("RUSGOV", "PRKGOV", "042", "2024-06-19", sentence="The president flew in."),
            ev("PRKGOV", "RUSGOV", "043", "2024-06-19", sentence="Pyongyang welcomed him."),
            ev("RUSGOV", "PRKGOV", "042", "2024-06-19", sentence="He landed at night."),
            ev("RUSGOV", "PRKGOV", "042", "2000-07-19", sentence="An earlier trip."),
            ev("PRKGOV", "RUSGOV", "042", "2023-09-13", sentence="The leader went north."),
            ev("RUSGOV", "PRKGOV", "044", "2019-04-25", location="CHN", sentence="Met abroad."),
        ]
    )
    page = build_report(store, "RUS", "PRK")
    table = _visit_table(page)
    forward = sum(int(row[4]) for row in table if row[1] == "RUS")
    backward = sum(int(row[4]) for row in table if row[1] == "PRK")
    assert (forward, backward) == (2, 1)
    assert f"{forward} RUS→PRK, {backward} PRK→RUS" in page


def test_period_names_the_first_and_last_event(make_store: MakeStore) -> None:
    store = make_store(
        [
            ev("RUSGOV", "PRKGOV", "042", "2001-08-04"),
            ev("PRKGOV", "RUSGOV", "057", "2019-04-25"),
            ev("USAGOV", "CHNGOV", "042", "1972-02-21"),
        ]
    )
    page = build_report(store, "RUS", "PRK")
    assert "first event" not in page and "last event" not in page
    assert "2001-08-04 – 2019-04-25" in page
    narrowed = build_report(store, "RUS", "PRK", since="2010")
    assert "2010 – 2019-04-25" in narrowed
