"""Installed size, wheel count and install time of each way to install attrib (the README's "Install" table).

Every variant is installed for real into a fresh virtualenv from this checkout, cold
(``--no-cache-dir``), with ``-c constraints.txt`` (the versions the tests ran with).
"PyPI" variants run pip with no configuration at all (``PIP_CONFIG_FILE=/dev/null`` and no
other PIP_* variable; ``--isolated`` would still read the machine's global pip.conf), so they
resolve against PyPI alone, as on a CI runner or a newsroom laptop. The "CPU torch"
variants keep this machine's pip configuration, whose local CPU build of torch stands
in for the PyTorch CPU index. "before" is a dry run (``--report``) of the previous
release's unpinned ``pip install .``. The light variant then runs ``attrib compare`` on
the seed pair with an empty cache, which fetches the default model once (no torch), and
checks that torch was never installed.

    python benchmarks/install_size.py [--only light] [--keep]

Writes bench-results/install-size.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
BEFORE = "76d5930"  # the last commit whose pyproject installed sentence-transformers (and torch) by default
VARIANTS = {
    "light": ("pip install attrib (PyPI)", "", True),
    "torch-pypi": ("pip install 'attrib[torch]' (PyPI: CUDA torch)", "[torch]", True),
    "torch-cpu": ("pip install 'attrib[torch]' (CPU torch)", "[torch]", False),
    "dev-cpu": ("make install: 'attrib[dev]' (CPU torch)", "[dev]", False),
}
HEAVY = ("torch", "triton", "sentence-transformers", "transformers")


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _pip_env(isolated: bool) -> dict[str, str]:
    """This machine's environment; for a PyPI variant, with pip's configuration files and variables removed."""
    if not isolated:
        return dict(os.environ)
    return {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}


def _site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def install(name: str, work: Path) -> dict[str, object]:
    title, extra, isolated = VARIANTS[name]
    venv = work / name
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = _site_packages(venv)
    empty = _size(site)
    report = work / f"{name}.json"
    command = [str(python), "-m", "pip", "install", "--quiet", "--no-cache-dir", "--report", str(report)]
    command += ["-c", str(CONSTRAINTS), f"{ROOT}{extra}"]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=work, env=_pip_env(isolated))
    seconds = time.perf_counter() - started
    items = json.loads(report.read_text())["install"]
    names = sorted(i["metadata"]["name"].lower() for i in items)
    result: dict[str, object] = {
        "variant": title,
        "wheels": len(items) - 1,  # attrib itself is built from the checkout, not a wheel from the index
        "installed_mb": round((_size(site) - empty) / 1e6, 1),
        "install_s": round(seconds, 1),
        "nvidia_wheels": sum(n.startswith("nvidia") for n in names),
        "heavy": [n for n in names if n in HEAVY],
    }
    if name == "light":
        result.update(run_light(venv, work))
    return result


def run_light(venv: Path, work: Path) -> dict[str, object]:
    """The light install end to end: the seed pair with an empty cache (fetches the model once), then warm."""
    cache = work / "light-cache"
    env = _pip_env(True) | {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "ATTRIB_CACHE_DIR": str(cache), "HOME": str(work)}
    pair = [str(ROOT / "fixtures" / "seed-source.txt"), str(ROOT / "fixtures" / "seed-derivative.txt")]
    timings = {}
    for run in ("first_run_s", "second_run_s"):
        started = time.perf_counter()
        done = subprocess.run([venv / "bin" / "attrib", "compare", *pair, "-q", "--no-cache"], env=env, text=True)
        timings[run] = round(time.perf_counter() - started, 2)
        if done.returncode != 0:
            raise SystemExit(f"attrib compare failed in the light install ({done.returncode})")
    probe = "import importlib.util as u; print([m for m in ('torch', 'sentence_transformers') if u.find_spec(m)])"
    found = subprocess.run([venv / "bin" / "python", "-c", probe], env=env, capture_output=True, text=True).stdout
    model = cache / "models"
    return {**timings, "torch_importable": found.strip(), "model_cache_mb": round(_size(model) / 1e6, 1)}


def before(work: Path) -> dict[str, object]:
    """The previous release's `pip install .` (no constraints, PyPI), resolved but not installed."""
    source = work / "before-src"
    source.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", BEFORE], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    report = work / "before.json"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed"]
    subprocess.run([*command, "--report", str(report), str(source)], check=True, cwd=work, env=_pip_env(True))
    items = json.loads(report.read_text())["install"]
    names = sorted(f"{i['metadata']['name'].lower()}=={i['metadata']['version']}" for i in items)
    return {
        "variant": "before: pip install . (unpinned, PyPI)",
        "wheels": len(items) - 1,
        "nvidia_wheels": sum(n.startswith("nvidia") for n in names),
        "heavy": [n for n in names if n.split("==")[0] in HEAVY],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=[*VARIANTS, "before"], action="append")
    parser.add_argument("--keep", action="store_true", help="keep the virtualenvs (printed path)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="attrib-install-size-"))
    results = []
    try:
        for name in args.only or [*VARIANTS, "before"]:
            print(f"installing {name} ...", file=sys.stderr, flush=True)
            results.append(before(work) if name == "before" else install(name, work))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench-results" / "install-size.json"
    out.parent.mkdir(exist_ok=True)
    meta = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    out.write_text(json.dumps({"machine": meta, "results": results}, indent=2) + "\n")
    print("| install | wheels | installed | time (cold, no pip cache) |\n| --- | ---: | ---: | ---: |")
    for r in results:
        size = f"{r['installed_mb']:,} MB" if "installed_mb" in r else "(dry run)"
        when = f"{r['install_s']} s" if "install_s" in r else ""
        print(f"| {r['variant']} | {r['wheels']} ({r['nvidia_wheels']} NVIDIA) | {size} | {when} |")


if __name__ == "__main__":
    main()
