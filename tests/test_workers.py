"""``legation.workers``: a worker ends when its parent dies, by the kernel's death signal
and, where that is missing, by the watchdog thread alone."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

# A parent that starts a child and exits at once; the child prints its pid, then sleeps.
# The child's watchdog is the only guard: the death signal is switched off in it.
PARENT = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", sys.argv[1]], stdout=subprocess.PIPE)
print(child.stdout.readline().decode().strip(), flush=True)
"""
CHILD = """
import os, time
import legation.workers as w
w.set_parent_death_signal = lambda signum=0: False
w.watch_parent(os.getppid(), interval=0.05)
print(os.getpid(), flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_watchdog_alone_ends_an_orphaned_worker() -> None:
    done = subprocess.run([sys.executable, "-c", PARENT, CHILD], capture_output=True, timeout=60)
    child = int(done.stdout.decode().strip())
    deadline = time.monotonic() + 60  # a hang guard: the loop ends as soon as it is gone
    while alive(child):
        assert time.monotonic() < deadline, f"orphaned worker {child} still running"
        time.sleep(0.05)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
def test_death_signal_is_set_on_linux() -> None:
    code = "from legation.workers import set_parent_death_signal as s; print(s())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.stdout.decode().strip() == "True"
