"""``attrib batch --archive`` reads a Markdown derivative's front matter as ``attrib check`` reads an
unsourced article's: its date (``published`` or ``date``) bounds the search, its ``source_name:`` names
the source (fake embedder)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from attribution.archive import Record
from tests.test_archive_check_sources import ARTICLE, STORY, URL
from tests.test_archive_check_sources import newsroom as archive_newsroom

Cli = Callable[[list[str]], int]

# The story, the article and the newsroom (an archive holding the story, published on 3 March) are check's.
newsroom = archive_newsroom


def _batch(cli: Cli, front: str, out: str, names: str = "") -> dict[str, str]:
    """The summary row of ``batch --archive`` for the article with this front matter."""
    Path("budget.md").write_text(ARTICLE.format(front=front), encoding="utf-8")
    Path("derivatives.csv").write_text(f"derivative,source_name\nbudget.md,{names}\n", encoding="utf-8")
    cli(["batch", "derivatives.csv", "--out", out, "--archive", "archive"])
    (row,) = csv.DictReader(Path(out, "summary.csv").read_text(encoding="utf-8").splitlines())
    return row


def _check(cli: Cli, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    cli(["check", "budget.md", "--format", "json"])
    (result,) = json.loads(capsys.readouterr().out)["articles"]
    return result  # type: ignore[no-any-return]


def test_batch_archive_never_proposes_a_story_published_after_the_derivative(  # type: ignore[no-untyped-def]
    newsroom: Path, cli: Cli, capsys
) -> None:
    for n, front in enumerate(["published: 2025-03-01\n", "date: 2025-03-01T09:00:00Z\n"]):
        row = _batch(cli, front, f"early{n}")
        assert row["status"] == "failed"  # before: done, against a story published two days later
        assert "archive holds no story" in row["error"]
        assert _check(cli, capsys)["sources"] == []  # as check decides for the same article
    row = _batch(cli, "published: 2025-03-05\n", "later")
    assert row["status"] == "done" and row["source"] == URL
    assert _check(cli, capsys)["sources"] == [URL]
    row = _batch(cli, "published: next week\n", "undated")
    assert row["status"] == "failed" and "date 'next week' is not ISO 8601" in row["error"]
    assert "date 'next week' is not ISO 8601" in _check(cli, capsys)["error"]


def test_batch_archive_gives_the_derivatives_front_matter_source_names(newsroom: Path, cli: Cli) -> None:
    row = _batch(cli, "", "unnamed")
    assert row["status"] == "done" and row["credits_source"] == "False"  # the story names no one
    row = _batch(cli, "source_name: Metro Wire\n", "named")
    assert row["credits_source"] == "True"  # before: the front matter's name was dropped, not credited
    assert row["credited_as"] == "Metro Wire"
    row = _batch(cli, "source_name: [Metro Wire]\n", "both", names="City Desk")  # with the manifest's names
    report = json.loads(Path(row["report"]).read_text(encoding="utf-8"))
    assert {"Metro Wire", "City Desk"} <= set(report["source"]["credited_to"])
    assert row["credits_source"] == "True"


def test_the_archive_holds_a_resumed_report_s_sources_only_if_they_could_be_sources(  # type: ignore[no-untyped-def]
    newsroom: Path, fake_embedder
) -> None:
    from attribution.archive.sources import SourceFinder

    digest = Record("budget", STORY).sha256
    finder = SourceFinder(newsroom / "archive", fake_embedder)
    try:
        assert finder.holds([digest]) and finder.holds([digest], published_before="2025-03-03T18:00:00")
        assert not finder.holds([digest], published_before="2025-03-02")  # published after the article
        assert not finder.holds([digest, "0" * 64])  # one of them is no longer there
        assert not finder.holds([])
    finally:
        finder.close()
