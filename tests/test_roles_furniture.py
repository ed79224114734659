"""Page furniture at a rewrite's edges that reads like story: a reference list after it, a banner before it.

Decided from form and position (``core/roles.py``): citation-shaped lines trailing the story, or short lines
under a "References" heading, are credit; a stack of short one-sentence lines at the very top that runs into
page furniture is chrome. One sentence alone is never either.
"""

from attribution import compare
from attribution.core.records import Role, SourceLabel
from attribution.core.roles import assign_roles
from attribution.core.segment import segment

STORY = (
    "The council approved the harbour budget on Monday after a long debate about the bridge, officials said. "
    "Work on the new quay will start in spring and take two years, the mayor told reporters.\n\n"
    "Residents have asked for a ferry link to the island since the old one closed.\n\n"
)


def roles(text: str) -> dict[str, Role]:
    return {s.text: s.role for s in assign_roles(segment(text))}


def test_a_trailing_reference_list_is_credit() -> None:
    text = (
        STORY + "\nPark J. et al. (March 2021). “Quay walls under tidal load.” Harbour Engineering\n\n"
        "Read More\n\n"
        "Ann Lee (April 15, 2021). “Council backs harbour plan after long debate.”\n"
    )
    got = roles(text)
    for line in (
        "Park J. et al.",
        "(March 2021).",
        "“Quay walls under tidal load.”",
        "Harbour Engineering",
        "Ann Lee (April 15, 2021).",
        "“Council backs harbour plan after long debate.”",
    ):
        assert got[line] == Role.CREDIT, line
    assert got["Residents have asked for a ferry link to the island since the old one closed."] == Role.BODY


def test_short_lines_under_a_references_heading_are_credit() -> None:
    got = roles(STORY + "References\n\nHarbour Board annual report, 2020.\n\nCity budget papers, volume two.\n")
    assert got["References"] == Role.CREDIT
    assert got["Harbour Board annual report, 2020."] == Role.CREDIT
    assert got["City budget papers, volume two."] == Role.CREDIT


def test_citation_shapes_that_are_not_a_trailing_list_stay_story() -> None:
    # Before the story's last paragraph, a citation-shaped line is no list.
    got = roles(STORY.replace("Residents", "Ann Lee (2021).\n\nResidents"))
    assert got["Ann Lee (2021)."] != Role.CREDIT
    # One sentence alone, or a list with no story before it, is never a reference list.
    ((_, only),) = [(s.text, s.role) for s in assign_roles(segment("Smith and Jones (2020)."))]
    assert only.is_story
    assert roles("The ferry closed in May.\nAnn Lee (2021).")["Ann Lee (2021)."].is_story
    # A last paragraph that only opens like a citation is prose.
    last = "Ann Lee (2021). She said the ferry would return soon, and the board agreed with her plan for it."
    assert roles(STORY + last)[last.split(". ")[1]] == Role.BODY


def test_a_banner_before_the_headline_is_chrome() -> None:
    text = (
        "Get all your news here.\n100s of titles.\nOne app.\nStart reading\nCouncil approves harbour budget\n\n" + STORY
    )
    got = roles(text)
    assert {got["Get all your news here."], got["100s of titles."], got["One app."]} == {Role.CHROME}
    assert got["Council approves harbour budget"] == Role.HEADLINE


def test_short_sentences_at_the_top_without_furniture_after_them_stay_story() -> None:
    got = roles("It was cold.\nThe harbour froze.\n\n" + STORY)
    assert got["It was cold."].is_story and got["The harbour froze."].is_story
    ((_, only),) = [(s.text, s.role) for s in assign_roles(segment("One app."))]
    assert only.is_story


def test_a_reference_entry_citing_the_sources_headline_uses_it(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "Council backs harbour plan after long debate\n\n" + STORY
    derivative = STORY + "Ann Lee (April 15, 2021). “Council backs harbour plan after long debate.”\n"
    report = compare(source, derivative, embedder=fake_embedder)
    headline = report.source_sentences[0]
    assert headline.sentence.role == Role.HEADLINE
    assert headline.label == SourceLabel.USED
    assert all(d.sentence.role == Role.CREDIT for d in report.derivative_sentences[-2:])
