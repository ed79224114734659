"""attrib index, find and pickup through the command line (fake embedder)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from attribution.archive import FORMAT_VERSION
from tests.conftest import FIXTURES, SEED_DERIVATIVE, SEED_SOURCE

Cli = Callable[[list[str]], int]


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    folder.mkdir()
    shutil.copy(SEED_SOURCE, folder / "seed-source.txt")
    for name in ("flood.txt", "budget.txt"):
        shutil.copy(FIXTURES / "newsroom" / "wire" / name, folder / name)
    return folder


def test_index_add_stats_remove(cli: Cli, wire: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = str(tmp_path / "archive")
    assert cli(["index", "add", str(wire), "--archive", archive, "--jobs", "1"]) == 0
    assert "3 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert cli(["index", "add", str(wire), "--archive", archive]) == 0
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert cli(["index", "stats", "--archive", archive, "--json", "-"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 3 and stats["format_version"] == FORMAT_VERSION and stats["sentences_with_vectors"] > 0
    assert cli(["index", "stats", "--archive", archive]) == 0
    assert "stories          3" in capsys.readouterr().out
    assert cli(["index", "remove", (wire / "flood.txt").as_posix(), "--archive", archive]) == 0
    assert "2 stories" in capsys.readouterr().out
    assert cli(["index", "remove", "nope", "--archive", archive]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_no_vectors_makes_a_lexical_index(cli: Cli, wire: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    archive = str(tmp_path / "archive")
    assert cli(["index", "add", str(wire), "--archive", archive, "--no-vectors"]) == 0
    assert "0 sentence vectors" in capsys.readouterr().out
    assert cli(["find", str(SEED_DERIVATIVE), "--archive", archive, "--json", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["semantic"] is False
    assert result["candidates"][0]["id"] == (wire / "seed-source.txt").as_posix()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such archive folder"),
        (lambda p: p.mkdir(), "is not an archive"),
        (lambda p: (p.mkdir(), (p / "archive.sqlite").write_bytes(b"garbage" * 200)), "not a readable archive index"),
    ],
)
def test_bad_archives_are_one_line_errors(cli: Cli, tmp_path: Path, capsys, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "archive"
    setup(archive)
    for argv in (["index", "stats"], ["find", str(SEED_DERIVATIVE)], ["pickup", str(SEED_SOURCE)]):
        assert cli([*argv, "--archive", str(archive)]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err


def test_bad_tables_leave_the_archive_untouched(cli: Cli, wire: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    archive = str(tmp_path / "archive")
    assert cli(["index", "add", str(wire), "--archive", archive]) == 0
    no_text = tmp_path / "no-text.csv"
    no_text.write_text("id,body\n1,hello\n")
    dupes = tmp_path / "dupes.jsonl"
    dupes.write_text('{"id": "x", "text": "a new story"}\n{"id": "x", "text": "another"}\n')
    good = tmp_path / "ok.jsonl"
    good.write_text('{"id": "new", "text": "A story that would be new to the archive."}\n')
    for bad, message in ((no_text, "has no 'text' column"), (dupes, "duplicate id 'x'")):
        capsys.readouterr()
        assert cli(["index", "add", str(good), str(bad), "--archive", archive]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1
    assert cli(["index", "stats", "--archive", archive, "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 3


def test_find_ranks_the_source_first_and_audits_it(cli: Cli, wire: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    archive = str(tmp_path / "archive")
    assert cli(["index", "add", str(wire), "--archive", archive]) == 0
    capsys.readouterr()
    out_json, out_html = tmp_path / "find.json", tmp_path / "find.html"
    code = cli(["find", str(SEED_DERIVATIVE), "--archive", archive, "--json", str(out_json), "--html", str(out_html)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Candidate sources" in printed and "Audit against" in printed and "Sentences (derivative" in printed
    result = json.loads(out_json.read_text())
    best = result["candidates"][0]
    assert best["id"].endswith("seed-source.txt") and best["path"].endswith("seed-source.txt")
    assert best["passages"] and best["aligned_sentences"] and best["audit"]["derived"] is True
    assert result["drawn_on"] == [best["id"]]
    assert result["audit"]["verdict"]["derived"] is True
    assert "<html" in out_html.read_text().lower()


def test_find_leaves_out_sources_published_after_the_article(cli: Cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "wire.jsonl"
    rows = [
        {"id": "later", "text": SEED_SOURCE.read_text(encoding="utf-8"), "published": "2025-06-01"},
        {"id": "flood", "text": (FIXTURES / "newsroom/wire/flood.txt").read_text(), "published": "2025-01-01"},
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows))
    archive = str(tmp_path / "archive")
    assert cli(["index", "add", str(table), "--archive", archive]) == 0
    capsys.readouterr()
    assert cli(["find", str(SEED_DERIVATIVE), "--archive", archive, "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["candidates"][0]["id"] == "later"
    argv = ["find", str(SEED_DERIVATIVE), "--archive", archive, "--published-before", "2025-05-31", "--json", "-"]
    assert cli(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert "later" not in [c["id"] for c in result["candidates"]]
    assert result["excluded_published_after"] == 1
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: x\ndate: 2025-05-01\n---\n" + SEED_DERIVATIVE.read_text(encoding="utf-8"))
    assert cli(["find", str(article), "--archive", archive, "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["excluded_published_after"] == 1
    assert cli(["find", str(SEED_DERIVATIVE), "--archive", archive, "--published-before", "soon"]) == 2
    assert "not ISO 8601" in capsys.readouterr().err


def test_pickup_lists_the_articles_that_draw_on_a_story(cli: Cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SEED_DERIVATIVE, articles / "rewrite.txt")
    for name in ("flood-credited.md", "budget-uncredited.md"):
        shutil.copy(FIXTURES / "newsroom/articles/2025" / name, articles / name)
    archive = str(tmp_path / "archive")
    assert cli(["index", "add", str(articles), "--archive", archive]) == 0
    capsys.readouterr()
    out_csv = tmp_path / "pickups.csv"
    assert cli(["pickup", str(SEED_SOURCE), "--archive", archive, "--json", "-", "--csv", str(out_csv)]) == 0
    result = json.loads(capsys.readouterr().out)
    ids = [p["id"] for p in result["pickups"]]
    assert ids == [(articles / "rewrite.txt").as_posix()]
    hit = result["pickups"][0]
    assert hit["credits_source"] is True and hit["credited_as"] == "Reuters"
    assert 0.5 < hit["derived_share"] <= 1 and hit["derivation"] == "wholly"
    assert hit["passages"] and {p["kind"] for p in hit["passages"]} <= {"verbatim", "paraphrase", "mixed"}
    assert all(p["text"] in SEED_DERIVATIVE.read_text(encoding="utf-8") for p in hit["passages"])
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text())))
    assert rows[0]["id"] == ids[0] and rows[0]["credits_source"] == "true"
    assert cli(["pickup", str(FIXTURES / "newsroom/wire/flood.txt"), "--archive", archive]) == 0
    printed = capsys.readouterr().out
    assert "flood-credited.md" in printed and "credits it" in printed
