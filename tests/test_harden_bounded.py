"""Bounded, always (issue 11, items 4 to 7): no input makes attrib hang, grow without limit or run for minutes.

Sizes are chosen so that the old quadratic paths would take minutes while the linear
ones take well under a second; the bounds asserted are generous (tens of seconds) so
that a noisy machine never fails them, and the old code could never pass them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from attribution.checks.quotes import check_quotes
from attribution.core.read import read_path
from attribution.core.segment import segment
from attribution.core.text import PreparedText
from attribution.errors import InputError
from attribution.newsroom.articles import mask_markdown
from attribution.newsroom.repository import discover

GENEROUS_SECONDS = 20.0


def timed(function, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


# Item 4: only regular files, and never more bytes than max_chars can need.


def test_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    for path in ("/dev/zero", link):
        with pytest.raises(InputError, match="not a regular file"):
            read_path(path)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)


def test_a_symlink_loop_is_an_input_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match=r"loop\.txt"):
        read_path(loop)


def test_a_huge_file_is_refused_after_reading_only_what_the_limit_needs(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: 200 MB of NUL bytes
    with pytest.raises(InputError, match="over"):
        read_path(big, max_chars=1000)


def test_standard_input_is_bounded_too(cli, capsys, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import io
    import sys

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    other = tmp_path / "d.txt"
    other.write_text("Some text.\n")
    assert cli(["compare", "-", str(other), "--max-chars", "1000"]) == 2
    assert "over" in capsys.readouterr().err


# Item 5: linear tokenisation.


@pytest.mark.parametrize(
    "text",
    [
        "." * 400_000,
        "?!" * 200_000,
        "x. " * 130_000,
        ("word " * 9 + "word\n") * 8_000,  # hard-wrapped-looking lines
        "。" * 400_000,
    ],
    ids=["dots", "?!", "x-dot", "wrapped", "cjk-stops"],
)
def test_segmenting_adversarial_repetitions_is_linear(text: str) -> None:
    sentences, seconds = timed(segment, text)
    assert sentences
    assert seconds < GENEROUS_SECONDS  # quadratic: 30 s at 40,000 dots, over 10 minutes at 400,000


@pytest.mark.parametrize("unit", ["![", "<!--", "](", "<a", "[", "![a](", "**", "`"], ids=lambda u: repr(u))
def test_masking_markdown_is_linear(unit: str) -> None:
    text = unit * (400_000 // len(unit))
    masked, seconds = timed(mask_markdown, text)
    assert len(masked) == len(text)
    assert seconds < GENEROUS_SECONDS  # quadratic: 90 s for "![" * 60000


def test_markdown_masking_is_unchanged_on_ordinary_markup() -> None:
    text = (
        "# Title\n\nSee [the report](https://e.org/a_(b)) and ![a chart](c.png).\n"
        "<!-- a note -->Text with **bold** and <span class='x'>tags</span>.\n> quoted\n- item\n"
    )
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert " ".join(masked.split()) == "Title See the report ) and . Text with bold and tags . quoted item"


# Item 6: no glob follows a folder symlink; each article once.


def test_a_symlink_loop_in_the_articles_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "articles" / "deep").mkdir(parents=True)
    (tmp_path / "articles" / "a.md").write_text("x")
    (tmp_path / "articles" / "deep" / "b.md").write_text("y")
    (tmp_path / "articles" / "deep" / "loop").symlink_to("..")
    (tmp_path / "articles" / "deep" / "self").symlink_to(".")
    (tmp_path / "articles" / "alias.md").symlink_to("a.md")
    monkeypatch.chdir(tmp_path)
    found, seconds = timed(discover, ["articles/**/*.md"], tmp_path)
    assert [str(p) for p in found] == ["articles/a.md", "articles/deep/b.md"]
    assert seconds < GENEROUS_SECONDS
    assert [str(p) for p in discover(["articles"], tmp_path)] == ["articles/a.md", "articles/deep/b.md"]


# Item 7: thousands of quotations.


def test_ten_thousand_quotations_of_common_words() -> None:
    words = ["the", "of", "and", "said", "in", "to", "a", "was", "for", "on"]
    text = " ".join(f'"{words[i % 10]} {words[(i * 7) % 10]}"' for i in range(40_000))  # 40,000 quotations
    prepared = PreparedText.of(text)
    quotes, seconds = timed(check_quotes, prepared, prepared)
    assert len(quotes) > 10_000
    assert seconds < GENEROUS_SECONDS  # quotations x occurrences: minutes before
