"""The CLI through typer's runner and through main(argv), with the fake model."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attribution.cli import app, main
from tests.conftest import SEED_DERIVATIVE, SEED_SOURCE

runner = CliRunner()


def test_compare_prints_summary_and_writes_json(edge, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--json", str(out)], obj=edge)
    assert result.exit_code == 0, result.output
    assert "Derived from the source and credited to Reuters" in result.output
    assert "Findings" in result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["source"]["path"] == str(SEED_SOURCE)
    assert doc["tool"]["model"] == "fake-bag-of-words"


def test_json_to_stdout_is_only_json(edge) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--json", "-"], obj=edge)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema_version"] == 1


def test_derivative_from_stdin(edge) -> None:  # type: ignore[no-untyped-def]
    text = SEED_DERIVATIVE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["compare", str(SEED_SOURCE), "-", "--json", "-"], obj=edge, input=text)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["derivative"]["path"] is None
    assert len(doc["derivative"]["sentences"]) == 18


def test_help_names_which_argument_is_which() -> None:
    result = runner.invoke(app, ["compare", "--help"])
    assert result.exit_code == 0
    assert "SOURCE" in result.output and "DERIVATIVE" in result.output
    assert "first" in result.output


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", "missing.txt", str(SEED_DERIVATIVE)], "missing.txt: no such file"),
        (["compare", str(SEED_SOURCE.parent), str(SEED_DERIVATIVE)], "is a directory"),
        (["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--json", str(SEED_SOURCE)], "will not write over it"),
        (["compare", "--no-such-option"], "No such option"),
        (["compare", str(SEED_SOURCE)], "Missing argument"),
        (["compare", "-", "-"], "only one of SOURCE and DERIVATIVE"),
    ],
)
def test_bad_usage_exits_2_with_one_line(cli, argv, message, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_unloadable_model_is_a_one_line_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--model", "./no/such/model"]) == 2
    err = capsys.readouterr().err
    assert "no embedding model at ./no/such/model" in err and "pass --model" in err


def test_eval_scores_gold_files(edge, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", "fixtures/seed-pair.gold.json", "--json", str(out)], obj=edge)
    assert result.exit_code == 0, result.output
    assert "quote status" in result.output
    scores = json.loads(out.read_text())
    assert scores["pairs"] == 1 and scores["quotes"]["total"] == 8


def test_help_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom attribution.cli import main\nmain(['--help'])\nmain(['compare', '--help'])\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'numpy', 'transformers') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
