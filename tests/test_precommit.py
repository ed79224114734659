"""The pre-commit hook: its manifest, and the `attrib check` options it runs (fake embedder)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _light_pins() -> list[str]:
    """The first section of constraints.txt: the light install."""
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# The light install"))
    pins = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        pins.append(line)
    return pins


def test_the_manifest_follows_pre_commit_conventions() -> None:
    (hook,) = HOOKS
    assert hook["id"] == "attrib-check" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["attrib", "check"]
    assert "--changed-files" in hook["entry"] and "--skip-unsourced" in hook["entry"]
    assert hook.get("pass_filenames", True) and hook["require_serial"]
    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("articles/a.md", "notes.markdown", "wire/flood.txt"))
    assert not any(files.search(n) for n in ("setup.py", "image.png", "data.csv"))


def test_the_hook_installs_the_light_pinned_set() -> None:
    (hook,) = HOOKS
    pins = hook["additional_dependencies"]
    assert pins == _light_pins()  # make lock writes both
    names = {p.split("==")[0] for p in pins}
    assert all("==" in p for p in pins)
    assert not names & {"torch", "sentence-transformers", "transformers", "triton"}
    assert not any(n.startswith("nvidia-") for n in names)
    assert {"numpy", "rapidfuzz", "tokenizers", "typer", "jinja2"} <= names


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    (root / "README.md").write_text("# Our newsroom\n\nHow we work.\n", encoding="utf-8")
    (root / "notes.md").write_text("---\ntitle: Style notes\n---\nUse the serial comma.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def _git_repo(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def run(cli, capsys, *argv: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = cli(["check", "--format", "human", *argv])
    out, err = capsys.readouterr()
    return code, out + err


def test_files_that_name_no_source_pass_with_skip_unsourced(cli, newsroom, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = run(cli, capsys, "--changed-files", "--skip-unsourced", "README.md", "notes.md")
    assert code == 0, out
    assert "0 articles checked" in out


def test_without_skip_unsourced_an_article_with_no_source_is_still_an_error(cli, newsroom, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = run(cli, capsys, "notes.md")
    assert code == 2
    assert "names no source in its front matter" in out


@pytest.mark.parametrize("in_git", [True, False])
def test_a_changed_wire_file_rechecks_the_articles_that_name_it(cli, newsroom, capsys, in_git) -> None:  # type: ignore[no-untyped-def]
    if in_git:
        _git_repo(newsroom)
    code, out = run(cli, capsys, "--changed-files", "--skip-unsourced", "wire/flood.txt", "README.md")
    assert "articles/2025/flood-credited.md" in out and "articles/2025/flood-firsthand.md" in out
    assert "budget-uncredited" not in out
    assert "2 articles checked" in out
    assert code == 0, out


def test_a_changed_article_is_checked_once_with_its_changed_source(cli, newsroom, capsys) -> None:  # type: ignore[no-untyped-def]
    _git_repo(newsroom)
    argv = ["--changed-files", "--skip-unsourced", "articles/2025/budget-uncredited.md", "wire/budget.txt"]
    code, out = run(cli, capsys, *argv, "notes.md")
    assert code == 1  # the fixture article fails the policy: the hook blocks the commit
    assert out.count("FAILED  articles/2025/budget-uncredited.md") == 1
    assert "1 article checked" in out


def test_an_unrelated_change_checks_nothing(cli, newsroom, capsys) -> None:  # type: ignore[no-untyped-def]
    _git_repo(newsroom)
    (newsroom / "style.txt").write_text("Not wire copy.\n", encoding="utf-8")
    code, out = run(cli, capsys, "--changed-files", "--skip-unsourced", "style.txt")
    assert code == 0 and "0 articles checked" in out
