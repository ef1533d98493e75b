"""The actor knowledge base: who and what a name can refer to, and when.

Built from the bundled tab-separated files in ``legation.actors.data`` (countries, capitals,
leaders with dated roles, international organisations, country-specific organisations and
generic agent words), optionally extended with a user's own files in the same formats or
with PETRARCH/TABARI dictionaries. The resolver only reads the typed records it holds.

File formats (one header line, then rows; ``#`` lines and blank lines are ignored; lists
inside a cell are ``|``-separated; patterns are lower-case, space-separated tokens; a pattern
written ``=US`` is matched case-sensitively, for names that are also English words):

``countries.tsv``      ``code  name  names  adjectives  capitals`` (a capital may end in
                       ``:SECTOR``, e.g. ``the pentagon:MIL``; the default sector is GOV)
``leaders.tsv``        ``name  patterns  code  start  end`` (one row per role; later rows of
                       a person may leave patterns empty; dates ``YYYY-MM-DD``, empty = open)
``igos.tsv``,          ``code  name  patterns`` (``IGO…`` codes become kind "igo", other
``organisations.tsv``  codes such as ``PRKMED`` kind "group")
``agents.tsv``         ``sector  patterns``
``senses.tsv``         ``country  code  name  patterns``: what a word means in a story whose
                       country (``actors.story``) is ``country`` ("congress" in an Indian
                       story is the Congress party, INDPTY, not a legislature)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from legation.actors.entries import ActorEntry, AgentEntry, EntryKind, Role
from legation.errors import DataFileError, ResourceError

DATA_PACKAGE = "legation.actors.data"
BUNDLED_FILES = (
    "countries.tsv",
    "igos.tsv",
    "organisations.tsv",
    "leaders.tsv",
    "agents.tsv",
    "senses.tsv",
)
BUNDLED_ORIGIN = "legation"
DEFAULT_CAPITAL_SECTOR = "GOV"

COUNTRY_HEADER = ("code", "name", "names", "adjectives", "capitals")
PEOPLE_HEADER = ("name", "patterns", "code", "start", "end")
GROUP_HEADER = ("code", "name", "patterns")
AGENT_HEADER = ("sector", "patterns")
SENSE_HEADER = ("country", "code", "name", "patterns")
_HEADERS = (COUNTRY_HEADER, PEOPLE_HEADER, GROUP_HEADER, AGENT_HEADER, SENSE_HEADER)

COUNTRY_CODE = re.compile(r"[A-Z]{3}")
SECTOR_CODE = re.compile(r"[A-Z]{3}")
# A country (or IGO) prefix followed by zero or more 3-letter sectors: PRK, RUSGOV, IGOUNO.
ACTOR_CODE = re.compile(r"(?:[A-Z]{3}|IGO[A-Z]{3})(?:[A-Z]{3})*")
# PETRARCH/TABARI agent dictionaries tag entries with "[~GOV]"; actor dictionaries do not.
_AGENT_DICTIONARY = re.compile(r"\[~[A-Za-z]{3}")


@dataclass(frozen=True, slots=True)
class CountrySense:
    """A word's sense in the stories of one country: in an Indian story "congress" is the
    Congress party (``INDPTY``), wherever else a legislature. ``patterns`` are lower-case."""

    country: str  # the story's country: "IND"
    code: str  # the actor code the words take there: "INDPTY"
    name: str  # "Indian National Congress"
    patterns: tuple[str, ...]
    origin: str = "legation"


@dataclass(slots=True)
class _Table:
    """One parsed TSV file: its header, and each row with its ``path:line`` location."""

    header: tuple[str, ...]
    header_where: str
    rows: list[tuple[str, list[str]]]


@dataclass(slots=True)
class _Parsed:
    """What one or more files contributed; merged into a knowledge base in one step."""

    entries: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)
    senses: list[CountrySense] = field(default_factory=list)

    def update(self, other: _Parsed) -> None:
        self.entries.extend(other.entries)
        self.agents.extend(other.agents)
        self.country_names.update(other.country_names)
        self.senses.extend(other.senses)


@dataclass
class KnowledgeBase:
    """Every actor and agent the resolver can match, with ``country_names`` for display and
    the ``senses`` words take in one country's stories."""

    entries: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)  # code → canonical name
    senses: list[CountrySense] = field(default_factory=list)

    def extend(self, entries: Iterable[ActorEntry] = (), agents: Iterable[AgentEntry] = ()) -> None:
        """Add entries from any source; later entries sit after (and may shadow) earlier ones."""
        self.entries.extend(entries)
        self.agents.extend(agents)

    def add_file(self, path: Path) -> None:
        """Add a user's own file: one of our TSV formats, or a PETRARCH/TABARI dictionary.

        A ``.tsv`` file is dispatched on its header line. Anything else is read as a
        PETRARCH/TABARI dictionary: an agents dictionary when it has ``[~SECTOR]`` tags,
        otherwise an actors dictionary. Problems raise ``DataFileError`` with ``path:line``.
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DataFileError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
        if path.suffix.lower() == ".tsv":
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise DataFileError(str(path), f"not UTF-8 text ({exc.reason})") from exc
            self._merge(parse_tsv(text, str(path), origin=str(path)))
            return
        from legation.actors import petrarch  # lazy: only needed for foreign dictionaries

        if _AGENT_DICTIONARY.search(raw.decode("latin-1")):
            self.extend(agents=petrarch.read_agent_dictionary(path))
        else:
            self.extend(entries=petrarch.read_actor_dictionary(path))

    def _merge(self, parsed: _Parsed) -> None:
        self.extend(parsed.entries, parsed.agents)
        self.country_names.update(parsed.country_names)
        self.senses.extend(parsed.senses)


def load_default_kb() -> KnowledgeBase:
    """A fresh knowledge base from the bundled files (parsed once per process, then copied)."""
    parsed = _bundled()
    return KnowledgeBase(
        list(parsed.entries),
        list(parsed.agents),
        dict(parsed.country_names),
        list(parsed.senses),
    )


@cache
def _bundled() -> _Parsed:
    parsed = _Parsed()
    for name in BUNDLED_FILES:
        try:
            text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
        except (FileNotFoundError, ModuleNotFoundError) as exc:
            raise ResourceError(f"bundled data file {DATA_PACKAGE}/{name} is missing") from exc
        parsed.update(parse_tsv(text, f"legation/actors/data/{name}", origin=BUNDLED_ORIGIN))
    return parsed


def parse_tsv(text: str, label: str, origin: str) -> _Parsed:
    """Parse one knowledge-base TSV file, whichever of our formats its header names."""
    table = _read_table(text, label)
    if table.header == COUNTRY_HEADER:
        return _countries(table, origin)
    if table.header == PEOPLE_HEADER:
        return _Parsed(entries=_people(table, origin))
    if table.header == GROUP_HEADER:
        return _Parsed(entries=_groups(table, origin))
    if table.header == AGENT_HEADER:
        return _Parsed(agents=_agents(table, origin))
    if table.header == SENSE_HEADER:
        return _Parsed(senses=_senses(table, origin))
    expected = "; ".join(" TAB ".join(h) for h in _HEADERS)
    found = " TAB ".join(table.header)
    raise DataFileError(
        table.header_where, f"unknown header {found!r}; expected one of: {expected}"
    )


def _read_table(text: str, label: str) -> _Table:
    header: tuple[str, ...] | None = None
    header_where = f"{label}:1"
    rows: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        where = f"{label}:{number}"
        if header is None:
            header, header_where = tuple(cell.lower() for cell in cells), where
            continue
        if len(cells) > len(header):
            raise DataFileError(where, f"{len(cells)} cells but the header has {len(header)}")
        rows.append((where, cells + [""] * (len(header) - len(cells))))
    if header is None:
        raise DataFileError(header_where, "empty file: no header line")
    return _Table(header, header_where, rows)


def _countries(table: _Table, origin: str) -> _Parsed:
    """One entry per country (names + adjectives), then one entry per capital/seat."""
    parsed = _Parsed()
    capitals: list[ActorEntry] = []
    for where, (code, name, names, adjectives, seats) in table.rows:
        _check(COUNTRY_CODE, code, where, "country code")
        if not name:
            raise DataFileError(where, f"country {code} has no name")
        if code in parsed.country_names:
            raise DataFileError(where, f"country code {code} appears twice")
        patterns = split_patterns(f"{names}|{adjectives}")
        if not patterns:
            raise DataFileError(where, f"country {code} has no names")
        parsed.country_names[code] = name
        exact = exact_patterns(f"{names}|{adjectives}")
        entry = ActorEntry(name, "country", patterns, (Role(code),), origin, exact)
        parsed.entries.append(entry)
        for item in split_patterns(seats):
            pattern, sector = _capital(item, where)
            role = Role(code + sector)
            capitals.append(ActorEntry(_display(pattern), "country", (pattern,), (role,), origin))
    parsed.entries.extend(capitals)
    return parsed


def _capital(item: str, where: str) -> tuple[str, str]:
    """``"the pentagon:mil"`` → ``("the pentagon", "MIL")``; no marker means GOV."""
    pattern, sep, sector = item.rpartition(":")
    if not sep:
        return item, DEFAULT_CAPITAL_SECTOR
    sector = sector.upper()
    if not pattern or not SECTOR_CODE.fullmatch(sector):
        raise DataFileError(where, f"bad capital {item!r}: expected 'name' or 'name:SECTOR'")
    return pattern.strip(), sector


def _people(table: _Table, origin: str) -> list[ActorEntry]:
    """Group role rows by person name into one entry each, roles in time order."""
    people: dict[str, tuple[list[str], list[Role]]] = {}
    for where, (name, patterns_cell, code, start, end) in table.rows:
        if not name:
            raise DataFileError(where, "empty name")
        _check(ACTOR_CODE, code, where, "actor code")
        role = Role(code, _date(start, where), _date(end, where))
        if role.start and role.end and role.start > role.end:
            raise DataFileError(where, f"start {start} is after end {end}")
        patterns = split_patterns(patterns_cell)
        if name not in people:
            if not patterns:
                raise DataFileError(where, f"first row for {name!r} has no patterns")
            people[name] = (list(patterns), [role])
            continue
        known, roles = people[name]
        known.extend(p for p in patterns if p not in known)
        roles.append(role)
    return [
        ActorEntry(name, "person", tuple(patterns), tuple(sorted(roles, key=_role_order)), origin)
        for name, (patterns, roles) in people.items()
    ]


def _groups(table: _Table, origin: str) -> list[ActorEntry]:
    entries = []
    for where, (code, name, patterns_cell) in table.rows:
        _check(ACTOR_CODE, code, where, "actor code")
        patterns = split_patterns(patterns_cell)
        if not name or not patterns:
            raise DataFileError(where, f"{code} needs a name and at least one pattern")
        kind: EntryKind = "igo" if code.startswith("IGO") else "group"
        exact = exact_patterns(patterns_cell)
        entries.append(ActorEntry(name, kind, patterns, (Role(code),), origin, exact))
    return entries


def _agents(table: _Table, origin: str) -> list[AgentEntry]:
    agents = []
    for where, (sector, patterns_cell) in table.rows:
        _check(SECTOR_CODE, sector, where, "sector code")
        patterns = split_patterns(patterns_cell)
        if not patterns:
            raise DataFileError(where, f"sector {sector} has no patterns")
        agents.append(AgentEntry(patterns, sector, origin))
    return agents


def _senses(table: _Table, origin: str) -> list[CountrySense]:
    senses = []
    for where, (country, code, name, patterns_cell) in table.rows:
        _check(COUNTRY_CODE, country, where, "country code")
        _check(ACTOR_CODE, code, where, "actor code")
        patterns = split_patterns(patterns_cell)
        if not name or not patterns:
            raise DataFileError(where, f"{country} {code} needs a name and at least one pattern")
        senses.append(CountrySense(country, code, name, patterns, origin))
    return senses


def split_patterns(cell: str) -> tuple[str, ...]:
    """``"North  Korea|dprk|"`` → ``("north korea", "dprk")``: lower-case, single spaces, unique.

    Case-sensitive items (``=US``) are left to ``exact_patterns``."""
    seen: dict[str, None] = {}
    for item in cell.split("|"):
        if item.strip().startswith("="):
            continue
        pattern = " ".join(item.lower().split())
        if pattern:
            seen.setdefault(pattern, None)
    return tuple(seen)


def exact_patterns(cell: str) -> tuple[str, ...]:
    """The case-sensitive items of a cell: ``"usa|=US|=U.S."`` → ``("US", "U.S.")``."""
    seen: dict[str, None] = {}
    for item in cell.split("|"):
        item = item.strip()
        if item.startswith("=") and (pattern := " ".join(item[1:].split())):
            seen.setdefault(pattern, None)
    return tuple(seen)


def _check(pattern: re.Pattern[str], value: str, where: str, what: str) -> None:
    if not pattern.fullmatch(value):
        raise DataFileError(where, f"bad {what} {value!r}")


def _date(cell: str, where: str) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise DataFileError(where, f"bad date {cell!r}: expected YYYY-MM-DD") from None


def _role_order(role: Role) -> tuple[dt.date, dt.date]:
    return (role.start or dt.date.min, role.end or dt.date.max)


def _display(pattern: str) -> str:
    """A readable name for a capital pattern: ``"the white house"`` → ``"White House"``."""
    words = pattern.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(word[:1].upper() + word[1:] for word in words)
