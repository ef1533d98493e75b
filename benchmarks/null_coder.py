"""A pytest plugin that makes the coder find no events: the check that tests can fail.

An outside audit (issue 13) found tests that still passed against a coder returning no
events. With this plugin every test that asserts coding behaviour must fail; run::

    .venv/bin/python -m pytest -p benchmarks.null_coder -q \\
        tests/test_coding.py::test_negation \\
        tests/test_coding.py::test_past_negation_is_not_a_refusal \\
        tests/test_pipeline.py::test_stream_keeps_input_order_and_ids \\
        tests/test_screen.py::test_screened_coder_finds_the_same_events_on_the_sample \\
        tests/test_cli_code.py::test_sample_corpus_output_validates_against_the_schema \\
        tests/test_seeds.py tests/test_seed_event_guards.py tests/test_seed_ledger.py

and expect every one of them to fail (docs/RELIABILITY.md). Never load it in a normal run.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    from legation.coding.engine import EventCoder

    EventCoder.code_doc = lambda self, *args, **kwargs: []  # type: ignore[method-assign]
