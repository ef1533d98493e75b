"""Names where codes are expected: ``Russia``, ``north korean``, ``Putin`` or ``RUSGOV``
→ the actor code a query filters on.

Every place a user names an actor (``--source``, ``legation visits "North Korea"``,
``claim RUS,SUN PRK``, ``/api/events?source=Russia``, the dashboard's boxes) goes through
``resolve_actor``, so the CLI and the API accept the same names and refuse the same
unknowns: an unknown name or code is an ``InputError`` (with the closest known name when
there is one), never an empty table.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from legation.actors.kb import ACTOR_CODE, load_default_kb
from legation.errors import InputError

if TYPE_CHECKING:
    from legation.store import Store

KnownCode = Callable[[str], bool]  # "does the store hold events with this code?"
_CODE_SHAPE = re.compile(r"[A-Z0-9]{2,32}")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class CodeIndex:
    """The knowledge base seen from the other side: names → codes, and known codes."""

    names: dict[str, str]  # lower-case surface form → code
    codes: frozenset[str]  # every full code the knowledge base assigns
    prefixes: frozenset[str]  # countries and IGO prefixes (RUS, IGOUNO)
    sectors: frozenset[str]  # GOV, MIL, ...

    def knows_code(self, code: str) -> bool:
        """A code the knowledge base assigns, or a known prefix with known sectors."""
        if code in self.codes or code in self.prefixes:
            return True
        size = 6 if code.startswith("IGO") else 3
        prefix, rest = code[:size], code[size:]
        if prefix not in self.prefixes or len(rest) % 3:
            return False
        return all(rest[i : i + 3] in self.sectors for i in range(0, len(rest), 3))


@cache
def default_index() -> CodeIndex:
    """Built once per process from the bundled knowledge base. Countries come first, so
    a name shared by a country and something else ("georgia") is the country."""
    kb = load_default_kb()
    names: dict[str, str] = {}
    codes: set[str] = set()
    for entry in kb.entries:
        code = entry.role_on(None)[0].code
        codes.update(role.code for role in entry.roles)
        for pattern in (entry.name.lower(), *entry.patterns):
            names.setdefault(_key(pattern), code)
    prefixes = {c for c in codes if len(c) == 3 or (c.startswith("IGO") and len(c) == 6)}
    prefixes.update(kb.country_names)
    sectors = {agent.sector for agent in kb.agents}
    for code in codes:
        size = 6 if code.startswith("IGO") else 3
        rest = code[size:]
        sectors.update(rest[i : i + 3] for i in range(0, len(rest) - 2, 3))
    return CodeIndex(names, frozenset(codes), frozenset(prefixes), frozenset(sectors))


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


def resolve_actor(
    value: str, where: str, known: KnownCode | None = None, index: CodeIndex | None = None
) -> str:
    """``value`` as an actor code: a code the knowledge base knows (any case), a country
    or actor name, or a code the store holds (``known``, for imported data with codes of
    its own). Anything else is an ``InputError`` at ``where``."""
    index = index or default_index()
    text = value.strip()
    if not text:
        raise InputError(where, "no country or actor given")
    upper = text.upper()
    if ACTOR_CODE.fullmatch(upper) and index.knows_code(upper):
        return upper
    by_name = index.names.get(_key(text))
    if by_name is not None:
        return by_name
    if _CODE_SHAPE.fullmatch(upper) and known is not None and known(upper):
        return upper
    raise InputError(where, _unknown(text, index))


def resolve_actors(
    value: str | Sequence[str],
    where: str,
    known: KnownCode | None = None,
    index: CodeIndex | None = None,
) -> list[str]:
    """``"RUS,SUN"``, ``"Russia, Soviet Union"`` or a list of them → codes, in order,
    without repeats."""
    items = [value] if isinstance(value, str) else list(value)
    found: dict[str, None] = {}
    for item in items:
        for part in item.split(","):
            if part.strip():
                found[resolve_actor(part, where, known, index)] = None
    if not found:
        raise InputError(where, "no country or actor given")
    return list(found)


def _unknown(text: str, index: CodeIndex) -> str:
    message = f"unknown country or actor {text!r}"
    candidates = [*index.names, *(c.lower() for c in index.prefixes)]
    close = difflib.get_close_matches(_key(text), candidates, n=1, cutoff=0.75)
    if close:
        name = close[0]
        code = index.names.get(name, name.upper())
        shown = name if name.upper() == code else f"{name} ({code})"
        message += f"; did you mean {shown}?"
    return message + " (a code such as RUS or RUSGOV, or a name such as Russia)"


def store_knows(store: Store) -> KnownCode:
    """``known`` for ``resolve_actor``: whether any stored event has the code as its
    source or target (country or full code)."""
    import sqlalchemy as sa

    from legation.store.schema import events

    def known(code: str) -> bool:
        columns = ("source_country", "target_country", "source_code", "target_code")
        query = sa.select(events.c.event_id).where(sa.or_(*(events.c[c] == code for c in columns)))
        with store.engine.connect() as conn:
            return conn.execute(query.limit(1)).first() is not None

    return known
