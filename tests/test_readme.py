"""The README is runnable: its Python blocks run and print what the ``output`` block after
each shows (only event counts may differ, as the README says), every command it shows
exists with the options it shows, every command the CLI has is shown, and its actor-file
example parses."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from typer.main import get_command

from legation.actors.kb import KnowledgeBase
from legation.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = README.read_text(encoding="utf-8")
FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(TEXT) if lang == language]


def commands() -> dict[str, set[str]]:
    """Every command path ("code", "actors lookup") → its option names."""
    found: dict[str, set[str]] = {}

    def walk(command: object, prefix: str) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, f"{prefix} {name}".strip())
            return
        params = getattr(command, "params", [])
        found[prefix] = {opt for p in params for opt in (*p.opts, *p.secondary_opts)}

    walk(get_command(app), "")
    return found


# The one field an ``output`` block may differ in, as the README says where it shows it:
# event counts ("15 events") change as the coder improves.
VARIABLE_FIELDS = (re.compile(r"\b\d+(?= events?$)", re.MULTILINE),)


def python_with_output() -> list[tuple[str, str | None]]:
    """Each Python block with the ``output`` block right after it (``None`` if none)."""
    fences = FENCE.findall(TEXT)
    pairs = []
    for i, (lang, body) in enumerate(fences):
        if lang == "python":
            after = fences[i + 1] if i + 1 < len(fences) else ("", "")
            pairs.append((body, after[1] if after[0] == "output" else None))
    return pairs


def masked(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    joined = "\n".join(lines)
    for pattern in VARIABLE_FIELDS:
        joined = pattern.sub("N", joined)
    return joined


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_blocks_print_what_the_readme_shows(
    index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # whatever a block writes lands here, not in the repository
    code, shown = python_with_output()[index]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"README.md python block {index + 1}", "exec"), {"__name__": "readme"})
    assert shown is not None, "a Python block is followed by an ```output block of what it prints"
    assert printed.getvalue().strip(), "the block prints what the README shows"
    assert masked(printed.getvalue()) == masked(shown)


def test_variable_fields_mask_only_event_counts() -> None:
    assert masked("a 2024-01-01 15 events\nb 3 events") == "a 2024-01-01 N events\nb N events"
    assert masked("RUSGOV 042 PRK 2024") == "RUSGOV 042 PRK 2024"


def test_readme_has_python_blocks() -> None:
    assert len(blocks("python")) >= 2


def shown_invocations() -> list[list[str]]:
    """``legation ...`` lines of the console blocks, split into words (comments dropped)."""
    lines = []
    for body in blocks("console"):
        for line in body.splitlines():
            line = line.removeprefix("$ ").split("|")[-1].strip()
            if line.startswith("legation "):
                lines.append(shlex.split(line, comments=True))
    return lines


def test_every_shown_command_and_option_exists() -> None:
    known = commands()
    assert shown_invocations()
    for words in shown_invocations():
        args = words[1:]
        path = next(
            (
                p
                for p in sorted(known, key=len, reverse=True)
                if args[: len(p.split())] == p.split()
            ),
            None,
        )
        if path is None:
            assert args[0] == "--version", words
            continue
        options = {w.split("=")[0] for w in args if w.startswith("-") and w != "-"}
        assert options <= known[path], f"{' '.join(words)}: unknown {options - known[path]}"


def test_every_command_is_shown() -> None:
    for path in commands():
        assert f"legation {path}" in TEXT, f"README does not show `legation {path}`"


def test_actor_file_example_parses(tmp_path: Path) -> None:
    [example] = [b for b in blocks("text") if b.lstrip().startswith("name\tpatterns")]
    path = tmp_path / "my_leaders.tsv"
    path.write_text(re.sub(r"^ +", "", example, flags=re.MULTILINE), encoding="utf-8")
    kb = KnowledgeBase()
    kb.add_file(path)
    [entry] = kb.entries
    assert entry.name == "Jane Example" and entry.roles[0].code == "XYZGOV"
