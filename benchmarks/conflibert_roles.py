"""Who did it to whom on real news: source and target roles on ConfliBERT's CAMEO NER set.

    .venv/bin/python -m benchmarks.conflibert_roles [--limit N] [--errors FILE]
        [--write docs/BENCHMARKS.md]

``../shared/data/conflibert/cameo_ner_train.txt`` holds news sentences in CoNLL form (one
token a line, a blank line between sentences): ``B-S/I-S`` tags the source span, ``B-T/I-T``
the target span, ``B-R/I-R`` an actor on both sides. A sentence is scored when it has at
least one source-side span (S or R) and one target-side span (T or R). Each is coded alone
with the CLI defaults (``Coder()``, what ``legation code`` gives a user); it is a **hit**
when one ``occurred`` event's ``source.text`` shares a content word with a source-side span
and its ``target.text`` shares one with a target-side span. Source-found and target-found
rates count the sides alone (any ``occurred`` event).

Fixed split: sentence ``index % 4 == 3`` (over the scored sentences) is held back and never
read one by one; ``--errors`` writes the development part's misses only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from legation.model import Article, Event
from legation.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "conflibert" / "cameo_ner_train.txt"
HELD_BACK_EVERY = 4  # scored sentence ``index`` is held back when index % 4 == 3
SOURCE_TAGS = frozenset({"S", "R"})
TARGET_TAGS = frozenset({"T", "R"})
SECTION_BEGIN = "<!-- conflibert-roles:begin -->"
SECTION_END = "<!-- conflibert-roles:end -->"
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "'s", "'", "n't", "%"})


@dataclass(frozen=True, slots=True)
class Sentence:
    """One scored sentence: its text and the words of its source-side and target-side spans."""

    text: str
    sources: tuple[frozenset[str], ...]
    targets: tuple[frozenset[str], ...]


def is_held_back(index: int) -> bool:
    return index % HELD_BACK_EVERY == HELD_BACK_EVERY - 1


def content_words(text: str) -> frozenset[str]:
    """Lower-case words that carry content: letters or digits, no stop words."""
    words = (w.strip(".,;:'\"()[]-").lower() for w in text.replace("'s", " ").split())
    return frozenset(w for w in words if w and w not in STOP_WORDS and any(c.isalnum() for c in w))


def read_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """(token, tag) lists, one per CoNLL sentence."""
    rows: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if rows:
                yield rows
            rows = []
            continue
        rows.append((parts[0], parts[-1] if len(parts) > 1 else "O"))
    if rows:
        yield rows


def detokenize(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        if out and token not in _NO_SPACE_BEFORE and not out.endswith(("(", "$")):
            out += " "
        out += token
    return out


def spans(rows: list[tuple[str, str]], kinds: frozenset[str]) -> list[str]:
    """The text of each span whose tag (S, T or R) is in ``kinds``."""
    found: list[list[str]] = []
    previous = None
    for token, tag in rows:
        prefix, _, kind = tag.partition("-")
        if kind in kinds and (prefix == "B" or previous != kind):
            found.append([token])
        elif kind in kinds and prefix == "I":
            found[-1].append(token)
        previous = kind if kind else None
    return [" ".join(words) for words in found]


def scored_sentences(path: Path = DATA) -> list[Sentence]:
    """The sentences with at least one source-side and one target-side span."""
    out = []
    for rows in read_sentences(path):
        sources = [content_words(s) for s in spans(rows, SOURCE_TAGS)]
        targets = [content_words(s) for s in spans(rows, TARGET_TAGS)]
        sources, targets = [s for s in sources if s], [t for t in targets if t]
        if sources and targets:
            text = detokenize([token for token, _ in rows])
            out.append(Sentence(text, tuple(sources), tuple(targets)))
    return out


def _shares(text: str | None, wanted: tuple[frozenset[str], ...]) -> bool:
    if not text:
        return False
    words = content_words(text)
    return any(words & span for span in wanted)


def score(sentence: Sentence, events: list[Event]) -> tuple[bool, bool, bool]:
    """(both, source, target) for one sentence's events."""
    occurred = [e for e in events if e.modality == "occurred"]
    src = [_shares(e.source.text if e.source else None, sentence.sources) for e in occurred]
    tgt = [_shares(e.target.text if e.target else None, sentence.targets) for e in occurred]
    both = any(s and t for s, t in zip(src, tgt, strict=True))
    return both, any(src), any(tgt)


def run(coder: Coder, limit: int | None = None, errors: Path | None = None) -> dict[str, object]:
    sentences = scored_sentences()[:limit]
    articles = [Article(f"cbr-{n}", s.text, None) for n, s in enumerate(sentences)]
    counts = {part: [0, 0, 0, 0] for part in ("dev", "held_back")}
    misses: list[str] = []
    start = time.perf_counter()
    for n, (coded, sentence) in enumerate(zip(coder.code_stream(articles), sentences, strict=True)):
        both, src, tgt = score(sentence, list(coded.events))
        part = "held_back" if is_held_back(n) else "dev"
        for i, ok in enumerate((True, both, src, tgt)):
            counts[part][i] += ok
        if errors is not None and part == "dev" and not both:
            misses.append(_miss(n, sentence, list(coded.events), src, tgt))
    if errors is not None:
        errors.write_text("".join(misses), encoding="utf-8")
    report: dict[str, object] = {
        part: {
            "sentences": total,
            "both": round(b / max(total, 1), 3),
            "source": round(s / max(total, 1), 3),
            "target": round(t / max(total, 1), 3),
        }
        for part, (total, b, s, t) in counts.items()
    }
    report["seconds"] = round(time.perf_counter() - start, 1)
    return report


def _miss(n: int, sentence: Sentence, events: list[Event], src: bool, tgt: bool) -> str:
    got = "; ".join(
        f"{e.cameo} {e.modality} {e.source.text if e.source else '-'} → "
        f"{e.target.text if e.target else '-'}"
        for e in events
    )
    want = f"S={[sorted(s) for s in sentence.sources]} T={[sorted(t) for t in sentence.targets]}"
    return f"{n}\tsrc={int(src)} tgt={int(tgt)}\t{sentence.text}\n\t{want}\n\tgot: {got}\n"


def render(report: dict[str, object], command: str) -> str:
    dev, held = report["dev"], report["held_back"]
    assert isinstance(dev, dict) and isinstance(held, dict)
    rows = [
        f"| {name} | {dev[key]} | **{held[key]}** | {target} |"
        for name, key, target in (
            ("source and target (hit)", "both", "≥ 0.60"),
            ("source found", "source", "≥ 0.80"),
            ("target found", "target", "≥ 0.70"),
        )
    ]
    return "\n".join(
        [
            "## Actor roles on real news (ConfliBERT CAMEO NER)",
            "",
            f"Command: `{command}` (also run by `make accuracy`). "
            f"{dev['sentences']} + {held['sentences']} sentences of "
            "`conflibert/cameo_ner_train.txt` with a source-side and a target-side span, each "
            "coded alone with the CLI defaults. A hit: one `occurred` event whose `source.text` "
            "shares a content word with a source-side span (S or R) and whose `target.text` "
            "shares one with a target-side span (T or R). Fixed split: every 4th scored "
            "sentence (index % 4 == 3) is held back; errors are read on the development part.",
            "",
            "| rate | development | held back | target (held back) |",
            "|---|---|---|---|",
            *rows,
            "",
            "Before the actors issue: both 0.26, source 0.56, target 0.40 (whole file). "
            "ConfliBERT (a fine-tuned BERT) reports macro-F1 0.74 on these role spans.",
            "",
        ]
    )


def replace_marked_section(path: Path, body: str) -> None:
    """Replace this benchmark's marked section of ``path`` (or append it), nothing else."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    block = f"{SECTION_BEGIN}\n{body.rstrip()}\n{SECTION_END}\n"
    start, end = text.find(SECTION_BEGIN), text.find(SECTION_END)
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len(SECTION_END) :].lstrip("\n")
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--errors", type=Path, help="write the development part's misses here")
    parser.add_argument("--write", type=Path, help="replace this benchmark's section of the file")
    args = parser.parse_args(argv)
    if not DATA.is_file():
        print(f"skipped: {DATA} is not present", file=sys.stderr)
        return 0
    report = run(Coder(), args.limit, args.errors)  # the CLI defaults
    print(json.dumps(report, indent=2))
    if args.write and args.limit is None:
        command = "python -m benchmarks.conflibert_roles " + " ".join(
            argv if argv is not None else sys.argv[1:]
        )
        replace_marked_section(args.write, render(report, command.strip()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
