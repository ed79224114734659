"""The HTML report as text: self-contained, escaped, the test contract in place. Fake embedder."""

import re
from datetime import UTC, datetime

from attribution import compare
from attribution.render.html import render_html

HOSTILE = (
    'The council met. <script>window.pwned = 1</script> It voted "<img src=x onerror=alert(1)>" '
    'and <a href="javascript:alert(2)">clicked</a>. </script><!-- and "&amp;" closes nothing'
)


def test_contract_ids_labels_and_csp(fake_embedder, seed_texts) -> None:  # type: ignore[no-untyped-def]
    report = compare(*seed_texts, embedder=fake_embedder)
    page = render_html(report, generated=datetime(2026, 1, 1, tzinfo=UTC))
    for d in report.derivative_sentences:
        assert f'id="d-{d.index}" data-label="{d.label}"' in page
    for s in report.source_sentences:
        assert f'id="s-{s.index}" data-label="{s.label}"' in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "unsafe-inline" not in csp.group(1)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "2026-01-01 00:00 UTC" in page


def test_article_text_is_escaped(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    page = render_html(compare(HOSTILE, HOSTILE, embedder=fake_embedder))
    body = page.split("<body>", 1)[1]
    assert "<script>window.pwned" not in body
    assert "<img src=x" not in body
    assert '<a href="javascript:' not in body
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in body
    assert body.count("<script") == 2  # the data block and the page's own script


def test_each_sentence_text_appears_once(fake_embedder, seed_texts) -> None:  # type: ignore[no-untyped-def]
    report = compare(*seed_texts, embedder=fake_embedder)
    page = render_html(report)
    unique = "The warning came a day after"  # a sentence no finding quotes (findings quote their sentence's start)
    assert page.count(unique) == 1


def test_large_pair_renders_small(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "\n".join(f"Sentence number {i} tells of the harbour, the mayor and item {i * 7}." for i in range(300))
    derivative = "\n".join(f"Line {i} speaks of the harbour and the mayor, item {i * 7}." for i in range(300))
    report = compare(source, derivative, embedder=fake_embedder)
    page = render_html(report)
    text_size = len(source) + len(derivative)
    assert len(page) < 40_000 + 12 * text_size


def test_columns_follow_the_command_line_and_say_which_is_which(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from attribution.core.read import read_path
    from tests.conftest import SEED_DERIVATIVE, SEED_SOURCE

    page = render_html(compare(read_path(SEED_SOURCE), read_path(SEED_DERIVATIVE), embedder=fake_embedder))
    body = page.split("<main>", 1)[1]
    assert body.index('id="source"') < body.index('id="derivative"')  # source left, as attrib compare SOURCE DERIV
    assert '<h2>Source <span class="file">(SOURCE: seed-source.txt)</span></h2>' in body
    assert '<h2>Derivative <span class="file">(DERIVATIVE: seed-derivative.txt)</span></h2>' in body
    meta = page.split('<p class="meta">', 1)[1]
    assert meta.index("Source: <b>seed-source.txt</b>") < meta.index("Derivative: <b>seed-derivative.txt</b>")


def test_a_finding_never_doubles_the_quotation_mark(fake_embedder, seed_texts) -> None:  # type: ignore[no-untyped-def]
    report = compare(*seed_texts, embedder=fake_embedder)
    messages = [f.message for f in report.findings]
    opening = [m for m in messages if "I’m always open" in m]
    assert opening, messages
    for message in messages:
        assert "““" not in message and '“"' not in message, message
    assert "““" not in render_html(report)


def test_a_key_explains_every_marking(fake_embedder, seed_texts) -> None:  # type: ignore[no-untyped-def]
    page = render_html(compare(*seed_texts, embedder=fake_embedder))
    key = page.split('<details class="marks-key">', 1)[1].split("</details>", 1)[0]
    for mark in ("run", "psg", "det", "fact", "unnamed", "q-not_in_source", "q-altered", "trick", "tag"):
        assert f'class="{mark}"' in key
    assert "<b>bold</b>" in key


def test_only_runs_that_matter_are_highlighted(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "He repeated his willingness to talk. Officials confirmed the hypersonic glide vehicle test on Monday."
    derivative = "She stressed her willingness to talk. The hypersonic glide vehicle test was confirmed."
    report = compare(source, derivative, embedder=fake_embedder)
    main = render_html(report).split("<main", 1)[1]
    highlighted = re.findall(r'<span class="[^"]*\brun\b[^"]*">([^<]*)</span>', main)
    assert any("hypersonic" in h for h in highlighted)
    assert not any("willingness" in h for h in highlighted)
