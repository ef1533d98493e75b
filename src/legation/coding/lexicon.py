"""The trigger lexicon: which verb or event noun, with which particle and object, means which
CAMEO event code.

The bundled table (``data/triggers.tsv``) is data, not code, so analysts can read, extend or
override it with a file of their own in the same format. Each row names a head lemma (``visit``,
``sign``), optionally a particle that must hang off it (``call`` + ``for``) and a set of
object lemmas of which one must be present (``sign`` + ``treaty|agreement``). ``match`` picks
the most specific row that fits; every row keeps its ``file:line`` so a coded event can say
which entry produced it.

A lexicon may also hold word-order verb patterns (``coding.patterns``, read from PETRARCH/TABARI
verb dictionaries by ``coding.petrarch_verbs``); ``refine`` lets a matching pattern decide the
code of a verb. ``overlaid`` puts an imported dictionary over the bundled table: a verb the
dictionary lists is coded by the dictionary alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from legation.errors import DataFileError
from legation.ontology import load_ontology

if TYPE_CHECKING:
    from spacy.tokens import Token

    from legation.coding.patterns import Binding, IsActor, VerbPattern

__all__ = ["HEADER", "POS_TAGS", "Lexicon", "Trigger", "load_lexicon", "parse_lexicon"]

HEADER = ("code", "pos", "lemma", "particle", "objects", "note")
POS_TAGS = frozenset({"VERB", "NOUN"})
ACTOR_OBJECT = "@actor"  # an object that is a resolved actor mention, as the coder passes it
_WORD = re.compile(r"[a-z][a-z0-9'-]*")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: head lemma (+ particle, + one of ``objects``) → CAMEO ``code``."""

    code: str
    pos: str
    lemma: str
    particle: str | None
    objects: frozenset[str]
    note: str
    where: str  # "triggers.tsv:123"

    @property
    def specificity(self) -> int:
        """3 particle and objects, 2 particle only, 1 objects only, 0 plain: higher wins."""
        return (2 if self.particle else 0) + (1 if self.objects else 0)


class Lexicon:
    """Trigger rows indexed by (pos, lemma); later files extend and override earlier ones."""

    def __init__(
        self, triggers: Iterable[Trigger] = (), patterns: Iterable[VerbPattern] = ()
    ) -> None:
        self._rows: dict[tuple[str, str], list[Trigger]] = {}
        self._patterns: dict[str, list[VerbPattern]] = {}
        self._count = 0
        for t in triggers:
            self._rows.setdefault((t.pos, t.lemma), []).append(t)
            self._count += 1
        for p in patterns:
            self._patterns.setdefault(p.lemma, []).append(p)

    def overlaid(self, other: Lexicon) -> Lexicon:
        """``other`` over this lexicon: this lexicon's rows for a (pos, lemma) that ``other``
        has rows or patterns for are dropped, so ``other`` alone decides those words."""
        covered = {(t.pos, t.lemma) for t in other.triggers()}
        covered.update(("VERB", lemma) for lemma in other._patterns)
        kept = [t for t in self.triggers() if (t.pos, t.lemma) not in covered]
        own = [p for p in self.patterns() if ("VERB", p.lemma) not in covered]
        return Lexicon([*other.triggers(), *kept], [*other.patterns(), *own])

    def patterns(self) -> list[VerbPattern]:
        """Every verb pattern, in precedence order within each lemma."""
        return [p for rows in self._patterns.values() for p in rows]

    def refine(
        self, token: Token, entry: Trigger | None, is_actor: IsActor | None = None
    ) -> Trigger | None:
        """The code of the verb ``token``: the most specific pattern of its lemma that
        matches the words around it (``None`` for a discarding pattern), else ``entry``.

        Ties go to the earlier pattern; without patterns for the lemma, ``entry`` as given.
        """
        patterns = self._patterns.get(token.lemma_.lower())
        if not patterns:
            return entry
        best: VerbPattern | None = None
        for pattern in patterns:
            if best is not None and pattern.specificity <= best.specificity:
                continue
            if pattern.matches(token, is_actor):
                best = pattern
        return entry if best is None else best.trigger

    def refine_bound(
        self, token: Token, entry: Trigger | None, is_actor: IsActor | None = None
    ) -> tuple[Trigger | None, Binding | None]:
        """``refine``, and which actors the chosen pattern's markers took (``None``: no
        pattern chose the code)."""
        patterns = self._patterns.get(token.lemma_.lower())
        if not patterns:
            return entry, None
        best: VerbPattern | None = None
        bound: Binding | None = None
        for pattern in patterns:
            if best is not None and pattern.specificity <= best.specificity:
                continue
            binding = pattern.bind(token, is_actor)
            if binding is not None:
                best, bound = pattern, binding
        return (entry, None) if best is None else (best.trigger, bound)

    def extended(self, other: Lexicon) -> Lexicon:
        """A lexicon with ``other``'s rows placed first, so on equal specificity they win."""
        return Lexicon([*other.triggers(), *self.triggers()], [*other.patterns(), *self.patterns()])

    def triggers(self) -> list[Trigger]:
        """Every row, in precedence order within each (pos, lemma)."""
        return [t for rows in self._rows.values() for t in rows]

    def match(
        self,
        pos: str,
        lemma: str,
        particles: Collection[str] = (),
        object_lemmas: Collection[str] = (),
    ) -> Trigger | None:
        """The most specific row for this head, or ``None``.

        A row with a particle needs that particle among ``particles``; a row with objects needs
        one of them among ``object_lemmas``. Particle and objects beat particle only, which
        beats objects only, which beats a plain row; ties go to the earlier row.
        """
        rows = self._rows.get((pos.upper(), lemma.lower()))
        if not rows and pos.upper() == "NOUN":
            # a title-case "Concessions" is tagged a name and keeps its plural as lemma
            rows = next(
                (r for s in _singulars(lemma.lower()) if (r := self._rows.get(("NOUN", s)))),
                None,
            )
        if not rows:
            return None
        parts = {p.lower() for p in particles}
        objs = {o if o == ACTOR_OBJECT else o.lower() for o in object_lemmas}
        objs |= {s for o in objs if o != ACTOR_OBJECT for s in _singulars(o)}
        best: Trigger | None = None
        for t in rows:
            if t.particle is not None and t.particle not in parts:
                continue
            if t.objects and t.objects.isdisjoint(objs):
                continue
            if best is None or t.specificity > best.specificity:
                best = t
        return best

    def lemmas(self, pos: str | None = None) -> frozenset[str]:
        """Head lemmas (of one part of speech, or all): a cheap screen before parsing.

        Noun lemmas come with their regular plurals, which ``match`` takes back to the
        singular: a noun that the parser reads as a name ("Talks" in a title-case
        headline) keeps its plural form as lemma.
        """
        lemmas = {lem for (p, lem) in self._rows if pos is None or p == pos.upper()}
        lemmas.update(
            _plural(lem) for (p, lem) in self._rows if p == "NOUN" and pos in (None, "NOUN")
        )
        if pos is None or pos.upper() == "VERB":
            lemmas.update(self._patterns)
        return frozenset(lemmas)

    def roots(self) -> set[str]:
        """The CAMEO roots ("01".."20") some row codes for."""
        roots = {t.code[:2] for rows in self._rows.values() for t in rows}
        roots.update(p.trigger.code[:2] for p in self.patterns() if p.trigger is not None)
        return roots

    def __len__(self) -> int:
        return self._count


def _plural(noun: str) -> str:
    """The regular plural of ``noun``: talk -> talks, embargo -> embargoes, casualty ->
    casualties, march -> marches (irregular ones are left to the parser's lemmas)."""
    if noun.endswith(("s", "x", "z", "ch", "sh", "o")):
        return noun + "es"
    if len(noun) > 2 and noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _singulars(word: str) -> tuple[str, ...]:
    """The singulars a regular plural ``word`` may come from, most likely first: talks ->
    talk; embargoes -> embargo, embargoe; casualties -> casualty; "ss", "us" and "is" are
    no plural endings (press, status, crisis)."""
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return ()
    if word.endswith("ies"):
        return (word[:-3] + "y", word[:-1])
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    return (word[:-1],)


def _parse_row(fields: list[str], where: str) -> Trigger:
    """One data row → ``Trigger``; anything off is a ``DataFileError`` naming ``where``."""
    if len(fields) != len(HEADER):
        raise DataFileError(
            where, f"expected {len(HEADER)} tab-separated fields, got {len(fields)}"
        )
    code, pos, lemma, particle, objects, note = (f.strip() for f in fields)
    if code not in load_ontology():
        raise DataFileError(where, f"unknown CAMEO event code {code!r}")
    if pos not in POS_TAGS:
        raise DataFileError(where, f"pos must be VERB or NOUN, not {pos!r}")
    if not _WORD.fullmatch(lemma):
        raise DataFileError(where, f"lemma must be one lower-case word, not {lemma!r}")
    if particle and not _WORD.fullmatch(particle):
        raise DataFileError(where, f"particle must be one lower-case word, not {particle!r}")
    objs = frozenset(o.strip() for o in objects.split("|") if o.strip()) if objects else frozenset()
    bad = sorted(o for o in objs if o != ACTOR_OBJECT and not _WORD.fullmatch(o))
    if bad:
        raise DataFileError(where, f"objects must be lower-case lemmas, not {', '.join(bad)}")
    return Trigger(code, pos, lemma, particle or None, objs, note, where)


def parse_lexicon(text: str, where: str) -> Lexicon:
    """Parse trigger-table text; ``where`` names the file in error messages and ``Trigger.where``.

    Blank lines and lines starting with ``#`` are skipped; the first other line is the header.
    """
    rows: list[Trigger] = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        here = f"{where}:{lineno}"
        fields = line.rstrip("\r\n").split("\t")
        if not header_seen:
            if tuple(f.strip() for f in fields) != HEADER:
                raise DataFileError(here, f"header must be: {' '.join(HEADER)} (tab-separated)")
            header_seen = True
            continue
        rows.append(_parse_row(fields, here))
    if not header_seen:
        raise DataFileError(where, f"no header line ({' '.join(HEADER)})")
    return Lexicon(rows)


@functools.cache
def _bundled() -> Lexicon:
    source = resources.files("legation.coding.data").joinpath("triggers.tsv")
    return parse_lexicon(source.read_text(encoding="utf-8"), "triggers.tsv")


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The bundled lexicon (read once per process), extended by the user file ``extra``.

    Rows of ``extra`` come first, so they override bundled rows of equal specificity.
    """
    if extra is None:
        return _bundled()
    try:
        text = Path(extra).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(extra), f"cannot read lexicon file: {exc}") from None
    return _bundled().extended(parse_lexicon(text, str(extra)))
