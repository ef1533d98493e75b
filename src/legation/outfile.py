"""Where ``-o PATH`` writes: atomically into regular files, straight into special ones.

Why not always temp-file-and-rename: renaming over a path *replaces what the path names*.
For a regular file that is what makes output all-or-nothing. For anything else it is
damage: run as root, ``-o /dev/null`` turned the device node into a regular file; a
symlink was replaced by a file (its target untouched); a FIFO's reader stayed blocked.
So every output file of legation (``code -o``, ``events -o``, every ``export`` format,
reports, network files) goes through ``output_path``/``atomic_output``:

- a symlink is resolved first: its final target is written and the link is kept;
- a regular file (or a new one) is written to a hidden temporary file beside the target
  and renamed over it at the end: an interrupted or failed run leaves the old file, or
  none, never half a file and no temporary file; an existing file's permissions are kept;
- anything else that exists (a character or block device, a FIFO) is written in place:
  no temporary file, nothing renamed;
- a failed write (full disk ``ENOSPC``, file-size limit ``EFBIG``, quota, I/O error)
  becomes an ``OutputError`` (exit 4, one line), after the temporary file is removed.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, TextIO

from legation.errors import InputError, OutputError

OutputKind = Literal["regular", "special"]
# Write failures that are the disk's, not the user's: exit 4 (as a full store) not 2.
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO})


def classify(path: str | os.PathLike[str]) -> tuple[Path, OutputKind]:
    """The real path to write (symlinks resolved) and how: ``regular`` (atomic replace,
    also for a file that does not exist yet) or ``special`` (write in place)."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target, "regular"
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputError(str(path), "cannot write: is a directory")
    return target, "regular" if stat.S_ISREG(mode) else "special"


@contextmanager
def disk_errors(path: str | os.PathLike[str], note: str = "") -> Iterator[None]:
    """Turn a full disk (or a size limit, or an I/O error) inside the block into one
    ``OutputError`` line naming ``path``."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in DISK_ERRNOS:
            raise
        reason = os.strerror(exc.errno)  # not the writer's wording (pyarrow's is a paragraph)
        raise OutputError(str(path), f"cannot write: {reason}{note}") from None


@contextmanager
def output_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A path to write ``path``'s new content to, for writers that open it themselves
    (Parquet): a fresh temporary file renamed over the target at the end, or the special
    file itself."""
    target, kind = classify(path)
    if kind == "special":
        with disk_errors(path):
            yield target
        return
    temp = _create_temp(target, path)
    try:
        with disk_errors(path, f"; {path} is unchanged"):
            yield temp
            os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A UTF-8 text stream that becomes ``path`` only when the block ends without error
    (written in place when ``path`` is a device or a FIFO); see the module docstring."""
    with output_path(path) as where:
        try:
            stream = open(where, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            if exc.errno in DISK_ERRNOS:
                raise
            raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from None
        with stream:
            yield stream
            stream.flush()
            if stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                os.fsync(stream.fileno())


def _create_temp(target: Path, shown: str | os.PathLike[str]) -> Path:
    """A new hidden file beside ``target`` (same file system, so the rename is atomic),
    with the permissions of the file it will replace, else 0666 less the umask."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        if exc.errno in DISK_ERRNOS:
            raise OutputError(str(shown), f"cannot write: {exc.strerror or exc}") from None
        raise InputError(str(shown), f"cannot write: {exc.strerror or exc}") from None
    try:
        if target.exists():
            os.fchmod(fd, stat.S_IMODE(os.stat(target).st_mode))
    except OSError:
        pass  # not ours to change: the new file keeps the default permissions
    finally:
        os.close(fd)
    return temp
