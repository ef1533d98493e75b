"""All of legation's error types, in one place, each rendering as one clear line.

Library code raises these; the CLI turns them into a one-line message and an exit code.
"""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL, and the Unicode line/paragraph separators: any of
# them in a file name or an id would split a message line or drive the terminal.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with control characters escaped (``a\\nb.jsonl``), so that a message
    naming it stays one line and cannot send escape sequences to a terminal."""
    return _CONTROL.sub(lambda m: ascii(m[0])[1:-1], text)


class LegationError(Exception):
    """Base class: anything legation reports to a user as a one-line error."""

    exit_code = 1


class InputError(LegationError):
    """Unreadable or malformed input. ``where`` is ``path`` or ``path:line``."""

    exit_code = 2

    def __init__(self, where: str, message: str) -> None:
        self.where = printable(where)
        self.message = message
        super().__init__(f"{self.where}: {message}")


class DataFileError(LegationError):
    """A dictionary or knowledge-base file (ours or a user's) that cannot be parsed."""

    exit_code = 2

    def __init__(self, where: str, message: str) -> None:
        self.where = printable(where)
        self.message = message
        super().__init__(f"{self.where}: {message}")


class ResourceError(LegationError):
    """A required resource (the spaCy pipeline, a bundled data file) is missing."""

    exit_code = 3


class StoreError(LegationError):
    """The event store cannot be opened, upgraded or written."""

    exit_code = 4


class OutputError(LegationError):
    """An output file cannot be written: full disk, file-size limit, I/O error. Exit 4,
    as for a store that cannot be written; the old file (if any) is left as it was."""

    exit_code = 4

    def __init__(self, where: str, message: str) -> None:
        self.where = printable(where)
        self.message = message
        super().__init__(f"{self.where}: {message}")
