"""Shared helpers for the reliability tests: Hypothesis budgets and the one-line-error check.

The fuzzing budget per property is ``LEGATION_FUZZ_EXAMPLES`` (default 60: a few seconds
each in CI); raise it for a longer local run, e.g. ``LEGATION_FUZZ_EXAMPLES=2000``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, settings

from legation.errors import LegationError

FUZZ_EXAMPLES = int(os.environ.get("LEGATION_FUZZ_EXAMPLES", "60"))
REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"

fuzz = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_error(exc: LegationError, path: Path | str) -> None:
    """A user-facing error: one line, starting ``path:`` or ``path:LINE:``."""
    message = str(exc)
    assert "\n" not in message and "\r" not in message, message
    assert re.match(rf"{re.escape(str(path))}(:\d+)?: \S", message), message


def check_warning(message: str, path: Path | str, *, line: bool) -> None:
    """A warning line names the file (and the line, for line-oriented formats)."""
    assert "\n" not in message and "\r" not in message, message
    where = re.escape(str(path))
    pattern = rf"{where}:\d+: \S" if line else rf"{where}(:\d+|#\d+)?: \S"
    assert re.match(pattern, message), message
