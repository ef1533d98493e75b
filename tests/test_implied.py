"""Implied sources (coding.implied): agentless arrests, deaths in police firing."""

from __future__ import annotations

from legation.model import Event


def police_events(events: list[Event], prefix: str) -> list[Event]:
    return [
        e
        for e in events
        if e.source is not None and e.source.sector == "COP" and e.cameo.startswith(prefix)
    ]


def test_agentless_passive_arrest_is_by_the_story_police(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Nine traders were detained in Nagpur and Pune, officials in Maharashtra said.")
    arrests = police_events(events, "173")
    assert arrests and arrests[0].source is not None
    assert arrests[0].source.code == "INDCOP"
    assert "source:implied-police" in arrests[0].rule
    assert arrests[0].source.text == ""  # nothing in the sentence named the police


def test_no_story_country_no_implied_police(code) -> None:  # type: ignore[no-untyped-def]
    assert not police_events(code("Nine traders were detained on Friday."), "173")


def test_a_written_agent_beats_the_implied_one(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Nine traders were detained by soldiers in Nagpur and Pune in Maharashtra.")
    arrests = [e for e in events if e.cameo.startswith("173")]
    assert arrests and all(e.source and e.source.sector == "MIL" for e in arrests)


def test_police_speaking_is_not_an_arrest(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Police in Nagpur and Pune said the roads in Maharashtra were calm.")
    assert not police_events(events, "17") and not police_events(events, "19")


def test_a_demanded_arrest_is_not_made(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Traders in Nagpur and Pune demanded the arrest of the arsonists in Maharashtra.")
    assert not police_events(events, "173")


def test_killed_in_police_firing_gives_police_the_killing(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Five rioters were killed in police firing in Nagpur and Pune on Friday.")
    kills = police_events(events, "19")
    assert kills and "source:implied-in-episode" in kills[0].rule


def test_dying_subject_is_the_victim(code) -> None:  # type: ignore[no-untyped-def]
    events = code("two villagers died in police firing near nagpur and pune on friday.")
    kills = police_events(events, "19")
    assert kills
    assert all(e.source is not None and e.source.sector == "COP" for e in kills)
    assert any(e.target is not None and e.target.sector == "CVL" for e in kills)


def test_killed_when_police_fired(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Two youths were killed when police opened fire in Nagpur and Pune.")
    assert any("implied-when-clause" in e.rule for e in police_events(events, "19"))


def test_a_place_is_never_the_doer(code) -> None:  # type: ignore[no-untyped-def]
    events = code("A trader was stabbed to death in a Karachi market, witnesses in Sindh said.")
    assert not [e for e in events if e.source is not None and e.source.country == "PAK"]


def test_passive_conjunct_borrows_the_patient(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Rioters in Nagpur and Pune torched a bus in Maharashtra and were arrested.")
    arrests = [e for e in events if e.cameo.startswith("173")]
    assert arrests and all(e.source is not None and e.source.sector == "COP" for e in arrests)


def test_shot_dead_is_a_killing_trigger(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Police shot dead two dacoits near Nagpur and Pune in Maharashtra.")
    assert any(e.trigger == "shot dead" for e in police_events(events, "19"))


def test_killed_in_police_firing_parsed_apart(code) -> None:  # type: ignore[no-untyped-def]
    # the parser may hang "firing" on the verb and leave "police" alone in the "in" phrase
    events = code(
        'nagpur, maharashtra: "three men have been killed in police firing as mobs ran riot."'
    )
    assert any("implied-in-episode" in e.rule for e in police_events(events, "19"))


def test_due_to_and_because_of_police_firing(code) -> None:  # type: ignore[no-untyped-def]
    events = code("nagpur, maharashtra: a youth was killed because of police firing in the bazaar.")
    assert any("implied-in-episode" in e.rule for e in police_events(events, "19"))


def test_cause_that_is_no_violence_is_no_doer(code) -> None:  # type: ignore[no-untyped-def]
    events = code("nagpur, maharashtra: two patients died due to police negligence, families said.")
    assert not police_events(events, "19")


def test_rounds_of_firing_by_the_police(code) -> None:  # type: ignore[no-untyped-def]
    events = code("nagpur, maharashtra: six rioters were killed in ten rounds of firing by police.")
    assert police_events(events, "19")


def test_when_clause_on_a_conjunct(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "nagpur, maharashtra: two men were killed and six injured on monday when police "
        "opened fire to scatter a mob."
    )
    kills = [e for e in police_events(events, "19") if e.trigger == "killed"]
    assert kills and "implied-when-clause" in kills[0].rule


def test_the_firing_refers_to_the_firing_told_before(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "nagpur, maharashtra: police opened fire on a mob that was looting shops on monday. "
        "a boy was injured in the firing, officials said."
    )
    assert any(e.trigger == "injured" for e in police_events(events, "1"))


def test_the_firing_by_others_is_theirs(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "nagpur, maharashtra: militants opened fire on a bus near the fort on monday. "
        "a boy was injured in the firing, officials said."
    )
    assert not [e for e in police_events(events, "1") if e.trigger == "injured"]


def test_arrests_that_can_be_made_are_not_made(code) -> None:  # type: ignore[no-untyped-def]
    events = code("the collector in nagpur said preventive arrests can be made in maharashtra.")
    assert not police_events(events, "173")


def test_demanded_ban_and_arrest(code) -> None:  # type: ignore[no-untyped-def]
    events = code("the party in nagpur demanded a ban on the outfit and arrest of its chiefs.")
    assert not police_events(events, "173")


def test_agentless_tear_gas_is_by_the_police(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "nagpur, maharashtra: a mob gathered near the station on monday. "
        "tear-gas shells were lobbed to scatter the crowd."
    )
    assert any(e.trigger == "lobbed" for e in police_events(events, "175"))


def test_demanded_lathicharge_is_not_made(code) -> None:  # type: ignore[no-untyped-def]
    events = code("nagpur, maharashtra: the traders demanded a lathicharge on the rioters.")
    assert not police_events(events, "175")


def test_the_noun_a_gerund_modifies_is_its_doer(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "nagpur, maharashtra: the town remained calm following the police firing at the fair."
    )
    assert any("implied-gerund-head" in e.rule for e in police_events(events, "19"))


def test_died_due_to_police_firing(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Two farmers died due to the police firing in Nagpur and Pune on Friday.")
    kills = [e for e in police_events(events, "19") if e.trigger.lower().startswith("died")]
    assert kills and "source:implied-in-episode" in kills[0].rule


def test_died_because_of_a_blaze_has_no_police(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Two shopkeepers died because of a fire in a market in Nagpur and Pune.")
    assert not police_events(events, "19")


def test_prompted_police_open_fire(code) -> None:  # type: ignore[no-untyped-def]
    text = "Stones were hurled at Nagpur in Maharashtra, prompting the police to open fire."
    events = code(text)
    shots = [e for e in police_events(events, "1") if e.trigger == "open"]
    assert shots and "source:implied-prompted" in shots[0].rule, events


def test_agentless_warning_rounds_take_the_earlier_firer(code) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police opened fire on rioters in Nagpur in Maharashtra on Friday. "
        "Later four more rounds were fired in the air."
    )
    air = [e for e in police_events(code(text), "175") if e.sentence_index == 1]
    assert air and "source:implied-earlier-firing" in air[0].rule


def test_a_lathi_charge_noun_is_police_repression(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Several students were hurt in a lathi-charge at Nagpur in Maharashtra.")
    assert police_events(events, "175")


def test_killed_when_police_resorted_to_firing(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Two youths were killed when police resorted to firing in Nagpur and Pune.")
    kills = police_events(events, "19")
    assert kills and "source:implied-when-clause" in kills[0].rule


def test_killed_in_the_police_firing_on_the_noun(code) -> None:  # type: ignore[no-untyped-def]
    text = "Of the people killed in the police firing in Nagpur and Pune, six were students."
    kills = [e for e in police_events(code(text), "19") if e.trigger == "killed"]
    assert kills and "source:implied-in-episode" in kills[0].rule


def test_succumbed_to_the_police_firing(code) -> None:  # type: ignore[no-untyped-def]
    text = "nagpur, maharashtra: of the nine who succumbed to the police firing, four were boys."
    kills = [e for e in police_events(code(text), "19") if e.trigger == "succumbed"]
    assert kills and "source:implied-in-episode" in kills[0].rule


def test_succumbed_to_injuries_sustained_in_police_firing(code) -> None:  # type: ignore[no-untyped-def]
    text = "A weaver in Nagpur, Maharashtra succumbed to injuries sustained in police firing."
    kills = [e for e in police_events(code(text), "19") if e.trigger == "succumbed"]
    assert kills and "source:implied-in-episode" in kills[0].rule


def test_succumbing_to_police_pressure_is_no_killing(code) -> None:  # type: ignore[no-untyped-def]
    text = "Traders in Nagpur and Pune in Maharashtra succumbed to police pressure on Friday."
    assert not police_events(code(text), "19")


def test_firing_in_which_people_were_killed(code) -> None:  # type: ignore[no-untyped-def]
    text = "In Nagpur, Maharashtra police had ordered firing at mobs in which two men were killed."
    kills = [e for e in police_events(code(text), "19") if e.trigger == "killed"]
    assert kills and "source:implied-in-episode" in kills[0].rule


def test_a_mob_firing_in_which_a_constable_died_is_not_police(code) -> None:  # type: ignore[no-untyped-def]
    text = "In Nagpur, Maharashtra a mob opened fire at the police in which a constable was killed."
    kills = [e for e in code(text) if e.trigger == "killed"]
    assert kills and all(e.source is None or e.source.sector != "COP" for e in kills)


def test_gunned_down_by_the_police(code) -> None:  # type: ignore[no-untyped-def]
    text = "Two robbers were gunned down by the police in Nagpur and Pune in Maharashtra."
    assert any(e.trigger == "gunned down" for e in police_events(code(text), "19"))


def test_a_toll_including_some_in_police_firing(code) -> None:  # type: ignore[no-untyped-def]
    text = "In Nagpur, Maharashtra 40 were killed in the riots, including 12 in police firing."
    kills = [e for e in police_events(code(text), "19") if e.trigger == "killed"]
    assert kills and "source:implied-in-episode" in kills[0].rule


def test_a_toll_including_some_in_the_old_city_has_no_police(code) -> None:  # type: ignore[no-untyped-def]
    text = "In Nagpur, Maharashtra 40 were killed in the riots, including 12 in the old city."
    assert not police_events(code(text), "19")
