"""Worker processes that never outlive the run that started them.

Why: a ``kill -9`` of ``legation code --workers N`` used to leave both workers (about
170 MB each, spaCy loaded) and multiprocessing's resource tracker running indefinitely:
each worker waited on a task queue whose other end it held itself, and the tracker lives
as long as any process holds its pipe. Two guards, in the worker, from its first moment:

- on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker when its
  parent dies (then the resource tracker sees its pipe close and exits too);
- everywhere, a daemon thread that checks every ``WATCHDOG_SECONDS`` whether the parent
  is still the process that started it, and ends the worker if not.

(Linux sends the death signal when the *thread* that started the worker ends: the pool is
started by the thread that codes, the main thread in the CLI.)

On the parent's side, ``stop_workers`` ends a pool's workers at once when the run stops
early (Ctrl-C, SIGTERM, a closed pipe) instead of waiting for their partitions to finish.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCHDOG_SECONDS = 1.0
EXIT_ORPHANED = 70  # what an orphaned worker exits with (nobody is left to read it)
JOIN_SECONDS = 5.0


def set_parent_death_signal(signum: int = signal.SIGKILL) -> bool:
    """Ask Linux to send ``signum`` to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def watch_parent(parent_pid: int, interval: float = WATCHDOG_SECONDS) -> None:
    """Make this process end when ``parent_pid`` (its parent) is gone: the death signal,
    plus a watchdog thread. If the parent is already gone, end now."""
    set_parent_death_signal()
    if os.getppid() != parent_pid:  # died before the death signal was set
        os._exit(EXIT_ORPHANED)
    thread = threading.Thread(
        target=_watchdog, args=(parent_pid, interval), name="legation-watchdog", daemon=True
    )
    thread.start()


def _watchdog(parent_pid: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent_pid:
            os._exit(EXIT_ORPHANED)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and terminate the pool's running workers now."""
    processes: list[Any] = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)  # forgets its processes: taken above
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(JOIN_SECONDS)
