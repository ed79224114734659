"""The report in real headless Chromium (Debian's), driven by Playwright."""

import os
import shutil
from pathlib import Path

import pytest

from attribution import compare
from attribution.render.html import render_html
from tests.test_html import HOSTILE

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    required = os.environ.get("ATTRIB_REQUIRE_BROWSER") == "1"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            raise
        pytest.skip("playwright is not installed")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if required:
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip("no Chromium at /usr/bin/chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def open_report(browser, html: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    events: dict[str, list[str]] = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("request", lambda r: events["requests"].append(r.url))

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        events["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, events, path.as_uri()


@pytest.mark.model
def test_seed_report_in_chromium(browser, seed_report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, events, url = open_report(browser, render_html(seed_report), tmp_path)
    assert events["errors"] == []
    assert events["requests"] == [url]

    page.click("#d-1")
    linked = page.eval_on_selector_all(".linked", "els => els.map(e => e.id)")
    expected = [f"s-{j}" for j in seed_report.derivative_sentences[1].sources]
    assert sorted(linked) == sorted(expected) and linked
    assert "cosine" in page.inner_text("#inspector")

    page.click("#s-10")  # the quotation copied verbatim: the reverse link
    assert "d-2" in page.eval_on_selector_all(".linked", "els => els.map(e => e.id)")

    page.keyboard.press("Escape")
    page.focus("#d-3")
    page.keyboard.press("Enter")
    assert page.get_attribute("#d-3", "aria-pressed") == "true"

    page.keyboard.press("j")  # first finding: a quotation not in the source, in d1
    assert page.get_attribute("#d-1", "class").split().count("selected") == 1

    page.click(".filters button[data-kind=added_detail]")
    visible = page.eval_on_selector_all("ol.findings li:not([hidden])", "els => els.map(e => e.dataset.kind)")
    assert visible and set(visible) == {"added_detail"}

    ARTIFACTS.mkdir(exist_ok=True)
    page.click("#d-1")
    page.screenshot(path=str(ARTIFACTS / "seed-report.png"))
    assert (ARTIFACTS / "seed-report.png").stat().st_size > 10_000
    assert events["errors"] == []
    assert events["requests"] == [url]


def test_hostile_article_runs_nothing(browser, fake_embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, events, url = open_report(browser, render_html(compare(HOSTILE, HOSTILE, embedder=fake_embedder)), tmp_path)
    page.click("#d-0")
    page.click("text=clicked")
    assert page.evaluate("window.pwned === undefined")
    assert events["dialogs"] == []
    assert events["requests"] == [url]
    assert "<script>window.pwned = 1</script>" in page.inner_text("#derivative")
