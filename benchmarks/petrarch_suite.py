"""Conformance with PETRARCH-2's own unit-test suite (skipped when ../shared is absent).

    .venv/bin/python -m benchmarks.petrarch_suite [--write docs/BENCHMARKS.md] [--errors FILE]

The 284 records of ``PETR.UnitTest.records.xml`` are coded with the suite's own dictionaries
(``PETR.Validate.actors.txt`` and ``.agents.txt`` through ``actor_files``, the ``--actors``
option; ``PETR.Validate.verbs.txt`` through ``verbs``, the ``--verbs`` option): the options a
user gets, nothing else. The suite's actors are fictional (Mordor, Gondor, …); their codes come
from its actor file. Each record is one article dated by its ``date`` attribute.

Scores, per record, over sets:

- **pairs**: the share of expected (source country, target country) pairs that some produced
  event carries (country = the code's first three letters; ``---`` when none);
- **dyad+root**: precision, recall and F1 of (source country, target country, CAMEO root)
  triples. An expected event whose code has no CAMEO root (the suite's verb file is mostly
  WEIS-coded: ``223``, ``903``, …) is left out of this score and counted apart; records whose
  expected outcome is a PETRARCH input error (``error=…``) are left out of both. A produced
  triple on the dyad of such a non-CAMEO event is left out of precision the same way. Every
  produced event counts, whatever its modality (the suite has none), except that under the
  suite's ``require_dyad`` (``<Config>`` between records; on by default) an event without a
  source or a target is left out, as PETRARCH does not output it. An agent alone ("a senior
  official", code ``GOV``) has country ``---``, as PETRARCH writes ``---GOV``.

By default the verbs are the suite's alone (``verbs_replace``, as PETRARCH codes);
``--bundled`` keeps legation's lexicon under them.

Every fourth record (index % 4 == 3) is held back: its errors are never written out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from legation.model import Actor, Article, Event

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "data" / "petrarch"
RECORDS = "PETR.UnitTest.records.xml"
ACTORS = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
VERBS = ("PETR.Validate.verbs.txt",)
HELD_BACK_EVERY = 4  # record index % 4 == 3 is held back, never read one by one
SECTION_BEGIN = "<!-- petrarch-suite:begin -->"
SECTION_END = "<!-- petrarch-suite:end -->"
CAMEO_ROOTS = frozenset(f"{n:02d}" for n in range(1, 21))

_OPEN = re.compile(r"<Sentence\b([^>]*?)/?>", re.S)
_ATTR = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CONFIG = re.compile(r"<Config\b([^>]*?)/?>", re.S)

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Record:
    """One unit-test sentence with its expected (source, target, code) events."""

    index: int
    id: str
    date: dt.date | None
    text: str
    expected: tuple[tuple[str, str, str], ...]  # (source code, target code, event code)
    error: str | None  # the PETRARCH input error the record tests, if any
    require_dyad: bool = True  # the suite's Config option in force for this record

    @property
    def category(self) -> str:
        return re.split(r"[-_\d]", self.id, maxsplit=1)[0].upper() or self.id

    @property
    def held_back(self) -> bool:
        return self.index % HELD_BACK_EVERY == HELD_BACK_EVERY - 1


def read_records(text: str) -> list[Record]:
    """Records of a PETRARCH validation file, read leniently: regular expressions, not an
    XML parser, because a ``<Sentence …/>`` opener may still be closed by ``</Sentence>``
    later and comments hold stray markup."""
    text = _COMMENT.sub("", text)
    opens = list(_OPEN.finditer(text))
    # <Config option="require_dyad" value="false"> between records holds until the next one
    dyad_from = [
        (m.start(), attrs.get("value", "true").strip().lower() != "false")
        for m in _CONFIG.finditer(text)
        if (attrs := dict(_ATTR.findall(m[1]))).get("option") == "require_dyad"
    ]
    records = []
    for n, match in enumerate(opens):
        require_dyad = ([True] + [v for at, v in dyad_from if at < match.start()])[-1]
        end = opens[n + 1].start() if n + 1 < len(opens) else len(text)
        body = text[match.end() : end]
        attrs = dict(_ATTR.findall(match[1]))
        body_text = _TEXT.search(body)
        if body_text is None:
            continue
        expected, error = [], None
        for coding in _CODING.finditer(body):
            fields = dict(_ATTR.findall(coding[1]))
            if "error" in fields:
                error = fields["error"]
            elif "eventcode" in fields:
                expected.append(
                    (fields.get("sourcecode", "---"), fields.get("targetcode", "---"),
                     fields["eventcode"])
                )  # fmt: skip
        record_text = " ".join(html.unescape(body_text[1]).split())
        records.append(
            Record(len(records), attrs.get("id", f"record-{n}"), _date(attrs.get("date")),
                   record_text, tuple(expected), error, require_dyad)
        )  # fmt: skip
    return records


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(value or "", "%Y%m%d").date()
    except ValueError:
        return None


def country_of_code(code: str) -> str:
    """A PETRARCH code's country part: its first three letters (``---`` for none)."""
    head = code.strip().upper()[:3]
    return head if len(head) == 3 else "---"


def country_of(actor: Actor | None) -> str:
    """An event actor's country part; ``---`` for none, and for an agent alone ("a senior
    official": code ``GOV``, no country), which PETRARCH writes ``---GOV``."""
    if actor is None:
        return "---"
    if actor.country:
        return actor.country.upper()
    if actor.sector and actor.code.upper().startswith(actor.sector.upper()[:3]):
        return "---"
    return country_of_code(actor.code) if actor.code else "---"


@dataclass
class Tally:
    """Counts for one part (development / held back) or one category."""

    records: int = 0
    pairs_expected: int = 0
    pairs_found: int = 0
    expected: int = 0
    produced: int = 0
    matched: int = 0
    not_cameo: int = 0  # expected events without a CAMEO root, left out of dyad+root
    uncompared: int = 0  # produced triples on the dyad of such an event, left out as well
    no_dyad: int = 0  # events left out under the record's require_dyad (no source or target)

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def pair_share(self) -> float:
        return self.pairs_found / self.pairs_expected if self.pairs_expected else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.produced if self.produced else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scored:
    tally: Tally
    missed: set[Triple] = field(default_factory=set)
    extra: set[Triple] = field(default_factory=set)


def score_record(record: Record, events: Iterable[Event]) -> Scored:
    """Pairs and dyad+root triples of one record against its events.

    Under the suite's ``require_dyad`` (its default; some records switch it off), an event
    without a source or a target is not output, as in PETRARCH. A produced triple on the
    dyad of an expected event that has no CAMEO root is that event in a code that cannot be
    compared: it is left out of precision as the expected event is left out of recall."""
    tally = Tally(records=1)
    kept = []
    for event in events:
        if record.require_dyad and (event.source is None or event.target is None):
            tally.no_dyad += 1
        else:
            kept.append(event)
    produced = {(country_of(e.source), country_of(e.target), e.root) for e in kept}
    expected: set[Triple] = set()
    pairs: set[tuple[str, str]] = set()
    not_cameo: set[tuple[str, str]] = set()
    for source, target, code in record.expected:
        pair = (country_of_code(source), country_of_code(target))
        pairs.add(pair)
        if code[:2] in CAMEO_ROOTS:
            expected.add((*pair, code[:2]))
        else:
            tally.not_cameo += 1
            not_cameo.add(pair)
    found_pairs = {(s, t) for s, t, _ in produced}
    uncompared = {p for p in produced - expected if p[:2] in not_cameo}
    produced -= uncompared
    tally.uncompared = len(uncompared)
    tally.pairs_expected = len(pairs)
    tally.pairs_found = len(pairs & found_pairs)
    tally.expected, tally.produced = len(expected), len(produced)
    tally.matched = len(expected & produced)
    return Scored(tally, expected - produced, produced - expected)


@dataclass
class Report:
    parts: dict[str, Tally]
    categories: dict[str, dict[str, Tally]]
    skipped_errors: int
    seconds: float


def run(suite: Path = SUITE, errors: Path | None = None, *, replace: bool = False) -> Report:
    """Code every record with the suite's dictionaries and score both parts (``replace``:
    with the suite's verbs alone, ``--verbs-replace``, as PETRARCH codes)."""
    from legation.pipeline import Coder

    records = read_records((suite / RECORDS).read_text(encoding="utf-8", errors="replace"))
    coder = Coder(
        actor_files=[suite / name for name in ACTORS],
        verbs=[suite / name for name in VERBS],
        verbs_replace=replace,
    )
    scored = [r for r in records if r.error is None]
    started = time.perf_counter()
    articles = [Article(r.id, r.text, r.date) for r in scored]
    coded = {c.article.id: c.events for c in coder.code_stream(articles)}
    seconds = time.perf_counter() - started
    parts = {"development": Tally(), "held back": Tally()}
    categories: dict[str, dict[str, Tally]] = defaultdict(
        lambda: {"development": Tally(), "held back": Tally()}
    )
    lines = []
    for record in scored:
        result = score_record(record, coded.get(record.id, ()))
        part = "held back" if record.held_back else "development"
        parts[part].add(result.tally)
        categories[record.category][part].add(result.tally)
        if not record.held_back and (result.missed or result.extra):
            events = "\n".join(
                f"    got {country_of(e.source)}→{country_of(e.target)} {e.cameo} "
                f"[{e.modality}] {e.trigger!r} :: {e.rule}"
                for e in coded.get(record.id, ())
            )
            lines.append(
                f"{record.id}: {record.text}\n  expected {list(record.expected)}\n"
                f"  missed {sorted(result.missed)} extra {sorted(result.extra)}\n{events}\n"
            )
    if errors is not None:
        errors.write_text("\n".join(lines), encoding="utf-8")
    return Report(parts, dict(categories), len(records) - len(scored), seconds)


def render(report: Report, command: str) -> str:
    """The docs/BENCHMARKS.md section."""
    out = [
        "## PETRARCH-2 unit-test suite (verbs issue)",
        "",
        f"Command: `{command}` (run {dt.date.today().isoformat()}).",
        "",
        "| part | records | pairs found | dyad+root P | R | F1 | expected | produced | not CAMEO |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, t in report.parts.items():
        out.append(_row(name, t))
    out += [
        "",
        "By category of the record ids (development part / held-back part):",
        "",
        "| category | part | records | pairs found | P | R | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for category in sorted(report.categories):
        for part, t in report.categories[category].items():
            if t.records:
                out.append(
                    f"| {category} | {part} | {t.records} | {t.pair_share:.2f} | "
                    f"{t.precision:.2f} | {t.recall:.2f} | {t.f1:.2f} |"
                )
    out += [
        "",
        f"Records testing PETRARCH input errors (left out): {report.skipped_errors}. "
        "Coding time: {:.1f} s.".format(report.seconds),
        "",
        "Method: each record is coded with the suite's own actor, agent and verb dictionaries "
        "(`--actors PETR.Validate.actors.txt --actors PETR.Validate.agents.txt --verbs "
        "PETR.Validate.verbs.txt --verbs-replace`; `--bundled` keeps the bundled lexicon). "
        "*pairs found*: share of expected (source country, target country) pairs that some "
        "produced event carries. *dyad+root*: (source country, target country, CAMEO root) "
        "sets per record, whatever the modality; under the suite's `require_dyad` option (its "
        "default, switched off by some records) an event without a source or a target is left "
        "out, as PETRARCH does not output it. Expected events whose code has no CAMEO root "
        "(the suite's verb file is mostly WEIS-coded, e.g. 223, 903) are left out of dyad+root "
        "(column *not CAMEO*), and so are produced events on their dyad; they still count for "
        "pairs. Every fourth record is held back; only development errors are read.",
    ]
    return "\n".join(out)


def _row(name: str, t: Tally) -> str:
    return (
        f"| {name} | {t.records} | {t.pair_share:.2f} | {t.precision:.2f} | {t.recall:.2f} | "
        f"**{t.f1:.2f}** | {t.expected} | {t.produced} | {t.not_cameo} |"
    )


def replace_section(path: Path, body: str) -> None:
    """Put ``body`` between this benchmark's markers in ``path`` (appended when absent)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{SECTION_BEGIN}\n{body.rstrip()}\n{SECTION_END}\n"
    start, end = text.find(SECTION_BEGIN), text.find(SECTION_END)
    if start != -1 and end != -1:
        text = text[:start] + block + text[end + len(SECTION_END) :].lstrip("\n")
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", type=Path, default=SUITE, help="folder of the suite's files")
    parser.add_argument("--write", type=Path, help="replace this benchmark's section there")
    parser.add_argument("--errors", type=Path, help="write development-part errors to FILE")
    parser.add_argument(
        "--bundled", action="store_true",
        help="keep the bundled lexicon under the suite's verbs (default: the suite's verbs "
        "alone, --verbs-replace, as PETRARCH codes with its dictionary only)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not (args.suite / RECORDS).exists():
        print(f"skipped: {args.suite / RECORDS} not found", file=sys.stderr)
        return 0
    report = run(args.suite, args.errors, replace=not args.bundled)
    command = (
        "python -m benchmarks.petrarch_suite"
        + (f" --write {args.write}" if args.write else "")
        + (" --bundled" if args.bundled else "")
    )
    body = render(report, command)
    print(body)
    if args.write:
        replace_section(args.write, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
