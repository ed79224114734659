"""attrib's speed, measured whole-process against a naive baseline and copydetect, in one run.

    make bench            (or: python benchmarks/run.py [--repeat 3] [--data ../shared/data])

Measures wall time and peak memory (each child's own max RSS, from wait4) of:
attrib compare on the seed pair cold (fresh cache) and warm, attrib --help, a batch
of 200 pairs, one long pair (400 sentences each); the same jobs by the naive
baseline (benchmarks/naive.py); and copydetect on the seed pair. Prints a table and
the ratios, and writes bench-results/bench.json. Timings are medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = (ROOT / "fixtures" / "seed-source.txt", ROOT / "fixtures" / "seed-derivative.txt")


def measure(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, cwd=cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(
            f"benchmark command failed: {' '.join(argv)}\n{process.stderr.read().decode() if process.stderr else ''}"
        )
    return wall, usage.ru_maxrss / 1024


def median_of(repeat: int, job) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    runs = [job() for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def make_inputs(work: Path, data: Path | None) -> tuple[Path, Path, Path]:
    """A 200-pair manifest and a long pair (400 sentences each), from real text where available."""
    pairs_dir = work / "pairs"
    pairs_dir.mkdir()
    rows = []
    texts: list[tuple[str, str]] = []
    if data and (data / "short-answer" / "labels.csv").exists():
        sys.path.insert(0, str(ROOT))
        from attribution.accuracy.corpora import read_mrpc, read_short_answer, read_xsumfaith

        texts += [(i.source, i.derivative) for i in read_short_answer(data)]
        texts += [(i.source, i.derivative) for i in list(read_xsumfaith(data))[:105:1]][:105]
        long_source = " ".join(i.source for i in list(read_mrpc(data))[:400])
        long_derivative = " ".join(i.derivative for i in list(read_mrpc(data))[200:600])
    else:  # no corpora: variations of the fixtures
        source, derivative = (p.read_text(encoding="utf-8") for p in SEED)
        rng = random.Random(7)
        for _ in range(200):
            lines = derivative.splitlines()
            rng.shuffle(lines)
            texts.append((source, "\n".join(lines[: rng.randint(5, len(lines))])))
        long_source = " ".join([source] * 12)
        long_derivative = " ".join([derivative] * 22)
    for n, (source, derivative) in enumerate(texts[:200]):
        (pairs_dir / f"{n}-s.txt").write_text(source, encoding="utf-8")
        (pairs_dir / f"{n}-d.txt").write_text(derivative, encoding="utf-8")
        rows.append(f"{n}-s.txt,{n}-d.txt")
    manifest = pairs_dir / "pairs.csv"
    manifest.write_text("source,derivative\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (work / "long-s.txt").write_text(long_source, encoding="utf-8")
    (work / "long-d.txt").write_text(long_derivative, encoding="utf-8")
    return manifest, work / "long-s.txt", work / "long-d.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "bench.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="attrib-bench-"))
    manifest, long_source, long_derivative = make_inputs(work, args.data if args.data.exists() else None)
    attrib = [str(BIN / "attrib")]
    naive = [sys.executable, str(ROOT / "benchmarks" / "naive.py")]
    seed = [str(p) for p in SEED]
    results: dict[str, dict[str, float]] = {}

    def fresh_cache() -> dict[str, str]:
        directory = tempfile.mkdtemp(dir=work, prefix="cache-")
        return {"ATTRIB_CACHE_DIR": directory}

    def record(name: str, wall: float, rss: float) -> None:
        results[name] = {"seconds": round(wall, 3), "peak_mb": round(rss, 1)}
        print(f"  {name:34} {wall:8.3f} s {rss:9.1f} MB", flush=True)

    print(f"attrib benchmarks on {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})")
    record(
        "attrib compare seed, cold",
        *median_of(
            args.repeat,
            lambda: measure([*attrib, "compare", *seed, "-q", "--json", str(work / "r.json")], fresh_cache()),
        ),
    )
    warm = fresh_cache()
    measure([*attrib, "compare", *seed, "-q"], warm)
    record(
        "attrib compare seed, warm",
        *median_of(
            args.repeat, lambda: measure([*attrib, "compare", *seed, "-q", "--json", str(work / "r.json")], warm)
        ),
    )
    record("attrib --help", *median_of(args.repeat, lambda: measure([*attrib, "--help"])))
    record("naive compare seed", *median_of(args.repeat, lambda: measure([*naive, "pair", *seed])))
    copydetect = shutil.which("copydetect", path=str(BIN)) or shutil.which("copydetect")
    if copydetect:
        test_dir, ref_dir = work / "cd-test", work / "cd-ref"
        test_dir.mkdir()
        ref_dir.mkdir()
        shutil.copy(SEED[1], test_dir / "derivative.txt")
        shutil.copy(SEED[0], ref_dir / "source.txt")
        record(
            "copydetect seed",
            *median_of(
                args.repeat,
                lambda: measure(
                    [copydetect, "-t", str(test_dir), "-r", str(ref_dir), "-a", "-f", "-O", str(work / "cd.html")]
                ),
            ),
        )
    batch_repeat = max(1, args.repeat - 2)
    record(
        "attrib batch 200 pairs, cold",
        *median_of(
            batch_repeat,
            lambda: measure([*attrib, "batch", str(manifest), "--out", tempfile.mkdtemp(dir=work)], fresh_cache()),
        ),
    )
    record("naive batch 200 pairs", *median_of(batch_repeat, lambda: measure([*naive, "batch", str(manifest)])))
    record(
        "attrib compare long pair, cold",
        *median_of(
            batch_repeat,
            lambda: measure(
                [*attrib, "compare", str(long_source), str(long_derivative), "-q", "--max-chars", "2000000"],
                fresh_cache(),
            ),
        ),
    )
    record(
        "naive compare long pair",
        *median_of(batch_repeat, lambda: measure([*naive, "pair", str(long_source), str(long_derivative)])),
    )

    def ratio(a: str, b: str) -> float:
        return round(results[a]["seconds"] / results[b]["seconds"], 3)

    ratios = {
        "cold / naive (target <= 0.167)": ratio("attrib compare seed, cold", "naive compare seed"),
        "warm / naive (target <= 0.067)": ratio("attrib compare seed, warm", "naive compare seed"),
        "batch speed-up over naive (target >= 5)": round(
            results["naive batch 200 pairs"]["seconds"] / results["attrib batch 200 pairs, cold"]["seconds"], 2
        ),
        "long pair / naive": ratio("attrib compare long pair, cold", "naive compare long pair"),
        "peak memory compare / naive (target <= 0.6)": round(
            results["attrib compare seed, cold"]["peak_mb"] / results["naive compare seed"]["peak_mb"], 3
        ),
        "attrib --help seconds (target < 0.3)": results["attrib --help"]["seconds"],
    }
    if "copydetect seed" in results:
        ratios["cold / copydetect (target <= 1)"] = ratio("attrib compare seed, cold", "copydetect seed")
    print("ratios (same run):")
    for key, value in ratios.items():
        print(f"  {key:48} {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "machine": {
                    "node": platform.node(),
                    "cores": os.cpu_count(),
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                },
                "pairs_per_second": {
                    "attrib": round(200 / results["attrib batch 200 pairs, cold"]["seconds"], 2),
                    "naive": round(200 / results["naive batch 200 pairs"]["seconds"], 2),
                },
                "results": results,
                "ratios": ratios,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.out}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
