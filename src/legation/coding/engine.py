"""The event coder: one parsed article + its actors → coded ``Event`` records.

For every trigger (a verb or event noun in the lexicon) it reads source and target from the
parse (``arguments``), looks the code up with the disambiguating words, and adds modality,
attribution (``modality``), date (``dates``), count (``counts``) and the sentence itself.
Each event records its ``rule``: the lexicon line and the extraction rules that produced it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import product

from spacy.tokens import Doc, Span, Token

from legation.actors.resolver import ArticleActors
from legation.coding.arguments import LIGHT_VERBS, Arguments, noun_arguments, verb_arguments
from legation.coding.counts import count_of
from legation.coding.dates import DateMention, find_dates
from legation.coding.lexicon import Lexicon, Trigger
from legation.coding.modality import attribution_of, modality_of
from legation.coding.stance import intent_code, is_intent, is_refusal, refusal_code
from legation.model import Event, Location, Mention
from legation.ontology import Ontology

NARRATIVE_WINDOW = 5  # sentences an explicit past date carries over to undated past events
MAX_PAIRS = 4  # source × target combinations per trigger (coordination)
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
REFERRING_NOUNS = frozenset(
    ["request", "invitation", "offer", "proposal", "demand", "plan", "appeal", "bid"]
)


@dataclass
class _ArticleState:
    """What earlier sentences of the article established: narrative time, prior events."""

    narrative: tuple[int, DateMention] | None = None
    events: list[Event] = field(default_factory=list)


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


class EventCoder:
    """Codes events from parsed articles, with a lexicon and the CAMEO ontology."""

    def __init__(self, lexicon: Lexicon, ontology: Ontology, *, require_actor: bool = True) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.require_actor = require_actor
        self._verbs = lexicon.lemmas("VERB")
        self._nouns = lexicon.lemmas("NOUN")

    def code_doc(
        self, doc_id: str, doc: Doc, actors: ArticleActors, article_date: dt.date | None
    ) -> list[Event]:
        state = _ArticleState()
        events: dict[str, Event] = {}
        for index, sentence in enumerate(doc.sents):
            dates = find_dates(sentence, article_date)
            for candidate in self._candidates(sentence, actors, state):
                context = _Context(index, sentence, dates, state, article_date, actors)
                for event in self._events(doc_id, candidate, context):
                    events.setdefault(event.event_id, event)
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
        for token in sentence:
            lemma = token.lemma_.lower()
            if token.text in MONTH_WORDS:
                continue  # "In late March, …": a date, even when tagged as a verb
            if token.pos_ in ("VERB", "AUX") and lemma in self._verbs:
                if lemma in CARRIER_VERBS and any(c.dep_ == "xcomp" for c in token.children):
                    continue  # "sought to demonstrate": the complement carries the event
                noun_object = any(
                    c.dep_ == "dobj" and c.lemma_.lower() in self._nouns for c in token.children
                )
                if lemma in LIGHT_VERBS and noun_object:
                    continue  # "began arms shipments": the event noun carries the event
                args = verb_arguments(token, actors)
                entry = self._match_verb(lemma, args)
                if entry is None:
                    continue
                if lemma in ANNOUNCING_VERBS and noun_object and not entry.objects:
                    continue  # "announced the release of …": the news is the release
                self._refer_back(token, args, state)
                found.append(_Candidate(token, entry, args, token))
            elif (
                token.pos_ in ("NOUN", "PROPN")
                and lemma in self._nouns
                and not _is_actor(token, actors)
            ):
                args = noun_arguments(token, actors)
                entry = self.lexicon.match("NOUN", lemma, args.particles, args.object_lemmas)
                if entry is None or _restates_verb(token, entry, found):
                    continue
                governor = token.head if token.dep_ in ("dobj", "pobj", "attr") else token
                if governor.dep_ == "prep":
                    governor = governor.head
                clause = governor if governor.lemma_.lower() in LIGHT_VERBS else token
                found.append(_Candidate(token, entry, args, clause))
        return found

    def _match_verb(self, lemma: str, args: Arguments) -> Trigger | None:
        """The direct object decides the code; prepositional objects only pick particle
        entries ("called for sanctions"), so "rejected the request on the charge of …" is
        not read as rejecting a charge."""
        if not args.direct:
            return self.lexicon.match("VERB", lemma, args.particles, args.object_lemmas)
        entry = self.lexicon.match("VERB", lemma, args.particles, args.direct)
        if (entry is None or not entry.objects) and args.instrument:
            armed = self.lexicon.match("VERB", lemma, args.particles, args.direct | args.instrument)
            if armed is not None and armed.objects:
                entry = armed  # "killed … with poison gas"
        wider = self.lexicon.match("VERB", lemma, args.particles, args.object_lemmas)
        # a particle entry, as specific as the direct-object one: "killed … with gas"
        as_specific = entry is None or (wider is not None and wider.objects) or not entry.objects
        if wider is not None and wider.particle and as_specific:
            return wider
        return entry

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

    def _events(self, doc_id: str, candidate: _Candidate, context: _Context) -> list[Event]:
        index, sentence, actors = context.index, context.sentence, context.actors
        args = candidate.args
        pairs = self._pairs(args)
        if not pairs:
            return []
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
        for (source, target), (date, precision, date_rule) in product(pairs, event_dates):
            if date_rule in ("narrative", "article-date") and _outside_tenure(source, date, actors):
                date, precision, date_rule = None, None, "date-outside-tenure"
            rule = "; ".join(
                [
                    f"lexicon {candidate.entry.where} {candidate.entry.lemma}→{code.code}",
                    *args.how,
                    f"modality:{modality.reason or 'none'}",
                    f"date:{date_rule}",
                    f"depth:{_clause_depth(token)}",
                ]
            )
            event = Event(
                doc_id=doc_id,
                sentence_index=index,
                sentence=sentence.text.strip(),
                source=source.actor if source else None,
                target=target.actor if target else None,
                cameo=code.code,
                root=code.root,
                quad_class=code.quad_class,
                goldstein=code.goldstein,
                plover=code.plover,
                modality=modality.modality,
                trigger=trigger_text,
                date=date,
                date_precision=precision,  # type: ignore[arg-type]
                count=count,
                attribution=attribution,
                location=location,
                rule=rule,
            )
            events.append(event)
            stance = self._stance(event, candidate.clause, modality.reason)
            if stance is not None:
                events.append(stance)
        return events

    def _stance(self, event: Event, clause: Token, reason: str) -> Event | None:
        """A refusal (12x) or an intent (03x) that the event's modality expresses."""
        if event.modality == "negated" and is_refusal(clause, reason):
            code = refusal_code(event.cameo)
            return self._restate(event, code, "refusal-of") if code else None
        if event.modality in ("planned", "hypothetical") and is_intent(reason):
            code = intent_code(event.cameo)
            return self._restate(event, code, "intent-of") if code else None
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

    def _pairs(self, args: Arguments) -> list[tuple[Mention | None, Mention | None]]:
        found_sources, found_targets = _states(args.sources), _states(args.targets)
        sources: list[Mention | None] = list(found_sources) or [None]
        targets: list[Mention | None] = list(found_targets) or [None]
        if not found_targets and len(found_sources) >= 2:
            # "Russia and North Korea signed a treaty": each is the other's counterpart.
            mutual: list[tuple[Mention | None, Mention | None]] = [
                (a, b) for a, b in product(found_sources, found_sources) if a is not b
            ]
            return mutual[:MAX_PAIRS]
        pairs = []
        for source, target in product(sources, targets):
            if source and target and source.actor.code == target.actor.code:
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
        if article_date is None:
            return [(None, None, "none")]
        return [(article_date.isoformat(), "day", "article-date")]


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


def _states(mentions: list[Mention]) -> list[Mention]:
    """Mentions with a country (bare agent words like "troops" alone are not actors here),
    one per country: "Russia and the Kremlin" is one party."""
    seen: set[str] = set()
    kept = []
    for mention in mentions:
        country = mention.actor.country
        if country is None or country in seen:
            continue
        seen.add(country)
        kept.append(mention)
    return kept


def _present_tense(sentence: Span) -> bool:
    """The sentence's main clause is in the present or present perfect ("has made")."""
    root = sentence.root
    if root.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in root.children)


def _restates_verb(noun: Token, entry: Trigger, found: list[_Candidate]) -> bool:
    """ "imposed *tariffs*": the object noun names the verb's own event (same root)."""
    if noun.dep_ != "dobj":
        return False
    return any(c.token == noun.head and c.entry.code[:2] == entry.code[:2] for c in found)


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
        words = [token] + [c for c in token.children if c.dep_ == "prt"]
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    lo, hi = sorted((token.i, clause.i))
    if hi - lo <= 4:
        return token.doc[lo : hi + 1].text
    return f"{clause.text} … {token.text}"
