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
