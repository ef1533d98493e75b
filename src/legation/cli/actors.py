"""``legation actors``: look names up in the actor knowledge base; check a user's actor file.

``lookup`` answers "what would legation call this name on this date, and why": every
entry with the name as a pattern, the role it holds on the date (``ActorEntry.role_on``)
and where the entry came from. ``resolve`` answers the same for a phrase as the coder reads
it inside a sentence ("Syrian rebels", "targets in Syria"; ``legation.actors.phrase``).
``check`` parses a file as ``--actors`` would and counts it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from legation.actors.entries import ActorEntry, AgentEntry
from legation.actors.kb import KnowledgeBase, load_default_kb, split_patterns
from legation.cli.common import (
    Messages,
    SafeTable,
    add_actor_files,
    load_kb,
    parse_date_option,
    table_console,
    terminal_text,
)
from legation.errors import InputError

actors_app = typer.Typer(
    help="Look up names in the actor knowledge base; check actor files.",
    no_args_is_help=True,
)
SUGGESTIONS = 5


class PhraseFormat(StrEnum):
    table = "table"
    json = "json"


def find_entries(
    kb: KnowledgeBase, name: str
) -> tuple[list[ActorEntry], list[AgentEntry], list[str]]:
    """Entries and agents with ``name`` (normalised like a pattern) as one of their
    patterns, and, when there are none, the closest known patterns."""
    patterns = split_patterns(name)
    if not patterns:
        raise InputError("NAME", "empty name")
    pattern = patterns[0]
    entries = [entry for entry in kb.entries if pattern in entry.patterns]
    agents = [agent for agent in kb.agents if pattern in agent.patterns]
    close: list[str] = []
    if not entries and not agents:
        known = {p for entry in kb.entries for p in entry.patterns}
        known.update(p for agent in kb.agents for p in agent.patterns)
        close = difflib.get_close_matches(pattern, known, n=SUGGESTIONS, cutoff=0.75)
    return entries, agents, close


@actors_app.command("lookup")
def lookup_command(
    name: Annotated[str, typer.Argument(help="A name as written in news text.")],
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="YYYY-MM-DD", help="Resolve roles on this date."),
    ] = None,
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", metavar="FILE", help="Extra actor files (repeatable)."),
    ] = None,
) -> None:
    """Show what NAME can refer to and which code it gets on --date."""
    when = parse_date_option(date)
    kb = load_kb(actors or (), Messages()) or load_default_kb()
    entries, agents, close = find_entries(kb, name)
    console = Console()
    if not entries and not agents:
        hint = f"; did you mean: {', '.join(sorted(close))}" if close else ""
        console.print(f"no actor or agent named {name!r}{hint}", highlight=False, markup=False)
        raise typer.Exit(1)
    if entries:
        console.print(_entry_table(entries, when))
    for agent in agents:
        console.print(
            f"agent word: sector {agent.sector} (from {agent.origin})",
            highlight=False,
            markup=False,
        )


def _entry_table(entries: Sequence[ActorEntry], date: dt.date | None) -> Table:
    label = date.isoformat() if date else "latest"
    table = Table(show_lines=True)
    for column in ("name", "kind", f"code ({label})", "why", "all roles", "origin"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        role, why = entry.role_on(date)
        roles = "\n".join(
            f"{r.code} {r.start or ''}…{r.end or ''}" if (r.start or r.end) else r.code
            for r in entry.roles
        )
        table.add_row(*map(escape, (entry.name, entry.kind, role.code, why, roles, entry.origin)))
    return table


@actors_app.command("resolve")
def resolve_command(
    text: Annotated[str, typer.Argument(help="A phrase as written in news text.")],
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="YYYY-MM-DD", help="Resolve roles on this date."),
    ] = None,
    output_format: Annotated[
        PhraseFormat,
        typer.Option(
            "--format", "-f", case_sensitive=False, help="table (readable) or json (one object)."
        ),
    ] = PhraseFormat.table,
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", metavar="FILE", help="Extra actor files (repeatable)."),
    ] = None,
) -> None:
    """Resolve TEXT as the coder would inside a sentence, and say why.

    A phrase that names no actor is not an error: json prints the keys with null values.
    """
    from legation.actors.phrase import PhraseResolver, check_phrase, resolve_phrase

    when = parse_date_option(date)
    check_phrase(text)  # an empty or over-long phrase fails before anything loads
    kb = load_kb(actors or (), Messages())
    result = resolve_phrase(text, when, PhraseResolver(kb) if kb is not None else None)
    if output_format is PhraseFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        return
    console = table_console()
    if not result.found:
        line = f"no actor in {result.text!r}: no knowledge-base name or agent word"
        console.print(terminal_text(line), soft_wrap=True)
        return
    table = SafeTable(show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    rows = [
        ("phrase", result.text),
        ("code", result.code),
        ("country", result.country),
        ("sector", result.sector),
        ("name", result.name),
        ("kind", result.kind),
        ("words", result.matched),
        ("date", result.date.isoformat() if result.date else "none (latest roles)"),
        ("why", result.why),
    ]
    if result.others:
        rows.append(("also", ", ".join(f"{o['code']} ({o['text']})" for o in result.others)))
    for field, value in rows:
        table.add_row(field, value or "-")
    console.print(table)


@actors_app.command("check")
def check_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Actor files: bundled TSV formats or PETRARCH dictionaries."
        ),
    ],
) -> None:
    """Parse actor files as --actors would; report what each adds and any skipped lines."""
    messages = Messages()
    console = Console(highlight=False, markup=False, soft_wrap=True)
    for path in files:
        kb = KnowledgeBase()
        add_actor_files(kb, [path], messages)
        console.print(f"{path}: {len(kb.entries)} actor entries, {len(kb.agents)} agent entries")


def register(app: typer.Typer) -> None:
    """Add the ``actors`` command group to the ``legation`` app."""
    app.add_typer(actors_app, name="actors")
