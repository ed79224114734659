"""The templates ship inside the wheel: an installed attrib renders the report without the source tree."""

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RENDER = """
import numpy as np, attribution, sys
from attribution import compare
from attribution.render.html import render_html
class Fake:
    name = "fake"
    def encode(self, texts):
        return np.eye(len(texts), 8, dtype=np.float32)
assert "site-packages" in attribution.__file__ and sys.argv[1] not in attribution.__file__, attribution.__file__
page = render_html(compare("One fact here. Two facts.", "One fact here.", embedder=Fake()))
assert "Content-Security-Policy" in page and 'id="d-0"' in page
print("rendered", len(page))
"""


def test_wheel_carries_templates_and_renders(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )
    (wheel,) = dist.glob("attrib-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("report.html.j2", "report.css", "report.js"):
        assert f"attribution/templates/{template}" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    deps = sysconfig.get_paths()["purelib"]  # numpy, jinja2, rapidfuzz... from the test environment
    result = subprocess.run(
        [python, "-c", RENDER, str(ROOT)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": deps, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("rendered")
