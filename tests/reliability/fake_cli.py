"""The real ``legation`` entry point with ``legation.pipeline.Coder`` replaced by the fake
coder, for tests that stop ``code``/``ingest`` from outside (SIGTERM, SIGKILL, a closed
pipe, a full disk) without loading spaCy:

    PYTHONPATH=tests python tests/reliability/fake_cli.py code IN.jsonl -o OUT --workers 2

The replacement is made at import, so the spawned ``--workers`` processes (which import
this file as ``__mp_main__``) code with the fake too. ``FAKE_CODER_PAUSE_AFTER`` and
``FAKE_CODER_READY`` make it stop at a known point (``reliability.fakes.pause_here``).
"""

from __future__ import annotations

import sys

import legation.pipeline
from reliability.fakes import FakeCoder


class CliCoder(FakeCoder):
    """Takes (and ignores) the real coder's arguments."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__()


legation.pipeline.Coder = CliCoder  # type: ignore[misc, assignment]

if __name__ == "__main__":
    from legation.cli import main

    main(sys.argv[1:])
