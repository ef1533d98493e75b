"""Stances: refusing or promising a cooperative act, or holding out a hostile one, is itself
an event.

"will not lift the ban" is a rejection (CAMEO 12x); "agreed to withdraw its troops" or "will
release the hostages" is an expressed intent (CAMEO 03x). Such a cooperative event (roots
04–08) is coded twice: itself, ``negated`` or ``planned``, and the stance, ``occurred``,
with the matching 12x or 03x code (the CAMEO codebook's convention for negated and future
cooperation). Plain past negation ("did not attend") reports a non-event, not a refusal.

The hostile counterpart is a threat (CAMEO 13x): an actor that says it will, would, could or
may take a hostile act of its own ("Russia warned that it could cut gas supplies",
"Iran said it would close the strait if attacked"), or vows to, has made a threat; the act
itself stays ``planned`` or ``hypothetical`` beside it. Someone else's prediction ("analysts
said Russia could invade") is no threat by Russia, so a hedged act counts only when the
actor itself says it (``threat_speaker``, in the engine).
"""

from __future__ import annotations

from spacy.tokens import Token

# Most specific first: a cooperative code prefix → its rejection code.
REFUSALS: tuple[tuple[str, str], ...] = (
    ("081", "1241"),  # ease administrative sanctions → refuse to
    ("082", "1242"),  # ease popular dissent
    ("083", "123"),  # accede to demands for reform → reject request for change in leadership
    ("0841", "1243"),  # release persons
    ("0842", "1243"),
    ("084", "1243"),  # return, release
    ("085", "1244"),  # ease economic sanctions, boycott, embargo
    ("086", "1245"),  # allow international involvement
    ("087", "1246"),  # de-escalate military engagement
    ("08", "124"),  # yield
    ("07", "122"),  # provide aid → reject request for aid
    ("06", "121"),  # material cooperation → reject material cooperation
    ("04", "125"),  # consult → reject proposal to meet, discuss or negotiate
    ("057", "127"),  # sign agreement → reject plan, agreement
    ("03", "120"),
    ("05", "120"),
)
# Most specific first: a cooperative code prefix → its "express intent" code.
INTENTS: tuple[tuple[str, str], ...] = (
    ("061", "0311"), ("062", "0312"), ("063", "0313"), ("064", "0314"), ("06", "031"),
    ("071", "0331"), ("072", "0332"), ("073", "0333"), ("074", "0334"), ("07", "033"),
    ("081", "0351"), ("082", "0352"), ("083", "034"), ("084", "0353"), ("085", "0354"),
    ("086", "0355"), ("087", "0356"), ("08", "035"),
    ("045", "039"), ("04", "036"), ("057", "037"), ("05", "032"),
)  # fmt: skip
# Planning words that state the source's own intent (not "is scheduled to", "may"; not
# "decided to ease sanctions", a decision taken, which keeps the event itself).
INTENT_REASONS = frozenset(
    "will 'll shall agree promise pledge vow offer willing ready prepared eager keen "
    "intend plan would".split()
)
# Most specific first: a hostile code prefix → the threat to do it.
THREATS: tuple[tuple[str, str], ...] = (
    ("161", "1313"), ("162", "1311"), ("163", "1312"), ("164", "134"), ("165", "135"),
    ("166", "136"), ("16", "131"),
    ("1721", "1321"), ("1722", "1322"), ("1723", "1323"), ("1724", "1324"), ("172", "132"),
    ("175", "137"), ("17", "130"),
    ("14", "133"),
    ("18", "1383"),
    ("190", "138"), ("191", "1381"), ("192", "1382"), ("19", "1384"),
    ("204", "1385"), ("20", "138"),
)  # fmt: skip
# Words that commit the source to a hostile act whoever reports it ("vowed to retaliate")
# and words that only do when the source says them of itself ("said it would retaliate").
THREAT_COMMITMENTS = frozenset("vow pledge promise ready prepared determined".split())
THREAT_HEDGES = frozenset("will 'll shall would could may might can".split())
VOLITIONAL_AUX = frozenset({"will", "wo", "would", "'ll", "can", "ca", "could", "shall"})
REFUSING_VERBS = frozenset({"refuse", "decline", "reject"})


def refusal_code(code: str) -> str | None:
    """The 12x code for refusing the cooperative event ``code``, or None."""
    for prefix, refusal in REFUSALS:
        if code.startswith(prefix):
            return refusal
    return None


def intent_code(code: str) -> str | None:
    """The 03x code for expressing intent to do the cooperative event ``code``, or None."""
    for prefix, intent in INTENTS:
        if code.startswith(prefix):
            return intent
    return None


def threat_code(code: str) -> str | None:
    """The 13x code for threatening the hostile event ``code``, or None."""
    for prefix, threat in THREATS:
        if code.startswith(prefix):
            return threat
    return None


def is_threat(reason: str, said_by_source: bool | None) -> bool:
    """The planned/hypothetical marker makes a threat: a commitment word, or a modal the
    source says of itself (``said_by_source``: True, False, or None when unknown)."""
    if reason in THREAT_COMMITMENTS:
        return said_by_source is not False
    return reason in THREAT_HEDGES and said_by_source is True


def is_intent(reason: str) -> bool:
    """The planned/hypothetical marker is the source's own commitment ("agreed to", "will")."""
    return reason in INTENT_REASONS


def is_refusal(clause: Token, reason: str) -> bool:
    """The clause is negated by will/cannot ("will not lift") or by "refuse to"."""
    if reason in REFUSING_VERBS:
        return True
    if reason not in ("not", "n't", "never"):
        return False
    return any(c.dep_ == "aux" and c.lower_ in VOLITIONAL_AUX for c in clause.children)
