"""Throughput benchmark: legation's coder against plain spaCy on the same texts.

One run measures, on the same articles (the India police corpus, the seed articles and the
bundled sample; ``--limit`` takes the first N India articles):

- the ceiling: plain ``nlp.pipe`` of the same pipeline (``legation.nlp.load_pipeline``);
- ``legation code`` end to end (read JSONL → code → write JSONL): full parse, then the fast
  mode (screen + no ``ner``), single process and on ``--workers`` processes;
- ``legation ingest`` end to end into a fresh SQLite store;
- peak RSS of each process (the parent, and the largest worker).

Each measurement runs in its own child process so peak RSS is its own. Results and ratios
(legation ÷ ceiling) go to ``docs/BENCHMARKS.md`` with ``--write``.

    python -m benchmarks.throughput --limit 300 --write docs/BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INDIA = SHARED / "data" / "news" / "india_police_docs.jsonl"
SEEDS = SHARED / "corpus" / "seeds.jsonl"
MODES = ("ceiling", "code", "code-fast", "code-workers", "code-fast-workers", "ingest",
         "ingest-fast-workers")  # fmt: skip


def build_corpus(path: Path, limit: int | None) -> tuple[int, int]:
    """Write the benchmark corpus as legation JSONL (id, text, date); (articles, words)."""
    records: list[dict[str, Any]] = []
    if INDIA.exists():
        with INDIA.open(encoding="utf-8") as handle:
            for n, line in enumerate(handle):
                if limit is not None and n >= limit:
                    break
                row = json.loads(line)
                records.append({"id": f"india-{row['doc_id']}", "text": row["doc_text"]})
    if SEEDS.exists():
        records.extend(json.loads(line) for line in SEEDS.open(encoding="utf-8") if line.strip())
    sample = resources.files("legation.samples").joinpath("sample_corpus.jsonl")
    records.extend(json.loads(line) for line in sample.read_text("utf-8").splitlines() if line)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return len(records), sum(len(r["text"].split()) for r in records)


def _peak_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own), round(kids)


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def run_one(mode: str, corpus: Path, workers: int) -> dict[str, Any]:
    """One measurement in this process (called in a child by ``main``)."""
    from legation.parallel import CoderOptions, ParallelCoder

    started = time.perf_counter()
    if mode == "ceiling":
        from legation.nlp import load_pipeline

        texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
        nlp = load_pipeline()
        started, cpu = time.perf_counter(), _cpu_seconds()
        for _ in nlp.pipe(texts):
            pass
        return {"seconds": time.perf_counter() - started, "cpu_s": _cpu_seconds() - cpu}
    fast = "fast" in mode
    options = CoderOptions(screen=fast, disable=("ner",) if fast else ())
    coder = ParallelCoder(workers if "workers" in mode else 1, options=options)
    from legation.output import write_events
    from legation.read import read_inputs

    articles = read_inputs([str(corpus)], None, lambda message: None)
    cpu = _cpu_seconds()  # model loading in the workers counts: it is part of a run
    if mode.startswith("ingest"):
        from legation.store import Store

        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            summary = store.ingest(articles, coder)
            events = summary.events_added
    else:
        with tempfile.TemporaryDirectory() as tmp, (Path(tmp) / "ev.jsonl").open("w") as out:
            coded = coder.code_stream(articles)
            events = write_events((e for c in coded for e in c.events), out)
    return {
        "seconds": time.perf_counter() - started,
        "cpu_s": _cpu_seconds() - cpu,
        "events": events,
    }


def measure(corpus: Path, words: int, articles: int, workers: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for mode in MODES:
        command = [sys.executable, "-m", "benchmarks.throughput", "--one", mode,
                   "--corpus", str(corpus), "--workers", str(workers)]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{mode} failed:\n{done.stderr[-2000:]}")
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        figures["load"] = round(os.getloadavg()[0], 1)
        figures["words_per_s"] = round(words / figures["seconds"])
        figures["words_per_cpu_s"] = round(words / figures["cpu_s"])
        figures["articles_per_s"] = round(articles / figures["seconds"], 2)
        results[mode] = figures
        print(mode, figures, file=sys.stderr, flush=True)
    ceiling = results["ceiling"]
    for figures in results.values():
        figures["ratio"] = round(figures["words_per_s"] / ceiling["words_per_s"], 2)
        figures["ratio_cpu"] = round(figures["words_per_cpu_s"] / ceiling["words_per_cpu_s"], 2)
    return results


def render(results: dict[str, Any], words: int, articles: int, workers: int, cmd: str) -> str:
    labels = {
        "ceiling": "plain spaCy `nlp.pipe`, same pipeline (ceiling)",
        "code": "`legation code`, full parse, 1 process",
        "code-fast": "`legation code --fast` (screen, no `ner`), 1 process",
        "code-workers": f"`legation code --workers {workers}`, full parse",
        "code-fast-workers": f"`legation code --fast --workers {workers}`",
        "ingest": "`legation ingest` into SQLite, full parse, 1 process",
        "ingest-fast-workers": f"`legation ingest --fast --workers {workers}` into SQLite",
    }
    rows = [
        f"| {labels[m]} | {r['words_per_s']:,} | {r['articles_per_s']} | **{r['ratio']}** | "
        f"{r['words_per_cpu_s']:,} | {r['ratio_cpu']} | {r['peak_mb']:,} | "
        f"{r['worker_peak_mb'] or '—'} | {r['load']} |"
        for m, r in results.items()
    ]
    return "\n".join(
        [
            "## Throughput (speed issue)",
            "",
            f"Command: `{cmd}` (run {dt.date.today().isoformat()}; {os.cpu_count()} cores, "
            "shared with other jobs, so absolute figures are noisy: compare ratios). Corpus: "
            f"{articles:,} articles, {words:,} words (India police reports, the seed "
            "articles, the bundled sample).",
            "",
            "| run | words/s | articles/s | ÷ ceiling | words/CPU-s | ÷ ceiling (CPU) | "
            "peak RSS MB (main) | peak RSS MB (largest worker) | load avg after |",
            "|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "`--fast` parses only the sentences the screen keeps (`legation.screen`: a trigger "
            "candidate and an actor candidate, plus actor and dated sentences just before "
            "them) and skips the `ner` component; dev-set accuracy with it is in "
            "docs/SCALING.md (no worse than the full parse). Words per CPU-second (user + "
            "system time of the process and its workers, model loading included) is the "
            "figure that other jobs on the machine disturb least; wall-clock ratios of the "
            "multi-process runs depend on how many cores were free (load average column).",
            "",
            "",  # a blank line before the next section
        ]
    )


def accuracy_variants(ngec_sample: int = 300) -> dict[str, dict[str, Any]]:
    """The coder issue's dev-set figures for the full parse and for ``--fast`` (and its
    two halves), so a speed-up is never bought with accuracy."""
    from benchmarks.accuracy import conflibert, ngec, seeds
    from legation.pipeline import Coder

    variants: dict[str, dict[str, Any]] = {
        "full parse": {},
        "screen only": {"screen": True},
        "no ner only": {"disable": ("ner",)},
        "--fast (screen + no ner)": {"screen": True, "disable": ("ner",)},
    }
    report: dict[str, dict[str, Any]] = {}
    for name, options in variants.items():
        coder = Coder(**options)  # the CLI defaults, as benchmarks.accuracy measures
        seed_report = seeds(coder)
        report[name] = {
            "conflibert": conflibert(coder)["held_back"]["accuracy"],  # type: ignore[index]
            "ngec": ngec(coder, ngec_sample)["held_back"]["accuracy"],  # type: ignore[index]
            "seeds": f"{seed_report['passed']}/{seed_report['total']}",
        }
        print(name, report[name], file=sys.stderr, flush=True)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, help="first N India articles (default: all)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--write", type=Path, help="replace the throughput section of this file")
    parser.add_argument(
        "--accuracy", action="store_true", help="dev-set accuracy of full vs --fast coding"
    )
    parser.add_argument("--one", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.accuracy:
        print(json.dumps(accuracy_variants(), indent=2))
        return 0
    if args.one:
        figures = run_one(args.one, args.corpus, args.workers)
        figures["peak_mb"], figures["worker_peak_mb"] = _peak_mb()
        print(json.dumps(figures))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        articles, words = build_corpus(corpus, args.limit)
        results = measure(corpus, words, articles, args.workers)
    print(json.dumps(results, indent=2))
    if args.write:
        from benchmarks.accuracy import replace_section

        given = argv if argv is not None else sys.argv[1:]
        cmd = "python -m benchmarks.throughput " + " ".join(given)
        replace_section(
            args.write,
            "## Throughput (speed issue)",
            render(results, words, articles, args.workers, cmd.strip()),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
