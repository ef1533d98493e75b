"""Did it happen? Modality and attribution of a trigger from its clause and the clauses above.

Walks from the trigger up through the clauses that govern it ("planned *a trip*",
"refused *to visit*", "will likely *ship*", "*response* will be to cross … by beginning
*shipments*") and collects markers: negation, plans and intentions, modal or conditional
language. Negation wins over hypothetical, which wins over planned; no marker → occurred.

Besides: a question asserts nothing ("Will India send troops?" → hypothetical); what one
is urged, pressed or wanted to do is hypothetical, even when the urging is negated ("did not
ask Russia to help": the help is not negated, it is unasked); deontic frames ("it is best to
send", "the need is to reach out", "is best probed by") make their complement hypothetical;
a reported "would" ("announced it would free") is a future in the past: planned; an event
noun "to be held" or the subject of "is expected / scheduled" is planned.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc, Token

from legation.coding.doc_arrays import key_text, string_key, token_keys
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
    "halt suspend stop deny rule shelve defer".split()
)
# "put on hold its decision to ask", "kept the plan in abeyance": suspended, so not done.
SUSPENDING_VERBS = frozenset({"put", "keep"})
SUSPENSION_WORDS = frozenset({"hold", "abeyance", "backburner", "ice"})
# Governing verbs (and adjectives) that make what they govern an intention: "plans to visit".
PLANNING_VERBS = frozenset(
    "plan intend schedule prepare aim hope want wish seek expect propose agree promise pledge "
    "vow decide arrange set due mean offer invite willing ready prepared eager keen "
    "determined resolved committed poised slated wait".split()
)
# Offering and promising an act is not doing it: "offered talks", "pledged aid".
OFFERING_VERBS = frozenset("offer promise pledge vow".split())
# The subset that does so for a noun object too ("planned a trip"; but "agreed a deal" happened).
PLANNING_OBJECT_VERBS = (
    frozenset("plan propose schedule prepare seek want intend".split()) | OFFERING_VERBS
)
# Acts that offering performs: "offered an apology" apologises, "offered condolences".
OFFERED_ACTS = frozenset(
    "apology condolence sympathy prayer thanks congratulation praise greeting tribute "
    "explanation".split()
)
# Governing verbs that make what they govern a possibility or a request: "urged X to leave".
HYPOTHETICAL_VERBS = frozenset(
    "consider mull weigh threaten risk contemplate urge ask demand press call appeal warn "
    "pressure pressurise pressurize push encourage persuade lobby exhort implore beg request "
    "need".split()
)
# Verbs of wanting: with someone else as the doer ("wants Putin to attack"), a wish, not a plan.
WANTING_VERBS = frozenset("want wish like prefer need expect".split())
# Nouns of urging and trying that govern a "to" clause: "pressure from Congress to help Iran",
# "attempts to violate the order", "took precautions to defuse any tension". The act they name
# has not happened (it is what the effort or measure is for).
HYPOTHETICAL_NOUNS = frozenset(
    "pressure call demand appeal plea request urging push attempt effort threat ultimatum "
    "need precaution step measure".split()
)
# Deontic frames: "it is *best* to send", "the *need* of the hour is to reach out".
DEONTIC_ADJ = frozenset(
    "best better necessary essential important imperative vital crucial advisable desirable "
    "needed".split()
)
DEONTIC_SUBJECTS = frozenset("need task priority duty aim goal job challenge answer".split())
# Verbs that put a question, and the words that open an indirect one: "asked whether …".
QUESTION_VERBS = frozenset("ask wonder know question inquire enquire query".split())
QUESTION_WORDS = frozenset("whether if why what how where when who whom which".split())
# Verbs that report or announce: a "would" under them is a future in the past.
ANNOUNCING_VERBS = frozenset("announce promise pledge vow decide agree declare".split())
# An event noun as subject of these is planned when they are passive: "a verdict is expected".
PLANNED_PASSIVES = frozenset("expect schedule plan slate set fix propose".split())
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
# Aims with a "to" clause: "with an aim to grab their land", "a design to capture the town"
# (but "the aim of the talks" says nothing of whether the talks were held).
AIM_NOUNS = frozenset("aim goal objective intent design motive ambition".split())
# Heads whose "that" clause is a forecast, fear or confidence, not a plan: "confident that
# people will support us", "fears that the allies would walk out".
FORECAST_HEADS = frozenset(
    "fear worry apprehend predict doubt suspect confident sure certain hopeful optimistic "
    "convinced afraid apprehensive worried fearful doubtful".split()
)
FORECAST_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "may", "might", "could"})
# Verbs whose "that" clause is a goal: "to ensure that they do not walk out" (not yet).
ENSURING_VERBS = frozenset("ensure insure guarantee".split())
HAPPEN_VERBS = frozenset(["happen", "materialize", "materialise", "occur", "proceed", "come"])
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
    top = trigger if climb else chain[-1]  # the frame's verb: "hold *the rally*"
    goal = _goal(top) or _forecast(top) or _measure_purpose(top) or _made_for(top)
    if goal is not None:
        return ModalityResult("hypothetical", goal)
    shielded = False  # above an urging or wanting verb, negation is that verb's, not the act's
    for position, token in enumerate(chain):
        if position > 0:
            before = "hypothetical" in found
            _governing_verb(token, chain[position - 1], found)
            shielded = shielded or (not before and "hypothetical" in found)
        markers: dict[Modality, str] = {}
        _markers_on(token, markers, is_trigger=position == 0)
        if shielded:
            markers.pop("negated", None)
        for modality, reason in markers.items():
            found.setdefault(modality, reason)
    _question(trigger, found)
    _set_aside(trigger, found)
    if climb:
        _planned_subject(chain[-1], found)
    _never_happened(trigger, found)
    _possibility(trigger, found)
    _proved_false(chain[-1], found)
    for modality in ("negated", "hypothetical", "planned"):
        if modality in found:
            return ModalityResult(modality, found[modality])
    return ModalityResult("occurred", "")


def _clause_verb(trigger: Token) -> Token:
    """The verb of the clause that holds ``trigger``: "hold *the rally*", "go and *vote*"."""
    token = trigger
    for _ in range(MAX_CLIMB):
        if token.dep_ not in ("conj", "dobj", "pobj", "prep", "xcomp") or token.head is token:
            break
        token = token.head
    return token


def _forecast(trigger: Token) -> str | None:
    """ "I am confident that people will support us", "feared that the VHP would attack":
    a future act someone predicts or fears (of others, or of oneself) is a possibility, not a
    plan; a negation in it ("sure they will not walk out") is predicted, not reported."""
    token = _clause_verb(trigger)
    if token.dep_ != "ccomp" or token.head.lemma_.lower() not in FORECAST_HEADS:
        return None
    for child in token.children:
        if child.dep_ == "aux" and (child.lower_ in FORECAST_AUX or child.lemma_ == "will"):
            return f"{token.head.lower_} {child.lower_}"
    return None


MEASURE_NOUNS = frozenset("precaution step measure effort attempt bid".split())


def _measure_purpose(trigger: Token) -> str | None:
    """ "Took extra precautions to defuse any tension", "made efforts to end the strike": the
    parser often hangs the "to" clause on the verb, not on the noun of trying; the act is what
    the measure is for, not something that happened."""
    token = _clause_verb(trigger)
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    if token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in MEASURE_NOUNS:
        return f"{token.head.lower_} to"  # "steps to defuse" read as a relative clause
    if token.dep_ != "advcl":
        return None
    for child in token.head.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in MEASURE_NOUNS:
            return f"{child.lower_} to"
    return None


# "a force created to quell riots", "a squad formed to tackle terrorism": what it is for.
CREATING_VERBS = frozenset("create form establish constitute raise set train equip design".split())


def _made_for(trigger: Token) -> str | None:
    """The purpose a body was created or trained for ("the force, which was created to quell
    riots") tells its task, not an act done."""
    token = _clause_verb(trigger)
    if token.dep_ not in ("advcl", "xcomp") or token.head.lemma_.lower() not in CREATING_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    return f"{token.head.lower_} to"


def _goal(trigger: Token) -> str | None:
    """ "To ensure that the allies do not walk out", "will make sure that no one crosses": the
    clause is a goal someone means to secure, so its act (done or not done) is only aimed at;
    a negation in it says what is to be prevented, not what did not happen. A finite
    "ensured that no rally was held" reports the outcome and is left to the other rules."""
    token = _clause_verb(trigger)
    if token.dep_ != "ccomp":
        return None
    head = token.head
    if head.lemma_.lower() == "sure" and head.head.lemma_.lower() == "make":
        head = head.head
    elif head.lemma_.lower() not in ENSURING_VERBS:
        return None
    for child in head.children:
        lower = child.lower_
        if child.dep_ == "aux" and (
            lower == "to" or lower in HYPOTHETICAL_AUX or lower in FUTURE_AUX
        ):
            return f"{lower} {head.lower_}"
    return None


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
        wanted = token.head.lemma_.lower() in WANTING_VERBS | PLANNING_VERBS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        deontic = token.dep_ == "advcl" and any(  # "it is important for X to criticise"
            c.dep_ == "acomp" and c.lower_ in DEONTIC_ADJ for c in token.head.children
        )
        if (
            (token.dep_ in ("ccomp", "advcl") and framed)
            or (token.dep_ == "ccomp" and wanted)
            or deontic
        ):
            token = token.head  # "denied that it supplied", "wants Putin to attack"
            chain.append(token)
            continue
        if token.dep_ in ("nsubj", "nsubjpass", "ROOT", "ccomp", "relcl", "advcl", "parataxis"):
            break
        if token.dep_ in ("oprd", "acomp", "attr") and _own_finite_clause(token):
            break  # "… most volatile, more members died in …" hung on "considered": a clause
        if token.dep_ == "conj":
            token = token.head
            chain.append(token)
            continue
        if token.dep_ not in CLIMB_DEPS and not (token.dep_ == "acl" and token.pos_ != "NOUN"):
            break
        if token.dep_ == "acl" and token.tag_ == "VBN" and not any(
            c.dep_ in ("aux", "auxpass") for c in token.children
        ):
            break  # "an agreement *forced on* Qatar": a bare participle's act is its own
        token = token.head
        chain.append(token)
    return chain


def _own_finite_clause(token: Token) -> bool:
    """A tensed verb with its own subject: a clause of its own, whatever the parse hangs it on."""
    finite = token.tag_ in ("VBD", "VBZ", "VBP")
    return finite and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


# "instead of cracking down", "rather than firing": the act set aside did not happen.
INSTEAD_MARKS = frozenset({("instead", "of"), ("rather", "than")})


def _set_aside(trigger: Token, found: dict[Modality, str]) -> None:
    """ "Instead of cracking down on the mob, the police stood by": not done."""
    prep = trigger.head
    if trigger.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep":
        return
    for child in prep.children:
        if child.dep_ == "advmod" and (child.lower_, prep.lower_) in INSTEAD_MARKS:
            found.setdefault("negated", f"{child.lower_} {prep.lower_}")


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
            if lower == "would" and not perfect and _reported_future(token):
                found.setdefault("planned", "would")  # the reason an intent (03x) reads
            else:
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
    _deontic(token, found)
    if is_trigger and token.pos_ in ("NOUN", "PROPN"):
        _to_be_held(token, found)
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
    """ "Had the president visited, …": an inverted auxiliary before the subject is an unreal
    condition."""
    if token.dep_ not in ("advcl", "ccomp") or token.left_edge.dep_ not in ("aux", "auxpass"):
        return  # the auxiliary opens the clause: "Had X …", not "X had …"
    subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in token.children:
        inverted = subjects and child.i < min(subjects)
        if child.dep_ in ("aux", "auxpass") and child.lower_ in COUNTERFACTUAL_AUX and inverted:
            found.setdefault("hypothetical", f"{child.lower_} (inverted)")


def _reported_future(token: Token) -> bool:
    """ "Israel announced it would free …": "would" in what a past report or announcement
    says is a future in the past, unless a condition hangs on it ("would … if …")."""
    if token.dep_ != "ccomp" or token.head.tag_ not in ("VBD", "VBN"):
        return False
    if token.head.lemma_.lower() not in REPORTING_VERBS | ANNOUNCING_VERBS:
        return False
    return not any(t.dep_ == "mark" and t.lower_ in CONDITION_MARKS for t in token.subtree)


def _deontic(token: Token, found: dict[Modality, str]) -> None:
    """ "It was best to send cash", "the need of the hour is to help", "were best probed by
    the courts": what ought to be done, not what was done."""
    if token.lemma_ == "be" or token.pos_ == "AUX":
        below = list(token.children)
        infinitive = any(c.dep_ in ("xcomp", "attr", "ccomp") and c.tag_ == "VB" for c in below)
        for child in token.children:
            complements = below + list(child.children)
            if child.dep_ == "acomp" and child.lower_ in DEONTIC_ADJ:
                if any(c.dep_ in ("xcomp", "ccomp", "advcl") for c in complements):
                    found.setdefault("hypothetical", child.lower_)
            elif child.dep_ == "nsubj" and child.lemma_.lower() in DEONTIC_SUBJECTS and infinitive:
                found.setdefault("hypothetical", f"{child.lower_} is to")
            elif (
                child.dep_ == "attr"
                and child.lemma_.lower() in DEONTIC_SUBJECTS
                and infinitive
                and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in below)
            ):
                found.setdefault("hypothetical", f"it is {child.lower_} to")  # "their job to"
    if token.tag_ == "VBN":
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in ("best", "better"):
                found.setdefault("hypothetical", f"{child.lower_} {token.lower_}")


def _to_be_held(noun: Token, found: dict[Modality, str]) -> None:
    """ "the meeting to be held on March 8", "talks scheduled for May": not yet."""
    for child in noun.children:
        if child.dep_ not in ("acl", "relcl"):
            continue
        deps = {(c.dep_, c.lower_) for c in child.children}
        if ("aux", "to") in deps and ("auxpass", "be") in deps:
            found.setdefault("planned", f"to be {child.lower_}")
        elif child.lemma_.lower() in PLANNED_PASSIVES and child.tag_ == "VBN":
            found.setdefault("planned", child.lower_)


def _planned_subject(top: Token, found: dict[Modality, str]) -> None:
    """ "A verdict is expected", "the summit is scheduled for May": an event noun as the
    subject of a passive planning verb."""
    if top.dep_ != "nsubjpass" or top.pos_ not in ("NOUN", "PROPN"):
        return
    if top.head.lemma_.lower() in PLANNED_PASSIVES:
        found.setdefault("planned", top.head.lower_)


def _question(trigger: Token, found: dict[Modality, str]) -> None:
    """A question asserts nothing: "Will India send troops?", "Who attacked the convoy?" (the
    clause that holds the question mark holds the trigger), or an indirect one: "asked why he
    did not wait for the verdict", "wanted to know whether Islamabad had changed"."""
    sent, doc = trigger.sent, trigger.doc
    orth = token_keys(doc, ORTH)
    for i in range(sent.start, sent.end):
        if orth[i] != _QUESTION_MARK:
            continue  # read from the doc's array: no Token for each word
        mark = doc[i]
        if mark.head == trigger or mark.head.is_ancestor(trigger):
            found.setdefault("hypothetical", "question")
            return
    for above in [trigger, *trigger.ancestors]:
        wh = above.left_edge.lower_
        asked = above.head.lemma_.lower() in QUESTION_VERBS
        if above.dep_ == "ccomp" and asked and wh in QUESTION_WORDS and above.head is not above:
            found.setdefault("hypothetical", f"{above.head.lower_} {wh}")
            return


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
        elif lemma in HYPOTHETICAL_NOUNS and below.dep_ == "acl":
            found.setdefault("hypothetical", lemma)
        elif lemma in PLANNING_NOUNS or (lemma in AIM_NOUNS and below.dep_ == "acl"):
            found.setdefault("planned", lemma)
        return
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return
    via_object = below.dep_ in ("dobj", "pobj", "prep")
    if lemma in SUSPENDING_VERBS and _on_hold(token, below):
        found.setdefault("negated", f"{lemma} on {below.lower_}")
    elif lemma in (NEGATING_OBJECT_VERBS if via_object else NEGATING_VERBS):
        found.setdefault("negated", lemma)
    elif lemma in HYPOTHETICAL_VERBS and not via_object:
        found.setdefault("hypothetical", lemma)
    elif lemma in WANTING_VERBS and not via_object and _someone_else(token, below):
        found.setdefault("hypothetical", f"{lemma} (another's act)")
    elif lemma in (PLANNING_OBJECT_VERBS if via_object else PLANNING_VERBS) and not (
        via_object and below.lemma_.lower() in OFFERED_ACTS
    ):
        found.setdefault("planned", lemma)


def _on_hold(verb: Token, below: Token) -> bool:
    """ "put on hold its decision", "kept the plan in abeyance" (the parser may read "hold" as
    the object and the decision as its object, or "on hold" as a phrase beside the object)."""
    if below.lemma_.lower() in SUSPENSION_WORDS:
        return True
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in")):
        if any(c.lemma_.lower() in SUSPENSION_WORDS for c in prep.children):
            return True
    return False


def _someone_else(verb: Token, below: Token) -> bool:
    """ "wants Putin to attack" (the complement has its own subject) or "wants them to go"
    (an object): the wanted act is another's."""
    if below.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in below.children):
        return True
    return below.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.children)


# Nouns that hold an event out as possible, not as done: "the possibility of sanctions",
# "the risk of an attack", "the prospect that Russia invades".
POSSIBILITY_NOUNS = frozenset(
    "possibility prospect risk danger threat spectre specter likelihood chance fear "
    "potential option".split()
)


SUPPOSING_AUX = FORECAST_AUX - FUTURE_AUX  # would, could, might, may


def _possibility(trigger: Token, found: dict[Modality, str]) -> None:
    """An event named as a possibility ("raised the possibility of sanctions against
    Uganda", "warned of the risk of an attack"), or the subject of a hedged clause ("an
    attack would lead to …"), is hypothetical."""
    head: Token | None = None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
        head = trigger.head.head
    elif trigger.dep_ in ("acl", "ccomp") and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in trigger.children
    ):
        head = trigger.head
    if head is not None and head.pos_ == "NOUN" and head.lemma_.lower() in POSSIBILITY_NOUNS:
        found.setdefault("hypothetical", head.lemma_.lower())
        return
    # An event noun that is the subject of a hedged clause: "a nuclear attack … *would*
    # lead to the end of the regime" — the attack is supposed, not reported.
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass"):
        for child in trigger.head.children:
            if child.dep_ == "aux" and child.lower_ in SUPPOSING_AUX:
                found.setdefault("hypothetical", child.lower_)
                return


def _never_happened(trigger: Token, found: dict[Modality, str]) -> None:
    """ "X planned a trip, but it never happened" / "the trip did not take place"."""
    sentence, doc = trigger.sent, trigger.doc
    lemmas = token_keys(doc, LEMMA)
    for i in range(sentence.start, sentence.end):
        if not _may_happen(lemmas[i], doc):
            continue  # read from the doc's array: no Token for each word
        token = doc[i]
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
            # "prayed for police intervention which never came": the relative's antecedent
            refers = refers or (
                subject.lower_ in ("which", "that")
                and token.dep_ == "relcl"
                and token.head == trigger
            )
            if refers:
                found.setdefault("negated", f"never {token.text}")


_QUESTION_MARK = string_key("?")
_HAPPEN_LEMMAS: dict[int, bool] = {}  # lemma hash → a verb of happening, or "take"


def _may_happen(lemma: int, doc: Doc) -> bool:
    """Whether a token of this lemma (hash) can be the happening of ``_never_happened``."""
    found = _HAPPEN_LEMMAS.get(lemma)
    if found is None:
        text = key_text(doc, lemma)
        word = text.lower() if text is not None else None
        found = _HAPPEN_LEMMAS[lemma] = word is None or word in HAPPEN_VERBS or word == "take"
    return found


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
