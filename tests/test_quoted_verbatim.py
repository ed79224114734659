"""A quotation copied word for word and given a new attribution tag is verbatim, not paraphrase."""

from attribution.core.records import DerivativeLabel
from attribution.pipeline import compare

SOURCE = (
    "West Liberty Foods will close its plant in Mount Pleasant next spring.\n\n"
    "“Respect and care for people is a core value of our company, and shutting down a plant is a tough thing "
    "to do,” says Brandon Achen, President and CEO of West Liberty Foods.\n\n"
    "The company employs about 350 people at the site."
)


def _label(derivative: str, fake_embedder) -> DerivativeLabel:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    [quoted] = [d for d in report.derivative_sentences if "Achen" in d.sentence.text or "respect" in d.sentence.text]
    return quoted.label


def test_a_copied_quotation_with_a_new_attribution_tag_is_verbatim(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    retagged = (
        "“Respect and care for people is a core value of our company, and shutting down a plant is a tough thing "
        "to do,” said Brandon Achen in a press release."
    )
    assert _label(retagged, fake_embedder) == DerivativeLabel.VERBATIM


def test_a_frame_that_adds_a_claim_is_not_an_attribution_tag(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    # The words outside the quotation say something new, with no speech verb: not a retagged copy.
    framed = (
        "Workers and their unions across the whole county were furious after hearing management's view that "
        "“respect and care for people is a core value of our company.”"
    )
    assert _label(framed, fake_embedder) != DerivativeLabel.VERBATIM


def test_an_altered_quotation_is_not_verbatim_by_its_tag(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    altered = (
        "“Respect and kindness toward workers is a central value of our firm, and closing a factory is a hard "
        "thing to do,” said Brandon Achen in a press release."
    )
    assert _label(altered, fake_embedder) != DerivativeLabel.VERBATIM
