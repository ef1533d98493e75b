"""What the coder must show on the seed articles (../shared/corpus/seeds.jsonl).

Shared by ``tests/test_seeds.py`` and ``benchmarks/accuracy.py``. Each check is a predicate
over all events of both articles; none looks at sentence text, so the rules that pass them
are the general ones.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from legation.model import Article, Event

Check = Callable[[list[Event]], bool]


def read_seeds(path: Path) -> list[Article]:
    """The seed articles (``corpus/seeds.jsonl``: id, date, text)."""
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        date = dt.date.fromisoformat(record["date"])
        articles.append(Article(record["id"], record["text"], date))
    return articles


def _dyad(events: list[Event], src: str, tgt: str) -> list[Event]:
    return [
        e
        for e in events
        if e.source and e.target and e.source.country == src and e.target.country == tgt
    ]


def has(src: str, tgt: str, test: Callable[[Event], bool]) -> Check:
    """Some event from ``src`` to ``tgt`` (countries) passes ``test``."""
    return lambda events: any(test(e) for e in _dyad(events, src, tgt))


def occurred(e: Event) -> bool:
    return e.modality == "occurred"


def _khrushchev_trip_not_occurred(events: list[Event]) -> bool:
    soviet_visits = [e for e in events if e.source and e.source.country == "SUN" and e.root == "04"]
    in_1959 = [e for e in soviet_visits if (e.date or "").startswith("1959")]
    return bool(soviet_visits) and not any(occurred(e) for e in in_1959)


def _shipments_not_occurred(events: list[Event]) -> bool:
    shipments = [e for e in _dyad(events, "KOR", "UKR") if e.root in ("06", "07")]
    return bool(shipments) and not any(occurred(e) for e in shipments)


SEED_CHECKS: list[tuple[str, Check]] = [
    (
        "Putin's 2024 visit RUS→PRK 042 dated 2024-06",
        has(
            "RUS",
            "PRK",
            lambda e: e.cameo == "042" and (e.date or "")[:7] == "2024-06" and occurred(e),
        ),
    ),
    (
        "Russia–North Korea treaty 057",
        lambda ev: (
            has("RUS", "PRK", lambda e: e.cameo == "057")(ev)
            or has("PRK", "RUS", lambda e: e.cameo == "057")(ev)
        ),
    ),
    (
        "Putin's 2000 trip dated 2000",
        has("RUS", "PRK", lambda e: e.root == "04" and e.date == "2000"),
    ),
    (
        "Kim Il Sung's visits PRK→SUN count 12",
        has("PRK", "SUN", lambda e: e.root == "04" and e.count == 12),
    ),
    (
        "North Korean ammunition PRK→RUS root 06/07",
        has("PRK", "RUS", lambda e: e.root in ("06", "07")),
    ),
    ("Putin's invitation RUS→PRK 036", has("RUS", "PRK", lambda e: e.cameo == "036")),
    ("Kim's rejection PRK→RUS 12x", has("PRK", "RUS", lambda e: e.root == "12")),
    ("Xi rejecting Kim's request CHN→PRK 12x", has("CHN", "PRK", lambda e: e.root == "12")),
    ("Khrushchev's 1959 trip not occurred", _khrushchev_trip_not_occurred),
    ("South Korea's likely arms shipments not occurred", _shipments_not_occurred),
]


# --- what must NOT be there ------------------------------------------------------------
# ``SEED_CHECKS`` only ask that some matching event exists, so they pass while the output
# also holds events that never happened or one event several times. These ask the opposite.
# Kept apart from ``SEED_CHECKS`` (issue 13); ``tests/test_seeds.py`` marks the ones that
# fail today as xfail, with the issue that tracks them.


def _no_occurred_soviet_visit_to_north_korea(events: list[Event]) -> bool:
    """No Soviet leader ever went to North Korea: no occurred SUN→PRK 04x event."""
    return not any(e.root == "04" and occurred(e) for e in _dyad(events, "SUN", "PRK"))


def _putin_2024_trip_once(events: list[Event]) -> bool:
    """One trip in June 2024, told in several sentences, is several mentions of one event:
    the dates the text gives them must agree (mentions dated only by the article's date
    are compatible with any), so that event identity (``store.linking``, at ingest) links
    them into one; ``tests/test_seed_ledger.py`` checks the ledger then counts it once."""
    trips = [
        e
        for e in _dyad(events, "RUS", "PRK")
        if e.root == "04" and occurred(e) and (e.date or "").startswith("2024")
    ]
    return len({e.date for e in trips if e.date_source == "text"}) <= 1


def _twelve_visits_counted_once(events: list[Event]) -> bool:
    """Kim Il Sung's "twelve times" is one event with count 12, not twelve or two such."""
    visits = [e for e in _dyad(events, "PRK", "SUN") if e.root == "04" and occurred(e)]
    return sum(1 for e in visits if e.count == 12) == 1 and len(visits) < 12


def _no_future_occurred_event(events: list[Event]) -> bool:
    """Nothing that happened is dated after the newest seed article (2025-05-12)."""
    return not any(occurred(e) and (e.date or "") > "2025-05-12" for e in events)


NEGATIVE_SEED_CHECKS: list[tuple[str, Check]] = [
    ("no occurred Soviet visit SUN→PRK", _no_occurred_soviet_visit_to_north_korea),
    ("Putin's 2024 trip RUS→PRK: its text dates agree", _putin_2024_trip_once),
    ("Kim Il Sung's twelve visits are one event", _twelve_visits_counted_once),
    ("no occurred event dated after the articles", _no_future_occurred_event),
]


# --- false events and dates of the events issue (issue 11) -------------------------------
# Figurative uses, scope of "only"/"never", carried destinations and list dates. Like the
# checks above, each is a predicate over the coded events of both seed articles.


def _none(test: Callable[[Event], bool]) -> Check:
    """No event passes ``test``."""
    return lambda events: not any(test(e) for e in events)


def _src(e: Event, country: str) -> bool:
    return e.source is not None and e.source.country == country


def _tgt(e: Event, country: str) -> bool:
    return e.target is not None and e.target.country == country


def _visits_dated(src: str, tgt: str, years: set[str]) -> Check:
    """Occurred visits ``src``→``tgt`` dated with each of ``years``."""

    def check(events: list[Event]) -> bool:
        dated = {
            (e.date or "")[:4] for e in _dyad(events, src, tgt) if e.cameo == "042" and occurred(e)
        }
        return years <= dated

    return check


def _khrushchev_trip_has_host(events: list[Event]) -> bool:
    trips = [e for e in _dyad(events, "SUN", "PRK") if (e.date or "").startswith("1959")]
    return bool(trips) and not any(occurred(e) for e in trips)


def _every_event_dated(events: list[Event]) -> bool:
    """The seed articles are dated: every event has a date and says where it came from, but
    for a count of repeated occurrences the text does not date (``date:count-undated``)."""

    def dated(e: Event) -> bool:
        if e.count > 1 and "date:count-undated" in e.rule:
            return e.date is None
        return bool(e.date and e.date_source)

    return bool(events) and all(dated(e) for e in events)


EVENT_ISSUE_CHECKS: list[tuple[str, Check]] = [
    (
        "no 190 PRK→RUS from a figurative 'struck down'",
        _none(lambda e: e.root == "19" and _src(e, "PRK") and _tgt(e, "RUS")),
    ),
    (
        "no 15x mobilisation in the seed articles",
        _none(lambda e: e.root == "15" and e.cameo != "150"),
    ),
    ("no 17x coercion by Russia", _none(lambda e: e.root == "17" and _src(e, "RUS"))),
    (
        "no 02x appeal without a target from 'begs'",
        _none(lambda e: e.root == "02" and e.target is None and e.trigger.startswith("beg")),
    ),
    (
        "no 04x/03x trip from 'keep going'",
        _none(lambda e: e.root in ("03", "04") and e.trigger == "going"),
    ),
    (
        "no occurred 043 hosting by Russia",
        _none(lambda e: e.cameo == "043" and occurred(e) and _src(e, "RUS")),
    ),
    (
        "no occurred Soviet visit to North Korea",
        _none(lambda e: e.root == "04" and occurred(e) and _src(e, "SUN") and _tgt(e, "PRK")),
    ),
    (
        "Kim Jong Un's visits PRK→RUS dated 2019 and 2023",
        _visits_dated("PRK", "RUS", {"2019", "2023"}),
    ),
    (
        "Kim Jong Il's journeys keep their destination (count 3)",
        has("PRK", "SUN", lambda e: e.root == "04" and e.count == 3),
    ),
    ("Khrushchev's 1959 trip keeps its host SUN→PRK, not occurred", _khrushchev_trip_has_host),
    ("every event dated, with its date_source", _every_event_dated),
]  # fmt: skip
