"""``legation actors resolve`` and ``legation.actors.phrase``: a phrase resolved as the
coder reads it inside a sentence, with the route in ``why``; no actor is not an error;
an empty or over-long phrase is one error line (exit 2)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from tests.test_cli_code import run

from legation.actors.phrase import MAX_PHRASE_CHARS, check_phrase, resolve_phrase
from legation.errors import InputError

KEYS = {"text", "code", "country", "sector", "name", "kind", "why"}


def resolve_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run(["actors", "resolve", *argv, "--format", "json"], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1  # one JSON object
    record: dict[str, Any] = json.loads(lines[0])
    assert set(record) >= KEYS
    return record


# --- the function ---------------------------------------------------------------------------


def test_country_adjective_and_agent_noun() -> None:
    found = resolve_phrase("Syrian rebels")
    assert (found.code, found.country, found.sector) == ("SYRREB", "SYR", "REB")
    assert found.kind == "country+agent" and found.via == "head"
    assert found.why is not None
    assert "'rebels'" in found.why and "'Syrian'" in found.why and "adjective" in found.why


def test_possessive_and_of_phrase_routes() -> None:
    owned = resolve_phrase("Norway's foreign minister")
    assert owned.code == "NORGOV"
    assert owned.why is not None and "possessive" in owned.why
    of = resolve_phrase("the army of Peru")
    assert of.code == "PERMIL"
    assert of.why is not None and "'of' phrase" in of.why


def test_titled_known_person_takes_the_entry() -> None:
    found = resolve_phrase("President Kassym-Jomart Tokayev")
    assert (found.code, found.kind, found.name) == ("KAZGOV", "person", "Kassym-Jomart Tokayev")
    assert found.why is not None and "'President'" in found.why


def test_case_sensitive_country_form() -> None:
    found = resolve_phrase("US")
    assert found.code == "USA"
    assert found.why is not None and "case-sensitive" in found.why


def test_actor_in_a_prepositional_phrase_of_a_non_actor_head() -> None:
    found = resolve_phrase("targets in Syria")
    assert found.code == "SYR" and found.via == "preposition"
    assert found.why is not None and "'targets'" in found.why and "'in'" in found.why


def test_owner_of_a_non_actor_noun() -> None:
    found = resolve_phrase("Belgian positions")
    assert found.code == "BEL" and found.via == "owner"


def test_coordination_lists_the_other_conjuncts() -> None:
    found = resolve_phrase("Peru and Chile")
    assert found.code == "PER"
    assert [o["code"] for o in found.others] == ["CHL"]


def test_bare_agent_word_has_no_country() -> None:
    found = resolve_phrase("protesters")
    assert found.code is not None and found.country is None and found.kind == "agent"


def test_no_actor_is_all_none() -> None:
    found = resolve_phrase("the weather next week")
    assert not found.found
    record = found.to_dict()
    assert all(record[key] is None for key in KEYS - {"text"})
    assert record["text"] == "the weather next week"


def test_bare_verb_is_no_actor_after_the_carrier_sentence() -> None:
    assert not resolve_phrase("fired").found  # parsed alone, then in "fired said."


def test_date_picks_the_role_in_force() -> None:
    early = resolve_phrase("Putin", dt.date(1999, 1, 1))
    later = resolve_phrase("Putin", dt.date(2015, 6, 1))
    assert early.code == "RUSSPY" and later.code == "RUSGOV"
    assert early.why is not None and "1999-01-01" in early.why


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_phrase_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="empty phrase"):
        check_phrase(text)


def test_over_long_phrase_is_an_input_error() -> None:
    with pytest.raises(InputError, match=f"at most {MAX_PHRASE_CHARS}"):
        resolve_phrase("word " * 200)


# --- the command ----------------------------------------------------------------------------


def test_cli_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["actors", "resolve", "Syrian rebels"], capsys)
    assert code == 0, err
    assert "SYRREB" in out and "country+agent" in out and "why" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    record = resolve_json(["Syrian rebels"], capsys)
    assert (record["code"], record["country"], record["sector"]) == ("SYRREB", "SYR", "REB")
    assert record["name"] == "Syria" and record["text"] == "Syrian rebels"
    assert record["why"]


def test_cli_no_actor_prints_nulls_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    record = resolve_json(["the weather next week"], capsys)
    assert all(record[key] is None for key in KEYS - {"text"})
    code, out, _ = run(["actors", "resolve", "the weather next week"], capsys)
    assert code == 0 and "no actor" in out


def test_cli_date_changes_a_leaders_role(capsys: pytest.CaptureFixture[str]) -> None:
    assert resolve_json(["Putin", "--date", "1999-01-01"], capsys)["code"] == "RUSSPY"
    assert resolve_json(["Putin", "--date", "2015-06-01"], capsys)["code"] == "RUSGOV"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["  "], "legation: error: TEXT: empty phrase"),
        (["x" * (MAX_PHRASE_CHARS + 1)], f"at most {MAX_PHRASE_CHARS}"),
        (["Putin", "--date", "June"], "legation: error: --date: invalid date"),
    ],
)
def test_cli_bad_input_is_one_error_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["actors", "resolve", *argv], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "Traceback" not in err


def test_cli_actor_file_adds_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "parties.tsv"
    tsv.write_text("code\tname\tpatterns\nZZZOPP\tZorbian People's Front\tzpf|the zpf\n")
    assert resolve_json(["the ZPF"], capsys)["code"] is None
    record = resolve_json(["the ZPF", "--actors", str(tsv)], capsys)
    assert record["code"] == "ZZZOPP" and record["name"] == "Zorbian People's Front"
    assert str(tsv) in record["why"]


def test_lookup_keeps_exact_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["actors", "lookup", "Syrian rebels"], capsys)
    assert code == 1 and "no actor or agent named 'Syrian rebels'" in out


def test_reuses_a_coders_parts(coder: Any) -> None:
    from legation.actors.phrase import PhraseResolver

    phrases = PhraseResolver.from_parts(coder.nlp, coder.resolver)
    assert resolve_phrase("the Kremlin", resolver=phrases).code == "RUSGOV"
