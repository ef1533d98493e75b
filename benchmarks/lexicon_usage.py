"""How often each row of the bundled trigger lexicon fires on the dev corpora.

    .venv/bin/python -m benchmarks.lexicon_usage [--out usage.tsv] [--india 1257]

Codes the development parts of the ConfliBERT sentences and of the NGEC sample (the split of
``benchmarks.accuracy``), the GigaWord sample, the seed articles and the India news with
actors not required (a row "fires" when it matches a trigger, whoever the actors are), and
counts the events each ``triggers.tsv`` line produced. A row that never fires is not wrong
for that alone: the counts are for a person reviewing the table (docs/CODING.md, Triggers).
The table keeps rows a linguist would write (a real event verb or noun, an idiom such as
"carry out" or "call for", each with the objects that make it true) even when these corpora
never use them; what it must not hold is a verb list crossed with a particle list ("stage up
war", "withdraw up a treaty"), which this report is meant to expose.
Reads ../shared; skipped when it is absent. Writes only where ``--out`` says.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from benchmarks.accuracy import SHARED, fill_slots, is_held_back
from benchmarks.seed_checks import read_seeds
from legation.model import Article
from legation.pipeline import Coder

_WHERE = re.compile(r"lexicon triggers\.tsv:(\d+) ")
_GIGA = re.compile(r"<Sentence[^>]*date\s*=\s*\"(\d{8})\"[^>]*>\s*<Text>(.*?)</Text>", re.S)


def corpora(india: int) -> Iterator[tuple[str, Article]]:
    """(corpus name, article) for every development text."""
    data = SHARED / "data"
    rows = (data / "conflibert" / "cameo_class_train.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(r for r in rows.splitlines() if r):
        if not is_held_back(n):
            yield "conflibert", Article(f"cb-{n}", line.rsplit("\t", 1)[0])
    path = next((data / "ngec").glob("gpt_synthetic_events_*.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        stories = random.Random(7).sample(list(csv.DictReader(handle)), 300)
    for n, r in enumerate(stories):
        if not is_held_back(n):
            text = fill_slots(f"{r['title']}.\n{r['text']}", n)
            yield "ngec", Article(f"ngec-{n}", text, dt.date(2023, 10, 19))
    giga = (data / "petrarch" / "GigaWord.sample.PETR.xml").read_text(encoding="utf-8")
    for n, (day, text) in enumerate(_GIGA.findall(giga)):
        date = dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
        yield "gigaword", Article(f"giga-{n}", " ".join(text.split()), date)
    for article in read_seeds(SHARED / "corpus" / "seeds.jsonl"):
        yield "seeds", article
    with (data / "news" / "india_police_docs.jsonl").open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= india:
                break
            record = json.loads(line)
            yield "india", Article(f"india-{record['doc_id']}", record["doc_text"])


def count_firings(india: int) -> tuple[Counter[int], Counter[str]]:
    """Events per lexicon line, and texts per corpus."""
    coder = Coder(require_actor=False)
    names: list[str] = []

    def articles() -> Iterator[Article]:
        for name, article in corpora(india):
            names.append(name)
            yield article

    firings: Counter[int] = Counter()
    for coded in coder.code_stream(articles()):
        for event in coded.events:
            match = _WHERE.match(event.rule)
            if match:
                firings[int(match.group(1))] += 1
    return firings, Counter(names)


def table_rows() -> list[tuple[int, list[str]]]:
    """(line number, fields) of every data row of the bundled ``triggers.tsv``."""
    text = resources.files("legation.coding.data").joinpath("triggers.tsv").read_text("utf-8")
    rows, header = [], False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not header:
            header = True
            continue
        rows.append((lineno, line.split("\t")))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help="write line, fields and firings here (TSV)")
    parser.add_argument("--india", type=int, default=1257, help="first N India articles")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is not present", file=sys.stderr)
        return 0
    firings, texts = count_firings(args.india)
    rows = table_rows()
    never = [n for n, _ in rows if not firings[n]]
    summary = {
        "texts": dict(texts),
        "rows": len(rows),
        "rows_firing": len(rows) - len(never),
        "rows_never_firing": len(never),
        "events_from_lexicon": sum(firings.values()),
    }
    print(json.dumps(summary, indent=2))
    if args.out:
        with args.out.open("w", encoding="utf-8") as handle:
            handle.write("line\tcode\tpos\tlemma\tparticle\tobjects\tfirings\n")
            for n, fields in rows:
                handle.write("\t".join([str(n), *fields[:5], str(firings[n])]) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
