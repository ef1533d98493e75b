"""All of legation's error types, in one place, each rendering as one clear line.

Library code raises these; the CLI turns them into a one-line message and an exit code.
"""

from __future__ import annotations


class LegationError(Exception):
    """Base class: anything legation reports to a user as a one-line error."""

    exit_code = 1


class InputError(LegationError):
    """Unreadable or malformed input. ``where`` is ``path`` or ``path:line``."""

    exit_code = 2

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


class DataFileError(LegationError):
    """A dictionary or knowledge-base file (ours or a user's) that cannot be parsed."""

    exit_code = 2

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


class ResourceError(LegationError):
    """A required resource (the spaCy pipeline, a bundled data file) is missing."""

    exit_code = 3


class StoreError(LegationError):
    """The event store cannot be opened, upgraded or written."""

    exit_code = 4
