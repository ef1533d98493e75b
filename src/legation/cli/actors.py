"""``legation actors``: look names up in the actor knowledge base; check a user's actor file.

``lookup`` answers "what would legation call this name on this date, and why": every
entry with the name as a pattern, the role it holds on the date (``ActorEntry.role_on``)
and where the entry came from. ``check`` parses a file as ``--actors`` would and counts it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from legation.actors.entries import ActorEntry, AgentEntry
from legation.actors.kb import KnowledgeBase, load_default_kb, split_patterns
from legation.cli.common import Messages, add_actor_files, load_kb, parse_date_option
from legation.errors import InputError

actors_app = typer.Typer(
    help="Look up names in the actor knowledge base; check actor files.",
    no_args_is_help=True,
)
SUGGESTIONS = 5


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
