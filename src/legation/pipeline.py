"""Composes the stages: articles → NLP → actor mentions → events.

``Coder`` loads the resources once (spaCy pipeline, actor knowledge base, trigger lexicon,
CAMEO ontology) and codes any number of articles; ``code_text`` and ``code_articles`` are the
one-call conveniences of the public API.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from legation.actors.kb import KnowledgeBase, load_default_kb
from legation.actors.resolver import ActorResolver
from legation.coding.engine import EventCoder
from legation.coding.lexicon import Lexicon, load_lexicon
from legation.errors import InputError, printable
from legation.model import Article, CodedArticle, Event
from legation.nlp import load_pipeline
from legation.ontology import load_ontology
from legation.recase import Recaser
from legation.screen import Plan, Screen

CHUNK_CHARS = 20_000  # longer texts are parsed in pieces cut at paragraph/sentence ends
# A stretch this long without a sentence or paragraph end is cut at a space: news
# sentences are far shorter, and one this long only comes from text without punctuation.
MAX_RUN_CHARS = 2_000
_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?])\s+")


class Coder:
    """Loads the resources once (spaCy pipeline, actor knowledge base, lexicon), codes many.

    ``require_actor=False`` also keeps events with neither a source nor a target (the
    accuracy benchmarks use it to score event types on sentences without known actors).
    ``screen=True`` parses only the sentences that can yield an event (``legation.screen``);
    ``disable`` names pipeline components not to run (``("ner",)``: faster, loses PERSON
    names after titles and event locations). ``verbs`` are PETRARCH/TABARI verb dictionaries
    (``coding.petrarch_verbs``): a verb they list is coded by them; ``verbs_replace=True``
    codes with the dictionaries alone, without the bundled lexicon.
    """

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        *,
        require_actor: bool = True,
        lexicon: Lexicon | None = None,
        actor_files: Iterable[Path] = (),
        lexicon_file: Path | None = None,
        screen: bool = False,
        disable: Iterable[str] = (),
        verbs: Iterable[Path] = (),
        verbs_replace: bool = False,
    ) -> None:
        self.nlp = load_pipeline()
        self.disable = tuple(disable)
        self.kb = kb if kb is not None else load_default_kb()
        for path in actor_files:
            self.kb.add_file(Path(path))
        self.resolver = ActorResolver(self.kb, self.nlp)
        self.recaser = Recaser(self.nlp, _name_words(self.kb))
        self.lexicon = lexicon if lexicon is not None else load_lexicon(lexicon_file)
        verb_files = [Path(p) for p in verbs]
        if verb_files:
            from legation.coding.petrarch_verbs import load_verb_files, spacy_lemmatizer

            lemmatize = spacy_lemmatizer(self.nlp)
            self.lexicon = load_verb_files(
                verb_files, self.lexicon, lemmatize, replace=verbs_replace
            )
        self.require_actor = require_actor
        self.events = EventCoder(self.lexicon, load_ontology(), require_actor=require_actor)
        self.screen = (
            Screen(self.nlp, self.lexicon, self.resolver.matcher, require_actor=require_actor)
            if screen
            else None
        )

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        """Each article with its sentences and events, in input order.

        Long articles are parsed in chunks (``CHUNK_CHARS``) and each chunk is coded as soon
        as it is parsed, so memory stays bounded whatever the article's length.
        """

        sentences: list[str] = []
        events: list[Event] = []
        seen: set[str] = set()
        parsed = self.nlp.pipe(
            self._pieces(articles), as_tuples=True, batch_size=batch_size, disable=self.disable
        )
        for doc, (last, article, plan, original) in parsed:
            actors = self.resolver.resolve(doc, article.date)
            offset = len(sentences)
            index = _sentence_map(doc, plan)
            restore = _restorer(original)
            for event in self.events.code_doc(article.id, doc, actors, article.date):
                shifted = _shift(event, offset + index[event.sentence_index])
                if original is not None:
                    shifted = dataclasses.replace(shifted, sentence=restore(shifted.sentence))
                if shifted.event_id not in seen:
                    seen.add(shifted.event_id)
                    events.append(shifted)
            if plan is None:
                sentences.extend(restore(s.text.strip()) for s in doc.sents)
            else:
                sentences.extend(map(restore, plan.sentences))
            if last:
                yield CodedArticle(article, tuple(sentences), tuple(events))
                sentences, events, seen = [], [], set()

    def _pieces(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[str | Doc, tuple[bool, Article, Plan | None, tuple[str, str] | None]]]:
        """Each article's chunks (long texts are cut), title-case lines re-cased
        (``legation.recase``; ``(original, recased)`` kept to report the original text),
        screened when the screen is on."""
        for article in map(_plausible_date, articles):
            chunks = split_long_text(article.text, CHUNK_CHARS, MAX_RUN_CHARS) or [article.text]
            for k, chunk in enumerate(chunks):
                last = k == len(chunks) - 1
                text = self.recaser.recase(chunk)
                original = (chunk, text) if text != chunk else None
                if self.screen is None:
                    yield text, (last, article, None, original)
                else:
                    plan = self.screen.plan(text)
                    yield plan.doc, (last, article, plan, original)

    def code_articles(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Event]:
        for coded in self.code_stream(articles, batch_size):
            yield from coded.events

    def code_article(self, article: Article) -> list[Event]:
        return list(self.code_articles([article]))


def _name_words(kb: KnowledgeBase) -> set[str]:
    """Every word of an actor's name or pattern, lower case: words that keep a capital."""
    words: set[str] = set()
    for entry in kb.entries:
        for text in (entry.name, *entry.patterns):
            words.update(text.lower().replace("-", " ").split())
    for name in kb.country_names.values():
        words.update(name.lower().split())
    return words


def _restorer(original: tuple[str, str] | None) -> Callable[[str], str]:
    """Maps a piece of re-cased text (a sentence) back to the original's characters: the
    re-casing keeps every offset, so the piece's place in the re-cased text is its place
    in the original."""
    if original is None:
        return lambda piece: piece
    source, text = original

    def restore(piece: str) -> str:
        at = text.find(piece)
        return source[at : at + len(piece)] if at >= 0 else piece

    return restore


def _plausible_date(article: Article) -> Article:
    """The article, undated when its date is outside ``read.base.date_window`` (an
    ``InputWarning`` says so): a date such as 9999-12-31, which no reader lets through
    but a library caller can pass, must not anchor "tomorrow" or "next year"."""
    if article.date is None:
        return article
    from legation.read.base import InputWarning, check_date_window

    try:
        check_date_window(article.date)
    except ValueError as exc:
        where = printable(article.origin or article.id)
        warnings.warn(f"{where}: {exc}; coded with no date", InputWarning, stacklevel=4)
        return dataclasses.replace(article, date=None)
    return article


def _sentence_map(doc: Doc, plan: Plan | None) -> list[int]:
    """Parsed sentence index → index among all of the text's sentences.

    Unscreened, the identity. Screened, the parse holds only the kept sentences; the parser
    keeps their preset starts, but should it split one further, the extra piece maps to the
    kept sentence it lies in.
    """
    sents = list(doc.sents)
    if plan is None:
        return list(range(len(sents)))
    starts: list[int] = []
    position = 0
    for n in plan.kept:
        starts.append(position)
        position += plan.lengths[n]
    return [plan.kept[max(0, bisect.bisect_right(starts, s.start) - 1)] for s in sents]


def _shift(event: Event, index: int) -> Event:
    if index == event.sentence_index:
        return event
    data = event.to_dict()
    data["sentence_index"] = index
    data["event_id"] = ""
    return Event.from_dict(data)


def split_long_text(
    text: str, limit: int = CHUNK_CHARS, run: int = MAX_RUN_CHARS
) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters at paragraph or sentence
    ends, and cut any stretch of more than ``run`` characters without one at a space
    (else anywhere), so that no piece holds an over-long "sentence": parsing and coding
    cost grows faster than linearly with sentence length (a 1 MB text without a full
    stop once took minutes and gigabytes)."""
    if len(text) <= limit and _next_cut(text, 0, limit, run) == len(text):
        return [text]
    pieces = []
    start = 0
    while start < len(text):
        cut = _next_cut(text, start, limit, run)
        pieces.append(text[start:cut])
        start = cut
    return [p for p in pieces if p.strip()]


def _next_cut(text: str, start: int, limit: int, run: int) -> int:
    """Where the piece that begins at ``start`` ends (see ``split_long_text``)."""
    stop = min(len(text), start + limit)
    last = start  # the end of the last break kept: no stretch before it is over ``run``
    while True:
        bound = min(stop, last + run + 1)
        found = _BREAK.search(text, last, bound)
        if found is None or found.end() <= last:
            break
        last = found.end()
    if bound == stop:  # the window ends with no over-long stretch in it
        if stop == len(text) or last - start >= limit // 2:
            return stop if stop == len(text) else last
        return _at_space(text, start, stop - start)
    if last > start:  # the piece ends where an over-long stretch begins
        return last
    return _at_space(text, start, run)


def _at_space(text: str, start: int, width: int) -> int:
    """A cut within ``width`` characters of ``start``: after the last space or newline
    in its second half, else at ``width`` (a stretch without any)."""
    space = max(text.rfind(" ", start, start + width), text.rfind("\n", start, start + width))
    return space + 1 if space > start + width // 2 else start + width


def _as_date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        raise InputError("date", f"not an ISO date (YYYY-MM-DD): {date!r}") from None


def code_text(text: str, date: dt.date | str | None = None, doc_id: str = "text") -> list[Event]:
    """Code one text; ``date`` (the article date) anchors relative dates ("last month")."""
    return _default_coder().code_article(Article(doc_id, text, _as_date(date)))


def code_articles(articles: Iterable[Article]) -> Iterator[Event]:
    """Code many articles with one set of loaded resources."""
    return _default_coder().code_articles(articles)


_DEFAULT: list[Coder] = []


def _default_coder() -> Coder:
    """One shared coder for the convenience functions (resources load on first use)."""
    if not _DEFAULT:
        _DEFAULT.append(Coder())
    return _DEFAULT[0]
