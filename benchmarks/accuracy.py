"""Accuracy of the coder on the reference dev sets in ../shared/data (skipped when absent).

    .venv/bin/python -m benchmarks.accuracy [--ngec-sample 300] [--write docs/BENCHMARKS.md]

- ConfliBERT: quad-class accuracy on ``conflibert/cameo_class_train.tsv`` (label 0 = CAMEO
  roots 01–02, 1 = 03–05, 2 = 06–09, 3 = 10–14, 4 = 15–20). Each sentence is coded alone; the
  predicted class is that of its main event (see ``main_event``); no event → ``NO_EVENT_LABEL``.
- NGEC: PLOVER type accuracy on a seeded sample of the synthetic stories: the story's type is
  that of the headline's main event, else the most frequent PLOVER type among its events.
- Seeds: the must-show events of the seed articles (``corpus/seeds.jsonl``), pass/fail.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.seed_checks import SEED_CHECKS, read_seeds
from legation.model import Article, Event
from legation.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NO_EVENT_LABEL = 0  # sentences with no coded event are most often statements
MODALITY_RANK = {"occurred": 0, "planned": 1, "hypothetical": 1, "negated": 2}


# ConfliBERT's labels follow the Phoenix 0–4 quad scheme (../shared/data/cameo, column
# quad_phoenix_0to4): it differs from GDELT's 1–4 for roots 09 and 16 (verbal conflict) and
# 14 (material conflict). legation's own records carry GDELT's quad class.
PHOENIX_QUAD = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
    "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4,
}  # fmt: skip


def label_of_root(root: str) -> int:
    """ConfliBERT's 5-way label (Phoenix quad class) of a CAMEO root."""
    return PHOENIX_QUAD[root]


def main_event(events: list[Event]) -> Event | None:
    """The event a sentence is about: both actors known, occurred, then the most specific."""

    def rank(e: Event) -> tuple[int, int, int]:
        actors = (e.source is not None) + (e.target is not None)
        return (_depth(e), -actors, MODALITY_RANK[e.modality])

    return min(events, key=rank) if events else None


def _depth(event: Event) -> int:
    """The trigger's depth in the parse, as the coder records it in ``rule`` ("depth:0")."""
    for part in event.rule.split("; "):
        if part.startswith("depth:"):
            return int(part[6:])
    return 99


def conflibert(coder: Coder) -> dict[str, object]:
    path = SHARED / "data" / "conflibert" / "cameo_class_train.tsv"
    rows = [line.rsplit("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if line]
    articles = [Article(f"cb-{n}", text, None) for n, (text, _) in enumerate(rows)]
    gold = [int(label) for _, label in rows]
    start = time.perf_counter()
    predicted = []
    confusion: Counter[tuple[int, int]] = Counter()
    no_event = 0
    for coded, want in zip(coder.code_stream(articles), gold, strict=True):
        event = main_event(list(coded.events))
        no_event += event is None
        got = label_of_root(event.root) if event else NO_EVENT_LABEL
        predicted.append(got)
        confusion[(want, got)] += 1
    correct = sum(p == g for p, g in zip(predicted, gold, strict=True))
    per_class = {
        label: round(confusion[(label, label)] / max(1, gold.count(label)), 3) for label in range(5)
    }
    return {
        "sentences": len(gold),
        "accuracy": round(correct / len(gold), 3),
        "per_class_recall": per_class,
        "no_event": no_event,
        "seconds": round(time.perf_counter() - start, 1),
    }


def story_types(events: list[Event]) -> Counter[str]:
    """PLOVER types of a story, the headline's main event first (it names the story's event)."""
    with_type = [e for e in events if e.plover]
    headline = main_event([e for e in with_type if e.sentence_index == 0])
    if headline is not None and headline.plover:
        return Counter({headline.plover.type: 1})
    types = Counter(e.plover.type for e in with_type if e.modality == "occurred" and e.plover)
    return types or Counter(e.plover.type for e in with_type if e.plover)


def ngec(coder: Coder, sample: int, seed: int = 7) -> dict[str, object]:
    path = next((SHARED / "data" / "ngec").glob("gpt_synthetic_events_*.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows = random.Random(seed).sample(rows, min(sample, len(rows)))
    articles = [
        Article(f"ngec-{n}", f"{r['title']}.\n{r['text']}", dt.date(2023, 10, 19))
        for n, r in enumerate(rows)
    ]
    correct = coded_any = 0
    for coded, row in zip(coder.code_stream(articles), rows, strict=True):
        types = story_types(list(coded.events))
        coded_any += bool(types)
        correct += bool(types) and types.most_common(1)[0][0] == row["label"]
    return {
        "stories": len(rows),
        "accuracy": round(correct / len(rows), 3),
        "with_events": coded_any,
    }


def seeds(coder: Coder) -> dict[str, object]:
    articles = read_seeds(SHARED / "corpus" / "seeds.jsonl")
    events = [e for coded in coder.code_stream(articles) for e in coded.events]
    results = {name: check(events) for name, check in SEED_CHECKS}
    return {"passed": sum(results.values()), "total": len(results), "checks": results,
            "events": len(events)}  # fmt: skip


def render(report: dict[str, dict[str, object]], command: str) -> str:
    cb, ng, sd = report["conflibert"], report["ngec"], report["seeds"]
    lines = [
        "## Accuracy (coder issue)",
        "",
        f"Command: `{command}` (run {dt.date.today().isoformat()}, 2-core machine).",
        "",
        "| dev set | measure | result |",
        "|---|---|---|",
        f"| ConfliBERT `cameo_class_train.tsv` ({cb['sentences']} sentences) "
        f"| quad-class (5-way) accuracy | **{cb['accuracy']}** |",
        f"| NGEC synthetic stories (seeded sample of {ng['stories']}) "
        f"| PLOVER type accuracy | **{ng['accuracy']}** |",
        f"| seed articles | must-show checks passed | **{sd['passed']}/{sd['total']}** |",
        "",
        "ConfliBERT per-class recall (0 statement/appeal … 4 material conflict): "
        f"{cb['per_class_recall']}; sentences with no coded event (scored as class "
        f"{NO_EVENT_LABEL}): {cb['no_event']}. NGEC stories with at least one event: "
        f"{ng['with_events']}.",
        "",
        "Method. ConfliBERT's five labels follow the Phoenix quad scheme (roots 09 and 16 are "
        "verbal conflict, 14 material conflict), so predictions are mapped that way; legation's "
        "own records carry GDELT's quad class. Each sentence is coded alone (no article date, "
        "actors not required); its label is that of its main event: the trigger highest in "
        "the parse (`depth:` in the event's `rule`), then the one with most actors, then "
        "`occurred` before other modalities. NGEC stories are labelled at document level with "
        "conventions that differ from the CAMEO→PLOVER map (e.g. a promise to ease "
        "restrictions is CONCEDE there, AGREE through CAMEO 035), which caps this figure.",
        "",
        "Seed checks:",
        "",
        *[f"- {'PASS' if ok else 'FAIL'}: {name}" for name, ok in sd["checks"].items()],  # type: ignore[attr-defined]
        "",
    ]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ngec-sample", type=int, default=300)
    parser.add_argument("--write", type=Path, help="replace the accuracy section of this file")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is not present", file=sys.stderr)
        return 0
    coder = Coder(require_actor=False)
    report = {"conflibert": conflibert(coder), "ngec": ngec(coder, args.ngec_sample)}
    report["seeds"] = seeds(Coder())
    print(json.dumps(report, indent=2))
    if args.write:
        command = "python -m benchmarks.accuracy " + " ".join(
            argv if argv is not None else sys.argv[1:]
        )
        replace_section(args.write, "## Accuracy (coder issue)", render(report, command.strip()))
    return 0


def replace_section(path: Path, heading: str, body: str) -> None:
    """Replace the section starting at ``heading`` (up to the next ``## ``) or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip() + "\n\n" + body
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + body + (text[end + 1 :] if end >= 0 else "")
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
