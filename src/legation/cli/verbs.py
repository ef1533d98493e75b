"""``legation verbs check``: read PETRARCH/TABARI verb dictionaries as ``--verbs`` would.

Before a long run, a user sees what a dictionary adds (blocks, verbs, patterns, synonym
sets, the lexicon rows and patterns they become) and every line legation cannot use, as a
warning naming ``path:line``. No model loads: verbs are counted as written, so the row
count can differ slightly from the coder's, which lemmatises them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from legation.cli.code import plural
from legation.cli.common import Messages, check_verb_files

verbs_app = typer.Typer(
    help="Check PETRARCH/TABARI verb dictionaries (CAMEO.2.0 format) for --verbs.",
    no_args_is_help=True,
)


@verbs_app.command("check")
def check_command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Verb dictionaries, as given to --verbs."),
    ],
) -> None:
    """Parse verb dictionaries as --verbs would; report what each adds and any unusable lines."""
    from legation.coding.petrarch_verbs import lexicon_from

    messages = Messages()
    console = Console(highlight=False, markup=False, soft_wrap=True)
    for path in files:
        (parsed,) = check_verb_files([path], messages)
        counts = parsed.counts()
        lexicon = lexicon_from(parsed)
        read = ", ".join(
            plural(counts[key], word)
            for key, word in (
                ("blocks", "verb block"),
                ("verbs", "verb"),
                ("patterns", "pattern"),
                ("synsets", "synonym set"),
            )
        )
        made = (
            f"{plural(len(lexicon.triggers()), 'lexicon row')}, "
            f"{plural(len(lexicon.patterns()), 'pattern')}"
        )
        console.print(f"{path}: {read} → {made}; {plural(counts['warnings'], 'unusable line')}")


def register(app: typer.Typer) -> None:
    """Add the ``verbs`` command group to the ``legation`` app."""
    app.add_typer(verbs_app, name="verbs")
