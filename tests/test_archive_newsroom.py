"""The archive in the newsroom: ``archive = "PATH"`` in the check policy, and ``attrib batch --archive``."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

Cli = Callable[[list[str]], int]


def count_compares(monkeypatch: pytest.MonkeyPatch, *modules: object) -> list[int]:
    """Each call of ``compare`` from these modules, counted (one entry per call) and passed through."""
    from attribution.pipeline import compare

    calls: list[int] = []

    def counting_compare(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return compare(*args, **kwargs)

    for module in modules:
        monkeypatch.setattr(module, "compare", counting_compare)
    return calls


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert cli(["index", "add", "wire", "--archive", "archive"]) == 0
    # Two articles lose their source: line; the archive must find it.
    for name in ("flood-credited.md", "budget-uncredited.md"):
        path = root / "articles" / "2025" / name
        path.write_text(re.sub(r"(?m)^source: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "articles" / "2025" / "notes.md").write_text("---\ntitle: notes\n---\nOur own reporting plans for May.\n")
    return root


def test_check_finds_the_sources_of_unsourced_articles_in_the_policy_archive(newsroom: Path, cli: Cli, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    articles = ["articles/2025/flood-credited.md", "articles/2025/budget-uncredited.md", "articles/2025/notes.md"]
    assert cli(["check", *articles, "--format", "json"]) == 2  # no archive in the policy: unsourced is an error
    assert "names no source" in capsys.readouterr().out
    policy = newsroom / "attrib.toml"
    policy.write_text(policy.read_text() + 'archive = "archive"\n')
    code = cli(["check", *articles, "--format", "json"])
    result = {Path(r["path"]).name: r for r in json.loads(capsys.readouterr().out)["articles"]}
    assert code == 1  # the budget article still fails its policy, against the source the archive found
    assert result["flood-credited.md"]["status"] == "ok"
    assert result["flood-credited.md"]["sources"][0].endswith("flood.txt")
    assert result["budget-uncredited.md"]["status"] == "fail"
    assert any(v["rule"] == "uncredited" for v in result["budget-uncredited.md"]["violations"])
    assert result["notes.md"]["status"] == "ok" and result["notes.md"]["sources"] == []


def test_a_policy_archive_that_is_not_one_is_an_error(newsroom: Path, cli: Cli, capsys) -> None:  # type: ignore[no-untyped-def]
    policy = newsroom / "attrib.toml"
    policy.write_text(policy.read_text() + 'archive = "no-such-archive"\n')
    capsys.readouterr()
    assert cli(["check", "articles/2025/flood-credited.md"]) == 2
    assert "no such archive folder" in capsys.readouterr().err
    policy.write_text(policy.read_text().replace('"no-such-archive"', "3"))
    assert cli(["check", "articles/2025/flood-credited.md"]) == 2
    assert "archive must be a string" in capsys.readouterr().err


def test_batch_takes_derivatives_only_with_an_archive(newsroom: Path, cli: Cli, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = newsroom / "derivatives.csv"
    manifest.write_text("derivative\narticles/2025/flood-credited.md\narticles/2025/budget-uncredited.md\n")
    capsys.readouterr()
    assert cli(["batch", str(manifest), "--out", str(tmp_path / "out")]) == 2
    assert "needs the columns source,derivative" in capsys.readouterr().err
    assert cli(["batch", str(manifest), "--out", str(tmp_path / "out"), "--archive", "archive"]) == 0
    rows = {Path(r["derivative"]).name: r for r in csv.DictReader((tmp_path / "out" / "summary.csv").open())}
    assert rows["flood-credited.md"]["source"].endswith("flood.txt")
    assert rows["budget-uncredited.md"]["source"].endswith("budget.txt")
    assert rows["budget-uncredited.md"]["credits_source"] == "False"


def test_check_reuses_the_archive_audit_instead_of_comparing_again(  # type: ignore[no-untyped-def]
    newsroom: Path, fake_model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unsourced article is audited once, by ``archive.find``: ``attrib check`` runs no ``compare`` and
    embeds nothing beyond what finding its sources does, and reports the audit ``compare`` would make."""
    import attribution.archive.find as find_module
    import attribution.newsroom.check as check_module
    from attribution.archive.sources import SourceFinder
    from attribution.core.read import DEFAULT_MAX_CHARS
    from attribution.newsroom.articles import read_article
    from attribution.newsroom.check import CheckRequest, run_check
    from attribution.pipeline import compare

    compares = count_compares(monkeypatch, find_module, check_module)
    policy = newsroom / "attrib.toml"
    policy.write_text(policy.read_text() + 'archive = "archive"\n')
    path = Path("articles/2025/budget-uncredited.md")
    article = read_article(path, max_chars=DEFAULT_MAX_CHARS).document

    finder = SourceFinder(newsroom / "archive", fake_model)
    fake_model.calls.clear()
    found = finder.audit_of(article)
    finder.close()
    find_compares, find_encodes = len(compares), len(fake_model.calls)
    assert [Path(s.label).name for s in found.sources] == ["budget.txt"] and find_compares >= 1

    compares.clear()
    fake_model.calls.clear()
    result = run_check(CheckRequest(articles=(str(path),), cwd=newsroom), lambda model, backend: fake_model)
    (checked,) = result.results
    assert len(compares) == find_compares  # before: one more, the check's own compare of the same pair
    assert len(fake_model.calls) == find_encodes  # before: two more, the batch embedding and that compare
    assert checked.report is not None and checked.status == "fail"
    again = compare([s.document for s in found.sources], article, embedder=fake_model)
    assert checked.report.to_dict() == again.to_dict()


def test_batch_reuses_the_archive_audit_instead_of_comparing_again(  # type: ignore[no-untyped-def]
    newsroom: Path, fake_model, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``batch --archive`` audits each derivative once, by ``archive.find``, as ``attrib check`` does: the
    batch runs no ``compare`` of its own for it, and writes the audit ``compare`` would make."""
    import attribution.archive.find as find_module
    import attribution.newsroom.batch as batch_module
    from attribution.archive.sources import SourceFinder
    from attribution.core.read import DEFAULT_MAX_CHARS
    from attribution.newsroom.articles import read_derivative
    from attribution.newsroom.batch import read_pairs, run_batch
    from attribution.pipeline import compare

    compares = count_compares(monkeypatch, find_module, batch_module)
    manifest = newsroom / "derivatives.csv"
    manifest.write_text(
        "derivative,source_name\narticles/2025/flood-credited.md,\narticles/2025/budget-uncredited.md,\n"
    )
    pairs = read_pairs(manifest, sources_optional=True)
    articles = [read_derivative(p.derivative, max_chars=DEFAULT_MAX_CHARS)[0] for p in pairs]
    finder = SourceFinder(newsroom / "archive", fake_model)
    try:
        audits = [
            finder.audit_of(article, source_names=pair.source_names)
            for article, pair in zip(articles, pairs, strict=True)
        ]
        find_compares = len(compares)
        compares.clear()
        rows = run_batch(pairs, tmp_path / "out", fake_model, archive=finder)
    finally:
        finder.close()
    assert find_compares >= 2 and len(compares) == find_compares  # before: one more per pair, the batch's own
    assert sorted(r.status for r in rows) == ["done", "done"]
    for pair, article, audit in zip(pairs, articles, audits, strict=True):
        written = json.loads((tmp_path / "out" / f"{pair.id}.json").read_text(encoding="utf-8"))
        again = compare([s.document for s in audit.sources], article, embedder=fake_model)
        assert written == json.loads(json.dumps(again.to_dict(), ensure_ascii=False))


def test_a_resumed_batch_archive_pair_is_neither_searched_nor_compared_again(  # type: ignore[no-untyped-def]
    newsroom: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Run again, ``batch --archive`` resumes a pair whose report is there (status ``resumed``) without
    asking the archive or comparing; a pair whose story the archive no longer holds is searched again."""
    import attribution.archive.find as find_module
    import attribution.newsroom.batch as batch_module
    from attribution.archive.sources import SourceFinder

    compares = count_compares(monkeypatch, find_module, batch_module)
    searches: list[str] = []
    audit_of = SourceFinder.audit_of

    def counting_audit_of(self, article, **options):  # type: ignore[no-untyped-def]
        searches.append(article.path)
        return audit_of(self, article, **options)

    monkeypatch.setattr(SourceFinder, "audit_of", counting_audit_of)
    manifest = newsroom / "derivatives.csv"
    manifest.write_text("derivative\narticles/2025/flood-credited.md\narticles/2025/budget-uncredited.md\n")
    out = tmp_path / "out"
    argv = ["batch", str(manifest), "--out", str(out), "--archive", "archive", "--html"]
    assert cli(argv) == 0
    assert len(searches) == 2 and compares
    first = {Path(r["derivative"]).name: r for r in csv.DictReader((out / "summary.csv").open())}

    searches.clear()
    compares.clear()
    assert cli(argv) == 0
    again = {Path(r["derivative"]).name: r for r in csv.DictReader((out / "summary.csv").open())}
    assert searches == [] and compares == []  # before: both searched and audited again
    assert {r["status"] for r in again.values()} == {"resumed"}
    for name, row in first.items():  # the summary reads as before, sources named as the reports name them
        assert {k: v for k, v in again[name].items() if k != "status"} == {
            k: v for k, v in row.items() if k != "status"
        }

    (out / f"{first['flood-credited.md']['id']}.html").unlink()  # its HTML is gone: redone
    assert cli(["index", "remove", "wire/budget.txt", "--archive", "archive"]) == 0  # its story is gone
    assert cli(argv) == 2
    last = {Path(r["derivative"]).name: r for r in csv.DictReader((out / "summary.csv").open())}
    assert sorted(Path(p).name for p in searches) == ["budget-uncredited.md", "flood-credited.md"]
    assert last["flood-credited.md"]["status"] == "done"
    assert last["budget-uncredited.md"]["status"] == "failed"
    assert "archive holds no story" in last["budget-uncredited.md"]["error"]
