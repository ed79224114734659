"""A "Name, Institution" byline over or under the headline is a byline, not the headline."""

from __future__ import annotations

import pytest

from attribution.core.records import DerivativeLabel, Role
from attribution.core.roles import assign_roles
from attribution.core.segment import segment
from attribution.pipeline import compare
from tests.conftest import FakeEmbedder

BODY = (
    "Researchers tracked the nesting habits of swifts across northern England for three summers. "
    "They found that birds returned to the same roof spaces year after year."
)


def roles(text: str) -> dict[str, Role]:
    return {s.text: s.role for s in assign_roles(segment(text))}


@pytest.mark.parametrize(
    "byline",
    [
        "Jane Doe, University of Leeds",
        "Dave Cook, PhD Candidate in Anthropology, UCL",
        "Jane Doe and John Smith, King's College London",
        "Amal Haddad, Senior Lecturer, The Open University",
    ],
)
def test_a_name_and_affiliation_over_the_headline_is_a_byline(byline: str) -> None:
    got = roles(f"{byline}\n\nSwifts return to the same roofs every year\n\n{BODY}")
    assert got[byline] == Role.BYLINE
    assert got["Swifts return to the same roofs every year"] == Role.HEADLINE  # the line after it is the headline


def test_a_name_and_affiliation_under_the_headline_is_a_byline() -> None:
    got = roles(f"Swifts return to the same roofs every year\n\nJane Doe, University of Leeds\n\n{BODY}")
    assert got["Jane Doe, University of Leeds"] == Role.BYLINE
    assert got["Swifts return to the same roofs every year"] == Role.HEADLINE


@pytest.mark.parametrize(
    "headline",
    [
        "Jane Doe, ornithologist, wins national award",  # lower-case words: what she did
        "Jane Doe, Who Led The Survey, Is Honoured",  # title case, with function words no organisation holds
        "Jane Doe, Leeds Professor, Counts 5,000 Nests",  # a figure
        "SWIFT EXPERT, LEEDS UNIVERSITY",  # shouted: another story's headline, not a name
    ],
)
def test_a_headline_that_names_someone_stays_a_headline(headline: str) -> None:
    got = roles(f"{headline}\n\nSwifts return to the same roofs every year\n\n{BODY}")
    assert got[headline] == Role.HEADLINE


def test_a_line_of_that_form_alone_over_the_prose_is_the_headline() -> None:
    # With no other line above the story, it is the headline, whatever its form ("Markets Rally, Stocks Climb").
    got = roles(f"Markets Rally, Stocks Climb\n\n{BODY}")
    assert got["Markets Rally, Stocks Climb"] == Role.HEADLINE


def test_the_form_inside_the_story_is_not_a_byline() -> None:
    got = roles(f"Swifts return to the same roofs every year\n\n{BODY}\n\nJane Doe, University of Leeds\n\n{BODY}")
    assert got["Jane Doe, University of Leeds"] != Role.BYLINE


def test_a_byline_in_the_rewrite_is_no_finding(fake_embedder: FakeEmbedder) -> None:
    source = f"Swifts return to the same roofs every year\n\n{BODY}"
    derivative = (
        f"Dave Cook, PhD Candidate in Anthropology, UCL\n\nSwifts return to the same roofs every year\n\n{BODY}"
    )
    report = compare(source, derivative, embedder=fake_embedder)
    byline = report.derivative_sentences[0]
    assert byline.sentence.role == Role.BYLINE
    assert byline.label == DerivativeLabel.CREDIT
    assert not any(d.sentence == 0 for d in report.added_details)
    assert report.derivative_sentences[1].sentence.role == Role.HEADLINE
