"""The GitHub Action: action.yml's scripts run in bash in a temporary repository, as a runner would run them.

Only the install step is skipped: `attrib` on PATH is this checkout with the fake embedder.
The `uses:` steps (setup-python, cache) are GitHub's own and are not run here.
"""

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
STUB = f"""#!{sys.executable}
import sys
sys.path.insert(0, {str(ROOT)!r})
from attribution.cli import main
from tests.conftest import FakeEmbedder
sys.exit(main(sys.argv[1:], load_embedder=lambda *a, **k: FakeEmbedder()))
"""


def test_no_input_is_pasted_into_a_script() -> None:
    scripts = [step["run"] for step in STEPS if "run" in step]
    assert len(scripts) >= 2
    for script in scripts:
        assert "${{" not in script, script  # inputs, and every other expression, arrive through env:


def test_inputs_and_outputs_are_documented_and_used() -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    for name, spec in ACTION["inputs"].items():
        assert spec["description"].strip() and "default" in spec, name
        assert f"inputs.{name} }}}}" in text, f"input {name} is never used"
    for name, spec in ACTION["outputs"].items():
        assert spec["description"].strip() and spec["value"].startswith("${{ steps.check.outputs."), name
    install = next(step for step in STEPS if step.get("name") == "Install attrib")
    assert '-c "$GITHUB_ACTION_PATH/constraints.txt"' in install["run"]  # the pinned set
    cached = [step["with"]["path"] for step in STEPS if step.get("uses", "").startswith("actions/cache@")]
    assert any("pip-dir" in p for p in cached) and any(p.endswith("/models") for p in cached)
    assert any("embeddings" in p for p in cached)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "newsroom", root)
    (root / "articles" / "2025" / "missing-source.md").unlink()
    (root / "README.md").write_text("# The newsroom\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "articles"], check=True)
    return root


def _evaluate(value: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        step, _, name = expression.removeprefix("steps.").partition(".outputs.")
        return outputs.get(step, {}).get(name, "")  # as GitHub: an unset output is empty

    return EXPRESSION.sub(one, value)


def run_action(repository: Path, tmp_path: Path, **given: str) -> dict[str, object]:
    """Run every `run:` step but the install, with GitHub's variables; returns outputs, summary and logs."""
    inputs = {name: spec["default"] for name, spec in ACTION["inputs"].items()} | given
    stub = tmp_path / "bin"
    stub.mkdir(exist_ok=True)
    (stub / "attrib").write_text(STUB, encoding="utf-8")
    (stub / "attrib").chmod(stat.S_IRWXU)
    (tmp_path / "runner").mkdir(exist_ok=True)
    summary = tmp_path / "summary.md"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "ATTRIB_"))}
    base |= {
        "PATH": f"{stub}:{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": str(tmp_path / "home"),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(repository),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "RUNNER_OS": "Linux",
    }
    outputs: dict[str, dict[str, str]] = {}
    logs: dict[str, subprocess.CompletedProcess[str]] = {}
    for number, step in enumerate(STEPS):
        if "run" not in step or step.get("name") == "Install attrib":
            continue
        output_file = tmp_path / f"output-{number}"
        output_file.touch()
        env = base | {"GITHUB_OUTPUT": str(output_file)}
        env |= {k: _evaluate(str(v), inputs, outputs) for k, v in step.get("env", {}).items()}
        assert step["shell"] == "bash"
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=repository,
            env=env,
            capture_output=True,
            text=True,
        )
        pairs = [line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line]
        outputs[step.get("id", str(number))] = dict(pairs)
        logs[step.get("name", str(number))] = done
    return {
        "outputs": {name: _evaluate(spec["value"], inputs, outputs) for name, spec in ACTION["outputs"].items()},
        "summary": summary.read_text(encoding="utf-8") if summary.exists() else "",
        "logs": logs,
    }


def test_the_check_step_annotates_and_summarises(repository: Path, tmp_path: Path) -> None:
    run = run_action(repository, tmp_path)
    check = run["logs"]["attrib check"]  # type: ignore[index]
    assert check.returncode == 1, check.stderr  # the fixture's uncredited article fails the policy
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::")]
    assert any(
        line.startswith("::error file=articles/2025/budget-uncredited.md,line=") and "title=attrib uncredited" in line
        for line in annotations
    ), check.stdout
    assert all(re.match(r"::(error|warning|notice) file=articles/2025/[a-z-]+\.md", line) for line in annotations)
    failed = {line.split(",")[0] for line in annotations if line.startswith("::error")}
    warned = {
        line.split(",")[0].replace("::warning", "::error") for line in annotations if line.startswith("::warning")
    }
    summary = run["summary"]
    assert "## ❌ attrib source check" in summary and "`articles/2025/budget-uncredited.md` | FAILED" in summary
    assert "README" not in check.stdout  # skip-unsourced by default: README.md names no source
    assert run["outputs"] == {
        "exit-code": "1",
        "checked": "3",
        "failed": "1",
        "warnings": str(len(warned - failed)),
        "errors": "0",
        "summary": check.stdout.splitlines()[-1],
    }


def test_changed_since_checks_only_what_changed(repository: Path, tmp_path: Path) -> None:
    flood = repository / "wire" / "flood.txt"
    flood.write_text(flood.read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
    run = run_action(repository, tmp_path, **{"changed-since": "HEAD", "articles": "articles"})
    check = run["logs"]["attrib check"]  # type: ignore[index]
    assert "budget-uncredited" not in check.stdout
    assert run["outputs"]["checked"] == "2"  # type: ignore[index]
    assert check.returncode == 0, check.stdout + check.stderr


def test_inputs_are_data_not_code(repository: Path, tmp_path: Path) -> None:
    hostile = {
        "articles": '$(touch pwned-1) `touch pwned-2` "; touch pwned-3',
        "args": "; touch pwned-4 && echo",
        "changed-since": "$(touch pwned-5)",
    }
    run = run_action(repository, tmp_path, **hostile)
    check = run["logs"]["attrib check"]  # type: ignore[index]
    assert check.returncode == 2  # attrib refuses the odd arguments: one-line errors
    assert not list(repository.glob("pwned-*")) and not list(tmp_path.glob("pwned-*"))


def test_patterns_reach_attrib_unexpanded(repository: Path, tmp_path: Path) -> None:
    run = run_action(repository, tmp_path, articles="articles/**/flood-*.md\n  articles/2025/budget-*.md")
    check = run["logs"]["attrib check"]  # type: ignore[index]
    assert run["outputs"]["checked"] == "3", check.stdout + check.stderr  # type: ignore[index]
