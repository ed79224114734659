"""Time against input size on adversarial repetitions: linear tokenisation, proven by doubling.

For each input (the ones issue 11 found quadratic), the stage runs at sizes n, 2n, 4n, 8n
and the script prints the seconds and the ratio of each time to the one before. Linear
work doubles (ratio about 2); quadratic work quadruples. Before the fix, 40,000 dots took
30 s in the segmenter, "![" * 60000 90 s in the Markdown masking and "<!--" * 30000 28 s.

    python benchmarks/adversarial.py            # about half a minute on two cores
    python benchmarks/adversarial.py --json out.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from attribution.checks.quotes import check_quotes
from attribution.core.segment import segment
from attribution.core.text import PreparedText
from attribution.newsroom.articles import mask_markdown


def quotes_of(text: str) -> object:
    prepared = PreparedText.of(text)
    return check_quotes(prepared, prepared)


def common_quotes(n: int) -> str:
    words = ["the", "of", "and", "said", "in", "to", "a", "was", "for", "on"]
    return " ".join(f'"{words[i % 10]} {words[(i * 7) % 10]}"' for i in range(n // 12))


CASES: list[tuple[str, Callable[[str], object], Callable[[int], str]]] = [
    ("segment: dots", segment, lambda n: "." * n),
    ("segment: '?!'", segment, lambda n: "?!" * (n // 2)),
    ("segment: 'x. '", segment, lambda n: "x. " * (n // 3)),
    ("markdown: '!['", mask_markdown, lambda n: "![" * (n // 2)),
    ("markdown: '<!--'", mask_markdown, lambda n: "<!--" * (n // 4)),
    ("markdown: ']('", mask_markdown, lambda n: "](" * (n // 2)),
    ("markdown: '<a'", mask_markdown, lambda n: "<a" * (n // 2)),
    ("quotes: common-word quotations", quotes_of, common_quotes),
]
SIZES = (50_000, 100_000, 200_000, 400_000)


def measure(run: Callable[[str], object], text: str, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    results = []
    print(f"{'input':<34}" + "".join(f"{n:>12,}" for n in SIZES) + "   ratios (each size / the one before)")
    for name, run, build in CASES:
        seconds = [measure(run, build(n)) for n in SIZES]
        ratios = [b / a if a > 0 else float("nan") for a, b in itertools.pairwise(seconds)]
        print(f"{name:<34}" + "".join(f"{s:>11.3f}s" for s in seconds) + "   " + " ".join(f"{r:.1f}" for r in ratios))
        results.append({"input": name, "sizes": list(SIZES), "seconds": seconds, "ratios": ratios})
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
