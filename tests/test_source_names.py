"""Who the source is (checks/source_names.py) and whether the derivative credits it (checks/credit.py)."""

from pathlib import Path

import pytest

from attribution import compare
from attribution.checks.credit import find_credit, name_pattern
from attribution.checks.source_names import source_names
from attribution.core.read import read_path
from attribution.core.records import FindingKind, Severity
from attribution.core.text import PreparedText

RELEASE = (
    "Acme Widgets to open a plant in Millbrook\n"
    "MILLBROOK— Acme Widgets Inc. today announced that it will open a plant in Millbrook, creating 200 jobs.\n"
    "The plant will make widgets for cars and boats, the company said.\n"
)
GOVERNOR = "RICHMOND— Governor Ralph Northam today announced that Press Glass will invest $43 million in a plant.\n"


def names_of(text: str, given: tuple[str, ...] = ()) -> tuple[str, ...]:
    return source_names(PreparedText.of(text), given)


def test_the_organisation_a_release_speaks_for() -> None:
    assert "Acme Widgets Inc" in names_of(RELEASE)
    assert "Governor Ralph Northam" in names_of(GOVERNOR)


def test_a_subject_announcing_later_in_a_news_story_is_not_the_source() -> None:
    story = "Press Glass will add 335 jobs at its plant, Gov. Glenn Youngkin announced Wednesday.\nIt is big news.\n"
    assert names_of(story) == ()


def test_an_agency_story_is_the_agency_s_not_its_subject_s() -> None:
    story = "WASHINGTON (Reuters) — Tesla Inc announced a recall of 30,000 cars on Friday.\n"
    assert names_of(story) == ("Reuters",)


def test_bylines_outlets_naming_themselves_and_publication_notes() -> None:
    assert "Associated Press" in names_of("Glass plant opens\nBy The Associated Press July 31, 2018 12:30 am\n")
    assert "Bloomberg News" in names_of("The plant could make parts, Bloomberg News reported in March.\n")
    assert "Reuters" in names_of("The plan is on track, one source told Reuters.\n")
    assert "Guardian" in names_of("Bees are dying.\nThis story was originally published by the Guardian.\n")


def test_a_body_someone_told_is_not_the_outlet() -> None:
    story = "The general told Congress on Tuesday that troops would stay. The Senate Armed Services panel reported.\n"
    assert names_of(story) == ()
    assert names_of("The general told the BBC on Tuesday that troops would stay.\n") == ("BBC",)


def test_names_the_user_gives_come_first() -> None:
    assert names_of("Bees are dying in their millions this year.\n", ("The Guardian",)) == ("The Guardian",)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("The Guardian", "I read an interesting article from The Guardian about bees.", "The Guardian"),
        ("The Guardian", "I read an interesting article from the Guardian about bees.", "Guardian"),
        ("The Guardian", "The Guardian reported that bees are dying.", "The Guardian"),
        ("Guardian", "The Guardian reported that bees are dying.", "Guardian"),
        ("BBC", "The minister told the BBC that the plan would go ahead.", "BBC"),
        ("University of Helsinki", "Bees are dying, the university said in a statement.", "the university"),
        ("University of Helsinki", "according to a statement from the university, bees die.", "the university"),
        ("Reuters", "This report contains material from Bloomberg News, Reuters, and The Associated Press.", "Reuters"),
        (
            "The Associated Press",
            "This report contains material from Bloomberg News, Reuters, and The Associated Press.",
            "The Associated Press",
        ),
        ("The Associated Press", "This report contains material from Reuters and AP.", "AP"),
        (
            "Governor Glenn Youngkin",
            "According to a release from Gov. Youngkin’s office, 335 jobs.",
            "Gov. Youngkin’s office",
        ),
        (
            "Governor Ralph Northam",
            "Gov. Ralph Northam’s office announced the news in a press release.",
            "Gov. Ralph Northam’s office",
        ),
        ("Reuters", "Shares fell, reports News.ro with reference to the Reuters agency.", "Reuters"),
        ("Reuters", "Reuters notes that the shares fell by 3 percent.", "Reuters"),
        ("Acme Widgets Inc", "Acme Widgets has announced plans to close the plant.", "Acme Widgets"),
        ("Spotify", "Spotify said in a blog post that it would raise prices.", "Spotify"),
    ],
)
def test_credit_in_prose_and_formulas(name: str, text: str, expected: str) -> None:
    credit = find_credit(PreparedText.of(text), (name,))
    assert credit.credited_as == expected
    assert credit.start is not None and text[credit.start : credit.end] == expected


def test_an_explicit_credit_wins_over_a_name_speaking() -> None:
    text = "Gov. Glenn Youngkin announced the plan. According to a release from Gov. Youngkin’s office, it is big."
    assert find_credit(PreparedText.of(text), ("Governor Glenn Youngkin",)).credited_as == "Gov. Youngkin’s office"


def test_mentions_that_are_not_credits() -> None:
    for name, text in [
        ("Reuters", "Reuters-style coverage is rare in the valley."),
        ("University of Helsinki", "The university opened a new library."),
        ("The Associated Press", "The map shows the town."),
    ]:
        assert find_credit(PreparedText.of(text), (name,)).credited_as is None, text


def test_name_forms() -> None:
    import re

    pattern = re.compile(name_pattern("Governor Glenn Youngkin"), re.IGNORECASE)
    assert pattern.fullmatch("Gov. Youngkin") and pattern.fullmatch("Glenn Youngkin")
    assert re.fullmatch(name_pattern("Tesla Inc"), "Tesla")


def test_no_name_found_is_a_warning_not_an_uncredited_error(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    text = "Bees are dying in their millions across Europe this year.\nFarmers blame the dry spring weather.\n"
    report = compare(text, text, embedder=fake_embedder)
    kinds = {f.kind: f for f in report.findings}
    assert FindingKind.UNCREDITED not in kinds
    assert kinds[FindingKind.SOURCE_UNNAMED].severity is Severity.WARNING
    assert "--source-name" in kinds[FindingKind.SOURCE_UNNAMED].message
    named = compare(text, text, embedder=fake_embedder, source_names=("The Bee Times",))
    assert FindingKind.UNCREDITED in {f.kind for f in named.findings}
    assert named.credit.names == ("The Bee Times",)


def test_page_metadata_names_the_source(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html><head><meta property="og:site_name" content="The Guardian">'
        '<meta name="author" content="Damian Carrington"><script type="application/ld+json">'
        '{"@context":"https://schema.org","@type":"NewsArticle","publisher":{"@type":"Organization",'
        '"name":"Guardian News and Media"}}</script>'
        "</head><body><article><p>Insect numbers are falling across the world, scientists said on Monday in a "
        "long report.</p><p>A second paragraph with more words in it so that it is extracted as the article.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    doc = read_path(page)
    assert {"The Guardian", "Guardian News and Media", "Damian Carrington"} <= set(doc.names)


def test_source_name_option_front_matter_and_manifest_column(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    wire = "Bees are dying in their millions across Europe this year.\nFarmers blame the dry spring weather.\n"
    (tmp_path / "wire.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(wire + "Source: The Bee Times\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert (
        cli(
            [
                "compare",
                str(tmp_path / "wire.txt"),
                str(tmp_path / "copy.txt"),
                "--json",
                str(out),
                "--source-name",
                "The Bee Times",
                "-q",
            ]
        )
        == 0
    )
    assert json.loads(out.read_text())["verdict"]["credited_as"] == "The Bee Times"

    from attribution.newsroom.articles import read_article
    from attribution.newsroom.manifest import read_manifest

    article = tmp_path / "a.md"
    article.write_text("---\nsource: wire.txt\nsource_name: [The Bee Times, BT]\n---\n" + wire, encoding="utf-8")
    assert read_article(article, max_chars=10_000).source_names == ("The Bee Times", "BT")
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("source,derivative,source_name\nwire.txt,copy.txt,The Bee Times; BT\n", encoding="utf-8")
    assert read_manifest(manifest)[0].source_names == ("The Bee Times", "BT")


RESULTS = (
    "Davenport-based Acme Media, Inc., a leading provider of local news, information and advertising in 49 "
    "markets, reported earnings today of $4.4 million for its fourth quarter.\n"
    "For the same quarter a year ago, earnings totaled $3.5 million.\n"
)


def test_a_release_s_issuer_is_its_lead_s_subject_through_a_designator_and_an_appositive() -> None:
    assert names_of(RESULTS) == ("Acme Media Inc",)
    assert names_of("Acme Media today reported a loss of $2 million.\nIt was a hard year.\n") == ("Acme Media",)


def test_a_report_verb_without_today_is_a_news_story_unless_the_speaker_s_title_names_no_organisation() -> None:
    story = "Acme Media reported earnings Friday of $4.4 million.\nIt was a good year.\n"
    assert names_of(story) == ()
    titled = story + '"We are pleased with the quarter," said Jane Roe, president of Acme Media.\n'
    assert names_of(titled) == ()
    own = story + '"We are pleased with the quarter," said Jane Roe, President and Chief Executive Officer.\n'
    assert names_of(own) == ("Acme Media",)


def test_a_release_s_about_section_names_its_issuer() -> None:
    text = "Bees are dying across Europe, a study found.\n\nAbout Hive Labs\n\nHive Labs is a maker of bee sensors.\n"
    assert names_of(text) == ("Hive Labs",)
    assert names_of("Bees are dying.\n\nAbout the study\n\nThe study ran for two years.\n") == ()
    assert names_of("Bees are dying.\n\nAbout Hive Labs\n\nBees matter to farmers.\n") == ()


def test_a_release_s_media_contact_names_its_issuer_by_the_domain_of_its_address() -> None:
    text = (
        "Preschool children wore cameras, said a doctoral student at The Ohio State University.\n\n"
        "Media contact: Jeff Grabmeier, grabmeier.1@osu.edu\n"
    )
    assert names_of(text) == ("Ohio State University",)
    assert names_of(text.replace("osu.edu", "gmail.com")) == ()


def test_an_agency_story_has_no_issuer() -> None:
    assert names_of("DAVENPORT, Iowa (Reuters) - " + RESULTS) == ("Reuters",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We are pleased," Jane Roe, Acme\'s president and CEO, said in a news release.', "Acme"),
        ("Profit rose, Acme said in a news release.", "Acme"),
        ("In a statement, Acme said profit rose.", "Acme"),
        ("Profit rose, according to a statement from the company.", "the company"),
        ("In a news release, the company said profit rose.", "the company"),
        ("Acme Enterprises said in a statement that profit rose.", "Acme Enterprises"),
    ],
)
def test_a_release_credited_to_its_issuer(text: str, expected: str) -> None:
    credit = find_credit(PreparedText.of(text), ("Acme Enterprises Inc",))
    assert credit.credited_as == expected
    assert credit.start is not None and text[credit.start : credit.end] == expected


def test_a_company_named_short_in_its_credit_is_reported_as_the_text_writes_it_in_full() -> None:
    text = 'Acme Enterprises posted a profit.\n"We are pleased," Jane Roe, Acme\'s president, said in a news release.\n'
    credit = find_credit(PreparedText.of(text), ("Acme Enterprises Inc",))
    assert credit.credited_as == "Acme Enterprises"
    assert credit.start is not None and text[credit.start : credit.end] == "Acme"


def test_a_company_s_short_name_is_matched_only_as_written() -> None:
    assert (
        find_credit(PreparedText.of("The plan was first reported in March."), ("First Group plc",)).credited_as is None
    )
    assert find_credit(PreparedText.of("Profit rose, the company said."), ("Acme Enterprises Inc",)).credited_as is None
    assert (
        find_credit(PreparedText.of("Profit rose, the company said in a statement."), ("Reuters",)).credited_as is None
    )


def test_a_release_s_issuer_closing_its_lead_today_with_its_acronym_spelled_out() -> None:
    recall = (
        "WASHINGTON, May 17, 2021 – Acme Foods, a Cedar Rapids, Iowa establishment, is recalling 13,504 pounds of "
        "soup, the U.S. Department of Agriculture’s Food Safety and Inspection Service (FSIS) announced today.\n"
        "The soup contains milk.\n"
    )
    assert names_of(recall) == ("Food Safety and Inspection Service", "FSIS")
    assert names_of("Acme will add 335 jobs, Gov. Glenn Youngkin announced today.\nIt is big.\n") == (
        "Gov. Glenn Youngkin",
    )
    # A news story dates what it reports by its weekday: the speaker closing its lead is news, not its issuer.
    assert names_of("Acme will add 335 jobs, Gov. Glenn Youngkin announced Wednesday.\nIt is big.\n") == ()
    text = "Acme is recalling soup, according to the US Department of Agriculture’s Food Safety and Inspection Service."
    credit = find_credit(PreparedText.of(text), names_of(recall))
    assert credit.credited_as == "Food Safety and Inspection Service"
