"""The time-aware actor resolver: spans of a parsed article → ``Mention``s.

One ``ActorResolver`` is built per knowledge base (it compiles every pattern into a spaCy
``PhraseMatcher``); ``resolve(doc, date)`` then returns an ``ArticleActors`` for one article,
which answers "which actor does this token stand for?" for the coder, including pronouns
("he" → the last person named) and surnames of people introduced with a title
("Ukrainian commander Oleksandr Syrskyi … Syrskyi said").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType

from spacy.attrs import LOWER, ORTH, TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from legation.actors.entries import ActorEntry, AgentEntry, split_code
from legation.actors.gazetteer import english_words, load_gazetteer, with_word_forms
from legation.actors.kb import CountrySense, KnowledgeBase
from legation.actors.pronouns import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    THING_PRONOUNS,
)
from legation.actors.pronouns import named as named_pronoun
from legation.actors.pronouns import speakers as pronoun_speakers
from legation.actors.story import (
    COMPANY_REASON,
    is_dateline,
    is_lower_cased,
    lower_case_name,
    story_country,
    swap_mentions,
    with_country_senses,
    with_story_country,
)
from legation.coding.doc_arrays import string_key, token_keys
from legation.model import Actor, Mention
from legation.nlp import tokenize

# Dependency labels whose tokens modify a noun phrase and may name its country or owner.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
# Head nouns that stand for "the state/government of <modifier>": "the Russian side".
GENERIC_HEADS = frozenset(
    [
        "side",
        "country",
        "nation",
        "state",
        "leader",
        "leaders",
        "leadership",
        "counterpart",
        "counterparts",
        "capital",
        "team",
        "camp",
        "regime",
    ]
)
# "it" is expletive or stands for an event with these heads: "it never happened", "it is
# likely that", "it seems"; such an "it" names no actor.
_EXPLETIVE_HEADS = frozenset(
    ["happen", "occur", "seem", "appear", "matter", "take", "remain", "become", "mean"]
)
_EXPLETIVE_ADJ = frozenset(
    [
        "likely",
        "unlikely",
        "possible",
        "impossible",
        "clear",
        "unclear",
        "important",
        "necessary",
        "true",
        "easy",
        "hard",
        "difficult",
        "better",
        "worth",
        "obvious",
    ]
)
PRONOUN_WINDOW = 150  # tokens back to look for an antecedent (a few sentences)


@dataclass(frozen=True, slots=True)
class _Hit:
    """A matched span with the entry or agent it matched."""

    span: Span
    entry: ActorEntry | None
    agent: AgentEntry | None


@dataclass(frozen=True)
class ArticleActors:
    """The mentions of one article, indexed: token → mention, written lists, and every
    pronoun already resolved (``actors.pronouns``). Built once by ``ActorResolver.resolve``
    and read-only after that: the coder's arguments only read it, so who an actor is is
    decided here, in the actors room, and nowhere else."""

    doc: Doc
    mentions: tuple[Mention, ...]
    persons: frozenset[int] = frozenset()  # ids of mentions that name people
    entries: Mapping[int, ActorEntry] = field(default_factory=dict)  # mention id → KB entry
    story_country: str | None = None  # the country that dominates the article (actors.story)
    # token → a town or region that names no actor but lies in one country ("in Aleppo"):
    # no mention, read only as the place of an event with no other target (``place_at``)
    places: Mapping[int, Mention] = field(default_factory=dict)
    _by_token: dict[int, Mention] = field(default_factory=dict, init=False, repr=False)
    _lists: dict[int, tuple[Mention, ...]] = field(default_factory=dict, init=False, repr=False)
    # pronoun token → the mentions it stands for; its speakers (even with no antecedent)
    _pronouns: dict[int, tuple[Mention, ...]] = field(default_factory=dict, init=False, repr=False)
    _speakers: dict[int, tuple[Mention, ...]] = field(default_factory=dict, init=False, repr=False)
    _pronoun_lists: dict[int, tuple[Mention, ...]] = field(
        default_factory=dict, init=False, repr=False
    )  # a pronoun's mention → the rest of the list of people it stands for
    # ``for_token`` and ``all_for`` answers by token (and ``owners``), kept once the index is
    # built: they read only the parse and the index, and the coder asks them many times
    _for_token: dict[int, Mention | None] = field(default_factory=dict, init=False, repr=False)
    _all_for: dict[tuple[int, bool], tuple[Mention, ...]] = field(
        default_factory=dict, init=False, repr=False
    )
    _memo: list[bool] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        # The only writes: the index is built here, once, in text order (a pronoun's
        # speaker may itself have been named by an earlier pronoun).
        entries = dict(self.entries)
        object.__setattr__(self, "entries", entries)
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self._by_token[i] = mention
        for group in _surface_lists(self.doc, list(self.mentions)):
            for mention in group:
                self._lists[id(mention)] = group
        lower = token_keys(self.doc, LOWER)  # a Token only for the pronouns
        for i, key in enumerate(lower):
            if key in _PRONOUN_KEYS and i not in self._by_token:
                self._index_pronoun(self.doc[i], entries)
        object.__setattr__(self, "entries", MappingProxyType(entries))
        self._memo.append(True)  # the index is complete: answers may be kept from now on

    def _index_pronoun(self, pronoun: Token, entries: dict[int, ActorEntry]) -> None:
        speakers = pronoun_speakers(pronoun, self)
        self._speakers[pronoun.i] = tuple(speakers)
        if pronoun.lower_ == "it" and _expletive(pronoun):
            return
        found = self._nearest(pronoun)
        if found is None:
            return
        mention, listed = found
        stands_for = named_pronoun(pronoun, _as_pronoun(mention, pronoun), speakers, self)
        if id(mention) in entries:
            for resolved in stands_for:
                entries[id(resolved)] = entries[id(mention)]
        if listed:
            self._pronoun_lists[id(stands_for[0])] = listed
        self._pronouns[pronoun.i] = tuple(stands_for)

    def listed_with(self, mention: Mention) -> tuple[Mention, ...]:
        """The other mentions of the written list ("A, B and C") that ``mention`` is in,
        found from the words between them, so a misparsed list ("Barack" as subject,
        "Obama" as a prepositional object) still coordinates; those in another role than
        ``mention`` (a fronted "In Israel, …") are not its partners."""
        if id(mention) in self._pronoun_lists:  # "Macron and Scholz said *they* …"
            return self._pronoun_lists[id(mention)]
        group = self._lists.get(id(mention))
        if group is None:
            return ()
        role = _list_role(self.doc, mention)
        return tuple(m for m in group if m is not mention and _list_role(self.doc, m) == role)

    def at(self, token: Token) -> Mention | None:
        """The mention covering ``token`` itself, if any."""
        return self._by_token.get(token.i)

    def place_at(self, token: Token) -> Mention | None:
        """The country of the gazetteer place covering ``token`` ("Kandahar" → AFG), if no
        mention covers it: a place of lower rank than any actor (``ActorResolver._places``)."""
        return None if token.i in self._by_token else self.places.get(token.i)

    def for_token(self, token: Token) -> Mention | None:
        """The actor a noun-phrase head stands for: itself, a pronoun, or its modifiers."""
        if not self._memo or token.doc is not self.doc:
            return self._for_token_of(token)
        i = token.i
        if i in self._for_token:
            return self._for_token[i]
        found = self._for_token[i] = self._for_token_of(token)
        return found

    def _for_token_of(self, token: Token) -> Mention | None:
        direct = self.at(token)
        if direct is not None:
            return direct
        lower = token.lower_
        if lower == "it" and _expletive(token):
            return None
        if lower in PRONOUNS:
            return self.antecedent(token)
        if token.pos_ == "PRON":
            return None
        if token.ent_type_ in ("DATE", "TIME"):
            # "met with President X Tuesday": the parser made the name a compound of the day
            for child in token.children:
                if child.dep_ == "compound" and (found := self.at(child)) is not None:
                    return found
            return None
        if (
            token.dep_ == "nsubj"
            and lower in {"who", "which", "that"}
            and token.head.dep_ == "relcl"
        ):
            return self.for_token(token.head.head)
        for child in token.children:
            if child.dep_ == "appos":
                found = self.at(child) or self._from_modifiers(child)
                if found is not None:
                    return found
        if lower in GENERIC_HEADS or token.lemma_.lower() in GENERIC_HEADS:
            return self._from_modifiers(token)
        return None

    def all_for(self, token: Token, *, owners: bool = False) -> list[Mention]:
        """``for_token`` over a coordination: "Russia and North Korea" → both.

        ``owners=True`` also accepts the country a non-actor noun belongs to ("Ukrainian
        positions", "dozens of Chinese companies"), for objects and prepositional phrases.
        """
        if not self._memo or token.doc is not self.doc:
            return self._all_for_of(token, owners)
        key = (token.i, owners)
        kept = self._all_for.get(key)
        if kept is None:
            kept = self._all_for[key] = tuple(self._all_for_of(token, owners))
        return list(kept)  # the caller's own list

    def _all_for_of(self, token: Token, owners: bool) -> list[Mention]:
        found: list[Mention] = []
        for item in [token, *_conjuncts(token)]:
            mention = self.for_token(item) or (self.owner_of(item) if owners else None)
            if mention is not None and mention not in found:
                found.append(mention)
                found.extend(m for m in self._coordinated_countries(mention) if m not in found)
                found.extend(m for m in self.listed_with(mention) if m not in found)
                if self.at(item) is None and item.lower_ in PRONOUNS:
                    # "they" after coordinated speakers stands for each of them
                    found.extend(m for m in self._pronouns.get(item.i, ())[1:] if m not in found)
        return found

    def owner_of(self, token: Token, depth: int = 0) -> Mention | None:
        """The state a noun phrase belongs to, from a country modifier or an "of" phrase.
        A nationality word wins over a possessive pronoun: "their *Pakistani* counterparts"
        belong to Pakistan, not to whoever "their" stands for."""
        for child in _pronoun_possessor_last(token):
            if child.dep_ in _MODIFIER_DEPS:
                # the modifier itself, or a country inside it ("British-flagged tanker")
                mention = self.at(child) or next(
                    (m for g in child.children if (m := self.at(g)) is not None), None
                )
                # A country name or adjective ("Ukrainian positions"), not a capital used as a
                # label ("the Oslo Accords", "the Minsk agreements").
                if mention is not None and mention.actor.country and not mention.actor.sector:
                    return mention
            if child.dep_ == "prep" and child.lower_ == "of" and depth == 0:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.for_token(pobj) or self.owner_of(pobj, depth + 1)
                        if found is not None:
                            return found
        return None

    def _coordinated_countries(self, mention: Mention) -> list[Mention]:
        """ "Indian and Chinese troops": the mention covers "Chinese troops"; add India's."""
        extra = []
        doc = self.doc
        span = range(mention.start, mention.end)
        for token in doc[mention.start : mention.end]:
            partners = [c for c in token.children if c.dep_ == "conj"]
            if token.dep_ == "conj":
                partners.append(token.head)
            for partner in partners:
                other = self.at(partner)
                if partner.i in span or other is None or other.actor.sector is not None:
                    continue
                country = other.actor.country
                sector = mention.actor.sector
                actor = Actor(
                    (country or "") + (sector or ""),
                    country,
                    sector,
                    other.actor.name,
                    partner.text,
                )
                extra.append(Mention(partner.i, partner.i + 1, actor, "coordinated-modifier"))
        return extra

    def _from_modifiers(self, token: Token) -> Mention | None:
        for child in _pronoun_possessor_last(token):
            if child.dep_ in _MODIFIER_DEPS:
                found = self.at(child) or (self.for_token(child) if child.dep_ == "poss" else None)
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (found := self.for_token(pobj)) is not None:
                        return found
        return None

    def antecedent(self, pronoun: Token) -> Mention | None:
        """The mention a pronoun stands for (the first, where it stands for several)."""
        found = self._pronouns.get(pronoun.i, ())
        return found[0] if found else None

    def speakers(self, pronoun: Token) -> tuple[Mention, ...]:
        """The speakers a pronoun subject stands for, even where it has no antecedent
        ("The German government announced that *it* has earmarked …")."""
        return self._speakers.get(pronoun.i, ())

    def _nearest(self, pronoun: Token) -> tuple[Mention, tuple[Mention, ...]] | None:
        """The nearest earlier mention compatible with the pronoun (person / thing /
        plural), and, for "they" after a list of people, the list's other items."""
        lower = pronoun.lower_
        want_person = lower in PERSON_PRONOUNS
        want_thing = lower in THING_PRONOUNS
        plural = lower in PLURAL_PRONOUNS
        for mention in reversed(self.mentions):
            if mention.end > pronoun.i or pronoun.i - mention.end > PRONOUN_WINDOW:
                continue
            is_person = id(mention) in self.persons
            listed = self._lists.get(id(mention), ())
            if plural and is_person and listed:
                # "they" after a list of people: the list ("Macron and Scholz … they")
                return mention, tuple(m for m in listed if m is not mention)
            if want_person != is_person:
                continue
            if want_thing and not self.singular_body(mention):
                continue
            return mention, ()
        return None

    def singular_body(self, mention: Mention) -> bool:
        """What "it" may stand for: a state, a named body, or one agent noun ("the air
        force", "the ministry"), not a plural one ("troops", "rebels")."""
        if mention.actor.sector is None or mention.actor.sector == "GOV":
            return True
        if mention.reason.startswith("kb:") and not mention.reason.startswith("kb:agent"):
            return mention.reason != "kb:country+agent" or self._root_singular(mention)
        return self._root_singular(mention)

    def _root_singular(self, mention: Mention) -> bool:
        root = self.doc[mention.start : mention.end].root
        return root.tag_ in ("NN", "NNP") and mention.actor.sector not in ("CVL", "REF")

    def entry_of(self, mention: Mention) -> ActorEntry | None:
        """The knowledge-base entry a mention was resolved from (people: their tenures)."""
        return self.entries.get(id(mention))


def _pronoun_possessor_last(token: Token) -> list[Token]:
    """The children of a noun, a possessive pronoun last: a nationality word names the
    owner first ("their *Pakistani* counterparts")."""
    return sorted(token.children, key=lambda c: c.dep_ == "poss" and c.pos_ == "PRON")


def _expletive(it: Token) -> bool:
    """ "it" that refers to no actor: "it never happened", "it is likely that", a cleft."""
    head = it.head
    if it.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return True
    if head.lemma_.lower() in _EXPLETIVE_HEADS:
        return True
    if head.lemma_ == "be":
        for child in head.children:
            if child.dep_ == "acomp" and child.lower_ in _EXPLETIVE_ADJ:
                return True
            if child.dep_ in ("attr", "ccomp") and any(c.dep_ == "relcl" for c in child.children):
                return True
            if child.dep_ == "attr" and child.pos_ in ("NOUN", "PRON", "DET"):
                return True
    return False


def _as_pronoun(mention: Mention, pronoun: Token) -> Mention:
    actor = mention.actor
    return Mention(
        pronoun.i,
        pronoun.i + 1,
        Actor(actor.code, actor.country, actor.sector, actor.name, pronoun.text),
        f"pronoun:{pronoun.lower_}→{actor.text}",
    )


# Words that may stand between the items of a written list of actors: "A, B and C",
# "A, the B, and C", "A as well as B".
_LIST_GLUE = frozenset({",", "and", "&", "the", "as", "well"})


def _surface_lists(doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, ...]]:
    """Runs of mentions joined only by list words, with at least one "and" ("Paris, France"
    is a place and its country, not a list)."""
    groups: list[tuple[Mention, ...]] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    run: list[Mention] = ordered[:1]
    joined_by_and = False

    def close() -> None:
        if len(run) >= 2 and joined_by_and:
            groups.append(tuple(run))

    for previous, mention in pairwise(ordered):
        between = _glue_between(doc, previous.end, mention.start)
        if between and doc[previous.start].sent.start == doc[mention.start].sent.start:
            run.append(mention)
            joined_by_and = joined_by_and or "and" in between or "&" in between
            continue
        close()
        run, joined_by_and = [mention], False
    close()
    return groups


def _glue_between(doc: Doc, start: int, end: int) -> list[str]:
    """The words from ``start`` to ``end`` when all are list words, else none (read only up
    to the first other word: mentions are mostly far apart)."""
    words = []
    for i in range(start, end):
        word = doc[i].lower_
        if word not in _LIST_GLUE:
            return []
        words.append(word)
    return words


def _list_role(doc: Doc, mention: Mention) -> str:
    """Whether a listed mention is a prepositional object ("in Israel") or not: a list's
    items share their role, whatever the parser attached them to."""
    root = doc[mention.start : mention.end].root
    while root.dep_ in ("conj", "appos"):
        root = root.head
    return "pobj" if root.dep_ == "pobj" and root.head.dep_ == "prep" else "other"


def _place_words(span: Span, lower_cased: bool) -> bool:
    """Whether ``span`` may be a place's name: proper nouns, each word capitalised (any
    case in a lower-cased article), named by the parser as a place or as nothing else."""
    if span.root.pos_ != "PROPN" and span.root.ent_type_ not in ("GPE", "LOC"):
        return False
    if span.root.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    return lower_cased or all(t.text[:1].isupper() for t in span if t.is_alpha and len(t) > 3)


def _conjuncts(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ == "conj":
            yield child
            yield from _conjuncts(child)


class ActorResolver:
    """Compiles a knowledge base into a phrase matcher; resolves each article's actors."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        self.gazetteer = with_word_forms(load_gazetteer(english_words(nlp)), nlp)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")  # "US", "UK": case counts
        self._entries: dict[str, ActorEntry] = {}
        self._agents: dict[str, AgentEntry] = {}
        for n, entry in enumerate(kb.entries):
            key = f"E{n}"
            self._entries[key] = entry
            if entry.patterns:
                self.matcher.add(key, list(_pattern_docs(nlp, entry.patterns)))
            if entry.exact:
                self.exact_matcher.add(key, list(_pattern_docs(nlp, entry.exact)))
        for n, agent in enumerate(kb.agents):
            key = f"A{n}"
            self._agents[key] = agent
            self.matcher.add(key, list(_pattern_docs(nlp, agent.patterns)))
        # Words with a sense of their own in one country's stories (actors.story): matched
        # apart, and used only once the story's country is known.
        self.sense_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._senses: dict[str, CountrySense] = {}
        for n, sense in enumerate(kb.senses):
            key = f"S{n}"
            self._senses[key] = sense
            self.sense_matcher.add(key, list(_pattern_docs(nlp, sense.patterns)))

    def resolve(self, doc: Doc, date: dt.date | None) -> ArticleActors:
        lower_cased = is_lower_cased(doc)  # names lose their capitals (actors.story)
        hits = self._hits(doc, lower_cased, date)
        mentions: list[Mention] = []
        persons: set[int] = set()
        entries: dict[int, ActorEntry] = {}
        surnames: list[tuple[str, Mention]] = []  # name words of people, in text order
        used: set[int] = set()
        for n, hit in enumerate(hits):
            if n in used:
                continue
            if hit.entry is not None:
                mention = self._entry_mention(hit, date)
                entries[id(mention)] = hit.entry
                if hit.entry.kind == "person":
                    persons.add(id(mention))
                    surnames.extend(_name_words(hit.span, mention))
            else:
                if _titles_person(hits, n):
                    continue  # "President Vladimir Putin": the person's entry decides
                mention, partner = self._agent_mention(hits, n, date, lower_cased)
                if partner is not None:
                    used.add(partner)
                    mentions = [m for m in mentions if m.start != hits[partner].span.start]
                person = _titled_person(hit.span)
                if person is not None:
                    mention = _person_of(mention, person, mention.reason)
                    persons.add(id(mention))
                    surnames.extend(_name_words(person, mention))
            if hit.entry is not None and hit.entry.kind in ("group", "igo"):
                person = _owned_person(hits, n)
                if person is not None:  # "VHP's Pravin Togadia": the group's man
                    mention = _person_of(mention, person, "kb:group+person")
                    persons.add(id(mention))
                    surnames.extend(_name_words(person, mention))
            mentions.append(mention)
        mentions = _former_officials(doc, mentions, persons, entries, surnames)
        mentions = _appositive_persons(doc, mentions, persons, entries, surnames)
        mentions = self._companies(doc, mentions)
        mentions.extend(self._surname_mentions(doc, surnames, mentions, persons))
        mentions.sort(key=lambda m: m.start)
        # Agents with no country take the story's (actors.story).
        country = story_country(doc, mentions, self.gazetteer, lower_cased)
        # A dateline ("NEW DELHI: ...") says where the story was filed; it is no actor.
        for mention in [m for m in mentions if is_dateline(doc, m)]:
            mentions.remove(mention)
            persons.discard(id(mention))
            entries.pop(id(mention), None)
        changed = with_story_country(mentions, country, self.kb.country_names.get(country or ""))
        mentions = swap_mentions(mentions, changed, persons, entries)
        if country is not None and self._senses:
            found = [
                (start, end, self._senses[doc.vocab.strings[key]])
                for key, start, end in self.sense_matcher(doc)
            ]
            mentions = with_country_senses(
                doc, mentions, country, found, persons, NON_MEMBER_SECTORS
            )
        places = self._places(doc, mentions, country, lower_cased)
        return ArticleActors(doc, tuple(mentions), frozenset(persons), entries, country, places)

    def _places(
        self, doc: Doc, mentions: list[Mention], country: str | None, lower_cased: bool
    ) -> dict[int, Mention]:
        """Token → country of each town or region named outside every mention and read
        strictly (``Gazetteer.place_country``): proper nouns only, with a capital unless the
        whole article lost its capitals, checked against the countries the article names."""
        named = {m.actor.country for m in mentions if m.actor.country}
        known = frozenset(named | ({country} if country else set()))
        covered = {i for m in mentions for i in range(m.start, m.end)}
        out: dict[int, Mention] = {}
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in covered or not self.gazetteer.may_start(token.text):
                i += 1
                continue
            found = None
            for end in range(min(len(doc), i + self.gazetteer.longest), i, -1):
                span = doc[i:end]
                if any(j in covered for j in range(i, end)) or not _place_words(span, lower_cased):
                    continue
                code = self.gazetteer.place_country(span.text, known, cased=not lower_cased)
                if code is not None:
                    found = (span, code)
                    break
            if found is None:
                i += 1
                continue
            span, code = found
            name = self.kb.country_names.get(code)
            actor = Actor(code=code, country=code, sector=None, name=name, text=span.text)
            mention = Mention(span.start, span.end, actor, "gazetteer:place")
            for j in range(span.start, span.end):
                out[j] = mention
            i = span.end
        return out

    def _hits(self, doc: Doc, lower_cased: bool = False, date: dt.date | None = None) -> list[_Hit]:
        spans = []
        for match_id, start, end in [*self.matcher(doc), *self.exact_matcher(doc)]:
            key = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=key)
            if _is_lowercase_ambiguity(span) and not (lower_cased and lower_case_name(span)):
                continue
            spans.append(span)
        # Longest spans win; entries are preferred to agents on ties by the label order.
        # Among entries, a later one (a user's file, added after the bundled tables) wins.
        spans.sort(key=lambda s: (s.label_[0] != "E", -int(s.label_[1:] or 0)))
        if date is not None:
            spans = self._in_office_first(spans, date)
        hits = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            key = span.label_
            hits.append(_Hit(span, self._entries.get(key), self._agents.get(key)))
        return hits

    def _companies(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Companies named with their legal form ("AMC Entertainment Holdings Inc",
        "Freeport-McMoRan Inc.", "Tata Motors Ltd"): BUS, of the country whose name or
        adjective opens the name ("Indian Oil Corporation Ltd") and of none otherwise."""
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        out = list(mentions)
        orth = token_keys(doc, ORTH)  # a Token only for the legal forms
        for token in (doc[i] for i, key in enumerate(orth) if key in _COMPANY_FORM_KEYS):
            if token.i + 1 < len(doc) and doc[token.i + 1].text in COMPANY_FORMS:
                continue  # "Holdings Inc": the name ends at the last form
            own = by_token.get(token.i)
            if own is not None and not _company_agent(own, token):
                continue
            start = token.i
            while start > 0 and _company_word(doc[start - 1]):
                start -= 1
            while start < token.i and not doc[start].text[:1].isupper():
                start += 1  # a name opens with a capital, not with "-" or "&"
            if start == token.i or (token.i + 1 < len(doc) and doc[token.i + 1].text[:1] == "-"):
                continue
            before = by_token.get(start - 1)
            if (
                before is not None
                and before.end == start
                and before.reason == "kb:country+agent"
                and before.actor.sector == "BUS"
            ):
                start = before.start  # "the Chinese company Huawei Technologies Co."
            inside = {
                id(m): m
                for i in range(start, token.i + 1)
                if (m := by_token.get(i)) is not None and not _company_agent(m, doc[i])
            }
            country = None
            if inside:
                first = by_token.get(start)
                if len(inside) > 1 or first is None or first.actor.country is None:
                    continue  # a name made of other actors' names is no company's
                if (first.reason, first.actor.sector) not in (
                    ("kb:country", None),
                    ("kb:country+agent", "BUS"),
                ):
                    continue
                country = first.actor.country
            for i in range(start, token.i + 1):
                if (m := by_token.get(i)) is not None and m in out:
                    out.remove(m)
            text = doc[start : token.i + 1].text
            actor = Actor((country or "") + "BUS", country, "BUS", text, text)
            company = Mention(start, token.i + 1, actor, COMPANY_REASON)
            out.append(company)
            by_token.update((i, company) for i in range(start, token.i + 1))
        out.sort(key=lambda m: m.start)
        return out

    def _in_office_first(self, spans: list[Span], date: dt.date) -> list[Span]:
        """Among people who share a name ("Bush": the elder and the younger), the one in
        office on ``date`` first, then the one whose tenure is nearest to it; stable
        otherwise, so the later entry still wins where neither is nearer."""

        people: dict[tuple[int, int], list[tuple[int, int, Span]]] = {}
        for n, span in enumerate(spans):
            entry = self._entries.get(span.label_)
            if entry is not None and entry.kind == "person":
                gap = min(role.distance(date) for role in entry.roles)
                people.setdefault((span.start, span.end), []).append((gap, n, span))
        out = list(spans)
        for group in people.values():
            if len(group) < 2:
                continue
            places = sorted(n for _, n, _ in group)
            for place, (_, _, span) in zip(places, sorted(group, key=lambda g: g[:2]), strict=True):
                out[place] = span
        return out

    def _entry_mention(self, hit: _Hit, date: dt.date | None) -> Mention:
        assert hit.entry is not None
        role, why = hit.entry.role_on(date)
        country, sector = split_code(role.code)
        name = hit.entry.name
        if hit.entry.kind == "country" and country in self.kb.country_names:
            name = self.kb.country_names[country]
        actor = Actor(role.code, country, sector, name, hit.span.text)
        reason = (
            f"kb:{hit.entry.kind}:{why}" if hit.entry.kind == "person" else f"kb:{hit.entry.kind}"
        )
        return Mention(hit.span.start, hit.span.end, actor, reason)

    def _agent_mention(
        self, hits: list[_Hit], n: int, date: dt.date | None = None, lower_cased: bool = False
    ) -> tuple[Mention, int | None]:
        """An agent word ("troops") joined with the actor it belongs to: a country next to
        it ("Russian troops", "the army of Chad"), a named group or body modifying it
        ("Hezbollah fighters", "UN troops", "Kremlin officials"), or a place it is from or
        in ("troops from Chad", "police in Lucknow")."""
        hit = hits[n]
        assert hit.agent is not None
        sector = hit.agent.sector
        partner = _country_partner(hits, n)
        if partner is None:
            body = _body_partner(hits, n)
            if body is not None:
                joined = self._body_mention(hits, n, body, date)
                if joined is not None:
                    return joined, body
            place = self._place_partner(hits, n, lower_cased)
            if place is not None:
                country, end, partner = place
                doc = hit.span.doc
                mention = self._joined(doc, hit.span.start, end, country, sector, "kb:agent+place")
                return mention, partner
            prefix = self._place_prefix(hit, lower_cased)
            if prefix is not None:  # "Lucknow police", "a Kansas woman"
                country, start = prefix
                doc = hit.span.doc
                mention = self._joined(doc, start, hit.span.end, country, sector, "kb:place+agent")
                return mention, None
            actor = Actor(sector, None, sector, None, hit.span.text)
            return Mention(hit.span.start, hit.span.end, actor, "kb:agent"), None
        other = hits[partner]
        assert other.entry is not None
        state, _ = split_code(other.entry.roles[-1].code)
        start = min(other.span.start, hit.span.start)
        end = max(other.span.end, hit.span.end)
        joined = self._joined(hit.span.doc, start, end, state, sector, "kb:country+agent")
        return joined, partner

    def _joined(
        self,
        doc: Doc,
        start: int,
        end: int,
        country: str | None,
        sector: str,
        reason: str,
        code: str | None = None,
        name: str | None = None,
    ) -> Mention:
        text = doc[start:end].text
        name = name or self.kb.country_names.get(country or "", country)
        actor = Actor(code or (country or "") + sector, country, sector, name, text)
        return Mention(start, end, actor, reason)

    def _body_mention(
        self, hits: list[_Hit], n: int, body: int, date: dt.date | None
    ) -> Mention | None:
        """ "Hezbollah fighters" → the group (its members act as it); "UN troops" → IGOUNOMIL;
        "Kremlin officials" → RUSGOV (a seat of power names its state); "Pentagon officials"
        → USAMIL (a body with its own sector keeps it)."""
        hit, other = hits[n], hits[body]
        assert hit.agent is not None and other.entry is not None
        sector = hit.agent.sector
        role, _ = other.entry.role_on(date)
        country, own = split_code(role.code)
        if country is None:
            return None
        outsider = sector in NON_MEMBER_SECTORS or hit.span.root.lower_ in NON_MEMBER_WORDS
        start = min(other.span.start, hit.span.start)
        end = max(other.span.end, hit.span.end)
        doc = hit.span.doc
        if other.entry.kind == "country":  # a capital or seat of power
            if own is None or own == DEFAULT_SEAT_SECTOR or outsider:
                return self._joined(doc, start, end, country, sector, "kb:seat+agent")
            return self._joined(doc, start, end, country, own, "kb:seat+agent", role.code)
        if outsider:
            return None  # "Taliban prisoners", "Hamas critics": not the group itself
        name = other.entry.name
        if own is None:
            return self._joined(doc, start, end, country, sector, "kb:body+agent", None, name)
        return self._joined(doc, start, end, country, own, "kb:body+agent", role.code, name)

    def _place_partner(
        self, hits: list[_Hit], n: int, lower_cased: bool
    ) -> tuple[str, int, int | None] | None:
        """(country, end, hit index) of the place an agent is from or in: "troops from Chad",
        "police in Kenya", "civilians in northern Syria", "police in Lucknow" (gazetteer)."""
        hit = hits[n]
        assert hit.agent is not None
        head = hit.span.root
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("compound", "amod"):
            return None
        doc = hit.span.doc
        for prep in head.children:
            word = prep.lower_
            if prep.dep_ != "prep" or word not in PLACE_PREPS or prep.i != hit.span.end:
                continue
            if word == "in" and not _local_agent(hit):
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                later = [m for m in range(n + 1, len(hits)) if hits[m].span.start <= pobj.i]
                if later and later[-1] != n + 1:
                    return None  # another actor comes between
                if later and pobj.i < hits[n + 1].span.end:
                    return _place_hit(hits, n + 1)
                if later:
                    return None
                country = self._gazetteer_place(doc, pobj, lower_cased)
                if country is not None:
                    return country, pobj.i + 1, None
        return None

    def _place_prefix(self, hit: _Hit, lower_cased: bool) -> tuple[str, int] | None:
        """(country, start) of a town or region naming a local agent as its modifier: the
        proper nouns just before it that the parser hangs on it ("Lucknow police", "a
        Kansas woman"), read strictly (``Gazetteer.place_country``); not for visitors."""
        doc, start = hit.span.doc, hit.span.start
        while (
            start > 0
            and doc[start - 1].dep_ in ("compound", "amod")  # "Lucknow" is often read as ADJ
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].head.i in range(start, hit.span.end)  # "New South Wales"
        ):
            start -= 1
        if start == hit.span.start or not _local_agent(hit):
            return None
        span = doc[start : hit.span.start]
        country = self.gazetteer.place_country(span.text, frozenset(), cased=not lower_cased)
        return None if country is None else (country, start)

    def _gazetteer_place(self, doc: Doc, pobj: Token, lower_cased: bool) -> str | None:
        """The country of a place name ending in ``pobj`` ("Uttar Pradesh", "Lucknow")."""
        start = pobj.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == pobj:
            start -= 1
        span = doc[start : pobj.i + 1]
        if span.text[:1].isupper():
            return self.gazetteer.country_of(span.text)
        return self.gazetteer.country_of_lower(span.text) if lower_cased else None

    def _surname_mentions(
        self,
        doc: Doc,
        surnames: list[tuple[str, Mention]],
        mentions: list[Mention],
        persons: set[int],
    ) -> list[Mention]:
        """Later mentions of a person by one name ("Kim", "Syrskyi"): the latest such person."""
        if not surnames:
            return []  # no person named yet: no token can be a later mention of one
        covered = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for token in doc:
            if (
                token.i in covered
                or not token.text[:1].isupper()
                or token.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE", "")
            ):
                continue
            earlier = [m for word, m in surnames if word == token.lower_ and m.end <= token.i]
            if not earlier:
                continue
            mention = earlier[-1]
            actor = mention.actor
            new = Mention(
                token.i,
                token.i + 1,
                Actor(actor.code, actor.country, actor.sector, actor.name, token.text),
                f"surname→{actor.text}",
            )
            persons.add(id(new))
            found.append(new)
        return found


def _name_words(span: Span, mention: Mention) -> list[tuple[str, Mention]]:
    """First and last words of a person's name: family names come first in Korean/Chinese."""
    words = [t for t in span if t.text[:1].isupper() and not t.is_punct]
    if len(words) < 2:
        return []
    return [(words[0].lower_, mention), (words[-1].lower_, mention)]


def _pattern_docs(nlp: Language, patterns: tuple[str, ...]) -> Iterator[Doc]:
    """Each pattern tokenised as the pipeline would, plus a merged-hyphen variant."""
    for pattern in patterns:
        yield tokenize(nlp, pattern)
        if "-" in pattern:
            yield Doc(nlp.vocab, words=pattern.split(" "))


def _is_lowercase_ambiguity(span: Span) -> bool:
    """Country-name words that are also common words ("chad", "turkey", "general") must be
    capitalised to count as names; agent words are matched in any case."""
    if span.label_.startswith("A"):
        return False
    first = span[0]
    return first.is_lower and first.lower_ in _COMMON_WORD_NAMES


_COMMON_WORD_NAMES = frozenset(
    [
        "chad",
        "bush",
        "turkey",
        "jordan",
        "georgia",
        "guinea",
        "niger",
        "china",
        "japan",
        "israel",
        "general",
        "mali",
        "peru",
        "cuba",
        "lebanon",
        "un",
        "us",
        "iran",
        "iraq",
    ]
)


def _country_partner(hits: list[_Hit], n: int) -> int | None:
    """The index of a country hit in the same noun phrase as agent hit ``n``, if any."""
    agent_span = hits[n].span
    head = agent_span.root
    for m in (n - 1, n + 1):
        if not 0 <= m < len(hits):
            continue
        other = hits[m]
        if other.entry is None or other.entry.kind != "country":
            continue
        if len(other.entry.roles[-1].code) != 3:
            continue  # capitals already carry a sector
        span = other.span
        gap = agent_span.doc[min(span.end, agent_span.end) : max(span.start, agent_span.start)]
        if m < n and span.root.head.i in range(agent_span.start, agent_span.end):
            return m
        in_phrase = span.root.head == head or span.root.head.head == head
        if m < n and in_phrase and all(t.dep_ in _MODIFIER_DEPS | {"case", "punct"} for t in gap):
            return m
        if m > n and head.i in {t.head.head.i for t in span} and _via_of(span, head):
            return m
    return None


# Agents who are not a group's members acting as it ("Taliban prisoners", "Hamas critics").
NON_MEMBER_SECTORS = frozenset({"CVL", "REF", "OPP", "HRI", "NGO"})
NON_MEMBER_WORDS = frozenset(
    ["critic", "critics", "rival", "rivals", "victim", "victims", "hostages", "captives"]
)
DEFAULT_SEAT_SECTOR = "GOV"
PLACE_PREPS = frozenset({"from", "in"})
# Who is "in" a place without being of it: visitors, envoys, foreign forces, aid workers.
_VISITOR_SECTORS = frozenset({"MIL", "SPY", "REF", "NGO", "HRI", "IGO"})
_VISITOR_WORDS = frozenset(
    """ambassador ambassadors envoy envoys diplomat diplomats embassy embassies consulate
    consulates consul consuls delegation delegations delegate delegates negotiator negotiators
    mediator mediators correspondent correspondents representative representatives mission
    emissary emissaries tourists pilgrims visitors foreigners expatriates nationals
    immigrants migrants diaspora investors""".split()
)


def _local_agent(hit: _Hit) -> bool:
    """An agent "in" a place is of it ("police in Kenya"), unless visiting ("the envoy in
    Kabul", "troops in Iraq", "aid workers in Gaza")."""
    assert hit.agent is not None
    if hit.agent.sector in _VISITOR_SECTORS:
        return False
    return not any(t.lower_ in _VISITOR_WORDS for t in hit.span)


def _place_hit(hits: list[_Hit], m: int) -> tuple[str, int, int | None] | None:
    """A country hit as the object of "from"/"in": that state. A capital there is the city,
    so its state ("police in Nairobi" → KENCOP, "officials in New Delhi" → INDGOV, as the
    seat of power would be)."""
    entry = hits[m].entry
    if entry is None or entry.kind != "country":
        return None
    code = entry.roles[-1].code
    if len(code) == 3:
        return code, hits[m].span.end, m
    if len(code) == 6 and code.endswith("GOV"):
        return code[:3], hits[m].span.end, m
    return None


def _body_partner(hits: list[_Hit], n: int) -> int | None:
    """A named group, international body or seat of power that modifies agent hit ``n``
    ("Hezbollah fighters", "Hezbollah's fighters", "UN peacekeepers", "Kremlin officials"),
    or that the agent is "of" ("fighters of Hezbollah", "leaders of Egypt's Muslim
    Brotherhood")."""
    agent_span = hits[n].span
    head = agent_span.root
    for m in (n - 1, n + 1):
        if not 0 <= m < len(hits):
            continue
        entry = hits[m].entry
        if entry is None or entry.kind == "person":
            continue
        if entry.kind == "country" and len(entry.roles[-1].code) == 3:
            continue  # states themselves: _country_partner
        span = hits[m].span
        if m < n:
            gap = agent_span.doc[span.end : agent_span.start]
            if (
                span.root.head.i in range(agent_span.start, agent_span.end)
                and span.root.dep_ in _MODIFIER_DEPS
                and all(t.dep_ in ("case", "punct") for t in gap)
            ):
                return m
        elif entry.kind != "country" and _via_of(span, head) and span.start == agent_span.end + 1:
            return m
    # "leaders of Egypt's Muslim Brotherhood": the group, not its country, is the owner
    if n + 2 < len(hits) and (group := hits[n + 2]).entry is not None:
        country = hits[n + 1]
        kind = group.entry.kind
        if (
            kind not in ("country", "person")
            and country.entry is not None
            and country.entry.kind == "country"
            and country.span.root.dep_ == "poss"
            and country.span.root.head.i in range(group.span.start, group.span.end)
            and _via_of(group.span, head)
            and country.span.start == agent_span.end + 1
        ):
            return n + 2
    return None


def _titles_person(hits: list[_Hit], n: int) -> bool:
    """Agent hit ``n`` is a title directly before a known person's name."""
    if n + 1 >= len(hits):
        return False
    nxt = hits[n + 1]
    return (
        nxt.entry is not None
        and nxt.entry.kind == "person"
        and (nxt.span.start == hits[n].span.end)
    )


def _via_of(span: Span, head: Token) -> bool:
    """``span`` is the object of an "of" attached to ``head`` ("the government of Japan")."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head == head


def _titled_person(span: Span) -> Span | None:
    """A PERSON name right after a title ("Ukrainian commander Oleksandr Syrskyi")."""
    return _name_at(span.doc, span.end)


# Between a group and the name of its member: "VHP's Pravin Togadia", "Hamas' Ismail Haniyeh".
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _owned_person(hits: list[_Hit], n: int) -> Span | None:
    """A PERSON name right after a group's possessive ("VHP's Pravin Togadia") that no
    other hit covers: a member speaking for the group."""
    span = hits[n].span
    doc = span.doc
    start = span.end
    if span[-1].text not in _POSSESSIVE:
        if start >= len(doc) or doc[start].text not in _POSSESSIVE:
            return None
        start += 1
    name = _name_at(doc, start)
    if name is None:
        return None
    if n + 1 < len(hits) and hits[n + 1].span.start < name.end:
        return None  # a known person or another actor: its own hit decides
    return name


def _person_of(mention: Mention, person: Span, reason: str) -> Mention:
    """``mention`` stretched over the person named in it, the person's name as its text."""
    actor = mention.actor
    start, end = min(mention.start, person.start), max(mention.end, person.end)
    text = person.doc[start:end].text
    return Mention(
        start, end, Actor(actor.code, actor.country, actor.sector, actor.name, text), reason
    )


def _appositive_persons(
    doc: Doc,
    mentions: list[Mention],
    persons: set[int],
    entries: dict[int, ActorEntry],
    surnames: list[tuple[str, Mention]],
) -> list[Mention]:
    """People the knowledge base does not know, named in apposition to a title that says
    who they are: "Pravin Togadia, a VHP leader," and "the US commander in Iraq, General
    David Petraeus" take the title's actor (INDPTY, USAMIL); a titled name with no country
    of its own ("General David Petraeus", MIL) takes the country of the title it is in
    apposition to. Their name words go to ``surnames`` ("Petraeus said" later)."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}

    def partner(tokens: Span, own: Mention | None) -> Mention | None:
        for token in tokens:
            linked = [c for c in token.children if c.dep_ == "appos"]
            if token.dep_ == "appos":
                linked.append(token.head)
                if token.head.dep_ == "pobj" and token.head.head.dep_ == "prep":
                    # "the commander in Mali, General X": the appositive closes the phrase
                    linked.append(token.head.head.head)
            for other in linked:
                found = by_token.get(other.i)
                if found is None or found is own or other.i in range(tokens.start, tokens.end):
                    continue
                if found.actor.sector is None or id(found) in entries:
                    continue  # a bare state or a known person is no title of this one
                if own is not None and found.actor.country is None:
                    continue
                return found
        return None

    out = list(mentions)
    for n, mention in enumerate(mentions):
        if id(mention) not in persons or id(mention) in entries or mention.actor.country:
            continue
        title = partner(doc[mention.start : mention.end], mention)
        if title is not None:  # "the US commander in Iraq, General David Petraeus"
            actor = title.actor
            new = Mention(
                mention.start,
                mention.end,
                Actor(actor.code, actor.country, actor.sector, actor.name, mention.actor.text),
                f"{mention.reason}+appos→{actor.text}",
            )
            out[n] = new
            persons.discard(id(mention))
            persons.add(id(new))
            surnames[:] = [(w, new if m is mention else m) for w, m in surnames]
    for person in [m for m in out if id(m) in persons and id(m) in entries]:
        # "The then president, Goodluck Jonathan,": the known person, with the title
        title = _bare_title(doc, person, by_token, entries)
        if title is None or title not in out:
            continue
        start, end = min(person.start, title.start), max(person.end, title.end)
        actor = person.actor
        new = Mention(
            start,
            end,
            Actor(actor.code, actor.country, actor.sector, actor.name, doc[start:end].text),
            f"{person.reason}+appos:{title.actor.text}",
        )
        out[out.index(person)] = new
        out.remove(title)
        persons.discard(id(person))
        persons.add(id(new))
        entries[id(new)] = entries.pop(id(person))
        surnames[:] = [(w, new if m is person else m) for w, m in surnames]
    for name in _names(doc, single=True):
        if any(i in by_token for i in range(name.start, name.end)):
            continue
        title = partner(name, None)
        if title is None or title not in out:
            continue
        title_root = doc[title.start : title.end].root
        if len(name) < 2 and (name.text.isupper() or "(" in doc[name.start - 1 : name.start].text):
            continue  # "the Nigerian Air Force (NAF)": an acronym, not a person
        if title_root.tag_ not in ("NN", "NNP") and len(name) < 2:
            continue  # one capitalised word is a name only beside one person's title
        if title_root.tag_ in ("NNS", "NNPS"):
            continue  # "the rebels, Hamas and Fatah": a plural is no one person's title
        after = title.start > name.end and title.end < len(doc)
        if after and not _ends_title(doc[title.end]):
            continue  # "X, minister of state Y Z": the title is Y Z's
        actor = title.actor
        gap = doc[min(name.end, title.end) : max(name.start, title.start)]
        if gap and gap[0].text == "," and all(t.tag_ == "DT" for t in gap[1:]):
            # "The then president, Goodluck Jonathan," / "Pravin Togadia, a VHP leader":
            # one mention of the person, named and described
            start, end = min(name.start, title.start), max(name.end, title.end)
            text = doc[start:end].text
            reason = f"appos:{name.text}→{actor.text}"
            out.remove(title)
        else:
            start, end, text, reason = name.start, name.end, name.text, f"appos→{actor.text}"
        new = Mention(
            start, end, Actor(actor.code, actor.country, actor.sector, actor.name, text), reason
        )
        out.append(new)
        persons.discard(id(title))
        persons.add(id(new))
        surnames.extend(_name_words(name, new))
    out.sort(key=lambda m: m.start)
    return out


# Named-entity labels a person's name may carry in a small model's guess: an unknown name
# is often taken for an organisation ("Pravin Togadia" ORG); places, dates, nationalities
# and works are no person.
_NAME_LABELS = frozenset({"PERSON", "ORG", ""})


def _name_at(doc: Doc, start: int, single: bool = False) -> Span | None:
    """The name of a person that starts at ``start``: a run of capitalised proper nouns
    that the model calls a person, or two or more that it calls an organisation or nothing
    ("Pravin Togadia"), ending where the run does."""
    end = start
    while (
        end < len(doc)
        and doc[end].tag_ == "NNP"
        and doc[end].text[:1].isupper()
        and doc[end].ent_type_ in _NAME_LABELS
        and (end == start or doc[end].ent_iob_ != "B" or doc[end].ent_type_ == "PERSON")
    ):
        end += 1
    if end == start or doc[end - 1].text in COMPANY_FORMS:
        return None  # "Huawei Technologies Co": a company (``_companies``)
    span = doc[start:end]
    if any(t.ent_type_ == "PERSON" for t in span) or len(span) >= 2 or single:
        return span
    return None


def _names(doc: Doc, single: bool = False) -> Iterator[Span]:
    """The person-like names of ``doc`` (``_name_at``), each run once; with ``single``,
    also a lone capitalised proper noun the model calls no place ("Tantan")."""
    # a name opens with a capitalised proper noun that follows none (read once a token)
    strings = doc.vocab.strings
    capitalised = [
        tag == _NNP and strings[orth][:1].isupper()
        for tag, orth in zip(token_keys(doc, TAG), token_keys(doc, ORTH), strict=True)
    ]
    i = 0
    while i < len(doc):
        if not capitalised[i] or (i > 0 and capitalised[i - 1]):
            i += 1
            continue
        name = _name_at(doc, i)
        if name is None and single and _name_at(doc, i, single=True) is not None:
            name = doc[i : i + 1]
        if name is None:
            i += 1
            continue
        yield name
        i = name.end


def _bare_title(
    doc: Doc, person: Mention, by_token: dict[int, Mention], entries: dict[int, ActorEntry]
) -> Mention | None:
    """A title with no country of its own set off by one comma from a known person's name,
    in apposition to it: "the then president, Goodluck Jonathan" and "Goodluck Jonathan,
    the president"."""
    names = range(person.start, person.end)
    candidates = []
    if person.start >= 2 and doc[person.start - 1].text == ",":
        candidates.append((by_token.get(person.start - 2), person.start - 1))
    after = person.end + 1
    if person.end < len(doc) and doc[person.end].text == ",":
        if after < len(doc) and doc[after].tag_ == "DT":
            after += 1
        candidates.append((by_token.get(after), after))
    for title, edge in candidates:
        if title is None or id(title) in entries or title.reason != "kb:agent":
            continue
        if title.actor.country is not None or title.actor.sector is None:
            continue
        if not title.start <= edge <= title.end:
            continue
        if edge > person.end and title.end < len(doc) and not _ends_title(doc[title.end]):
            continue  # "Advani, minister of state I D Swamy": the title is another's
        root = doc[title.start : title.end].root
        if root.tag_ in ("NN", "NNP") and (root.head.i in names or doc[names[-1]].head == root):
            return title
    return None


# The legal forms that end a company's name.
COMPANY_FORMS = frozenset(
    """Inc Inc. Incorporated Corp Corp. Corporation Ltd Ltd. Limited LLC L.L.C. plc PLC Plc
    GmbH AG S.A. N.V. NV Co. Holdings""".split()
)
_COMPANY_FORM_KEYS = frozenset(string_key(form) for form in COMPANY_FORMS)
_PRONOUN_KEYS = frozenset(string_key(word) for word in PRONOUNS)
_NNP = string_key("NNP")


def _company_word(token: Token) -> bool:
    """A word of a company's name: a capitalised proper noun, or a joining "-" or "&"."""
    if token.text in ("-", "&"):
        return True
    return token.text[:1].isupper() and token.tag_ in ("NNP", "NNPS")


def _company_agent(mention: Mention, token: Token) -> bool:
    """The agent word "Corporation" alone, as a word of a company's name."""
    return mention.reason == "kb:agent" and mention.start == mention.end - 1 == token.i


# "former chief minister", "ex-president": one who held an office holds it no more.
FORMER_WORDS = frozenset({"former", "ex", "ex-", "erstwhile", "onetime", "one-time"})
# Sectors of an office: a former holder is one of the country's elite (CAMEO ELI).
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
ELITE_SECTOR = "ELI"


def _former_officials(
    doc: Doc,
    mentions: list[Mention],
    persons: set[int],
    entries: dict[int, ActorEntry],
    surnames: list[tuple[str, Mention]],
) -> list[Mention]:
    """An office holder named as former ("the former chief minister", "ex-President X",
    "Former U.S. President Barack Obama") is no longer the government: the country's
    elite (``ELI``)."""
    out = []
    for mention in mentions:
        actor = mention.actor
        if actor.sector not in OFFICE_SECTORS or not _named_former(doc, mention):
            out.append(mention)
            continue
        code = (actor.country or "") + ELITE_SECTOR
        new = Mention(
            mention.start,
            mention.end,
            Actor(code, actor.country, ELITE_SECTOR, actor.name, actor.text),
            f"{mention.reason}+former",
        )
        if id(mention) in persons:
            persons.discard(id(mention))
            persons.add(id(new))
        if id(mention) in entries:
            entries[id(new)] = entries.pop(id(mention))
        surnames[:] = [(w, new if m is mention else m) for w, m in surnames]
        out.append(new)
    return out


def _named_former(doc: Doc, mention: Mention) -> bool:
    """ "former" (or "ex-") modifies the mention's words or stands just before them, with
    only a determiner, a country word or a title between."""
    span = doc[mention.start : mention.end]
    inside = range(mention.start, mention.end)
    if any(t.lower_ in FORMER_WORDS and t.head.i in inside for t in span):
        return True
    i = mention.start - 1
    while i >= 0 and mention.start - i <= 4:
        token = doc[i]
        if token.lower_ in FORMER_WORDS or token.lower_.startswith("ex-"):
            return token.head.i in inside or token.head.i > i
        if token.dep_ not in ("compound", "amod", "nmod", "det", "poss", "case", "punct"):
            return False
        i -= 1
    return False


# What may not follow a title set after a person's name: another name, whose title it is
# ("Advani, minister of state I D Swamy").
_NAME_POS = frozenset({"PROPN", "NOUN", "X"})


def _ends_title(token: Token) -> bool:
    """``token`` may follow a title set after a person's name: anything but a name, an
    initial or a noun, or a date ("X, the president, Tuesday said")."""
    if token.is_alpha and len(token) == 1 and token.lower_ != "a":
        return False  # an initial: "minister of state i d swamy"
    return token.pos_ not in _NAME_POS or token.ent_type_ in ("DATE", "TIME")
