"""The HTML report at size: a pair of 300 sentences each.

    python benchmarks/html_report.py

Times render_html (median of 5), reports the file size against the two texts, and,
where Debian's Chromium is installed, the time to load the page and to mark a
sentence's sources after a click.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from attribution import compare
from attribution.render.html import render_html

WORDS = ["council", "harbour", "mayor", "budget", "river", "bridge", "school", "market", "police", "vote"]
WORDS += ["storm", "repair", "ferry", "museum", "teacher", "hospital", "station", "airport", "factory", "court"]


def make_pair(n: int = 300) -> tuple[str, str]:
    rng = random.Random(3)
    source = [
        f"The {rng.choice(WORDS)} and the {rng.choice(WORDS)} met on day {i}, officials said of the "
        f"{rng.choice(WORDS)} plan number {i * 7}."
        for i in range(n)
    ]
    derivative = []
    for i in range(n):
        if i % 3 == 0:
            derivative.append(source[i])
        elif i % 3 == 1:
            derivative.append(f"Officials said the plan number {i * 7} was discussed on day {i}.")
        else:
            derivative.append(f"Critics say the {rng.choice(WORDS)} will suffer for years, item {i}.")
    return "\n".join(source), "\n".join(derivative)


def main() -> None:
    source, derivative = make_pair()
    report = compare(source, derivative)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        page = render_html(report)
        times.append(time.perf_counter() - start)
    size = len(page.encode())
    text = len(source.encode()) + len(derivative.encode())
    print(f"render_html, 300 + 300 sentences: {statistics.median(times) * 1000:.0f} ms (median of 5)")
    print(f"file size: {size / 1024:.0f} KiB for {text / 1024:.0f} KiB of article text ({size / text:.1f}x)")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return
    from playwright.sync_api import sync_playwright

    path = Path(tempfile.mkdtemp()) / "report.html"
    path.write_text(page, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        start = time.perf_counter()
        tab.goto(path.as_uri())
        tab.wait_for_load_state("load")
        loaded = time.perf_counter() - start
        # Time the page's own work for a click (Playwright's round trips excluded).
        clicks = [
            tab.evaluate(
                """(id) => { const t = performance.now(); document.getElementById(id).click();
                             return performance.now() - t; }""",
                f"d-{i}",
            )
            for i in (0, 150, 299)
        ]
        linked = tab.eval_on_selector_all(".linked", "els => els.length")
        browser.close()
    print(
        f"Chromium: page loaded in {loaded * 1000:.0f} ms; a click marks its sources in "
        f"{max(clicks):.0f} ms (worst of 3; {linked} linked after the last)"
    )


if __name__ == "__main__":
    main()
