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

from benchmarks.seed_checks import EVENT_ISSUE_CHECKS, SEED_CHECKS, read_seeds
from legation.model import Article, Event
from legation.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NO_EVENT_LABEL = 0  # sentences with no coded event are most often statements
HELD_BACK_EVERY = 4  # every 4th item of a dev set (index % 4 == 3) is held back, never read
SECTION_BEGIN = "<!-- accuracy:begin -->"
SECTION_END = "<!-- accuracy:end -->"
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


RESIDUAL_CODES = frozenset({"010"})  # CAMEO's "make statement, not specified below"


def main_event(events: list[Event]) -> Event | None:
    """The event a sentence is about: the trigger highest in the parse, both actors known,
    occurred, then the most specific. A plain statement (010, CAMEO's residual code) yields
    to any other event of the sentence: "X announced that it will return the weapons" is
    about the return, as the CAMEO codebook codes what is said, not the saying."""

    def rank(e: Event) -> tuple[bool, int, int, int]:
        actors = (e.source is not None) + (e.target is not None)
        return (e.cameo in RESIDUAL_CODES, _depth(e), -actors, MODALITY_RANK[e.modality])

    return min(events, key=rank) if events else None


def _depth(event: Event) -> int:
    """The trigger's depth in the parse, as the coder records it in ``rule`` ("depth:0")."""
    for part in event.rule.split("; "):
        if part.startswith("depth:"):
            return int(part[6:])
    return 99


def is_held_back(index: int) -> bool:
    """The fixed split of every dev set: item ``index`` is held back when index % 4 == 3."""
    return index % HELD_BACK_EVERY == HELD_BACK_EVERY - 1


def conflibert(coder: Coder, errors: Path | None = None) -> dict[str, object]:
    """Quad-class accuracy on the development and the held-back part (see ``is_held_back``).

    ``errors``: write the development part's misses there (never the held-back ones).
    """
    path = SHARED / "data" / "conflibert" / "cameo_class_train.tsv"
    rows = [line.rsplit("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if line]
    articles = [Article(f"cb-{n}", text, None) for n, (text, _) in enumerate(rows)]
    start = time.perf_counter()
    results: dict[bool, list[tuple[int, int, Event | None]]] = {False: [], True: []}
    misses = []
    for n, (coded, (text, label)) in enumerate(zip(coder.code_stream(articles), rows, strict=True)):
        event = main_event(list(coded.events))
        got = label_of_root(event.root) if event else NO_EVENT_LABEL
        results[is_held_back(n)].append((int(label), got, event))
        if errors is not None and not is_held_back(n) and got != int(label):
            misses.append(_miss(n, text, int(label), got, event))
    if errors is not None:
        errors.write_text("".join(misses), encoding="utf-8")
    report = {"dev": _scores(results[False]), "held_back": _scores(results[True])}
    return {**report, "seconds": round(time.perf_counter() - start, 1)}


def _scores(rows: list[tuple[int, int, Event | None]]) -> dict[str, object]:
    confusion = Counter((want, got) for want, got, _ in rows)
    gold = Counter(want for want, _, _ in rows)
    return {
        "sentences": len(rows),
        "accuracy": round(sum(w == g for w, g, _ in rows) / max(1, len(rows)), 3),
        "per_class_recall": {
            label: round(confusion[(label, label)] / max(1, gold[label]), 3) for label in range(5)
        },
        "no_event": sum(e is None for _, _, e in rows),
    }


def _miss(n: int, text: str, want: int, got: int, event: Event | None) -> str:
    """One development-part miss, for reading errors: gold, predicted, the event, the text."""
    what = f"{event.cameo} {event.trigger!r} {event.modality}" if event else "no event"
    return f"{n}\tgold {want}\tgot {got}\t{what}\t{text.strip()}\n"


def story_types(events: list[Event]) -> Counter[str]:
    """PLOVER types of a story, the headline's main event first (it names the story's event)."""
    with_type = [e for e in events if e.plover]
    headline = main_event([e for e in with_type if e.sentence_index == 0])
    if headline is not None and headline.plover:
        return Counter({headline.plover.type: 1})
    types = Counter(e.plover.type for e in with_type if e.modality == "occurred" and e.plover)
    return types or Counter(e.plover.type for e in with_type if e.plover)


# The synthetic stories are templates: "{country_1} Warns {country_2} …", "{city}". A user's
# text names real states, so the slots are filled, in a fixed rotation, with real ones.
SLOT_COUNTRIES = (
    ("Kenya", "Nairobi"), ("Peru", "Lima"), ("Nepal", "Kathmandu"), ("Chile", "Santiago"),
    ("Ghana", "Accra"), ("Jordan", "Amman"), ("Norway", "Oslo"), ("Vietnam", "Hanoi"),
    ("Senegal", "Dakar"), ("Bolivia", "La Paz"), ("Hungary", "Budapest"),
    ("Malaysia", "Kuala Lumpur"),
)  # fmt: skip


def fill_slots(text: str, n: int) -> str:
    """The story ``n`` with its ``{country_k}`` and ``{city}`` slots filled."""
    size = len(SLOT_COUNTRIES)
    for k in (1, 2, 3):
        text = text.replace(f"{{country_{k}}}", SLOT_COUNTRIES[(n + k - 1) % size][0])
    return text.replace("{city}", SLOT_COUNTRIES[n % size][1])


def ngec(coder: Coder, sample: int, seed: int = 7, errors: Path | None = None) -> dict[str, object]:
    """PLOVER type accuracy on a seeded sample, split like every dev set (``is_held_back``)."""
    path = next((SHARED / "data" / "ngec").glob("gpt_synthetic_events_*.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows = random.Random(seed).sample(rows, min(sample, len(rows)))
    articles = [
        Article(f"ngec-{n}", fill_slots(f"{r['title']}.\n{r['text']}", n), dt.date(2023, 10, 19))
        for n, r in enumerate(rows)
    ]
    parts: dict[bool, list[tuple[bool, bool]]] = {False: [], True: []}
    misses = []
    for n, (coded, row) in enumerate(zip(coder.code_stream(articles), rows, strict=True)):
        types = story_types(list(coded.events))
        got = types.most_common(1)[0][0] if types else None
        parts[is_held_back(n)].append((bool(types), got == row["label"]))
        if errors is not None and not is_held_back(n) and got != row["label"]:
            misses.append(f"{n}\tgold {row['label']}\tgot {got}\t{dict(types)}\t{row['title']}\n")
    if errors is not None:
        errors.write_text("".join(misses), encoding="utf-8")
    return {
        part: {
            "stories": len(rows_),
            "accuracy": round(sum(ok for _, ok in rows_) / max(1, len(rows_)), 3),
            "with_events": sum(any_ for any_, _ in rows_),
        }
        for part, rows_ in (("dev", parts[False]), ("held_back", parts[True]))
    }


def seeds(coder: Coder) -> dict[str, object]:
    articles = read_seeds(SHARED / "corpus" / "seeds.jsonl")
    events = [e for coded in coder.code_stream(articles) for e in coded.events]
    results = {name: check(events) for name, check in SEED_CHECKS + EVENT_ISSUE_CHECKS}
    return {"passed": sum(results.values()), "total": len(results), "checks": results,
            "events": len(events)}  # fmt: skip


def render(report: dict[str, dict[str, object]], command: str) -> str:
    cb, ng, sd = report["conflibert"], report["ngec"], report["seeds"]
    cbd, cbh = cb["dev"], cb["held_back"]
    ngd, ngh = ng["dev"], ng["held_back"]
    assert isinstance(cbd, dict) and isinstance(cbh, dict)
    assert isinstance(ngd, dict) and isinstance(ngh, dict)
    lines = [
        "## Accuracy (coder issue)",
        "",
        f"Command: `{command}` (run {dt.date.today().isoformat()}, 2-core machine). Every "
        "set is coded with the CLI defaults (`legation code`: actors required, no screen). "
        f"Fixed split: every {HELD_BACK_EVERY}th item (index % {HELD_BACK_EVERY} == "
        f"{HELD_BACK_EVERY - 1}) is held back; errors are read on the development part only.",
        "",
        "| dev set | measure | development | held back |",
        "|---|---|---|---|",
        f"| ConfliBERT `cameo_class_train.tsv` ({cbd['sentences']} + {cbh['sentences']} "
        f"sentences) | quad-class (5-way) accuracy | **{cbd['accuracy']}** "
        f"| **{cbh['accuracy']}** |",
        f"| NGEC synthetic stories (seeded sample, {ngd['stories']} + {ngh['stories']}) "
        f"| PLOVER type accuracy | **{ngd['accuracy']}** | **{ngh['accuracy']}** |",
        f"| seed articles | must-show / must-not checks | **{sd['passed']}/{sd['total']}** | |",
        "",
        "ConfliBERT per-class recall (0 statement/appeal … 4 material conflict), development: "
        f"{cbd['per_class_recall']}, held back: {cbh['per_class_recall']}; sentences with no "
        f"coded event (scored as class {NO_EVENT_LABEL}): {cbd['no_event']} + "
        f"{cbh['no_event']}. NGEC stories with at least one event: {ngd['with_events']} + "
        f"{ngh['with_events']}.",
        "",
        "Method. ConfliBERT's five labels follow the Phoenix quad scheme (roots 09 and 16 are "
        "verbal conflict, 14 material conflict), so predictions are mapped that way; legation's "
        "own records carry GDELT's quad class. Each sentence is coded alone (no article date); "
        "its label is that of its main event: the trigger highest in the parse (`depth:` in "
        "the event's `rule`), then the one with most actors, then `occurred` before other "
        "modalities. NGEC stories are labelled at document level with conventions that differ "
        "from the CAMEO→PLOVER map (e.g. a promise to ease restrictions is CONCEDE there, "
        "AGREE through CAMEO 035), which caps this figure.",
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
    parser.add_argument(
        "--errors", type=Path, help="write the development parts' misses to DIR (for reading)"
    )
    parser.add_argument(
        "--only", choices=("conflibert", "ngec", "seeds"), help="run one dev set (no --write)"
    )
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is not present", file=sys.stderr)
        return 0
    coder = Coder()  # the CLI defaults: what `legation code` gives a user
    errors: Path | None = args.errors
    if errors is not None:
        errors.mkdir(parents=True, exist_ok=True)
    report: dict[str, dict[str, object]] = {}
    if args.only in (None, "conflibert"):
        report["conflibert"] = conflibert(coder, errors and errors / "conflibert.tsv")
    if args.only in (None, "ngec"):
        report["ngec"] = ngec(coder, args.ngec_sample, errors=errors and errors / "ngec.tsv")
    if args.only in (None, "seeds"):
        report["seeds"] = seeds(coder)
    print(json.dumps(report, indent=2))
    if args.write and args.only is None:
        command = "python -m benchmarks.accuracy " + " ".join(
            argv if argv is not None else sys.argv[1:]
        )
        replace_marked_section(args.write, render(report, command.strip()))
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


def replace_marked_section(
    path: Path, body: str, heading: str = "## Accuracy (coder issue)"
) -> None:
    """Replace this benchmark's own section of ``path`` and nothing else.

    The section lies between ``SECTION_BEGIN`` and ``SECTION_END``, so other benchmarks'
    sections (ConfliBERT roles, the PETRARCH suite) are kept; a file written before the
    markers existed has it from ``heading`` to the next ``## ``; else it is appended.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    block = f"{SECTION_BEGIN}\n{body.rstrip()}\n{SECTION_END}\n"
    start, end = text.find(SECTION_BEGIN), text.find(SECTION_END)
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len(SECTION_END) :].lstrip("\n")
    elif (start := text.find(heading)) >= 0:
        stop = text.find("\n## ", start + len(heading))
        text = text[:start] + block + ("\n" + text[stop + 1 :] if stop >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
