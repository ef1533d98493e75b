"""The bundled actor knowledge base and user files added to it (legation.actors.kb)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

from legation.actors.entries import ActorEntry, split_code
from legation.actors.kb import ACTOR_CODE, KnowledgeBase, load_default_kb
from legation.errors import DataFileError

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
COUNTRY_INFO = SHARED / "data" / "countryinfo" / "CountryInfo.120116.txt"

# the G20 member states (the EU and the AU are IGOs)
G20 = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
    "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
]  # fmt: skip


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default_kb()


def by_pattern(kb: KnowledgeBase, pattern: str) -> list[ActorEntry]:
    return [e for e in kb.entries if pattern in e.patterns]


def person(kb: KnowledgeBase, name: str) -> ActorEntry:
    [entry] = [e for e in kb.entries if e.kind == "person" and e.name == name]
    return entry


def test_bundled_files_load(kb: KnowledgeBase) -> None:
    kinds: dict[str, int] = defaultdict(int)
    for entry in kb.entries:
        kinds[entry.kind] += 1
    assert len(kb.country_names) >= 200  # every UN member plus observers and former states
    assert kinds["person"] >= 400
    assert kinds["igo"] >= 40
    assert kinds["group"] >= 60
    assert {a.sector for a in kb.agents} >= {"GOV", "MIL", "MED", "OPP", "REB", "LEG", "SPY"}
    assert kb.country_names["PRK"] == "North Korea"
    assert kb.country_names["SUN"] == "Soviet Union"


def test_fresh_object_each_call() -> None:
    first = load_default_kb()
    first.entries.clear()
    first.country_names.clear()
    second = load_default_kb()
    assert second.entries and second.country_names


def test_codes_are_well_formed(kb: KnowledgeBase) -> None:
    igos = {e.roles[0].code for e in kb.entries if e.kind == "igo"}
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in kb.country_names)
    assert all(re.fullmatch(r"IGO[A-Z0-9]{3}", code) for code in igos)
    for entry in kb.entries:
        for role in entry.roles:
            assert ACTOR_CODE.fullmatch(role.code), (entry.name, role.code)
            country, _ = split_code(role.code)
            assert country in kb.country_names or country in igos, (entry.name, role.code)
    assert all(re.fullmatch(r"[A-Z]{3}", a.sector) for a in kb.agents)


def test_patterns_are_normalised(kb: KnowledgeBase) -> None:
    patterns = [p for e in kb.entries for p in e.patterns] + [
        p for a in kb.agents for p in a.patterns
    ]
    for pattern in patterns:
        assert pattern == " ".join(pattern.lower().split()), pattern


def test_no_pattern_names_two_countries(kb: KnowledgeBase) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in kb.entries:
        if entry.kind == "country":
            country, _ = split_code(entry.roles[0].code)
            for pattern in entry.patterns:
                owners[pattern].add(str(country))
    clashes = {p: c for p, c in owners.items() if len(c) > 1}
    assert not clashes


def test_no_pattern_shared_by_two_entries(kb: KnowledgeBase) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in kb.entries:
        for pattern in entry.patterns:
            owners[pattern].add(f"{entry.kind}:{entry.name}")
    # A surname two people share ("bush", "castro") is allowed: the article's date picks
    # the one in office (resolver._in_office_first).
    shared = {
        p: o
        for p, o in owners.items()
        if len(o) > 1 and not all(owner.startswith("person:") for owner in o)
    }
    assert not shared


@pytest.mark.parametrize("ambiguous", ["us", "korea", "korean", "kim", "lee", "park", "moon", "li"])
def test_ambiguous_words_are_not_patterns(kb: KnowledgeBase, ambiguous: str) -> None:
    assert not by_pattern(kb, ambiguous)


@pytest.mark.parametrize("surname", ["bush", "clinton", "castro"])
def test_a_shared_surname_stays_in_one_country(kb: KnowledgeBase, surname: str) -> None:
    """ "Bush" names the elder or the younger by the article's date; either way the
    United States, never another state's leader of that name."""
    owners = by_pattern(kb, surname)
    assert len(owners) == 2
    assert len({split_code(role.code)[0] for e in owners for role in e.roles}) == 1


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("soviet", "SUN"),
        ("the soviet union", "SUN"),
        ("north korea", "PRK"),
        ("dprk", "PRK"),
        ("democratic people's republic of korea", "PRK"),
        ("south korean", "KOR"),
        ("u.s.", "USA"),
        ("the united states", "USA"),
        ("the kremlin", "RUSGOV"),
        ("pyongyang", "PRKGOV"),
        ("the white house", "USAGOV"),
        ("the pentagon", "USAMIL"),
        ("capitol hill", "USALEG"),
        ("côte d'ivoire", "CIV"),
        ("kcna", "PRKMED"),
        ("red army", "SUNMIL"),
        ("the cia", "USASPY"),
        ("nato", "IGONAT"),
        ("the un", "IGOUNO"),
        ("security council", "IGOUNO"),
        ("iaea", "IGOIAE"),
    ],
)
def test_pattern_codes(kb: KnowledgeBase, pattern: str, code: str) -> None:
    [entry] = by_pattern(kb, pattern)
    assert entry.roles[0].code == code


def test_capital_entries(kb: KnowledgeBase) -> None:
    [pentagon] = by_pattern(kb, "the pentagon")
    assert (pentagon.kind, pentagon.name) == ("country", "Pentagon")
    [pyongyang] = by_pattern(kb, "pyongyang")
    assert pyongyang.name == "Pyongyang"


def test_putin_holds_rusgov_in_2024(kb: KnowledgeBase) -> None:
    putin = person(kb, "Vladimir Putin")
    assert "putin" in putin.patterns
    role, reason = putin.role_on(dt.date(2024, 6, 19))
    assert (role.code, reason) == ("RUSGOV", "tenure")
    assert putin.role_on(dt.date(1999, 1, 1))[0].code == "RUSSPY"  # FSB director


def test_kim_il_sung_by_date(kb: KnowledgeBase) -> None:
    kim = person(kb, "Kim Il Sung")
    assert {"kim il-sung", "kim il sung"} <= set(kim.patterns)
    assert kim.role_on(dt.date(1960, 1, 1)) == (kim.roles[0], "tenure")
    assert kim.roles[0].code == "PRKGOV"
    assert not kim.roles[0].covers(dt.date(2000, 1, 1))
    role, reason = kim.role_on(dt.date(2000, 1, 1))
    assert (role.code, reason) == ("PRKGOV", "nearest-tenure")


def test_soviet_and_korean_leaders(kb: KnowledgeBase) -> None:
    khrushchev = person(kb, "Nikita Khrushchev")
    assert khrushchev.role_on(dt.date(1960, 5, 1)) == (khrushchev.roles[0], "tenure")
    assert khrushchev.roles[0].code == "SUNGOV"
    yoon = person(kb, "Yoon Suk Yeol")
    assert {"yoon", "yoon suk-yeol", "yoon suk yeol"} <= set(yoon.patterns)
    assert yoon.role_on(dt.date(2024, 3, 1))[0].code == "KORGOV"
    assert yoon.role_on(dt.date(2025, 7, 1))[1] == "nearest-tenure"
    kim = person(kb, "Kim Jong Un")
    assert kim.role_on(dt.date(2025, 1, 1))[1] == "tenure"


def test_person_with_several_offices(kb: KnowledgeBase) -> None:
    vdl = person(kb, "Ursula von der Leyen")
    assert [r.code for r in vdl.roles] == ["DEUGOV", "IGOEUR"]
    assert vdl.role_on(None)[0].code == "IGOEUR"
    assert vdl.role_on(dt.date(2015, 1, 1))[0].code == "DEUGOV"


def test_roles_are_ordered_and_valid(kb: KnowledgeBase) -> None:
    for entry in kb.entries:
        if entry.kind != "person":
            continue
        starts = [r.start or dt.date.min for r in entry.roles]
        assert starts == sorted(starts), entry.name
        for role in entry.roles:
            assert role.start is None or role.end is None or role.start <= role.end


@pytest.mark.parametrize("country", G20)
def test_g20_have_a_leader_in_2025(kb: KnowledgeBase, country: str) -> None:
    when = dt.date(2025, 8, 1)
    holders = [
        e.name
        for e in kb.entries
        if e.kind == "person" and any(r.code == f"{country}GOV" and r.covers(when) for r in e.roles)
    ]
    assert holders


def test_agents(kb: KnowledgeBase) -> None:
    sectors: dict[str, set[str]] = defaultdict(set)
    for agent in kb.agents:
        for pattern in agent.patterns:
            sectors[pattern].add(agent.sector)
    assert sectors["troops"] == {"MIL"}
    assert sectors["soldier"] == {"MIL"}
    assert sectors["state media"] == {"MED"}
    assert sectors["foreign minister"] == {"GOV"}
    assert sectors["rebels"] == {"REB"}
    assert all(len(s) == 1 for s in sectors.values())


# --- user files -------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_leaders_file(tmp_path: Path) -> None:
    kb = load_default_kb()
    before = len(kb.entries)
    path = write(
        tmp_path,
        "mine.tsv",
        "# my people\nname\tpatterns\tcode\tstart\tend\n"
        "Jane Roe\tJane  Roe|roe\tXYZGOV\t2001-01-01\t2004-12-31\n"
        "Jane Roe\t\tIGOUNO\t2010-01-01\t\n",
    )
    kb.add_file(path)
    [jane] = kb.entries[before:]
    assert jane.kind == "person"
    assert jane.patterns == ("jane roe", "roe")
    assert [r.code for r in jane.roles] == ["XYZGOV", "IGOUNO"]
    assert jane.roles[1].end is None
    assert jane.origin == str(path)
    assert jane.role_on(dt.date(2003, 1, 1)) == (jane.roles[0], "tenure")


def test_user_country_group_and_agent_files(tmp_path: Path) -> None:
    kb = load_default_kb()
    kb.add_file(
        write(
            tmp_path,
            "c.tsv",
            "code\tname\tnames\tadjectives\tcapitals\nXYZ\tFreedonia\tfreedonia\tfreedonian\t"
            "the palace|fort x:MIL\n",
        )
    )
    kb.add_file(write(tmp_path, "g.tsv", "code\tname\tpatterns\nXYZMED\tFree Press\tfree press\n"))
    kb.add_file(write(tmp_path, "a.tsv", "sector\tpatterns\nMIL\tlegionnaires|legionnaire\n"))
    assert kb.country_names["XYZ"] == "Freedonia"
    assert [e.roles[0].code for e in by_pattern(kb, "freedonian")] == ["XYZ"]
    assert [e.roles[0].code for e in by_pattern(kb, "fort x")] == ["XYZMIL"]
    assert [e.roles[0].code for e in by_pattern(kb, "the palace")] == ["XYZGOV"]
    assert [(e.kind, e.roles[0].code) for e in by_pattern(kb, "free press")] == [
        ("group", "XYZMED")
    ]
    assert kb.agents[-1].patterns == ("legionnaires", "legionnaire")
    assert kb.agents[-1].sector == "MIL"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("name\tpatterns\tcode\tstart\tend\nA\ta\tRUSGOV\t2001-13-01\t\n", 2, "bad date"),
        ("name\tpatterns\tcode\tstart\tend\n\n# c\nA\t\tRUSGOV\t\t\n", 4, "no patterns"),
        ("name\tpatterns\tcode\tstart\tend\nA\ta\trus-gov\t\t\n", 2, "bad actor code"),
        ("name\tpatterns\tcode\tstart\tend\nA\ta\tRUSGOV\t2005-01-01\t2001-01-01\n", 2, "after"),
        ("name\tpatterns\tcode\tstart\tend\nA\ta\tRUSGOV\t\t\textra\n", 2, "6 cells"),
        ("# header next\nwho\twhat\n", 2, "unknown header"),
        ("code\tname\tnames\tadjectives\tcapitals\nXX\tX\tx\t\t\n", 2, "bad country code"),
        ("code\tname\tnames\tadjectives\tcapitals\nXYZ\tX\tx\t\ta:b:c\n", 2, "bad capital"),
        ("sector\tpatterns\nMIL\t\n", 2, "no patterns"),
        ("code\tname\tpatterns\nXYZGOV\tX\t\n", 2, "at least one pattern"),
    ],
)
def test_bad_user_file(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, "bad.tsv", text)
    with pytest.raises(DataFileError, match=message) as info:
        load_default_kb().add_file(path)
    assert info.value.where == f"{path}:{line}"


def test_missing_and_empty_user_files(tmp_path: Path) -> None:
    kb = load_default_kb()
    with pytest.raises(DataFileError) as info:
        kb.add_file(tmp_path / "nope.tsv")
    assert info.value.where == str(tmp_path / "nope.tsv")
    with pytest.raises(DataFileError, match="no header"):
        kb.add_file(write(tmp_path, "empty.tsv", "# nothing\n\n"))


def test_petrarch_dictionaries(tmp_path: Path) -> None:
    kb = load_default_kb()
    agents_before, entries_before = len(kb.agents), len(kb.entries)
    kb.add_file(write(tmp_path, "my.agents.txt", "SHERIFF_ [~COP]\n"))
    assert [a.sector for a in kb.agents[agents_before:]] == ["COP"]
    kb.add_file(
        write(tmp_path, "my.actors.txt", "JANE_ROE_\n+ROE_JANE_\n\t[XYZGOV 010101-041231]\n")
    )
    [jane] = kb.entries[entries_before:]
    assert "jane roe" in jane.patterns
    assert jane.roles[0].code == "XYZGOV"


@pytest.mark.shared
def test_country_names_agree_with_countryinfo(kb: KnowledgeBase) -> None:
    """Where CountryInfo.txt (the TABARI reference) has our code, its name is one of ours."""
    if not COUNTRY_INFO.exists():
        pytest.skip("shared CountryInfo.txt not available")
    text = COUNTRY_INFO.read_text(encoding="latin-1")
    pairs = re.findall(
        r"<CountryCode>\s*([A-Z]{3})\s*</CountryCode>\s*<CountryName>\s*([^<]*?)\s*</CountryName>",
        text,
    )
    known_differences = {
        "COG": "plain 'congo' is given to the DRC, the usual meaning in news",
        "MDG": "CountryInfo spells it 'madagaskar'",
        "SRB": "CountryInfo (2012) still names it 'serbia and montenegro'; we use SCG for that",
    }
    patterns = {
        e.roles[0].code: {*e.patterns, e.name.lower()}
        for e in kb.entries
        if e.kind == "country" and len(e.roles[0].code) == 3
    }
    compared = 0
    for code, raw_name in pairs:
        if code not in patterns or code in known_differences:
            continue
        compared += 1
        name = " ".join(raw_name.split("#")[0].replace("_", " ").lower().split())
        assert name in patterns[code], (code, name)
    assert compared > 150
