"""Sources the text leaves implicit, where the domain says who acted.

Two mechanisms, both applied only when the parse found no source of its own:

- **Agentless arrests.** "The accused were arrested", "those detained", "the arrests
  followed": an arrest (CAMEO 173 from an arresting word, ``ARREST_LEMMAS``) in the passive,
  as a participle, or as a noun, with no "by" agent, is by the police of the story's country
  (its COP). Arresting is what police do; news writes it agentless because the agent is
  obvious. Courts' acts (trial, indictment, prosecution) are left alone.
- **"Killed in police firing".** A passive act of violence (roots 18–20), or a death
  ("died in police firing", ``DYING_LEMMAS``: the subject is the victim, so the target), with
  no agent takes
  as its source the actor named in its "in"/"during" phrase: the phrase itself ("in police
  firing", where the parser makes "police" the object) or the actor that modifies it or is
  its "by"/"with" object ("in Israeli air strikes", "in an encounter with the police").

Each rule records itself in the event's ``rule`` (``source:implied-…``).
"""

from __future__ import annotations

from spacy.tokens import Token

from legation.actors.resolver import ArticleActors
from legation.coding.arguments import Arguments
from legation.coding.modality import modality_of
from legation.model import Actor, Mention

POLICE_SECTOR = "COP"
ARREST_LEMMAS = frozenset(
    [
        "arrest",
        "detain",
        "nab",
        "apprehend",
        "round",
        "pick",
        "book",
        "hold",
        "take",
        "put",
        "place",
        "keep",
        "handcuff",
        "catch",
        "detention",
        "roundup",
        "detainment",
    ]
)
# An arrest noun these words govern is wanted, feared or weighed, not done ("demanded the
# arrest of", "the possibility of his arrest", "a case for arrest").
UNREALISED_GOVERNORS = frozenset(
    [
        "demand",
        "seek",
        "call",
        "want",
        "urge",
        "ask",
        "press",
        "fear",
        "risk",
        "avoid",
        "oppose",
        "threaten",
        "face",
        "evade",
        "escape",
        "order",
        "possibility",
        "threat",
        "case",
        "warrant",
        "rumour",
        "rumor",
    ]
)
# Verbs whose subject is the victim of the violence they report ("died in police firing").
DYING_LEMMAS = frozenset({"die", "succumb", "perish"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
EPISODE_PREPS = frozenset({"in", "during"})
# "killed when police opened fire": the verbs of a "when" clause that did the killing.
FIRING_VERBS = frozenset(["fire", "open", "shoot", "attack", "charge", "lathicharge", "shell"])
TEMPORAL_MARKS = frozenset({"when", "as", "after"})
# Nouns (and gerunds) that name an episode of violence: "killed in police *firing*".
EPISODE_WORDS = frozenset(
    """fire firing shooting gunfire crossfire strike airstrike attack raid shelling bombing
    bombardment encounter clash operation action violence blast explosion assault offensive
    crackdown lathicharge charge round bullet""".split()
)
_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
_PARTICIPLE_DEPS = frozenset({"amod", "acl", "relcl", "advcl", "conj"})


def supply_implied_source(token: Token, code: str, args: Arguments, actors: ArticleActors) -> None:
    """Add the implied source of ``token``'s event (code ``code``) to ``args``, if any."""
    dying = token.lemma_.lower() in DYING_LEMMAS
    # "two protesters died in police firing": the subject is the victim; "he attacked
    # a shop and was arrested", "terrorists who were shot": a passive clause borrows
    # the one it happened to
    patient = (dying and code[:2] in VIOLENT_ROOTS) or _borrowed_patient(token, args)
    if patient and args.sources:
        args.targets[:0] = [m for m in args.sources if m not in args.targets]
        args.sources.clear()
        args.how.append("source:is-patient")
    if args.sources:
        return
    if code.startswith("173") and token.lemma_.lower() in ARREST_LEMMAS:
        if _agentless(token):
            police = story_police(token, actors)
            if police is not None:
                args.add_sources([police], "implied-police")
        return
    if code[:2] in VIOLENT_ROOTS and token.pos_ in ("VERB", "AUX"):
        if not (dying or _passive(token) or _participle(token)):
            return
        found = _episode_actor(token, actors, dying)
        how = "implied-in-episode"
        if found is None:
            found, how = _when_clause_actor(token, actors), "implied-when-clause"
        if found is not None:
            args.add_sources([found], how)
            args.targets[:] = [m for m in args.targets if m is not found]


def _borrowed_patient(token: Token, args: Arguments) -> bool:
    """A passive verb whose source was borrowed from another clause or a relative's head."""
    if not _passive(token) or not args.sources:
        return False
    return any(h.startswith(("source:borrowed-from", "source:relative")) for h in args.how)


def _participle(token: Token) -> bool:
    """A past participle with no subject: "the six people killed in police firing"."""
    has_subject = any(c.dep_ in ("nsubj", "csubj") for c in token.children)
    return token.tag_ == "VBN" and token.dep_ in _PARTICIPLE_DEPS and not has_subject


def _when_clause_actor(token: Token, actors: ArticleActors) -> Mention | None:
    """ "Four were killed when police opened fire": the subject of a violent "when" clause."""
    for clause in token.children:
        if clause.dep_ != "advcl" or clause.lemma_.lower() not in FIRING_VERBS:
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ in ("advmod", "mark")}
        if marks.isdisjoint(TEMPORAL_MARKS):
            continue
        for subject in clause.children:
            if subject.dep_ == "nsubj" and (found := actors.for_token(subject)) is not None:
                return found if found.actor.country is not None else None
    return None


def story_police(token: Token, actors: ArticleActors) -> Mention | None:
    """The police of the story's country, as a mention on the trigger word (no text)."""
    country = actors.story_country
    if country is None:
        return None
    name = next((m.actor.name for m in actors.mentions if m.actor.country == country), None)
    actor = Actor(country + POLICE_SECTOR, country, POLICE_SECTOR, name, "")
    return Mention(token.i, token.i + 1, actor, "implied:agentless-arrest")


def _passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in token.children)


def _agentless(token: Token) -> bool:
    """A passive, participle or noun use of the word, with no agent phrase."""
    if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in token.children):
        return False
    if token.pos_ in ("NOUN", "PROPN"):
        return _realised_noun(token)
    return _passive(token) or _participle(token)


LISTING_PREPS = frozenset({"including", "like", "among"})  # "measures including arrests"


def _realised_noun(noun: Token) -> bool:
    """An arrest noun that reports arrests made: not a modifier ("arrest warrant"), not the
    object of a word of wanting or weighing (nor a conjunct of one: "demanded a ban and the
    arrest of …"), not an example in a list ("including arrests"), not the idiom of a verb
    that is itself the arrest ("put under house arrest"), and told as having happened
    ("arrests can be made", "my arrest would …" are not)."""
    if noun.dep_ == "compound":
        return False
    head = noun
    while head.dep_ == "conj" and head.head is not head:
        head = head.head  # the first conjunct carries the governor
    governor = head.head
    if head.dep_ == "pobj" and governor.dep_ == "prep":
        if governor.lower_ in LISTING_PREPS:
            return False
        governor = governor.head
        if governor.lemma_.lower() in ARREST_LEMMAS:
            return False
    if governor.lemma_.lower() in UNREALISED_GOVERNORS:
        return False
    return modality_of(noun).modality == "occurred"


def _episode_actor(token: Token, actors: ArticleActors, dying: bool = False) -> Mention | None:
    """The actor of the episode a passive violent verb happened in ("in police firing").

    The phrase must name an episode of violence (``EPISODE_WORDS``), so that a place ("was
    assassinated in Tehran", "killed in a Tehran hotel") is never read as the doer.
    """
    preps = EPISODE_PREPS | {"to"} if dying else EPISODE_PREPS  # "succumbed to police firing"
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            found = None
            if _episode_word(pobj):
                found = _actor_on(pobj, actors)
            elif any(_episode_word(c) for c in pobj.children):
                found = actors.for_token(pobj)  # parsed as "police" + acl "firing"
            if found is not None and found.actor.country is not None:
                return found
    return None


def _episode_word(token: Token) -> bool:
    return token.lemma_.lower() in EPISODE_WORDS or token.lower_ in EPISODE_WORDS


def _actor_on(noun: Token, actors: ArticleActors, depth: int = 0) -> Mention | None:
    """An actor modifying ``noun`` or in its "by"/"with"/"of" phrase, one "of" deep
    ("rounds of firing by the police")."""
    for child in noun.children:
        found = actors.for_token(child) if child.dep_ in _MODIFIERS else None
        if found is not None:
            return found
        if child.dep_ == "prep" and child.lower_ in ("by", "with", "of"):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                found = actors.for_token(pobj)
                if found is None and child.lower_ == "of" and depth == 0:
                    found = _actor_on(pobj, actors, depth + 1)
                if found is not None:
                    return found
    return None


RESULT_WORDS = frozenset({"dead"})


def resultative(verb: Token) -> list[Token]:
    """The result word that completes a trigger: "shot *dead*" (the word right after the
    verb, or its predicative complement), so the trigger says a killing."""
    doc = verb.doc
    found = [c for c in verb.children if c.dep_ in ("oprd", "acomp") and c.lower_ in RESULT_WORDS]
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if not found and nxt is not None and nxt.lower_ in RESULT_WORDS:
        found.append(nxt)
    return found
