"""Store benchmark: insert rate, and query times on a store of synthetic events.

Builds a SQLite store (the store's own schema and migrations) holding ``--events``
synthetic events (default 10 million; countries Zipf-distributed, days 1990–2025, CAMEO codes
from the ontology) and times:

- insert rate through SQLAlchemy Core ``executemany`` with every index in place (the store's
  write path), on the first ``INSERT_SAMPLE`` rows;
- a dyad time series: our own SQL GROUP BY over source_country/target_country/date_start,
  and ``legation.analysis.dyad_series`` when it exists;
- an events page: 50 rows filtered by dyad and CAMEO root, through ``Store.event_rows``.

The bulk of the build drops the secondary indexes, inserts, and recreates them (the
usual bulk load); query times are medians of ``REPEATS`` runs after one warm-up.

    python -m benchmarks.store --events 10000000 --db /tmp/legation-bench.db \
        --write docs/BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from legation.ontology import load_ontology
from legation.store import EventFilter, Store
from legation.store.schema import events

INSERT_SAMPLE = 200_000
BATCH = 50_000
REPEATS = 7
COUNTRIES = 200
DYAD = ("USA", "CHN")  # the two most frequent synthetic countries: the worst-case dyad
TYPICAL_DYAD_RANKS = (10, 30)  # a dyad of the 11th and 31st most frequent countries
START_DAY = dt.date(1990, 1, 1).toordinal()
DAYS = 36 * 365


def _countries() -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [a + b + c for a in letters for b in letters for c in letters]
    rng = random.Random(1)
    rng.shuffle(codes)
    return ["USA", "CHN", *codes[: COUNTRIES - 2]]


COLUMNS = (
    "event_id", "article_id", "doc_id", "sentence_index", "sentence", "source_code",
    "source_country", "source_sector", "target_code", "target_country", "cameo", "root",
    "quad_class", "goldstein", "plover_type", "modality", "date", "date_precision",
    "date_start", "date_end", "trigger", "dataset", "added_at", "count", "num_mentions",
    "num_sources", "num_articles", "rule",
)  # fmt: skip


def synthetic_tuples(n: int, seed: int = 7, start: int = 0) -> Iterator[tuple[Any, ...]]:
    """``n`` event rows as tuples in ``COLUMNS`` order (deterministic for a seed)."""
    rng = random.Random(seed + start)
    codes = [
        (c.code, c.root, c.quad_class, c.goldstein, c.plover.type if c.plover else None)
        for c in load_ontology().codes()
    ]
    countries = _countries()
    cum: list[float] = []
    total = 0.0
    for k in range(len(countries)):
        total += 1 / (k + 1)
        cum.append(total)
    days = [dt.date.fromordinal(START_DAY + d).isoformat() for d in range(DAYS)]
    now = dt.datetime.now(dt.UTC).isoformat(sep=" ")
    modalities = ["occurred"] * 8 + ["negated", "planned"]
    choices, choice, randrange = rng.choices, rng.choice, rng.randrange
    for i in range(start, start + n):
        src, tgt = choices(countries, cum_weights=cum, k=2)
        code, root, quad, goldstein, plover = choice(codes)
        day = days[randrange(DAYS)]
        yield (
            f"{i:016x}", None, f"syn-{i // 5}", i % 5, "synthetic", src + "GOV", src, "GOV",
            tgt, tgt, code, root, quad, goldstein, plover, choice(modalities), day, "day",
            day, day, "synthetic", "synthetic", now, 1, 1, 1, 1, "",
        )  # fmt: skip


def synthetic_rows(n: int, seed: int = 7, start: int = 0) -> Iterator[dict[str, Any]]:
    """The same rows as dicts, for the store's SQLAlchemy Core insert path."""
    now = dt.datetime.now(dt.UTC)
    for values in synthetic_tuples(n, seed, start):
        row = dict(zip(COLUMNS, values, strict=True))
        row["added_at"] = now
        yield row


def _tuple_batches(n: int, start: int) -> Iterator[list[tuple[Any, ...]]]:
    done = 0
    while done < n:
        size = min(BATCH, n - done)
        yield list(synthetic_tuples(size, start=start + done))
        done += size


def build(store: Store, n: int) -> dict[str, float]:
    """Fill ``store`` with ``n`` events; return the measured insert rates (rows/s)."""
    sample = min(INSERT_SAMPLE, n)
    rows = list(synthetic_rows(sample))
    started = time.perf_counter()
    with store.engine.begin() as conn:  # the store's write path, every index in place
        for k in range(0, len(rows), BATCH):
            conn.execute(events.insert(), rows[k : k + BATCH])
    figures = {"insert_rows_per_s": round(sample / (time.perf_counter() - started))}
    del rows
    insert = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    raw = store.engine.raw_connection()
    driver = min(INSERT_SAMPLE, n - sample)
    if driver:
        batch = list(synthetic_tuples(driver, start=sample))
        started = time.perf_counter()
        raw.execute("BEGIN")  # the driver connection is in autocommit mode
        raw.executemany(insert, batch)
        raw.commit()
        figures["driver_rows_per_s"] = round(driver / (time.perf_counter() - started))
    rest = n - sample - driver
    if rest:
        indexes = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='events' "
            "AND sql IS NOT NULL"
        ).fetchall()
        started = time.perf_counter()
        for name, _ in indexes:
            raw.execute(f"DROP INDEX {name}")
        raw.execute("BEGIN")
        for batch in _tuple_batches(rest, start=sample + driver):
            raw.executemany(insert, batch)
        raw.commit()
        for _, sql in indexes:
            raw.execute(sql)
        raw.execute("ANALYZE")
        raw.commit()
        figures["bulk_rows_per_s"] = round(rest / (time.perf_counter() - started))
    raw.close()
    return figures


def _median_ms(action: Callable[[], object]) -> float:
    action()
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def dyad_sql(store: Store, a: str, b: str) -> list[Any]:
    """Monthly counts and Goldstein sums by quad class for a↔b (our own GROUP BY)."""
    month = sa.func.substr(events.c.date_start, 1, 7)
    forward = sa.and_(events.c.source_country == a, events.c.target_country == b)
    backward = sa.and_(events.c.source_country == b, events.c.target_country == a)
    query = (
        sa.select(month, events.c.quad_class, sa.func.count(), sa.func.sum(events.c.goldstein))
        .where(sa.or_(forward, backward), events.c.modality == "occurred")
        .group_by(month, events.c.quad_class)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query))


def measure(store: Store) -> dict[str, Any]:
    a, b = DYAD
    result: dict[str, Any] = {"dyad": f"{a}-{b}", "dyad_events": len(dyad_sql(store, a, b))}
    result["dyad_series_sql_ms"] = _median_ms(lambda: dyad_sql(store, a, b))
    try:
        from legation.analysis.series import dyad_series
    except ImportError:
        result["dyad_series_api_ms"] = None
    else:
        result["dyad_series_api_ms"] = _median_ms(lambda: dyad_series(store, a, b))
    pages = {
        "events_page_dyad_ms": EventFilter(source=a, target=b, limit=50),
        "events_page_dyad_code_ms": EventFilter(source=a, target=b, code="04", limit=50),
        "events_page_until_ms": EventFilter(code="04", until="1995", limit=50),
        "events_page_window_ms": EventFilter(since="2020-01-01", until="2020-03-31", limit=50),
    }
    for name, page in pages.items():
        result[name] = _median_ms(lambda page=page: store.event_rows(page))
    c, d = (_countries()[rank] for rank in TYPICAL_DYAD_RANKS)
    result["typical_dyad"] = f"{c}-{d}"
    result["typical_dyad_sql_ms"] = _median_ms(lambda: dyad_sql(store, c, d))
    if result["dyad_series_api_ms"] is not None:
        result["typical_dyad_api_ms"] = _median_ms(lambda: dyad_series(store, c, d))
    return result


def render(n: int, figures: dict[str, Any], command: str) -> str:
    f = figures
    return "\n".join(
        [
            "## Store (speed issue)",
            "",
            f"Command: `{command}` (run {dt.date.today().isoformat()}, SQLite, "
            f"{f['cores']}-core machine shared with other jobs).",
            "",
            "| measure | result | target |",
            "|---|---|---|",
            f"| insert through the store's Core path, all indexes in place (first "
            f"{min(n, INSERT_SAMPLE):,} rows) | **{f['insert_rows_per_s']:,} rows/s** "
            "| ≥ 20,000 rows/s |",
            f"| insert through the SQLite driver's executemany, all indexes in place | "
            f"**{f.get('driver_rows_per_s', 0):,} rows/s** | ≥ 20,000 rows/s |",
            f"| bulk load of the rest (indexes dropped and rebuilt, ANALYZE; row generation "
            f"included) | {f.get('bulk_rows_per_s', 0):,} rows/s | |",
            f"| store size | {n:,} synthetic events, {f['db_mb']:,} MB | 10,000,000 |",
            f"| dyad time series, own SQL GROUP BY ({f['dyad']}, both directions, by month and "
            f"quad class) | **{f['dyad_series_sql_ms']} ms** | ≤ 250 ms |",
            f"| dyad time series, `legation.analysis.dyad_series` | "
            f"**{f['dyad_series_api_ms']} ms** | ≤ 250 ms |",
            f"| dyad time series, typical dyad ({f['typical_dyad']}: countries ranked 11 and "
            f"31), own SQL / `dyad_series` | **{f['typical_dyad_sql_ms']} ms / "
            f"{f.get('typical_dyad_api_ms')} ms** | ≤ 250 ms |",
            f"| events page, 50 rows, source {f['dyad'][:3]} + target {f['dyad'][4:]} | "
            f"**{f['events_page_dyad_ms']} ms** | ≤ 100 ms |",
            f"| events page, 50 rows, dyad + CAMEO 04 | **{f['events_page_dyad_code_ms']} ms** "
            "| ≤ 100 ms |",
            f"| events page, 50 rows, CAMEO 04 until 1995 | **{f['events_page_until_ms']} ms** "
            "| ≤ 100 ms |",
            f"| events page, 50 rows, window 2020-01-01…2020-03-31 | "
            f"**{f['events_page_window_ms']} ms** | ≤ 100 ms |",
            "",
            f"The dyad is the two most frequent synthetic countries ({f['dyad_rows']:,} events "
            "between them), the worst case. Migration 4 adds two indexes: `ix_events_dyad` "
            "(source_country, target_country, date_start, modality, quad_class, root, "
            "goldstein) answers a series from the index alone; `ix_events_page` (date_start "
            "IS NULL, date_start, event_id and the filter columns) lets a page follow the "
            "store's ORDER BY in index order and stop after 50 rows. A date *window* page "
            "still scans: `date_end >= since` cannot bound an index walk ordered by "
            "date_start (see docs/SCALING.md for the query change that fixes it). "
            "Medians of 7 runs after a warm-up; indexes, no caches.",
            "",
            "",  # a blank line before the next section
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/legation-store-bench.db"))
    parser.add_argument("--reuse", action="store_true", help="measure an existing store")
    parser.add_argument("--write", type=Path, help="replace the store section of this file")
    args = parser.parse_args(argv)

    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    store = Store(args.db)
    figures: dict[str, Any] = {"cores": os.cpu_count()}
    if not args.reuse:
        figures.update(build(store, args.events))
    else:
        figures.update(insert_rows_per_s=0)
    figures.update(measure(store))
    a, b = figures["dyad"].split("-")
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        figures["dyad_rows"] = conn.execute(
            sa.select(sa.func.count())
            .select_from(events)
            .where(
                sa.or_(
                    sa.and_(events.c.source_country == a, events.c.target_country == b),
                    sa.and_(events.c.source_country == b, events.c.target_country == a),
                )
            )
        ).scalar_one()
    figures["db_mb"] = round(args.db.stat().st_size / 1e6)
    store.close()
    print(json.dumps(figures, indent=2))
    if args.write:
        from benchmarks.accuracy import replace_section

        given = argv if argv is not None else sys.argv[1:]
        command = "python -m benchmarks.store " + " ".join(given)
        body = render(total, figures, command.strip())
        replace_section(args.write, "## Store (speed issue)", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
