"""A guard for tests that give a FIFO as input: a regression fails, it never hangs."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def unblocking_writer(fifo: Path) -> Iterator[None]:
    """If the code under test opens ``fifo`` for reading (and so blocks), open and close
    it for writing so that it gets end-of-file: a regression then fails, never hangs."""
    done = threading.Event()

    def writer() -> None:
        while not done.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: no reader yet
                done.wait(0.01)
                continue
            os.close(fd)
            return

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
