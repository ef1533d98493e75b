"""Analysis commands: ``dyad``, ``visits``, ``network``, ``reversals``, ``partners``,
``claim``, ``report``. Each parses options and calls the ``legation.analysis`` function
of the same name; ``--db`` is the store, as for ``legation events``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from legation.cli.common import (
    Messages,
    SafeTable,
    actor_code,
    actor_codes,
    output_stream,
    table_console,
)
from legation.cli.store_cmds import DbOption, OutputOpt, SinceOpt, UntilOpt, open_store
from legation.errors import InputError
from legation.wording import counted

if TYPE_CHECKING:
    from legation.analysis import SeriesPoint, VisitRow
    from legation.analysis.series import Direction

DIRECTION_ALIASES: dict[str, Direction] = {
    "a->b": "a->b",
    "ab": "a->b",
    "b->a": "b->a",
    "ba": "b->a",
    "both": "both",
}


class Freq(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


class TableFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Kind(StrEnum):
    all = "all"
    cooperation = "cooperation"
    conflict = "conflict"


FreqOpt = Annotated[Freq, typer.Option("--freq", case_sensitive=False, help="Period length.")]
FormatOpt = Annotated[
    TableFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]
ModalityOpt = Annotated[
    str,
    typer.Option(
        "--modality", help="occurred (default), negated, planned, hypothetical, or 'any'."
    ),
]
WeightOpt = Annotated[
    str,
    typer.Option(
        "--weight",
        help="What an event counts for: events (default; 'twelve times' = 12), or how often "
        "it was reported: mentions (GDELT style), articles, sources.",
    ),
]
WindowOpt = Annotated[
    int, typer.Option("--window-days", min=0, help="Longest gap from cooperation to reversal.")
]


def _modality(value: str) -> str | None:
    return None if value.strip().lower() in ("any", "all", "") else value


def _console() -> Console:
    return table_console()


def _jsonl(items: Iterable[dict[str, Any]], output: str | None) -> None:
    with output_stream(output) as stream:
        for item in items:
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]], output: str | None) -> None:
    with output_stream(output) as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _no_csv(fmt: TableFormat) -> None:
    """``visits`` and ``reversals`` write a table or JSON Lines (their records differ in
    shape, so there is no one CSV header for them)."""
    if fmt is TableFormat.csv:
        raise InputError("--format", "this command writes table or jsonl, not csv")


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def dyad_command(
    a: Annotated[str, typer.Argument(metavar="A", help="Country (RUS) or actor code (RUSGOV).")],
    b: Annotated[str, typer.Argument(metavar="B", help="The other country or actor code.")],
    db: DbOption = None,
    freq: FreqOpt = Freq.month,
    direction: Annotated[
        str,
        typer.Option("--direction", help="both, a->b (or ab), b->a (or ba); quote a->b."),
    ] = "both",
    since: SinceOpt = None,
    until: UntilOpt = None,
    normalize: Annotated[
        bool, typer.Option("--normalize", help="Add each period's share of all events.")
    ] = False,
    modality: ModalityOpt = "occurred",
    fmt: FormatOpt = TableFormat.table,
    output: OutputOpt = None,
    weight: WeightOpt = "events",
) -> None:
    """Events between A and B per month/quarter/year: quad classes, roots, Goldstein.
    A or B may group predecessor states: RUS,SUN."""
    from legation.analysis import dyad_series

    way = DIRECTION_ALIASES.get(direction.strip().lower())
    if way is None:
        raise InputError("--direction", f"{direction!r} is not one of both, a->b, b->a")
    with open_store(db) as store:
        a = ",".join(actor_codes(store, a, "A"))  # a group too: RUS,SUN
        b = ",".join(actor_codes(store, b, "B"))
        points = dyad_series(
            store,
            a,
            b,
            direction=way,
            freq=freq.value,
            since=since,
            until=until,
            modality=_modality(modality),
            normalize=normalize,
            weight=weight,
        )
    if fmt is TableFormat.jsonl:
        _jsonl((p.to_dict() for p in points), output)
    elif fmt is TableFormat.csv:
        _series_csv(points, output)
    else:
        _series_table(points, f"{a} / {b} ({way})", normalize)


def _series_csv(points: Sequence[SeriesPoint], output: str | None) -> None:
    roots = sorted({r for p in points for r in p.by_root})
    header = [
        "period",
        "events",
        "quad1",
        "quad2",
        "quad3",
        "quad4",
        "goldstein_sum",
        "goldstein_mean",
        "share",
        *(f"root{r}" for r in roots),
    ]
    rows = (
        [
            p.period,
            p.events,
            *(p.by_quad.get(q, 0) for q in (1, 2, 3, 4)),
            p.goldstein_sum,
            "" if p.goldstein_mean is None else p.goldstein_mean,
            "" if p.share is None else p.share,
            *(p.by_root.get(r, 0) for r in roots),
        ]
        for p in points
    )
    _csv(header, rows, output)


def _series_table(points: Sequence[SeriesPoint], title: str, normalize: bool) -> None:
    table = SafeTable(title=title)
    for column in (
        "period",
        "events",
        "verb. coop",
        "mat. coop",
        "verb. confl",
        "mat. confl",
        "goldstein sum",
        "mean",
        *(["share"] if normalize else []),
    ):
        table.add_column(column, justify="left" if column == "period" else "right")
    for p in points:
        table.add_row(
            p.period,
            str(p.events),
            *(str(p.by_quad.get(q, 0)) for q in (1, 2, 3, 4)),
            _fmt(p.goldstein_sum),
            _fmt(p.goldstein_mean),
            *([_fmt(p.share, 4)] if normalize else []),
        )
    console = _console()
    console.print(table)
    total = sum(p.events for p in points)
    console.print(f"{counted(total, 'event')} in {counted(len(points), 'period')}")


def _visit_table(title: str, rows: Sequence[VisitRow]) -> SafeTable:
    table = SafeTable(title=title, title_justify="left")
    for column in ("date", "visitor", "host", "kind", "count", "modality", "mentions"):
        table.add_column(column, no_wrap=True)
    table.add_column("sentence", overflow="fold", ratio=1)
    for r in rows:
        who = r.visitor or "?"
        table.add_row(
            r.date or "?",
            f"{who} ({r.visitor_name})" if r.visitor_name else who,
            r.host or "?",
            r.kind,
            str(r.count),
            r.modality,
            f"{r.mentions}/{r.articles}a/{r.sources}s",  # mentions / articles / sources
            r.sentence,
        )
    return table


def ledger_records(ledger: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """The ledger as JSON Lines: one record a line, ``section`` saying which list it is
    in (``rows``, ``declined``, ``invitations``, ``not_occurred``, ``asymmetry``,
    ``totals``), so ``jq``, pandas and ``grep`` read it a record at a time."""
    for section, items in ledger.items():
        for item in items:
            yield {"section": section, **item}


def visits_command(
    country: Annotated[
        str | None,
        typer.Argument(
            metavar="[COUNTRY]", help="Only visits involving it (a group too: RUS,SUN)."
        ),
    ] = None,
    db: DbOption = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    freq: FreqOpt = Freq.year,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or jsonl.")
    ] = TableFormat.table,
    output: OutputOpt = None,
    weight: WeightOpt = "events",
) -> None:
    """The visit ledger: visits (with counts), declined invitations, invitations, trips
    that did not happen, and the asymmetry index per dyad and period."""
    from legation.analysis import visit_ledger

    _no_csv(fmt)

    with open_store(db) as store:
        country = ",".join(actor_codes(store, country, "COUNTRY")) if country else None
        ledger = visit_ledger(
            store, country, since=since, until=until, freq=freq.value, weight=weight
        )
    if fmt is not TableFormat.table:
        _jsonl(ledger_records(ledger.to_dict()), output)
        return
    console = _console()
    console.print(_visit_table("Visits", ledger.rows))
    for title, rows in (
        ("Declined invitations", ledger.declined),
        ("Invitations and announced trips", ledger.invitations),
        ("Did not happen (planned, negated, hypothetical)", ledger.not_occurred),
    ):
        if rows:
            console.print(_visit_table(title, rows))
    table = SafeTable(title="Asymmetry: (A→B − B→A) / total", title_justify="left")
    for column in ("A", "B", "period", "A→B", "B→A", "index"):
        table.add_column(column, justify="right" if column in ("A→B", "B→A", "index") else "left")
    for x in [*ledger.asymmetry, *ledger.totals]:
        table.add_row(x.a, x.b, x.period, str(x.a_to_b), str(x.b_to_a), f"{x.index:+.2f}")
    console.print(table)


def network_command(
    db: DbOption = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    kind: Annotated[Kind, typer.Option("--kind", case_sensitive=False, help="Edges kept.")] = (
        Kind.all
    ),
    modality: ModalityOpt = "occurred",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write a .graphml or .gexf file."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="Rows of the centrality table.")] = 20,
    weight: WeightOpt = "events",
) -> None:
    """The country network of a period: weighted directed edges, centralities, and a
    GraphML/GEXF file for Gephi."""
    from legation.analysis import centrality, network, write_graph
    from legation.analysis.network import GRAPH_FORMATS

    if output and not output.lower().endswith(GRAPH_FORMATS):
        raise InputError("--output", f"{output}: use a .graphml or .gexf file")
    with open_store(db) as store:
        graph = network(
            store, since=since, until=until, kind=kind.value, modality=_modality(modality),
            weight=weight,
        )  # fmt: skip
    if output:
        write_graph(graph, output)
        Messages().info(
            f"{output}: {counted(graph.number_of_nodes(), 'node')}, "
            f"{counted(graph.number_of_edges(), 'edge')}"
        )
    title = (
        f"{counted(graph.number_of_nodes(), 'country')}, {counted(graph.number_of_edges(), 'edge')}"
    )
    table = SafeTable(title=title)
    for column in ("country", "events out", "events in", "degree", "betweenness", "pagerank"):
        table.add_column(column, justify="left" if column == "country" else "right")
    for node, values in list(centrality(graph).items())[:top]:
        table.add_row(
            node,
            f"{values['out_strength']:g}",
            f"{values['in_strength']:g}",
            f"{values['degree']:.3f}",
            f"{values['betweenness']:.3f}",
            f"{values['pagerank']:.3f}",
        )
    _console().print(table)


def reversals_command(
    actor: Annotated[
        str | None, typer.Argument(metavar="[ACTOR]", help="Only reversals by this actor.")
    ] = None,
    db: DbOption = None,
    window_days: WindowOpt = 90,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or jsonl.")
    ] = TableFormat.table,
    output: OutputOpt = None,
) -> None:
    """Cooperation followed by rejection or conflict within a window; volatility.
    ACTOR may group predecessor states: RUS,SUN."""
    from legation.analysis import reversals, volatility

    _no_csv(fmt)

    with open_store(db) as store:
        actor = ",".join(actor_codes(store, actor, "ACTOR")) if actor else None
        found = reversals(store, actor, window_days=window_days, since=since, until=until)
        rate = volatility(store, actor, window_days=window_days, since=since, until=until)
    if fmt is not TableFormat.table:
        _jsonl((r.to_dict() for r in found), output)
        return
    table = SafeTable(title=f"Reversals within {window_days} days")
    for column in ("actor", "toward", "cooperated", "code", "then", "code ", "days"):
        table.add_column(column)
    for r in found:
        table.add_row(
            r.actor,
            r.counterpart,
            r.first_date,
            r.first_code,
            r.then_date,
            r.then_code,
            str(r.days),
        )
    console = _console()
    console.print(table)
    console.print(
        f"{counted(len(found), 'reversal')}; volatility {rate:.3f} reversals per cooperative event"
    )


def partners_command(
    country: Annotated[str, typer.Argument(metavar="COUNTRY")],
    db: DbOption = None,
    n: Annotated[int, typer.Option("--top", "-n", min=1, help="How many of each.")] = 10,
    since: SinceOpt = None,
    until: UntilOpt = None,
    weight: WeightOpt = "events",
) -> None:
    """A country's (or a group's: RUS,SUN) top partners and most frequent event types."""
    from legation.analysis import top_event_types, top_partners

    with open_store(db) as store:
        country = ",".join(actor_codes(store, country, "COUNTRY"))
        partners = top_partners(store, country, n=n, since=since, until=until, weight=weight)
        types = top_event_types(store, country, n=n, since=since, until=until, weight=weight)
    console = _console()
    left = SafeTable(title="Top partners")
    left.add_column("partner")
    left.add_column("events", justify="right")
    for partner, count in partners:
        left.add_row(partner, str(count))
    right = SafeTable(title="Top event types")
    for column in ("cameo", "name", "events"):
        right.add_column(column, justify="right" if column == "events" else "left")
    for code, name, count in types:
        right.add_row(code, name, str(count))
    console.print(left)
    console.print(right)


def claim_command(
    visitors: Annotated[
        str, typer.Argument(metavar="VISITORS", help="Comma-separated: RUS,SUN (or RUSGOV).")
    ],
    host: Annotated[
        str, typer.Argument(metavar="HOSTS", help="The country visited: PRK (or PRK,KOR).")
    ],
    db: DbOption = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Has any of VISITORS visited HOST, and when? Answered from stored events, with
    their source sentences; planned, denied and declined trips listed apart."""
    from legation.analysis import claim_check

    with open_store(db) as store:
        who = actor_codes(store, visitors, "VISITORS")
        where = actor_codes(store, host, "HOST")
        answer = claim_check(store, who, where, since=since, until=until)
    if as_json:
        _jsonl([answer.to_dict()], None)
        return
    console = _console()
    dates = ", ".join(answer.dates) or "dates unknown"
    console.print(
        f"{'Yes' if answer.answer else 'No'}: {counted(answer.count, 'reported visit')} by "
        f"{','.join(who)} to {','.join(where)}" + (f" ({dates})" if answer.answer else "")
    )
    if answer.visits:
        console.print(_visit_table("Visits", answer.visits))
    if answer.not_occurred:
        console.print(_visit_table("Mentioned but did not happen", answer.not_occurred))
    if answer.declined:
        console.print(_visit_table("Declined", answer.declined))


def report_command(
    a: Annotated[str, typer.Argument(metavar="A")],
    b: Annotated[str, typer.Argument(metavar="B")],
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write.")
    ],
    db: DbOption = None,
    freq: FreqOpt = Freq.year,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Rows of the event table.")] = 500,
    window_days: WindowOpt = 90,
) -> None:
    """A self-contained HTML report on the dyad A–B (charts, visit ledger, events with
    their sentences) that opens offline."""
    from legation.analysis import write_report

    with open_store(db) as store:
        a, b = actor_code(store, a, "A"), actor_code(store, b, "B")
        path = write_report(
            store,
            a,
            b,
            output,
            freq=freq.value,
            since=since,
            until=until,
            event_limit=limit,
            window_days=window_days,
        )
    Messages().info(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the ``legation`` app."""
    app.command("dyad")(dyad_command)
    app.command("visits")(visits_command)
    app.command("network")(network_command)
    app.command("reversals")(reversals_command)
    app.command("partners")(partners_command)
    app.command("claim")(claim_command)
    app.command("report")(report_command)
