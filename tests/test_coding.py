"""End-to-end coding behaviour on short sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from legation.model import Event

Code = Callable[..., list[Event]]


def find(events: list[Event], src: str | None, tgt: str | None, root: str) -> list[Event]:
    """Events whose source/target country (or code) and CAMEO root match."""

    def ok(actor: object, want: str | None) -> bool:
        if want is None:
            return True
        return actor is not None and want in (actor.country, actor.code)  # type: ignore[attr-defined]

    return [
        e for e in events if ok(e.source, src) and ok(e.target, tgt) and e.cameo.startswith(root)
    ]


def test_visit_with_title_and_capital(code: Code) -> None:
    events = code("Russian President Vladimir Putin visited Pyongyang on Wednesday.")
    (visit,) = find(events, "RUS", "PRK", "042")
    assert visit.source and visit.source.code == "RUSGOV" and visit.source.name == "Vladimir Putin"
    assert visit.modality == "occurred" and visit.date == "2024-06-19"
    assert "Putin visited Pyongyang" in visit.sentence and visit.trigger == "visited"


def test_hyphenated_korean_name_resolves(code: Code) -> None:
    events = code("South Korean President Yoon Suk-yeol visited Washington in April 2023.")
    (visit,) = find(events, "KOR", "USA", "042")
    assert visit.source and visit.source.code == "KORGOV"
    assert visit.date == "2023-04" and visit.date_precision == "month"


def test_possessive_event_noun_with_preposition(code: Code) -> None:
    events = code("Xi Jinping's visit to Moscow in March 2023 lasted three days.")
    (visit,) = find(events, "CHN", "RUS", "042")
    assert visit.date == "2023-03"


def test_passive_agent_is_the_source(code: Code) -> None:
    events = code("The 1961 treaty with North Korea was signed by Khrushchev.")
    assert find(events, "SUN", "PRK", "057")


def test_coordinated_subjects_sign_with_each_other(code: Code) -> None:
    events = code("Russia and North Korea signed a mutual defence treaty.")
    assert find(events, "RUS", "PRK", "057") and find(events, "PRK", "RUS", "057")


def test_time_aware_leader_resolution(code: Code) -> None:
    events = code("Kim Il Sung travelled to Moscow in 1956.", date="2024-06-25")
    hits = find(events, "PRK", "RUS", "04")
    assert hits and hits[0].source and hits[0].source.code == "PRKGOV"


def test_count_is_read(code: Code) -> None:
    events = code("Kim Il Sung travelled to the Soviet Union twelve times over four decades.")
    (visit,) = find(events, "PRK", "SUN", "042")
    assert visit.count == 12


def test_two_years_make_two_events(code: Code) -> None:
    events = code("Kim Jong Un visited Russia in 2019 and 2023.")
    assert sorted(e.date or "" for e in find(events, "PRK", "RUS", "042")) == ["2019", "2023"]


def test_planned_trip_that_never_happened_is_not_a_visit(code: Code) -> None:
    events = code("Khrushchev planned a trip to Pyongyang in 1959, but it never happened.")
    visits = find(events, "SUN", None, "042")
    assert visits and all(e.modality != "occurred" for e in visits)


def test_negation(code: Code) -> None:
    found = find(code("Japan did not attend the summit in Seoul."), "JPN", None, "04")
    assert found, "the negated consultation is still coded"
    assert all(e.modality == "negated" for e in found)


def test_plans_and_predictions(code: Code) -> None:
    planned = find(code("Modi plans to visit Moscow next month."), "IND", "RUS", "04")
    assert planned and planned[0].modality == "planned"
    likely = find(code("Germany will likely send tanks to Ukraine."), "DEU", "UKR", "")
    assert likely and likely[0].modality == "hypothetical"


def test_attribution(code: Code) -> None:
    events = code("Multiple reports suggest Iran is supplying Russia with drones.")
    hits = find(events, "IRN", "RUS", "07") + find(events, "IRN", "RUS", "06")
    assert hits and hits[0].attribution == "Multiple reports"


def test_pronoun_resolution_across_sentences(code: Code) -> None:
    events = code("Vladimir Putin arrived in Hanoi on Thursday. He met Vietnam's president.")
    assert find(events, "RUS", "VNM", "04")


def test_arms_shipment_noun_with_target(code: Code) -> None:
    events = code("Poland began arms shipments to Ukraine in 2022.")
    hits = find(events, "POL", "UKR", "0")
    assert hits and hits[0].root in ("06", "07") and hits[0].date == "2022"


def test_igo_actor(code: Code) -> None:
    events = code("NATO condemned Russia's attack on Ukraine.")
    assert find(events, "IGONAT", "RUS", "11") or find(events, "NATO", "RUS", "11")


def test_event_record_is_complete(code: Code) -> None:
    (event, *_) = code("China criticised Japan over its defence budget.")
    record = event.to_dict()
    assert record["quad_class"] == 3 and record["goldstein"] < 0
    assert record["rule"].startswith("lexicon ") and record["event_id"]


def test_refusal_of_cooperation_is_a_rejection(code: Code) -> None:
    events = code("Britain will not lift the ban on Iranian oil imports.")
    lift = [e for e in events if e.root == "08"]
    assert lift and all(e.modality == "negated" for e in lift)
    refusals = find(events, "GBR", None, "124")
    assert refusals and refusals[0].modality == "occurred" and "refusal-of" in refusals[0].rule


def test_past_negation_is_not_a_refusal(code: Code) -> None:
    events = code("Japan did not send aid to Myanmar.")
    assert not [e for e in events if e.root == "12"]
    aid = find(events, "JPN", "MMR", "07")
    assert aid, "the negated aid is still coded"
    assert all(e.modality == "negated" for e in aid)


def test_promised_cooperation_is_an_intent(code: Code) -> None:
    events = code("Pakistan agreed to withdraw its troops from the border with India.")
    intents = find(events, "PAK", None, "035")
    assert intents and intents[0].modality == "occurred" and "intent-of" in intents[0].rule
    assert all(e.modality != "occurred" for e in find(events, "PAK", None, "08"))


def test_definite_noun_refers_back_to_earlier_request(code: Code) -> None:
    text = "Kim Jong-un made a request to China. Xi Jinping rejected the request."
    assert find(code(text), "CHN", "PRK", "12")


def test_place_is_not_a_target(code: Code) -> None:
    events = code("Israel and Bahrain signed the agreement at the White House.")
    assert find(events, "ISR", "BHR", "05") or find(events, "ISR", "BHR", "03")
    assert not [e for e in events if e.target and e.target.country == "USA"]


def test_dates_stay_in_their_clause(code: Code) -> None:
    events = code(
        "Putin arrived in Pyongyang on June 19; he last travelled there in July 2000, "
        "when he met Kim Jong Il.",
        date="2024-06-20",
    )
    arrived = [e for e in events if e.trigger == "arrived"]
    met = [e for e in events if e.trigger == "met"]
    assert arrived and arrived[0].date == "2024-06-19"
    assert met and met[0].date == "2000-07"


def test_date_of_another_noun_is_not_the_event_date(code: Code) -> None:
    events = code("Iran and the European Union resumed talks on the 2015 nuclear deal.")
    talks = find(events, "IRN", None, "04")
    assert talks and all(e.date != "2015" for e in talks)


def test_month_names_are_not_verbs(code: Code) -> None:
    events = code("In late March, Russia freed two Ukrainian prisoners.")
    assert not [e for e in events if e.root == "14"]
    assert find(events, "RUS", "UKR", "084")
