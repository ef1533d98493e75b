"""Word-order verb patterns, as PETRARCH/TABARI verb dictionaries write them.

A pattern is a verb with words that must come before and after it in the sentence
(``SAID WOULD * ATTACK``: "said", then "would", then the verb, then "attack"). Words joined by
``_`` in the dictionary must be adjacent; words separated by a space may have others between
them. An element can be a set of alternative phrases (a ``&SYNSET``), or a marker for the
source, target or a compound actor (``$``, ``+``, ``%``), which needs an actor's token there
when the coder says which tokens are actors, or a skipped phrase (``^``), which needs nothing.

Matching reads the sentence's tokens only (their text and lemma), not the parse: that is how
the dictionaries were written, and it keeps the hand-curated meaning of each line. The lexicon
(``Lexicon.refine``) picks, among the patterns of a verb that match, the one with most words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from legation.coding.lexicon import Trigger

__all__ = ["Element", "ElementKind", "IsActor", "VerbPattern"]

ElementKind = Literal["word", "source", "target", "both", "skip"]
IsActor = Callable[[Token], bool]
MARKERS: dict[str, ElementKind] = {"$": "source", "+": "target", "%": "both", "^": "skip"}


@dataclass(frozen=True, slots=True)
class Element:
    """One position of a pattern; ``joined``: adjacent to the item before it (``_``).

    ``options`` (for words): alternative phrases, each a tuple of words, each word the set
    of forms that match it (its spelling and lemmas, lower case).
    """

    kind: ElementKind
    options: tuple[tuple[frozenset[str], ...], ...] = ()
    joined: bool = False


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A verb (``lemma``) with the words around it that give ``trigger``'s code.

    ``trigger`` is ``None`` for a pattern that discards the event (code ``---``).
    ``verb_joined``: the verb is adjacent to the last ``before`` element (``IN_*``).
    """

    lemma: str
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    trigger: Trigger | None
    where: str
    verb_joined: bool = False

    @property
    def specificity(self) -> int:
        """How many words (not markers) the pattern needs: more words, more specific."""
        return sum(1 for e in (*self.before, *self.after) if e.kind == "word")

    def matches(self, token: Token, is_actor: IsActor | None = None) -> bool:
        """Whether the words around ``token`` (the verb) in its sentence fit the pattern."""
        sentence = token.sent
        after = [t for t in sentence if t.i > token.i]
        before = [t for t in reversed(list(sentence)) if t.i < token.i]
        if not _match(list(self.after), after, 0, forward=True, is_actor=is_actor):
            return False
        if not self.before:
            return True
        # right to left: each element's adjacency is to the item after it in the sentence
        flags = [self.verb_joined, *(e.joined for e in reversed(self.before[1:]))]
        backward = [
            Element(e.kind, e.options, joined)
            for e, joined in zip(reversed(self.before), flags, strict=True)
        ]
        return _match(backward, before, 0, forward=False, is_actor=is_actor)


def _forms(token: Token) -> frozenset[str]:
    return frozenset((token.lower_, token.lemma_.lower()))


def _match(
    elements: list[Element],
    tokens: Sequence[Token],
    start: int,
    *,
    forward: bool,
    is_actor: IsActor | None,
) -> bool:
    """Backtracking subsequence match of ``elements`` in ``tokens`` from ``start``."""
    if not elements:
        return True
    first, rest = elements[0], elements[1:]
    if first.kind == "skip":
        return _match(rest, tokens, start, forward=forward, is_actor=is_actor)
    last = start if first.joined else len(tokens) - 1
    for position in range(start, min(last, len(tokens) - 1) + 1):
        for end in _ends(first, tokens, position, forward=forward, is_actor=is_actor):
            if _match(rest, tokens, end, forward=forward, is_actor=is_actor):
                return True
    return False


def _ends(
    element: Element,
    tokens: Sequence[Token],
    position: int,
    *,
    forward: bool,
    is_actor: IsActor | None,
) -> list[int]:
    """Where the match continues if ``element`` matches at ``position`` (none: no match)."""
    if element.kind != "word":
        if is_actor is None or is_actor(tokens[position]):
            return [position + 1]
        return []
    ends = []
    for phrase in element.options:
        words = phrase if forward else tuple(reversed(phrase))
        stop = position + len(words)
        if stop > len(tokens):
            continue
        if all(w & _forms(t) for w, t in zip(words, tokens[position:stop], strict=True)):
            ends.append(stop)
    return ends
