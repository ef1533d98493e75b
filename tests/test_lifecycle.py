"""``legation.cli.lifecycle.guard``: how a run stopped from outside ends."""

from __future__ import annotations

import os
import signal

import pytest
import typer

from legation.cli.lifecycle import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    Terminated,
    guard,
    sigterm_raises,
)


@pytest.mark.parametrize(
    ("raised", "code", "line"),
    [
        (Terminated(), EXIT_TERMINATED, "legation: terminated"),
        (KeyboardInterrupt(), EXIT_INTERRUPTED, "legation: interrupted"),
        # stdout here is pytest's capture, not a closed pipe: some other pipe broke
        (BrokenPipeError(32, "Broken pipe"), 1, "legation: error: Broken pipe"),
    ],
)
def test_guard_turns_outside_stops_into_one_line_and_a_status(
    capsys: pytest.CaptureFixture[str], raised: BaseException, code: int, line: str
) -> None:
    with pytest.raises(typer.Exit) as caught, guard():
        raise raised
    assert caught.value.exit_code == code
    assert capsys.readouterr().err.splitlines() == [line]


def test_guard_lets_errors_through() -> None:
    with pytest.raises(ValueError), guard():
        raise ValueError("not ours")


def test_sigterm_raises_inside_the_block_and_the_old_handler_returns() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated), sigterm_raises():
        os.kill(os.getpid(), signal.SIGTERM)  # the handler runs before the next bytecode
    assert signal.getsignal(signal.SIGTERM) is before
