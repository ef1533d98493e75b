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
  between political actors ("the pilgrims who will arrive from Saudi Arabia", "reached home
  after completing their pilgrimage");
- a name read as a verb: "ram lalla", "the ram temple" (the tagger's verb "ram");
- showing, not protesting: "the riots demonstrated that security had collapsed";
- an awaited decision: "a verdict is expected", "wait till the court verdict";
- a wanted person: "two men sought in the slaying" (no appeal);
- shots in the air: "revellers fired in the air" is no fight; fired by police or troops to
  disperse a crowd it is repression, 175 (the lexicon's "fire in the air" rows);
- a measure being ended: "lift the sanctions" (the noun imposes nothing; the verb codes it);
- a standing state: "the Israeli-occupied sector" (no new occupation);
- a refusal: "in no mood to relax security";
- care, not admission: "admitted to hospital";
- papers or political backing, not aid: "supplied a copy", "outside support";
- an event noun naming a place or kind: "the police control room", "attack helicopters";
- a press conference, no consultation; electoral idioms ("contest the election", "seek
  votes") and "talk in different tones";
- a meeting that is only the setting of another act: "at a meeting on Friday the leaders
  accused …", "raise the issue during the party meeting" (the act is coded from its verb);
- a question, not an appeal: "the bench asked, and noted …" (no one asked for anything);
- an event called, or a name given, not a telephone call: "the bandh called by the VHP",
  "called a strike", "if we call it a procession";
- understanding, not praise: "could not appreciate the impact of modernity";
- a thing received, not cooperation accepted: "the official accepting the stone", "accepted
  the award" (a proposal, offer or plan accepted is still an event);
- the press travelling: "the Sunday Times visits some of them", "our correspondent visited";
- a preposition, not a particle: "gave a lecture in Berlin", "has given in writing" (no
  giving in);
- a decision kept to, not given: "will abide by the court verdict";
- a participle naming people: "arrest the accused";
- the month: "on march 15", "till march" (lower-cased text);
- to regard, not to weigh an option: "considers Gujarat a testing ground", "considering
  the sensitivity of the issue";
- a legislature's sitting, no consultation: "when the parliament session ends";
- "call" that is no telephone call: "call off the stir", "the police had to be called in";
- errands, no visit: "was going to his office", "students going to examination halls";
- an inverted quote: '"… ?" asked the officer' (a question, no appeal); admitting people:
  "admitted six independents into the party".

Each guard returns the reason (recorded nowhere else: the event is not made), or ``None``.
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER
from spacy.tokens import Token

from legation.actors.resolver import ArticleActors
from legation.coding.arguments import borrowed_subject
from legation.coding.doc_arrays import string_key, token_keys
from legation.coding.lexicon import Trigger
from legation.model import Mention

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
# De-escalating a military engagement: what is scaled down must be forces or fighting, not
# "the temple stir" or "the campaign".
DEESCALATE_CODE = "087"
HOSTILITIES = frozenset(
    """
    fighting fight hostility conflict war warfare violence clash tension tensions offensive
    operation attack attacks bombing bombardment shelling strike raid combat confrontation
    standoff stand-off escalation deployment mobilisation mobilization alert buildup build-up
    security patrol patrolling presence
    """.split()
)
DEESCALATE_PATIENTS = MILITARY_PATIENTS | HOSTILITIES
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
        # electoral campaigning, no act between political actors
        ("seek", "vote"),
        ("solicit", "vote"),
        ("contest", "election"),
        ("contest", "poll"),
        ("contest", "bypoll"),
        ("contest", "seat"),
        ("contest", "constituency"),
    }
)
# (verb lemma, prepositional object lemma) fixed expressions: "talk in different tones".
PREP_IDIOMS = frozenset({("talk", "tone"), ("speak", "tone"), ("talk", "term")})
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
        _private_travel, _name_read_as_verb, _showing, _awaited_decision, _wanted_person,
        _shots_in_air, _reversed_measure, _state_participle, _no_mood, _admitted_to,
        _not_aid, _naming_modifier, _press_event, _setting_meeting, _bare_question,
        _called_event, _cognition, _received_thing, _press_visit,
        _preposition_not_particle, _complied_decision, _participle_person, _month_name,
        _regarded_as, _legislative_sitting, _not_phone_call, _errand, _police_operation,
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
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (lemma, pobj.lemma_.lower()) in PREP_IDIOMS:
                    return f"idiom:{lemma} {child.lower_} {pobj.lemma_.lower()}"
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
    if allowed is DEESCALATE_PATIENTS:
        # what is scaled down is named by its word: "the temple stir" is no fighting, though
        # "temple" names an actor
        mention = actors.at(patient)
        return patient.lemma_.lower() in allowed or (
            mention is not None and mention.actor.sector in ("MIL", "REB", "INS")
        )
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
    elif entry.code == DEESCALATE_CODE:
        allowed = DEESCALATE_PATIENTS
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


_ABOUT = string_key("about")


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
    sent, doc = token.sent, token.doc
    lower = token_keys(doc, LOWER)  # no Token for each word before the trigger
    for about in (doc[i] for i in range(sent.start, token.i) if lower[i] == _ABOUT):
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
    "often usually rarely seldom".split()
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
WHEN_WORDS = frozenset({"when", "if", "while", "whenever"})


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
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    mark = before.text if before is not None and before.is_punct else ""
    quoted = any(t.text in ('"', "?", "”", "''", "’’") for t in token.sent if t.i < token.i)
    inverted = mark not in ("", "(", "-") and quoted and token.lemma_.lower() == "ask"
    if inverted and not subjects and token.dep_ in ("ROOT", "parataxis", "ccomp"):
        # "… ?" asked the officer: the quote's speaker after the verb, no request
        return f"question:{mark} {token.lower_}"
    when = [c for c in token.children if c.dep_ in ("advmod", "mark") and c.lower_ in WHEN_WORDS]
    if token.tag_ == "VBN" and when and not subjects:
        # the parser hangs "when asked to comment" on the official: "an official, when asked"
        return f"question:{when[0].lower_} {token.lower_}"
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
        if token.dep_ != "dobj":
            return None
        token = token.head  # "(pilgrims reached home) after completing their pilgrimage"
    if token.pos_ not in ("VERB", "AUX"):
        return None
    traveller = _verb_traveller(token)
    return f"private-travel:{traveller}" if traveller is not None else None


def _verb_traveller(token: Token) -> str | None:
    verb = token
    for _ in range(3):  # "have to go", "start arriving": the subject is on the governing verb
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.head is verb:
            break
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "reached home after completing their pilgrimage"
        elif verb.dep_ in ("xcomp", "conj", "advcl"):
            verb = verb.head
        else:
            break
    for subject in subjects:
        traveller = _traveller(subject, verb)
        if traveller is not None:
            return traveller
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


# Names read as verbs: the deity's name in Indian news ("ram lalla", "the ram temple",
# "ram sevaks") is tagged as the verb "ram" (→ 190) in lower-cased text.
NAME_COMPOUNDS: dict[str, frozenset[str]] = {
    "ram": frozenset(
        """
        lalla lala mandir temple sevak sevaks sewak sewaks janmabhoomi janambhoomi
        janmabhumi janambhumi janmbhoomi bhakt bhakts navami katha rajya setu leela lila
        shila naam nam nyas jap dhun kar
        """.split()
    ),
}
NAME_TITLES = frozenset("lord shri sri shree jai".split())


def _name_read_as_verb(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "donate to ram lalla", "the ram temple": a name the tagger read as a verb."""
    lemma = token.lower_
    names = NAME_COMPOUNDS.get(lemma)
    if names is None:
        return None
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i > 0 else None
    if after is not None and after.lower_ in names:
        return f"name:{lemma} {after.lower_}"
    if before is not None and before.lower_ in NAME_TITLES:
        return f"name:{before.lower_} {lemma}"
    return None


PROTEST_SHOW_VERBS = frozenset({"demonstrate", "show", "display"})


def _showing(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "the violence has demonstrated that security has collapsed": to show, not to rally."""
    if not entry.code.startswith("14") or token.lemma_.lower() not in PROTEST_SHOW_VERBS:
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for child in token.children:
        if child.dep_ == "ccomp":
            return f"showing:{token.lower_} that"
        if child.dep_ == "dobj":
            # to rally is intransitive: "demonstrate Russia's coalition", "showed its resolve"
            return f"showing:{token.lower_} {child.lemma_.lower()}"
    return None


DECISION_NOUNS = frozenset("verdict ruling judgment judgement decision".split())
AWAITING_VERBS = frozenset("await expect anticipate wait".split())
AWAITING_PREPS = frozenset("till until pending awaiting before".split())


def _awaited_decision(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "a verdict was expected", "wait till the court verdict": a decision not given yet,
    so nothing is decided (nor anyone found guilty)."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() not in DECISION_NOUNS:
        return None
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in AWAITING_VERBS:
        return f"awaited:{head.lemma_.lower()} {token.lower_}"
    if token.dep_ == "pobj" and head.lower_ in AWAITING_PREPS:
        return f"awaited:{head.lower_} {token.lower_}"
    if token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "wait":
        return f"awaited:wait for {token.lower_}"
    return None


WANTED_VERBS = frozenset({"seek", "want"})


def _wanted_person(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "two men sought in the slaying", "a suspect wanted for murder": wanted by the police,
    no appeal between actors."""
    if token.lemma_.lower() not in WANTED_VERBS or token.tag_ not in ("VBN", "VBD"):
        return None
    person = token.head
    if token.dep_ != "acl" or not (
        person.lemma_.lower() in CONCRETE_PATIENTS
        or person.ent_type_ in ("PERSON", "NORP")
        or actors.for_token(person) is not None
    ):
        return None  # "the time sought for arresting him": a request for time
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent", "dobj") for c in token.children):
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("in", "for", "over") for c in token.children):
        return f"wanted-person:{token.head.lower_} {token.lower_}"
    return None


FIRING_VERBS = frozenset({"fire", "shoot", "open"})


def _shots_in_air(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "revellers fired in the air": warning or celebratory shots, no fight. Fired by the
    police or troops at a crowd ("police opened fire in the air to disperse the mob") they
    are repression (the lexicon's 175 "fire in the air" rows), kept when the firer is a
    state force or unsaid ("rounds were fired in the air")."""
    if token.lemma_.lower() not in FIRING_VERBS or not _in_the_air(token):
        return None
    if entry.code[:2] in ("18", "19"):
        return "warning-shots:in the air"
    if entry.code != REPRESSION_CODE:
        return None
    if token.lemma_.lower() == "open" and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in FIRE_NOUNS for c in token.children
    ):
        return "not-firing:open in the air"  # "the market opened in the open air"
    firers = _firers(token, actors)
    if firers is None or any(m.actor.sector in STATE_FORCES for m in firers):
        return None
    return "warning-shots:in the air"


# Words of a generic military operation (190 by their plain rows) that, done by police,
# are policing: "police raids on the party's offices" (searches), "intervention by the
# police" (breaking up a quarrel), "police launched an operation against …".
POLICING_NOUNS = frozenset({"raid", "intervention", "operation"})
_DOER_DEPS = frozenset({"compound", "poss", "nmod", "amod", "nsubj"})


def _police_operation(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """A raid, intervention or operation whose doer is the police (sector COP) is no use of
    military force: its modifier, possessor, "by" agent, or the subject of the light verb
    that carries it. Only the plain 190 rows: named violence ("police
    firing", "air raid") is coded by its own rows."""
    if entry.code != "190" or entry.objects or token.lemma_.lower() not in POLICING_NOUNS:
        return None
    doers = [c for c in token.children if c.dep_ in _DOER_DEPS]
    for prep in (c for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"):
        doers += [c for c in prep.children if c.dep_ == "pobj"]
    if token.dep_ in ("dobj", "nsubjpass") and token.pos_ == "NOUN":
        doers += [c for c in token.head.children if c.dep_ == "nsubj"]
    for doer in doers:
        found = actors.for_token(doer)
        if found is not None and found.actor.sector == "COP":
            return f"policing:{token.lemma_.lower()}"
    return None


REPRESSION_CODE = "175"
STATE_FORCES = frozenset({"COP", "MIL"})
FIRE_NOUNS = frozenset({"fire", "gunfire", "shot", "round", "bullet", "volley"})


def _in_the_air(token: Token) -> bool:
    """ "fired in the air", "shot into the sky": a prepositional phrase of the verb."""
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ not in ("in", "into"):
            continue
        if any(c.dep_ == "pobj" and c.lemma_.lower() in ("air", "sky") for c in child.children):
            return True
    return False


def _firers(token: Token, actors: ArticleActors) -> list[Mention] | None:
    """Who fired: the clause's subject, or the one it borrows ("forced the police to open
    fire"); ``None`` when the clause names no firer at all (an agentless passive)."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
    if subjects:
        subject = subjects[0]
        if subject.dep_ == "agent":
            subject = next((c for c in subject.children if c.dep_ == "pobj"), subject)
        return actors.all_for(subject)
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in CAUSING_VERBS:
        objects = [c for c in token.head.children if c.dep_ == "dobj"]
        if objects:
            return actors.all_for(objects[0])
    found, _how = borrowed_subject(token, actors)
    if found:
        return found
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return None
    return []


# "prompting / forcing / compelling the police to open fire": the object fires.
CAUSING_VERBS = frozenset("prompt force compel oblige order cause lead provoke drive".split())


REVERSING_VERBS = frozenset(
    "lift ease remove end scrap withdraw relax revoke drop rescind repeal cancel suspend "
    "waive loosen".split()
)


def _reversed_measure(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "agreed to lift the sanctions": the noun names the measure being ended, not imposed;
    the verb carries the event (085, 0813 …)."""
    if token.pos_ not in ("NOUN", "PROPN") or entry.code[:2] not in ("16", "17"):
        return None
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in REVERSING_VERBS:
        return f"reversed:{head.lemma_.lower()} {token.lower_}"
    return None


def _state_participle(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "the Israeli-occupied sector": a participle naming a lasting state of the noun, no
    new occupation."""
    if entry.code != "192" or token.dep_ not in ("amod", "compound"):
        return None
    return f"state:{token.lower_} {token.head.lower_}"


def _no_mood(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "seems in no mood to relax security": a refusal, not the act."""
    if token.dep_ not in ("xcomp", "acl", "advcl"):
        return None
    head = token.head
    moods = [head] if head.lemma_.lower() == "mood" else []
    for prep in (c for c in head.children if c.dep_ == "prep"):
        moods += [c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() == "mood"]
    for mood in moods:
        if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not") for c in mood.children):
            return f"no-mood:{token.lower_}"
    return None


CARE_PLACES = frozenset(
    "hospital ward icu clinic dispensary infirmary school college university hostel".split()
)


def _admitted_to(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "were admitted to various hospitals": taken in for care, no admission of anything;
    "admit independents into the party": let in as members (015 only; the lexicon's 075
    and 086x rows admit refugees or inspectors by their object)."""
    if token.lemma_.lower() != "admit":
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "into", "in", "at"):
            for place in child.children:
                if place.dep_ == "pobj" and place.lemma_.lower() in CARE_PLACES:
                    return f"admitted:{child.lower_} {place.lemma_.lower()}"
    if entry.code != "015" or token.pos_ != "VERB":
        return None
    if any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children):
        return "admitted:into"
    for let_in in _patients(token):
        person = let_in.lemma_.lower() in CONCRETE_PATIENTS | {"independent", "mla", "mp"}
        if person or let_in.like_num or actors.for_token(let_in) is not None:
            return f"admitted:{let_in.lower_}"
    return None


AID_ROOT = "07"
# Things handed over that are no aid: papers and information, or political backing.
PAPERS = frozenset(
    """
    copy document paper agenda list report detail information data record minute file
    letter notice transcript certificate form application
    """.split()
)
BACKING_MODIFIERS = frozenset("outside political moral verbal parliamentary legislative".split())


def _not_aid(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "be supplied the certified copy of the agenda", "providing outside support to the
    government": papers or political backing, not material aid."""
    if not entry.code.startswith(AID_ROOT):
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        things = [token]
    elif token.pos_ == "VERB":
        things = [c for c in token.children if c.dep_ == "dobj"]
        if token.tag_ == "VBN" and not things:
            things = [c for c in token.children if c.dep_ == "nsubjpass"]
    else:
        return None
    for thing in things:
        lemma = thing.lemma_.lower()
        if lemma in PAPERS:
            return f"not-aid:{lemma}"
        modifiers = {c.lower_ for c in thing.children if c.dep_ == "amod"}
        if lemma == "support" and modifiers & BACKING_MODIFIERS:
            return f"not-aid:{sorted(modifiers & BACKING_MODIFIERS)[0]} support"
    return None


# Nouns an event noun may modify only to name them: "the police control room", "attack
# helicopters", "relief camps" — a place or a kind of thing, no event.
NAMED_HEADS = frozenset(
    """
    room centre center cell office desk station site building headquarters hq
    helpline number van vehicle helicopter aircraft plane jet gunship unit squad wing
    department
    """.split()
)


def _naming_modifier(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """An event noun that only names a place or a kind of thing: "the control room"."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "compound":
        return None
    head = token.head
    if head.lemma_.lower() in NAMED_HEADS:
        return f"naming:{token.lower_} {head.lower_}"
    return None


MEETING_NOUNS = frozenset("conference briefing meet meeting interaction conclave".split())
PRESS_WORDS = frozenset("press news media".split())


def _press_event(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "the press conference", "a media briefing": a statement to reporters (coded from the
    verbs of saying), no consultation between actors."""
    if not entry.code.startswith("04") or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.lemma_.lower() not in MEETING_NOUNS:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.lower_ in PRESS_WORDS:
            return f"press:{child.lower_} {token.lower_}"
    return None


# Verbs whose object or place is the meeting itself: "held talks at the meeting" keeps it.
MEETING_VERBS = frozenset("hold attend convene organise organize chair call host join".split())
SETTING_PREPS = frozenset({"at", "during"})


def _setting_meeting(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "At a meeting here on Friday, the leaders expressed anger", "raise the issue during
    the party meeting": the meeting is where another act happens; that act is coded from its
    own verb, and the meeting (no partner named) is no consultation of its own."""
    if not entry.code.startswith("04") or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.lemma_.lower() not in MEETING_NOUNS or token.dep_ != "pobj":
        return None
    prep = token.head
    if prep.lower_ not in SETTING_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    if prep.head.lemma_.lower() in MEETING_VERBS:
        return None
    partners = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("with", "between")]
    if partners:
        return None
    return f"setting:{prep.lower_} {token.lower_}"


# What an asking verb needs to be a request: an addressee, a thing asked for, an act wanted.
REQUEST_DEPS = frozenset({"dobj", "dative", "iobj", "xcomp", "ccomp", "nsubjpass", "oprd"})


def _bare_question(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "The bench asked, and noted …": asking with no addressee, no thing asked for and no
    act wanted is putting a question, not an appeal."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ASKING_VERBS:
        return None
    if not entry.code.startswith("02"):
        return None
    if any(c.dep_ in REQUEST_DEPS or c.dep_ in ("prep", "agent") for c in token.children):
        return None
    if token.dep_ == "conj" and any(c.dep_ in REQUEST_DEPS for c in token.head.children):
        return None  # "urged and asked the government to …": the object is shared
    return f"question:{token.lower_} (no request)"


# Events one calls (announces, convenes): "called a strike", "the bandh called by the VHP".
CALLED_EVENTS = frozenset(
    """
    bandh strike hartal shutdown boycott protest rally agitation dharna march demonstration
    meeting session election poll referendum ceasefire truce halt moratorium conference
    summit convention vote
    """.split()
)


def _called_event(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "The nationwide bandh called by the VHP", "called a snap election": to call an event
    is to announce it (coded from its noun), not a telephone call."""
    if token.lemma_.lower() != "call" or not entry.code.startswith("04"):
        return None
    if token.pos_ != "VERB":
        return None
    named = [c for c in token.children if c.dep_ == "oprd"]
    if named:  # "if we call it a procession", "called him a traitor": naming, no call
        return f"naming:call {named[0].lower_}"
    things = _patients(token)
    if token.dep_ == "acl" and token.tag_ == "VBN":
        things.append(token.head)  # "the bandh called by the VHP"
    for thing in things:
        if thing.lemma_.lower() in CALLED_EVENTS:
            return f"called:{thing.lemma_.lower()}"
    return None


# Objects of "appreciate" that make it understanding, not praise.
UNDERSTOOD_THINGS = frozenset(
    """
    impact importance significance gravity seriousness need difficulty difficulties complexity
    problem fact situation sentiment feeling concern reality point nuance magnitude extent
    implication consequence danger urgency sensitivity mood depth scale nature
    """.split()
)


def _cognition(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "Could not appreciate the impact of modernity": to grasp a fact, not to praise."""
    if token.lemma_.lower() != "appreciate" or token.pos_ != "VERB":
        return None
    for thing in _patients(token):
        if thing.lemma_.lower() in UNDERSTOOD_THINGS:
            return f"cognition:appreciate {thing.lemma_.lower()}"
    return None


# Things one accepts by taking them in hand: receiving, not agreeing to cooperate.
RECEIVED_THINGS = frozenset(
    """
    stone shila brick gift cheque check donation bouquet garland flower award prize medal
    trophy memento memorandum petition letter parcel package idol
    """.split()
)


def _received_thing(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "The official accepting the shila at Ayodhya", "accepted a cheque": taking an object,
    no intent to cooperate (03)."""
    if token.lemma_.lower() not in ("accept", "receive") or not entry.code.startswith("03"):
        return None
    if token.pos_ != "VERB":
        return None
    for thing in _patients(token):
        # "‘shila’" in curly quotes; mis-decoded quotes split off as the head ("â€˜shilaâ€ ™")
        names = [thing, *(c for c in thing.children if c.dep_ in ("compound", "amod"))]
        for name in names:
            word = re.sub(r"[^a-z]", "", name.lemma_.lower())
            if word in RECEIVED_THINGS:
                return f"received:{word}"
    return None


# Who goes somewhere to report: a newspaper or its people ("the Sunday Times visits some of
# them", "our correspondent visited the camps"). Title words count with a name before them.
PRESS_VISITORS = frozenset(
    "reporter correspondent journalist newspaper paper daily weekly magazine crew "
    "newsman newsmen stringer photographer cameraman".split()
)
NEWSPAPER_TITLES = frozenset(
    "times tribune herald chronicle gazette telegraph express post journal standard observer "
    "mirror statesman".split()
)


def _press_visit(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "The Sunday Times visits some of them": a reporting trip, no visit between political
    actors (the press as an actor is coded for what it says or suffers, not where it goes)."""
    if entry.code not in TRAVEL_CODES or token.pos_ not in ("VERB", "AUX"):
        return None
    for subject in (c for c in token.children if c.dep_ == "nsubj"):
        mention = actors.for_token(subject)
        lemma = subject.lemma_.lower()
        named = any(c.dep_ == "compound" for c in subject.children)
        if lemma in PRESS_VISITORS or (named and subject.lower_ in NEWSPAPER_TITLES):
            return f"press-visit:{subject.lower_}"
        if mention is not None and mention.actor.sector == "MED":
            return f"press-visit:{subject.lower_}"
    return None


# Phrasal verbs whose particle stands alone: "gave in", "caved in" (to pressure). With an
# object the word is a preposition of place or topic: "gave a lecture in Berlin".
INTRANSITIVE_PARTICLES = frozenset({("give", "in"), ("cave", "in"), ("back", "down")})


def _preposition_not_particle(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "Gave a lecture in Berlin on China's policy": no giving in."""
    pair = (token.lemma_.lower(), entry.particle)
    if entry.particle is None or pair not in INTRANSITIVE_PARTICLES:
        return None
    words = [c for c in token.children if c.lower_ == entry.particle]
    if words and all(any(g.dep_ == "pobj" for g in w.children) for w in words):
        return f"preposition:{token.lower_} {entry.particle} …"
    return None


# Verbs (and "bound") of keeping to a decision: "would abide by the court verdict", "duty-bound
# to implement the ruling". The decision is what one keeps to, given or still to come; the
# sentence reports the commitment, not a court finding anyone guilty.
COMPLYING_WORDS = frozenset(
    "abide obey respect honour honor implement enforce follow adhere comply stick heed accept "
    "bound execute".split()
)


def _complied_decision(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "All parties should abide by the court verdict": no verdict is given here."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() not in DECISION_NOUNS:
        return None
    if not entry.code.startswith("11"):
        return None
    word = token
    while word.dep_ == "conj":
        word = word.head  # "abide by the verdict or a settlement"
    head = word.head
    if word.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif word.dep_ not in ("dobj", "nsubjpass"):
        return None
    if head.lemma_.lower() in COMPLYING_WORDS:
        return f"complied:{head.lemma_.lower()} {token.lower_}"
    return None


# Participles used as nouns for people: "arrest the accused", "one of the accused" (the
# tagger keeps them verbs). They name who is charged, not an accusation made here.
PERSON_PARTICIPLES = frozenset({"accused"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"})


def _participle_person(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "The police will arrest the accused": a person, no accusation."""
    if token.lower_ not in PERSON_PARTICIPLES or token.dep_ not in NOMINAL_DEPS:
        return None
    if not any(c.dep_ in ("det", "poss", "nummod", "amod") for c in token.children):
        return None  # "(they) accused the police": a verb
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children):
        return None
    return f"person:{token.lower_}"


# "on march 15", "till march", "mid-march": the month (lower-cased text has no capital to
# tell it from the rally). Words before a bare month name:
MONTH_PREPS = frozenset(
    "in on since till until from by early late mid last next this of during before after "
    "between to".split()
)


def _month_name(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "The VHP's programme at Ayodhya on march 15": a date, no march."""
    if token.lower_ != "march":
        return None
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i > 0 else None
    if after is not None and after.like_num and len(after.text.rstrip(",.")) in (1, 2, 4):
        return "month:march <day>"
    if before is not None and before.like_num and len(before.text) <= 2:
        return "month:<day> march"
    if token.ent_type_ == "DATE":
        return "month:march (date)"
    determined = any(c.dep_ in ("det", "poss", "amod", "compound") for c in token.children)
    word = before.lower_ if before is not None else ""
    bare = word in MONTH_PREPS and not determined
    if bare and (token.pos_ in ("NOUN", "PROPN") or word in ("mid", "early", "late")):
        return f"month:{word} march"
    return None


def _regarded_as(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "Is considered an acid test", "considers Gujarat a testing ground", "considering the
    sensitivity of the issue": to regard or to take into account, not to weigh a policy
    option (014)."""
    if token.lemma_.lower() != "consider" or not entry.code.startswith("01"):
        return None
    if token.pos_ != "VERB":
        return None
    for child in token.children:
        small_clause = child.dep_ == "ccomp" and child.pos_ in ("NOUN", "ADJ")
        if child.dep_ in ("oprd", "acomp") or small_clause:
            # "considers Gujarat a testing ground": a noun or adjective predicate
            return f"regard:{token.lower_} {child.lower_}"
        if child.dep_ == "prep" and child.lower_ == "as":
            return f"regard:{token.lower_} as"
        if child.dep_ == "xcomp" and (
            child.tag_ in ("JJ", "JJR", "NN", "VBN") or child.lemma_ == "be"
        ):
            return f"regard:{token.lower_} {child.lower_}"  # "are considered more heinous"
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.tag_ == "VBG" and not subjects and token.dep_ in ("prep", "advcl", "pcomp"):
        return f"regard:{token.lower_}"  # "considering this scenario": given
    return None


# A sitting of a legislature: "the budget session", "a joint session of parliament".
LEGISLATIVE_WORDS = frozenset(
    """
    parliament parliamentary assembly budget monsoon winter summer house legislature
    legislative joint lok rajya sabha vidhan council senate congress plenary court
    """.split()
)
SITTING_NOUNS = frozenset({"session", "sitting"})


def _legislative_sitting(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "Riots will end when the parliament session ends": a legislature sitting, no
    consultation between actors (what it does is coded from its own verbs)."""
    if not entry.code.startswith("04") or token.lemma_.lower() not in SITTING_NOUNS:
        return None
    words = [c for c in token.children if c.dep_ in ("compound", "amod", "poss")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        words += [c for c in prep.children if c.dep_ == "pobj"]
    for word in words:
        names = [word, *(c for c in word.children if c.dep_ == "compound")]
        for name in names:
            if name.lemma_.lower() in LEGISLATIVE_WORDS:
                return f"sitting:{name.lower_} {token.lower_}"
            mention = actors.at(name)
            if mention is not None and mention.actor.sector == "LEG":
                return f"sitting:{name.lower_} {token.lower_}"
    return None


PHONE_CODE = "041"
SUMMONED_FORCES = frozenset("police army troop force paramilitary military soldier".split())


def _not_phone_call(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """The plain "call" row is a telephone call to someone: not "call off the stir" (a
    cancelling), "the police had to be called" / "called in the army" (forces summoned),
    nor "calls your attention to it" (no one called)."""
    if entry.code != PHONE_CODE or token.lemma_.lower() != "call" or token.pos_ != "VERB":
        return None
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    if particles and particles[0] != "up":
        return f"not-phone:call {particles[0]}"
    for called in _patients(token):
        if called.lemma_.lower() in SUMMONED_FORCES:
            return f"not-phone:call {called.lemma_.lower()}"
        unknown = called.pos_ == "NOUN" and actors.for_token(called) is None
        if unknown and called.lemma_.lower() not in CONCRETE_PATIENTS:
            return f"not-phone:call {called.lemma_.lower()}"
    return None


# Where people go about their own business: "students going to examination halls", "was
# going to his office", "leave alone going to school".
ERRAND_PLACES = frozenset(
    """
    school college office home house hall market shop work workplace field farm bank
    bazaar class classroom exam examination centre center cinema
    """.split()
)
TRIP_VERBS = frozenset("go come head return travel walk move rush".split())


def _errand(token: Token, entry: Trigger, actors: ArticleActors) -> str | None:
    """ "Nurses going to hospitals on night duty", "was going to his office": an errand, no
    visit between political actors."""
    if entry.code not in TRAVEL_CODES or token.lemma_.lower() not in TRIP_VERBS:
        return None
    places = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "towards", "toward"):
            places += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "advmod" and child.lower_ == "home":
            places.append(child)
    if places and all(_errand_place(p, actors) for p in places):
        return f"errand:{places[0].lemma_.lower()}"
    return None


def _errand_place(place: Token, actors: ArticleActors) -> bool:
    if actors.at(place) is not None:
        return False
    lemma = place.lemma_.lower()
    if lemma in ("hall", "centre", "center"):  # "examination halls", not "the city centre"
        return any(c.lemma_.lower() in ("exam", "examination") for c in place.children)
    return lemma in ERRAND_PLACES
