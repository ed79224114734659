"""Credit given by a link: a URL or domain that names the source, or is the source's own."""

from __future__ import annotations

import pytest

from attribution.archive.find import source_document
from attribution.archive.store import Record
from attribution.checks.credit import find_credit
from attribution.core.read import read_bytes
from attribution.core.records import Role
from attribution.core.text import PreparedText
from attribution.embedding import Embedder
from attribution.pipeline import compare

STORY = (
    "Six people died in the flood in Ohio on Tuesday, officials said after a long search.\n\n"
    "Rescuers searched the area for many hours before they found anyone."
)


def credited(text: str, names: tuple[str, ...], urls: tuple[str, ...] = ()) -> str | None:
    credit = find_credit(PreparedText.of(text), names, urls)
    if credit.credited_as is not None:
        assert credit.start is not None and credit.end is not None
        assert "." in text[credit.start : credit.end]  # the span is the link as written
    return credit.credited_as


@pytest.mark.parametrize(
    ("tail", "names", "expected"),
    [
        (
            "\n\nContent: https://www.sciencedaily.com/releases/2019/08/190828140041.htm",
            ("ScienceDaily",),
            "ScienceDaily",
        ),
        ("\n\nSource: reuters.com", ("Reuters",), "Reuters"),
        ("\n\nRead the full story at apnews.com.", ("Associated Press", "AP News"), "AP News"),
        (" (via theguardian.com)", ("The Guardian",), "The Guardian"),
        ("\n\nRead more at: ap.org", ("The Associated Press",), "The Associated Press"),
        ("\n\nOriginally published at news.bbc.co.uk", ("BBC",), "BBC"),
        ("\n\nCredit: Bloomberg.com", ("Bloomberg News",), "Bloomberg News"),
        ("\n\nhttps://www.reuters.com/world/us/flood-2025-01-01/", ("Reuters",), "Reuters"),
        ("\n\nreuters.com", ("Reuters",), "Reuters"),
    ],
)
def test_a_credit_formula_with_a_link_to_the_sources_domain_credits_it(
    tail: str, names: tuple[str, ...], expected: str
) -> None:
    assert credited(STORY + tail, names) == expected


def test_a_bare_url_line_before_the_story_credits_it() -> None:
    assert credited("https://www.reuters.com/world/us/flood-2025-01-01/\n\n" + STORY, ("Reuters",)) == "Reuters"


def test_a_link_to_the_source_inside_a_sentence_about_something_else_is_a_link_to_the_source() -> None:
    text = "A page at https://www.reuters.com/graphics/flood/ mapped the river. " + STORY
    assert credited(text, ("Reuters",)) == "Reuters"


def test_a_link_to_the_sources_own_domain_credits_it_by_the_domain() -> None:
    text = STORY + "\n\nVia: https://news.Example-Wire.org/a/1"
    assert credited(text, (), ("https://www.example-wire.org/story/1",)) == "Example-Wire.org"
    assert credited(text, (), ("https://www.other-wire.org/story/1",)) is None


@pytest.mark.parametrize(
    "tail",
    [
        "\n\nSource: reutersinsider.example",  # a domain that contains the name
        "\n\nSource: https://www.reutersinsider.com/x",
        "\n\nSource: reuters.example.com",  # the name in a host under another domain
        "\n\nSource: https://www.github.io/reuters",  # a platform's own page: the platform's, whatever its path
        "\n\nSource: https://reuters.substack.com.example.org/x",  # a platform's name inside another domain
        "\n\nSource: https://www.cnn.com/2025/flood",  # another outlet
        "\n\nSource: apnews.com",  # a name's first letters followed by more are not the name
    ],
)
def test_no_credit_from_a_domain_that_is_not_the_sources_name(tail: str) -> None:
    assert credited(STORY + tail, ("Reuters", "AP")) is None


def test_a_bare_domain_in_a_sentence_about_something_else_is_no_credit() -> None:
    assert credited("Hackers took reuters.com offline on Monday. " + STORY, ("Reuters",)) is None
    assert (
        credited(STORY + "\n\nreuters.com\n\nMore rescuers arrived later that week, officials said.", ("Reuters",))
        is None
    )


def test_a_credit_formula_with_a_link_is_a_credit_line_not_another_headline() -> None:
    text = STORY + "\n\nBy: A. Writer\n\nContent: https://www.sciencedaily.com/releases/2019/08/190828140041.htm"
    roles = {s.text: s.role for s in PreparedText.of(text).sentences}
    assert roles["Content: https://www.sciencedaily.com/releases/2019/08/190828140041.htm"] == Role.CREDIT
    assert PreparedText.of(STORY + "\n\nSources: reuters.com and apnews.com").sentences[-1].role == Role.CREDIT
    assert PreparedText.of(STORY + "\n\nRead more at apnews.com.").sentences[-1].role == Role.CREDIT


PAGE = b"""<!doctype html><html><head>
<link rel="canonical" href="https://www.example-wire.org/story/1">
<meta property="og:url" content="https://example-wire.org/story/1"></head>
<body><article><h1>Flood in Ohio</h1><p>%s</p></article></body></html>"""


def test_an_html_sources_canonical_url_and_an_archive_storys_url_are_its_urls(fake_embedder: Embedder) -> None:
    page = read_bytes(PAGE % STORY.replace("\n\n", " ").encode(), path="story.html")
    assert page.urls == ("https://www.example-wire.org/story/1", "https://example-wire.org/story/1")
    stored = source_document(Record("1", STORY, None, None, "https://example-wire.org/story/1", None))
    assert stored.urls == ("https://example-wire.org/story/1",)
    report = compare(page, STORY + "\n\nSource: example-wire.org", embedder=fake_embedder)
    assert report.verdict.credits_source and report.verdict.credited_as == "example-wire.org"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://reuters.github.io/x", "Reuters"),  # the Public Suffix List's private part: the holder's site
        ("https://reuters.blogspot.com/2025/flood.html", "Reuters"),
        ("reuters.substack.com", "Reuters"),  # a newsletter platform the list lacks, read the same way
        ("https://www.reuters.substack.com/p/flood", "Reuters"),
    ],
)
def test_a_name_under_a_private_suffix_or_a_blog_platform_is_that_name(link: str, expected: str) -> None:
    assert credited(STORY + "\n\nSource: " + link, ("Reuters",)) == expected


def test_the_platform_itself_and_another_blog_on_it_are_not_the_source() -> None:
    for link in ("https://substack.com/inbox", "https://www.substack.com/x", "https://www.blogspot.com/x"):
        assert credited(STORY + "\n\nSource: " + link, ("Reuters",)) is None, link
    own = ("https://flood-notes.blogspot.com/2025/01/flood.html",)
    assert credited(STORY + "\n\nSource: https://other-notes.blogspot.com/x", (), own) is None
    assert credited(STORY + "\n\nSource: https://flood-notes.blogspot.com/x", (), own) == "flood-notes.blogspot.com"
    assert (
        credited(STORY + "\n\nSource: https://flood-notes.substack.com/p/x", (), ("https://x.substack.com/",)) is None
    )
