"""A short sentence retelling part of a longer source sentence is aligned to it, however far apart they embed."""

from __future__ import annotations

from attribution import compare
from attribution.core.records import DerivativeLabel
from tests.test_derivation import MeaningEmbedder

SOURCE = (
    "West Liberty Foods will close its Mount Pleasant plant in May after a sharp fall in orders for sliced meats.\n\n"
    "“We are committed to providing our team members with support as we work through the process of closing "
    "the plant and finding new roles across our other sites,” says Tara Lindsay, Chief Talent & Culture Officer.\n"
)
DERIVATIVE = (
    "West Liberty Foods will close its Mount Pleasant plant in May after a sharp fall in orders for sliced meats.\n\n"
    "Lindsay is the Chief Talent & Culture Officer.\n"
)


def unrelated_vectors() -> MeaningEmbedder:
    """A stand-in model that embeds every distinct text far from every other (all-MiniLM-L6-v2 puts the title
    0.37 from the quotation)."""
    return MeaningEmbedder({})


def test_a_title_taken_from_an_attribution_is_part_of_that_sentence() -> None:
    report = compare(SOURCE, DERIVATIVE, embedder=unrelated_vectors())
    title = report.derivative_sentences[-1]
    assert title.match.cosine < 0.40 and title.match.lexical < 0.90
    assert title.sources == (1,)
    assert title.label is DerivativeLabel.PARAPHRASE


def test_a_short_sentence_sharing_a_few_words_is_not_a_part() -> None:
    unrelated = "Lindsay once ran a bakery chain in Des Moines, officers said."
    other = DERIVATIVE.replace("Lindsay is the Chief Talent & Culture Officer.", unrelated)
    report = compare(SOURCE, other, embedder=unrelated_vectors())
    assert report.derivative_sentences[-1].label is DerivativeLabel.ADDED
