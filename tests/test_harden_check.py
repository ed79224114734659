"""`attrib check` as a gate an article's author cannot open (issue 11, items 2, 3, 6, 11, 19).

A small repository in a temporary folder, the fake embedder, every output format.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from attribution.cli import main

WIRE = (
    "CEDAR RIDGE (Wire Service) - The city council voted on Monday to close two libraries.\n\n"
    "Mayor Ann Ruiz said the budget left no other choice.\n\n"
    '"We cannot keep every branch open," Ruiz told reporters.\n'
)
FABRICATED = (
    "The council voted on Monday to close two libraries, the Wire Service reported.\n\n"
    'Ruiz called the vote "a betrayal of every reader in this city" after the meeting.\n'
)
SECRET = "TOKEN=hunter2-super-secret"
FORMATS = ("human", "json", "github", "markdown", "junit")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "wire").mkdir()
    (root / "wire" / "story.txt").write_text(WIRE, encoding="utf-8")
    (root / "articles").mkdir()
    (tmp_path / "secret.env").write_text(f"{SECRET}\nPASSWORD=swordfish\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return root


def article(root: Path, name: str, front: str, body: str = FABRICATED) -> Path:
    path = root / "articles" / name
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return path


@pytest.fixture
def check(fake_model, capsys) -> Callable[..., tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["check", *argv, "--no-cache"], load_embedder=lambda *_, **__: fake_model)
        out, err = capsys.readouterr()
        return code, out, err

    return run


# Item 2: a source must resolve inside the repository, symlinks followed.


@pytest.mark.parametrize(
    "source", ["../../secret.env", "/etc/passwd", "{tmp}/secret.env", "../.git/config", "link-out.txt"]
)
def test_a_source_outside_the_repository_is_refused_without_its_content(repo: Path, check, source: str) -> None:  # type: ignore[no-untyped-def]
    (repo / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    (repo / "articles" / "link-out.txt").symlink_to(repo.parent / "secret.env")
    source = source.replace("{tmp}", str(repo.parent))
    expected_error = source != "../.git/config"  # inside the repository, but .git is refused too
    article(repo, "leak.md", f"source: {source}\nattrib:\n  warn: [omitted, added_claim]")
    for fmt in FORMATS:
        code, out, err = check("articles/leak.md", "--format", fmt)
        assert code == 2, (fmt, out, err)
        assert SECRET not in out + err and "swordfish" not in out + err and "root:x" not in out + err
        if expected_error:
            assert "outside the repository" in out
        else:
            assert "inside the repository's .git folder" in out


def test_an_article_symlinked_from_outside_is_refused(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    outside = repo.parent / "outside.md"
    outside.write_text(f"---\nsource: wire/story.txt\n---\n{SECRET} said so.\n", encoding="utf-8")
    (repo / "articles" / "in.md").symlink_to(outside)
    code, out, _ = check("articles/in.md")
    assert code == 2 and "outside the repository" in out and SECRET not in out


def test_a_source_inside_the_repository_still_works(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    body = "The council voted on Monday to close two libraries, the Wire Service reported.\n"
    article(repo, "ok.md", "source: ../wire/story.txt", body)
    (repo / "articles" / "alias.txt").symlink_to(repo / "wire" / "story.txt")  # a link that stays inside
    article(repo, "via-link.md", "source: alias.txt", body)
    code, out, _ = check("articles/ok.md", "articles/via-link.md")
    assert code == 0, out


# Item 3: the repository decides what an article may override, and every override shows.


def test_an_article_cannot_empty_fail(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    article(repo, "exempt.md", "source: ../wire/story.txt\nattrib: {fail: [], warn: []}")
    code, out, _ = check("articles/exempt.md")
    assert code == 2
    assert "overrides 'fail'" in out and "does not let an article change" in out


def test_allow_quotes_needs_the_repository_s_permission(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    front = "source: ../wire/story.txt\nattrib:\n  allow_quotes: ['a betrayal of every reader in this city']"
    article(repo, "excuse.md", front)
    code, out, _ = check("articles/excuse.md")
    assert code == 2 and "overrides 'allow_quotes'" in out


def test_an_allowed_override_is_shown_in_every_format(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    (repo / "attrib.toml").write_text('article_overrides = ["allow_quotes"]\n')
    front = "source: ../wire/story.txt\nattrib:\n  allow_quotes: ['a betrayal of every reader in this city']"
    article(repo, "excuse.md", front)
    shown = {}
    for fmt in FORMATS:
        code, out, _ = check("articles/excuse.md", "--format", fmt)
        assert code == 0, (fmt, out)
        assert "allow_quotes=[a betrayal of every reader in this city]" in out, fmt
        assert "allowed" in out, fmt
        shown[fmt] = out
    doc = json.loads(shown["json"])
    entry = doc["articles"][0]
    assert entry["overrides"] == ["allow_quotes=[a betrayal of every reader in this city]"]
    assert [v["severity"] for v in entry["violations"] if v["rule"] == "quote_not_in_source"] == ["allowed"]
    assert "::notice file=articles/excuse.md" in shown["github"]


def test_tightening_is_always_allowed(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    strict = "quote_not_in_source, uncredited, evasion, changed_fact, quote_misattributed, added_claim"
    front = f"source: ../wire/story.txt\nattrib:\n  fail: [{strict}]"
    article(repo, "strict.md", front)
    code, out, _ = check("articles/strict.md")
    assert code == 1 and "added_claim" in out and "fail=[quote_not_in_source, uncredited, evasion, changed_fact" in out


def test_repository_only_keys_cannot_come_from_an_article(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    article(repo, "sneaky.md", "source: ../wire/story.txt\nattrib: {article_overrides: [fail]}")
    code, out, _ = check("articles/sneaky.md")
    assert code == 2 and "can only be set in the repository's configuration" in out


# Item 11: repository strings never start a workflow command, break a line or a table.


def hostile_names(repo: Path) -> list[str]:
    names = ["::error title=pwned::owned.md", "new\nline.md", "esc\x1b[2K\x1b[1Gx.md", "pipe|`tick`.md"]
    for name in names:
        body = 'The council voted on Monday.\n\nRuiz said "we \x1b[2K\x1b[1Gwill close" it.\n'
        (repo / name).write_text(f"---\nsource: wire/story.txt\n---\n{body}", encoding="utf-8")
    return names


def test_no_format_lets_repository_text_act(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    names = hostile_names(repo)
    (repo / "::warning::missing.md").write_text("---\nsource: '::error::nowhere.txt'\n---\nText here.\n")
    for fmt in FORMATS:
        code, out, _ = check(*names, "::warning::missing.md", "--format", fmt)
        assert code == 2
        assert "\x1b" not in out, fmt
        for line in out.splitlines():
            if fmt == "github" and line.startswith("::"):
                command = line.split("::")[1]
                assert command.split()[0] in ("error", "warning", "notice"), line
                assert line.count("::") == 2, line
            else:
                assert not line.lstrip().startswith("::"), (fmt, line)
        if fmt == "junit":
            ET.fromstring(out)
        if fmt == "json":
            paths = [a["path"] for a in json.loads(out)["articles"]]
            assert "new\nline.md" in paths
        if fmt == "markdown":
            rows = [line for line in out.splitlines() if line.startswith("| ")]
            assert len(rows) == 2 + len(names) + 1  # header, rule, one row per article
            assert all(len(re.findall(r"(?<!\\)\|", row)) == 8 for row in rows), rows


def test_the_step_summary_is_escaped_too(repo: Path, check, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    names = hostile_names(repo)
    summary = repo.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check(*names, "--format", "github")
    text = summary.read_text(encoding="utf-8")
    assert "\x1b" not in text and not any(line.lstrip().startswith("::") for line in text.splitlines())


def test_terminal_output_of_compare_escapes_controls(tmp_path: Path, cli, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "s.txt"
    source.write_text(WIRE, encoding="utf-8")
    derivative = tmp_path / "d\x1b]0;x\x07.txt"
    derivative.write_text('Ruiz said "we will close it all \x1b[2K\x1b[1G" today.\n', encoding="utf-8")
    assert cli(["compare", str(source), str(derivative)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2K" in out


def test_symlink_loop_in_a_source_is_an_error(repo: Path, check) -> None:  # type: ignore[no-untyped-def]
    (repo / "wire" / "loop.txt").symlink_to(repo / "wire" / "loop.txt")
    article(repo, "loop.md", "source: ../wire/loop.txt")
    code, out, err = check("articles/loop.md")
    assert code == 2 and "Traceback" not in err and "loop.txt" in out
