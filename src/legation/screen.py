"""A tokenizer-level pre-screen: parse only the sentences that can yield an event.

Parsing is most of the cost of coding. A sentence can only yield an event when one of its
words may be a trigger of the lexicon (a verb or event noun: "visited", "talks") *and*
something in it may stand for an actor (a knowledge-base phrase, a pronoun, a person's
surname). The screen finds that out from the tokenizer, the tiny sentence segmenter
(``senter``, with its own 16-wide embedding) and the actor phrase matcher, which need no
parse, and cuts every article down to:

- the *eventful* sentences (trigger candidate + actor candidate);
- the sentences with actor mentions shortly before an eventful one (``CONTEXT_WINDOW``),
  so pronouns ("he", "its") find the same antecedents as in a full parse;
- the sentence that introduced a person whose surname an eventful sentence uses later;
- sentences with an explicit year shortly before an eventful one (``NARRATIVE_WINDOW``),
  because the coder carries such a date over to later undated past events.

The lexicon's lemmas are expanded to word forms with the lemmatizer's own exception
tables and suffix rules run backwards (a superset: the screen may keep too much, never
too little of what the lexicon can match).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from legation.coding.lexicon import ACTOR_OBJECT, Lexicon
from legation.nlp import merge_hyphenated_names

CONTEXT_WINDOW = 3  # sentences with actor mentions kept before an eventful sentence
NARRATIVE_WINDOW = 5  # sentences an explicit year may reach forward (the coder's window)
SENTER = "senter"
# Words that may stand for an actor without a knowledge-base match: the resolver's pronouns
# ("who"/"which" refer to their head, which must then be an actor mention itself.)
ACTOR_WORDS = frozenset(
    "he him his she her himself herself it its itself they them their themselves".split()
)
_YEAR = re.compile(r"(?<![\d,.$£€-])(1[89]\d\d|20\d\d)(?!\d)")
_POS_TABLES = ("verb", "noun")


@dataclass(frozen=True, slots=True)
class Plan:
    """What the screen decided for one text: every sentence, and which ones to parse."""

    sentences: tuple[str, ...]  # every sentence's text (stripped), in order
    lengths: tuple[int, ...]  # every sentence's length in tokens
    kept: tuple[int, ...]  # indices into ``sentences`` of the sentences to parse
    doc: Doc  # the kept sentences as one unparsed Doc (sentence starts preset)

    @property
    def skipped(self) -> int:
        return len(self.sentences) - len(self.kept)


class TriggerIndex:
    """Which lexicon rows a sentence's words could match, from word forms alone.

    A lemma whose every row needs an object ("take" + control|responsibility|…) counts only
    when one of those objects may be in the sentence too; ``@actor`` objects count when an
    actor may be.
    """

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.free: set[str] = set()  # lemmas with a row that needs no object
        self.objects: dict[str, set[str]] = {}  # other lemmas → objects one of which is needed
        for row in lexicon.triggers():
            if not row.objects:
                self.free.add(row.lemma)
            else:
                self.objects.setdefault(row.lemma, set()).update(row.objects)
        for lemma in self.free:
            self.objects.pop(lemma, None)
        lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self._exc: list[dict[str, list[str]]] = []
        self._rules: list[tuple[str, str]] = []
        if lemmatizer is not None and lemmatizer.lookups.has_table("lemma_rules"):
            rules = lemmatizer.lookups.get_table("lemma_rules")
            excs = lemmatizer.lookups.get_table("lemma_exc")
            for pos in _POS_TABLES:
                self._rules.extend((old, new) for old, new in rules.get(pos, []))
                self._exc.append(dict(excs.get(pos, {})))
        self._cache: dict[str, frozenset[str]] = {}

    def lemmas_of(self, form: str) -> frozenset[str]:
        """Every lemma ``form`` may have (the form itself, exceptions, suffix rules)."""
        found = self._cache.get(form)
        if found is None:
            out = {form}
            for table in self._exc:
                out.update(table.get(form, ()))
            for old, new in self._rules:
                if form.endswith(old) and len(form) > len(old):
                    out.add(form[: len(form) - len(old)] + new)
            found = frozenset(out)
            self._cache[form] = found
        return found

    def fires(self, lemmas: set[str], actor: bool) -> bool:
        """May a sentence whose words may have ``lemmas`` match some lexicon row?"""
        if not self.free.isdisjoint(lemmas):
            return True
        for lemma in lemmas:
            needed = self.objects.get(lemma)
            if needed and (not needed.isdisjoint(lemmas) or (actor and ACTOR_OBJECT in needed)):
                return True
        return False


class Screen:
    """Cuts texts down to the sentences the coder can use (see the module docstring)."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon,
        matcher: PhraseMatcher,
        *,
        require_actor: bool = True,
    ) -> None:
        self.nlp = nlp
        self.triggers = TriggerIndex(nlp, lexicon)
        self.matcher = matcher
        self.require_actor = require_actor
        self._senter: Any = nlp.get_pipe(SENTER) if SENTER in nlp.component_names else None

    def segment(self, text: str) -> Doc:
        """Tokenise like the pipeline and split into sentences without parsing."""
        doc = merge_hyphenated_names(self.nlp.make_doc(text))
        if self._senter is not None:
            return self._senter(doc)  # type: ignore[no-any-return]
        for token in doc:  # no senter: every line a sentence (rare; custom pipelines)
            token.is_sent_start = token.i == 0 or "\n" in doc[token.i - 1].whitespace_
        return doc

    def plan(self, text: str) -> Plan:
        """Which sentences of ``text`` to parse, and the Doc that holds just those."""
        doc = self.segment(text)
        sents = [s for s in doc.sents if s.text.strip()]
        kept = self._decide(doc, sents)
        return Plan(
            tuple(s.text.strip() for s in sents),
            tuple(len(s) for s in sents),
            tuple(kept),
            _subdoc(doc, sents, kept),
        )

    def _decide(self, doc: Doc, sents: list[Span]) -> list[int]:
        sent_of: dict[int, int] = {}
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = n
        actors = [False] * len(sents)
        introduced: dict[str, int] = {}  # a person's name word → sentence that named them
        for _, start, end in self.matcher(doc):
            where = sent_of.get(start)
            if where is None:
                continue
            actors[where] = True
            for word in _name_words(doc, start, end):
                introduced.setdefault(word, where)
        keep: set[int] = set()
        for n, sent in enumerate(sents):
            surnames = [introduced[t.lower_] for t in sent if t.lower_ in introduced]
            candidate = actors[n] or bool(surnames) or any(t.lower_ in ACTOR_WORDS for t in sent)
            if self.require_actor and not candidate:
                continue
            lemmas: set[str] = set()
            for token in sent:
                if token.is_alpha:
                    lemmas.update(self.triggers.lemmas_of(token.lower_))
            if not self.triggers.fires(lemmas, candidate):
                continue
            keep.add(n)
            keep.update(m for m in surnames if m <= n)
            keep.update(m for m in range(max(0, n - CONTEXT_WINDOW), n) if actors[m])
            keep.update(
                m for m in range(max(0, n - NARRATIVE_WINDOW), n) if _YEAR.search(sents[m].text)
            )
        return sorted(keep)


def _name_words(doc: Doc, start: int, end: int) -> list[str]:
    """Capitalised words of a matched name and of a name right after it ("commander X Y")."""
    words = [t.lower_ for t in doc[start:end] if t.text[:1].isupper() and t.is_alpha]
    follow = end
    while follow < len(doc) and doc[follow].text[:1].isupper() and doc[follow].is_alpha:
        words.append(doc[follow].lower_)
        follow += 1
    return words if len(words) >= 2 else []


def _subdoc(doc: Doc, sents: list[Span], kept: list[int]) -> Doc:
    """The kept sentences as a new Doc with the same tokens and preset sentence starts."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    for n in kept:
        sent = sents[n]
        for token in sent:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            starts.append(token.i == sent.start)
        if spaces:
            spaces[-1] = True  # the next kept sentence starts after a space
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)
