"""attrib check on the fixture newsroom: every exit code, every format, annotations at the right lines."""

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from attribution.cli import main
from tests.conftest import FIXTURES


@pytest.fixture(params=["fake", pytest.param("model", marks=pytest.mark.model)])
def load(request, fake_model):  # type: ignore[no-untyped-def]
    """Each test runs twice: with the fake embedder (unit) and with the real model (integration)."""
    return (lambda *_, **__: fake_model) if request.param == "fake" else None


@pytest.fixture
def run(capsys, load):  # type: ignore[no-untyped-def]
    """``attrib check ARGV`` → (exit code, stdout, stderr)."""

    def check(*argv: str) -> tuple[int, str, str]:
        code = main(["check", *argv], load_embedder=load)
        out, err = capsys.readouterr()
        return code, out, err

    return check


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "newsroom", root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return root


def test_exit_0_when_nothing_fails(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("articles/2025/flood-credited.md")
    assert code == 0
    assert out.startswith("ok  articles/2025/flood-credited.md")
    assert "1 article checked: 0 failed" in out


def test_exit_1_on_policy_failures(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("articles/2025/budget-uncredited.md")
    assert code == 1
    assert "articles/2025/budget-uncredited.md:10:73: error [quote_not_in_source]" in out
    assert "error [uncredited]" in out
    assert "warning [added_claim]" in out and "warning [unsourced_attribution]" in out


def test_exit_2_when_a_source_is_missing_and_the_rest_go_on(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("articles/**/*.md")
    assert code == 2
    assert "ERROR  articles/2025/missing-source.md" in out
    assert "FAILED  articles/2025/budget-uncredited.md" in out
    assert "ok  articles/2025/flood-credited.md" in out
    assert "4 articles checked: 1 failed, 1 with warnings, 1 ok, 1 could not be read" in out


def test_exit_2_on_an_unknown_config_key(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    (newsroom / "attrib.toml").write_text('fail = ["uncredited"]\nfial_on = ["added_claim"]\n')
    code, _, err = run("articles/2025/flood-credited.md")
    assert code == 2
    assert "unknown attrib setting 'fial_on'" in err and err.count("\n") == 1


def test_exit_2_on_bad_usage(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    assert run("--format", "xml", "articles")[0] == 2
    assert run()[0] == 2
    assert run("nothing/*.md")[0] == 2


def test_github_annotations_point_at_file_and_line(newsroom, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    summary = newsroom / "step-summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run("articles/2025/budget-uncredited.md")
    assert code == 1
    lines = out.splitlines()
    assert (
        "::error file=articles/2025/budget-uncredited.md,line=10,col=73,title=attrib quote_not_in_source::"
        "quotation not found in the source: “a betrayal of every reader in this city”"
    ) in lines
    assert any(line.startswith("::warning file=articles/2025/budget-uncredited.md,line=14,") for line in lines)
    text = (newsroom / "articles/2025/budget-uncredited.md").read_text().splitlines()
    assert "a betrayal of every reader" in text[10 - 1]
    assert "| `articles/2025/budget-uncredited.md` | FAILED |" in summary.read_text()


def test_json_format(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("--format", "json", "articles/2025/budget-uncredited.md", "articles/2025/flood-credited.md")
    doc = json.loads(out)
    assert code == 1 and doc["summary"]["exit_code"] == 1
    statuses = {a["path"]: a["status"] for a in doc["articles"]}
    assert statuses == {"articles/2025/budget-uncredited.md": "fail", "articles/2025/flood-credited.md": "ok"}
    quote = next(v for a in doc["articles"] for v in a["violations"] if v["rule"] == "quote_not_in_source")
    assert quote["line"] == 10 and quote["severity"] == "error"


def test_markdown_format(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("--format", "markdown", "articles/2025/budget-uncredited.md")
    assert out.startswith("## ❌ attrib source check")
    assert "| `articles/2025/budget-uncredited.md` | FAILED |" in out
    assert "- `articles/2025/budget-uncredited.md:10` **error** `quote_not_in_source`" in out


def test_junit_format(newsroom, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / "junit.xml"
    code, _, _ = run("--format", "junit", "-o", str(out_file), "articles/2025")
    assert code == 2
    suite = ET.parse(out_file).getroot().find("testsuite")
    assert (
        suite is not None and suite.get("tests") == "4" and suite.get("failures") == "1" and suite.get("errors") == "1"
    )
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases["articles/2025/budget-uncredited.md"].find("failure") is not None
    assert cases["articles/2025/missing-source.md"].find("error") is not None


def test_front_matter_allows_a_first_hand_quotation(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    assert run("articles/2025/flood-firsthand.md")[0] == 0
    article = newsroom / "articles/2025/flood-firsthand.md"
    text = article.read_text()
    article.write_text(text.replace('    - "The whole street was under water by midnight"\n', "    - nothing\n"))
    code, out, _ = run("articles/2025/flood-firsthand.md")
    assert code == 1 and "quote_not_in_source" in out


def test_policy_from_pyproject_and_verbatim_threshold(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    (newsroom / "attrib.toml").unlink()
    (newsroom / "pyproject.toml").write_text('[tool.attrib]\nfail = ["verbatim_share"]\nmax_verbatim_share = 0.05\n')
    code, out, _ = run("articles/2025/flood-credited.md")
    assert code == 1 and "[verbatim_share]" in out and "limit 5%" in out


def test_manifest(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("--manifest", "pairs.csv")
    assert code == 1
    assert "ok  articles/2025/flood-credited.md" in out and "FAILED  articles/2025/budget-uncredited.md" in out


def test_changed_since_checks_only_what_changed(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=newsroom, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "start")
    git("add", "-A")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "articles")
    code, out, _ = run("--changed-since", "HEAD", "articles")
    assert code == 0 and "0 articles checked" in out
    article = newsroom / "articles/2025/flood-credited.md"
    article.write_text(article.read_text() + "\nThe valley's schools stay shut until Friday.\n")
    code, out, _ = run("--changed-since", "HEAD", "articles")
    assert code == 0 and "1 article checked" in out and "flood-credited.md" in out
    (newsroom / "wire/budget.txt").write_text((newsroom / "wire/budget.txt").read_text() + "\nMore later.\n")
    code, out, _ = run("--changed-since", "HEAD", "articles")
    assert code == 1 and "2 articles checked" in out  # a changed wire story rechecks its articles
    assert run("--changed-since", "no-such-ref", "articles")[0] == 2


def test_policy_decides_each_rules_severity(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    article = "articles/2025/budget-uncredited.md"
    default = json.loads(run("--format", "json", article)[1])["articles"][0]["violations"]
    assert {v["rule"]: v["severity"] for v in default}["uncredited"] == "error"
    assert {v["rule"]: v["severity"] for v in default}["added_claim"] == "warning"

    (newsroom / "attrib.toml").write_text('fail = ["added_claim"]\nwarn = ["uncredited"]\n')
    code, out, _ = run("--format", "json", article)
    severities = {v["rule"]: v["severity"] for v in json.loads(out)["articles"][0]["violations"]}
    assert code == 1
    assert severities["added_claim"] == "error" and severities["uncredited"] == "warning"
    assert "quote_not_in_source" not in severities  # in neither list: not reported

    (newsroom / "attrib.toml").write_text('fail = []\nwarn = ["uncredited"]\n')
    code, out, _ = run(article)
    assert code == 0 and "warning [uncredited]" in out and "error" not in out


def test_an_article_from_two_wire_stories_is_judged_per_source(newsroom, run) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(FIXTURES / "seed-source.txt", newsroom / "wire" / "korea.txt")
    budget = (newsroom / "articles/2025/budget-uncredited.md").read_text().split("---", 2)[2]
    korea = (FIXTURES / "seed-derivative.txt").read_text()  # credits Reuters
    article = newsroom / "articles/2025/both.md"
    article.write_text(f"---\nsource:\n  - wire/budget.txt\n  - ../../wire/korea.txt\n---\n{budget}\n{korea}")
    code, out, _ = run("--format", "json", "articles/2025/both.md")
    (result,) = json.loads(out)["articles"]
    uncredited = [v["message"] for v in result["violations"] if v["rule"] == "uncredited"]
    assert code == 1
    assert len(uncredited) == 1 and "budget.txt" in uncredited[0]  # Reuters is credited, the Wire Service is not
