"""Importing PETRARCH/TABARI dictionaries: each syntax on small hand-written files, then the
real Phoenix and PETRARCH files from ../shared (skipped when that folder is absent)."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

from legation.actors.entries import ActorEntry, AgentEntry
from legation.actors.petrarch import (
    DictionaryWarning,
    parse_actor_dictionary,
    parse_agent_dictionary,
    read_actor_dictionary,
    read_agent_dictionary,
)
from legation.errors import DataFileError

SHARED = Path(__file__).resolve().parents[1] / "../shared/data"
PHOENIX = SHARED / "phoenix"
PETRARCH = SHARED / "petrarch"
D = dt.date


def write(tmp_path: Path, text: str, name: str = "test.actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_name(entries: list[ActorEntry]) -> dict[str, ActorEntry]:
    return {e.name: e for e in entries}


def sectors(entries: list[AgentEntry]) -> dict[str, str]:
    return {p: e.sector for e in entries for p in e.patterns}


# ------------------------------------------------------------------ actors: fixtures

ACTORS = """\
# a comment line
<!-- a markup block
   NOT_AN_ENTRY [XXX]
-->
NORTH_KOREA_  [PRK] # trailing comment
+PYONGYANG
+THE_HERMIT_KINGDOM_

KIM_JONG_UN_  # CountryInfo.txt
+KIM_JONG-UN
	[PRKELI]
	[PRKGOV >111217]
ALAN_GARCIA_
	[PERGOV 850728-900728]
	[PERGOV 20060728-20110728]
ZAHIR_
	[AFGGOV <011222]
UNITED_NATIONS [IGOUNO]
HAMAS WING [pseHMS]
ENT
	[ENT]
"""


def test_single_line_and_synonym_entries(tmp_path: Path) -> None:
    entries = by_name(read_actor_dictionary(write(tmp_path, ACTORS)))
    korea = entries["North Korea"]
    assert korea.patterns == ("north korea", "pyongyang", "the hermit kingdom")
    assert korea.kind == "country"
    assert [r.code for r in korea.roles] == ["PRK"]
    assert korea.origin == "test.actors.txt"
    assert entries["United Nations"].kind == "igo"
    assert entries["Hamas Wing"].patterns == ("hamas wing",)
    assert entries["Hamas Wing"].roles[0].code == "PSEHMS"  # codes upper-cased
    assert entries["Hamas Wing"].kind == "group"
    assert entries["Ent"].roles[0].code == "ENT"
    assert "Not_an_entry" not in entries and all("xxx" not in e.name for e in entries.values())


def test_name_patterns_drop_underscores(tmp_path: Path) -> None:
    kim = by_name(read_actor_dictionary(write(tmp_path, ACTORS)))["Kim Jong Un"]
    assert kim.patterns == ("kim jong un", "kim jong-un")
    assert kim.kind == "person"


def test_date_ranges(tmp_path: Path) -> None:
    entries = by_name(read_actor_dictionary(write(tmp_path, ACTORS)))
    kim = entries["Kim Jong Un"]
    # the undated role comes first, so a dated role covering the date wins
    assert [(r.code, r.start, r.end) for r in kim.roles] == [
        ("PRKELI", None, None),
        ("PRKGOV", D(2011, 12, 17), None),
    ]
    assert kim.role_on(D(2010, 1, 1))[0].code == "PRKELI"
    assert kim.role_on(D(2019, 6, 30)) == (kim.roles[1], "tenure")
    garcia = entries["Alan Garcia"]
    assert [(r.start, r.end) for r in garcia.roles] == [
        (D(1985, 7, 28), D(1990, 7, 28)),  # YYMMDD, 85 → 1985
        (D(2006, 7, 28), D(2011, 7, 28)),  # YYYYMMDD
    ]
    assert garcia.role_on(D(2000, 1, 1))[1] == "nearest-tenure"
    zahir = entries["Zahir"].roles[0]
    assert (zahir.start, zahir.end) == (None, D(2001, 12, 22))  # 01 → 2001


def test_two_digit_year_pivot(tmp_path: Path) -> None:
    text = "A_ [AAAGOV >291231]\nB_ [BBBGOV >300101]\n"
    a, b = read_actor_dictionary(write(tmp_path, text))
    assert a.roles[0].start == D(2029, 12, 31)
    assert b.roles[0].start == D(1930, 1, 1)


def test_tabari_spacing_and_several_codes_on_one_line(tmp_path: Path) -> None:
    text = (
        "GOLLUM  # pas\n+SMEAGOL\n"
        "\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n"
        "KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt\n"
    )
    gollum, annan = read_actor_dictionary(write(tmp_path, text))
    assert [(r.code, r.start, r.end) for r in gollum.roles] == [
        ("HOB", None, D(1995, 6, 1)),
        ("HOBGOV", D(1995, 6, 1), D(1999, 8, 15)),
        ("HOBREB", D(1999, 8, 16), None),
    ]
    assert gollum.patterns == ("gollum", "smeagol")
    assert gollum.role_on(D(1997, 1, 1))[0].code == "HOBGOV"
    assert [r.code for r in annan.roles] == ["ELI", "IGOUNO"]
    assert annan.kind == "person"


def test_codeless_name_lines_are_synonyms_until_a_blank_line() -> None:
    text = (
        "LEONID_BREZHNEV_\nSECRETARY_BREZHNEV\n\t[SUNGOV 641014-821110]\n"
        "U.N._\n\nUNITED_NATIONS_ [IGOUNO]\n"
    )
    imported = parse_actor_dictionary(text, "x.txt")
    brezhnev, un = imported.entries
    assert brezhnev.patterns == ("leonid brezhnev", "secretary brezhnev")
    assert un.patterns == ("united nations",)  # the blank line ended "U.N._"
    assert any("x.txt:4" in s and "no usable code" in s for s in imported.skipped)


def test_unsupported_codes_are_skipped_quietly() -> None:
    text = "BOROMIR [---]\nLORIEN [ELR/GAL]\nPRINCE_OF_DOL\n\t[--- <950630]\n\t[DOL]\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        imported = parse_actor_dictionary(text, "x.txt")
    (prince,) = imported.entries
    assert [r.code for r in prince.roles] == ["DOL"]
    assert len(imported.skipped) == 5  # 3 codes, and 2 entries left without one


@pytest.mark.parametrize(
    "role",
    [
        "[AFGGOV >01x222]",
        "[AFGGOV 011322-020101]",  # month 13
        "[AFGGOV 9008223-911221]",  # seven digits
        "[AFGGOV 20121204]",  # a bare date: neither from, until nor between
        "[AFGGOV 900101-800101]",  # ends before it starts
        "[950601-990815]",  # no code
        "[AFGGOV >011222",  # unclosed
    ],
)
def test_malformed_role_lines_warn_and_are_skipped(tmp_path: Path, role: str) -> None:
    path = write(tmp_path, f"KARZAI_\n\t{role}\n\t[AFGELI]\n")
    with pytest.warns(DictionaryWarning, match=rf"{path.name}:2: "):
        (karzai,) = read_actor_dictionary(path)
    assert [r.code for r in karzai.roles] == ["AFGELI"]


def test_stray_lines_do_not_crash() -> None:
    text = "+ORPHAN\n\t[ORP]\n<DATE>\nNAME = VALUE\n{BRACED}\nREAL_ [RLL]\n"
    imported = parse_actor_dictionary(text, "x.txt")
    assert [e.name for e in imported.entries] == ["Real"]


def test_latin1_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.actors.txt"
    path.write_bytes("C\xd4TE_D'IVOIRE_ [CIV]\n".encode("latin-1"))
    (entry,) = read_actor_dictionary(path)
    assert entry.patterns == ("c\xf4te d'ivoire",)


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    with pytest.raises(DataFileError) as info:
        read_actor_dictionary(path)
    assert info.value.where == f"{path}:1"
    with pytest.raises(DataFileError):
        read_agent_dictionary(path)


def test_text_without_codes_is_not_a_dictionary(tmp_path: Path) -> None:
    path = write(tmp_path, "# comment\nid,text\n1,hello\n")
    with pytest.raises(DataFileError, match=r":2: no \[CODE\]"):
        read_actor_dictionary(path)
    assert read_actor_dictionary(write(tmp_path, "# only comments\n\n", "empty.txt")) == []


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        read_actor_dictionary(tmp_path / "absent.txt")


# ------------------------------------------------------------------ agents: fixtures

AGENTS = """\
<!-- AGENTS -->
!PERSON! = MAN, MEN, WOMAN, WOMEN
!MINST! = MINISTER, MINISTRY

PRESIDENT_ [~GOV] # comment
SOLDIER [~MIL]
FOREIGN_!MINST! [~GOVFRM]
CONGRESS!PERSON! [~LEG]
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
SECRETARY [~GOV]
PRESS [~MED]
HUMAN_RIGHTS_BODY  [NGO~]
POLICE_FORCE [ ~COP]
ISLAMIC_EXTREMIST
DEPARTMENT [~ENV}
!UNKNOWN!_ROLE [~GOV]
"""


def test_agent_lines(tmp_path: Path) -> None:
    found = sectors(read_agent_dictionary(write(tmp_path, AGENTS, "x.agents.txt")))
    assert found["president"] == found["presidents"] == "GOV"
    assert found["soldier"] == found["soldiers"] == "MIL"
    assert found["foreign minister"] == found["foreign ministry"] == "GOVFRM"
    assert found["foreign ministers"] == found["foreign ministries"] == "GOVFRM"
    assert found["congressman"] == found["congresswomen"] == "LEG"
    assert "policemen" not in found and "polices" not in found
    assert found["attorneys general"] == "JUD" and "attorney generals" not in found
    assert found["secretaries"] == "GOV"
    assert found["presses"] == "MED"
    assert found["human rights body"] == "NGO"
    assert found["police force"] == "COP"


def test_agent_lines_that_cannot_be_read_are_counted() -> None:
    imported = parse_agent_dictionary(AGENTS, "x.agents.txt")
    assert len(imported.entries) == 10
    reasons = " | ".join(imported.skipped)
    assert len(imported.skipped) == 3
    assert "x.agents.txt:15:" in reasons and "x.agents.txt:16:" in reasons
    assert "undefined substitution !UNKNOWN!" in reasons


# ------------------------------------------------------------------ the real files

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is absent")

ACTOR_FILES = [
    PHOENIX / "Phoenix.Countries.actors.txt",
    PHOENIX / "Phoenix.International.actors.txt",
    PHOENIX / "Phoenix.MilNonState.actors.txt",
    PETRARCH / "PETR.Validate.actors.txt",
]
AGENT_FILES = [PHOENIX / "Phoenix.agents.txt", PETRARCH / "PETR.Validate.agents.txt"]


@pytest.mark.shared
@needs_shared
@pytest.mark.parametrize("path", ACTOR_FILES, ids=lambda p: p.name)
def test_real_actor_files_parse(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DictionaryWarning)  # a few typos in the real files
        entries = read_actor_dictionary(path)
    assert len(entries) > 100
    assert all(e.patterns and e.roles and e.origin == path.name for e in entries)


@pytest.mark.shared
@needs_shared
def test_phoenix_countries_read_and_leaders_resolve() -> None:
    # No wall-clock bound here: a timed assertion flakes on a loaded machine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DictionaryWarning)
        entries = read_actor_dictionary(ACTOR_FILES[0])
    assert len(entries) > 15_000
    named = by_name(entries)
    putin = named["Vladimir Putin"]
    assert putin.kind == "person" and "putin" in putin.patterns
    assert putin.role_on(D(1995, 1, 1))[0].code == "RUSELI"
    assert putin.role_on(D(2005, 6, 1))[0].code == "RUSGOV"
    assert putin.role_on(D(2020, 1, 1)) == (putin.roles[-1], "tenure")
    karzai = named["Hamid Karzai"]  # [AFGELI 750101-000101] [AFGGOV >011222] [AFGELI]
    assert karzai.role_on(D(2005, 1, 1))[0].code == "AFGGOV"
    assert karzai.role_on(D(2001, 6, 1))[0] == karzai.roles[0]  # the undated fallback
    assert karzai.roles[-1].start == D(2001, 12, 22) and karzai.roles[-1].end is None
    armenia = named["Armenia"]  # [USRARM <900823] ... [ARM >911221]
    assert armenia.kind == "country"
    assert armenia.role_on(D(1985, 1, 1))[0].code == "USRARM"
    assert armenia.role_on(D(2000, 1, 1))[0].code == "ARM"
    assert named["Afghanistan"].kind == "country" and "kabul" in named["Afghanistan"].patterns


@pytest.mark.shared
@needs_shared
@pytest.mark.parametrize("path", AGENT_FILES, ids=lambda p: p.name)
def test_real_agent_files_parse(path: Path) -> None:
    found = sectors(read_agent_dictionary(path))
    for word in ("president", "government", "minister", "foreign minister"):
        assert found[word].startswith("GOV"), word
    for word in ("soldier", "soldiers", "troops"):
        assert found[word].startswith("MIL"), word


def test_abbreviation_synonym_is_also_matched_as_written(tmp_path: Path) -> None:
    text = "THE_WESTON_COLLEGE [USAEDU]\n+W.C.\nGREAT_LAKES_UNIV. [USAEDU]\n"
    entries = by_name(read_actor_dictionary(write(tmp_path, text)))
    college = entries["The Weston College"]
    assert college.patterns == ("the weston college", "w.c.")
    assert college.exact == ("W.C.",)  # "w.c." alone would be tokenised apart
    assert entries["Great Lakes Univ."].exact == ()  # not an abbreviation throughout
