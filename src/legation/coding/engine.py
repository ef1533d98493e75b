"""The event coder: one parsed article + its actors → coded ``Event`` records.

For every trigger (a verb or event noun in the lexicon) it reads source and target from the
parse (``arguments``), looks the code up with the disambiguating words, and adds modality,
attribution (``modality``), date (``dates``), count (``counts``) and the sentence itself.
Each event records its ``rule``: the lexicon line and the extraction rules that produced it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from itertools import product

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from legation.actors.pronouns import PERSON_TITLES, SPEECH_VERBS
from legation.actors.resolver import ArticleActors
from legation.coding.arguments import (
    LIGHT_VERBS,
    UNDERGOING_VERBS,
    Arguments,
    noun_arguments,
    verb_arguments,
)
from legation.coding.counts import count_of
from legation.coding.dates import DateMention, find_dates
from legation.coding.doc_arrays import doc_text, key_text, token_keys
from legation.coding.guards import no_event_reason
from legation.coding.implied import (
    DEATH_NOUNS,
    DYING_LEMMAS,
    resultative,
    supply_implied_source,
)
from legation.coding.lexicon import ACTOR_OBJECT, Lexicon, Trigger
from legation.coding.modality import OFFERING_VERBS, attribution_of, modality_of
from legation.coding.patterns import Binding
from legation.coding.stance import (
    intent_code,
    is_intent,
    is_refusal,
    is_threat,
    refusal_code,
    threat_code,
)
from legation.model import Actor, DateSource, Event, Location, Mention
from legation.ontology import Ontology

NARRATIVE_WINDOW = 5  # sentences an explicit past date carries over to undated past events
MAX_PAIRS = 12  # source × target combinations per trigger: a meeting of four, each way
TEMPORAL_LINKS = frozenset({"when", "while", "as"})  # a clause that shares its head's time
CLAUSE_COST = 10  # tree-distance cost of a date in another clause
CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "relcl", "parataxis", "acl"})
# Verbs whose event-noun object is the news ("announced the release of …"), not the saying.
ANNOUNCING_VERBS = frozenset("announce declare unveil confirm reveal report".split())
MONTH_WORDS = frozenset({"March", "May"})  # months that are also verbs, capitalised
# Verbs that only frame the event of their "to" complement ("plans to visit").
CARRIER_VERBS = frozenset(
    [
        "seek",
        "want",
        "try",
        "attempt",
        "hope",
        "plan",
        "intend",
        "aim",
        "decide",
        "wish",
        "expect",
        "prepare",
        "manage",
        "continue",
        "begin",
        "start",
        "need",
        "tend",
        "appear",
        "seem",
        "go",
        "keep",
        "help",
    ]
)
EFFORT_NOUNS = frozenset(
    "effort initiative mission bid attempt drive push process campaign programme program "
    "plan".split()
)
QUANTITY_WORDS = frozenset(
    "million billion trillion thousand hundred dozen ton tonne metric worth lot number batch "
    "amount sum total $ € £ usd eur dollar euro pound rupee yen over nearly about around "
    "approximately some more than additional estimated".split()
)
# How each date rule (``date:`` in an event's rule) reads as the record's ``date_source``.
DATE_SOURCES: dict[str, DateSource] = {
    "text": "text",
    "sentence": "text",
    "list": "text",
    "narrative": "story",
    "carried": "story",
    "article-date": "article",
}
# Former state → (successor, last year it existed, successor's name).
SUCCESSOR_STATES = {
    "SUN": ("RUS", "1991", "Russia"),
    "DDR": ("DEU", "1990", "Germany"),
    "CSK": ("CZE", "1992", "Czech Republic"),
    "YUG": ("SRB", "2006", "Serbia"),
}
RECEIVING_VERBS = frozenset({"receive", "get", "obtain", "acquire"})
# Undergoing another's act (``arguments.UNDERGOING_VERBS``): "Turkey *drew condemnation
# from* France": the subject is its target, the "from" phrase its source.
UNDERGONE_ROOTS = frozenset({"05", "10", "11", "12", "13"})
BEEN_VISIT = Trigger(
    "042", "VERB", "be", None, frozenset(), "'has been (to X)': a visit", "engine:has-been"
)
# "Russia says *Israel must end* its strikes": a reported obligation laid on another actor
# is the speaker's demand of it (CAMEO 100).
SAID_MUST = Trigger(
    "100", "VERB", "say", None, frozenset(), "'X said Y must …': a demand", "engine:said-must"
)
DEMANDING_SPEECH = frozenset(
    "say insist state tell add assert contend argue warn stress reiterate emphasize "
    "emphasise declare".split()
)
OBLIGATION_AUX = frozenset({"must"})
TRAVEL_CODES = frozenset({"042"})  # a trip: its destination may be carried from the story
PLACE_PREPS = frozenset({"to", "in", "at", "into", "inside"})
NP_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
REFERRING_NOUNS = frozenset(
    ["request", "invitation", "offer", "proposal", "demand", "plan", "appeal", "bid"]
)


@dataclass
class _ArticleState:
    """What earlier sentences of the article established: narrative time, prior events."""

    narrative: tuple[int, DateMention] | None = None
    events: list[Event] = field(default_factory=list)
    # headline triggers that name no actor, with their context: the lead may name them
    orphans: list[tuple[_Candidate, _Context]] = field(default_factory=list)
    lemmas: list[int] = field(default_factory=list)  # each token's lemma hash (one array)


@dataclass(frozen=True, slots=True)
class _Candidate:
    token: Token
    entry: Trigger
    args: Arguments
    clause: Token  # the verb whose clause carries modality, dates and counts


@dataclass(frozen=True, slots=True)
class _Context:
    """The sentence being coded and what the article established before it."""

    index: int
    sentence: Span
    dates: list[DateMention]
    state: _ArticleState
    article_date: dt.date | None
    actors: ArticleActors
    text: str  # the sentence's text, read once


class EventCoder:
    """Codes events from parsed articles, with a lexicon and the CAMEO ontology."""

    def __init__(self, lexicon: Lexicon, ontology: Ontology, *, require_actor: bool = True) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.require_actor = require_actor
        self._verbs = lexicon.lemmas("VERB")
        self._nouns = lexicon.lemmas("NOUN")
        self._trigger_lemma: dict[int, bool] = {}  # lemma hash → in the lexicon, or "be"

    def code_doc(
        self, doc_id: str, doc: Doc, actors: ArticleActors, article_date: dt.date | None
    ) -> list[Event]:
        state = _ArticleState(lemmas=token_keys(doc, LEMMA))
        events: dict[str, Event] = {}
        text_of_doc = doc_text(doc)  # a sentence's text is its slice: no Token a word
        for index, sentence in enumerate(doc.sents):
            text = text_of_doc[sentence.start_char : sentence.end_char]
            dates = find_dates(sentence, article_date, text)
            coded: list[tuple[_Candidate, list[Event]]] = []
            for candidate in self._candidates(sentence, actors, state):
                context = _Context(index, sentence, dates, state, article_date, actors, text)
                kept = []
                for event in self._events(doc_id, candidate, context):
                    event = _distinct_id(event, events)
                    if events.setdefault(event.event_id, event) is event:
                        kept.append(event)
                    state.events.append(event)
                coded.append((candidate, kept))
            for event in _vaguer_stances(coded):
                del events[event.event_id]
                state.events.remove(event)
            if index == 1:
                for event in self._headline_from_lead(doc_id, state, coded):
                    event = _distinct_id(event, events)
                    if events.setdefault(event.event_id, event) is event:
                        state.events.append(event)
            if _present_tense(sentence):
                state.narrative = None  # the story has come back to the present
            # Only dates of another year anchor later sentences ("in 2015 … At the time, …").
            explicit = [d for d in dates if not d.bound and d.value[:4] != str(article_date)[:4]]
            if explicit and article_date is not None:
                state.narrative = (index, explicit[-1])
        return list(events.values())

    # -- triggers ---------------------------------------------------------------------------

    def _candidates(
        self, sentence: Span, actors: ArticleActors, state: _ArticleState
    ) -> list[_Candidate]:
        found = []
        doc = sentence.doc
        for i in self._trigger_positions(sentence, state.lemmas):
            token = doc[i]
            lemma = token.lemma_.lower()
            if token.text in MONTH_WORDS:
                continue  # "In late March, …": a date, even when tagged as a verb
            if lemma == "be" and _has_been_visit(token):
                found.append(_Candidate(token, BEEN_VISIT, verb_arguments(token, actors), token))
                continue
            if lemma in DEMANDING_SPEECH and (demand := _said_must(token, actors)) is not None:
                found.append(_Candidate(token, SAID_MUST, demand, token))
            if token.pos_ in ("VERB", "AUX") and lemma in self._verbs:
                if lemma in CARRIER_VERBS and any(c.dep_ == "xcomp" for c in token.children):
                    continue  # "sought to demonstrate": the complement carries the event
                noun_object = any(
                    c.dep_ == "dobj" and c.lemma_.lower() in self._nouns for c in token.children
                )
                if lemma in LIGHT_VERBS and noun_object:
                    continue  # "began arms shipments": the event noun carries the event
                if _gerund_of_found(token, found):
                    continue  # "stopped fighting": the governing verb's object, not an act
                args = verb_arguments(token, actors)
                gerund = _gerund_object(token)
                args.direct |= gerund
                args.object_lemmas |= gerund
                entry = self._match_verb(token, args, _amount_contents(token))
                if entry is None and _bare_gerund(token):
                    # "the police firing was unprovoked", "resorted to firing": an -ing form
                    # with no object of its own names the act as its noun does
                    entry = self.lexicon.match("NOUN", token.lower_, args.particles, set())
                # verb patterns of imported dictionaries (coding.patterns), when any
                entry, binding = self.lexicon.refine_bound(
                    token, entry, lambda t: actors.at(t) is not None
                )
                if entry is None:
                    continue
                if binding:
                    _bind_roles(token, args, binding, actors)
                if lemma in ANNOUNCING_VERBS and noun_object and not entry.objects:
                    continue  # "announced the release of …": the news is the release
                if _verbal_attack(token, entry, args, actors):
                    entry = VERBAL_ATTACK  # "Zuma attacked the ANC": criticism, not force
                if no_event_reason(token, entry, actors) is not None:
                    continue  # an idiom, a sport result, a plot, an abstract patient
                if _generic_gerund(token):
                    continue  # "visiting a country is seen as respect": no one did it
                if _inanimate_threat(token, entry, actors):
                    continue  # "the agreement threatens to upend relations": a risk
                self._refer_back(token, args, state)
                _only_member(token, args, actors)
                _receiver_roles(token, entry, args)
                _participle_patient(token, args, actors)
                _dative_to(token, args, actors)
                supply_implied_source(token, entry.code, args, actors)  # coding.implied
                found.append(_Candidate(token, entry, args, token))
            elif (
                token.pos_ in ("NOUN", "PROPN")
                and lemma in self._nouns
                and not _is_actor(token, actors)
            ):
                # "a mediation effort", "peace talks bid": the head noun carries the roles
                carrier = token.head if _in_effort_noun(token) else token
                args = noun_arguments(carrier, actors)
                entry = self.lexicon.match("NOUN", lemma, args.particles, args.object_lemmas)
                if entry is None or _restates_verb(token, entry, found):
                    continue
                if _chose_verb_code(token, args, found):
                    continue  # "lifted the embargo": one event, the lifting (085)
                if _topic_of_talk(token, found):
                    continue  # "mediating over the release of …": what is talked about
                if _generic_noun(token):
                    continue  # "any negotiations with X are contingent on …": no one event
                if no_event_reason(token, entry, actors) is not None:
                    continue
                # "held talks", "arrests *can be made*": a light verb's object or passive
                # subject takes the light verb's clause (its modality, dates and counts)
                framed = carrier.dep_ in ("dobj", "pobj", "attr", "nsubjpass")
                governor = carrier.head if framed else carrier
                if governor.dep_ == "prep":
                    governor = governor.head
                clause = governor if governor.lemma_.lower() in LIGHT_VERBS else token
                _offered_to(carrier, args, found)
                supply_implied_source(token, entry.code, args, actors)  # coding.implied
                found.append(_Candidate(token, entry, args, clause))
        return found

    def _trigger_positions(self, sentence: Span, lemmas: list[int]) -> list[int]:
        """The sentence's tokens whose lemma (``lemmas``: the doc's lemma hashes) may trigger
        (a lexicon verb or noun, "be", or a speech verb that may report a demand): the others
        cannot, and are skipped without building a Token."""
        known = self._trigger_lemma
        keys = lemmas[sentence.start : sentence.end]
        new = set(keys).difference(known)
        for key in new:
            text = key_text(sentence.doc, key)
            lemma = text.lower() if text is not None else None
            known[key] = (
                lemma is None
                or lemma == "be"
                or lemma in DEMANDING_SPEECH
                or lemma in self._verbs
                or lemma in self._nouns
            )
        return [i for i, key in enumerate(keys, sentence.start) if known[key]]

    def _match_verb(
        self, token: Token, args: Arguments, contents: set[str] | frozenset[str] = frozenset()
    ) -> Trigger | None:
        """The direct object decides the code; prepositional objects only pick particle
        entries ("called for sanctions"), so "rejected the request on the charge of …" is
        not read as rejecting a charge. A particle entry's objects must be in its own
        particle's phrase: "returned to Islamabad after talks" is no "return to talks"."""
        lemma = token.lemma_.lower()
        timed = {p for p in args.particles if _temporal(token, p)}
        if timed:
            args.particles -= timed
        if not args.direct or _is_quantity(args.direct):
            # "provided $2 million in assistance", "13 tons of medicine": the amount's
            # phrase names what was given
            words = args.object_lemmas | contents
            return self._match_own(token, args.particles, words)
        entry = self.lexicon.match("VERB", lemma, args.particles, args.direct)
        if (entry is None or not entry.objects) and args.instrument:
            armed = self.lexicon.match("VERB", lemma, args.particles, args.direct | args.instrument)
            if armed is not None and armed.objects:
                entry = armed  # "killed … with poison gas"
        wider = self._match_own(token, args.particles, args.object_lemmas)
        # a particle entry, as specific as the direct-object one: "killed … with gas"
        as_specific = entry is None or (wider is not None and wider.objects) or not entry.objects
        if wider is not None and wider.particle and as_specific:
            return wider
        return entry

    def _match_own(
        self, verb: Token, particles: set[str], words: set[str] | frozenset[str]
    ) -> Trigger | None:
        """``Lexicon.match``, trying again without a particle whose entry's objects are
        not in that particle's own phrase (``_in_own_phrase``)."""
        particles = set(particles)
        while True:
            entry = self.lexicon.match("VERB", verb.lemma_.lower(), particles, words)
            if entry is None or _in_own_phrase(verb, entry):
                return entry
            particles.discard(entry.particle or "")

    def _refer_back(self, token: Token, args: Arguments, state: _ArticleState) -> None:
        """ "Xi rejected *the request*": the target is whoever made the request earlier."""
        if args.targets:
            return
        for child in token.children:
            if child.dep_ != "dobj" or child.lemma_.lower() not in REFERRING_NOUNS:
                continue
            for event in reversed(state.events):
                if event.source and child.lemma_.lower() in event.trigger.lower():
                    args.targets.append(
                        Mention(
                            child.i,
                            child.i + 1,
                            replace(event.source, text=child.text),
                            "refers-back",
                        )
                    )
                    args.how.append(f"target:refers-to-{event.event_id}")
                    return

    # -- events -----------------------------------------------------------------------------

    def _headline_from_lead(
        self, doc_id: str, state: _ArticleState, lead: list[tuple[_Candidate, list[Event]]]
    ) -> list[Event]:
        """ "Ceasefire Begins in La Paz" over "Bolivia and its rebels began a ceasefire …": a
        headline trigger that names no actor takes those of the lead sentence's event of the
        same CAMEO root, when there is one; the headline reports the lead's event."""
        found: list[Event] = []
        for candidate, context in state.orphans:
            root = self.ontology.get(candidate.entry.code).root
            for lead_candidate, events in lead:
                event = next((e for e in events if e.root == root and e.source), None)
                if event is None or event.source is None:
                    continue
                at = lead_candidate.token.i
                target = Mention(at, at + 1, event.target, "lead") if event.target else None
                pairs: list[tuple[Mention | None, Mention | None]] = [
                    (Mention(at, at + 1, event.source, "lead"), target)
                ]
                candidate.args.how.append("actors:from-lead")
                found.extend(self._events(doc_id, candidate, context, pairs))
                break
        state.orphans.clear()
        return found

    def _events(
        self,
        doc_id: str,
        candidate: _Candidate,
        context: _Context,
        pairs: list[tuple[Mention | None, Mention | None]] | None = None,
    ) -> list[Event]:
        index, actors = context.index, context.actors
        args = candidate.args
        if candidate.entry.code in TRAVEL_CODES and not args.targets:
            _carry_destination(candidate, context)
        if pairs is None:
            joint = _joint_act(candidate.entry.code, candidate.clause, context)
            pairs = self._pairs(args, actors, joint=joint)
        if not pairs:
            if context.index == 0 and not _actors(args.sources + args.targets, actors):
                context.state.orphans.append((candidate, context))
            return []
        if all(source is None for source, _ in pairs) and _unknown_doer(candidate.clause, actors):
            return []  # "Togadia blamed …": the doer is named but unknown, not absent
        token = candidate.token
        is_noun = token.pos_ in ("NOUN", "PROPN")
        governed_by_event = is_noun and candidate.clause is token and token.dep_ in ("dobj", "pobj")
        modality = modality_of(
            token if not is_noun or candidate.clause is token else candidate.clause,
            climb=not governed_by_event,
        )
        if is_noun and candidate.clause is not token:
            own = modality_of(token, climb=False)
            if own.modality != "occurred":
                modality = own
        attribution = attribution_of(candidate.clause)
        count = count_of(candidate.clause) or count_of(token) or 1
        code = self.ontology.get(candidate.entry.code)
        future = modality.modality in ("planned", "hypothetical")
        event_dates = self._dates(candidate, context, future=future)
        location = _location(candidate.clause, args)
        trigger_text = _trigger_text(token, candidate.clause)
        events = []
        if len(event_dates) > 1 and count == len(event_dates):
            count = 1  # "three times: in 2015, 2017 and 2019" — one event a date
        if count > 1 and [rule for _, _, rule in event_dates] == ["article-date"]:
            # "has been there five times": repeated occurrences name no single day, and the
            # article's date is only when they were reported
            event_dates = [(None, None, "count-undated")]
        for (source, target), (date, precision, date_rule) in product(pairs, event_dates):
            if date_rule not in ("article-date", "none"):
                target = _successor(target, date)  # only on a date the text gives
            if date_rule in ("narrative", "article-date") and _outside_tenure(source, date, actors):
                # not the person's time in office: the text does not date it, the article
                # only says it happened by then
                date, precision, date_rule = _article_fallback(context.article_date)
            pair_code = code
            if _police_repression(code.code, source, target) and not _kills(token):
                pair_code = self.ontology.get(REPRESSION_CODE)
            rule = "; ".join(
                [
                    f"lexicon {candidate.entry.where} {candidate.entry.lemma}→{code.code}",
                    *args.how,
                    *([f"police-repression:{code.code}"] if pair_code is not code else []),
                    f"modality:{modality.reason or 'none'}",
                    f"date:{date_rule}",
                    f"depth:{_clause_depth(token)}",
                ]
            )
            event = Event(
                doc_id=doc_id,
                sentence_index=index,
                sentence=context.text.strip(),
                source=source.actor if source else None,
                target=target.actor if target else None,
                cameo=pair_code.code,
                root=pair_code.root,
                quad_class=pair_code.quad_class,
                goldstein=pair_code.goldstein,
                plover=pair_code.plover,
                modality=modality.modality,
                trigger=trigger_text,
                date=date,
                date_precision=precision,  # type: ignore[arg-type]
                count=count,
                attribution=attribution,
                location=location,
                rule=rule,
                date_source=DATE_SOURCES.get(date_rule.split(":")[0]) if date else None,
            )
            events.append(event)
            stance = self._stance(event, candidate.clause, modality.reason, actors)
            if stance is not None:
                events.append(stance)
        return events

    def _stance(
        self, event: Event, clause: Token, reason: str, actors: ArticleActors
    ) -> Event | None:
        """A refusal (12x), an intent (03x) or a threat (13x) that the event's modality
        expresses."""
        if event.modality == "negated" and is_refusal(clause, reason):
            code = refusal_code(event.cameo)
            return self._restate(event, code, "refusal-of") if code else None
        if clause.dep_ == "attr" or clause.lemma_.lower() == "be":
            return None  # "the march will be a fitting tribute": what it will be, no pledge
        if event.modality in ("planned", "hypothetical") and is_intent(reason):
            code = intent_code(event.cameo)
            if code is not None:
                return self._restate(event, code, "intent-of")
        if event.modality in ("planned", "hypothetical") and event.source is not None:
            code = threat_code(event.cameo)
            if code is not None and is_threat(reason, _said_by(clause, event.source, actors)):
                return self._restate(event, code, "threat-of")
        return None

    def _restate(self, event: Event, code_text: str, why: str) -> Event:
        """The event re-coded as the stance it amounts to (see ``stance``), as occurred."""
        code = self.ontology.get(code_text)
        return replace(
            event,
            cameo=code.code,
            root=code.root,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            plover=code.plover,
            modality="occurred",
            rule=f"{event.rule}; {why}:{event.cameo}",
            event_id="",
        )

    def _pairs(
        self, args: Arguments, actors: ArticleActors | None = None, *, joint: bool = True
    ) -> list[tuple[Mention | None, Mention | None]]:
        """Source-target pairs; coordinated sources with no target are each other's
        counterparts only in a ``joint`` act (``_joint_act``)."""
        found_sources, found_targets = _actors(args.sources, actors), _actors(args.targets, actors)
        sources: list[Mention | None] = list(found_sources) or [None]
        targets: list[Mention | None] = list(found_targets) or [None]
        if not found_targets and len(found_sources) >= 2 and joint:
            # "Russia and North Korea signed a treaty": each is the other's counterpart.
            mutual: list[tuple[Mention | None, Mention | None]] = [
                (a, b) for a, b in product(found_sources, found_sources) if a is not b
            ]
            return mutual[:MAX_PAIRS]
        pairs = []
        for source, target in product(sources, targets):
            if source and target and _same_party(source, target):
                continue
            if self.require_actor and source is None and target is None:
                continue
            pairs.append((source, target))
        if not pairs and found_sources:
            # every target was the source itself ("Germany opened its borders")
            pairs = [(source, None) for source in found_sources]
        return pairs[:MAX_PAIRS]

    def _dates(
        self, candidate: _Candidate, context: _Context, *, future: bool = False
    ) -> list[tuple[str | None, str | None, str]]:
        """The event's date(s): from its own phrase, the sentence, the story, or the article.

        ``future``: a planned event reads "in April" as the next April.
        """
        dates, state, index = context.dates, context.state, context.index
        article_date = context.article_date
        usable = [d for d in dates if not d.bound and not _modifies_other_noun(d, candidate)]
        scoped = _scoped_dates(candidate, usable)

        def value(d: DateMention) -> str:
            return (d.future or d.value) if future else d.value

        if scoped:
            return [(value(d), d.precision, "text") for d in scoped]
        if len({d.value for d in usable}) == 1:
            return [(value(usable[0]), usable[0].precision, "sentence")]
        if state.narrative and candidate.clause.tag_ == "VBD":
            at, mention = state.narrative
            if index - at <= NARRATIVE_WINDOW:
                return [(mention.value, mention.precision, "narrative")]
        return [_article_fallback(article_date)]


def _in_effort_noun(token: Token) -> bool:
    """The event noun modifies a noun that only frames an effort: "a *mediation* effort"."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in EFFORT_NOUNS


def _amount_contents(verb: Token) -> set[str]:
    """What an amount object is of: "$2 million *in assistance*", "tons *of medicine*"."""
    found: set[str] = set()
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for prep in obj.subtree:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "worth"):
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found.add(pobj.lemma_.lower())
                found.update(
                    m.lemma_.lower() for m in pobj.children if m.dep_ in ("amod", "compound")
                )
    return found


# Acts that coordinated subjects do with each other: "X and Y met / signed / clashed"
# (consult, cooperate, agree, yield, fight), not "X and Y protested / warned / sent aid".
JOINT_ROOTS = frozenset({"03", "04", "05", "06", "08", "19"})
JOINT_CODES = frozenset({"161"})  # "cut diplomatic ties"
RECIPROCAL = re.compile(r"\beach other\b|\bone another\b|\beach\b.*\bthe other\b")


def _unknown_doer(clause: Token, actors: ArticleActors) -> bool:
    """The clause's subject is a name that resolves to no actor ("Julian Assange criticised
    the government"): an event without that source would say nobody did it."""
    for _ in range(3):  # "X reiterated his appeal", "X …, asking them to": X's clause
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        upward = clause.dep_ in ("dobj", "xcomp", "advcl", "conj") and clause.head is not clause
        if subjects or not upward:
            break
        clause = clause.head
    for subject in subjects:
        # a person's name; in lower-cased text (no capitals, little NER) a proper noun
        named = subject.ent_type_ == "PERSON" or (
            subject.pos_ == "PROPN" and subject.text.islower()
        )
        if named and not actors.all_for(subject):
            return True
    return False


def _same_party(source: Mention, target: Mention) -> bool:
    """One actor on both sides: the same code, unless two different people hold it ("the
    Kurdish regional president met the Iraqi prime minister": IRQGOV and IRQGOV)."""
    if source.actor.code != target.actor.code:
        return False
    names = (source.actor.name, target.actor.name)
    return None in names or names[0] == names[1]


def _joint_act(code: str, clause: Token, context: _Context | None = None) -> bool:
    """Coordinated subjects of ``code`` act on each other: a joint act by its type, or any
    act the clause says is mutual ("accused each other"). ``context``: the clause's
    sentence, whose text holds the clause's."""
    if code[:2] in JOINT_ROOTS or code[:3] in JOINT_CODES:
        return True
    left, right = clause.left_edge, clause.right_edge
    if context is not None and context.sentence.start <= left.i <= right.i < context.sentence.end:
        offset = context.sentence.start_char
        span = context.text[left.idx - offset : right.idx + len(right) - offset].lower()
    else:
        span = clause.doc[left.i : right.i + 1].text.lower()
    return RECIPROCAL.search(span) is not None  # "each side rejected the other's plan"


def _bare_gerund(verb: Token) -> bool:
    """An -ing verb with no object or complement: "firing", "shelling" used as a noun."""
    return verb.tag_ == "VBG" and not any(
        c.dep_ in ("dobj", "xcomp", "ccomp", "dative", "attr") for c in verb.children
    )


def _gerund_object(verb: Token) -> set[str]:
    """ "agreed to stop *fighting*": a gerund complement names the act the verb acts on, as
    a noun object would ("stop the fighting"), so it can pick the verb's lexicon row. Its
    -ing form only: the lemma may be another noun ("shelling", not "shell")."""
    return {c.lower_ for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"}


def _picked_by(word: Token, found: list[_Candidate]) -> _Candidate | None:
    """The candidate of ``word``'s governing verb whose row lists ``word`` among its objects:
    the word chose that verb's code ("stopped *shelling*", "lifted the *embargo*")."""
    words = {word.lower_, word.lemma_.lower()}
    return next((c for c in found if c.token == word.head and c.entry.objects & words), None)


def _gerund_of_found(verb: Token, found: list[_Candidate]) -> bool:
    """The gerund is the object that chose its governing verb's code ("stopped shelling" is
    a halt, 087): it is not an act of its own."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("xcomp", "ccomp"):
        return False
    return _picked_by(verb, found) is not None


def _is_quantity(words: set[str]) -> bool:
    """The direct object is an amount ("$2 million", "13 metric tons", "a lot")."""
    content = words - {"to", "for", "of", "in"}  # a dative "to" the parser puts in the object
    return bool(content) and all(
        w in QUANTITY_WORDS or w.replace(".", "").replace(",", "").isdigit() for w in content
    )


def _distinct_id(event: Event, events: dict[str, Event]) -> Event:
    """Two triggers of one sentence with the same actors, code and date ("The king
    visited X twelve times, and his son made the journey three times") are two events;
    the second one's id also hashes its trigger."""
    other = events.get(event.event_id)
    if other is None or other.trigger == event.trigger:
        return event
    digest = hashlib.sha1(f"{event.event_id}\x1f{event.trigger}".encode()).hexdigest()[:16]
    return replace(event, event_id=digest)


def _has_been_visit(token: Token) -> bool:
    """Perfect "has been" as travel: "has been to Russia five times", "has been twice"
    (after a sentence naming the destination); not "has been a leader", "has been
    criticised"."""
    if token.dep_ not in ("ROOT", "conj", "ccomp") or token.dep_ == "auxpass":
        return False
    children = list(token.children)
    if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in children):
        return False
    if any(c.dep_ in ("attr", "acomp", "oprd", "xcomp", "ccomp") for c in children):
        return False
    to_place = any(c.dep_ == "prep" and c.lower_ == "to" for c in children)
    return to_place or count_of(token) is not None


def _said_must(verb: Token, actors: ArticleActors) -> Arguments | None:
    """ "Assad said *Turkey must mediate* …": the speaker demands of the obliged actor. The
    obliged subject must be an actor named in the clause (not a pronoun, not a thing:
    "said the oppression must end" names no one it is demanded of), and not the speaker's
    own state."""
    targets: list[Mention] = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in clause.children):
            continue
        for subject in clause.children:
            if subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ != "PRON":
                targets += actors.all_for(subject)
    if not targets:
        return None
    args = verb_arguments(verb, actors)
    if not args.sources:
        return None
    # "Merkel said Germany must do more": the speaker's own state is no one it is demanded of
    own = {m.actor.country for m in args.sources if m.actor.sector in (None, "GOV")}
    targets = [
        t
        for t in targets
        if not (t.actor.country in own and t.actor.code in own)
        and not any(_same_party(s, t) for s in args.sources)
    ]
    if not targets:
        return None
    args.targets[:] = []
    args.add_targets(targets, "obliged-subject")
    return args


def _carry_destination(candidate: _Candidate, context: _Context) -> None:
    """ "… visited the Soviet Union twelve times, and his son made the journey three
    times": a trip that names no destination (and no place of its own) goes where the
    trip of the same or the previous sentence went."""
    clause = candidate.clause
    if any(_names_place(c) for c in clause.children):
        return
    for event in reversed(context.state.events):
        if context.index - event.sentence_index > 1:
            return
        if event.cameo in TRAVEL_CODES and event.target is not None:
            token = candidate.token
            actor = replace(event.target, text=token.text)
            candidate.args.targets.append(Mention(token.i, token.i + 1, actor, "carried"))
            candidate.args.how.append(f"target:carried-from-{event.event_id}")
            return


def _successor(target: Mention | None, date: str | None) -> Mention | None:
    """A destination carried from the story, on a date after its state dissolved, is the
    successor state: trips to "the Soviet Union" in the story, "has been twice: in 2019 and
    2023" went to Russia."""
    if target is None or target.reason != "carried" or not date or len(date) < 4:
        return target
    country = target.actor.country or ""
    successor = SUCCESSOR_STATES.get(country)
    if successor is None or date[:4] <= successor[1]:
        return target
    code, _, name = successor
    sector = target.actor.sector
    actor = Actor(code + (sector or ""), code, sector, name, target.actor.text)
    return Mention(target.start, target.end, actor, "carried:successor")


def _names_place(prep: Token) -> bool:
    """ "to Moscow", "in the capital" — not "in 2019"."""
    if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
        return False
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(not o.like_num and o.ent_type_ not in ("DATE", "TIME") for o in objects)


def _receiver_roles(token: Token, entry: Trigger, args: Arguments) -> None:
    """ "The Ukrainian army received tanks from the Polish government", "Turkey drew
    condemnation from France": the giver (the "from" phrase) is the source, the receiver
    (the subject) the target."""
    undergone = token.lemma_.lower() in UNDERGOING_VERBS and entry.code[:2] in UNDERGONE_ROOTS
    if not undergone and (
        token.lemma_.lower() not in RECEIVING_VERBS or entry.code[:2] not in ("06", "07")
    ):
        return
    subject = {t.i for c in token.children if c.dep_ == "nsubj" for t in c.subtree}
    heads = [token, *(c for c in token.children if c.dep_ == "dobj")]  # "shells from X"
    giver = {
        t.i
        for head in heads
        for c in head.children
        if c.dep_ in ("prep", "agent") and c.lower_ == "from"
        for t in c.subtree
    }
    everyone = args.sources + args.targets
    receivers = [m for m in everyone if m.start in subject]
    if undergone and not any(m.start in giver for m in everyone):
        # "The Iranian plan drew criticism": its owner did not criticise; no one named did
        args.sources.clear()
        args.targets.clear()
        args.how.append("roles:undergone-from-no-one")
        return
    if undergone and not receivers:
        # "Turkey's offensive drew condemnation from France": the subject's actor
        receivers = [m for m in args.sources if m.start < token.i]
    if not receivers:
        return
    args.sources[:] = [m for m in everyone if m.start in giver]
    args.targets[:] = receivers
    args.how.append("roles:receiver-is-target")


def _dative_to(token: Token, args: Arguments, actors: ArticleActors) -> None:
    """ "send troops to Belarus" parsed with "to" as a dative: Belarus is the target."""
    for child in token.children:
        if child.dep_ == "dative" and child.lower_ == "to":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                mention = actors.for_token(pobj)
                if mention is not None and mention not in args.targets:
                    args.targets.append(mention)
                    args.how.append("target:dative-to")


def _participle_patient(token: Token, args: Arguments, actors: ArticleActors) -> None:
    """ "There were 14 Indian soldiers killed in Kashmir", "the tanks sent to Ukraine": a
    passive participle's noun is its undergoer."""
    if token.dep_ != "acl" or token.tag_ != "VBN" or args.targets:
        return
    mention = actors.for_token(token.head)
    if mention is not None and mention not in args.sources:
        args.targets.append(mention)
        args.how.append("target:participle-noun")


def _only_member(token: Token, args: Arguments, actors: ArticleActors) -> None:
    """ "Putin is the only Soviet and Russian leader ever to have gone": the clause on a noun
    with "only" is true of the copula's subject and of no other member of the group, so the
    group's words ("Soviet", "Russian") name no source; the subject does."""
    noun = token.head
    if token.dep_ not in ("relcl", "acl") or noun.pos_ not in ("NOUN", "PROPN"):
        return
    if not any(c.lower_ == "only" and c.dep_ in ("amod", "advmod") for c in noun.children):
        return
    in_group = {t.i for t in noun.subtree} - {t.i for t in token.subtree}
    kept = [m for m in args.sources if m.start not in in_group]
    if noun.dep_ == "attr":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        mention = actors.for_token(subject) if subject is not None else None
        if mention is not None and mention not in kept:
            kept.insert(0, mention)
    if kept or noun.dep_ == "attr":
        args.sources[:] = kept
        args.how.append("source:only-member")


def _article_fallback(article_date: dt.date | None) -> tuple[str | None, str | None, str]:
    """The date of an event the text does not date: the article's, if it has one."""
    if article_date is None:
        return (None, None, "none")
    return (article_date.isoformat(), "day", "article-date")


def _clause_depth(token: Token) -> int:
    """How many clauses down from the sentence's main verb the trigger sits (0 = main)."""
    depth = 0
    while token.head != token:
        if token.dep_ not in (
            "conj",
            "dobj",
            "pobj",
            "prep",
            "nsubj",
            "nsubjpass",
            "attr",
            "compound",
        ):
            depth += 1
        token = token.head
    return depth


def _actors(mentions: list[Mention], actors: ArticleActors | None) -> list[Mention]:
    """One mention per party: "Russia and the Kremlin" is one party. A state keys by its
    country; a non-state actor ("police", "rebels", a named group) by its code, after taking
    the country its noun phrase names ("Syrian government forces", "Taliban fighters")."""
    seen: set[str] = set()
    kept = []
    completed = [
        _with_country(m, actors) if actors is not None and m.actor.country is None else m
        for m in mentions
    ]
    has_state = any(m.actor.country for m in completed)
    for mention in completed:
        if has_state and mention.actor.country is None and mention.reason == "kb:agent":
            continue  # "sent troops to Belarus": the state is the party, not the troops
        key = mention.actor.country or mention.actor.code
        if not key or key in seen or not _is_party(mention, actors):
            continue
        seen.add(key)
        kept.append(mention)
    return kept


def _is_party(mention: Mention, actors: ArticleActors | None) -> bool:
    """A state, a named actor, or an agent noun heading its phrase ("police", "rebels",
    "the government": a party whose country the story may tell). An agent word that only
    modifies another ("military" in "military cooperation") is no party."""
    actor = mention.actor
    if actor.country is not None or not mention.reason.startswith("kb:agent"):
        return True
    if actors is None:
        return False
    span = actors.doc[mention.start : mention.end]
    after = actors.doc[span.end] if span.end < len(actors.doc) else None
    if after is not None and after.ent_type_ == "PERSON" and span.root.pos_ != "ADJ":
        return True  # a titled person: "President Salva Kiir", "Mayor Dayton King"
    return span.root.pos_ in ("NOUN", "PROPN") and span.root.dep_ not in ("compound", "amod")


def _with_country(mention: Mention, actors: ArticleActors) -> Mention:
    """A country-less agent takes the country of a modifier in its noun phrase, if any."""
    doc = actors.doc
    span = range(mention.start, mention.end)
    head = next((t for t in doc[mention.start : mention.end] if t.head.i not in span), None)
    if head is None:
        return mention
    stack = [c for c in head.children if c.dep_ in NP_MODIFIER_DEPS and c.i < head.i]
    while stack:
        token = stack.pop()
        other = actors.at(token)
        if other is not None and other is not mention and other.actor.country:
            country, sector = other.actor.country, mention.actor.sector
            name = other.actor.name if other.actor.sector is None else mention.actor.name
            start = min(other.start, mention.start)
            text = doc[start : mention.end].text
            actor = Actor(country + (sector or ""), country, sector, name, text)
            return Mention(start, mention.end, actor, f"{mention.reason}+modifier-country")
        stack.extend(c for c in token.children if c.dep_ in NP_MODIFIER_DEPS)
    owner = actors.owner_of(head)  # "the president of Kyrgyzstan"
    if owner is not None and owner is not mention and owner.actor.country:
        country, sector = owner.actor.country, mention.actor.sector
        actor = Actor(country + (sector or ""), country, sector, owner.actor.name, head.text)
        return Mention(mention.start, mention.end, actor, f"{mention.reason}+owner-country")
    return mention


def _present_tense(sentence: Span) -> bool:
    """The sentence's main clause is in the present or present perfect ("has made")."""
    root = sentence.root
    if root.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in root.children)


def _restates_verb(noun: Token, entry: Trigger, found: list[_Candidate]) -> bool:
    """ "imposed *tariffs*": the object noun names the verb's own event (same root), or the
    verb's row is already the intent to do it ("pledged *aid*" is 033, "offered *talks*" 036)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "during" and noun.head.head.pos_ == "VERB":
        # "would visit Baroda *during its tour*": the journey the verb already codes
        verb = noun.head.head
        return any(c.token == verb and c.entry.code == entry.code for c in found)
    if noun.dep_ != "dobj":
        return False
    intent = intent_code(entry.code) or ""
    return any(
        c.token == noun.head and (c.entry.code[:2] == entry.code[:2] or c.entry.code == intent)
        for c in found
    )


def _chose_verb_code(noun: Token, args: Arguments, found: list[_Candidate]) -> bool:
    """ "lifted the sanctions", "ended the blockade": the object noun picked its verb's row
    (the row lists it among its objects), so the verb's event already says what happened to
    it. The noun stays an event of its own only when someone else did it ("declined
    *Putin's* invitation")."""
    candidate = _picked_by(noun, found) if noun.dep_ == "dobj" else None
    if candidate is None:
        return False
    own = {m.actor.code for m in args.sources}
    return not own or own <= {m.actor.code for m in candidate.args.sources}


def _offered_to(noun: Token, args: Arguments, found: list[_Candidate]) -> None:
    """ "offered *concessions* to the strikers": what is offered or promised is meant for the
    offer's target, when the noun names none of its own."""
    if args.targets or noun.dep_ != "dobj" or noun.head.lemma_.lower() not in OFFERING_VERBS:
        return
    for candidate in found:
        if candidate.token == noun.head and candidate.args.targets:
            args.add_targets(candidate.args.targets, f"target-of-{noun.head.lemma_.lower()}")
            return


GENERIC_INTENT = "030"
GENERIC_THREAT = "130"  # "warned", "threatened" with no act named by the row


def _vaguer_stances(coded: list[tuple[_Candidate, list[Event]]]) -> list[Event]:
    """ "Kenya agreed to ease the restrictions", "offered concessions": the complement's or
    object's event restated as the intent it amounts to (0351, 035, ``stance``) says what
    "agreed" says, more precisely; the agreeing verb's own generic 030 events are then
    dropped, so one promise is one event. Likewise a warning's generic 130 yields to the
    threat its clause states ("warned that it could cut gas supplies" → 1311)."""
    restated: dict[tuple[str, int], set[str | None]] = {}
    for candidate, events in coded:
        for mark, generic, deps in (
            ("intent-of:", GENERIC_INTENT, ("xcomp", "dobj")),
            ("threat-of:", GENERIC_THREAT, ("ccomp", "xcomp")),
            ("threat-of:", GENERIC_INTENT, ("xcomp",)),  # "pledged to expel": no 030
        ):
            if candidate.token.dep_ not in deps:
                continue
            for event in events:
                if mark in event.rule:
                    target = event.target.code if event.target else None
                    restated.setdefault((generic, candidate.token.head.i), set()).add(target)
    # "offered concessions to the strikers": the offer's own target is kept unless the
    # restated intent names it too
    vaguer = [
        event
        for candidate, events in coded
        if (key := (candidate.entry.code, candidate.token.i)) in restated
        for event in events
        if event.target is None or event.target.code in restated[key]
    ]
    # "vowed to attack": the verb's own row already is the threat (138); no second one
    threatening = {
        candidate.token.i
        for candidate, events in coded
        if candidate.entry.code != GENERIC_THREAT and candidate.entry.code.startswith("13")
    }
    return vaguer + [
        event
        for candidate, events in coded
        if candidate.token.head.i in threatening and candidate.token.head is not candidate.token
        for event in events
        if "threat-of:" in event.rule
    ]


REPRESSION_CODE = "175"
# Whom police force is used on as repression rather than combat: the public, not armed foes.
CIVIL_SECTORS = frozenset({"CVL", "OPP", "ACT", "EDU", "LAB", "REL", "MED", "PTY", "REF"})


def _police_repression(code: str, source: Mention | None, target: Mention | None) -> bool:
    """Police firing on a crowd is violent repression (175), not conventional military force
    (190, 193): "police opened fire on the rioters". A killing stays one (``_kills``), and
    so does firing on no one named: "died in police firing" tells a death."""
    if code not in ("190", "193") or source is None or source.actor.sector != "COP":
        return False
    return target is not None and target.actor.sector in CIVIL_SECTORS


KILLING_LEMMAS = (
    frozenset("kill murder slay massacre lynch execute".split()) | DYING_LEMMAS | DEATH_NOUNS
)


def _kills(trigger: Token) -> bool:
    """A killing ("police killed two rioters", "shot dead") is coded as the killing it is,
    not as the repression it was part of."""
    if trigger.lemma_.lower() in KILLING_LEMMAS:
        return True
    return any(c.lower_ == "dead" for c in trigger.children)


def _said_by(clause: Token, source: Actor, actors: ArticleActors) -> bool | None:
    """Whether the clause is what its own source says (True: "Russia warned that it could
    cut …"; False: "analysts said Russia could invade"); None when no one reports it or the
    speaker names no actor. A verb that threatens codes the threat itself."""
    while clause.dep_ == "conj" and clause.head.dep_ in ("ccomp", "xcomp"):
        clause = clause.head
    if clause.dep_ not in ("ccomp", "xcomp"):
        return None
    verb = clause.head
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.lemma_.lower() == "threaten":
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    speakers = actors.all_for(subjects[0]) if subjects else []
    if not speakers:
        return None
    return any(
        m.actor.code == source.code or (m.actor.country and m.actor.country == source.country)
        for m in speakers
    )


def _in_own_phrase(verb: Token, entry: Trigger) -> bool:
    """False for a particle entry with objects none of which is in the phrase of that
    particle ("return to + talk" on "returned to Islamabad after talks"). The particle's
    phrase: a preposition or particle of that word on the verb or on its direct object,
    with its subtree; objects found elsewhere in the clause do not count."""
    if not entry.particle or not entry.objects or ACTOR_OBJECT in entry.objects:
        return True
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    own = {
        t.lemma_.lower()
        for head in heads
        for c in head.children
        if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ == entry.particle
        for t in c.subtree
    }
    return not entry.objects.isdisjoint(own)


def _temporal(verb: Token, particle: str) -> bool:
    """The particle is only the verb's time phrase: "called Macron *on Tuesday*" is no
    "call on" (an appeal), "met *in March*" no "meet in"."""
    phrases = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == particle]
    objects = [o for p in phrases for o in p.children if o.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _generic_gerund(verb: Token) -> bool:
    """A gerund that is the subject of its clause with no subject of its own ("Attacking Iran
    is not an option"): an act talked about in general, not one that took place."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("csubj", "csubjpass")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in verb.children)
    )


GENERIC_DETERMINERS = frozenset({"any", "every", "whatever"})


def _generic_noun(noun: Token) -> bool:
    """ "any negotiations with Pyongyang", "entering into this sort of alliance": an event
    noun that names a kind of act, or sits in a gerund clause no one performs, is no event
    that took place."""
    if any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in noun.children):
        return True
    token = noun
    for _ in range(4):  # "entering into this sort of alliance": up through the phrases
        if token.dep_ not in ("dobj", "pobj", "prep") or token.head is token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return _generic_gerund(token)
    return False


THREAT_ROOT = "13"


def _inanimate_threat(verb: Token, entry: Trigger, actors: ArticleActors) -> bool:
    """ "This agreement threatens to upend Russia's relations": a threat (13x) needs someone
    who threatens; a thing that "threatens" is a risk, not an act."""
    if entry.code[:2] != THREAT_ROOT:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(
        s.pos_ in ("NOUN", "PROPN")
        and not actors.all_for(s)
        and s.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")
        and actors.owner_of(s) is None
        for s in subjects
    )


VERBAL_ATTACK = Trigger(
    "111", "VERB", "attack", None, frozenset(), "a verbal attack: criticize", "engine:verbal-attack"
)
# Bodies that speak rather than wield force: their "attacks" are words.
SPEAKING_SECTORS = frozenset({"PTY", "OPP", "LEG", "MED", "JUD", "ELI", "NGO", "LAB", "EDU"})
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "COP", "SPY", "UAF"})
# What is attacked in words: people in public life, their bodies, and what they say or do.
VERBAL_TARGET_WORDS = frozenset(
    "policy decision remark statement comment plan proposal budget stance move record idea "
    "law bill approach handling silence leadership government party opposition media press "
    "critic rival opponent speech claim report ideology programme program reform deal "
    "agreement style minister leader chief president".split()
)
WEAPON_PREPS = frozenset({"with", "using"})


def _verbal_attack(verb: Token, entry: Trigger, args: Arguments, actors: ArticleActors) -> bool:
    """ "Ex-president Zuma attacked the ANC", "the party attacked the minister's remarks": a
    person or a party attacking a person, a party or a policy, with no weapon, attacks in
    words (111), not with force (18–20)."""
    if verb.lemma_.lower() != "attack" or entry.code[:2] not in ("17", "18", "19", "20"):
        return False
    if any(c.dep_ == "prep" and c.lower_ in WEAPON_PREPS for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    doers = [m for s in subjects for m in actors.all_for(s)]
    if not doers or any(m.actor.sector in ARMED_SECTORS for m in doers):
        return False
    if not all(_speaks(m, actors) for m in doers):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for obj in objects:
        if obj.lemma_.lower() in VERBAL_TARGET_WORDS:
            return True
        if any(_speaks(m, actors) for m in actors.all_for(obj)):
            return True
    return False


def _speaks(mention: Mention, actors: ArticleActors) -> bool:
    """A person (named, or by office: "the opposition leader") or a body that speaks."""
    if id(mention) in actors.persons or mention.actor.sector in SPEAKING_SECTORS:
        return True
    root = actors.doc[mention.start : mention.end].root
    return root.tag_ in ("NN", "NNP") and root.lemma_.lower() in PERSON_TITLES


TOPIC_PREPS = frozenset({"over", "about", "on", "for", "regarding", "concerning"})
VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05"})


def _topic_of_talk(noun: Token, found: list[_Candidate]) -> bool:
    """ "talks on the withdrawal of troops", "called for the release of …": an event noun in
    the topic phrase of a statement, appeal or consultation is what is talked about, not
    something that happened."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in TOPIC_PREPS:
        return False
    talk = noun.head.head
    return any(c.token == talk and c.entry.code[:2] in VERBAL_ROOTS for c in found)


def _is_actor(token: Token, actors: ArticleActors) -> bool:
    return actors.at(token) is not None


def _depth(token: Token, root: Token) -> int | None:
    """Tree distance from ``root`` down to ``token``.

    Coordinated dates cost nothing ("in 2019 and 2023"); crossing into another clause
    (a coordinated or subordinate verb) costs ``CLAUSE_COST``: its dates are its own.
    """
    depth = 0
    current = token
    while current != root:
        if current.head == current:
            return None
        if current.pos_ in ("VERB", "AUX") and current.dep_ in CLAUSE_DEPS:
            depth += CLAUSE_COST
        elif current.dep_ != "conj":
            depth += 1
        current = current.head
    return depth


def _modifies_other_noun(mention: DateMention, candidate: _Candidate) -> bool:
    """ "the 2015 nuclear deal": a date that is a modifier of another noun is that noun's."""
    doc = candidate.token.doc
    span = range(mention.start, mention.end)
    root = next((t for t in doc[mention.start : mention.end] if t.head.i not in span), None)
    if root is None or root.dep_ not in ("compound", "nummod", "amod"):
        return False
    return root.head.pos_ == "NOUN" and root.head not in (candidate.token, candidate.clause)


def _scoped_dates(candidate: _Candidate, dates: list[DateMention]) -> list[DateMention]:
    """Dates attached to the trigger or its clause, nearest in the tree first."""
    roots = [candidate.token]
    if candidate.clause is not candidate.token:
        roots.append(candidate.clause)
    if candidate.token.dep_ in ("nsubj", "nsubjpass"):
        roots.append(candidate.token.head)  # "Putin's trip … was back in 2000"
    clause = candidate.clause
    if clause.dep_ == "advcl" and any(c.lower_ in TEMPORAL_LINKS for c in clause.children):
        roots.append(clause.head)  # "travelled … in July 2000, when he met …"
    best: list[tuple[int, DateMention]] = []
    doc = candidate.token.doc
    for mention in dates:
        depths = []
        for root in roots:
            d = _depth(doc[mention.end - 1], root)
            if d is not None and (root is candidate.token or d <= 3):
                depths.append(d)
        if depths:
            best.append((min(depths), mention))
    if not best:
        return []
    nearest = min(d for d, _ in best)
    seen: set[str] = set()
    result = []
    for d, mention in best:
        if d == nearest and mention.value not in seen:
            seen.add(mention.value)
            result.append(mention)
    return result


def _outside_tenure(source: Mention | None, date: str | None, actors: ArticleActors) -> bool:
    """An undated-in-text event whose person source was not in office on the assumed date."""
    entry = actors.entry_of(source) if source else None
    if entry is None or entry.kind != "person" or not date or len(date) < 4:
        return False
    year = int(date[:4])
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if len(date) >= 7:
        month = int(date[5:7])
        first = dt.date(year, month, 1)
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return not any(
        (role.start is None or role.start <= last) and (role.end is None or first <= role.end)
        for role in entry.roles
    )


def _location(clause: Token, args: Arguments) -> Location | None:
    for child in clause.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    name = " ".join(
                        t.text for t in pobj.subtree if t.ent_type_ or t.dep_ == "compound"
                    )
                    return Location(name or pobj.text, None)
    return None


def _trigger_text(token: Token, clause: Token) -> str:
    if clause is token:
        words = [token] + [c for c in token.children if c.dep_ == "prt"] + resultative(token)
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    lo, hi = sorted((token.i, clause.i))
    if hi - lo <= 4:
        return token.doc[lo : hi + 1].text
    return f"{clause.text} … {token.text}"


_PHRASE_DEPS = ("compound", "amod", "nmod", "poss", "det", "nummod", "flat", "appos", "conj")


def _bind_roles(token: Token, args: Arguments, binding: Binding, actors: ArticleActors) -> None:
    """A dictionary pattern's markers name the roles: ``$`` the source, ``+`` the target,
    ``%`` a compound whose members are each other's counterparts (or, with a source outside
    it, the targets: "agrees *with* % ")."""
    taken = [*args.sources, *args.targets]

    def found(tokens: tuple[Token, ...]) -> list[Mention]:
        out: list[Mention] = []
        for t in tokens:
            head = t
            while head.dep_ in _PHRASE_DEPS and head.head is not head:
                head = head.head
            span = {x.i for x in head.subtree}
            inside = [m for m in taken if m.start in span]
            mentions = inside or actors.all_for(head, owners=True) or actors.all_for(t)
            if not any(m.actor.country for m in mentions):
                # "the Prince of Dol Amroth": the phrase's country, wherever it is named
                within = [actors.at(x) for x in head.subtree]
                mentions += [m for m in within if m is not None and m not in mentions]
            if any(m.actor.country for m in mentions):
                mentions = [m for m in mentions if m.actor.country]
            out.extend(m for m in mentions if m not in out)
        return out

    if binding.compound:
        members = found(binding.compound)
        others = [m for m in args.sources if m not in members]
        if others:
            args.sources, args.targets = others, members
        else:
            args.sources, args.targets = members, []
        args.how.append("role:pattern-%")
    if binding.sources:
        args.sources = found(binding.sources)
        args.targets = [m for m in args.targets if m not in args.sources]
        args.how.append("source:pattern-$")
    if binding.targets:
        args.targets = found(binding.targets)
        args.sources = [m for m in args.sources if m not in args.targets]
        args.how.append("target:pattern-+")
    if not args.sources and token.dep_ == "ccomp":
        # "noted that + *": the one who noted
        subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            args.sources = [m for m in actors.all_for(subjects[0]) if m not in args.targets]
            args.how.append(f"source:pattern-from-{token.head.lemma_.lower()}")
