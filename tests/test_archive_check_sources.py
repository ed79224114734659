"""``attrib check`` with ``archive =`` in the policy: how it names the stories it finds, and the names an
unsourced article's front matter gives its source (fake embedder)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from attribution.archive import Record, open_archive

Cli = Callable[[list[str]], int]

# A wire story that never says whose it is (no dateline, no credit line), known by its URL only.
STORY = """Council approves new budget

The city council approved a budget of 40 million dollars on Monday after a long debate.
The mayor said the plan would keep taxes flat for the coming year.
Opposition members voted against the measure, citing rising debt and a shrinking reserve.
"""
URL = "https://wire.example/2025/03/council-budget"

ARTICLE = """---
title: budget
{front}---
The city council approved a budget of 40 million dollars on Monday after a long debate, Metro Wire reported.
The mayor said the plan would keep taxes flat for the coming year.
Opposition members voted against the measure, citing rising debt and a shrinking reserve.
"""


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "newsroom"
    root.mkdir()
    (root / "attrib.toml").write_text('fail = ["uncredited"]\narchive = "archive"\n', encoding="utf-8")
    with open_archive(root / "archive", create=True) as store:
        store.add([Record("budget", STORY, "2025-03-03", url=URL)])
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def _check(cli: Cli, capsys: pytest.CaptureFixture[str], front: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    Path("budget.md").write_text(ARTICLE.format(front=front), encoding="utf-8")
    capsys.readouterr()
    code = cli(["check", "budget.md", "--format", "json"])
    (result,) = json.loads(capsys.readouterr().out)["articles"]
    return code, result


def test_a_story_found_by_its_url_is_named_by_the_whole_url(newsroom: Path, cli: Cli, capsys) -> None:  # type: ignore[no-untyped-def]
    _, result = _check(cli, capsys, "")
    assert result["sources"] == [URL]  # before: "https:/wire.example/…", Path folding the "//"


def test_a_source_name_without_a_source_reaches_the_archive_audit(newsroom: Path, cli: Cli, capsys) -> None:  # type: ignore[no-untyped-def]
    code, result = _check(cli, capsys, "")
    assert result["verdict"]["derived"] and not result["verdict"]["credits_source"]  # the story names no one
    code, result = _check(cli, capsys, "source_name: Metro Wire\n")
    assert result["sources"] == [URL]
    assert result["verdict"]["credits_source"]  # before: the front matter's name was dropped, not credited
    assert result["verdict"]["credited_as"] == "Metro Wire"
    assert code == 0


def test_the_html_report_names_a_url_source_by_its_url(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from attribution.core.read import text_document
    from attribution.pipeline import compare
    from attribution.render.html import render_html

    report = compare(text_document(STORY, URL), text_document(ARTICLE.format(front="")), embedder=fake_embedder)
    assert f"(SOURCE: {URL})" in render_html(report)  # before: "(SOURCE: council-budget)"
