"""An article made from two archive stories: one multi-source audit with both as sources, credit per source.

``attrib find``, ``attrib check`` with ``archive =`` and ``attrib batch --archive`` all audit the article
against the archive stories it draws on together (fake embedder; the real model in test_archive_model).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from attribution.archive import Record, open_archive
from attribution.archive.find import find
from tests.conftest import FIXTURES
from tests.test_multisource import BUDGET, FLOOD  # the two wire stories of the multi-source tests

Cli = Callable[[list[str]], int]

# Another outlet's copy of the budget story, published after it: it holds nothing the story does not.
BUDGET_COPY = """Cityville budget passes

The city council approved a budget of 40 million dollars on Monday after a long debate.
Opposition members voted against the measure, citing rising debt.
"""

UNRELATED = """Museum opens new wing

The art museum opened a wing for modern sculpture on Sunday, with works lent by private collectors.
"""

# Drawn from the budget and the flood stories; credits the Wire only.
ARTICLE = """The city council approved a budget of 40 million dollars on Monday after a long debate, Wire reported.
Opposition members voted against the measure, citing rising debt.
The river burst its banks on Tuesday and flooded dozens of streets near the harbour.
Firefighters pumped water from basements through the night.
"""

STORIES = [
    Record("budget", BUDGET, "2025-03-03", "Wire"),
    Record("flood", FLOOD, "2025-03-04", "Agency"),
    Record("budget-copy", BUDGET_COPY, "2025-03-05"),
    Record("museum", UNRELATED, "2025-03-01"),
]


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    with open_archive(folder, create=True) as store:
        store.add(STORIES)
    return folder


def test_find_audits_the_article_against_both_stories_together(archive_dir: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    with open_archive(archive_dir) as store:
        result = find(store, ARTICLE, embedder=fake_embedder)
    ids = [c.record.id for c in result.candidates]
    assert {"budget", "flood", "budget-copy"} <= set(ids)
    assert sorted(result.drawn_on) == ["budget", "flood"]  # best first
    report = result.report
    assert report is not None and len(report.parts) == 2
    parts = {p.document.path: p for p in report.parts}
    assert [p.document.path for p in report.parts] == list(result.drawn_on)
    budget, flood = parts["budget"], parts["flood"]
    assert budget.verdict.derived and budget.verdict.credits_source and budget.verdict.credited_as == "Wire"
    assert flood.verdict.derived and not flood.verdict.credits_source
    assert report.verdict.derived and not report.verdict.credits_source
    # The copy is derived from on its own, but holds nothing the budget story does not: not a source.
    copy = next(c for c in result.candidates if c.record.id == "budget-copy")
    assert copy.audit is not None and copy.audit.derived
    doc = result.to_dict()
    assert doc["drawn_on"] == list(result.drawn_on)
    assert [c["id"] for c in doc["candidates"]] == ids
    credited = {s["path"]: s["verdict"]["credits_source"] for s in doc["audit"]["sources"]}
    assert credited == {"budget": True, "flood": False}
    uncredited = [f for f in doc["audit"]["findings"] if f["kind"] == "uncredited"]
    assert len(uncredited) == 1 and "Agency" in uncredited[0]["message"]


def test_one_story_drawn_on_gives_the_single_source_audit(archive_dir: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from attribution.pipeline import compare

    article = ARTICLE.split("The river")[0]
    with open_archive(archive_dir) as store:
        result = find(store, article, embedder=fake_embedder)
        story = store.get("budget")
    assert result.drawn_on == ("budget",)
    assert result.report is not None and len(result.report.parts) == 1
    assert story is not None
    alone = compare(story.record.text, article, embedder=fake_embedder, source_names=("Wire",))
    assert result.report.to_dict()["verdict"] == alone.to_dict()["verdict"]


def test_find_prints_the_audit_against_both(archive_dir: Path, cli: Cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    capsys.readouterr()
    assert cli(["find", str(article), "--archive", str(archive_dir), "--json", str(tmp_path / "f.json")]) == 0
    out = capsys.readouterr().out
    assert "Audit against the 2 sources it draws on, together: flood and budget:" in out
    assert "not a source beside those above" in out  # the copy
    assert "Derived from 2 of the 2 sources, crediting Wire but not Agency" in out
    doc = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert doc["drawn_on"] == ["flood", "budget"] and len(doc["audit"]["sources"]) == 2


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    """The newsroom fixture with the seed pair's Reuters story in its wire, and an article that names no
    source but is made of the budget article (Wire Service, uncredited) and the seed article (credits Reuters)."""
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    shutil.copy(FIXTURES / "seed-source.txt", root / "wire" / "korea.txt")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert cli(["index", "add", "wire", "--archive", "archive"]) == 0
    budget = (root / "articles/2025/budget-uncredited.md").read_text(encoding="utf-8").split("---", 2)[2]
    korea = (FIXTURES / "seed-derivative.txt").read_text(encoding="utf-8")
    (root / "articles/2025/both.md").write_text(f"---\ntitle: both\n---\n{budget}\n{korea}", encoding="utf-8")
    return root


def test_check_audits_an_unsourced_article_against_each_story_it_draws_on(newsroom: Path, cli: Cli, capsys) -> None:  # type: ignore[no-untyped-def]
    policy = newsroom / "attrib.toml"
    policy.write_text(policy.read_text() + 'archive = "archive"\n')
    capsys.readouterr()
    code = cli(["check", "articles/2025/both.md", "--format", "json"])
    (result,) = json.loads(capsys.readouterr().out)["articles"]
    assert code == 1
    assert sorted(Path(s).name for s in result["sources"]) == ["budget.txt", "korea.txt"]
    uncredited = [v["message"] for v in result["violations"] if v["rule"] == "uncredited"]
    assert len(uncredited) == 1 and "budget.txt" in uncredited[0]  # Reuters is credited, the Wire Service is not


def test_batch_audits_a_derivative_against_each_story_it_draws_on(newsroom: Path, cli: Cli, tmp_path: Path) -> None:
    manifest = newsroom / "derivatives.csv"
    manifest.write_text("derivative\narticles/2025/both.md\n")
    out = tmp_path / "out"
    assert cli(["batch", str(manifest), "--out", str(out), "--archive", "archive"]) == 0
    (row,) = list(csv.DictReader((out / "summary.csv").open()))
    assert sorted(Path(s.strip()).name for s in row["source"].split(",")) == ["budget.txt", "korea.txt"]
    report = json.loads(Path(row["report"]).read_text(encoding="utf-8"))
    assert sorted(Path(s["path"]).name for s in report["sources"]) == ["budget.txt", "korea.txt"]
    assert [s["verdict"]["derived"] for s in report["sources"]] == [True, True]
    # A second run finds the report done (the hashes of both sources match) and does not redo it.
    assert cli(["batch", str(manifest), "--out", str(out), "--archive", "archive"]) == 0
    (again,) = list(csv.DictReader((out / "summary.csv").open()))
    assert again["status"] == "resumed"


def test_audited_candidates_are_reranked_by_retrieval_plus_audit_support() -> None:
    from attribution.archive.candidates import Candidate
    from attribution.archive.find import CandidateAudit, FoundCandidate, reranked

    def found(name: str, score: float, support: float | None) -> FoundCandidate:
        audit = None if support is None else CandidateAudit(True, False, {}, support)
        return FoundCandidate(Record(name, name), Candidate(0, score, score, 0.0, 0, (), ()), "", (), (), audit)

    # b's audit finds the article drawn from it far more closely than from a: it moves up. c and d are not
    # audited and keep their places; e's total equals a's to two decimals: the retrieval order stands.
    ranked = [found("a", 0.50, 0.20), found("b", 0.45, 0.60), found("c", 0.40, None), found("d", 0.30, None)]
    assert [c.record.id for c in reranked(ranked)] == ["b", "a", "c", "d"]
    tie = [found("a", 0.50, 0.20), found("e", 0.45, 0.252)]
    assert [c.record.id for c in reranked(tie)] == ["a", "e"]


def test_support_weights_the_drawn_share_by_closeness(archive_dir: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from attribution.archive.find import support
    from attribution.pipeline import compare

    close = compare(BUDGET, ARTICLE, embedder=fake_embedder)  # half the article drawn, nearly verbatim
    unrelated = compare(UNRELATED, ARTICLE, embedder=fake_embedder)
    drawn = close.verdict.shares.verbatim + close.verdict.shares.paraphrase
    assert 0.3 < support(close) <= drawn + 1e-9
    assert support(unrelated) == 0.0
