"""Who did it to whom: source and target actors of a trigger, read off the dependency parse.

Verbs: subject (or the passive "by" agent) → source; object, passive subject, dative or a
preposition on the verb or on its object ("sent ammunition *to Russia*") → target. Event
nouns: possessor, "by"/"from" phrase or an actor modifier ("*Russian* arms shipments") →
source; "to/with/against" phrases → target; "between X and Y" gives both. Subjects missing
from a clause are borrowed from the clause that governs it ("Kim refused *to visit*",
"Lula *made* a request", "South Korea's response will be … *beginning* shipments").
When no actor is named as the target, fallbacks read it off the event's kind: the place
of an attack, of aid, of refuge sought or of a curfew; the disputants of a mediation; the
actor an expressed attitude is about; the place left by a withdrawal. A target that is a
source itself ("opened *its* borders") is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from legation.actors.resolver import ArticleActors
from legation.actors.story import STORY_REASON
from legation.coding.lexicon import ACTOR_OBJECT
from legation.coding.modality import REPORTING_VERBS
from legation.model import Actor, Mention

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
# Nouns whose "of" phrase names the doer ("the visit of the president", "the speech of the
# president": a statement's speaker); otherwise "of" is the undergoer ("the invasion of
# Ukraine").
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
        "speech",
        "remark",
        "remarks",
        "address",
        "message",
        "comment",
        "comments",
        "announcement",
        "declaration",
        "testimony",
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
        # taking part: "Azerbaijani troops *participate in* peacekeeping operations"
        "participate",
        "engage",
        # "the police resorted to a lathi-charge / effective firing": the act resorted to
        "resort",
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
# Verbs and event nouns of attack: what they hit is often a place or a thing ("bombed a
# market in northern Yemen", "attacked an army camp"), whose owner is the target.
ATTACK_VERBS = frozenset(
    "attack strike bomb shell pound hit raid storm target shoot fire destroy ambush assault "
    "besiege invade bombard blast rocket overrun torch burn demolish airstrike".split()
)
ATTACK_NOUNS = frozenset(
    "attack strike airstrike raid assault offensive bombing shelling bombardment incursion "
    "invasion barrage ambush onslaught killing massacre slaughter".split()
)
# Giving and truce: with no recipient named, the state where the aid goes or the truce
# holds is the target ("$30 million for relief in northern Iraq", "a ceasefire in Yemen").
# Harm done by an attack that is the subject: "an attack by militants *killed* 30 villagers".
HARMING_VERBS = frozenset("kill wound injure maim".split())
PLACED_VERBS = frozenset(
    "provide give send donate allocate deliver contribute supply grant pledge channel "
    "disburse earmark airlift ship support fund finance assist".split()
)
PLACED_NOUNS = frozenset(
    "aid assistance support funding fund relief donation supplies package ceasefire "
    "truce cease-fire delivery shipment mission operation deployment".split()
)
# Mediating: the parties are those of the dispute mediated ("mediation efforts in the
# Arab-Israeli dispute", "a mediation effort to resolve the rift between Qatar and …").
MEDIATION_WORDS = frozenset("mediate mediation mediator conciliation good offices".split())
DISPUTE_NOUNS = frozenset(
    "conflict dispute rift crisis standoff stand-off war feud row tension tensions "
    "confrontation fighting hostilities stalemate quarrel spat clash clashes".split()
)
# Attitudes expressed about someone: what they are about names the target ("voiced hope
# that *the new government in Greece* will …", "optimism at a trade deal *with China*").
ATTITUDE_NOUNS = frozenset(
    "hope hopes optimism pessimism concern concerns confidence doubt doubts fear fears "
    "skepticism scepticism satisfaction dissatisfaction disappointment frustration anger "
    "outrage regret condolence condolences sympathy sympathies solidarity gratitude "
    "appreciation displeasure worry worries alarm unease".split()
)
ABOUT_PREPS = frozenset(
    "about over at on regarding concerning for with toward towards in of to".split()
)
_INSIDE_DEPS = frozenset(
    "poss compound amod nmod prep pobj acl relcl pcomp dobj conj nsubj nsubjpass appos "
    "ccomp xcomp agent".split()
)
# Quantities whose "of" phrase is what is counted: "a number of websites", "dozens of".
QUANTITY_NOUNS = frozenset(
    "number dozen dozens hundred hundreds thousand thousands score scores series "
    "string handful couple range variety host lot lots".split()
)
# Pulling forces out of a place: the place left is the target.
WITHDRAWING_VERBS = frozenset("withdraw pull evacuate recall remove".split())
# Disarming somewhere: "laid down their arms in Mazar", "surrendered in Congo".
DISARMING_VERBS = frozenset("surrender disarm demobilize demobilise".split())
HANDING_VERBS = frozenset("lay hand give turn surrender put".split())
WEAPON_NOUNS = frozenset("weapon weapons arm arms gun guns rifle rifles".split())
# "sanctions *in relation to* Iraq", "measures *with regard to* Syria"
RELATION_NOUNS = frozenset("relation relations regard respect reference connection".split())
# Examples inside a phrase: "supplies and personnel *such as* doctors to Nepal".
EXAMPLE_PREPS = frozenset({"as", "like", "including"})
# Attack participles naming what is hit: "carried out a raid, *targeting* IS commanders".
AIMING_PARTICIPLES = frozenset("target hit strike pound shell bomb".split())
# "X claimed responsibility for the attack": X did it.
RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})
CLAIMING_VERBS = frozenset("claim accept take assume admit acknowledge".split())
# Giving up an office: the state of the office is the target ("resigned as president of …").
RESIGNING_VERBS = frozenset("resign abdicate quit".split())
# Moving forces somewhere: the troops are the mover's own; the place is the target.
DEPLOYING_VERBS = frozenset(
    "deploy redeploy station mass amass dispatch strengthen reinforce bolster boost "
    "intensify mobilize mobilise position concentrate".split()
)
PLACED_PREPS = frozenset({"to", "for", "in", "into", "across", "throughout"})
FRONTIER_PREPS = frozenset({"near", "along", "on", "at"})
MISSION_NOUNS = frozenset("force mission contingent operation peacekeeper".split())
# Seeking shelter: the state where refuge is sought is the one appealed to ("Rohingya
# sought refuge in Bangladesh").
REFUGE_NOUNS = frozenset("refuge asylum sanctuary shelter haven".split())
# Restrictions laid on a place: its state (its people) is the target, even the imposer's
# own ("Jamaica's government extended the curfew in Jamaica", "a state of emergency in
# Colombia"); "state of emergency", "martial law" name the restriction by a modifier.
RESTRICTION_NOUNS = frozenset("curfew lockdown emergency siege blockade quarantine martial".split())
# A truce declared, or forces put on alert, somewhere: the state of that place is the
# target, even the declarer's own ("Kiir declared a ceasefire in South Sudan", "Philippine
# troops remained on alert in Manila").
TRUCE_NOUNS = frozenset("ceasefire cease-fire truce armistice cessation".split())
ALERT_NOUNS = frozenset({"alert", "standby"})
PLACE_NOUNS = frozenset(
    "province district region city town village county state area part zone territory "
    "capital valley governorate prefecture municipality".split()
)
# Leaving: the "from" phrase of these nouns is the place left, not the doer ("its
# withdrawal of troops *from Iraq*").
FROM_TARGET_NOUNS = frozenset(
    "withdrawal pullout pull-out retreat departure evacuation redeployment exit".split()
)
# Joint action: coordinated subjects of these act with each other, and an "on" phrase is
# the topic ("Japan and India held talks on China's claims": JPN↔IND, not → CHN).
JOINT_WORDS = frozenset(
    "discuss talk talks negotiate negotiation agree agreement share meet meeting consult "
    "consultation confer cooperate cooperation exchange dialogue summit deal".split()
)
TOPIC_PREPS = frozenset({"on", "over", "about", "regarding", "concerning"})
# Where the thing attacked lies: "a base *in* Borno", "positions *near* Damascus".
PLACE_PREPS = frozenset(
    {"in", "near", "of", "inside", "outside", "around", "on", "at", "throughout", "across"}
)
# Premodifiers inside a noun phrase: "army camp", "rebel - held enclave", "PKK targets".
PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
NAMING_DEPS = frozenset({"compound", "nmod", "poss"})  # "a U.S. Supreme Court decision"
# "rebel - held enclave", "Houthi - controlled port": the holder owns what is hit.
HOLDING_PARTICIPLES = frozenset({"hold", "control", "occupy", "run", "dominate", "seize"})
# Participles that name who used a weapon: "rockets *fired by* Hamas", "Taliban - claimed".
WIELDING_PARTICIPLES = frozenset(
    "fire launch claim plant detonate drop lead fly operate deploy throw lob".split()
)
# Attackers who fight the state of the place they hit: a bomb by rebels in their own
# country is an attack on that state ("a Taliban car bomb struck a bus in Kabul").
INSURGENT_SECTORS = frozenset({"REB", "INS", "UAF", "SEP", "OPP", "CRM"})
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


def _conjuncts(token: Token) -> list[Token]:
    """The nouns coordinated with ``token``: "the act and the threats", "X, Y and Z"."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj":
            out += [child, *_conjuncts(child)]
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


def _noun_phrase_targets(
    noun: Token, actors: ArticleActors, args: Arguments, *, by: bool = False, depth: int = 0
) -> None:
    """Targets hanging off an object noun: possessor, prepositions ("ammunition to Russia");
    with ``by``, a "by" phrase too ("rejected a request *by Erdogan*": whose request)."""
    for child in noun.children:
        if child.dep_ == "poss":
            args.add_targets(actors.all_for(child), "object-possessor")
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS | EXAMPLE_PREPS | {"of"}:
            for pobj in _pobjs(child):
                found = _counterparts(pobj, actors, args) or actors.all_for(pobj, owners=True)
                if child.lower_ in EXAMPLE_PREPS:
                    # "partners *like Saudi Arabia*" names the object; "personnel *such as
                    # doctors*" is what is sent
                    found = [m for m in found if m.actor.country]
                if not found and child.lower_ in ("against", "on", "upon", "toward", "towards"):
                    found = _located_in(pobj, actors)  # "sanctions against entities in Uganda"
                args.add_targets(found, f"object-{child.lower_}")
            if child.lower_ in ("of", "with"):
                for pobj in _pobjs(child):
                    args.direct |= _words(pobj)
            if child.lower_ in ("of", "for") and depth < 2:
                # "a resumption *of ties with Osgiliath*": the counterpart of the inner noun;
                # "offers *for peace talks by the Kabul government*": whose offers
                for pobj in _pobjs(child):
                    if not actors.all_for(pobj, owners=True) and not _between(pobj, actors, args):
                        inner_by = by and child.lower_ == "for"
                        _noun_phrase_targets(pobj, actors, args, by=inner_by, depth=depth + 1)
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            # "lifted sanctions *imposed on China*", "returned weapons *seized from* the army"
            for prep in child.children:
                if prep.dep_ == "agent":  # "condemned the sanctions *imposed by Washington*"
                    for pobj in _pobjs(prep):
                        args.add_targets(actors.all_for(pobj), "object-participle-by")
                elif prep.dep_ == "prep" and prep.lower_ in (TARGET_PREPS - {"at"}) | {"from"}:
                    for pobj in _pobjs(prep):
                        found = actors.all_for(pobj, owners=True)
                        args.add_targets(found, f"object-participle-{prep.lower_}")
        elif child.dep_ == "prep" and (child.lower_ == "from" or (by and child.lower_ == "by")):
            for pobj in _pobjs(child):  # "goods from Canada": the counterpart, not the doer
                args.add_targets(actors.all_for(pobj), f"object-{child.lower_}")


def _modifier_actors(noun: Token, actors: ArticleActors, *, attack: bool) -> list[Mention]:
    """Named actors among the premodifiers of a non-actor noun: "a U.S. Supreme Court
    decision", "PKK targets". Capitals and bare places are labels there ("the Oslo
    Accords"), except on what is attacked ("a Kabul hotel"); agent words ("army camp",
    "rebel - held enclave", "police headquarters") count only on what is attacked."""
    deps = PREMODIFIER_DEPS if attack else NAMING_DEPS
    found: list[Mention] = []
    queue = [c for c in noun.children if c.dep_ in deps and c.i < noun.i]
    while queue:
        token = queue.pop(0)
        participle = token.dep_ == "amod" and token.lower_.endswith("ed")
        if participle and token.lemma_.lower() not in HOLDING_PARTICIPLES:
            continue  # "US - backed SDF", "Taliban - allied": the backer is not hit
        mention = actors.at(token)
        if mention is not None and mention.reason.startswith("kb:"):
            if mention.reason.startswith("kb:agent"):
                if attack and mention.actor.sector:
                    found.append(replace(mention, reason=f"attacked:{mention.reason}"))
            elif attack or mention.reason != "kb:country":
                found.append(mention)
            continue
        queue.extend(c for c in token.children if c.dep_ in deps | {"conj"})
    return [m for n, m in enumerate(found) if m not in found[:n]]


def _place_actors(roots: list[Token], actors: ArticleActors, args: Arguments) -> list[Mention]:
    """The state first named where the attacked thing lies ("a market in northern Yemen",
    "camps in Afghanistan's area of …"), unless it is the attacker's own; a capital there
    is a place, so it stands for its country, not its government."""
    own = {m.actor.country for m in args.sources if m.actor.sector not in INSURGENT_SECTORS}
    for root in roots:
        for child in root.children:
            is_place = child.dep_ == "prep" and child.lower_ in PLACE_PREPS
            if not is_place and child.dep_ != "acl":  # "targets stationed in northern Iraq"
                continue
            for token in child.subtree:
                mention = actors.at(token)
                if mention is None or mention.reason != "kb:country":
                    continue
                country = mention.actor.country
                if country is None or country in own:
                    continue
                actor = replace(mention.actor, code=country, sector=None)
                return [replace(mention, actor=actor, reason="attacked-place:kb:country")]
    place = _gazetteer_place(roots, actors, own)  # "bombed a market in Kandahar"
    return [replace(place, reason="attacked-place:gazetteer")] if place else []


def _gazetteer_place(
    roots: list[Token],
    actors: ArticleActors,
    own: set[str | None] | set[str],
    preps: frozenset[str] = PLACE_PREPS | PLACED_PREPS,
) -> Mention | None:
    """The first town or region no actor names, in the roots' place phrases ("in Aleppo",
    "near Mosul"), as its country (``ArticleActors.place_at``), unless it is ``own``: the
    last resort of a place target, below every actor named there."""
    for root in roots:
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                tokens = list(child.subtree)
            elif child.dep_ == "compound" and root.pos_ == "NOUN":
                tokens = [child]  # "a Kandahar market"
            else:
                continue
            for token in tokens:
                place = actors.place_at(token)
                if place is not None and place.actor.country not in own:
                    return place
    return None


def _through_quantity(token: Token) -> Token:
    """The counted noun of a quantity: "a number *of* … websites", "dozens *of* camps"."""
    for _ in range(2):
        if token.lemma_.lower() not in QUANTITY_NOUNS:
            break
        inner = [
            p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)
        ]
        if not inner:
            break
        token = inner[0]
    return token


def _attacked(
    objects: list[Token], place_roots: list[Token], actors: ArticleActors, args: Arguments
) -> None:
    """Targets of an attack on a thing or a place, when no actor was its object and an
    attacker is known: the thing's actor modifiers ("army camp", "PKK targets"), with the
    place's country when they have none; else the place ("bombed a market in Yemen")."""
    if not args.sources:
        return
    objects = [_through_quantity(o) for o in objects]
    found = [m for obj in objects for m in _modifier_actors(obj, actors, attack=True)]
    places = _place_actors(objects + place_roots, actors, args)
    if found and places:
        place = places[0].actor
        found = [m if m.actor.country else _in_country(m, place) for m in found]
    args.add_targets(found or places, "attacked-modifier" if found else "attacked-place")


def _placed(
    roots: list[Token],
    actors: ArticleActors,
    args: Arguments,
    *,
    own_state: bool = False,
    preps: frozenset[str] = PLACED_PREPS,
) -> None:
    """The state where aid goes or a truce holds, when no one is named as receiving it:
    searched along the roots' prepositional phrases ("for assistance *in northern Iraq*"),
    the participles on them ("for those *affected in Yemen*") and the purpose clause of a
    verb ("provided funds *to support* peace building *in Colombia*"), not other clauses;
    never the giver's own state unless ``own_state`` (a curfew)."""
    if not args.sources or args.targets:
        return
    own = set() if own_state else _own_states(args)
    purposes = [p for root in roots for p in _purpose_clauses(root)]
    queue = [c for root in roots + purposes for c in root.children if c.dep_ == "prep"]
    queue = [
        c
        for c in queue
        if c.lower_ in preps | EXAMPLE_PREPS or (c.lower_ == "of" and c.head in purposes)
    ]  # "to address the needs *of people in Yemen*"
    place = None  # the first town or region of no actor on the way ("in Aleppo")
    while queue:
        token = queue.pop(0)
        mention = actors.at(token)
        if mention is None and place is None:
            place = actors.place_at(token)
            place = place if place is not None and place.actor.country not in own else None
        country = mention.actor.country if mention is not None else None
        named_place = mention is not None and (
            mention.reason == "kb:country" or (token.ent_type_ == "GPE" and country is not None)
        )  # "people *in Yemen*" read as one mention: the place's word still names the state
        if mention is not None and named_place and country not in own:
            actor = replace(mention.actor, code=country or "", sector=None)
            args.add_targets([replace(mention, actor=actor, reason="placed:kb:country")], "placed")
            return
        queue.extend(
            c
            for c in token.children
            if c.dep_ in ("pobj", "compound", "amod", "conj", "poss", "agent")
            or (c.dep_ == "prep" and c.lower_ in PLACED_PREPS | EXAMPLE_PREPS | {"of"})
            or (c.dep_ == "acl" and c.tag_ == "VBN")
        )
    if own_state:
        _own_place(roots, actors, args)
    if place is not None and not args.targets:  # "aid for people in Aleppo"
        args.add_targets([replace(place, reason="placed:gazetteer")], "placed")


def _office_state(verb: Token, actors: ArticleActors, args: Arguments) -> None:
    """The state whose office is given up: "resigned *as president of Indonesia*" → IDN,
    even the resigner's own."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        for token in prep.subtree:
            mention = actors.at(token)
            if mention is None or not mention.actor.country:
                continue
            if mention.actor.country.startswith("IGO"):
                continue
            if mention.actor.sector not in (None, "GOV"):
                args.add_targets([mention], "office-body")  # "as leader of the party"
                return
            country = mention.actor.country
            actor = replace(mention.actor, code=country, sector=None)
            args.add_targets([replace(mention, actor=actor, reason="office-state")], "office")
            return


def _own_state_named(verb: Token, actors: ArticleActors, args: Arguments) -> None:
    """The resigner's own state as the state of the office given up, when the sentence
    names it ("Kyrgyz President X resigned after unrest *in Kyrgyzstan*"); never another
    state named there ("resigned after talks with China")."""
    own = {m.actor.country for m in args.sources if m.actor.country}
    own = {c for c in own if not c.startswith("IGO")}
    # a title of no state ("Interim President X"): the state it is held in ("*in* Peru")
    stateless = not own and any(m.actor.sector == "GOV" for m in args.sources)
    if len(own) != 1 and not stateless:
        return
    taken = {i for m in args.sources for i in range(m.start, m.end)}
    for mention in actors.mentions:
        inside = verb.sent.start <= mention.start < verb.sent.end
        if not inside or mention.start in taken or mention.reason != "kb:country":
            continue
        root = actors.doc[mention.start : mention.end].root
        placed = root.dep_ == "pobj" and root.head.lower_ == "in"
        if mention.actor.country in own or (stateless and placed):
            actor = replace(mention.actor, code=mention.actor.country or "", sector=None)
            args.add_targets([replace(mention, actor=actor, reason="office-own-state")], "office")
            return


def _own_place(roots: list[Token], actors: ArticleActors, args: Arguments) -> None:
    """A restriction or truce in a named place that is no actor ("a curfew in parts of
    Kashmir", "a state of siege in the province of Alta Verapaz"): the imposer's own
    state, named by the place's words. Not for rebels or bodies without a state."""
    countries = {
        m.actor.country
        for m in args.sources
        if m.actor.country
        and m.actor.sector not in INSURGENT_SECTORS
        and not m.actor.country.startswith("IGO")
    }
    if len(countries) != 1 or args.targets:
        return
    country = countries.pop()
    for root in roots:
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in PLACED_PREPS):
            for pobj in _pobjs(prep):
                words = _phrase_words(pobj)
                if any(actors.at(t) is not None for t in words):
                    continue  # an actor there was the placed search's to take
                place_word = pobj.lemma_.lower() in PLACE_NOUNS  # "the province of Alta …"
                if not any(
                    t.ent_type_ in ("GPE", "LOC", "FAC")
                    or (t.pos_ == "PROPN" and (place_word or not t.ent_type_))
                    for t in words
                ):
                    continue  # no named place: "a curfew in the wake of the riots"
                start, end = words[0].i, words[-1].i + 1
                text = actors.doc[start:end].text.rstrip(" ,")
                actor = Actor(code=country, country=country, sector=None, name=None, text=text)
                mention = Mention(start, end, actor, "own-place")
                args.add_targets([mention], "own-place")
                return


AIMED_PREPS = frozenset({"against", "toward", "towards"})


def _aimed_against(verb: Token, actors: ArticleActors, args: Arguments) -> list[Mention]:
    """Whom forces are moved against: the first actor of an "against"/"toward" phrase in
    the verb's own clause, its object's and its purpose clause's ("mobilized troops *for an
    order to move against Syria's* weapons"), never the mover's own state."""
    own = _own_states(args) | {m.actor.code for m in args.sources}
    stack = [c for c in reversed(list(verb.children)) if c.dep_ not in _OWN_CLAUSE_DEPS]
    while stack:
        token = stack.pop()
        if token.dep_ == "prep" and token.lower_ in AIMED_PREPS:
            for pobj in _pobjs(token):
                found = [
                    m
                    for m in actors.all_for(pobj, owners=True)
                    if m.actor.country not in own and m.actor.code not in own
                ]
                if found:
                    return found
        stack.extend(c for c in reversed(list(token.children)) if c.dep_ not in _OWN_CLAUSE_DEPS)
    return []


# Parts of a clause that are no part of what its verb does: subjects, other clauses.
_OWN_CLAUSE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "ccomp", "relcl", "conj", "parataxis", "advcl", "cc"}
)


def _phrase_words(noun: Token) -> list[Token]:
    """A noun phrase's words without its clauses: "parts of Darfur *that prevented
    agencies from …*", "the province, *where forces are battling militants*" is the place,
    the actors of the clause are not in it."""
    clauses = {
        t.i
        for c in noun.subtree
        if c.dep_ in ("relcl", "acl", "advcl") and c is not noun
        for t in c.subtree
    }
    return [t for t in noun.subtree if t.i not in clauses]


def _purpose_clauses(root: Token) -> list[Token]:
    """An infinitival purpose clause on a verb or a noun, and its object ("gave €50 million
    *to promote* development in …", "a ceasefire initiative *to halt* the fighting in …"):
    where what is given goes."""
    if root.pos_ in ("VERB", "AUX"):
        deps: tuple[str, ...] = ("xcomp", "advcl")
    elif root.pos_ in ("NOUN", "PROPN"):
        deps = ("acl", "relcl")
    else:
        return []
    out: list[Token] = []
    for clause in root.children:
        if clause.dep_ in deps and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in clause.children
        ):
            out += [clause, *(c for c in clause.children if c.dep_ == "dobj")]
    return out


def _own_states(args: Arguments) -> set[str | None]:
    """The states of the sources, but not of rebels: a truce or a disarmament by rebels in
    their own country ("the Taliban agreed to a ceasefire in Afghanistan") is toward it."""
    return {m.actor.country for m in args.sources if m.actor.sector not in INSURGENT_SECTORS}


def _from_place(roots: list[Token], actors: ArticleActors, args: Arguments) -> list[Mention]:
    """The state named in a "from" phrase of the roots ("withdrew peacekeepers *from
    another position in Syria*"), not the source's own."""
    own = _own_states(args)
    for root in roots:
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "from"):
            for token in prep.subtree:
                mention = actors.at(token)
                if mention is None or mention.reason != "kb:country":
                    continue
                if mention.actor.country is None or mention.actor.country in own:
                    continue
                actor = replace(mention.actor, code=mention.actor.country, sector=None)
                return [replace(mention, actor=actor, reason="left-place:kb:country")]
    place = _gazetteer_place(roots, actors, own, preps=frozenset({"from"}))
    return [replace(place, reason="left-place:gazetteer")] if place else []


def _dispute_parties(roots: list[Token], actors: ArticleActors, args: Arguments) -> None:
    """The parties of a dispute named by the roots' "in/over/on" phrases or purpose clauses
    ("to resolve *the rift between Qatar and …*", "*in the Arab-Israeli dispute*"), as the
    mediator's targets; never the mediator itself."""
    if not args.sources or args.targets:
        return
    nouns: list[Token] = []
    queue: list[Token] = list(roots)
    seen: set[int] = set()
    while queue:
        root = queue.pop(0)
        if root.i in seen or len(seen) > 12:
            continue
        seen.add(root.i)
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "over", "on", "to"):
                nouns += _pobjs(child)
            elif child.dep_ in ("xcomp", "acl", "advcl") and child.pos_ == "VERB":
                queue.append(child)  # "an effort to resolve …", "tried to prevent …"
            elif child.dep_ == "dobj" and root.pos_ == "VERB" and root not in roots:
                nouns.append(child)
    for noun in nouns:
        if noun.lemma_.lower() not in DISPUTE_NOUNS and noun.lower_ not in DISPUTE_NOUNS:
            continue
        if _between(noun, actors, args):
            return
        found = [
            m
            for c in noun.children
            if c.dep_ in ("amod", "compound", "nmod", "poss")
            for item in [c, *c.children]
            if (m := actors.at(item)) is not None
        ]
        own = {m.actor.code for m in args.sources}
        args.add_targets([m for m in found if m.actor.code not in own], "dispute-party")
        if args.targets:
            return


def _attitude_targets(nouns: list[Token], actors: ArticleActors, args: Arguments) -> None:
    """The first actor that an expressed attitude is about: the subject of its clause
    ("hopes *the Croatian government* will change …"), else inside its topic phrase
    ("pessimism about *the North Korean* standoff"); never the source itself."""
    if not args.sources or args.targets:
        return
    own = {m.actor.code for m in args.sources}
    countries = {m.actor.country for m in args.sources}
    for noun in nouns:
        if noun.lemma_.lower() not in ATTITUDE_NOUNS and noun.lower_ not in ATTITUDE_NOUNS:
            continue
        starts = [
            c
            for c in noun.children
            if (c.dep_ == "prep" and c.lower_ in ABOUT_PREPS) or c.dep_ in ("acl", "relcl", "ccomp")
        ]
        queue: list[Token] = []
        for start in starts:  # a clause's subject before the rest of it
            queue += [c for c in start.children if c.dep_ in SUBJECT_DEPS]
            queue.append(start)
        seen: set[int] = set()
        place = None  # "condolences over the earthquake *in Sichuan*": a town's country
        while queue and len(seen) < 40:
            token = queue.pop(0)
            if token.i in seen:
                continue
            seen.add(token.i)
            found = actors.place_at(token)
            if place is None and found is not None and found.actor.country not in countries:
                place = replace(found, reason="attitude-about:gazetteer")
            mention = actors.at(token) or (
                actors.for_token(token) if token.pos_ in ("NOUN", "PROPN") else None
            )
            agent_modifier = (
                mention is not None
                and mention.reason.startswith("kb:agent")
                and token.dep_ in ("compound", "amod")
            )
            if mention is not None and mention.actor.code not in own and not agent_modifier:
                args.add_targets([mention], "attitude-about")
                return
            queue += [c for c in token.children if c.dep_ in _INSIDE_DEPS]
        if place is not None:
            args.add_targets([place], "attitude-place")
            return


def _is_own_force(mention: Mention, args: Arguments, actors: ArticleActors) -> bool:
    """A country-less agent word heading an object ("troops", "personnel"), or one of the
    source's own country: what is sent or pulled out, not to whom or from where."""
    own = {m.actor.country for m in args.sources}
    codes = {m.actor.code for m in args.sources}
    head = actors.doc[mention.start : mention.end].root
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    owned = owner is not None and any(m.actor.code in codes for m in actors.all_for(owner))
    return (
        mention.reason.startswith("kb:agent")
        and (mention.actor.country is None or mention.actor.country in own or owned)
        and head.dep_ == "dobj"
    )


def _own_forces(args: Arguments, actors: ArticleActors) -> bool:
    """Every target is the source's own forces ("sent 200 troops in Syria") or a force of
    no state that they join ("sent troops *to the UN peacekeeping force* in South Sudan")."""
    return bool(args.targets) and all(
        _is_own_force(m, args, actors) or _stateless_mission(m, actors) for m in args.targets
    )


def _stateless_mission(mention: Mention, actors: ArticleActors) -> bool:
    head = actors.doc[mention.start : mention.end].root
    return (
        (mention.actor.country is None or mention.actor.country.startswith("IGO"))
        and head.lemma_.lower() in MISSION_NOUNS
        and head.dep_ == "pobj"  # a force joined, not named as the doer
    )


def _names_one_of(nouns: list[Token], words: frozenset[str]) -> bool:
    """A noun, one of its compounds or modifiers, or its "of" phrase is one of ``words``:
    "a curfew", "a state *of emergency*", "*martial* law"."""
    for noun in nouns:
        items = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod"))]
        ofs = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
        items += [p for c in ofs for p in _pobjs(c)]
        if any(t.lemma_.lower() in words or t.lower_ in words for t in items):
            return True
    return False


# Targets read off the place of a curfew, truce or aid (``_placed``, ``_own_place``): the
# doer's own state there was chosen on purpose ("Libya … a ceasefire *in Tripoli*").
PLACE_REASONS = frozenset({"placed:kb:country", "own-place"})


def _drop_self_targets(args: Arguments, actors: ArticleActors) -> None:
    """A target that is a source itself ("Lithuania opened *its* borders to refugees") is
    no counterpart: dropped, so that the others (or a fallback) name one."""
    codes = {m.actor.code for m in args.sources}
    names = {m.actor.name for m in args.sources}

    def is_self(mention: Mention) -> bool:
        if mention.actor.code not in codes:
            return False
        if mention.reason in PLACE_REASONS:
            return False  # found as the place of the act, which may be the doer's own state
        if id(mention) in actors.persons and mention.actor.name not in names:
            return False  # another person of the same government: "lifted curbs on Olmert"
        # a country-less agent ("activists", "GOV") is the source only as a possessor ("the
        # bank's optimism"): elsewhere the engine may still complete it with the country
        # its own phrase names ("activists *of Gondor*")
        root = actors.doc[mention.start : mention.end].root
        return bool(mention.actor.country) or root.dep_ == "poss"

    kept = [m for m in args.targets if not is_self(m)]
    if not kept:
        # the same code only by a guess from the story ("Macron … *Muslim* leaders" in a
        # story about France): no evidence of one party, when no other target is named
        kept = [m for m in args.targets if _guessed_match(m, args.sources, actors)]
    if len(kept) < len(args.targets):
        args.targets[:] = kept
        args.how.append("target:not-the-source")


def _guessed_match(mention: Mention, sources: list[Mention], actors: ArticleActors) -> bool:
    """The target has the source's code only because one of them took its country from the
    story ("Prime Minister X … the Government of Turkey" in a story about Turkey, "Macron …
    Muslim leaders" in one about France): that is no evidence they are the same party. A
    pronoun or possessor standing for the source ("its borders") still is."""
    if mention.reason.startswith("pronoun:"):
        return False
    if actors.doc[mention.start : mention.end].root.dep_ == "poss":
        return False
    same = [s for s in sources if s.actor.code == mention.actor.code]
    return bool(same) and all(
        STORY_REASON in s.reason or STORY_REASON in mention.reason for s in same
    )


def _modifier_agents_only(targets: list[Mention], actors: ArticleActors) -> bool:
    """Every target is a country-less agent word modifying a noun ("army" in "army camp")."""
    return bool(targets) and all(
        m.reason.startswith("kb:agent")
        and m.actor.country is None
        and actors.doc[m.start : m.end].root.dep_ in ("compound", "amod")
        for m in targets
    )


def _joint_topics(trigger: Token, args: Arguments) -> None:
    """A joint action with its counterpart given (coordinated subjects, or a "with"
    phrase): a target inside a topic phrase ("on North Korea", "about China's claims") is
    what they talk about, not a counterpart; coordinated subjects then pair up."""
    if trigger.lemma_.lower() not in JOINT_WORDS and trigger.lower_ not in JOINT_WORDS:
        return
    topic: set[int] = set()
    for token in trigger.subtree:
        if token.dep_ == "prep" and token.lower_ in TOPIC_PREPS:
            topic.update(t.i for t in token.subtree)
    kept = [m for m in args.targets if m.start not in topic]
    parties = len({m.actor.country or m.actor.code for m in args.sources})
    if len(kept) < len(args.targets) and (parties >= 2 or kept):
        # "Japan and India held talks on …", "Japan held talks with India on …"
        args.targets[:] = kept
        args.how.append("target:topic-not-counterpart")


# Gatherings and addresses whose "on" / "about" phrase is their subject: "attend a summit on
# the unrest in Iran", "give a speech on US relations with Asia" (Iran, the US: no party).
FORUM_NOUNS = frozenset(
    "summit conference meeting seminar symposium workshop forum session conclave convention "
    "colloquium speech lecture address talk debate discussion hearing".split()
)


def _forum_topics(trigger: Token, args: Arguments) -> None:
    """A target inside the topic phrase of a gathering or an address is what it is about,
    whether or not a counterpart is named (``_joint_topics`` needs one)."""
    forums = [trigger] if trigger.pos_ in ("NOUN", "PROPN") else []
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass"):
        forums.append(trigger.head)  # "gave a speech *here on X*": the phrase on the verb
    elif trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj":
        forums.append(trigger.head.head)  # "took part in a summit on X"
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.lemma_.lower() not in FORUM_NOUNS:
        return
    if trigger.pos_ not in ("NOUN", "PROPN"):
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        objects += [g for c in trigger.children if c.dep_ == "prep" for g in c.children]
        forums += [o for o in objects if o.lemma_.lower() in FORUM_NOUNS]
        if len(forums) == 0:
            return
    topic: set[int] = set()
    for forum in forums:
        for child in forum.children:
            if child.dep_ != "prep" or child.lower_ not in TOPIC_PREPS:
                continue
            if child.is_ancestor(trigger):
                continue  # "briefed him *on his talks with X*": the phrase holds the trigger
            topic.update(t.i for t in child.subtree)
    kept = [m for m in args.targets if m.start not in topic]
    if len(kept) < len(args.targets):
        args.targets[:] = kept
        args.how.append("target:topic-of-forum")


def _in_country(mention: Mention, place: Actor) -> Mention:
    """A country-less agent ("a military base in Saudi Arabia") given the place's state."""
    actor = mention.actor
    country = place.country or ""
    code = country + (actor.sector or "")
    return replace(mention, actor=replace(actor, code=code, country=country))


def borrowed_subject(verb: Token, actors: ArticleActors) -> tuple[list[Mention], str]:
    """The actor doing ``verb`` when its clause has no subject of its own."""
    token = verb
    for _ in range(MAX_CLIMB):
        dep = token.dep_
        head = token.head
        infinitive = dep == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        if (dep == "xcomp" or infinitive) and head.lemma_.lower() in OBJECT_CONTROL | {"appeal"}:
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative") and dep == "xcomp"]
            # "called *on* Israel to halt …", "appealed *to* Russia to …"
            objects = objects or [
                p
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")
                for p in _pobjs(c)
                if actors.all_for(p)
            ]
            if objects:
                return actors.all_for(objects[0]), "object-control"
        if dep in ("acl",) and head.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in head.children if c.dep_ == "poss"]
            if poss:
                return actors.all_for(poss[0]), "noun-possessor"
        if dep in ("relcl",) and head.pos_ in ("NOUN", "PROPN"):
            found = actors.all_for(head) or _relative_misparse(token, head, actors)
            if not found and not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in token.children):
                # "claimed responsibility for the bombings *that killed* 300 people": the
                # event's doer
                claimer = _responsibility_claimer(head)
                if claimer is not None:
                    return _subject_actors(claimer, actors), "relative-claimed-event"
            return found, "relative"
        if (
            dep == "acl"
            and head.dep_ == "ROOT"
            and head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "dobj" for c in token.children)
            and (found := _subject_actors(head, actors))
        ):
            # a misparse of a whole clause: "The Iraqi air force [ROOT] carried [acl] out
            # strikes": a participle with an object on the sentence's root noun is its verb
            return found, "root-noun-subject"
        if (
            dep == "acl"
            and token.i == verb.i
            and verb.tag_ == "VBN"
            and head.pos_ in ("NOUN", "PROPN")
        ):
            break  # "returned weapons *seized* from …": the noun is its patient; the doer unsaid
        if dep not in ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "dobj", "pobj", "acl"):
            break
        if _gerund_prep(verb, token) and token.lower_ in GERUND_OBJECT_PREPS:
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects and token.lower_ == "from":
                # "prevented aid agencies *from providing* …": kept from it, it did not happen,
                # and the preventer did not do it either
                return [], ""
            if objects:
                # object control: "Russia accused *Ukraine* of attacking …", "police
                # arrested two men for rioting": the object did it, never the subject
                return actors.all_for(objects[0]), "gerund-object-control"
        token = head
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if not subjects and dep == "xcomp":
            # raising: "Japan and the Philippines are set to sign", "is expected to visit"
            subjects = [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if not subjects and dep == "prep" and _gerund_prep(verb, verb.head):
            # an adjunct gerund takes the passive subject: "X was arrested *for
            # collaborating* with Y", "was detained *after attacking* …"
            subjects = [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if subjects:
            # "surat: the police opened fire, killing two": a dateline parsed as a second
            # subject names no actor; the next subject does
            for subject in subjects:
                found = _subject_actors(subject, actors)
                if found:
                    return found, f"borrowed-from-{token.lemma_.lower()}"
    return [], ""


# Prepositions whose gerund is done by the verb's object: "accused X *of* attacking",
# "arrested X *for* spying" (not "met X *before* leaving"); "barred X *from* entering":
# the object was kept from doing it.
GERUND_OBJECT_PREPS = frozenset({"of", "for", "from"})


def _gerund_prep(verb: Token, prep: Token) -> bool:
    """``verb`` is a gerund governed by the preposition ``prep`` on a verb."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ == "pcomp"
        and verb.head.i == prep.i
        and prep.dep_ == "prep"
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _named_apposition(token: Token, found: list[Mention], actors: ArticleActors) -> list[Mention]:
    """A bare title ("the then president", "the foreign minister") gives way to the named
    actor of its state in apposition to it ("…, *Goodluck Jonathan*, …")."""
    if not found or not all(m.reason.startswith("kb:agent") for m in found):
        return found
    countries = {m.actor.country for m in found} - {None}
    for child in token.children:
        if child.dep_ == "appos" and (named := actors.at(child)) is not None:
            if named.reason.startswith("kb:agent") or not named.actor.country:
                continue
            if countries <= {named.actor.country}:
                return [named]
    return found


def _relative_misparse(clause: Token, head: Token, actors: ArticleActors) -> list[Mention]:
    """A "relative clause" with neither subject nor relative pronoun is the main verb of a
    subject list the parser cut up: "The Afghan government, a number of parties and the
    Taliban [relcl] condemned …" — the counted noun and the noun the list hangs on."""
    if any(c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for c in clause.children):
        return []
    if any(c.tag_ in ("WDT", "WP", "WP$") for c in clause.subtree if c.i < clause.i):
        return []
    found = actors.all_for(_through_quantity(head))
    if found and head.dep_ == "appos" and head.head.dep_ == "ROOT":
        found = [m for m in actors.all_for(head.head) if m not in found] + found
    return found


def _subject_actors(subject: Token, actors: ArticleActors) -> list[Mention]:
    """A subject's actors; for a non-actor subject, its possessor ("South Korea's response"),
    the wielder of a weapon or the actor naming an event ("Turkish artillery shelling")."""
    if subject.lower_ == "it" and subject.head.lemma_ == "be":
        # A cleft: "it was (none other than) Kim who …" — the focus is the real subject.
        for attr in (c for c in subject.head.children if c.dep_ == "attr"):
            for token in attr.subtree:
                if found := actors.all_for(token):
                    return found
    found = _named_apposition(subject, actors.all_for(subject), actors)
    if found:
        return found
    if subject.pos_ == "PRON":
        return list(actors.speakers(subject))  # "announced that *it* has earmarked …"
    for child in subject.children:
        if child.dep_ == "poss" and (found := actors.all_for(child)):
            return found
    for child in subject.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            # "the bombing of the embassy *by rebels* killed …": the doer, not the owner
            for pobj in _pobjs(child):
                if found := actors.all_for(pobj):
                    return found
    return (
        actors.all_for(subject, owners=True)
        or _wielder(subject, actors)
        # an event noun named by its doer: "*Turkish artillery* shelling killed …", "a
        # *Taliban* attack killed …" (not a place label: "the Kabul bombing")
        or _modifier_actors(subject, actors, attack=False)
    )


def _wielder(subject: Token, actors: ArticleActors) -> list[Mention]:
    """Who used a weapon that is the subject: "the missiles *fired by Israel* struck …",
    "a *Taliban - claimed* car bomb killed …"."""
    for child in subject.children:
        if child.dep_ not in ("acl", "amod") or child.lemma_.lower() not in WIELDING_PARTICIPLES:
            continue
        for grand in child.children:
            if child.dep_ == "acl" and grand.dep_ == "agent":
                for pobj in _pobjs(grand):
                    if found := actors.all_for(pobj):
                        return found
            elif (
                child.dep_ == "amod"
                and grand.dep_ in ("npadvmod", "compound", "nmod")
                and (found := actors.all_for(grand))
            ):
                return found
    return []


def verb_arguments(verb: Token, actors: ArticleActors) -> Arguments:
    children = list(verb.children)  # read once: each walk of them builds new Tokens
    lemma = verb.lemma_.lower()
    args = Arguments()
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in children)
    for child in children:
        dep = child.dep_
        if dep == "prt":
            args.particles.add(child.lower_)
        elif dep in SUBJECT_DEPS:
            args.add_sources(_subject_actors(child, actors), "subject")
        elif dep in PASSIVE_SUBJECT_DEPS and (imposers := _measure_imposers(child, actors)):
            # "*UN* sanctions against Iran were lifted": who laid the measure lifts it
            args.add_sources(imposers, "measure-imposer")
            args.direct |= _words(child)
            _noun_phrase_targets(child, actors, args)
        elif dep in PASSIVE_SUBJECT_DEPS:
            args.add_targets(actors.all_for(child, owners=True), "passive-subject")
            args.direct |= _words(child)
            _noun_phrase_targets(child, actors, args)
        elif dep == "agent" and not passive and verb.tag_ != "VBN" and _reacted_act(verb, actors):
            # "demonstrated against the raids *by Turkish troops*", the phrase misparsed as
            # the agent of an active verb: whose raids, not who demonstrated
            for pobj in _pobjs(child):
                args.add_targets(actors.all_for(pobj), "act-by")
        elif dep == "agent" or (passive and dep == "prep" and child.lower_ == "by"):
            for pobj in _pobjs(child):
                args.add_sources(actors.all_for(pobj), "passive-agent")
        elif dep == "dative" and child.tag_ == "IN":
            for pobj in _pobjs(child):  # "giving money *to* local communities"
                args.add_targets(actors.all_for(pobj, owners=True), "dative-to")
        elif dep == "oprd" and child.lower_ in RESULT_STATES:
            args.direct.add(child.lower_)  # "left two dead": the result says the act
        elif dep in ("dobj", "dative", "attr"):
            args.direct |= _words(child)
            found = _named_apposition(child, actors.all_for(child), actors)
            if found:
                args.direct.add(ACTOR_OBJECT)
                args.add_targets(found, "object")
            elif not _between(child, actors, args):
                for item in [child, *_conjuncts(child)]:  # "the act … and the threats made by X"
                    _noun_phrase_targets(item, actors, args, by=not passive)
                if not _has_recipient(verb, actors):
                    # "returned Iraqi artifacts *to the government of Iraq*": the recipient,
                    # not the owner of what is handed over
                    args.add_targets(actors.all_for(child, owners=True), "object-owner")
                if not args.targets:
                    found = _modifier_actors(child, actors, attack=False)
                    args.add_targets(found, "object-modifier")
    if lemma in DYING_VERBS and _force_clause(verb):
        args.particles.add("when")  # "three died when the police opened fire"
    for child in children:
        if child.dep_ in ("advcl", "ccomp", "xcomp") and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in child.children
        ):
            # "called for Iran to release …": the parser makes "for" the mark of the
            # "for … to" clause; it is still the verb's particle ("call for", "appeal for")
            args.particles.add("for")
        if child.dep_ == "xcomp":
            # "refused to lift sanctions": the complement disambiguates the code
            args.direct.add(child.lemma_.lower())
            for grand in child.children:
                if grand.dep_ == "dobj":
                    args.direct |= _words(grand)
        if child.dep_ == "prep" and not (passive and child.lower_ == "by"):
            _verb_prep(verb, child, actors, args)
    _between(verb, actors, args)
    patient = _conjoined_patient(verb, passive)
    if patient is not None and not args.targets:
        # "X were arrested and later *freed by* Y", "X, held …, have been freed by Y": the
        # shared subject is what the passive conjunct was done to
        args.add_targets(actors.all_for(patient, owners=True), "conjoined-passive-subject")
    if not args.sources and passive:
        # "were detained and beaten *by police*": conjoined passives share their agent
        for conj in (c for c in children if c.dep_ == "conj" and c.tag_ == "VBN"):
            for agent in (g for g in conj.children if g.dep_ == "agent"):
                for pobj in _pobjs(agent):
                    args.add_sources(actors.all_for(pobj), "conjoined-passive-agent")
    if lemma in EXPELLING_VERBS:
        _expelling_state(verb, actors, args, agent=passive and not args.sources)
    if passive and not args.sources and lemma in STATE_COERCION_VERBS:
        _coercing_state(verb, actors, args)
    if not args.sources and patient is None:
        found, how = borrowed_subject(verb, actors)
        args.add_sources(found, how)
    if not args.sources:
        # A mis-parsed subject ("Ban Ki-moon held talks" with "Ki-moon" as npadvmod).
        for child in verb.lefts:
            if child.dep_ in ("npadvmod", "dep", "intj") and (found := actors.all_for(child)):
                args.add_sources(found, "left-of-verb")
                break
    _drop_self_targets(args, actors)
    if lemma in ATTACK_VERBS and _modifier_agents_only(args.targets, actors):
        args.targets.clear()  # "attacked an army camp": "army" alone is no party; see below
    if not args.targets and lemma in ATTACK_VERBS:
        objects = [c for c in children if c.dep_ in ("dobj", *PASSIVE_SUBJECT_DEPS)]
        objects += [
            pobj
            for c in children
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "upon", "into")
            for pobj in _pobjs(c)
        ]
        places = [c for c in children if c.dep_ == "prep" and c.lower_ in ("in", "near", "inside")]
        _attacked(objects, [verb] if places else [], actors, args)
    objects = [c for c in children if c.dep_ == "dobj"]
    objects += [  # "agreed to a ceasefire in …"
        pobj for c in children if c.dep_ == "prep" and c.lower_ == "to" for pobj in _pobjs(c)
    ]
    placed = any(  # "sent aid", "aid shipments", "$30 million *in assistance*"
        t.lemma_.lower() in PLACED_NOUNS
        for c in objects
        for t in (
            c,
            *(g for g in c.children if g.dep_ == "compound"),
            *(p for g in c.children if g.dep_ == "prep" and g.lower_ == "in" for p in _pobjs(g)),
        )
    )
    if not args.targets and (placed or lemma in PLACED_VERBS):
        _placed([verb, *objects], actors, args)  # "sent aid …", "declared a truce in Gaza"
    elif lemma in PLACED_VERBS | DEPLOYING_VERBS and _own_forces(args, actors):
        # "sent 200 troops in Syria": the troops are the sender's; the place is the target
        probe = Arguments(sources=list(args.sources))
        # "massed troops *near* the Ukrainian border", "*along* the frontier"
        _placed([verb, *objects], actors, probe, preps=PLACED_PREPS | FRONTIER_PREPS)
        if not probe.targets:  # "mobilized its troops *against Israel*"
            probe.add_targets(_aimed_against(verb, actors, args), "aimed-against")
        if not probe.targets:  # "deployed its troops in Kashmir": a place of its own
            _own_place([verb, *objects], actors, probe)
        if probe.targets:
            args.targets[:] = probe.targets
            args.how.append("target:placed-not-own-forces")
        elif lemma in DEPLOYING_VERBS:
            # "strengthened its forces in Crimea": no one is the target of one's own forces
            args.targets.clear()
            args.how.append("target:own-forces-dropped")
    if lemma in WITHDRAWING_VERBS and any(_is_own_force(m, args, actors) for m in args.targets):
        # "withdrew its troops from Iraq": the place left, not the troops pulled out
        others = [m for m in args.targets if not _is_own_force(m, args, actors)]
        others = others or _from_place([verb, *objects], actors, args)
        if others:
            args.targets[:] = others
            args.how.append("target:left-place-not-own-forces")
    if not args.targets and (
        lemma in DISARMING_VERBS
        or (lemma in HANDING_VERBS and _names_one_of(objects, WEAPON_NOUNS))
    ):
        # "laid down their weapons in Iraq", "surrendered *from* their last holdout in Syria"
        _placed([verb, *objects], actors, args, preps=PLACED_PREPS | {"from"})
    if not args.targets and lemma in RESIGNING_VERBS:
        _office_state(verb, actors, args)  # "resigned as president of Indonesia"
        if not args.targets:
            _own_state_named(verb, actors, args)  # "resigned after unrest in Kyrgyzstan"
    if not args.targets and _names_one_of(objects, REFUGE_NOUNS):
        _placed([verb, *objects], actors, args)  # "sought refuge in Bangladesh"
    if not args.targets and _names_one_of(objects, RESTRICTION_NOUNS | TRUCE_NOUNS):
        _placed([verb, *objects], actors, args, own_state=True)  # "a curfew in Kashmir"
    alerts = [
        pobj
        for c in children
        if c.dep_ == "prep" and c.lower_ in ("on", "in")
        for pobj in _pobjs(c)
        if pobj.lemma_.lower() in ALERT_NOUNS
    ]
    if not args.targets and alerts:
        _placed([verb, *alerts], actors, args, own_state=True)  # "on alert in Manila"
    if not args.targets and (lemma in MEDIATION_WORDS or _names_one_of(objects, MEDIATION_WORDS)):
        _dispute_parties([verb, *objects], actors, args)  # "mediate in the conflict between …"
    if not args.targets and lemma in CLAIMING_VERBS:
        # "claimed responsibility for an attack *on a police checkpoint*": whom it hit
        for event in _claimed_events(verb):
            args.add_targets(noun_arguments(event, actors).targets, "claimed-event-target")
    if not args.targets:
        _attitude_targets(objects, actors, args)  # "voiced hope that Greece will …"
    if not args.targets:
        _complement_targets(verb, actors, args)
    if not args.targets:
        _destination_place(verb, actors, args)  # "will visit California", "a team to Detroit"
    args.object_lemmas |= args.direct
    _joint_topics(verb, args)
    _forum_topics(verb, args)
    return args


DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards"})


def _destination_place(verb: Token, actors: ArticleActors, args: Arguments) -> None:
    """A town or region of no actor that the act is done to or goes to, as its country:
    the verb's object ("threatened to shell *Haifa*", "will visit *California*") or where
    it sends ("dispatched a team *to Detroit*"); never where it merely happened ("said in
    Kabul"), nor a place of the doer's own state. The last resort for a target."""
    if not args.sources:
        return
    own = {m.actor.country for m in args.sources}
    heads = [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for h in [verb, *heads] for c in h.children if c.dep_ == "prep"]
    heads += [p for c in preps if c.lower_ in DESTINATION_PREPS for p in _pobjs(c)]
    for head in heads:
        place = actors.place_at(head)
        if place is not None and place.actor.country not in own:
            args.add_targets([replace(place, reason="destination:gazetteer")], "destination")
            return


# A result complement that completes a violent verb's sense: "left two *dead*".
RESULT_STATES = frozenset({"dead"})
DYING_VERBS = frozenset({"die", "perish"})
# The acts of a "when" clause that tell force used: "when the police *opened* fire".
FORCE_CLAUSE_VERBS = frozenset({"fire", "open", "shoot", "lathicharge", "resort"})
FORCE_CLAUSE_WORDS = frozenset({"fire", "firing", "lathicharge", "lathi-charge", "bullet"})


def _force_clause(verb: Token) -> bool:
    """A "when"/"as" clause on ``verb`` that tells of shooting: "when the police opened fire",
    "when the police resorted to firing", "as police fired on the mob"."""
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        marks = {c.lower_ for c in clause.children if c.dep_ in ("advmod", "mark")}
        if marks.isdisjoint(("when", "as")):
            continue
        lemma = clause.lemma_.lower()
        if lemma not in FORCE_CLAUSE_VERBS:
            continue
        if lemma in ("fire", "shoot", "lathicharge"):
            return True
        words = {t.lemma_.lower() for t in clause.subtree} | {t.lower_ for t in clause.subtree}
        if not words.isdisjoint(FORCE_CLAUSE_WORDS - {"fire"}) or (
            lemma == "open" and "fire" in words
        ):
            return True
    return False


# Putting people out of a country: the state they are put out of is no target; with no
# agent named, it did it ("inspectors have been expelled *from North Korea*").
EXPELLING_VERBS = frozenset("expel deport evict eject oust".split())


def _expelling_state(verb: Token, actors: ArticleActors, args: Arguments, *, agent: bool) -> None:
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"):
        for pobj in _pobjs(prep):
            mention = actors.at(pobj)
            if mention is None or mention.reason != "kb:country" or not mention.actor.country:
                continue
            if any(t is not mention for t in args.targets):
                args.targets[:] = [t for t in args.targets if t is not mention]
            if agent:
                args.add_sources([mention], "expelled-from-state")


# Measures one actor lays on another: the actor naming them ("*UN* sanctions", "*the EU's*
# embargo") laid them.
MEASURE_NOUNS = frozenset("sanction sanctions embargo embargoes tariff tariffs".split())


def _measure_imposers(noun: Token, actors: ArticleActors) -> list[Mention]:
    """The actor premodifying a passive subject that is a measure ("UN sanctions against
    Iran were lifted"), when the measure names whom it is against."""
    if noun.lemma_.lower() not in MEASURE_NOUNS or actors.at(noun) is not None:
        return []
    aimed = any(c.dep_ == "prep" and c.lower_ in ("against", "on") for c in noun.children)
    if not aimed:
        return []
    return [
        m
        for c in noun.children
        if c.dep_ in PREMODIFIER_DEPS and c.i < noun.i
        if (m := actors.at(c)) is not None
    ]


# What only a state's police, courts or jailers do: with no agent named, the state where it
# was done did it ("Ingabire was arrested *in Rwanda*").
STATE_COERCION_VERBS = frozenset(
    "arrest detain jail imprison incarcerate sentence convict indict prosecute execute "
    "extradite torture".split()
)


def _coercing_state(verb: Token, actors: ArticleActors, args: Arguments) -> None:
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for pobj in _pobjs(prep):
            mention = actors.at(pobj)
            if mention is None or mention.reason != "kb:country" or not mention.actor.country:
                continue
            if any(t.actor.country == mention.actor.country for t in args.targets):
                continue  # "Iranians were arrested in Iran": no one else to tell apart
            args.targets[:] = [t for t in args.targets if t is not mention]
            if verb.lemma_.lower() in ("arrest", "detain"):  # its police, as implied arrests
                actor = replace(mention.actor, code=f"{mention.actor.country}COP", sector="COP")
                mention = replace(mention, actor=actor)
            args.add_sources([mention], "coerced-in-state")
            return


def _located_in(noun: Token, actors: ArticleActors) -> list[Mention]:
    """The state a non-actor noun is placed in ("the entities *in Uganda*", "firms *based in*
    Iran"), as its owner: the target of measures against it."""
    for child in noun.children:
        preps = [child] if child.dep_ == "prep" and child.lower_ == "in" else []
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "based in", "located in"
            preps = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "in"]
        for prep in preps:
            for pobj in _pobjs(prep):
                mention = actors.at(pobj)
                if mention is not None and mention.reason == "kb:country" and mention.actor.country:
                    actor = replace(mention.actor, code=mention.actor.country, sector=None)
                    return [replace(mention, actor=actor, reason="located-in:kb:country")]
    return []


def _has_recipient(verb: Token, actors: ArticleActors) -> bool:
    """A "to" phrase (or dative) on the verb names an actor."""
    return any(
        actors.all_for(pobj, owners=True)
        for c in verb.children
        if c.dep_ in ("prep", "dative") and c.lower_ == "to"
        for pobj in _pobjs(c)
    )


def _conjoined_patient(verb: Token, passive: bool) -> Token | None:
    """The subject a passive conjunct without one of its own shares with the verb it is
    conjoined to: the undergoer, never the doer."""
    if verb.dep_ != "conj" or any(
        c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for c in verb.children
    ):
        return None
    head = verb.head
    head_passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in head.children)
    if not (passive or (verb.tag_ == "VBN" and head_passive)):
        return None
    deps = SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS
    return next((c for c in head.children if c.dep_ in deps), None)


def _verb_prep(verb: Token, prep_token: Token, actors: ArticleActors, args: Arguments) -> None:
    """A prepositional phrase on an (active) verb: a target, a place, an instrument, or a
    particle with its objects for the lexicon."""
    prep = prep_token.lower_
    lemma = verb.lemma_.lower()
    args.particles.add(prep)
    for gerund in (c for c in prep_token.children if c.dep_ == "pcomp" and c.tag_ == "VBG"):
        # "died in police firing" parsed "in" + pcomp "firing" (subject "police"): the
        # gerund names what the phrase is about, as an object noun would
        args.object_lemmas |= _words(gerund)
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
            if prep == "by" and _event_object(verb, actors):
                # "denounced the drills *by South Korea*", the phrase hung on the verb: whose
                # drills, as "rejected a request by Erdogan"
                args.add_targets(actors.all_for(pobj), "object-by")
        elif prep in ("in", "with") and pobj.lemma_.lower() in RELATION_NOUNS:
            for inner in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "to"):
                for target in _pobjs(inner):  # "sanctions in relation to Iraq"
                    args.add_targets(actors.all_for(target, owners=True), "in-relation-to")
        elif prep in TARGET_PREPS or prep == "from":
            found = (
                _counterparts(pobj, actors, args)
                or _act_doers(pobj, prep, actors)
                or _named_apposition(pobj, actors.all_for(pobj, owners=True), actors)
            )
            args.add_targets(found, f"prep-{prep}")
            if not found:
                _noun_phrase_targets(pobj, actors, args)


# Reacting to an act: "protested *against* the killing of a student *by police*", "anger
# *over* violations *by* the army": the act's doer is the one reacted against.
REACTION_PREPS = frozenset({"against", "over", "at"})


def _act_doers(noun: Token, prep: str, actors: ArticleActors) -> list[Mention]:
    """The "by" agent of a non-actor noun in a reaction phrase (``REACTION_PREPS``), of
    the participle on it ("violations *committed by* the army") or of its "of" object."""
    if prep not in REACTION_PREPS or actors.at(noun) is not None:
        return []
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    # "the killing of a protester *by the police*", "by" hung on the "of" object
    holders += [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)
    ]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                for pobj in _pobjs(child):
                    if found := actors.all_for(pobj):
                        return found
    return []


def _reacted_act(verb: Token, actors: ArticleActors) -> bool:
    """The active verb reacts to a named act: a thing as its object, or a non-actor noun
    in a reaction phrase ("demonstrated *against the raids*")."""
    return _event_object(verb, actors) or any(
        c.dep_ == "prep" and c.lower_ in REACTION_PREPS and actors.at(p) is None
        for c in verb.children
        for p in _pobjs(c)
        if p.pos_ == "NOUN"
    )


def _event_object(verb: Token, actors: ArticleActors) -> bool:
    """The active verb's direct object is a thing, not an actor ("denounced the drills")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and actors.for_token(objects[0]) is None and objects[0].pos_ == "NOUN"


def _counterparts(noun: Token, actors: ArticleActors, args: Arguments) -> list[Mention]:
    """ "with *their Chinese* counterparts": a non-actor noun owned by the source's own
    pronoun and named by another state: that state is the counterpart."""
    if actors.at(noun) is not None or not any(c.dep_ == "poss" for c in noun.children):
        return []
    own = {m.actor.country for m in args.sources} | {m.actor.code for m in args.sources}
    found = [
        m
        for c in noun.children
        if c.dep_ in ("amod", "compound") and c.i < noun.i
        if (m := actors.at(c)) is not None and m.reason == "kb:country"
    ]
    if not found or any(m.actor.country in own for m in found):
        return []
    return found


def _complement_targets(verb: Token, actors: ArticleActors, args: Arguments) -> None:
    """ "offered to provide aid *to Ukraine*", "demanded that *Russia* release …"."""
    for child in verb.children:
        if child.dep_ == "xcomp":
            inner = verb_arguments(child, actors)
            args.add_targets(inner.targets, "complement")
        elif child.dep_ == "dobj" and verb.lemma_.lower() not in REPORTING_VERBS | {"deny"}:
            # "rejected the announcement that *Keita* had won": the content clause's subject
            for clause in child.children:
                if clause.dep_ in ("acl", "ccomp") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    for subject in (c for c in clause.children if c.dep_ in SUBJECT_DEPS):
                        args.add_targets(actors.all_for(subject), "object-content-subject")
        if child.dep_ == "dobj":
            # "accepted an invitation *to meet with Kim*", "vetoed a resolution *to impose
            # sanctions on Syria*": the counterpart of the object's infinitive
            for clause in child.children:
                if clause.dep_ == "acl" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in clause.children
                ):
                    # named states only, and not between coordinated doers, who act with
                    # each other ("X and Y signed a deal to give agencies … access")
                    if len({m.actor.country or m.actor.code for m in args.sources}) > 1:
                        continue
                    inner = verb_arguments(clause, actors)
                    named = [m for m in inner.targets if m.actor.country]
                    args.add_targets(named, "object-infinitive")
        elif child.dep_ == "ccomp" and verb.lemma_.lower() not in REPORTING_VERBS:
            for subject in (c for c in child.children if c.dep_ in SUBJECT_DEPS):
                args.add_targets(actors.all_for(subject), "complement-subject")
        elif child.dep_ in ("advcl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in child.children
        ):
            # "called for Britain to stay": the subject of a "for … to" clause
            for subject in (c for c in child.children if c.dep_ in SUBJECT_DEPS):
                args.add_targets(actors.all_for(subject), "for-clause-subject")


def noun_arguments(noun: Token, actors: ArticleActors) -> Arguments:
    args = Arguments()
    args.object_lemmas |= {noun.lemma_.lower()}
    for child in noun.children:
        dep = child.dep_
        if dep == "poss":
            args.add_sources(actors.all_for(child), "possessor")
        elif dep in ("compound", "amod", "nmod") and (found := actors.all_for(child)):
            if dep == "amod" and all(
                m.reason.startswith("kb:agent") and m.actor.country is None for m in found
            ):
                # a kind, not a doer: "*military* assistance", "*diplomatic* efforts"
                args.object_lemmas |= {child.lemma_.lower(), child.lower_}
                continue
            args.add_sources(found, "modifier")
        elif dep in ("compound", "amod"):
            args.object_lemmas |= {child.lemma_.lower(), child.lower_}
            if dep == "amod" and child.lower_ in ("due", "owing"):
                # "deaths due to police firing": the causal phrase hangs on the adjective
                args.particles.add(child.lower_)
                for phrase in (c for c in child.children if c.dep_ == "prep"):
                    for pobj in _pobjs(phrase):
                        args.object_lemmas |= _words(pobj)
    if noun.dep_ == "npadvmod" and noun.head.lower_ in ("due", "owing"):
        # "said 40 deaths due to police firing …" parsed with "deaths" under "due"
        args.particles.add(noun.head.lower_)
        for phrase in (c for c in noun.head.children if c.dep_ == "prep"):
            for pobj in _pobjs(phrase):
                args.object_lemmas |= _words(pobj)
    governor = _governing_verb(noun)
    # "Putin *launched* a mediation effort between India and Pakistan": the mediator is the
    # light verb's subject, and both parties are targets
    mediated = governor is not None and _names_one_of([noun], MEDIATION_WORDS)
    if not mediated:
        _between(noun, actors, args)
    for child in noun.children:
        if child.dep_ != "prep":
            continue
        prep = child.lower_
        args.particles.add(prep)
        for pobj in _pobjs(child):
            found = actors.all_for(pobj)
            args.object_lemmas |= _words(pobj)
            if prep == "from" and noun.lemma_.lower() in FROM_TARGET_NOUNS:
                args.add_targets(found, "noun-from-place")  # "withdrawal from Iraq"
            elif prep in SOURCE_PREPS:
                args.add_sources(found, f"noun-{prep}")
            elif prep in TARGET_PREPS:
                found = found or _act_doers(pobj, prep, actors)
                args.add_targets(found or actors.all_for(pobj, owners=True), f"noun-{prep}")
            elif prep == "of":
                args.object_lemmas |= _words(pobj)
                if noun.lemma_.lower() in OF_SOURCE_NOUNS and not args.sources:
                    args.add_sources(found, "noun-of")
                else:
                    args.add_targets(found, "noun-of")
    if governor is not None:
        _governor_arguments(noun, governor, actors, args)
        if not args.sources and args.targets:
            _joint_party(noun, governor, actors, args)
    if mediated:
        _between(noun, actors, args)
    # "*drone* attack": an agent word before the noun is a kind of attack, and the claimer
    # did it
    weapon_only = all(
        m.reason.startswith("kb:agent") and actors.doc[m.start : m.end].root.i < noun.i
        for m in args.sources
    )
    claimer = _responsibility_claimer(noun) if weapon_only else None
    # "the Taliban claimed responsibility for *an attack* on …"
    if claimer is not None and (found := _subject_actors(claimer, actors)):
        args.sources[:] = []
        args.add_sources(found, "claimed-responsibility")
    _drop_self_targets(args, actors)
    if not args.targets and noun.lemma_.lower() in ATTACK_NOUNS:
        # "an attack on …", and "launched an assault *on* …" where the phrase hangs on the
        # light verb
        holders = [noun]
        if governor is not None and governor.lemma_.lower() in LIGHT_VERBS and noun.dep_ == "dobj":
            holders.append(governor)
        objects = [
            pobj
            for holder in holders
            for c in holder.children
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "upon", "into")
            for pobj in _pobjs(c)
        ]
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ATTACK_VERBS | HARMING_VERBS:
            # "air strikes *hit* the rebel-held enclave": what the verb hits
            hit = [c for c in noun.head.children if c.dep_ == "dobj"]
            for obj in hit:
                args.add_targets(actors.all_for(obj, owners=True), "attack-subject-object")
            objects += [] if args.targets else hit
        aimed = [  # "carried out a raid …, *targeting* Islamic State commanders"
            obj
            for holder in holders
            for c in holder.children
            if c.dep_ in ("advcl", "acl", "xcomp")
            and c.tag_ == "VBG"
            and c.lemma_.lower() in AIMING_PARTICIPLES
            for obj in c.children
            if obj.dep_ == "dobj"
        ]
        if not args.targets:
            for obj in aimed:
                args.add_targets(actors.all_for(obj, owners=True), "attack-aimed-at")
            objects += [] if args.targets else aimed
        _attacked(objects, [noun], actors, args)
    if not args.targets and noun.lemma_.lower() in PLACED_NOUNS:
        _placed([noun], actors, args)
    if not args.targets and _names_one_of([noun], RESTRICTION_NOUNS | TRUCE_NOUNS):
        # "the curfew in Jamaica", "imposed blockades *in* parts of Darfur"
        lent = governor is not None and governor.lemma_.lower() in LENDING_VERBS
        _placed([noun, governor] if lent and governor else [noun], actors, args, own_state=True)
    if not args.targets and _names_one_of([noun], MEDIATION_WORDS):
        _dispute_parties([noun] if governor is None else [noun, governor], actors, args)
    _joint_topics(noun, args)
    _forum_topics(noun, args)
    return args


# Preps that place a verb's act after or under a joint act: "called off the strike *after
# the agreement with* the government", "cut output *under the deal with* OPEC".
SEQUEL_PREPS = frozenset({"after", "following", "under", "since"})


def _joint_party(noun: Token, verb: Token, actors: ArticleActors, args: Arguments) -> None:
    """A joint act with a named counterpart, given as the time or frame of what the clause's
    subject did, had that subject as its other party: "Indian coal workers called off the
    strike after *the agreement with the Indian government*"."""
    if noun.lemma_.lower() not in JOINT_WORDS or noun.dep_ != "pobj":
        return
    if noun.head.lower_ not in SEQUEL_PREPS:
        return
    if not any(h.startswith("target:noun-with") for h in args.how):
        return
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            args.add_sources(_subject_actors(child, actors), f"party-of-{verb.lemma_}")


# Undergoing another's act: "Israel *faced criticism from* the UN", "*won praise*": the
# subject is the act's target, a "from" phrase its doer.
UNDERGOING_VERBS = frozenset({"draw", "attract", "face", "earn", "incur", "receive", "win"})


def _undergoer(verb: Token, actors: ArticleActors, args: Arguments) -> None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            found = [m for m in _subject_actors(child, actors) if m not in args.sources]
            args.add_targets(found, f"undergoer-of-{verb.lemma_.lower()}")
        elif child.dep_ == "prep" and child.lower_ == "from" and not args.sources:
            for pobj in _pobjs(child):
                args.add_sources(actors.all_for(pobj), f"from-on-{verb.lemma_.lower()}")


def _responsibility_claimer(noun: Token) -> Token | None:
    """The subject that claims (accepts, takes) responsibility or credit *for* ``noun``:
    the doer of the event the noun names. A denial names no doer."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    claim = prep.head
    if claim.lower_ == "responsible" and claim.dep_ == "acomp" and claim.head.lemma_ == "be":
        # "the rebels were responsible for the bombing": who is responsible did it; not
        # when denied or doubted ("was not responsible", "denied being responsible")
        be = claim.head
        doubt = {"not", "never", "may", "might", "could", "possibly", "perhaps", "probably"}
        if any(c.dep_ == "neg" or c.lower_ in doubt for c in [*be.children, *claim.children]):
            return None  # "was not responsible", "may have been responsible"
        if be.dep_ != "ROOT" and be.dep_ != "conj":
            return None
        return next((c for c in be.children if c.dep_ in SUBJECT_DEPS), None)
    if claim.lemma_.lower() in RESPONSIBILITY_NOUNS and claim.dep_ == "dobj":
        claim = claim.head
    elif not any(
        c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY_NOUNS for c in claim.children
    ):
        return None  # "claimed responsibility on Monday for …" hangs "for" on the verb
    if claim.lemma_.lower() not in CLAIMING_VERBS:
        return None
    return next((c for c in claim.children if c.dep_ in SUBJECT_DEPS), None)


def _claimed_events(verb: Token) -> list[Token]:
    """The nouns whose responsibility ``verb`` claims ("claimed responsibility *for* …")."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    if not any(c.lemma_.lower() in RESPONSIBILITY_NOUNS for c in holders[1:]):
        return []
    return [
        pobj
        for holder in holders
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for pobj in _pobjs(c)
        if _responsibility_claimer(pobj) is not None
    ]


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
    """ "Lula *made* a request", "paid Moscow a visit", "the pact was signed by the premier".

    Only verbs that carry the noun's event lend their subject: light verbs and verbs of
    planning or signing ("Kim declined the invitation" does not make Kim the inviter).
    """
    if verb.lemma_.lower() in UNDERGOING_VERBS and noun.dep_ == "dobj":
        _undergoer(verb, actors, args)
        return
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
    if verb.lemma_.lower() not in LIGHT_VERBS and noun.dep_ == "dobj" and verb.dep_ != "xcomp":
        # "provided their donations *to Palestinians*": the recipient of what is handed over
        # (not under a complement verb: "offered to provide its donations", whose noun event
        # does not take the offer's modality in the engine)
        for child in verb.children:
            if child.dep_ in ("dative", "prep") and child.lower_ == "to":
                for pobj in _pobjs(child):
                    args.add_targets(actors.all_for(pobj, owners=True), "verb-recipient")
    if verb.lemma_.lower() in LIGHT_VERBS:
        for child in verb.children:
            if child.dep_ == "dative" and child.tag_ == "IN":
                for pobj in _pobjs(child):  # "gave loans *to* Pakistani traders"
                    args.add_targets(actors.all_for(pobj, owners=True), "dative-to")
            elif child.dep_ == "dative":
                args.add_targets(actors.all_for(child), "dative")
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                for pobj in _pobjs(child):
                    found = actors.all_for(pobj, owners=True)
                    args.add_targets(found, f"verb-{child.lower_}")
