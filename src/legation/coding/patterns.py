"""Word-order verb patterns, as PETRARCH/TABARI verb dictionaries write them.

A pattern is a verb with words that must come before and after it in the sentence
(``SAID WOULD * ATTACK``: "said", then "would", then the verb, then "attack"). Words joined by
``_`` in the dictionary must be adjacent; words separated by a space may have others between
them. An element can be a set of alternative phrases (a ``&SYNSET``), or a marker for the
source, target or a compound actor (``$``, ``+``, ``%``), which needs an actor's token there
when the coder says which tokens are actors, or a skipped phrase (``^``): one noun phrase
(one token outside noun phrases), so that "``IN ^ +``" finds the target after the place.
A marker takes the whole run of actor tokens there ("Minas Tirith" is one ``+``), and
:meth:`VerbPattern.bind` says which tokens the markers took, so that the coder can make the
``$`` actor the source and the ``+`` actor the target, as PETRARCH does (``%``: the actors of a
compound, each the other's counterpart).

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

__all__ = ["Binding", "Element", "ElementKind", "IsActor", "VerbPattern"]

ElementKind = Literal["word", "source", "target", "both", "skip"]
IsActor = Callable[[Token], bool]
_CHUNKS = "legation.patterns.chunks"  # Doc.user_data key: token index -> noun phrase span
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
class Binding:
    """The first token of the actor each marker of a matched pattern took, in sentence order.

    Empty tuples when the pattern has no such marker (or was matched without ``is_actor``)."""

    sources: tuple[Token, ...] = ()
    targets: tuple[Token, ...] = ()
    compound: tuple[Token, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sources or self.targets or self.compound)


Taken = list[tuple[ElementKind, Token]]


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
        return self.bind(token, is_actor) is not None

    def bind(self, token: Token, is_actor: IsActor | None = None) -> Binding | None:
        """``None`` when the pattern does not fit; else which actors its markers took (the
        nearest fit to the verb on each side, as the matching goes outward from it)."""
        sentence = token.sent
        after = [t for t in sentence if t.i > token.i]
        before = [t for t in reversed(list(sentence)) if t.i < token.i]
        taken_after = _match(list(self.after), after, 0, forward=True, is_actor=is_actor)
        if taken_after is None:
            return None
        taken_before: Taken = []
        if self.before:
            # right to left: each element's adjacency is to the item after it in the sentence
            flags = [self.verb_joined, *(e.joined for e in reversed(self.before[1:]))]
            backward = [
                Element(e.kind, e.options, joined)
                for e, joined in zip(reversed(self.before), flags, strict=True)
            ]
            found = _match(backward, before, 0, forward=False, is_actor=is_actor)
            if found is None:
                return None
            taken_before = found
        if is_actor is None:
            return Binding()
        taken = sorted([*taken_before, *taken_after], key=lambda kt: kt[1].i)

        def of(kind: ElementKind) -> tuple[Token, ...]:
            return tuple(t for k, t in taken if k == kind)

        return Binding(of("source"), of("target"), of("both"))


def _forms(token: Token) -> frozenset[str]:
    return frozenset((token.lower_, token.lemma_.lower()))


def _phrase_length(token: Token, *, forward: bool) -> int:
    """How many tokens a ``^`` takes from ``token`` on: the rest of its noun phrase in the
    direction of the match (one token outside noun phrases)."""
    doc = token.doc
    chunks: dict[int, tuple[int, int]] | None = doc.user_data.get(_CHUNKS)
    if chunks is None:
        chunks = {}
        if doc.has_annotation("DEP"):
            for chunk in doc.noun_chunks:
                for t in chunk:
                    chunks[t.i] = (chunk.start, chunk.end)
        doc.user_data[_CHUNKS] = chunks
    start, end = chunks.get(token.i, (token.i, token.i + 1))
    return end - token.i if forward else token.i - start + 1


def _match(
    elements: list[Element],
    tokens: Sequence[Token],
    start: int,
    *,
    forward: bool,
    is_actor: IsActor | None,
) -> Taken | None:
    """Backtracking subsequence match of ``elements`` in ``tokens`` from ``start``: ``None``
    when there is none, else the (marker kind, first token of its actor) pairs it took."""
    if not elements:
        return []
    first, rest = elements[0], elements[1:]
    last = start if first.joined else len(tokens) - 1
    for position in range(start, min(last, len(tokens) - 1) + 1):
        for end in _ends(first, tokens, position, forward=forward, is_actor=is_actor):
            taken = _match(rest, tokens, end, forward=forward, is_actor=is_actor)
            if taken is None:
                continue
            if first.kind != "word" and is_actor is not None:
                # the actor's first token in the sentence (its last one, going backward)
                head = tokens[position] if forward else tokens[end - 1]
                taken = [(first.kind, head), *taken]
            return taken
    return None


def _ends(
    element: Element,
    tokens: Sequence[Token],
    position: int,
    *,
    forward: bool,
    is_actor: IsActor | None,
) -> list[int]:
    """Where the match continues if ``element`` matches at ``position`` (none: no match).

    A marker takes the run of actor tokens that starts there, longest first: "Minas
    Tirith" is one actor, and a ``_``-joined word after it must follow its last token."""
    if element.kind == "skip":
        return [position + _phrase_length(tokens[position], forward=forward)]
    if element.kind != "word":
        if is_actor is None:
            return [position + 1]
        stop = position
        while stop < len(tokens) and is_actor(tokens[stop]):
            stop += 1
        return list(range(stop, position, -1))
    ends = []
    for phrase in element.options:
        words = phrase if forward else tuple(reversed(phrase))
        stop = position + len(words)
        if stop > len(tokens):
            continue
        if all(w & _forms(t) for w, t in zip(words, tokens[position:stop], strict=True)):
            ends.append(stop)
    return ends
