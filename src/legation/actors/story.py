"""The story's country, and agents that take it: local news names no state.

"Police arrested five men in Lucknow" names no country, but the story does: its places
(Lucknow, Gujarat; ``gazetteer``) and the states it names (India, Indian, Vajpayee) vote,
and when one country holds at least ``MIN_VOTES`` votes and a ``DOMINANCE`` share of them,
it is the story's country (``story_country``). Agent mentions with no country of their own
("police", "the mob", "villagers", "the court") then take it (``with_story_country``),
except for sectors that are as often foreign as local (``CROSS_BORDER_SECTORS``). Some words
mean something else in one country's stories (``senses.tsv``, ``with_country_senses``):
"congress" in an Indian story is the Congress party, not a legislature.

Lower-cased articles (``is_lower_cased``: some sites publish all text in lower case) lose
the capitals that tell a place name from a word, so there lower-case tokens may count as
places; in ordinary text a place must be capitalised ("Mobile" the city, "mobile" the word).
Even in a lower-cased article, a lower-case name that inflects an English word ("swords",
"banning") is no place (``Gazetteer.country_of_lower``). A dateline ("lucknow: police
said ...") is worth ``DATELINE_VOTES``: local stories often name their town only there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.attrs import IS_ALPHA, IS_SPACE, ORTH, SPACY
from spacy.tokens import Doc, Span

from legation.actors.entries import ActorEntry, split_code
from legation.actors.gazetteer import Gazetteer
from legation.actors.kb import CountrySense
from legation.model import Actor, Mention

MIN_VOTES = 2
DATELINE_VOTES = 2  # a place opening a line before ":" or a dash ("lucknow: police ...")
_DATELINE_MARKS = frozenset({":", "-", "—", "–"})
_AGENCY_WORDS = 4  # at most this many tokens in the brackets of "(Reuters)", "(AP)"
DOMINANCE = 0.6  # share of all country votes the story's country must hold
LOWER_CASE_SHARE = 0.03  # below this share of capitalised words an article is lower-cased
MIN_WORDS = 20  # shorter texts are lower-cased only with no capital at all ...
MIN_WORDS_UNCASED = 6  # ... and at least this many words
STORY_REASON = "story-country"
SENSE_REASON = "kb:sense"  # a word's sense in the story's country (``with_country_senses``)
# Dependency labels of a sense word that modifies an agent noun: "congress leaders".
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
# Month and weekday names: a site's date line keeps their capitals in a lower-cased article.
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
CROSS_BORDER_SECTORS = frozenset({"REF", "NGO", "HRI", "IGO"})
# A named company ("AMC Entertainment Holdings Inc") is of no country by being in a story.
COMPANY_REASON = "name:company"
NAMED_REASONS = frozenset({COMPANY_REASON})


def is_lower_cased(doc: Doc) -> bool:
    """Mostly lower-case text: under ``LOWER_CASE_SHARE`` of its words are capitalised.

    Ordinary English capitalises a tenth or more of its words (sentence starts, names); a
    lower-cased article keeps a few (a capitalised header line), not that many. Lines whose
    every word is capitalised (a title, a "Facebook Twitter Mail" share bar) tell nothing
    about the body's case and are left out, and so are a capitalised first word of a line
    ("This story is from March 3, 2002") and capitalised month and weekday names. A short
    text (under ``MIN_WORDS`` words) counts only when it has no capital at all.
    """
    texts, _, space, alpha = _token_table(doc)
    upper = [text[:1].isupper() for text in texts]
    words = [
        i
        for i in _body_words(texts, space, alpha, upper)
        if alpha[i] and len(texts[i]) > 1 and not (upper[i] and doc[i].lower_ in _CALENDAR)
    ]
    capitalised = sum(1 for i in words if upper[i])
    if len(words) < MIN_WORDS:
        return len(words) >= MIN_WORDS_UNCASED and capitalised == 0
    return capitalised / len(words) < LOWER_CASE_SHARE


def _token_table(doc: Doc) -> tuple[list[str], list[str], list[int], list[int]]:
    """Each token's text, text with its trailing whitespace, ``is_space`` and ``is_alpha``
    (0 or 1), read from one array: a Token built per attribute read costs more than the
    work done with it."""
    strings = doc.vocab.strings
    orth, trailing, space, alpha = doc.to_array([ORTH, SPACY, IS_SPACE, IS_ALPHA]).T.tolist()
    texts = [strings[key] for key in orth]
    with_ws = [text + " " if ws else text for text, ws in zip(texts, trailing, strict=True)]
    return texts, with_ws, space, alpha


def _body_words(
    texts: list[str], space: list[int], alpha: list[int], upper: list[bool]
) -> list[int]:
    """The indices of a doc's tokens (their texts, ``is_space``, ``is_alpha`` and capital
    flags) but each line's first and lines whose every word is capitalised."""
    lines: list[list[int]] = [[]]
    for i, text in enumerate(texts):
        if space[i]:
            lines.extend([] for _ in range(text.count("\n")))
            continue
        lines[-1].append(i)  # a token's own trailing whitespace is one space or none
    out: list[int] = []
    for line in lines:
        words = [i for i in line if alpha[i]]
        if len(words) > 1 and all(upper[i] for i in words):
            continue
        # a line's first word is capitalised in any case: a capital there tells nothing
        out.extend(line[1:] if line and upper[line[0]] else line)
    return out


def place_votes(
    doc: Doc, gazetteer: Gazetteer, covered: set[int], lower_cased: bool
) -> list[tuple[int, int, str]]:
    """Place names in ``doc`` outside actor mentions: (start, end, country), longest first."""
    found = []
    texts, with_ws, space, _ = _token_table(doc)
    # word → may start a place name; name → its country: words recur, so each is asked once
    starts, looked = _memory_for(gazetteer)
    i = 0
    n = len(texts)
    while i < n:
        hit = None
        text = texts[i]
        if i not in covered and not space[i] and (lower_cased or text[:1].isupper()):
            may = starts.get(text)
            if may is None:
                may = starts[text] = gazetteer.may_start(text)
        else:
            may = False
        if may:
            # the longest name first; a span stops at the first token an actor covers
            end = i
            while end < min(n, i + gazetteer.longest) and end not in covered:
                end += 1
            for size in range(end - i, 0, -1):
                name = "".join(with_ws[i : i + size - 1]) + texts[i + size - 1]
                if name in looked:
                    country = looked[name]
                else:
                    country = looked[name] = (
                        gazetteer.country_of(name)
                        if name[:1].isupper()
                        else gazetteer.country_of_lower(name)
                    )
                if country is not None:
                    hit = (i, i + size, country)
                    break
        if hit is not None:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


# ``place_votes``' answers from one gazetteer (held here: the memory is its own), across
# articles: words that may start a place name, and the country of each name looked up.
_MEMORY: list[tuple[Gazetteer, dict[str, bool], dict[str, str | None]]] = []
_MEMORY_MAX = 100_000  # entries remembered; past this the memory starts afresh


def _memory_for(gazetteer: Gazetteer) -> tuple[dict[str, bool], dict[str, str | None]]:
    if (
        not _MEMORY
        or _MEMORY[0][0] is not gazetteer
        or len(_MEMORY[0][1]) + len(_MEMORY[0][2]) > _MEMORY_MAX
    ):
        _MEMORY[:] = [(gazetteer, {}, {})]
    return _MEMORY[0][1], _MEMORY[0][2]


def story_country(
    doc: Doc,
    mentions: Iterable[Mention],
    gazetteer: Gazetteer,
    lower_cased: bool | None = None,
) -> str | None:
    """The country that dominates the story, from its state mentions and its places.

    Each mention with a country (a state, a state's agent or leader; not an international
    organisation) is one vote, and so is each place name the gazetteer knows; a dateline
    place ("lucknow: police said ...") or state ("new delhi: ...") is ``DATELINE_VOTES``,
    enough on its own.
    """
    mentions = list(mentions)
    if lower_cased is None:
        lower_cased = is_lower_cased(doc)
    votes: Counter[str] = Counter()
    covered: set[int] = set()
    for mention in mentions:
        covered.update(range(mention.start, mention.end))
        country = mention.actor.country
        if country and not country.startswith("IGO"):
            votes[country] += DATELINE_VOTES if is_dateline(doc, mention) else 1
    for start, end, country in place_votes(doc, gazetteer, covered, lower_cased):
        votes[country] += DATELINE_VOTES if _dateline(doc, start, end) else 1
    if not votes:
        return None
    country, top = votes.most_common(1)[0]
    if top < MIN_VOTES or top / sum(votes.values()) < DOMINANCE:
        return None
    return country


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """A place that opens a line and is followed by ":" or a dash: the story's dateline.

    A news agency in brackets may come between ("WASHINGTON (Reuters) - ...").
    """
    opens = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_
    if not opens or end >= len(doc):
        return False
    if doc[end].text == "(":
        inside = [t.i for t in doc[end + 1 : end + 1 + _AGENCY_WORDS] if t.text == ")"]
        if not inside or inside[0] + 1 >= len(doc):
            return False
        end = inside[0] + 1
    return doc[end].text in _DATELINE_MARKS


def is_dateline(doc: Doc, mention: Mention) -> bool:
    """A state or its capital as a dateline ("NEW DELHI: ..."): where, not who, acts."""
    return mention.reason == "kb:country" and _dateline(doc, mention.start, mention.end)


def with_story_country(
    mentions: list[Mention], country: str | None, name: str | None = None
) -> dict[int, Mention]:
    """Agent mentions with no country, given ``country``: ``id(old) → new`` for those changed.

    ``name`` is the country's display name. The caller swaps the changed mentions in
    (keeping whatever it keyed on the old ones).
    """
    changed: dict[int, Mention] = {}
    if country is None:
        return changed
    for mention in mentions:
        actor = mention.actor
        if actor.country is not None or actor.sector is None:
            continue
        if actor.sector in CROSS_BORDER_SECTORS or mention.reason in NAMED_REASONS:
            continue
        new = Actor(country + actor.code, country, actor.sector, actor.name or name, actor.text)
        changed[id(mention)] = Mention(
            mention.start, mention.end, new, f"{mention.reason}+{STORY_REASON}:{country}"
        )
    return changed


def with_country_senses(
    doc: Doc,
    mentions: list[Mention],
    country: str | None,
    found: Iterable[tuple[int, int, CountrySense]],
    persons: set[int],
    keep_apart: frozenset[str] = frozenset(),
) -> list[Mention]:
    """``mentions`` with the words that mean something else in ``country``'s stories
    (``kb.CountrySense``, ``senses.tsv``) given that sense: "congress" in an Indian story
    is the Congress party, not a legislature; "rss" there is the RSS, not a feed.

    ``found`` are the sense words matched in ``doc`` (any country's; longest first wins).
    A sense takes the place of agent mentions inside its words ("congress", "the
    congress") and fills words no mention covers ("rss"); a word inside a longer mention
    ("the trinamool congress", "members of congress") keeps that mention. A sense word
    that modifies the agent mention after it ("congress leaders", "rss workers") makes one
    mention of the group, as "BJP leaders" does (``resolver._body_mention``), unless that
    agent's sector is in ``keep_apart`` ("congress critics" are not the party).
    ``persons`` (ids of mentions naming people) is re-keyed in place.
    """
    if country is None:
        return mentions
    senses = sorted(
        ((s, e, sense) for s, e, sense in found if sense.country == country),
        key=lambda hit: (hit[0] - hit[1], hit[0]),
    )
    if not senses:
        return mentions
    by_token: dict[int, Mention] = {}
    for mention in mentions:
        for i in range(mention.start, mention.end):
            by_token[i] = mention
    taken: set[int] = set()
    dropped: set[int] = set()
    added: list[Mention] = []
    for start, end, sense in senses:
        if any(i in taken for i in range(start, end)):
            continue
        inside = {id(m): m for i in range(start, end) if (m := by_token.get(i)) is not None}
        if any(
            m.start < start or m.end > end or not m.reason.startswith("kb:agent")
            for m in inside.values()
        ):
            continue
        taken.update(range(start, end))
        dropped.update(inside)
        span = doc[start:end]
        new_start, new_end, text = start, end, span.text
        after = by_token.get(end)
        if (
            after is not None
            and after.start == end
            and after.reason.startswith("kb:agent")
            and after.actor.sector not in keep_apart
            and span.root.dep_ in _MODIFIER_DEPS
            and after.start <= span.root.head.i < after.end
        ):
            dropped.add(id(after))
            taken.update(range(after.start, after.end))
            new_end, text = after.end, doc[start : after.end].text
        own_country, sector = split_code(sense.code)
        actor = Actor(sense.code, own_country, sector, sense.name, text)
        new = Mention(new_start, new_end, actor, f"{SENSE_REASON}:{country}")
        if after is not None and id(after) in dropped and id(after) in persons:
            persons.discard(id(after))
            persons.add(id(new))
        added.append(new)
    out = [m for m in mentions if id(m) not in dropped]
    out.extend(added)
    out.sort(key=lambda m: m.start)
    return out


# Country names that are also words ("china", "turkey") count in lower-case text only in
# an article that is lower-cased throughout; acronyms that are words ("us", "un") never do.
LOWER_CASE_NAMES = frozenset(
    ["china", "japan", "israel", "mali", "peru", "cuba", "lebanon", "iran", "iraq", "turkey"]
)


def lower_case_name(span: Span) -> bool:
    """A lower-case country name that a lower-cased article may use as a name."""
    return span.text.lower() in LOWER_CASE_NAMES


def swap_mentions(
    mentions: list[Mention],
    changed: dict[int, Mention],
    persons: set[int],
    entries: dict[int, ActorEntry],
) -> list[Mention]:
    """``mentions`` with the changed ones swapped in; ``persons``/``entries`` re-keyed."""
    if not changed:
        return mentions
    out = []
    for mention in mentions:
        new = changed.get(id(mention))
        if new is None:
            out.append(mention)
            continue
        if id(mention) in persons:
            persons.discard(id(mention))
            persons.add(id(new))
        if id(mention) in entries:
            entries[id(new)] = entries.pop(id(mention))
        out.append(new)
    return out
