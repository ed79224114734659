"""The README is the front door: what it promises must exist, and what exists must be in it."""

import re
from pathlib import Path

from typer.testing import CliRunner

from attribution.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def test_quick_start_is_exactly_make_demo_and_make_test() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None
    assert block.group(1).split("\n")[:-1] == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci


def test_every_compare_option_is_documented() -> None:
    help_text = runner.invoke(app, ["compare", "--help"]).output
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options, help_text
    for option in options:
        assert f"`{option}" in README, option


def test_every_finding_kind_and_label_is_documented() -> None:
    from attribution.core.records import DerivativeLabel, FindingKind, QuoteStatus, Role, SourceLabel

    for enum in (DerivativeLabel, SourceLabel, QuoteStatus, FindingKind, Role):
        for member in enum:
            assert f"`{member.value}`" in README, member
