"""Options shared by ``legation code`` and ``legation ingest`` for speed, scale and
verb dictionaries.

``--workers N`` codes on N local processes (default: chosen from the free cores and the
input's size, ``legation.parallel.default_workers``), ``--dask
ADDRESS`` on a Dask distributed cluster, ``--fast`` turns on the sentence screen and skips
named entities. ``scaled_coder`` turns them into an object with ``code_stream`` (what
``code_files`` and ``Store.ingest`` take); ``parquet_dir`` reads ``-o parquet://DIR``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from legation.errors import InputError

PARQUET_SCHEME = "parquet://"
FAST_DISABLE = ("ner",)

WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        metavar="N",
        help="Worker processes (default: the free cores, at most one per 200 articles; "
        "one means this process).",
    ),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="tcp://HOST:8786",
        help="Code on this Dask distributed scheduler instead of local processes.",
    ),
]
VerbsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--verbs",
        metavar="FILE",
        help="PETRARCH/TABARI verb dictionary (CAMEO.2.0 format; repeatable): the verbs it "
        "lists are coded by it, over the bundled lexicon.",
    ),
]
VerbsReplaceOpt = Annotated[
    bool,
    typer.Option(
        "--verbs-replace",
        help="Code with the --verbs dictionaries alone, without the bundled lexicon.",
    ),
]
FastOpt = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="Parse only sentences that can yield an event and skip named entities "
        "(same dev-set accuracy; faster).",
    ),
]


def scaled_coder(
    *,
    workers: int | None,
    dask: str | None,
    fast: bool,
    actor_files: Sequence[Path] = (),
    verb_files: Sequence[Path] = (),
    verbs_replace: bool = False,
    local: Callable[[], Any] | None = None,
) -> Any:
    """A ``ParallelCoder`` or a ``DaskCoder`` for the options; ``local`` builds the
    in-process coder (the CLI's, with the user's actor files already checked; it should
    honour ``fast`` through ``coder_kwargs``)."""
    from legation.parallel import CoderOptions, ParallelCoder

    options = CoderOptions(
        actor_files=tuple(str(Path(p).resolve()) for p in actor_files),
        verb_files=tuple(str(Path(p).resolve()) for p in verb_files),
        verbs_replace=verbs_replace,
        screen=fast,
        disable=FAST_DISABLE if fast else (),
    )
    if dask:
        if workers is not None:
            raise InputError("--workers", "give --workers or --dask, not both")
        from legation.dask_runner import DaskCoder

        return DaskCoder(dask, options=options)
    return ParallelCoder(workers, options=options, local=local)


def coder_kwargs(fast: bool) -> dict[str, Any]:
    """Keyword arguments of ``legation.pipeline.Coder`` for ``--fast``."""
    return {"screen": True, "disable": FAST_DISABLE} if fast else {}


def parquet_dir(output: str | None) -> Path | None:
    """``parquet://DIR`` → ``DIR``; ``None`` for any other output."""
    if output is None or not output.startswith(PARQUET_SCHEME):
        return None
    path = output[len(PARQUET_SCHEME) :]
    if not path:
        raise InputError("--output", "parquet:// needs a folder: parquet://DIR")
    return Path(path)
