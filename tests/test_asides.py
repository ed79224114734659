"""Asides (core/asides.py): prose at the edge of a source's story on another subject is not omitted content."""

from __future__ import annotations

from attribution import compare
from attribution.core.records import FindingKind, Role, SourceLabel
from attribution.core.report import Report

HEADLINE = "Council approves bridge repairs after flood damage"
STORY = [
    "The city council approved emergency repairs to the river bridge on Tuesday after flood damage closed it "
    "last week. Engineers said the bridge repairs would take three months.",
    "The council said the flood damage to the bridge was worse than first thought. Repairs to the bridge deck "
    "will cost the city council two million pounds.",
    "Drivers will use a temporary crossing while engineers repair the flood damage to the river bridge.",
    "Council members voted unanimously for the emergency bridge repairs, the council said.",
]
TEASER = (
    "A bakery chain has launched a vegan croissant range in forty shops across Scotland and Wales this spring. "
    "Its founder expects strong sales among younger customers who want dairy-free pastries with morning coffee."
)
APPEAL = (
    "Your support helps us tell the story. Every donation, large or small, funds our journalists and keeps our "
    "journalism free for everyone to read without a paywall, paid for by readers who can afford it."
)
REWRITE = (
    "The city council approved emergency repairs to the river bridge on Tuesday after flood damage closed it. "
    "Engineers said the repairs would take three months. "
    "The flood damage to the bridge was worse than first thought, the council said."
)


def _sentence(report: Report, opening: str):  # type: ignore[no-untyped-def]
    (found,) = [s for s in report.source_sentences if s.sentence.text.startswith(opening)]
    return found


def _omitted(report: Report) -> set[int]:
    return {f.sentence for f in report.findings if f.kind is FindingKind.OMITTED and f.sentence is not None}


def test_a_teaser_after_the_story_is_an_aside(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare("\n".join([HEADLINE, *STORY, TEASER]), REWRITE, embedder=fake_embedder)
    for opening in ("A bakery chain", "Its founder"):
        teaser = _sentence(report, opening)
        assert (teaser.sentence.role, teaser.label) == (Role.ASIDE, SourceLabel.BOILERPLATE)
        assert teaser.index not in _omitted(report)
    last = _sentence(report, "Council members voted")  # the story's own last paragraph, left out: still omitted
    assert (last.sentence.role, last.label) == (Role.BODY, SourceLabel.OMITTED)
    assert last.index in _omitted(report)
    assert report.to_dict()["source"]["sentences"][teaser.index]["role"] == "aside"


def test_an_appeal_before_the_story_is_an_aside(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare("\n".join([HEADLINE, APPEAL, *STORY]), REWRITE, embedder=fake_embedder)
    for opening in ("Your support", "Every donation"):
        assert _sentence(report, opening).label is SourceLabel.BOILERPLATE
        assert _sentence(report, opening).sentence.role is Role.ASIDE
    assert _sentence(report, "Council members voted").label is SourceLabel.OMITTED


def test_without_a_headline_the_opening_is_the_story(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    """A feature may open away from its subject (a scene, an anecdote): only a headline says what the story is."""
    report = compare("\n".join([APPEAL, *STORY]), REWRITE, embedder=fake_embedder)
    assert _sentence(report, "Every donation").label is SourceLabel.OMITTED


def test_what_the_rewrite_draws_on_is_never_an_aside(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare("\n".join([HEADLINE, *STORY, TEASER]), REWRITE + " " + TEASER, embedder=fake_embedder)
    assert _sentence(report, "A bakery chain").label is SourceLabel.USED
    assert _sentence(report, "A bakery chain").sentence.role is Role.BODY


def test_a_closing_quotation_or_a_short_close_is_the_story(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    quoted = f"“{TEASER}”"
    short = "Bakery shares rose two percent on Friday in Edinburgh."
    for close in (quoted, short):
        report = compare("\n".join([HEADLINE, *STORY, close]), REWRITE, embedder=fake_embedder)
        assert all(s.sentence.role is not Role.ASIDE for s in report.source_sentences), close
        assert any(s.label is SourceLabel.OMITTED and "akery" in s.sentence.text for s in report.source_sentences)


def test_each_source_has_its_own_edges(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    """With several sources, the teaser closing the first is an aside though a second source follows it."""
    other = "Flood warnings remain in place along the river.\nEngineers inspected the bridge again on Monday."
    report = compare(["\n".join([HEADLINE, *STORY, TEASER]), other], REWRITE, embedder=fake_embedder)
    assert _sentence(report, "A bakery chain").sentence.role is Role.ASIDE
