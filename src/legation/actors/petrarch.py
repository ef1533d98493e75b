"""Import PETRARCH/TABARI actor and agent dictionaries as knowledge-base records.

The Phoenix and PETRARCH dictionaries are the largest public sources of dated actor codes;
reading them directly lets a user extend legation's knowledge base without hand conversion.

Actor files (``*.actors.txt``), as found in the Phoenix and PETRARCH files:

- an entry starts with an unindented name line, ``NAME_ [CODE]`` or ``NAME_  # comment``;
  ``+SYNONYM_`` lines add names; indented ``[CODE dates]`` lines add roles; several
  ``[...]`` groups may share one line. Underscores and spaces separate words, so
  ``KIM_JONG_UN_`` becomes the pattern ``"kim jong un"``. (TABARI matched a name without a
  trailing ``_`` as a word stem; legation matches whole tokens only.) A name with periods
  (``+K.U.``) is also matched as written, case and all, since the tokenizer keeps a
  capitalised abbreviation whole.
- dates: ``[AFGGOV >011222]`` from 2001-12-22 on, ``[AFGGOV <011222]`` until then,
  ``[PERGOV 850728-900728]`` between (both ends inclusive); spaces around ``<``, ``>`` and
  ``-`` are allowed. Six-digit dates are YYMMDD with a pivot: years 00-29 are 20xx and
  30-99 are 19xx. Eight-digit YYYYMMDD dates are read as written.
- ``#`` starts a comment (outside brackets); ``<!-- ... -->`` blocks and other ``<...>``
  lines are skipped.

Agent files (``*.agents.txt``): ``PRESIDENT_ [~GOV]`` lines (sector = the code without
``~``), ``{PLURAL, ...}`` explicit plurals (``{}`` = no plural, none given = a naive regular
plural of the last word) and ``!MARKER! = A, B`` substitution sets used as ``!MARKER!``.

Malformed role brackets (bad code, unparseable date) are skipped with a
:class:`DictionaryWarning` naming ``path:line``; valid syntax legation cannot represent
(discard codes ``---``, compound codes ``A/B``) is skipped silently. Both are listed in the
``skipped`` field of :func:`parse_actor_dictionary` / :func:`parse_agent_dictionary`.
A file that is binary, or has content but no ``[CODE]`` at all, raises ``DataFileError``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from legation.actors.entries import ActorEntry, AgentEntry, EntryKind, Role
from legation.errors import DataFileError

__all__ = [
    "ActorImport",
    "AgentImport",
    "DictionaryWarning",
    "content_lines",
    "parse_actor_dictionary",
    "parse_agent_dictionary",
    "read_actor_dictionary",
    "read_agent_dictionary",
    "read_dictionary_text",
]

YEAR_PIVOT = 30  # two-digit years below this are 20xx, the rest 19xx

_COMMENT = re.compile(r"#(?![^\[]*\])")  # a '#' that is not inside [...]
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_ROLE = re.compile(
    r"(?P<code>[^\s<>]+)"
    r"(?:\s*(?P<op>[<>])\s*(?P<one>\d+)"
    r"|\s+(?P<start>\d+)\s*-\s*(?P<end>\d+)"
    r"|\s+(?P<bare>\d+))?"
)
_CODE = re.compile(r"[A-Z][A-Z0-9]*")
_MARKER = re.compile(r"!(\w+)!")
_MARKER_DEF = re.compile(r"!(\w+)!\s*=\s*(.*)")
_BRACE = re.compile(r"\{([^{}]*)\}")

# Three-letter CAMEO codes that are sectors or generic actors, not states.
_GENERIC_CODES = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "IMG", "MNC", "MED",
    "EDU", "BUS", "CRM", "CVL", "ELI", "HLH", "HRI", "LAB", "LEG", "REF", "SET", "AGR", "ENV",
    "RAD", "MOD", "UAF", "UNO",
})  # fmt: skip
# Words that mark an organisation even when its entry carries dated roles.
_ORG_WORDS = frozenset({
    "inc", "corp", "corporation", "company", "co", "ltd", "plc", "bank", "group", "association",
    "organization", "organisation", "party", "front", "army", "council", "ministry", "agency",
    "union", "internet",
})  # fmt: skip
# Comments the Phoenix files put on person entries (leader lists).
_PERSON_SOURCES = ("CountryInfo", "IGOrulers")


class DictionaryWarning(UserWarning):
    """A malformed line in a PETRARCH/TABARI dictionary that was skipped."""


@dataclass(frozen=True, slots=True)
class ActorImport:
    """Entries read from an actor dictionary, and the lines left out (``path:line: why``)."""

    entries: tuple[ActorEntry, ...]
    skipped: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgentImport:
    """Entries read from an agent dictionary, and the lines left out (``path:line: why``)."""

    entries: tuple[AgentEntry, ...]
    skipped: tuple[str, ...]


def read_actor_dictionary(path: Path) -> list[ActorEntry]:
    """Read a PETRARCH/TABARI ``.actors`` file into actor entries (origin = file name)."""
    path = Path(path)
    text = _read_text(path)
    return list(parse_actor_dictionary(text, str(path), origin=path.name).entries)


def read_agent_dictionary(path: Path) -> list[AgentEntry]:
    """Read a PETRARCH/TABARI ``.agents`` file into agent entries (origin = file name)."""
    path = Path(path)
    text = _read_text(path)
    return list(parse_agent_dictionary(text, str(path), origin=path.name).entries)


def read_dictionary_text(path: Path) -> str:
    """A dictionary file's text (UTF-8, else Latin-1); verb dictionaries are read this way too."""
    return _read_text(Path(path))


def _read_text(path: Path) -> str:
    """Decode as UTF-8, falling back to Latin-1 (old dictionaries); refuse binary files."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read dictionary: {exc.strerror or exc}") from exc
    if b"\x00" in raw:
        raise DataFileError(f"{path}:1", "binary content: not a PETRARCH/TABARI dictionary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.removeprefix("\ufeff")


@dataclass(slots=True)
class _Line:
    lineno: int
    raw: str  # the line as written, without its newline
    body: str  # the line without its comment
    comment: str
    after_blank: bool  # a blank line separates it from the previous content line


def _content_lines(text: str) -> Iterator[_Line]:
    """Lines that carry content: comments, ``<...>`` markup and blank lines removed."""
    in_markup = False
    after_blank = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            after_blank = True
            continue
        if in_markup:
            in_markup = "-->" not in stripped
            continue
        if stripped.startswith("<"):
            in_markup = stripped.startswith("<!") and "-->" not in stripped
            continue
        match = _COMMENT.search(raw)
        body, comment = (raw[: match.start()], raw[match.end() :]) if match else (raw, "")
        if body.strip():
            yield _Line(lineno, raw, body, comment, after_blank)
            after_blank = False


def content_lines(text: str) -> Iterator[_Line]:
    """The lines of a dictionary that carry content (``lineno``, ``raw``, ``body``, ``comment``)."""
    return _content_lines(text)


def _pattern(words: str) -> str:
    """``KIM_JONG_UN_`` → ``"kim jong un"``: lower case, single spaces."""
    return " ".join(words.replace("_", " ").split()).lower()


def _display_name(pattern: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in pattern.split())


def _require_brackets(where: str, lines: list[_Line]) -> None:
    """A file with content but no ``[CODE]`` anywhere is not a dictionary at all."""
    if lines and not any("[" in line.body for line in lines):
        raise DataFileError(f"{where}:{lines[0].lineno}", "no [CODE] found: not a dictionary")


# ---------------------------------------------------------------------------- actors


class _Skip(Exception):
    """A role bracket left out; ``warn`` when it is malformed rather than unsupported."""

    def __init__(self, reason: str, *, warn: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.warn = warn


def _date(digits: str) -> dt.date:
    """YYMMDD (two-digit year pivot at :data:`YEAR_PIVOT`) or YYYYMMDD."""
    if len(digits) == 6:
        yy = int(digits[:2])
        year = (2000 if yy < YEAR_PIVOT else 1900) + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        raise _Skip(f"unparseable date {digits!r} (want YYMMDD or YYYYMMDD)", warn=True)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _Skip(f"invalid date {digits!r}", warn=True) from None


def _parse_role(inner: str) -> Role:
    """``AFGGOV >011222`` → ``Role("AFGGOV", 2001-12-22, None)``; raises :class:`_Skip`."""
    text = inner.strip()
    match = _ROLE.fullmatch(text)
    if match is None:
        raise _Skip(f"unparseable role [{text}]", warn=True)
    code = match["code"].upper()
    if code.strip("-+#") == "":
        raise _Skip(f"discard code [{text}]", warn=False)
    if "/" in code:
        raise _Skip(f"compound code [{text}] not supported", warn=False)
    if not _CODE.fullmatch(code):
        raise _Skip(f"malformed code in [{text}]", warn=True)
    if match["bare"]:
        raise _Skip(f"date without <, > or range in [{text}]", warn=True)
    if match["op"]:
        when = _date(match["one"])
        return Role(code, start=when) if match["op"] == ">" else Role(code, end=when)
    if match["start"]:
        start, end = _date(match["start"]), _date(match["end"])
        if end < start:
            raise _Skip(f"date range ends before it starts in [{text}]", warn=True)
        return Role(code, start=start, end=end)
    return Role(code)


@dataclass(slots=True)
class _Draft:
    name: str
    lineno: int
    patterns: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    coded: bool = False  # a [...] was seen, usable or not
    exact: list[str] = field(default_factory=list)  # abbreviations as written: "K.U."


@dataclass(slots=True)
class _ActorParser:
    where: str
    origin: str
    entries: list[ActorEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    draft: _Draft | None = None

    def skip(self, lineno: int, reason: str, *, warn: bool = False) -> None:
        message = f"{self.where}:{lineno}: {reason}"
        self.skipped.append(message)
        if warn:
            warnings.warn(message, DictionaryWarning, stacklevel=2)

    def feed(self, line: _Line) -> None:
        stripped = line.body.strip()
        indented = line.raw[:1] in (" ", "\t")
        if stripped.startswith("+") or (indented and not stripped.startswith("[")):
            # A synonym; an indented name line is read the same way.
            if self.draft is None:
                self.skip(line.lineno, "synonym outside an entry")
                return
            self.add_names(line, stripped.removeprefix("+"))
        elif stripped.startswith("["):
            if self.draft is None:
                self.skip(line.lineno, "role outside an entry")
                return
            self.add_roles(line)
        elif self.continues_names(line):
            self.add_names(line, stripped)
        else:
            self.flush()
            name = stripped.split("[", 1)[0]
            self.draft = _Draft(name=_pattern(name), lineno=line.lineno)
            self.add_names(line, stripped)

    def continues_names(self, line: _Line) -> bool:
        """A codeless name line right under a codeless name is a synonym with its ``+``
        missing (common in the Phoenix files: ``LEONID_BREZHNEV_`` / ``SECRETARY_BREZHNEV``)."""
        draft = self.draft
        return (
            draft is not None and not draft.coded and not line.after_blank and "[" not in line.body
        )

    def add_names(self, line: _Line, text: str) -> None:
        assert self.draft is not None
        pattern = _pattern(text.split("[", 1)[0])
        if pattern:
            self.draft.patterns.append(pattern)
            if all("." in word for word in pattern.split()):
                # "K.U.": the tokenizer keeps a capitalised abbreviation whole but splits
                # "k.u." in lower case, so the spelling as written is matched too
                self.draft.exact.append(" ".join(text.split("[", 1)[0].replace("_", " ").split()))
        if "[" in text:
            self.add_roles(line)  # keeps the comment too
        elif line.comment:
            self.draft.comments.append(line.comment)

    def add_roles(self, line: _Line) -> None:
        assert self.draft is not None
        self.draft.coded = True
        if line.comment:
            self.draft.comments.append(line.comment)
        if line.body.count("[") != len(_BRACKET.findall(line.body)):
            self.skip(line.lineno, f"unbalanced brackets in {line.body.strip()!r}", warn=True)
            return
        for inner in _BRACKET.findall(line.body):
            try:
                self.draft.roles.append(_parse_role(inner))
            except _Skip as exc:
                self.skip(line.lineno, exc.reason, warn=exc.warn)

    def flush(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        if not draft.roles or not draft.patterns:
            self.skip(draft.lineno, f"entry {draft.name!r} has no usable code")
            return
        roles = tuple(sorted(dict.fromkeys(draft.roles), key=_role_order))
        patterns = tuple(dict.fromkeys(draft.patterns))
        kind = _kind(roles, patterns, draft.comments)
        name = _display_name(draft.name or patterns[0])
        exact = tuple(dict.fromkeys(draft.exact))
        self.entries.append(ActorEntry(name, kind, patterns, roles, self.origin, exact))


def _role_order(role: Role) -> tuple[int, dt.date, dt.date]:
    """Undated roles first (the fallback), then dated ones by start: later ones win in
    ``ActorEntry.role_on``, which takes the last role covering a date."""
    if role.start is None and role.end is None:
        return (0, dt.date.min, dt.date.min)
    return (1, role.start or dt.date.min, role.end or dt.date.max)


def _is_state(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code not in _GENERIC_CODES


def _kind(roles: tuple[Role, ...], patterns: tuple[str, ...], comments: list[str]) -> EntryKind:
    """Person for the leader lists and for dated roles not held by a state; else by code."""
    dated = any(r.start is not None or r.end is not None for r in roles)
    # A bare state code still in force marks a territory that changed hands, not a person.
    state_now = any(_is_state(r.code) for r in roles if r.end is None)
    org_words = any(w in _ORG_WORDS for p in patterns for w in p.split())
    from_leader_list = any(src in c for c in comments for src in _PERSON_SOURCES)
    if from_leader_list or (dated and not org_words and not state_now):
        return "person"
    primary = roles[-1].code
    if primary.startswith("IGO"):
        return "igo"
    if _is_state(primary):
        return "country"
    return "group"


def parse_actor_dictionary(text: str, where: str, origin: str | None = None) -> ActorImport:
    """Parse actor-dictionary text; ``where`` names it in messages (``where:line``)."""
    lines = list(_content_lines(text))
    _require_brackets(where, lines)
    parser = _ActorParser(where=where, origin=origin or Path(where).name)
    for line in lines:
        parser.feed(line)
    parser.flush()
    return ActorImport(tuple(parser.entries), tuple(parser.skipped))


# ---------------------------------------------------------------------------- agents


def _plural_word(word: str) -> str | None:
    """A naive regular plural (PETRARCH generates these too); None when unsure."""
    if not word or word.endswith("men"):
        return None
    if word[-1].isdigit():
        return word + "s"  # "f-16" → "f-16s"
    if not word[-1].isalpha():
        return None
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith(("ss", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("s"):
        return None  # most likely plural already
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _plural(pattern: str) -> str | None:
    head, _, last = pattern.rpartition(" ")
    plural = _plural_word(last)
    if plural is None:
        return None
    return f"{head} {plural}" if head else plural


def _expand(text: str, markers: dict[str, list[str]]) -> list[str]:
    """Every spelling of ``text`` with each ``!MARKER!`` replaced by each of its values."""
    names = _MARKER.findall(text)
    if not names:
        return [text]
    missing = [n for n in names if n.upper() not in markers]
    if missing:
        raise KeyError(missing[0])
    parts = _MARKER.split(text)  # literal, name, literal, name, ...
    choices = [[p] if i % 2 == 0 else markers[p.upper()] for i, p in enumerate(parts)]
    return ["".join(combo) for combo in itertools.product(*choices)]


def _agent_line(line: _Line, markers: dict[str, list[str]], origin: str) -> AgentEntry:
    """One ``PHRASE {PLURALS} [~CODE]`` line; raises ValueError with the reason to skip."""
    body = line.body.strip()
    brackets = _BRACKET.findall(body)
    if len(brackets) != 1 or body.count("[") != 1:
        raise ValueError(f"want exactly one [~CODE] in {body!r}")
    sector = brackets[0].replace("~", "").strip().upper()
    if not _CODE.fullmatch(sector):
        raise ValueError(f"malformed agent code [{brackets[0].strip()}]")
    phrase = body.split("[", 1)[0]
    brace = _BRACE.search(phrase)
    plurals: list[str] | None = None
    if brace:
        plurals = [p for p in brace[1].split(",") if p.strip()]
        phrase = phrase[: brace.start()] + phrase[brace.end() :]
    try:
        forms = _expand(phrase, markers)
        extra = [f for p in plurals or [] for f in _expand(p, markers)]
    except KeyError as exc:
        raise ValueError(f"undefined substitution !{exc.args[0]}!") from None
    patterns = [p for p in map(_pattern, forms) if p]
    if not patterns:
        raise ValueError("no words before the code")
    if plurals is None:
        patterns += [p for p in map(_plural, patterns) if p]
    else:
        patterns += [p for p in map(_pattern, extra) if p]
    return AgentEntry(tuple(dict.fromkeys(patterns)), sector, origin)


def parse_agent_dictionary(text: str, where: str, origin: str | None = None) -> AgentImport:
    """Parse agent-dictionary text; lines that cannot be read are listed in ``skipped``."""
    lines = list(_content_lines(text))
    _require_brackets(where, lines)
    origin = origin or Path(where).name
    markers: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    skipped: list[str] = []
    for line in lines:
        definition = _MARKER_DEF.fullmatch(line.body.strip())
        if definition:
            values = [v.strip() for v in definition[2].split(",") if v.strip()]
            markers[definition[1].upper()] = values
            continue
        try:
            entries.append(_agent_line(line, markers, origin))
        except ValueError as exc:
            skipped.append(f"{where}:{line.lineno}: {exc}")
    return AgentImport(tuple(entries), tuple(skipped))
