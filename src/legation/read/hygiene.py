"""News text hygiene, before coding: mojibake repaired, boilerplate lines taken out.

Scraped news often arrives double-encoded (UTF-8 read as Windows-1252: "â€œ" for a
quotation mark, "CafÃ©" for "Café"); ``ftfy`` undoes that, and nothing else a reader
would notice (quotes stay curly, widths and HTML entities stay as written).

Pages also carry site furniture on lines of their own: "This story is from June 20,
2024", "Follow us on Telegram", "Read more", "Advertisement". Such a line has no full
stop, so the sentence splitter glued it onto the next sentence ("This story is from June
20, 2024 Putin arrived in Pyongyang …"), which moved dates and actors into the wrong
sentence. Lines that are only boilerplate are dropped; the same phrases at the start of
a one-line text are cut off. The patterns are general site phrases, not any one site's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

    from legation.model import Article

MAX_BOILERPLATE_LINE = 200  # characters: a longer line is prose, whatever it starts with
PROSE_LINE = 60  # characters: longer, and ending like a sentence, it is prose
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"  # June, Jun.
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_TIME = r"(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?)?"
# A whole line that is one of these (case-insensitive) is boilerplate.
BOILERPLATE = re.compile(
    r"(?:"
    r"this (?:story|article|report|post|piece) (?:is|was) (?:from|first published|published|"
    r"originally published)\b.*"
    r"|(?:follow|like|join|find) us on\b.*"
    r"|(?:read|see|view|watch|click|tap) (?:more|here|also|the full|next)\b.*"
    r"|(?:also read|read also|related|recommended|more from|more on this|must read|trending|"
    r"top stories|latest news|don't miss)\s*(?:[:|\-–—].*)?"
    r"|(?:subscribe|sign up|register|log in|login) (?:to|for|now|here|with)\b.*"
    r"|share (?:this|on|via)\b.*|share"
    r"|advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|(?:download|get|install) (?:the|our) .{0,40}\bapp\b.*"
    r"|(?:copyright|©|\(c\)).{0,80}all rights reserved\.?"
    r"|(?:last )?(?:updated|published|posted|first published)\s*(?:on|at)?\s*:?\s*"
    rf"{_DATE}{_TIME}\s*"
    r")",
    re.IGNORECASE,
)
# The same furniture at the very start of a text that has no line breaks.
LEADING = re.compile(
    rf"\A\s*(?:this (?:story|article|report) (?:is|was) (?:from|published on) {_DATE}{_TIME}"
    rf"|(?:last )?(?:updated|published)\s*:?\s*{_DATE}{_TIME})\s*[|:.\-–—]?\s*",
    re.IGNORECASE,
)
# Characters double-encoded text always has (Latin-1 and Windows-1252 letters and
# punctuation); plain ASCII text skips ftfy altogether.
_SUSPECT = re.compile(
    "[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\x1b]"
)


@cache
def _config() -> TextFixerConfig:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,  # "&amp;" in a JSON record is what the record says
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        explain=False,
    )


def repair_mojibake(text: str) -> str:
    """``text`` with double-encoding undone ("â€œ" → "“", "CafÃ©" → "Café")."""
    if not _SUSPECT.search(text):
        return text
    import ftfy

    return str(ftfy.fix_text(text, _config()))


def is_boilerplate(line: str) -> bool:
    """A line that is only site furniture. A long line that ends like a sentence is
    prose, even when it starts like a link ("Read more about the talks in …")."""
    stripped = line.strip().strip("*•·|>#").strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_LINE:
        return False
    if len(stripped) > PROSE_LINE and stripped[-1] in ".!?\"'”’":
        return False
    return BOILERPLATE.fullmatch(stripped) is not None


def drop_boilerplate(text: str) -> str:
    """``text`` without its boilerplate lines (and a leading dateline-style phrase)."""
    text = LEADING.sub("", text, count=1)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if not is_boilerplate(line)]
    return text if len(kept) == len(lines) else "\n".join(kept)


def tidy_text(text: str) -> str:
    """Both repairs, in order (the boilerplate patterns match the repaired text)."""
    return drop_boilerplate(repair_mojibake(text))


def tidy_article(article: Article) -> Article:
    """The article with its text (and title) tidied; the same object when nothing
    changed. An article whose whole text is boilerplate keeps it (readers skip empties)."""
    import dataclasses

    text = tidy_text(article.text)
    title = repair_mojibake(article.title) if article.title else article.title
    if not text.strip():
        text = article.text
    if text == article.text and title == article.title:
        return article
    return dataclasses.replace(article, text=text, title=title)
