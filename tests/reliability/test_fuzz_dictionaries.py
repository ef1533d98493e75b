"""Hostile PETRARCH/TABARI dictionaries and knowledge-base files: arbitrary bytes and
broken entries raise only ``DataFileError`` (one line, ``path:line``), and the good
entries around broken ones are still imported."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legation.actors.kb import KnowledgeBase
from legation.actors.petrarch import (
    DictionaryWarning,
    parse_actor_dictionary,
    parse_agent_dictionary,
)
from legation.errors import DataFileError, LegationError

from .conftest import check_error, fuzz


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-dictionaries")


def add_file(path: Path) -> LegationError | None:
    kb = KnowledgeBase([], [], {})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DictionaryWarning)
        try:
            kb.add_file(path)
        except LegationError as exc:
            return exc
    return None


@fuzz
@given(
    data=st.binary(max_size=3000),
    name=st.sampled_from(["x.actors.txt", "x.agents.txt", "x.tsv", "x.txt"]),
)
def test_arbitrary_bytes_as_a_dictionary(workdir: Path, data: bytes, name: str) -> None:
    path = workdir / name
    path.write_bytes(data)
    error = add_file(path)
    if error is not None:
        assert isinstance(error, DataFileError)
        check_error(error, path)


dictionary_chars = st.sampled_from([*"[]<>-+_#!{}=~ \t\nABCXYZ019/,;", "\r\n", "<!--", "-->"])
dictionary_text = st.lists(dictionary_chars, max_size=300).map("".join)


@fuzz
@given(text=dictionary_text)
def test_dictionary_syntax_soup(text: str) -> None:
    """Text made of the format's own punctuation: the parser's corner cases."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DictionaryWarning)
        for parse in (parse_actor_dictionary, parse_agent_dictionary):
            try:
                result = parse(text, "soup.txt")
            except DataFileError as exc:
                check_error(exc, "soup.txt")
                continue
            for message in result.skipped:
                assert message.startswith("soup.txt:") and "\n" not in message


GOOD_ACTORS = """\
ZORBLAND_ [ZRB]
+ZORBLANDIAN_
GRAND_VIZIER_ZOG_ [ZRBGOV 990101-091231]
"""
broken_actor_lines = st.sampled_from([
    "BROKEN_ [ZRBGOV 991399]",        # impossible date
    "NOCODE_ [",                      # unbalanced bracket
    "[ORPHAN]",                       # role outside an entry
    "WEIRD_ [ZRB >]",                 # operator without a date
    "RANGE_ [ZRB 100101-090101]",     # range ending before it starts
    "LOWER_ [zr$b]",                  # malformed code
    "<!-- unterminated comment",
    "+",
    "\x00\x01",
])  # fmt: skip


@fuzz
@given(broken=st.lists(broken_actor_lines, max_size=5), position=st.integers(0, 3))
def test_good_actor_entries_survive_broken_ones(
    workdir: Path, broken: list[str], position: int
) -> None:
    lines = GOOD_ACTORS.splitlines()
    block = "\n\n".join(broken)
    text = "\n".join([*lines[:position], "", block, "", *lines[position:]]) if broken else ""
    good_first = "\n".join(lines) + "\n\n" + block + "\n"
    for content in filter(None, [text, good_first]):
        path = workdir / "mixed.actors.txt"
        path.write_text(content, encoding="utf-8")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DictionaryWarning)
            try:
                result = parse_actor_dictionary(content, str(path))
            except DataFileError as exc:
                check_error(exc, path)
                continue
        for warning in caught:
            assert str(warning.message).startswith(f"{path}:"), warning.message
        if content is good_first and "<!--" not in block:
            names = {p for entry in result.entries for p in entry.patterns}
            assert {"zorbland", "zorblandian", "grand vizier zog"} <= names


def test_unreadable_dictionary_names_the_file(workdir: Path) -> None:
    missing = workdir / "missing.actors.txt"
    error = add_file(missing)
    assert isinstance(error, DataFileError)
    check_error(error, missing)
    folder = workdir / "folder.txt"
    folder.mkdir(exist_ok=True)
    error = add_file(folder)
    assert isinstance(error, DataFileError)
    check_error(error, folder)
