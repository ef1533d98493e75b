"""Sources the text leaves implicit, where the domain says who acted.

Two mechanisms, both applied only when the parse found no source of its own:

- **Agentless arrests.** "The accused were arrested", "those detained", "the arrests
  followed": an arrest (CAMEO 173 from an arresting word, ``ARREST_LEMMAS``) in the passive,
  as a participle, or as a noun, with no "by" agent, is by the police of the story's country
  (its COP). Arresting is what police do; news writes it agentless because the agent is
  obvious. Courts' acts (trial, indictment, prosecution) are left alone, and so are arrests
  only wanted or possible ("demanded a ban on the outfit and arrest of its leaders",
  "preventive arrests can be made").
- **"Killed in police firing".** A passive act of violence (roots 18–20), or a death
  ("died in police firing", ``DYING_LEMMAS``: the subject is the victim, so the target), with
  no agent takes
  as its source the actor named in its "in"/"during" phrase: the phrase itself ("in police
  firing", where the parser makes "police" the object) or the actor that modifies it or is
  its "by"/"with" object ("in Israeli air strikes", "in an encounter with the police").
  A causal phrase names the episode too ("died due to / because of police firing"); a
  participle conjoined to a passive shares its passive ("four were burnt and two killed in
  police firing"); a "when" clause on a conjunct times both ("two were killed and six
  injured when police opened fire"); and a definite "the firing" with no actor of its own
  takes the actor of the firing told just before ("police opened fire … one man was
  injured in the firing"). A "when" clause may also say the force was resorted to ("killed
  when the police resorted to firing"); a participle's noun may carry the episode word
  ("the people killed in the police firing", parsed "in the police" + "firing" on
  "people"); and a gerund whose subject the parse borrowed from a dying verb ("two died in
  the police firing at the market") does not take the dead as the firer.
- **Tolls and injuries.** A death noun with an episode phrase ("77 deaths due to police
  firing", ``DEATH_NOUNS``) and "sustained / suffered injuries in police firing"
  (``SUFFERING_LEMMAS``: the subject is the victim) take the episode's actor as their source;
  police or troops count as that actor even when the story names no state. A headline's bare
  "4 policemen and 4 civilians also killed" (``_reduced_passive``) has its subject as victim.
- **Prompted acts.** "Stones were hurled, prompting the police to open fire": the object of a
  causing verb (``CAUSING_VERBS``) does its violent infinitive, not a subject the parse
  borrowed from a governing clause.
- **Warning fire.** "Four more rounds were fired in the air" (175, see
  ``coding.guards._shots_in_air``), agentless: by whoever the story had just firing.

Each rule records itself in the event's ``rule`` (``source:implied-…``).
"""

from __future__ import annotations

from spacy.tokens import Token

from legation.actors.resolver import ArticleActors
from legation.coding.arguments import LIGHT_VERBS, Arguments
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
SUFFERING_LEMMAS = frozenset({"sustain", "suffer"})  # "sustained injuries in police firing"
DEATH_NOUNS = frozenset({"death"})  # "77 deaths due to police firing
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
EPISODE_PREPS = frozenset({"in", "during"})
# "died due to police firing", "injured because of police firing", "owing to": the first word
# heads the phrase, its "to"/"of" is a pcomp (or the phrase's own head).
CAUSAL_PREPS = frozenset({"due", "because", "owing"})
# "killed when police opened fire": the verbs of a "when" clause that did the killing.
FIRING_VERBS = frozenset(
    ["fire", "open", "shoot", "attack", "charge", "lathicharge", "lathi-charge", "shell"]
)
TEMPORAL_MARKS = frozenset({"when", "as", "after"})
# Nouns (and gerunds) that name an episode of violence: "killed in police *firing*".
EPISODE_WORDS = frozenset(
    """fire firing shooting gunfire crossfire strike airstrike attack raid shelling bombing
    bombardment encounter clash operation action violence blast explosion assault offensive
    crackdown lathicharge lathi-charge charge round bullet""".split()
)
_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
_PARTICIPLE_DEPS = frozenset({"amod", "acl", "relcl", "advcl", "conj"})


def supply_implied_source(token: Token, code: str, args: Arguments, actors: ArticleActors) -> None:
    """Add the implied source of ``token``'s event (code ``code``) to ``args``, if any."""
    # "sustained injuries in police firing": the subject suffered the act, as with dying
    dying = token.lemma_.lower() in DYING_LEMMAS | SUFFERING_LEMMAS
    # "two protesters died in police firing": the subject is the victim; "he attacked
    # a shop and was arrested", "terrorists who were shot": a passive clause borrows
    # the one it happened to
    patient = (dying and code[:2] in VIOLENT_ROOTS) or _borrowed_patient(token, args)
    # "4 policemen and 4 civilians also killed": a headline's bare participle read as active
    own_subject = "source:subject" in args.how
    patient = patient or (code[:2] in VIOLENT_ROOTS and own_subject and _reduced_passive(token))
    if patient and args.sources:
        args.targets[:0] = [m for m in args.sources if m not in args.targets]
        args.sources.clear()
        args.how.append("source:is-patient")
    victims = DYING_LEMMAS | SUFFERING_LEMMAS
    if args.sources and any(f"source:borrowed-from-{d}" in args.how for d in victims):
        # "two died in the police firing at the market": the dead did not fire
        args.sources.clear()
        args.how.append("source:not-the-dead")
    caused = _caused_actor(token, actors) if code[:2] in VIOLENT_ROOTS | {"17"} else None
    borrowed = any(h.startswith("source:borrowed-from") for h in args.how)
    if caused is not None and (not args.sources or borrowed):
        # "stones were hurled, prompting the police to open fire": the one prompted fires,
        # not a subject borrowed from a governing clause ("… clashed, prompting …")
        args.sources[:] = [caused]
        args.how.append("source:implied-prompted")
        args.targets[:] = [m for m in args.targets if m is not caused]
        return
    if args.sources:
        return
    if code.startswith("173") and token.lemma_.lower() in ARREST_LEMMAS:
        if _agentless(token):
            police = story_police(token, actors)
            if police is not None:
                args.add_sources([police], "implied-police")
        return
    if code.startswith("175") and _repression_tool(token) and _agentless(token):
        # "tear-gas shells were lobbed", "students were lathi-charged": police tactics
        police = story_police(token, actors)
        if police is not None:
            args.add_sources([police], "implied-police")
        return
    if code.startswith("175") and _fired_agentless(token):
        # "five rounds were fired in the air": by whoever the story had just firing
        found = _nearest_firer(token, actors)
        if found is not None:
            args.add_sources([found], "implied-earlier-firing")
        return
    if code[:2] in VIOLENT_ROOTS and token.pos_ == "NOUN" and token.lemma_.lower() in DEATH_NOUNS:
        # "77 deaths due to police firing", "deaths in police firing": the episode's actor
        found = _episode_actor(token, actors, dying=True)
        if found is None and token.dep_ == "npadvmod" and token.head.lower_ in CAUSAL_PREPS:
            # "40 deaths due to police firing" parsed with "deaths" under "due"
            episodes = [o for o in _causal_objects(token.head) if _episode_word(o)]
            found = next((f for o in episodes if (f := _actor_on(o, actors)) is not None), None)
            found = found if found is not None and found.actor.country is not None else None
        if found is not None:
            args.add_sources([found], "implied-in-episode")
            args.targets[:] = [m for m in args.targets if m is not found]
        return
    if (code[:2] in VIOLENT_ROOTS or code.startswith("175")) and _gerund_on_noun(token, code):
        # "the police firing at the market", "police firing on the mob left five injured":
        # the noun a gerund modifies is its doer
        found = actors.for_token(token.head)
        if found is None or found.actor.country is None:
            found = _force_before(token, actors)  # "looting and police firing" (on "looting")
        if found is not None and found.actor.country is not None:
            args.add_sources([found], "implied-gerund-head")
            args.targets[:] = [m for m in args.targets if m is not found]
        return
    if code[:2] in VIOLENT_ROOTS and token.pos_ in ("VERB", "AUX"):
        if not (dying or _passive(token) or _participle(token) or _shared_passive(token)):
            return
        found = _episode_actor(token, actors, dying)
        if found is None and token.lemma_.lower() in SUFFERING_LEMMAS:
            # "sustained injuries in police firing": the phrase hangs on the injuries
            injuries = [c for c in token.children if c.dep_ == "dobj"]
            found = next((f for o in injuries if (f := _episode_actor(o, actors))), None)
        how = "implied-in-episode"
        if found is None:
            found, how = _when_clause_actor(token, actors), "implied-when-clause"
        if found is None and _fired_agentless(token):
            # "six more rounds were fired": by whoever the story had just firing
            found, how = _nearest_firer(token, actors), "implied-earlier-firing"
        if found is not None:
            args.add_sources([found], how)
            args.targets[:] = [m for m in args.targets if m is not found]


def _gerund_on_noun(token: Token, code: str) -> bool:
    """A gerund parsed as modifying a noun: "the police *firing* at the market"; for a
    repression code (175), the noun right before it ("police *firing* on the mob")."""
    if token.tag_ != "VBG" or token.dep_ != "acl":
        return False
    return code[:2] in VIOLENT_ROOTS or token.head.i == token.i - 1


def _force_before(gerund: Token, actors: ArticleActors) -> Mention | None:
    """The police or troops named by the noun right before a gerund the parse hung
    elsewhere: "stray arson, looting and *police* firing" ("firing" on "arson")."""
    if gerund.i == 0:
        return None
    before = gerund.doc[gerund.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before not in gerund.head.conjuncts:
        return None
    found = actors.for_token(before)
    return found if found is not None and found.actor.sector in ("COP", "MIL") else None


# "prompting / compelling the police to open fire": the object of these does the act.
CAUSING_VERBS = frozenset({"prompt", "compel", "oblige", "provoke", "cause", "lead", "drive"})


def _caused_actor(token: Token, actors: ArticleActors) -> Mention | None:
    """The object of a causing verb whose infinitive complement ``token`` is, when it is a
    state's actor: "prompting the police to open fire", "compelled the troops to fire"."""
    if token.dep_ != "xcomp" or token.head.lemma_.lower() not in CAUSING_VERBS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    for obj in (c for c in token.head.children if c.dep_ == "dobj"):
        found = actors.for_token(obj)
        if found is not None and found.actor.country is not None:
            return found
    return None


# Violent verbs that are never used without their patient: "X killed" with no object is a
# headline's passive ("4 policemen and 4 civilians also killed").
PATIENT_VERBS = frozenset({"kill", "injure", "wound", "murder", "lynch", "behead"})


def _reduced_passive(token: Token) -> bool:
    """A main-clause "killed" with a subject but no object, auxiliary or complement: the
    headline style drops "were", so the subject is the victim, not the doer."""
    if token.lemma_.lower() not in PATIENT_VERBS or token.tag_ not in ("VBD", "VBN"):
        return False
    if token.dep_ not in ("ROOT", "conj"):
        return False
    deps = {c.dep_ for c in token.children}
    if "nsubj" not in deps or deps & {"dobj", "aux", "auxpass", "ccomp", "xcomp", "agent"}:
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "by" for c in token.children)


def _borrowed_patient(token: Token, args: Arguments) -> bool:
    """A passive verb whose source was borrowed from another clause or a relative's head."""
    if not _passive(token) or not args.sources:
        return False
    return any(h.startswith(("source:borrowed-from", "source:relative")) for h in args.how)


def _participle(token: Token) -> bool:
    """A past participle with no subject: "the six people killed in police firing"."""
    has_subject = any(c.dep_ in ("nsubj", "csubj") for c in token.children)
    return token.tag_ == "VBN" and token.dep_ in _PARTICIPLE_DEPS and not has_subject


def _shared_passive(token: Token) -> bool:
    """A participle conjoined to a passive verb, whose auxiliary it shares: "four were burnt
    and two *killed* in police firing" (the parser gives "two" as its subject)."""
    if token.tag_ != "VBN" or token.dep_ != "conj" or not _passive(token.head):
        return False
    return not any(c.dep_ in ("aux", "auxpass", "dobj") for c in token.children)


def _when_clause_actor(token: Token, actors: ArticleActors) -> Mention | None:
    """ "Four were killed when police opened fire": the subject of a violent "when" clause."""
    # "four were killed and five injured when police opened fire": the clause may hang on a
    # conjunct of the verb; it times both
    heads = [token, *(c for c in token.conjuncts if c.pos_ in ("VERB", "AUX"))]
    for clause in (c for head in heads for c in head.children):
        if clause.dep_ != "advcl":
            continue
        if clause.lemma_.lower() not in FIRING_VERBS and not _resorted_to_force(clause):
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ in ("advmod", "mark")}
        if marks.isdisjoint(TEMPORAL_MARKS):
            continue
        for subject in clause.children:
            if subject.dep_ == "nsubj" and (found := actors.for_token(subject)) is not None:
                return found if found.actor.country is not None else None
    return None


def _resorted_to_force(verb: Token) -> bool:
    """ "when the police resorted to firing / a lathi-charge": "resort" with an episode of
    violence in its "to" phrase."""
    if verb.lemma_.lower() != "resort":
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
        if any(c.dep_ in ("pobj", "pcomp") and _episode_word(c) for c in prep.children):
            return True
    return False


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
    if any(g.lemma_.lower() in UNREALISED_GOVERNORS for g in _governors(head)):
        return False
    light = head.head
    # "preventive arrests can be made", "will make arrests": the light verb's modality
    if (
        head.dep_ in ("nsubj", "nsubjpass", "dobj")
        and light.lemma_.lower() in LIGHT_VERBS
        and modality_of(light).modality != "occurred"
    ):
        return False
    return modality_of(noun).modality == "occurred"


_NOMINAL_DEPS = frozenset({"conj", "pobj", "prep", "dobj", "appos"})


def _governors(noun: Token, limit: int = 6) -> list[Token]:
    """The words above ``noun`` up to the verb of its clause, through conjuncts, objects and
    prepositions: "demanded a ban on the outfit and *arrest* of …" reaches "demanded"."""
    out = []
    token = noun
    for _ in range(limit):
        if token.dep_ not in _NOMINAL_DEPS or token.head is token:
            break
        token = token.head
        out.append(token)
        if token.pos_ in ("VERB", "AUX"):
            break
    return out


def _episode_actor(token: Token, actors: ArticleActors, dying: bool = False) -> Mention | None:
    """The actor of the episode a passive violent verb happened in ("in police firing").

    The phrase must name an episode of violence (``EPISODE_WORDS``), so that a place ("was
    assassinated in Tehran", "killed in a Tehran hotel") is never read as the doer. A causal
    phrase ("due to / because of / owing to police firing") names the episode too.
    """
    preps = EPISODE_PREPS | {"to"} if dying else EPISODE_PREPS  # "succumbed to police firing"
    for prep in token.children:
        if prep.dep_ == "amod" and prep.lower_ in CAUSAL_PREPS:
            pass  # "deaths *due* to police firing": on a noun the causal word is an adjective
        elif prep.dep_ != "prep":
            continue
        causal = any(c.lower_ in CAUSAL_PREPS for c in prep.children)  # "because" + "of"
        if prep.lower_ in preps or (causal and prep.lower_ in ("of", "to")):
            # "in firing by the militants": a gerund object is a pcomp
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        elif prep.lower_ in CAUSAL_PREPS:
            objects = _causal_objects(prep)
        else:
            continue
        for pobj in objects:
            found = None
            if pobj.lower_ == "which" and token.dep_ == "relcl":
                # "the firing at the mob in which four were killed": the relative's antecedent
                found = _relative_episode_actor(token, actors)
            elif pobj.lemma_.lower() in INJURY_WORDS:
                # "succumbed to injuries sustained in police firing", "… from police firing"
                found = _injury_episode_actor(pobj, actors)
            elif _episode_word(pobj):
                found = _actor_on(pobj, actors) or _antecedent_actor(pobj, actors)
            elif any(_episode_word(c) for c in pobj.children) or _episode_next(pobj, token):
                found = actors.for_token(pobj)  # parsed as "police" + acl "firing"
            if found is None:
                found = _included_episode_actor(pobj, actors)
            if found is not None and _state_force(found):
                return found
    found = _included_episode_actor(token, actors)  # "killed …, including nine in police firing"
    return found if found is not None and _state_force(found) else None


def _state_force(found: Mention) -> bool:
    """A doer of an episode: a state's actor, or police or troops whose state the story has
    not named ("hyderabad: three were injured in police firing")."""
    return found.actor.country is not None or found.actor.sector in ("COP", "MIL")


def _included_episode_actor(phrase: Token, actors: ArticleActors) -> Mention | None:
    """ "668 were killed in the riots, *including 100 in police firing*": a part of the toll
    whose own episode phrase names the actor (``_episode_actor`` on the included number)."""
    for prep in phrase.children:
        if prep.dep_ != "prep" or prep.lower_ != "including":
            continue
        for part in (c for c in prep.children if c.dep_ == "pobj"):
            found = _episode_actor(part, actors)
            if found is not None:
                return found
    return None


INJURY_WORDS = frozenset({"injury", "wound"})
RELATIVE_CLIMB = 4  # how many phrase steps above a relative clause its antecedent may lie


def _injury_episode_actor(injury: Token, actors: ArticleActors) -> Mention | None:
    """The actor of the episode an injury came from: a participle on the injury noun
    ("injuries *sustained in* police firing", ``_episode_actor``) or its "from" phrase
    ("wounds from police firing")."""
    for child in injury.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            found = _episode_actor(child, actors)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ == "from":
            for pobj in (c for c in child.children if c.dep_ in ("pobj", "pcomp")):
                if _episode_word(pobj):
                    found = _actor_on(pobj, actors)
                    if found is not None and found.actor.country is not None:
                        return found
    return None


def _relative_episode_actor(verb: Token, actors: ArticleActors) -> Mention | None:
    """ "Police firing on the crowd at the market, in which two were killed": the episode
    that "in which" refers to. The parser often hangs the relative clause on the last noun
    of the phrase, so climb (``RELATIVE_CLIMB`` steps, through prepositional objects) from
    that noun to the nearest episode word; its actor is the one modifying it, or the
    subject of the verb it is the object of ("the officer ordered firing at the mob, in
    which …")."""
    word = verb.head
    for _ in range(RELATIVE_CLIMB + 1):
        if _episode_word(word) and word.lemma_.lower() not in ("charge", "round", "bullet"):
            found = _actor_on(word, actors)
            if found is None and word.dep_ == "acl":
                found = actors.for_token(word.head)  # parsed as "the police" + acl "firing"
            if found is None and word.dep_ in ("dobj", "xcomp") and word.head.pos_ == "VERB":
                found = _subject_actor(word.head, actors)
            return found
        if word.pos_ == "VERB" and word.lemma_.lower() in FIRING_VERBS:
            return _subject_actor(word, actors)  # "the mob opened fire at the police, in which"
        if word.dep_ not in ("pobj", "prep") or word.head is word:
            return None
        word = word.head
    return None


# "the firing" looks back to the shooting the story told: a firing noun, or a firing verb.
FIRING_NOUNS = frozenset({"fire", "firing", "shooting", "gunfire"})
SHOOTING_VERBS = frozenset({"fire", "shoot"})
ANAPHORIC_FIRING = frozenset({"firing", "shooting", "gunfire"})
ANTECEDENT_SENTENCES = 3  # how far back "the firing" may look for its antecedent


def _antecedent_actor(episode: Token, actors: ArticleActors) -> Mention | None:
    """ "One man was injured in *the firing*": a definite firing with no actor of its own is
    the firing told just before (``ANTECEDENT_SENTENCES`` back); its actor is the nearest
    earlier firing's ("police opened fire on the mob …", "the police firing at …")."""
    if episode.lower_ not in ANAPHORIC_FIRING:
        return None  # "the fire" may be a blaze
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in episode.children):
        return None
    return _nearest_firer(episode, actors)


def _fired_agentless(verb: Token) -> bool:
    """ "Rounds were fired", "shots were fired in the air": a passive shooting verb, no agent."""
    if verb.lemma_.lower() not in SHOOTING_VERBS or not _passive(verb):
        return False
    return not any(c.dep_ == "agent" or c.lower_ == "by" for c in verb.children)


def _nearest_firer(word: Token, actors: ArticleActors) -> Mention | None:
    """The actor of the nearest firing told before ``word``, at most
    ``ANTECEDENT_SENTENCES`` sentences back: a firing noun's actor ("police firing"), or the
    subject of "opened fire" or of a shooting verb."""
    doc = word.doc
    first = word.sent.start
    for _ in range(ANTECEDENT_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for earlier in reversed(doc[first : word.i]):
        found = None
        lemma = earlier.lemma_.lower()
        if earlier.pos_ in ("NOUN", "PROPN") and lemma in FIRING_NOUNS:
            if earlier.dep_ == "compound":
                continue
            found = _actor_on(earlier, actors)
            if earlier.dep_ == "dobj" and earlier.head.lemma_.lower() == "open":
                found = found or _subject_actor(earlier.head, actors)  # "opened fire"
        elif earlier.pos_ == "VERB" and lemma in SHOOTING_VERBS:
            found = _subject_actor(earlier, actors)
            if found is None and earlier.tag_ == "VBG":
                found = _actor_on(earlier, actors)  # "in police firing" as a gerund
        if found is not None and found.actor.country is not None:
            return found
    return None


TEAR_GAS_WORDS = frozenset({"tear", "teargas", "tear-gas", "lathi", "lathicharge"})
CHARGE_WEAPONS = frozenset({"lathi", "baton", "cane"})


def _repression_tool(token: Token) -> bool:
    """A use of tear gas or a lathi charge: the word itself ("lathicharged", "teargassed") or
    in its object or passive subject ("tear-gas shells were lobbed")."""
    lemma = token.lemma_.lower()
    if lemma in ("teargas", "lathicharge") or token.lower_ in TEAR_GAS_WORDS:
        return True
    if lemma.partition("-")[0] in CHARGE_WEAPONS and lemma.endswith("-charge"):
        return True  # "lathi-charged", joined into one verb by the tokenizer (legation.nlp)
    if any(c.dep_ == "compound" and c.lower_ in CHARGE_WEAPONS for c in token.children):
        return True  # "a lathi-charge", "baton charge" (head "charge")
    phrases = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lower_ in TEAR_GAS_WORDS for c in phrases for t in c.subtree)


def _subject_actor(verb: Token, actors: ArticleActors) -> Mention | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "agent"):
            target = next((c for c in child.children if c.dep_ == "pobj"), child)
            found = actors.for_token(target if child.dep_ == "agent" else child)
            if found is not None:
                return found
    return None


def _causal_objects(prep: Token) -> list[Token]:
    """The objects of "due to X", "because of X": under the first word or its "to"/"of"."""
    out = []
    for child in prep.children:
        if child.dep_ == "pobj":
            out.append(child)
        elif child.dep_ in ("pcomp", "prep") and child.lower_ in ("to", "of"):
            out += [c for c in child.children if c.dep_ == "pobj"]
    return out


def _episode_next(pobj: Token, verb: Token) -> bool:
    """ "killed in police firing" parsed as "in police" with "firing" hung on the verb: the
    episode word right after the object, attached to the object, the verb or the phrase, or
    to the noun a participle verb modifies ("the people killed in the police firing")."""
    doc = pobj.doc
    if pobj.i + 1 >= len(doc):
        return False
    nxt = doc[pobj.i + 1]
    heads = [pobj, verb, pobj.head]
    if verb.dep_ in ("acl", "relcl"):
        heads.append(verb.head)
    return _episode_word(nxt) and nxt.head in heads


def _episode_word(token: Token) -> bool:
    return token.lemma_.lower() in EPISODE_WORDS or token.lower_ in EPISODE_WORDS


def _actor_on(noun: Token, actors: ArticleActors, depth: int = 0) -> Mention | None:
    """An actor modifying ``noun`` or in its "by"/"with"/"of" phrase, one "of" deep
    ("rounds of firing by the police")."""
    # a gerund's subject is its actor: "in police firing" parsed as "police" + "firing" (VBG)
    deps = _MODIFIERS | {"nsubj"} if noun.pos_ == "VERB" else _MODIFIERS
    for child in noun.children:
        found = actors.for_token(child) if child.dep_ in deps else None
        if found is not None:
            return found
        if child.dep_ == "prep" and child.lower_ in ("by", "with", "of"):
            for pobj in child.children:
                if pobj.dep_ not in ("pobj", "pcomp"):
                    continue  # "rounds of firing by the police": a gerund is a pcomp
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
