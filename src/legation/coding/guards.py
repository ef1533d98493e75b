"""Precision guards: trigger words used in a sense that is no political event.

A lexicon row says what a word means when it is an event ("struck the base" → 190); these
guards say when it is not, from the words around it, for any trigger:

- a material act (coerce, assault, fight, mass violence, mobilise forces) with an abstract
  patient: "struck down Putin's hope", "squeeze the maximum PR", "reinforcing the cult";
- idioms: "begs the question", "keep going to the bitter end";
- sport results: "England beat them 3-2", "thrashed the visitors in the final";
- the plot of a film, book or show: "the film about villagers who fight oppression";
- a habit, not an occurrence: "made regular visits to Moscow", "the frequent visits of
  delegations", "routinely criticises the court" — no single event, no date, no count (the
  occurrences are counted where the text reports them one by one);
- a question, not an appeal: "asked whether the party had sought support", "when asked to
  comment, the official said" — a reporter's question, no request between actors;
- private travel: pilgrims, tourists, devotees or passengers going somewhere make no visit
  between political actors ("the pilgrims who will arrive from Saudi Arabia").

Each guard returns the reason (recorded nowhere else: the event is not made), or ``None``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from legation.actors.resolver import ArticleActors
from legation.coding.lexicon import Trigger

# Roots of material acts whose patient must be a person, group, place or thing of war.
MATERIAL_ROOTS = frozenset({"17", "18", "19", "20"})
MOBILISE_CODES = frozenset({"154", "150", "152"})
# Patients of a material act that are concrete: people, forces, places, targets.
CONCRETE_PATIENTS = frozenset(
    """
    people person civilian man woman child boy girl student worker villager resident farmer
    protester demonstrator activist journalist reporter soldier troop force army police
    policeman officer guard militant rebel fighter insurgent terrorist gunman jihadist member
    leader official minister president worker crowd mob family victim hostage prisoner
    detainee inmate suspect accused youth passenger pilgrim devotee supporter cadre
    position base camp post outpost village town city capital district area region border
    territory town convoy vehicle car bus truck train ship vessel boat tanker plane aircraft
    jet helicopter drone tank building house home school hospital mosque church temple
    market office station embassy consulate headquarters facility plant site target
    infrastructure bridge port airport road highway checkpoint barracks depot pipeline
    refinery field stronghold enclave neighbourhood neighborhood street shop property
    """.split()
)
MILITARY_PATIENTS = frozenset(
    """
    troop force soldier army unit division brigade battalion regiment warship ship vessel
    fleet submarine jet aircraft plane bomber fighter missile rocket tank artillery
    weapon battery system reservist reserve personnel military navy marine defence
    defense position presence border front garrison
    """.split()
)
# (verb lemma, object lemma) pairs that are fixed expressions, never events.
IDIOMS = frozenset(
    {
        ("beg", "question"),
        ("raise", "question"),
        ("strike", "chord"),
        ("strike", "balance"),
        ("strike", "note"),
        ("strike", "tone"),
        ("kill", "time"),
        ("fight", "fire"),
        ("attack", "problem"),
        ("pay", "price"),
        ("break", "record"),
        ("break", "ice"),
        ("beat", "record"),
        ("call", "shot"),
        ("call", "tune"),
        ("meet", "target"),
        ("meet", "deadline"),
        ("meet", "expectation"),
        ("meet", "requirement"),
        ("meet", "goal"),
        ("meet", "criterion"),
        ("meet", "standard"),
    }
)
CONTINUING_VERBS = frozenset({"keep", "continue", "get"})  # "keep going": not travel
TRAVEL_VERBS = frozenset({"go", "come", "head", "travel"})
SPORT_WORDS = frozenset(
    """
    match game tournament final semifinal semi-final quarterfinal league cup championship
    trophy title goal innings wicket run hockey cricket football soccer tennis rugby
    basketball volleyball kabaddi olympics olympic medal team squad side striker captain
    coach stadium scoreline set inning series test odi t20 derby champion opener
    """.split()
)
CONTEST_VERBS = frozenset(
    "beat defeat thrash crush hammer rout down edge overcome stun outplay whip trounce "
    "clobber demolish maul destroy overpower vanquish outclass blank".split()
)
SCORE = re.compile(r"^\d{1,3}\s?[-–:]\s?\d{1,3}$")
WORK_NOUNS = frozenset(
    """
    film movie flick novel book play drama series show serial sitcom documentary biopic
    episode plot storyline screenplay script story tale song poem opera musical comic
    thriller saga trailer
    """.split()
)


def no_event_reason(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """Why the trigger ``token`` matched by ``entry`` is no event here, or ``None``."""
    guards = (
        _idiom, _abstract_patient, _not_travel, _sport, _fiction, _habitual, _question_asked,
        _private_travel,
    )  # fmt: skip
    for guard in guards:
        reason = guard(token, entry, actors)
        if reason is not None:
            return reason
    return None


def _idiom(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and (lemma, child.lemma_.lower()) in IDIOMS:
            return f"idiom:{lemma} {child.lemma_.lower()}"
    return None


def _patients(token: Token) -> list[Token]:
    """The undergoer of a verb: its direct object, or its passive subject."""
    deps = ("dobj",) if token.pos_ != "VERB" else ("dobj", "nsubjpass")
    found = []
    for child in token.children:
        if child.dep_ in deps:
            found.append(child)
            found.extend(c for c in child.children if c.dep_ == "conj")
    return found


def _is_concrete(patient: Token, actors: ArticleActors, allowed: frozenset[str]) -> bool:
    if actors.at(patient) is not None or actors.for_token(patient) is not None:
        return True
    if patient.pos_ in ("PRON", "PROPN", "NUM") or patient.ent_type_ in (
        "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "CARDINAL"
    ):  # fmt: skip
        return True
    if any(c.dep_ == "nummod" for c in patient.children):
        return True  # counted patients are concrete: "two brothers were killed" (local-news)
    return patient.lemma_.lower() in allowed


def _abstract_patient(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """A material act needs a concrete patient (or none): "struck down *Putin's hope*"."""
    if entry.objects or token.pos_ != "VERB":
        return None  # the row names its objects itself ("kill" + bill → 129)
    if entry.code in MOBILISE_CODES:
        allowed = MILITARY_PATIENTS
    elif entry.code[:2] in MATERIAL_ROOTS:
        allowed = CONCRETE_PATIENTS | MILITARY_PATIENTS
    else:
        return None
    patients = _patients(token)
    if patients and not any(_is_concrete(p, actors, allowed) for p in patients):
        return f"abstract-patient:{patients[0].lemma_.lower()}"
    if not patients and entry.code in MOBILISE_CODES and not _military_subject(token, actors):
        return "no-forces"  # "to be positioned next to Xi": a seat, not a deployment
    return None


def _military_subject(token: Token, actors: ArticleActors) -> bool:
    """ "Troops massed at the border": an intransitive mobilisation needs forces as subject."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            mention = actors.for_token(child)
            if mention is not None and mention.actor.sector == "MIL":
                return True
            if child.lemma_.lower() in MILITARY_PATIENTS:
                return True
    return False


def _not_travel(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "keep going to the bitter end": going on, not a trip."""
    if entry.code != "042" or token.lemma_.lower() not in TRAVEL_VERBS:
        return None
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in CONTINUING_VERBS:
        return f"continuing:{token.head.lemma_.lower()} {token.lower_}"
    return None


def _sport(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """A contest result: a score beside the verb, or a contest verb among sport words."""
    if entry.code[:2] not in MATERIAL_ROOTS | {"11", "12", "13", "14", "15", "16"}:
        return None
    clause = list(token.subtree)
    if any(SCORE.match(t.text) for t in clause) or _score_tokens(clause):
        return "sport:score"
    if token.lemma_.lower() in CONTEST_VERBS:
        words = {t.lemma_.lower() for t in token.sent}
        if words & SPORT_WORDS:
            return "sport:contest"
    return None


def _score_tokens(tokens: list[Token]) -> bool:
    """ "3 - 2" tokenised apart."""
    for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False):
        adjacent = c.i == b.i + 1 and b.i == a.i + 1
        if a.like_num and b.text in ("-", "–") and c.like_num and len(a.text) <= 2 and adjacent:
            return True
    return False


def _fiction(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "the flick about villagers who fight oppression": what a work of fiction tells."""
    current = token
    for _ in range(8):
        head = current.head
        if head is current:
            return None
        is_work = head.pos_ == "NOUN" and head.lemma_.lower() in WORK_NOUNS
        if is_work and current.dep_ in ("relcl", "acl", "prep"):
            return f"fiction:{head.lemma_.lower()}"
        current = head
    # parsers often misattach "about": a work noun right before "about", the trigger after
    sent = token.sent
    for about in (t for t in sent if t.lower_ == "about" and t.i < token.i):
        before = token.doc[max(sent.start, about.i - 3) : about.i]
        work = next((t for t in before if t.lemma_.lower() in WORK_NOUNS), None)
        if work is not None:
            return f"fiction:{work.lemma_.lower()}"
    return None


# Frequency words that make a plural event noun or a verb a habit: "regular visits",
# "frequently visited". Not "annual" or "first": those pick out occurrences.
HABITUAL_ADJECTIVES = frozenset(
    "regular frequent repeated periodic routine occasional habitual customary constant "
    "recurrent".split()
)
HABITUAL_ADVERBS = frozenset(
    "regularly frequently routinely habitually customarily periodically repeatedly "
    "often usually".split()
)


def _habitual(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "regular visits" (a plural event noun with a frequency adjective) or "routinely
    visits" (a verb with a frequency adverb) tell a habit, not an event."""
    if token.pos_ in ("NOUN", "PROPN"):
        if token.tag_ != "NNS":
            return None
        for child in token.children:
            if child.dep_ == "amod" and child.lower_ in HABITUAL_ADJECTIVES:
                return f"habitual:{child.lower_} {token.lower_}"
        return None
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in HABITUAL_ADVERBS:
            return f"habitual:{child.lower_} {token.lower_}"
    return None


QUESTION_WORDS = frozenset("whether if why what how where when who whom which".split())
ASKING_VERBS = frozenset({"ask", "question", "query"})


def _question_asked(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "Asked whether X had sought support, he said …", "when asked to comment, the official
    told …", "asked why": a question put (mostly by a reporter), not an appeal."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ASKING_VERBS:
        return None
    for child in token.children:
        if child.dep_ == "ccomp" and child.left_edge.lower_ in QUESTION_WORDS:
            return f"question:{token.lower_} {child.left_edge.lower_}"
        if child.dep_ == "prep" and child.lower_ == "about":
            return f"question:{token.lower_} about"
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    if token.dep_ == "advcl" and token.tag_ == "VBN" and not subjects:
        # a participle clause: "(when) asked to comment, he said" — the asker is unnamed
        return f"question:{token.lower_} (participle)"
    return None


TRAVEL_CODES = frozenset({"042", "043"})
# People whose journeys are private, not acts between political actors.
PRIVATE_TRAVELLERS = frozenset(
    """
    pilgrim devotee tourist passenger traveller traveler commuter worshipper worshiper
    holidaymaker vacationer backpacker haji hajji sightseer fan spectator
    """.split()
)
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
GROUP_NOUNS = frozenset("thousand hundred million dozen group batch number lot crowd".split())


def _private_travel(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "the pilgrims who will arrive from Saudi Arabia", "tourists visited the fort": a
    journey of private people, no visit between political actors."""
    if entry.code not in TRAVEL_CODES:
        return None
    if token.pos_ in ("NOUN", "PROPN"):  # "their pilgrimage", "the tourists' trip"
        for child in token.children:
            traveller = _traveller(child, token) if child.dep_ == "poss" else None
            if traveller is not None:
                return f"private-travel:{traveller}"
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    verb = token
    for _ in range(3):  # "have to go", "start arriving": the subject is on the governing verb
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ not in ("xcomp", "conj") or verb.head is verb:
            break
        verb = verb.head
    for subject in subjects:
        traveller = _traveller(subject, verb)
        if traveller is not None:
            return f"private-travel:{traveller}"
    return None


def _traveller(subject: Token, verb: Token) -> str | None:
    word = subject
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        word = verb.head  # "pilgrims who arrived"
    elif subject.lower_ in ("they", "their", "them"):
        earlier = [t for t in subject.sent if t.i < subject.i and t.tag_ == "NNS"]
        if not earlier:
            return None
        word = earlier[-1]  # "escort the pilgrims if they have to go"
    if word.like_num or word.lemma_.lower() in GROUP_NOUNS:  # "thousands of pilgrims"
        of = [c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [c for o in of for c in o.children if c.dep_ == "pobj"]
        word = objects[0] if objects else word
    lemma = word.lemma_.lower()
    return lemma if lemma in PRIVATE_TRAVELLERS else None
