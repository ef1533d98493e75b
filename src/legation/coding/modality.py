"""Did it happen? Modality and attribution of a trigger from its clause and the clauses above.

Walks from the trigger up through the clauses that govern it ("planned *a trip*",
"refused *to visit*", "will likely *ship*", "*response* will be to cross … by beginning
*shipments*") and collects markers: negation, plans and intentions, modal or conditional
language. Negation wins over hypothetical, which wins over planned; no marker → occurred.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from legation.model import Modality

NEGATORS = frozenset({"not", "n't", "never", "no"})
# Governing verbs that cancel what they govern: "failed to sign", "denied supplying".
NEGATING_VERBS = frozenset(
    "fail refuse decline cancel scrap abandon avoid skip postpone call_off forgo deny rule "
    "reject".split()
)
# Verbs that end or undo the event their object names: "cancelled the trip", "lifted the ban".
NEGATING_OBJECT_VERBS = frozenset(
    "cancel scrap abandon postpone call_off skip forgo lift end remove revoke rescind drop "
    "halt suspend stop deny rule".split()
)
# Governing verbs (and adjectives) that make what they govern an intention: "plans to visit".
PLANNING_VERBS = frozenset(
    "plan intend schedule prepare aim hope want wish seek expect propose agree promise pledge "
    "vow decide arrange set due mean offer invite willing ready prepared eager keen".split()
)
# The subset that does so for a noun object too ("planned a trip"; but "agreed a deal" happened).
PLANNING_OBJECT_VERBS = frozenset("plan propose schedule prepare seek want intend".split())
# Governing verbs that make what they govern a possibility or a request: "urged X to leave".
HYPOTHETICAL_VERBS = frozenset(
    "consider mull weigh threaten risk contemplate urge ask demand press call appeal warn".split()
)
HYPOTHETICAL_WORDS = frozenset(
    ["likely", "unlikely", "probably", "possibly", "perhaps", "maybe", "potentially", "reportedly"]
)
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "would", "should", "can", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
PLANNED_ADJ = frozenset(
    ["planned", "proposed", "scheduled", "upcoming", "prospective", "expected", "future"]
)
HYPOTHETICAL_ADJ = frozenset(["possible", "potential", "hypothetical", "rumoured", "rumored"])
# Event nouns that govern a "to" clause the same way: "Kim's refusal to visit Moscow".
NEGATING_NOUNS = frozenset(
    "refusal failure reluctance unwillingness cancellation postponement snub rejection "
    "rebuff denial".split()
)
# A subject that says nobody did it: "No Soviet leader went", "None of them", "Neither … nor".
NEGATIVE_SUBJECTS = frozenset({"none", "nobody", "nothing", "neither", "noone"})
NEGATIVE_DETS = frozenset({"no", "neither"})
# Predicates that say what a report asserted is untrue: "reports that … proved false".
FALSITY_WORDS = frozenset(
    "false untrue baseless unfounded groundless wrong incorrect fabricated fake".split()
)
COUNTERFACTUAL_AUX = frozenset({"had", "were", "should"})
PLANNING_NOUNS = frozenset(
    [
        "plan",
        "plans",
        "intention",
        "proposal",
        "invitation",
        "offer",
        "bid",
        "promise",
        "pledge",
        "readiness",
        "willingness",
        "hope",
        "desire",
        "decision",
        "agreement",
    ]
)
HAPPEN_VERBS = frozenset(["happen", "materialize", "materialise", "occur", "proceed"])
REPORTING_VERBS = frozenset(
    "say claim report allege suggest state insist tell add confirm announce note write "
    "believe think assert contend argue estimate show indicate warn conclude".split()
)
CLIMB_DEPS = frozenset({"xcomp", "pcomp", "prep", "pobj", "dobj", "acomp", "attr", "oprd"})
MAX_CLIMB = 8


@dataclass(frozen=True, slots=True)
class ModalityResult:
    modality: Modality
    reason: str  # the word that decided it, e.g. "never", "planned", "will likely"


def modality_of(trigger: Token, *, climb: bool = True) -> ModalityResult:
    """The modality of the event carried by ``trigger`` (a verb or an event noun).

    ``climb=False`` reads only the trigger's own markers: for an event noun that is the
    object of another event ("Kim declined *the invitation*"), whose modality is not its own.
    """
    found: dict[Modality, str] = {}
    chain = _chain(trigger) if climb else _frame(trigger)
    for position, token in enumerate(chain):
        _markers_on(token, found, is_trigger=position == 0)
        if position > 0:
            _governing_verb(token, chain[position - 1], found)
    _never_happened(trigger, found)
    _proved_false(chain[-1], found)
    for modality in ("negated", "hypothetical", "planned"):
        if modality in found:
            return ModalityResult(modality, found[modality])
    return ModalityResult("occurred", "")


def _frame(trigger: Token) -> list[Token]:
    """For an event noun inside another event: only the word that frames it ("lifted *the
    ban*", "a proposal for *a truce*") can change its modality."""
    head = trigger.head
    if trigger.dep_ == "dobj":
        return [trigger, head]
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        return [trigger, head, head.head]
    return [trigger]


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the heads that govern its modality, nearest first."""
    chain = [trigger]
    token = trigger
    for _ in range(MAX_CLIMB):
        framed = token.head.lemma_.lower() in NEGATING_VERBS | HYPOTHETICAL_VERBS
        if token.dep_ in ("ccomp", "advcl") and framed:
            token = token.head  # "denied that it supplied", "demanded that Russia release"
            chain.append(token)
            continue
        if token.dep_ in ("nsubj", "nsubjpass", "ROOT", "ccomp", "relcl", "advcl", "parataxis"):
            break
        if token.dep_ == "conj":
            token = token.head
            chain.append(token)
            continue
        if token.dep_ not in CLIMB_DEPS and not (token.dep_ == "acl" and token.pos_ != "NOUN"):
            break
        token = token.head
        chain.append(token)
    return chain


def _markers_on(token: Token, found: dict[Modality, str], *, is_trigger: bool) -> None:
    for child in token.children:
        lower = child.lower_
        if (
            child.dep_ == "neg"
            or (lower in ("never",) and child.dep_ == "advmod")
            or (child.dep_ == "det" and lower == "no" and is_trigger)
        ):
            found.setdefault("negated", lower)
        elif child.dep_ == "aux" and lower in HYPOTHETICAL_AUX:
            perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in token.children)
            found.setdefault("hypothetical", f"{lower} have" if perfect else lower)
        elif child.dep_ == "aux" and (lower in FUTURE_AUX or child.lemma_ == "will"):
            hedge = [c.lower_ for c in token.children if c.lower_ in HYPOTHETICAL_WORDS]
            if hedge:
                found.setdefault("hypothetical", f"{lower} {hedge[0]}")
            else:
                found.setdefault("planned", lower)
        elif (child.dep_ == "advmod" and lower in HYPOTHETICAL_WORDS) or (
            child.dep_ == "mark" and lower in CONDITION_MARKS
        ):
            found.setdefault("hypothetical", lower)
        elif child.dep_ == "amod" and token.pos_ in ("NOUN", "PROPN"):
            if lower in PLANNED_ADJ:
                found.setdefault("planned", lower)
            elif lower in HYPOTHETICAL_ADJ:
                found.setdefault("hypothetical", lower)
    _negative_subject(token, found)
    _counterfactual(token, found)
    _headline_future(token, found)
    if token.lower_ in HYPOTHETICAL_WORDS and token.pos_ == "ADJ":
        found.setdefault("hypothetical", token.lower_)
    if token.lower_ == "going" and any(c.dep_ == "xcomp" for c in token.children):
        found.setdefault("planned", "going to")


def _negative_subject(token: Token, found: dict[Modality, str]) -> None:
    """ "No Soviet leader ever went", "None of them visited", "Neither X nor Y signed"."""
    if token.pos_ not in ("VERB", "AUX"):
        return
    for child in token.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        dets = [g.lower_ for g in child.children if g.dep_ in ("det", "preconj")]
        word = next((d for d in dets if d in NEGATIVE_DETS), None)
        if child.lower_ in NEGATIVE_SUBJECTS or word:
            found.setdefault("negated", f"{word + ' ' if word else ''}{child.lower_}")


def _headline_future(token: Token, found: dict[Modality, str]) -> None:
    """Headline syntax: "Russia to send troops to Belarus" (no "is"): a plan."""
    if token.dep_ != "ROOT" or token.tag_ != "VB":
        return
    children = list(token.children)
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    if has_to and any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        found.setdefault("planned", "to (headline)")


def _counterfactual(token: Token, found: dict[Modality, str]) -> None:
    """ "Had Khrushchev visited, …": an inverted auxiliary before the subject is an unreal
    condition."""
    if token.dep_ not in ("advcl", "ccomp") or token.left_edge.dep_ not in ("aux", "auxpass"):
        return  # the auxiliary opens the clause: "Had X …", not "X had …"
    subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in token.children:
        inverted = subjects and child.i < min(subjects)
        if child.dep_ in ("aux", "auxpass") and child.lower_ in COUNTERFACTUAL_AUX and inverted:
            found.setdefault("hypothetical", f"{child.lower_} (inverted)")


def _proved_false(top: Token, found: dict[Modality, str]) -> None:
    """ "Reports that Kim visited Moscow proved false": the report's claim is denied."""
    if top.dep_ not in ("nsubj", "nsubjpass"):
        return
    for child in top.head.children:
        if child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in FALSITY_WORDS:
            found.setdefault("negated", f"{top.head.lower_} {child.lower_}")


def _governing_verb(token: Token, below: Token, found: dict[Modality, str]) -> None:
    """Markers from a verb that governs the trigger's clause (``below`` is the step under it)."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN") and below.dep_ in ("acl", "prep"):
        if lemma in NEGATING_NOUNS:
            found.setdefault("negated", lemma)
        elif lemma in PLANNING_NOUNS:
            found.setdefault("planned", lemma)
        return
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return
    via_object = below.dep_ in ("dobj", "pobj", "prep")
    if lemma in (NEGATING_OBJECT_VERBS if via_object else NEGATING_VERBS):
        found.setdefault("negated", lemma)
    elif lemma in HYPOTHETICAL_VERBS and not via_object:
        found.setdefault("hypothetical", lemma)
    elif lemma in (PLANNING_OBJECT_VERBS if via_object else PLANNING_VERBS):
        found.setdefault("planned", lemma)


def _never_happened(trigger: Token, found: dict[Modality, str]) -> None:
    """ "X planned a trip, but it never happened" / "the trip did not take place"."""
    sentence = trigger.sent
    for token in sentence:
        lemma = token.lemma_.lower()
        is_happen = lemma in HAPPEN_VERBS or (
            lemma == "take" and any(c.lower_ == "place" for c in token.children)
        )
        if not is_happen or not any(c.dep_ == "neg" or c.lower_ == "never" for c in token.children):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            refers = subject == trigger or (
                subject.lower_ in ("it", "this", "that") and trigger.i < subject.i
            )
            if refers:
                found.setdefault("negated", f"never {token.text}")


def attribution_of(trigger: Token) -> str | None:
    """Who asserts the event, when the text says so ("Multiple reports suggest …")."""
    token = trigger
    for _ in range(MAX_CLIMB):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                return " ".join(t.text for t in child.subtree)
        if token.dep_ in (
            "ccomp",
            "conj",
            "xcomp",
            "advcl",
            "dobj",
            "pobj",
            "prep",
            "pcomp",
            "nsubj",
            "nsubjpass",
        ):
            head = token.head
            if token.dep_ == "ccomp" and head.lemma_.lower() in REPORTING_VERBS:
                subject = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subject:
                    return " ".join(t.text for t in subject[0].subtree)
            token = head
            continue
        break
    return None
