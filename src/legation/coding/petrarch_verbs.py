"""Import PETRARCH/TABARI verb dictionaries (CAMEO.2.0 format) as lexicon rows and patterns.

Users of PETRARCH and Phoenix keep curated verb dictionaries; reading them directly lets them
code with legation without converting anything by hand. What a file holds, and what legation
makes of it:

- ``&NAME`` starts a synonym set, its ``+WORD`` lines are the members (``+&OTHER`` includes
  another set; ``_`` or a space joins the words of a phrase; a trailing ``_`` is dropped).
- ``--- NAME [CODE] ---`` starts a verb block; its code is the default of the block's verbs
  (``[---]``: none, the verbs code only through patterns).
- verb lines: ``VERB``, ``+VERB``, ``VERB [CODE]`` (own code), ``VERB {FORM FORM}`` (irregular
  forms), multi-word verbs ``BREAK_DOWN``, ``LASH OUT``, ``WIRE_+TAP`` (``+`` marks the verb
  among the words). A one-word verb becomes a lexicon row (lemma → code); a multi-word verb a
  pattern that needs its other words next to it.
- pattern lines ``- WORDS * WORDS [CODE]``: ``*`` is the verb of the block, the words before and
  after it must appear in that order in the sentence (``_``: adjacent, space: others may come
  between); ``&NAME`` is any member of a set; ``$`` source, ``+`` target, ``%`` compound actor
  (an actor's token must be there), ``^`` a skipped phrase; CAMEO.2.0's ``{noun phrase}`` and
  ``(prepositional phrase)`` brackets group words and are read as plain words in order. A
  pattern applies to every one-word verb of its block (``coding.patterns``).
- codes: ``[042]``; ``[042:043]`` (active:passive) codes the active part; ``[:173]``
  (passive only) is left out. A code legation's CAMEO table lacks is read as its nearest
  CAMEO parent (``1717`` → ``171``, ``095`` → ``09``) and noted; one with no CAMEO root
  (WEIS codes such as ``223``, tags such as ``+++``) is unusable: a warning, line skipped.
- ``#`` comments, ``<!-- … -->`` markup and ``~`` transformation lines are skipped.

Unusable lines come as :class:`~legation.actors.petrarch.DictionaryWarning` naming
``path:line`` and are listed in :attr:`VerbDictionary.skipped`; a file with content but no
``---`` block raises ``DataFileError``. Every row and pattern keeps its ``path:line`` in
``Trigger.where``, so an event's ``rule`` names the dictionary line that coded it.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from legation.actors.petrarch import DictionaryWarning, content_lines, read_dictionary_text
from legation.coding.lexicon import Lexicon, Trigger
from legation.coding.patterns import MARKERS, Element, VerbPattern
from legation.errors import DataFileError
from legation.ontology import load_ontology

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "Lemmatize",
    "VerbBlock",
    "VerbDictionary",
    "VerbLine",
    "lexicon_from",
    "load_verb_files",
    "parse_verb_dictionary",
    "read_verb_dictionary",
    "spacy_lemmatizer",
]

Lemmatize = Callable[[str, str], str]  # (word, "VERB" | "NOUN") -> lemma, lower case
_HEADER = re.compile(r"---\s*(?P<name>[^\[]*?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)[-\s]*")
_CODE_AT_END = re.compile(r"\[([^\[\]]*)\]\s*$")
_DIGITS = re.compile(r"(\d{2,4})[A-Za-z?!]*")
_SPLIT = re.compile(r"[\s_]+")
_BRACKETS = str.maketrans({c: " " for c in "{}()"})


def _identity(word: str, pos: str) -> str:
    return word.lower()


@dataclass(frozen=True, slots=True)
class VerbLine:
    """A verb of a block: its words (lower case), which one is the verb, its own code."""

    words: tuple[str, ...]
    verb: int
    code: str | None  # a CAMEO code, or None: the block's code
    line: int
    forms: tuple[VerbLine, ...] = ()  # irregular forms, read the same way


@dataclass(frozen=True, slots=True)
class PatternLine:
    """A ``- … * … [CODE]`` line, its items in order around the verb (``None`` = ``*``)."""

    items: tuple[tuple[str, str, bool], ...]  # (kind, text, joined); kind "verb" for *
    code: str | None  # None: the pattern discards the event (``[---]``)
    line: int


@dataclass(slots=True)
class VerbBlock:
    name: str
    code: str | None
    line: int
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[PatternLine] = field(default_factory=list)


@dataclass(slots=True)
class VerbDictionary:
    """What a verb dictionary holds; ``skipped`` lists ``path:line: why`` for left-out lines
    (``warned`` the unusable ones among them), ``notes`` codes read as a CAMEO parent."""

    where: str
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    emit: bool = True  # issue a DictionaryWarning for each unusable line

    def counts(self) -> dict[str, int]:
        """Blocks, verbs, patterns, synsets and warnings, as ``legation verbs check`` prints."""
        return {
            "blocks": len(self.blocks),
            "verbs": sum(len(b.verbs) for b in self.blocks),
            "patterns": sum(len(b.patterns) for b in self.blocks),
            "synsets": len(self.synsets),
            "warnings": len(self.warned),
        }


class _Unusable(ValueError):
    """A line that cannot be used; ``warn`` when it is malformed, not just unsupported."""

    def __init__(self, reason: str, *, warn: bool = True) -> None:
        super().__init__(reason)
        self.warn = warn


def read_verb_dictionary(path: Path, *, warn: bool = True) -> VerbDictionary:
    """Read a verb dictionary file; with ``warn``, each unusable line is a warning."""
    path = Path(path)
    return parse_verb_dictionary(read_dictionary_text(path), str(path), warn=warn)


def parse_verb_dictionary(text: str, where: str, *, warn: bool = True) -> VerbDictionary:
    """Parse verb-dictionary text; ``where`` names it in messages and rules (``where:line``)."""
    parsed = VerbDictionary(where, emit=warn)
    block: VerbBlock | None = None
    synset: str | None = None
    lines = list(content_lines(text))
    for line in lines:
        body = line.body.strip()
        try:
            if body.startswith("---"):
                block, synset = _header(body, line.lineno, parsed), None
                parsed.blocks.append(block)
            elif body.startswith("&"):
                synset, block = _synset_name(body.split()[0]), None
                parsed.synsets.setdefault(synset, [])
            elif body.startswith("~"):
                raise _Unusable("verb transformations are not supported", warn=False)
            elif body.startswith("-"):
                if block is None:
                    raise _Unusable("pattern outside a verb block")
                block.patterns.append(_pattern(body[1:], line.lineno, parsed))
            elif synset is not None and body.startswith("+"):
                parsed.synsets[synset].append((body[1:].strip(), line.lineno))
            elif block is not None:
                block.verbs.append(_verb_line(body.removeprefix("+"), line.lineno, parsed))
            else:
                raise _Unusable("line outside a verb block or synonym set")
        except _Unusable as exc:
            _skip(parsed, line.lineno, str(exc), warn=exc.warn)
    if lines and not parsed.blocks:
        raise DataFileError(f"{where}:{lines[0].lineno}", "no --- VERB [CODE] --- block found")
    _check_synsets(parsed)
    return parsed


def _skip(parsed: VerbDictionary, lineno: int, reason: str, *, warn: bool) -> None:
    message = f"{parsed.where}:{lineno}: {reason}"
    parsed.skipped.append(message)
    if warn:
        parsed.warned.append(message)
        if parsed.emit:
            warnings.warn(message, DictionaryWarning, stacklevel=3)


def _synset_name(text: str) -> str:
    return text.lstrip("&").rstrip("_").upper()


def _header(body: str, lineno: int, parsed: VerbDictionary) -> VerbBlock:
    match = _HEADER.fullmatch(body)
    if match is None or not match["name"]:
        raise _Unusable(f"malformed block header {body!r}")
    codes = re.findall(r"\[([^\]]*)\]", match["codes"])
    block = VerbBlock(match["name"].upper(), None, lineno)
    if codes:
        try:
            block.code = _code(codes[0], lineno, parsed)
        except _Unusable as exc:
            _skip(parsed, lineno, f"block {block.name}: {exc}; its verbs code by patterns only",
                  warn=exc.warn)  # fmt: skip
    return block


def _code(raw: str, lineno: int, parsed: VerbDictionary) -> str | None:
    """``[042:043]`` → ``"042"``; ``---`` → None; a code not in CAMEO → its CAMEO parent."""
    text = raw.strip()
    active, _, passive = text.partition(":")
    active = active.strip()
    if active in ("", "---") and passive.strip():
        raise _Unusable(f"passive-only code [{text}] not supported", warn=False)
    if active in ("", "---"):
        return None
    digits = _DIGITS.fullmatch(active)
    if digits is None:
        raise _Unusable(f"unusable code [{text}]")
    code = digits[1]
    ontology = load_ontology()
    for candidate in (code, code[:3], code[:2]):
        if candidate in ontology:
            if candidate != active:
                parsed.notes.append(f"{parsed.where}:{lineno}: code {active} read as {candidate}")
            return candidate
    raise _Unusable(f"code [{text}] has no CAMEO root")


def _split_code(body: str, lineno: int, parsed: VerbDictionary) -> tuple[str, str | None, bool]:
    """Text before a trailing ``[CODE]``, the code, and whether there was one."""
    match = _CODE_AT_END.search(body)
    if match is None:
        return body, None, False
    return body[: match.start()], _code(match[1], lineno, parsed), True


def _verb_line(body: str, lineno: int, parsed: VerbDictionary) -> VerbLine:
    text, code, _ = _split_code(body, lineno, parsed)
    forms: list[VerbLine] = []
    brace = re.search(r"\{([^{}]*)\}", text)
    if brace:
        for form in brace[1].split():
            forms.append(_verb_words(form.removeprefix("+"), code, lineno))
        text = text[: brace.start()] + text[brace.end() :]
    if "[" in text or "]" in text:
        raise _Unusable(f"malformed verb line {body.strip()!r}")
    verb = _verb_words(text, code, lineno)
    return VerbLine(verb.words, verb.verb, code, lineno, tuple(forms))


def _verb_words(text: str, code: str | None, lineno: int) -> VerbLine:
    """``KLM_NOP_+RST`` → words (klm, nop, rst), verb 2; ``BREAK_DOWN`` → verb 0."""
    front, plus, rest = text.strip().rpartition("+")
    before = [w for w in _SPLIT.split(front) if w] if plus else []
    after = [w for w in _SPLIT.split(rest) if w]
    if not after or not all(_plain_word(w) for w in (*before, *after)):
        raise _Unusable(f"no usable verb in {text.strip()!r}")
    words = tuple(w.lower() for w in (*before, *after))
    return VerbLine(words, len(before), code, lineno)


def _plain_word(word: str) -> bool:
    return bool(word) and not any(c in word for c in "[]{}()&*$%^")


def _pattern(body: str, lineno: int, parsed: VerbDictionary) -> PatternLine:
    text, code, has_code = _split_code(body, lineno, parsed)
    if not has_code:
        raise _Unusable("pattern without [CODE]")
    items: list[tuple[str, str, bool]] = []
    for chunk in text.translate(_BRACKETS).split():
        for k, part in enumerate(chunk.split("_")):
            if not part:
                continue
            joined = k > 0
            if part == "*":
                items.append(("verb", "*", joined))
            elif part in MARKERS:
                items.append((MARKERS[part], part, joined))
            elif part.startswith("&"):
                items.append(("synset", _synset_name(part), joined))
            elif _plain_word(part):
                items.append(("word", part.lower(), joined))
            else:
                raise _Unusable(f"unreadable word {part!r} in pattern")
    if sum(1 for kind, _, _ in items if kind == "verb") != 1:
        raise _Unusable("a pattern needs exactly one * (the verb)")
    return PatternLine(tuple(items), code, lineno)


def _check_synsets(parsed: VerbDictionary) -> None:
    """Patterns naming a set that the file never defines are left out (with a warning)."""
    for block in parsed.blocks:
        kept = []
        for pattern in block.patterns:
            missing = [t for k, t, _ in pattern.items if k == "synset" and t not in parsed.synsets]
            if missing:
                _skip(parsed, pattern.line, f"undefined synonym set &{missing[0]}", warn=True)
            else:
                kept.append(pattern)
        block.patterns = kept


# ---------------------------------------------------------------------------- to a lexicon

Phrase = tuple[frozenset[str], ...]


@dataclass(slots=True)
class _Builder:
    """Turns one parsed dictionary into rows and patterns, with word forms lemmatized."""

    parsed: VerbDictionary
    lemmatize: Lemmatize
    rows: list[Trigger] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)
    _expanded: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)

    def forms(self, word: str) -> frozenset[str]:
        word = word.lower()
        return frozenset((word, self.lemmatize(word, "NOUN"), self.lemmatize(word, "VERB")))

    def phrase(self, text: str) -> Phrase:
        return tuple(self.forms(w) for w in _SPLIT.split(text.strip()) if w)

    def synset(self, name: str, seen: frozenset[str] = frozenset()) -> tuple[Phrase, ...]:
        """Every phrase of a set, nested sets included (a set including itself stops)."""
        if name in self._expanded:
            return self._expanded[name]
        options: list[Phrase] = []
        for member, _ in self.parsed.synsets.get(name, []):
            if member.startswith("&"):
                inner = _synset_name(member)
                if inner not in seen | {name}:
                    options.extend(self.synset(inner, seen | {name}))
            elif phrase := self.phrase(member):
                options.append(phrase)
        self._expanded[name] = tuple(options)
        return self._expanded[name]

    def trigger(self, code: str, lemma: str, note: str, line: int) -> Trigger:
        return Trigger(code, "VERB", lemma, None, frozenset(), note, f"{self.parsed.where}:{line}")

    def block(self, block: VerbBlock) -> None:
        lemmas: list[str] = []
        for verb in block.verbs:
            for line in (verb, *verb.forms):
                lemma = self.verb(block, line)
                if lemma is not None and lemma not in lemmas:
                    lemmas.append(lemma)
        for pattern in block.patterns:
            self.patterns.extend(self.pattern(block, pattern, lemmas))

    def verb(self, block: VerbBlock, line: VerbLine) -> str | None:
        """A row (one word) or a pattern (several); the lemma for the block's patterns."""
        code = line.code or block.code
        lemma = self.lemmatize(line.words[line.verb], "VERB")
        if len(line.words) == 1:
            if code is not None:
                self.rows.append(self.trigger(code, lemma, block.name, line.line))
            return lemma
        if code is not None:
            before = tuple(Element("word", ((self.forms(w),),), k > 0)
                           for k, w in enumerate(line.words[: line.verb]))  # fmt: skip
            after = tuple(Element("word", ((self.forms(w),),), True)
                          for w in line.words[line.verb + 1 :])  # fmt: skip
            trigger = self.trigger(code, lemma, f"{block.name} {' '.join(line.words)}", line.line)
            where = f"{self.parsed.where}:{line.line}"
            self.patterns.append(VerbPattern(lemma, before, after, trigger, where, bool(before)))
        return None

    def pattern(self, block: VerbBlock, line: PatternLine, lemmas: list[str]) -> list[VerbPattern]:
        """One pattern line as a pattern of each of the block's verbs (elements shared)."""
        at = next(k for k, (kind, _, _) in enumerate(line.items) if kind == "verb")
        before = tuple(self.element(*item) for item in line.items[:at])
        after = tuple(self.element(*item) for item in line.items[at + 1 :])
        where = f"{self.parsed.where}:{line.line}"
        verb_joined = line.items[at][2]
        found = []
        for lemma in lemmas:
            trigger = None
            if line.code is not None:
                trigger = self.trigger(line.code, lemma, f"pattern {block.name}", line.line)
            found.append(VerbPattern(lemma, before, after, trigger, where, verb_joined))
        return found

    def element(self, kind: str, text: str, joined: bool) -> Element:
        if kind == "word":
            return Element("word", ((self.forms(text),),), joined)
        if kind == "synset":
            return Element("word", self.synset(text), joined)
        return Element(MARKERS[text], (), joined)


def lexicon_from(parsed: VerbDictionary, lemmatize: Lemmatize = _identity) -> Lexicon:
    """The rows and patterns of a parsed dictionary; ``lemmatize`` gives verbs' lemmas (the
    coder's lemmatizer, so "SAID" becomes the row for "say")."""
    builder = _Builder(parsed, lemmatize)
    for block in parsed.blocks:
        builder.block(block)
    return Lexicon(builder.rows, builder.patterns)


def load_verb_files(
    paths: Iterable[Path],
    base: Lexicon,
    lemmatize: Lemmatize = _identity,
    *,
    replace: bool = False,
    warn: bool = True,
) -> Lexicon:
    """``base`` with the verb dictionaries over it (a verb a dictionary lists is coded by the
    dictionary alone; a later file wins over an earlier one), or, with ``replace``, the
    dictionaries alone."""
    imported = Lexicon()
    for path in paths:
        imported = imported.overlaid(lexicon_from(read_verb_dictionary(path, warn=warn), lemmatize))
    return imported if replace else base.overlaid(imported)


def spacy_lemmatizer(nlp: Language) -> Lemmatize:
    """The pipeline's own lemmatizer on one word with a given part of speech, cached, so a
    dictionary's "SAID" or "BROKE" lands on the lemma the coder sees ("say", "break")."""
    from spacy.tokens import Doc

    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    @functools.cache
    def lemmatize(word: str, pos: str) -> str:
        if lemmatizer is None or not word.isascii():
            return word.lower()
        doc = Doc(nlp.vocab, words=[word.lower()], pos=[pos])
        return lemmatizer(doc)[0].lemma_.lower() or word.lower()

    return lemmatize
