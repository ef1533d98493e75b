"""The visit ledger, the asymmetry index, declined invitations and the claim check."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from analysis_fakes import ev

from legation.analysis import asymmetry_index, claim_check, visit_ledger
from legation.errors import InputError
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]

TWELVE = "Kim Il Sung went to Moscow twelve times between 1949 and 1986."
NEVER = "No Soviet leader ever travelled to Pyongyang."
PUTIN = "Putin arrived in Pyongyang on Wednesday for his first visit in 24 years."

EVENTS = [
    ev("PRKGOV", "SUNGOV", "042", "1956-06", count=12, sentence=TWELVE),
    ev("PRKGOV", "SUN", "042", "1956-06-01"),  # a dated 1956 trip: +1 visit PRK→SUN in 1956
    ev("SUNGOV", "PRKGOV", "042", None, modality="negated", sentence=NEVER),
    ev("SUNGOV", "PRKGOV", "042", "1960", modality="planned"),
    ev("RUSGOV", "PRKGOV", "042", "2024-06-19", sentence=PUTIN),
    # The same trip told from the host's side: one visit, not two.
    ev("PRKGOV", "RUSGOV", "043", "2024-06-19", sentence="Kim Jong Un hosted Putin."),
    ev("PRKGOV", "RUSGOV", "042", "2023-09-13"),  # Kim to Vostochny
    ev("PRKGOV", "RUSGOV", "042", "2019-04-25"),
    # Declined: the coder's restated refusal (rule refusal-of:042) and a plain 125.
    ev("PRKGOV", "SUNGOV", "120", "1957", rule="lexicon x go→042; refusal-of:042",
       sentence="Kim declined to go to Moscow for the anniversary."),
    ev("PRKGOV", "CHN", "125", "1958-03", sentence="Pyongyang turned down Beijing's invitation."),
    ev("SUNGOV", "PRKGOV", "036", "1957", sentence="Khrushchev invited Kim to Moscow."),
    ev("USAGOV", "CHNGOV", "042", "1972-02-21"),  # not PRK's
    ev("PRKGOV", "VNMGOV", "044", "2019-02-27", location="VNM"),  # third location
    ev("PRKGOV", "RUSGOV", "111", "2024-07-01"),  # not a visit at all
    ev("PRKGOV", None, "042", "2018-03-25"),  # no host, no location: not in the ledger
]  # fmt: skip


@pytest.fixture
def store(make_store: MakeStore) -> Store:
    return make_store(EVENTS)


def test_ledger_rows_and_counts(store: Store) -> None:
    ledger = visit_ledger(store, "PRK")
    pairs = [(r.visitor, r.host, r.date, r.count, r.kind) for r in ledger.rows]
    assert ("PRK", "SUN", "1956-06", 12, "visit") in pairs
    assert ("RUS", "PRK", "2024-06-19", 1, "visit") in pairs
    # the 043 is the same trip told by the host: linked at ingest, one visit, two mentions
    [trip] = [r for r in ledger.rows if (r.visitor, r.host, r.date) == ("RUS", "PRK", "2024-06-19")]
    assert trip.kind == "visit" and trip.mentions == 2 and trip.articles == 2
    assert not any(r.visitor == "USA" for r in ledger.rows)
    assert all(r.modality == "occurred" and r.host and r.visitor for r in ledger.rows)
    twelve = next(r for r in ledger.rows if r.count == 12)
    assert twelve.sentence == TWELVE and twelve.doc_id and twelve.event_id
    [meeting] = [r for r in ledger.rows if r.kind == "third-location"]
    assert (meeting.visitor, meeting.host) == ("PRK", "VNM")
    assert [r.date for r in ledger.rows] == sorted(r.date or "" for r in ledger.rows)
    everyone = visit_ledger(store)
    assert any(r.visitor == "USA" for r in everyone.rows)


def test_not_occurred_declined_invitations(store: Store) -> None:
    ledger = visit_ledger(store, "PRK")
    assert sorted(r.modality for r in ledger.not_occurred) == ["negated", "planned"]
    assert {r.sentence for r in ledger.not_occurred} >= {NEVER}
    declined = {(r.visitor, r.host, r.cameo) for r in ledger.declined}
    assert declined == {("PRK", "SUN", "120"), ("PRK", "CHN", "125")}
    [invitation] = ledger.invitations
    assert (invitation.visitor, invitation.host, invitation.kind) == ("PRK", "SUN", "invitation")


def test_asymmetry_index(store: Store) -> None:
    ledger = visit_ledger(store, "PRK")
    by = {(x.b, x.period): x for x in ledger.asymmetry}
    soviet = by[("SUN", "1956")]
    assert (soviet.a, soviet.a_to_b, soviet.b_to_a, soviet.index) == ("PRK", 13, 0, 1.0)
    russia = by[("RUS", "2024")]
    assert (russia.a_to_b, russia.b_to_a, russia.index) == (0, 1, -1.0)  # 042+043 = one visit
    total = next(x for x in ledger.totals if x.b == "RUS")
    assert (total.period, total.a_to_b, total.b_to_a) == ("all", 2, 1)
    assert total.index == pytest.approx(1 / 3)
    assert not any(x.b == "VNM" for x in ledger.totals)  # third-location meetings don't count
    # Seen from the other side the sign flips.
    flipped = next(x for x in visit_ledger(store, "RUS").totals if x.b == "PRK")
    assert (flipped.a, flipped.index) == ("RUS", pytest.approx(-1 / 3))


def test_asymmetry_index_values() -> None:
    assert asymmetry_index(12, 0) == 1.0
    assert asymmetry_index(0, 3) == -1.0
    assert asymmetry_index(3, 1) == 0.5
    assert asymmetry_index(0, 0) == 0.0


def test_ledger_period_filter(store: Store) -> None:
    ledger = visit_ledger(store, "PRK", since="2019", until="2023-12")
    assert {r.date for r in ledger.rows} == {"2019-04-25", "2019-02-27", "2023-09-13"}
    monthly = visit_ledger(store, "PRK", freq="month").asymmetry
    assert [(x.b, x.period, x.a_to_b) for x in monthly if x.b == "SUN"] == [("SUN", "1956-06", 13)]


def test_claim_check_soviet_never_came(store: Store) -> None:
    soviet = claim_check(store, "SUN", "PRK")
    assert soviet.answer is False and soviet.visits == []
    assert [r.sentence for r in soviet.not_occurred if r.modality == "negated"] == [NEVER]


def test_claim_check_russian_or_soviet(store: Store) -> None:
    answer = claim_check(store, ["RUS", "SUN"], "PRK")
    assert answer.answer is True
    assert answer.dates == ["2024-06-19"]
    assert PUTIN in {v.sentence for v in answer.visits}
    assert len(answer.not_occurred) == 2  # the trip that never happened, and a planned one
    assert claim_check(store, "RUS,SUN", "PRK").visits == answer.visits
    assert claim_check(store, "RUSMIL", "PRK").answer is False  # actor codes narrow it
    assert claim_check(store, "RUSGOV", "PRK").answer is True
    data = answer.to_dict()
    assert data["answer"] is True and data["visits"][0]["host"] == "PRK"
    with pytest.raises(InputError, match="visitor"):
        claim_check(store, [], "PRK")
