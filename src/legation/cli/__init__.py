"""The ``legation`` command: a thin Typer app over the library.

Each command module has ``register(app)``; ``COMMAND_MODULES`` lists them. Commands call
library functions and let ``LegationError`` propagate: ``main`` turns it into one line,
``legation: error: <where>: <message>``, and the error's exit code (2 for bad input).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from legation import __version__
from legation.cli import actors, analysis_cmds, code, lifecycle, serve_cmds, store_cmds, verbs
from legation.cli.common import PROG, error_line, stderr_console
from legation.errors import LegationError

app = typer.Typer(
    name=PROG,
    help="News text → sourced, CAMEO/PLOVER-coded political events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """News text → sourced, CAMEO/PLOVER-coded political events."""
    ctx.with_resource(lifecycle.guard())  # SIGTERM, Ctrl-C, closed pipe: see lifecycle


# Every module here has ``register(app: typer.Typer) -> None``; add new command modules
# (e.g. ``legation.cli.store_cmds``) to this tuple, in the order they should be listed.
COMMAND_MODULES = (code, store_cmds, analysis_cmds, serve_cmds, actors, verbs)
for _module in COMMAND_MODULES:
    _module.register(app)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point (``legation = "legation.cli:main"``): one-line errors, no tracebacks."""
    try:
        with lifecycle.sigterm_raises():
            app(args=list(argv) if argv is not None else None, prog_name=PROG)
    except lifecycle.Terminated:  # before or after a command ran
        sys.exit(lifecycle.EXIT_TERMINATED)
    except LegationError as exc:
        stderr_console().print(error_line(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        stderr_console().print(f"{PROG}: interrupted")
        sys.exit(130)
