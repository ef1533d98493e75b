"""Who did it to whom: source and target actors of a trigger, read off the dependency parse.

Verbs: subject (or the passive "by" agent) → source; object, passive subject, dative or a
preposition on the verb or on its object ("sent ammunition *to Russia*") → target. Event
nouns: possessor, "by"/"from" phrase or an actor modifier ("*Russian* arms shipments") →
source; "to/with/against" phrases → target; "between X and Y" gives both. Subjects missing
from a clause are borrowed from the clause that governs it ("Kim refused *to visit*",
"Kim *made* a request", "South Korea's response will be … *beginning* shipments").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from legation.actors.resolver import ArticleActors
from legation.coding.lexicon import ACTOR_OBJECT
from legation.coding.modality import REPORTING_VERBS
from legation.model import Mention

TARGET_PREPS = frozenset(
    {"to", "with", "against", "toward", "towards", "on", "into", "at", "for", "over", "upon",
     "near", "around", "outside", "along", "across"}
)  # fmt: skip
# "at" names a target only after aiming verbs ("fired at"); otherwise it is a place
# ("signed at the White House").
AT_TARGET_VERBS = frozenset(
    ["fire", "shoot", "strike", "aim", "launch", "point", "lash", "hurl", "lob"]
)
SOURCE_PREPS = frozenset({"by", "from"})
INSTRUMENT_PREPS = frozenset({"with", "using", "via", "by"})
# Nouns whose "of" phrase names the doer ("the visit of the president"); otherwise "of" is
# the undergoer ("the invasion of Ukraine").
OF_SOURCE_NOUNS = frozenset(
    [
        "visit",
        "trip",
        "journey",
        "tour",
        "arrival",
        "departure",
        "withdrawal",
        "retreat",
        "statement",
        "support",
        "visitor",
        "delegation",
    ]
)
LIGHT_VERBS = frozenset(
    [
        "perform",
        "wage",
        "mount",
        "make",
        "pay",
        "hold",
        "conduct",
        "undertake",
        "launch",
        "begin",
        "carry",
        "start",
        "stage",
        "complete",
        "resume",
        "continue",
        "do",
        "have",
        "give",
        "take",
    ]
)
# Verbs whose "in"/"at" phrase is the place visited: "arrived in Kyiv".
ARRIVAL_VERBS = frozenset(["arrive", "land"])
# Verbs that lend their subject to an event-noun object: "planned a trip", "signed a pact".
LENDING_VERBS = LIGHT_VERBS | frozenset(
    [
        "declare",
        "unveil",
        "confirm",
        "reveal",
        "plan",
        "propose",
        "schedule",
        "prepare",
        "seek",
        "want",
        "intend",
        "sign",
        "conclude",
        "ink",
        "announce",
        "impose",
        "deliver",
        "send",
        "provide",
        "extend",
        "offer",
        "issue",
        "lodge",
        "file",
        "express",
    ]
)
# Verbs whose object (not subject) does the action of their complement: "urged Seoul to act".
OBJECT_CONTROL = frozenset(
    [
        "urge",
        "ask",
        "invite",
        "force",
        "order",
        "allow",
        "persuade",
        "tell",
        "help",
        "encourage",
        "press",
        "call",
        "pressure",
    ]
)
SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
MAX_CLIMB = 6


@dataclass
class Arguments:
    """Source and target candidates, and the words that disambiguate the trigger's code."""

    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    object_lemmas: set[str] = field(default_factory=set)
    direct: set[str] = field(default_factory=set)  # the direct object's words only
    instrument: set[str] = field(default_factory=set)  # "with poison gas", "using drones"
    particles: set[str] = field(default_factory=set)
    how: list[str] = field(default_factory=list)  # which rules supplied the actors

    def add_sources(self, mentions: list[Mention], how: str) -> None:
        new = [m for m in mentions if m not in self.sources]
        if new:
            self.sources.extend(new)
            self.how.append(f"source:{how}")

    def add_targets(self, mentions: list[Mention], how: str) -> None:
        new = [m for m in mentions if m not in self.targets and m not in self.sources]
        if new:
            self.targets.extend(new)
            self.how.append(f"target:{how}")


def _words(token: Token) -> set[str]:
    """Lemma and lower form of a noun and its conjuncts and compounds ("arms shipments")."""
    if token.lower_ in ("that", "which") and token.head.dep_ == "relcl":
        token = token.head.head  # "the alliance that was signed": the antecedent
    out: set[str] = set()
    for item in [token, *[c for c in token.children if c.dep_ in ("conj", "compound", "amod")]]:
        out.update({item.lemma_.lower(), item.lower_})
        for grand in item.children:
            if grand.dep_ == "conj":
                out.update({grand.lemma_.lower(), grand.lower_})
    return out


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _between(token: Token, actors: ArticleActors, args: Arguments) -> bool:
    """ "between Russia and North Korea" on ``token``: first → source, the rest → targets."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in _pobjs(child):
                found = actors.all_for(pobj)
                if args.sources and found:
                    args.add_targets(found, "between")  # "Qatar mediated between X and Y"
                    return True
                if len(found) >= 2:
                    args.add_sources(found[:1], "between")
                    args.add_targets(found[1:], "between")
                    return True
    return False


def _noun_phrase_targets(noun: Token, actors: ArticleActors, args: Arguments) -> None:
    """Targets hanging off an object noun: possessor, prepositions ("ammunition to Russia")."""
    for child in noun.children:
        if child.dep_ == "poss":
            args.add_targets(actors.all_for(child), "object-possessor")
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS | {"of"}:
            for pobj in _pobjs(child):
                args.add_targets(actors.all_for(pobj, owners=True), f"object-{child.lower_}")
            if child.lower_ in ("of", "with"):
                for pobj in _pobjs(child):
                    args.direct |= _words(pobj)
        elif child.dep_ == "prep" and child.lower_ == "from":
            for pobj in _pobjs(child):  # "goods from Canada": the counterpart, not the doer
                args.add_targets(actors.all_for(pobj), "object-from")


def borrowed_subject(verb: Token, actors: ArticleActors) -> tuple[list[Mention], str]:
    """The actor doing ``verb`` when its clause has no subject of its own."""
    token = verb
    for _ in range(MAX_CLIMB):
        dep = token.dep_
        head = token.head
        if dep == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects:
                return actors.all_for(objects[0]), "object-control"
        if dep in ("acl",) and head.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in head.children if c.dep_ == "poss"]
            if poss:
                return actors.all_for(poss[0]), "noun-possessor"
        if dep in ("relcl",) and head.pos_ in ("NOUN", "PROPN"):
            return actors.all_for(head), "relative"
        if dep not in ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "dobj", "pobj", "acl"):
            break
        token = head
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if not subjects and dep == "xcomp":
            # raising: "Japan and the Philippines are set to sign", "is expected to visit"
            subjects = [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if subjects:
            found = _subject_actors(subjects[0], actors)
            if found:
                return found, f"borrowed-from-{token.lemma_.lower()}"
    return [], ""


def _subject_actors(subject: Token, actors: ArticleActors) -> list[Mention]:
    """A subject's actors; for a non-actor subject, its possessor ("South Korea's response")."""
    if subject.lower_ == "it" and subject.head.lemma_ == "be":
        # A cleft: "it was (none other than) Kim who …" — the focus is the real subject.
        for attr in (c for c in subject.head.children if c.dep_ == "attr"):
            for token in attr.subtree:
                if found := actors.all_for(token):
                    return found
    found = actors.all_for(subject)
    if found:
        return found
    for child in subject.children:
        if child.dep_ == "poss":
            return actors.all_for(child)
    return actors.all_for(subject, owners=True)


def verb_arguments(verb: Token, actors: ArticleActors) -> Arguments:
    args = Arguments()
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
    for child in verb.children:
        dep = child.dep_
        if dep == "prt":
            args.particles.add(child.lower_)
        elif dep in SUBJECT_DEPS:
            args.add_sources(_subject_actors(child, actors), "subject")
        elif dep in PASSIVE_SUBJECT_DEPS:
            args.add_targets(actors.all_for(child, owners=True), "passive-subject")
            args.direct |= _words(child)
            _noun_phrase_targets(child, actors, args)
        elif dep == "agent" or (passive and dep == "prep" and child.lower_ == "by"):
            for pobj in _pobjs(child):
                args.add_sources(actors.all_for(pobj), "passive-agent")
        elif dep in ("dobj", "dative", "attr"):
            args.direct |= _words(child)
            found = actors.all_for(child)
            if found:
                args.direct.add(ACTOR_OBJECT)
                args.add_targets(found, "object")
            elif not _between(child, actors, args):
                _noun_phrase_targets(child, actors, args)
                args.add_targets(actors.all_for(child, owners=True), "object-owner")
    for child in verb.children:
        if child.dep_ == "xcomp":
            # "refused to lift sanctions": the complement disambiguates the code
            args.direct.add(child.lemma_.lower())
            for grand in child.children:
                if grand.dep_ == "dobj":
                    args.direct |= _words(grand)
        if child.dep_ == "prep" and not (passive and child.lower_ == "by"):
            _verb_prep(verb, child, actors, args)
    _between(verb, actors, args)
    if not args.sources:
        found, how = borrowed_subject(verb, actors)
        args.add_sources(found, how)
    if not args.sources:
        # A mis-parsed subject ("Ban Ki-moon held talks" with "Ki-moon" as npadvmod).
        for child in verb.lefts:
            if child.dep_ in ("npadvmod", "dep", "intj") and (found := actors.all_for(child)):
                args.add_sources(found, "left-of-verb")
                break
    if not args.targets:
        _complement_targets(verb, actors, args)
    args.object_lemmas |= args.direct
    return args


def _verb_prep(verb: Token, prep_token: Token, actors: ArticleActors, args: Arguments) -> None:
    """A prepositional phrase on an (active) verb: a target, a place, an instrument, or a
    particle with its objects for the lexicon."""
    prep = prep_token.lower_
    lemma = verb.lemma_.lower()
    args.particles.add(prep)
    for pobj in _pobjs(prep_token):
        args.object_lemmas |= _words(pobj)
        if prep in INSTRUMENT_PREPS:
            args.instrument |= _words(pobj)
        if prep in ("in", "at") and lemma in ARRIVAL_VERBS:
            args.add_targets(actors.all_for(pobj), f"arrival-{prep}")
        elif prep == "at" and lemma not in AT_TARGET_VERBS:
            continue  # a place: "signed at the White House"
        elif prep in ("by", "via"):
            _noun_phrase_targets(pobj, actors, args)  # "spoke by phone with Putin"
        elif prep in TARGET_PREPS or prep == "from":
            found = actors.all_for(pobj, owners=True)
            args.add_targets(found, f"prep-{prep}")
            if not found:
                _noun_phrase_targets(pobj, actors, args)


def _complement_targets(verb: Token, actors: ArticleActors, args: Arguments) -> None:
    """ "offered to provide aid *to Ukraine*", "demanded that *Russia* release …"."""
    for child in verb.children:
        if child.dep_ == "xcomp":
            inner = verb_arguments(child, actors)
            args.add_targets(inner.targets, "complement")
        elif child.dep_ == "ccomp" and verb.lemma_.lower() not in REPORTING_VERBS:
            for subject in (c for c in child.children if c.dep_ in SUBJECT_DEPS):
                args.add_targets(actors.all_for(subject), "complement-subject")


def noun_arguments(noun: Token, actors: ArticleActors) -> Arguments:
    args = Arguments()
    args.object_lemmas |= {noun.lemma_.lower()}
    for child in noun.children:
        dep = child.dep_
        if dep == "poss":
            args.add_sources(actors.all_for(child), "possessor")
        elif dep in ("compound", "amod", "nmod") and (found := actors.all_for(child)):
            args.add_sources(found, "modifier")
        elif dep in ("compound", "amod"):
            args.object_lemmas |= {child.lemma_.lower(), child.lower_}
    _between(noun, actors, args)
    for child in noun.children:
        if child.dep_ != "prep":
            continue
        prep = child.lower_
        args.particles.add(prep)
        for pobj in _pobjs(child):
            found = actors.all_for(pobj)
            args.object_lemmas |= _words(pobj)
            if prep in SOURCE_PREPS:
                args.add_sources(found, f"noun-{prep}")
            elif prep in TARGET_PREPS:
                args.add_targets(found or actors.all_for(pobj, owners=True), f"noun-{prep}")
            elif prep == "of":
                args.object_lemmas |= _words(pobj)
                if noun.lemma_.lower() in OF_SOURCE_NOUNS and not args.sources:
                    args.add_sources(found, "noun-of")
                else:
                    args.add_targets(found, "noun-of")
    governor = _governing_verb(noun)
    if governor is not None:
        _governor_arguments(noun, governor, actors, args)
    return args


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or prepositional object) the event noun is."""
    if noun.dep_ in ("dobj", "attr", "oprd"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    if noun.dep_ == "nsubjpass":
        return noun.head
    return None


def _governor_arguments(noun: Token, verb: Token, actors: ArticleActors, args: Arguments) -> None:
    """ "Kim *made* a request", "paid Moscow a visit", "the pact was signed by Khrushchev".

    Only verbs that carry the noun's event lend their subject: light verbs and verbs of
    planning or signing ("Kim declined the invitation" does not make Kim the inviter).
    """
    if verb.lemma_.lower() not in LENDING_VERBS:
        return
    if not args.sources:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and noun.dep_ != "nsubjpass":
                args.add_sources(_subject_actors(child, actors), f"subject-of-{verb.lemma_}")
            elif child.dep_ == "agent":
                for pobj in _pobjs(child):
                    args.add_sources(actors.all_for(pobj), "passive-agent")
        if not args.sources:
            found, how = borrowed_subject(verb, actors)
            args.add_sources(found, how)
    if verb.lemma_.lower() in LIGHT_VERBS:
        for child in verb.children:
            if child.dep_ == "dative":
                args.add_targets(actors.all_for(child), "dative")
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                for pobj in _pobjs(child):
                    args.add_targets(actors.all_for(pobj), f"verb-{child.lower_}")
