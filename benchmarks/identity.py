"""Event identity: B³ precision/recall/F1 of linking mentions to real-world events, and
what linking costs at ingest.

    .venv/bin/python -m benchmarks.identity [--write docs/BENCHMARKS.md]

The gold corpus (``benchmarks/data/identity_gold.jsonl``, written for this benchmark) has
short articles from invented outlets; each names, for the sentences that report an
event, the trigger word and the gold event (``[sentence, trigger, event]``). The articles
are coded by the real ``Coder`` with the CLI defaults and ingested into a temporary
SQLite store (``Store.ingest``: what ``legation ingest`` does); every gold mention the
coder found is scored by the stored event its mention row links to.

Fixed split: every 4th article (index 3, 7, ...) is held back, ingested into its own
store, and only its totals are printed; errors are listed for the development part only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlalchemy as sa

from legation.model import Article, CodedArticle
from legation.store import Store, identity
from legation.store.schema import articles, event_mentions

CORPUS = Path(__file__).resolve().parent / "data" / "identity_gold.jsonl"
SECTION_BEGIN = "<!-- identity:begin -->"
SECTION_END = "<!-- identity:end -->"


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc_id: str
    sentence: int
    trigger: str
    event: str


@dataclass
class Part:
    name: str
    articles: list[Article] = field(default_factory=list)
    gold: list[GoldMention] = field(default_factory=list)


def read_corpus(path: Path = CORPUS) -> tuple[Part, Part]:
    """The development part and the held-back part (every 4th article)."""
    dev, held = Part("development"), Part("held-back")
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        part = held if index % 4 == 3 else dev
        date = dt.date.fromisoformat(record["date"])
        part.articles.append(Article(record["id"], record["text"], date, source=record["source"]))
        part.gold += [GoldMention(record["id"], s, t, e) for s, t, e in record["gold"]]
    return dev, held


def b_cubed(pred: dict[int, str], gold: dict[int, str]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of a predicted clustering against the gold one."""
    if not gold:
        return 0.0, 0.0, 0.0
    p_sum = r_sum = 0.0
    for item in gold:
        mine = {i for i in gold if pred[i] == pred[item]}
        truth = {i for i in gold if gold[i] == gold[item]}
        p_sum += len(mine & truth) / len(mine)
        r_sum += len(mine & truth) / len(truth)
    precision, recall = p_sum / len(gold), r_sum / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class Score:
    part: str
    gold_mentions: int
    found: int
    gold_events: int
    stored_events: int
    precision: float
    recall: float
    f1: float
    singleton_f1: float  # every mention its own event: what counting reports gives
    errors: list[str] = field(default_factory=list)


def _mention_rows(store: Store) -> list[tuple[str, int, str, str]]:
    query = sa.select(
        articles.c.doc_id,
        event_mentions.c.sentence_index,
        event_mentions.c.trigger,
        event_mentions.c.event_id,
    ).join(articles, articles.c.id == event_mentions.c.article_id)
    with store.engine.connect() as conn:
        return [(str(d), int(s), str(t or ""), str(e)) for d, s, t, e in conn.execute(query)]


def _match(gold: GoldMention, rows: Sequence[tuple[str, int, str, str]]) -> str | None:
    """The stored event of the mention the gold one names (by sentence and trigger)."""
    here = [r for r in rows if r[0] == gold.doc_id and r[1] == gold.sentence]
    word = gold.trigger.lower()
    named = [r for r in here if word in r[2].lower() or (r[2].lower() in word and r[2])]
    return named[0][3] if named else None


def score(part: Part, coded: list[CodedArticle]) -> Score:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "gold.db") as store:
        store.ingest([c.article for c in coded], Precoded(coded))
        rows = _mention_rows(store)
        stored = store.info().events
    pred: dict[int, str] = {}
    gold: dict[int, str] = {}
    errors = []
    for i, mention in enumerate(part.gold):
        event = _match(mention, rows)
        if event is None:
            errors.append(f"not coded: {mention}")
            continue
        pred[i], gold[i] = event, mention.event
    precision, recall, f1 = b_cubed(pred, gold)
    singles = b_cubed({i: str(i) for i in gold}, gold)[2]
    errors += _link_errors(part, pred, gold)
    return Score(
        part.name, len(part.gold), len(gold), len(set(gold.values())), stored,
        precision, recall, f1, singles, errors,
    )  # fmt: skip


def _link_errors(part: Part, pred: dict[int, str], gold: dict[int, str]) -> list[str]:
    found = []
    for i in gold:
        for j in gold:
            if i < j and (pred[i] == pred[j]) != (gold[i] == gold[j]):
                what = "merged" if pred[i] == pred[j] else "split"
                found.append(f"{what}: {part.gold[i]} / {part.gold[j]}")
    return found


class Precoded:
    """A coder that hands back articles coded before (to time the store alone)."""

    def __init__(self, coded: Iterable[CodedArticle]) -> None:
        self.coded = {c.article.id: c for c in coded}

    def code_stream(self, items: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in items:
            yield replace(self.coded[article.id], article=article)


def linking_cost(coded: list[CodedArticle], copies: int) -> tuple[float, float, int]:
    """Seconds in identity (candidate lookup, choice, merge) and in the whole ingest, for
    ``copies`` shifted copies of the coded corpus (store only: no coding time)."""
    spent = [0.0]
    link, merge = identity.link, identity.merge

    def timed(fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - started

        return wrapper

    batch = []
    for n in range(copies):
        for c in coded:
            date = (c.article.date or dt.date(2025, 1, 1)) + dt.timedelta(days=n * 40)
            text = f"{c.article.text} Copy {n} of {c.article.id}: " + " ".join(
                f"t{n}x{k}" for k in range(40)
            )
            article = replace(c.article, id=f"{c.article.id}-{n}", text=text, date=date)
            events = tuple(replace(e, doc_id=article.id, event_id="") for e in c.events)
            batch.append(CodedArticle(article, c.sentences, events))
    identity.link, identity.merge = timed(link), timed(merge)  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "speed.db") as store:
            started = time.perf_counter()
            store.ingest([b.article for b in batch], Precoded(batch))
            total = time.perf_counter() - started
    finally:
        identity.link, identity.merge = link, merge  # type: ignore[assignment]
    return spent[0], total, len(batch)


def render(scores: list[Score], cost: tuple[float, float, int], coding: float, command: str) -> str:
    lines = [
        "## Event identity (B³)",
        "",
        f"`{command}` — gold corpus `benchmarks/data/identity_gold.jsonl` "
        "(invented outlets, written for this benchmark; every 4th article held back).",
        "",
        "| part | gold mentions | coded | gold events | stored events | B³ P | B³ R | B³ F1 "
        "| F1 if every report were an event |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s.part} | {s.gold_mentions} | {s.found} | {s.gold_events} | {s.stored_events} "
            f"| {s.precision:.3f} | {s.recall:.3f} | **{s.f1:.3f}** | {s.singleton_f1:.3f} |"
        )
    spent, total, n = cost
    lines += [
        "",
        "B³ is over the gold mentions the coder found (coded/gold mentions is the coder's "
        "recall, not linking's); stored events include events the gold does not annotate.",
        "",
        f"Linking cost: {spent:.2f} s of {total:.2f} s storing {n} pre-coded articles "
        f"({100 * spent / total:.1f}% of store time); coding the same articles takes "
        f"about {coding:.1f} s, so linking is {100 * spent / (total + coding):.1f}% of "
        "ingest time (target ≤ 25%).",
    ]
    return "\n".join(lines)


def replace_marked_section(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{SECTION_BEGIN}\n{body.rstrip()}\n{SECTION_END}\n"
    start, end = text.find(SECTION_BEGIN), text.find(SECTION_END)
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len(SECTION_END) :].lstrip("\n")
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="replace the identity section of this file")
    parser.add_argument("--copies", type=int, default=20, help="corpus copies for the cost")
    args = parser.parse_args(argv)
    from legation.pipeline import Coder

    coder = Coder()
    dev, held = read_corpus()
    started = time.perf_counter()
    coded = {p.name: list(coder.code_stream(p.articles)) for p in (dev, held)}
    coding = time.perf_counter() - started
    scores = [score(p, coded[p.name]) for p in (dev, held)]
    for line in scores[0].errors:  # development part only
        print(line, file=sys.stderr)
    everything = coded["development"] + coded["held-back"]
    cost = linking_cost(everything, args.copies)
    command = "python -m benchmarks.identity" + (f" --write {args.write}" if args.write else "")
    report = render(scores, cost, coding * args.copies, command)
    print(report)
    if args.write:
        replace_marked_section(args.write, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
