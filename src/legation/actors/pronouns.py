"""What a pronoun stands for: "The ministry says *it* has arrested …".

``ArticleActors`` (``actors.resolver``) resolves every pronoun of an article once, when it
indexes the article's mentions: the nearest compatible earlier mention (``antecedent``),
with the pronoun's own words as the actor's text, and then two refinements from here:

- A pronoun subject of a clause reported by a speech or claim verb stands for that verb's
  subject when the two agree in kind ("the rebels claimed *they* had shot down …", "Lebanon
  says *it* will not …", "Obama said *he* …"): the speaker wins over a nearer mention.
- A pronoun whose antecedent lies in the same sentence is named by the antecedent's words,
  so the event record says who acted ("Nigerian Air Force", not "it"); the pronoun's token
  position is kept for the coder's span checks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from legation.model import Mention

if TYPE_CHECKING:
    from legation.actors.resolver import ArticleActors

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
# Verbs that report or commit to the content of their clause: the subject pronoun of that
# clause is most likely the speaker ("Lebanon says *it* will not …").
SPEECH_VERBS = frozenset(
    "say claim report allege suggest state insist tell add confirm announce note write "
    "believe think assert contend argue estimate show indicate warn conclude "
    "admit deny vow pledge promise threaten declare acknowledge stress reiterate maintain "
    "reaffirm explain complain boast hope fear expect agree decide".split()
)
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# One person named by office: "Iran's foreign minister has said *he* hopes …".
PERSON_TITLES = frozenset(
    "minister president premier chancellor spokesman spokeswoman spokesperson leader chief "
    "secretary king queen prince emir sultan governor ambassador envoy commander general "
    "mayor senator lawmaker official diplomat prosecutor judge director chairman head".split()
)


def named(
    pronoun: Token, antecedent: Mention, speakers: list[Mention], actors: ArticleActors
) -> list[Mention]:
    """What a pronoun with this antecedent stands for: its speakers when it has any, else
    the antecedent, named by its own words when they are in the pronoun's sentence."""
    if speakers:
        return speakers
    same = _same_sentence(pronoun, antecedent, actors)
    return [same if same is not None else antecedent]


def speakers(pronoun: Token, actors: ArticleActors) -> list[Mention]:
    """The subject of the speech verb that reports the pronoun's clause, when compatible;
    "they" after coordinated speakers stands for each of them ("Merkel and Macron said
    *they* would visit …")."""
    if pronoun.dep_ not in SUBJECT_DEPS:
        return []
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.dep_ == "ccomp":
        clause = clause.head  # "said it would withdraw and *release* …"
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_VERBS:
        return []
    speech = clause.head
    subjects = [c for c in speech.children if c.dep_ in SUBJECT_DEPS]
    if not subjects or subjects[0].i > pronoun.i:
        return []
    found = actors.all_for(subjects[0])
    if not found:
        for child in subjects[0].children:
            if child.dep_ == "poss":
                found = actors.all_for(child)  # "the ministry's spokesman said it …"
                break
    if not found or found[0].reason.startswith("pronoun:"):
        return []
    if not _agrees(pronoun, found, actors):
        return []
    speakers = found if pronoun.lower_ in PLURAL_PRONOUNS else found[:1]
    return [
        Mention(
            pronoun.i,
            pronoun.i + 1,
            replace(speaker.actor, text=_text(speaker, actors)),
            f"pronoun:{pronoun.lower_}→speaker:{speaker.actor.text}",
        )
        for speaker in speakers
        if not speaker.reason.startswith("pronoun:")
    ]


def _agrees(pronoun: Token, found: list[Mention], actors: ArticleActors) -> bool:
    """it ↔ one state or body; they ↔ a group or several actors; he/she ↔ one person."""
    lower = pronoun.lower_
    first = found[0]
    person = id(first) in actors.persons
    if lower in PERSON_PRONOUNS:
        root = actors.doc[first.start : first.end].root
        titled = (
            root.tag_ in ("NN", "NNP")
            and root.lemma_.lower() in PERSON_TITLES
            and "story-country" not in first.reason  # "Iran's foreign minister", not a guess
        )
        return (person or titled) and len(found) == 1
    if lower in THING_PRONOUNS:
        return not person and len(found) == 1 and actors.singular_body(first)
    if lower in PLURAL_PRONOUNS:
        if len(found) >= 2:
            return True
        root = actors.doc[first.start : first.end].root
        return not person and root.tag_ in ("NNS", "NNPS")
    return False


def _same_sentence(pronoun: Token, mention: Mention, actors: ArticleActors) -> Mention | None:
    """The pronoun's mention, named by its antecedent's words when they are in its sentence."""
    sentence = pronoun.sent
    for other in reversed(actors.mentions):
        if other.end > pronoun.i or other.start < sentence.start:
            continue
        if other.reason.startswith("pronoun:") or other.actor.code != mention.actor.code:
            continue
        if other.actor.name != mention.actor.name:
            continue
        return replace(mention, actor=replace(mention.actor, text=_text(other, actors)))
    return None


def _text(mention: Mention, actors: ArticleActors) -> str:
    return mention.actor.text or actors.doc[mention.start : mention.end].text
