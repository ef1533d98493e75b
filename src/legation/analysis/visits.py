"""The visit ledger: who visited whom, when and how often; declined invitations; and
the asymmetry of visits per dyad — the seed articles' "who pays respect to whom".

CAMEO codes read: 042 make a visit (visitor = source), 043 host a visit (host = source,
visitor = target), 044 meet at a third location (source meets target where the
location says), 036 intent to meet (an invitation: inviter = host; an announced trip,
``intent-of:04``, visitor = source), 125 reject a proposal to meet and any 12x the
coder restated from a refused visit (rule ``refusal-of:04``): declined.
Only ``occurred`` visits count; planned, negated and hypothetical ones are listed in
``not_occurred``. A row is one real-world event (the store links every report of a trip
to one event, ``store.linking``), with its mentions, articles and sources beside it and
the visiting person where the text names one. Counts use the event's ``count``
("twelve times" = 12), or its reports with ``weight="mentions"``. A visit needs a
visitor and a host (the target, else the location's country) to enter the ledger.
``country`` may group predecessor states (``"RUS,SUN"``): they count as one side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa

from legation.analysis.common import (
    WEIGHTS,
    actor_values,
    filters,
    group_label,
    label,
    matches_any,
    period_of,
)
from legation.errors import InputError
from legation.store import Store
from legation.store.identity import person_of
from legation.store.schema import events

VISIT_CODES = ("042", "043", "044")
DECLINE_CODE = "125"
INVITE_CODE = "036"
REFUSAL_OF_VISIT = "refusal-of:04"
INTENT_OF_VISIT = "intent-of:04"


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One reported visit (or invitation, or refusal), with its source sentence."""

    visitor: str | None  # country (or actor code) that travels
    host: str | None  # country (or actor code) visited; for 044 the meeting's location
    date: str | None
    count: int
    modality: str
    sentence: str
    doc_id: str
    event_id: str
    kind: str = "visit"  # visit | hosted | third-location | declined | invitation | intent
    cameo: str = "042"
    visitor_code: str | None = None
    host_code: str | None = None
    date_start: str | None = None
    dataset: str = "legation"
    visitor_name: str | None = None  # the person who travelled, where the text names one
    host_name: str | None = None
    mentions: int = 1  # sentences that reported this event, over all articles
    articles: int = 1
    sources: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def weight(self, weight: str = "events") -> int:
        """What this row counts for: its occurrences, or how often it was reported."""
        if weight == "events":
            return self.count
        return {"mentions": self.mentions, "articles": self.articles}.get(weight, self.sources)


@dataclass(frozen=True, slots=True)
class Asymmetry:
    """Visits ``a``→``b`` against ``b``→``a`` in a period: index in −1..1, >0 when ``a``
    visits ``b`` more than it is visited (``a`` pays the respect)."""

    a: str
    b: str
    period: str  # "1956", or "all" for every dated and undated visit
    a_to_b: int
    b_to_a: int
    index: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class VisitLedger:
    rows: list[VisitRow]  # occurred visits (042, 043, 044), oldest first
    declined: list[VisitRow] = field(default_factory=list)
    invitations: list[VisitRow] = field(default_factory=list)
    not_occurred: list[VisitRow] = field(default_factory=list)  # planned/negated/hypothetical
    asymmetry: list[Asymmetry] = field(default_factory=list)  # per dyad and period
    totals: list[Asymmetry] = field(default_factory=list)  # per dyad, period "all"

    def to_dict(self) -> dict[str, Any]:
        return {
            name: [item.to_dict() for item in getattr(self, name)]
            for name in ("rows", "declined", "invitations", "not_occurred", "asymmetry", "totals")
        }


def asymmetry_index(a_to_b: int, b_to_a: int) -> float:
    """(A→B − B→A) / (A→B + B→A); 0 when there are no visits."""
    total = a_to_b + b_to_a
    return round((a_to_b - b_to_a) / total, 6) if total else 0.0


def _ledger_query(
    store: Store,
    country: list[str] | None,
    since: str | None,
    until: str | None,
    codes: Sequence[str],
) -> sa.Select[Any]:
    kinds = sa.or_(
        events.c.cameo.in_([*codes, DECLINE_CODE, INVITE_CODE]),
        sa.and_(events.c.root == "12", events.c.rule.contains(REFUSAL_OF_VISIT, autoescape=True)),
    )
    where = [kinds, *filters(store, since=since, until=until)]
    if country is not None:
        where.append(
            sa.or_(
                matches_any("source", country),
                matches_any("target", country),
                events.c.location_country.in_(country),
            )
        )
    return (
        sa.select(
            label("source").label("src"),
            label("target").label("tgt"),
            events.c.source_code,
            events.c.target_code,
            events.c.source_country,
            events.c.target_country,
            events.c.source_sector,
            events.c.target_sector,
            events.c.source_name,
            events.c.target_name,
            events.c.num_mentions,
            events.c.num_articles,
            events.c.num_sources,
            events.c.location_country,
            events.c.cameo,
            events.c.root,
            events.c.rule,
            events.c.modality,
            events.c.date,
            events.c.date_start,
            events.c["count"],
            events.c.sentence,
            events.c.doc_id,
            events.c.event_id,
            events.c.dataset,
        )
        .where(*where)
        .order_by(events.c.date_start.is_(None), events.c.date_start, events.c.event_id)
    )


def _kind(row: Mapping[Any, Any]) -> str:
    cameo, rule = row["cameo"], row["rule"] or ""
    if cameo == DECLINE_CODE or REFUSAL_OF_VISIT in rule:
        return "declined"
    if cameo == INVITE_CODE:
        return "intent" if INTENT_OF_VISIT in rule else "invitation"
    return {"042": "visit", "043": "hosted", "044": "third-location"}[cameo]


def to_visit_row(row: Mapping[Any, Any]) -> VisitRow:
    """A ledger query row → ``VisitRow`` with visitor and host in their places."""
    kind = _kind(row)
    source = (row["src"], row["source_code"], _person(row, "source"))
    target = (row["tgt"], row["target_code"], _person(row, "target"))
    rule = row["rule"] or ""
    swapped = kind in ("hosted", "invitation") or (
        kind == "declined" and f"{REFUSAL_OF_VISIT}3" in rule
    )
    visitor, host = (target, source) if swapped else (source, target)
    if kind == "third-location" or (kind == "visit" and host[0] is None):
        host = (row["location_country"], None, None)
    return VisitRow(
        visitor=visitor[0],
        host=host[0],
        date=row["date"],
        count=int(row["count"] or 1),
        modality=row["modality"],
        sentence=row["sentence"],
        doc_id=row["doc_id"],
        event_id=row["event_id"],
        kind=kind,
        cameo=row["cameo"],
        visitor_code=visitor[1],
        host_code=host[1],
        date_start=row["date_start"],
        dataset=row["dataset"],
        visitor_name=visitor[2],
        host_name=host[2],
        mentions=int(row["num_mentions"] or 1),
        articles=int(row["num_articles"] or 1),
        sources=int(row["num_sources"] or 1),
    )


def _person(row: Mapping[Any, Any], role: str) -> str | None:
    return person_of(row[f"{role}_country"], row[f"{role}_sector"], row[f"{role}_name"])


def _who_and_where(row: VisitRow) -> bool:
    """A ledger row needs a visitor and a host, and they must differ (a trip at home,
    or one the text gives no destination for, says nothing about who visits whom)."""
    return bool(row.visitor and row.host and row.visitor != row.host)


def visit_ledger(
    store: Store,
    country: str | Sequence[str] | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    freq: str = "year",
    weight: str = "events",
) -> VisitLedger:
    """Visits, declined invitations and invitations involving ``country`` (any country
    when ``None``; ``"RUS,SUN"`` groups predecessor states into one side), with an
    asymmetry index per dyad and ``freq`` period; ``weight`` is what a visit counts for."""
    if weight not in WEIGHTS:
        raise InputError("--weight", f"{weight!r} is not one of {', '.join(WEIGHTS)}")
    wanted = actor_values(country, "country") if country else None
    query = _ledger_query(store, wanted, since, until, VISIT_CODES)
    with store.engine.connect() as conn:
        found = [to_visit_row(r) for r in conn.execute(query).mappings()]
    visits = [r for r in found if r.kind in ("visit", "hosted", "third-location")]
    rows = [r for r in visits if r.modality == "occurred" and _who_and_where(r)]
    ledger = VisitLedger(
        rows=rows,
        declined=[r for r in found if r.kind == "declined" and r.modality == "occurred"],
        invitations=[r for r in found if r.kind in ("invitation", "intent")],
        not_occurred=[r for r in visits if r.modality != "occurred"],
    )
    group = [w[:3] for w in wanted] if wanted else None
    asym, totals = asymmetries(rows, group, freq, weight)
    ledger.asymmetry.extend(asym)
    ledger.totals.extend(totals)
    return ledger


def distinct_visits(rows: Iterable[VisitRow]) -> list[VisitRow]:
    """Imported datasets (GDELT, ICEWS: a row per report) get one visit per (visitor,
    host, date), with the largest stated count. legation's own events are already one
    row per real-world event (linked at ingest), and undated reports are all kept."""
    best: dict[tuple[str | None, str | None, str], VisitRow] = {}
    undated: list[VisitRow] = []
    for row in rows:
        if row.date is None or row.dataset == "legation":
            undated.append(row)
            continue
        key = (row.visitor, row.host, row.date)
        if key not in best or row.count > best[key].count:
            best[key] = row
    return [*best.values(), *undated]


def asymmetries(
    rows: Iterable[VisitRow],
    country: str | Sequence[str] | None,
    freq: str = "year",
    weight: str = "events",
) -> tuple[list[Asymmetry], list[Asymmetry]]:
    """Per dyad and period, and per dyad overall. ``a`` is ``country`` (a group of
    predecessor states counts as one side, named ``RUS,SUN``) when it is one of the
    pair, else the alphabetically first; third-location meetings do not count."""
    group = [country] if isinstance(country, str) else list(country or [])
    name = group_label(group) if group else None

    def unit(value: str) -> str:
        return name if name is not None and value in group else value

    per_period: dict[tuple[str, str, str], list[int]] = {}
    overall: dict[tuple[str, str], list[int]] = {}
    for row in distinct_visits(r for r in rows if r.kind != "third-location"):
        if not row.visitor or not row.host:
            continue
        visitor, host = unit(row.visitor), unit(row.host)
        if visitor == host:
            continue
        a, b = _orient(visitor, host, name)
        slot = 0 if visitor == a else 1
        amount = row.weight(weight)
        overall.setdefault((a, b), [0, 0])[slot] += amount
        if row.date_start:
            period = period_of(row.date_start, freq)
            per_period.setdefault((a, b, period), [0, 0])[slot] += amount
    asym = [
        Asymmetry(a, b, p, n[0], n[1], asymmetry_index(n[0], n[1]))
        for (a, b, p), n in sorted(per_period.items())
    ]
    totals = [
        Asymmetry(a, b, "all", n[0], n[1], asymmetry_index(n[0], n[1]))
        for (a, b), n in sorted(overall.items())
    ]
    return asym, totals


def _orient(x: str, y: str, country: str | None) -> tuple[str, str]:
    if country is not None and y == country:
        return y, x
    if country is not None and x == country:
        return x, y
    return (x, y) if x <= y else (y, x)


@dataclass(frozen=True, slots=True)
class ClaimAnswer:
    """Did any of the visitors visit the host? ``visits`` are the occurred ones (with
    sentences); ``not_occurred`` the planned, negated or hypothetical mentions."""

    answer: bool
    visits: list[VisitRow]
    not_occurred: list[VisitRow] = field(default_factory=list)
    declined: list[VisitRow] = field(default_factory=list)

    @property
    def dates(self) -> list[str]:
        return sorted({v.date for v in self.visits if v.date})

    @property
    def count(self) -> int:
        """How many visits the text reports: occurrences, not sentences ("twelve
        times" is 12; one trip in three articles is 1)."""
        return sum(v.count for v in self.visits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "count": self.count,
            "dates": self.dates,
            "visits": [v.to_dict() for v in self.visits],
            "not_occurred": [v.to_dict() for v in self.not_occurred],
            "declined": [v.to_dict() for v in self.declined],
        }


def _is(value: str | None, code: str | None, wanted: Sequence[str]) -> bool:
    return any((code == w) if len(w) > 3 else (value == w) for w in wanted)


def claim_check(
    store: Store,
    visitor: str | Sequence[str],
    host: str | Sequence[str],
    *,
    since: str | None = None,
    until: str | None = None,
) -> ClaimAnswer:
    """Answer "has any Russian or Soviet leader visited North Korea, and when?":
    ``claim_check(store, ["RUS", "SUN"], "PRK")``. Actor codes (``RUSGOV``) narrow the
    visitor to a sector."""
    visitors = actor_values(visitor, "visitor")
    hosts = actor_values(host, "host")  # a list too: PRK,KOR
    ledger = visit_ledger(store, hosts, since=since, until=until)

    def relevant(row: VisitRow) -> bool:
        return _is(row.visitor, row.visitor_code, visitors) and _is(row.host, row.host_code, hosts)

    visits = [r for r in ledger.rows if relevant(r) and r.kind != "third-location"]
    return ClaimAnswer(
        answer=bool(visits),
        visits=visits,
        not_occurred=[r for r in ledger.not_occurred if relevant(r)],
        declined=[r for r in ledger.declined if relevant(r)],
    )
