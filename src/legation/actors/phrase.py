"""One phrase → the actor the coder would see in it, and why.

``resolve_phrase("Syrian rebels")`` parses the phrase with the coder's spaCy pipeline, runs
the coder's ``ActorResolver`` over it exactly as ``Coder`` does for an article, and picks
the actor the coder would take for the phrase as an event argument: the mention covering
the phrase's head noun ("rebels"); else the actor the head stands for or belongs to
(``ArticleActors.all_for(head, owners=True)``: "the Russian side", "Ukrainian positions",
"the president of Kyrgyzstan"); else an actor in a prepositional phrase on the head
("targets in Syria": the coder takes it as a target when the phrase is an event's object);
else the largest (then first) mention anywhere in the phrase. Nothing here resolves
anything itself: the answer and its explanation are read from what the resolver recorded
(the mention's reason, its knowledge-base entry, the role it holds on the date).

The phrase is parsed on its own. Should a bare phrase parse as a clause with a verb at its
root and no actor at its head (a plural noun read as a verb), it is parsed again as the
subject of a neutral carrier sentence (``CARRIER``) and the carrier's answer is taken when
it finds an actor at the head.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from legation.actors.entries import ActorEntry, split_code
from legation.actors.kb import KnowledgeBase, load_default_kb
from legation.actors.resolver import ActorResolver, ArticleActors
from legation.errors import InputError
from legation.model import Mention

MAX_PHRASE_CHARS = 500  # a phrase, not an article (``legation code`` codes articles)
CARRIER = "{} said."  # the neutral sentence a mis-parsed bare phrase is re-parsed in
WHERE = "TEXT"
# How the chosen mention relates to the phrase's head.
VIA_HEAD = "head"
VIA_STANDS_FOR = "stands-for"  # generic head, apposition, pronoun, relative
VIA_OWNER = "owner"  # a country modifier or "of" phrase of a non-actor noun
VIA_CONJUNCT = "conjunct"
VIA_PREPOSITION = "preposition"
VIA_INSIDE = "inside"
_ROUTES = {
    "amod": "country adjective",
    "compound": "country name as a modifier (compound)",
    "nmod": "country name as a modifier",
    "npadvmod": "country name as a modifier",
    "poss": "possessive",
    "pobj": "'of' phrase",
}


@dataclass(frozen=True, slots=True)
class PhraseResolution:
    """What a phrase resolves to. Every field but ``text`` is ``None`` when it names no
    actor; ``mentions`` lists every actor mention the resolver found in the phrase."""

    text: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    kind: str | None = None  # country, person, igo, group, agent, country+agent, ...
    why: str | None = None
    matched: str | None = None  # the words of the phrase the actor was found in
    reason: str | None = None  # the resolver's own reason ("kb:person:tenure")
    via: str | None = None  # how it relates to the head: head, owner, preposition, ...
    date: dt.date | None = None
    others: tuple[dict[str, Any], ...] = ()  # further conjuncts ("Russia and China")
    mentions: tuple[dict[str, Any], ...] = field(default=())

    @property
    def found(self) -> bool:
        return self.code is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "kind": self.kind,
            "why": self.why,
            "matched": self.matched,
            "reason": self.reason,
            "via": self.via,
            "date": self.date.isoformat() if self.date else None,
            "others": list(self.others),
            "mentions": list(self.mentions),
        }


class PhraseResolver:
    """The coder's pipeline and actor resolver, for phrases. Build one per knowledge base
    (or reuse a ``Coder``'s with ``from_parts``); ``resolve`` answers one phrase."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        from legation.nlp import load_pipeline

        self.nlp = load_pipeline()
        self.kb = kb if kb is not None else load_default_kb()
        self.resolver = ActorResolver(self.kb, self.nlp)

    @classmethod
    def from_parts(cls, nlp: Language, resolver: ActorResolver) -> PhraseResolver:
        """Reuse loaded parts: ``PhraseResolver.from_parts(coder.nlp, coder.resolver)``."""
        self = cls.__new__(cls)
        self.nlp = nlp
        self.kb = resolver.kb
        self.resolver = resolver
        return self

    def resolve(self, text: str, date: dt.date | None = None) -> PhraseResolution:
        phrase = check_phrase(text)
        doc = self.nlp(phrase)
        span = doc[0 : len(doc)]
        actors = self.resolver.resolve(doc, date)
        picked = _pick(span, actors)
        if picked is None and _verb_rooted(span):
            carried = self.nlp(CARRIER.format(phrase))
            n = len(doc)  # the phrase's tokens come first in the carrier sentence
            carried_actors = self.resolver.resolve(carried, date)
            carried_pick = _pick(carried[0:n], carried_actors)
            if carried_pick is not None and carried_pick[1] == VIA_HEAD:
                span, actors, picked = carried[0:n], carried_actors, carried_pick
        return _resolution(phrase, span, actors, picked, date, self.kb)


def check_phrase(text: str) -> str:
    """``text`` stripped; empty or over ``MAX_PHRASE_CHARS`` is an ``InputError``."""
    phrase = " ".join(text.split())
    if not phrase:
        raise InputError(WHERE, "empty phrase: give the words that name an actor")
    if len(phrase) > MAX_PHRASE_CHARS:
        raise InputError(
            WHERE,
            f"phrase of {len(phrase)} characters; at most {MAX_PHRASE_CHARS} "
            "(to code a whole text, use `legation code`)",
        )
    return phrase


@cache
def _default() -> PhraseResolver:
    return PhraseResolver()


def resolve_phrase(
    text: str, date: dt.date | None = None, resolver: PhraseResolver | None = None
) -> PhraseResolution:
    """Resolve ``text`` as the coder would inside a sentence of an article dated ``date``.

    ``resolver`` defaults to one shared ``PhraseResolver`` over the bundled knowledge base.
    """
    return (resolver or _default()).resolve(text, date)


def _verb_rooted(span: Span) -> bool:
    root = span.root
    return root.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children
    )


def _pick(span: Span, actors: ArticleActors) -> tuple[list[Mention], str] | None:
    """The mentions the phrase stands for (first is the answer) and how they were reached."""
    head = span.root
    found = actors.all_for(head, owners=True)
    if found:
        first = found[0]
        if actors.at(head) == first:
            via = VIA_HEAD
        elif actors.for_token(head) == first:
            via = VIA_STANDS_FOR
        elif actors.owner_of(head) == first:
            via = VIA_OWNER
        else:
            via = VIA_CONJUNCT
        return found, via
    for child in head.children:
        if child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if in_pp := actors.all_for(pobj, owners=True):
                    return in_pp, f"{VIA_PREPOSITION}:{child.lower_}"
    inside = [m for m in actors.mentions if span.start <= m.start and m.end <= span.end]
    if inside:
        best = max(inside, key=lambda m: (m.end - m.start, -m.start))
        return [best], VIA_INSIDE
    return None


def _resolution(
    phrase: str,
    span: Span,
    actors: ArticleActors,
    picked: tuple[list[Mention], str] | None,
    date: dt.date | None,
    kb: KnowledgeBase,
) -> PhraseResolution:
    doc = span.doc
    listed = tuple(
        _mention_dict(doc, m)
        for m in actors.mentions
        if span.start <= m.start and m.end <= span.end
    )
    if picked is None:
        return PhraseResolution(phrase, date=date, mentions=listed)
    found, via = picked
    mention = found[0]
    actor = mention.actor
    return PhraseResolution(
        text=phrase,
        code=actor.code,
        country=actor.country,
        sector=actor.sector,
        name=actor.name,
        kind=_kind(mention, actors),
        why=_why(mention, via, span, actors, date, kb),
        matched=doc[mention.start : mention.end].text,
        reason=mention.reason,
        via=via.split(":")[0],
        date=date,
        others=_others(doc, found),
        mentions=listed,
    )


def _others(doc: Doc, found: list[Mention]) -> tuple[dict[str, Any], ...]:
    """The further actors of a coordination, once each (by code and words)."""
    seen = {(found[0].actor.code, found[0].start)}
    out = []
    for mention in found[1:]:
        key = (mention.actor.code, mention.start)
        if key not in seen:
            seen.add(key)
            out.append(_mention_dict(doc, mention))
    return tuple(out)


def _mention_dict(doc: Doc, mention: Mention) -> dict[str, Any]:
    actor = mention.actor
    return {
        "text": doc[mention.start : mention.end].text,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "reason": mention.reason,
    }


def _kind(mention: Mention, actors: ArticleActors) -> str:
    entry = actors.entry_of(mention)
    if entry is not None:
        return entry.kind
    base = mention.reason.split("+story-country")[0]
    if base == "kb:agent":
        return "person" if id(mention) in actors.persons else "agent"
    if base == "kb:country+agent":
        return "country+agent"
    return base.split(":")[0].split("→")[0]


def _why(
    mention: Mention,
    via: str,
    span: Span,
    actors: ArticleActors,
    date: dt.date | None,
    kb: KnowledgeBase,
) -> str:
    """The route to the actor in words, from the resolver's reason and records."""
    doc = span.doc
    words = doc[mention.start : mention.end]
    reason = mention.reason
    base, _, story = reason.partition("+story-country:")
    entry = actors.entry_of(mention)
    parts: list[str] = []
    if entry is not None:
        parts.append(_entry_why(entry, words, date, kb))
        title = _title_before(words, actors, kb)
        if title:
            parts.insert(
                0, f"the title {title!r} before a known person: the person's entry decides"
            )
    elif base == "kb:country+agent":
        parts.append(_combined_why(mention, words, kb))
    elif base == "kb:agent":
        parts.append(_agent_why(mention, words, actors))
        parts.extend(_uncombined(mention, span, actors))
    elif base.startswith("pronoun:"):
        parts.append(f"pronoun standing for {base.split('→', 1)[-1]!r} earlier in the text")
    elif base.startswith("surname→"):
        parts.append(f"a later mention by one name of {base.split('→', 1)[-1]!r}")
    else:
        parts.append(f"resolver reason {reason!r}")
    if story:
        parts.append(f"no country in the phrase: it takes the story's country {story}")
    head = span.root
    if via == VIA_STANDS_FOR:
        parts.append(f"the head {head.text!r} stands for the actor it names")
    elif via == VIA_OWNER:
        parts.append(f"the head {head.text!r} is no actor; it belongs to this one")
    elif via == VIA_CONJUNCT:
        parts.append(f"a conjunct of the head {head.text!r}")
    elif via.startswith(VIA_PREPOSITION):
        prep = via.split(":", 1)[1]
        parts.append(
            f"the head {head.text!r} names no actor; found in its {prep!r} phrase "
            f"(the coder takes it as a target when the phrase is an event's object)"
        )
    elif via == VIA_INSIDE:
        parts.append(f"the head {head.text!r} names no actor; the largest actor in the phrase")
    return "; ".join(parts)


def _entry_why(entry: ActorEntry, words: Span, date: dt.date | None, kb: KnowledgeBase) -> str:
    role, how = entry.role_on(date)
    form = words.text
    exact = " (case-sensitive form)" if form in entry.exact else ""
    text = f"{form!r} is a name{exact} of the {entry.kind} {entry.name!r} ({entry.origin})"
    country, sector = split_code(role.code)
    state = kb.country_names.get(country or "")
    if entry.kind == "country" and state and (sector or state != entry.name):
        text = (
            f"{form!r} is a capital or seat of power of {state!r} in the knowledge base "
            f"({entry.origin})"
        )
    if len(entry.roles) == 1 and not (role.start or role.end):
        return f"{text} → {role.code}"
    period = f"{role.start or '…'} to {role.end or 'now'}"
    if how == "latest":
        return f"{text}; no date: its latest role {role.code} ({period})"
    if how == "tenure":
        return f"{text}; on {date} it holds {role.code} ({period})"
    return f"{text}; on {date} it holds no role: the nearest one, {role.code} ({period})"


def _title_before(words: Span, actors: ArticleActors, kb: KnowledgeBase) -> str | None:
    """ "President" in "President Kassym-Jomart Tokayev": an agent word right before a
    person's name, which the resolver leaves to the person's entry."""
    if words.start == 0:
        return None
    before = words.doc[words.start - 1]
    if actors.at(before) is not None:
        return None
    if any(before.lower_ in agent.patterns for agent in kb.agents):
        return before.text
    return None


def _combined_why(mention: Mention, words: Span, kb: KnowledgeBase) -> str:
    """ "Syrian rebels": which words are the agent, which the country, and how joined."""
    country = mention.actor.country or ""
    forms = {
        p
        for entry in kb.entries
        if entry.kind == "country" and split_code(entry.roles[-1].code)[0] == country
        for p in entry.patterns
    }
    part = _country_words(words, forms)
    sector = mention.actor.sector
    if part is None:
        return f"agent word with the country {country} in {words.text!r} (sector {sector})"
    agent = " ".join(
        t.text
        for t in words
        if t.i not in range(part.start, part.end)
        and t.dep_ not in ("det", "case", "punct")
        and t.lower_ != "of"
    )
    top = part.root
    while top.dep_ == "conj" and top.head != top:  # "Indian and Chinese troops"
        top = top.head
    route = _ROUTES.get(top.dep_, f"modifier ({top.dep_})")
    return (
        f"agent word {agent!r} (sector {sector}) with the country {part.text!r} "
        f"({country}) by {route}"
    )


def _country_words(words: Span, forms: set[str]) -> Span | None:
    for size in range(len(words), 0, -1):
        for start in range(words.start, words.end - size + 1):
            part = words.doc[start : start + size]
            if " ".join(t.lower_ for t in part) in forms:
                return part
    return None


def _uncombined(mention: Mention, span: Span, actors: ArticleActors) -> list[str]:
    """Other actors in the phrase that the resolver did not join to a bare agent word
    ("Hezbollah fighters", "troops from Chad")."""
    if mention.actor.country is not None:
        return []
    doc = span.doc
    others = [
        f"{doc[m.start : m.end].text!r} ({m.actor.code})"
        for m in actors.mentions
        if m is not mention and span.start <= m.start and m.end <= span.end
    ]
    if not others:
        return []
    return [f"{', '.join(others)} in the phrase is a separate mention, not joined to it"]


def _agent_why(mention: Mention, words: Span, actors: ArticleActors) -> str:
    sector = mention.actor.sector
    if id(mention) in actors.persons:
        title = words[0].text
        return (
            f"the title {title!r} (sector {sector}) before the name "
            f"{words[1:].text!r}: a person the knowledge base does not know"
        )
    return (
        f"{words.text!r} is an agent word (sector {sector}); the phrase names no country "
        "for it (in an article it may take the story's country)"
    )


__all__ = [
    "MAX_PHRASE_CHARS",
    "PhraseResolution",
    "PhraseResolver",
    "check_phrase",
    "resolve_phrase",
]
