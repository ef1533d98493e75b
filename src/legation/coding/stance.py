"""Stances: refusing or promising a cooperative act is itself an event.

"will not lift the ban" is a rejection (CAMEO 12x); "agreed to withdraw its troops" or "will
release the hostages" is an expressed intent (CAMEO 03x). Such a cooperative event (roots
04–08) is coded twice: itself, ``negated`` or ``planned``, and the stance, ``occurred``,
with the matching 12x or 03x code (the CAMEO codebook's convention for negated and future
cooperation). Plain past negation ("did not attend") reports a non-event, not a refusal.
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
