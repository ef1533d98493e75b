"""Coding one long text without sentence ends: seconds and peak memory, with the forced
cut of over-long stretches (``pipeline.MAX_RUN_CHARS``) and without it (``--no-cut``,
the behaviour before issue 13: only 20,000-character chunks).

    python -m benchmarks.unsegmented --chars 100000 --kind comma
    python -m benchmarks.unsegmented --chars 100000 --kind comma --no-cut
    python -m benchmarks.unsegmented --chars 100000 --kind period   # normal sentences

Each run is one process (the real coder, loaded and warmed up first), so ``ru_maxrss``
is that run's peak. Kinds: ``comma`` (short clauses joined by commas, never a full
stop), ``word`` (one word repeated), ``period`` (the same clauses as full sentences:
the cost of ordinary text of that size).
"""

from __future__ import annotations

import argparse
import json
import resource
import time

KINDS = {
    "comma": "The envoy met the minister, ",
    "word": "talks ",
    "period": "The envoy met the minister. ",
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--kind", choices=sorted(KINDS), default="comma")
    parser.add_argument("--no-cut", action="store_true", help="chunks only, as before")
    args = parser.parse_args(argv)

    from legation import pipeline
    from legation.model import Article

    if args.no_cut:
        pipeline.MAX_RUN_CHARS = 10**12
    unit = KINDS[args.kind]
    text = (unit * (args.chars // len(unit) + 1))[: args.chars]
    coder = pipeline.Coder()
    coder.code_article(Article("warm-up", "The envoy met the minister.", None))
    pieces = pipeline.split_long_text(text, pipeline.CHUNK_CHARS, pipeline.MAX_RUN_CHARS)
    started = time.perf_counter()
    events = coder.code_article(Article("long", text, None))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "kind": args.kind,
        "chars": args.chars,
        "cut": not args.no_cut,
        "pieces": len(pieces),
        "longest_piece": max(map(len, pieces)),
        "events": len(events),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_mb),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
