"""News text hygiene: mojibake repaired and boilerplate lines dropped before coding,
in every reader (the hook is ``legation.read.base.clean_article``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.model import Article
from legation.read import read_inputs
from legation.read.hygiene import drop_boilerplate, is_boilerplate, repair_mojibake, tidy_article


def double_encoded(text: str) -> str:
    """What a page in UTF-8 looks like when it was decoded as Windows-1252 (as browsers
    decode it: the five bytes that code has no letter for become C1 controls)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    "clean",
    [
        "The envoy called it “a fruitful exchange” on Monday.",
        "Talks in the Café Centrale ran past midnight — both sides said so.",
        "The minister’s aide declined to comment.",
    ],
)
def test_mojibake_is_repaired(clean: str) -> None:
    broken = double_encoded(clean)
    assert broken != clean and ("â€" in broken or "Ã" in broken)
    assert repair_mojibake(broken) == clean


def test_clean_text_is_left_as_written() -> None:
    for text in (
        "Plain ASCII: the delegation left at noon.",
        "Curly “quotes”, an en dash – and a full-width Ａ stay.",
        "AT&amp;T and 5 &lt; 6 are what the record says.",
    ):
        assert repair_mojibake(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "This story is from March 3, 2021",
        "This article was first published on 4 May 2019",
        "Follow us on Telegram",
        "Read more",
        "Read more: The summit in pictures",
        "ALSO READ | Ministers meet again",
        "Advertisement",
        "Story continues below advertisement",
        "Subscribe to our newsletter",
        "Share this article",
        "Download the Daily Herald app",
        "Updated: Mar 3, 2021, 10:31 IST",
        "© 2021 Example Media. All rights reserved.",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The foreign minister arrived in the capital on Tuesday.",
        "Read more about the dispute in the long report that the ministry released on Friday.",
        "Share prices fell after the announcement.",
        "Ad hoc talks followed.",
        "Related talks will follow next week.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_boilerplate_does_not_glue_onto_the_next_sentence() -> None:
    text = (
        "This story is from March 3, 2021\n"
        "The envoy arrived in the capital.\n"
        "Follow us on Telegram\n"
        "Talks ended without a statement."
    )
    assert (
        drop_boilerplate(text)
        == "The envoy arrived in the capital.\nTalks ended without a statement."
    )
    one_line = "This story is from March 3, 2021 The envoy arrived in the capital."
    assert drop_boilerplate(one_line) == "The envoy arrived in the capital."


def test_an_all_boilerplate_text_is_kept() -> None:
    article = Article("x", "Read more\nAdvertisement")
    assert tidy_article(article) is article


def test_readers_tidy_articles(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    text = double_encoded("The envoy called it “fruitful”.") + "\nRead more\nThe talks ended."
    record = {"id": "a", "text": text, "title": double_encoded("Envoy’s visit")}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert article.text == "The envoy called it “fruitful”.\nThe talks ended."
    assert article.title == "Envoy’s visit"
