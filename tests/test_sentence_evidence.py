"""The support model's word evidence for a rewrite that splits and rewords its source (``core.sentence_evidence``)."""

from __future__ import annotations

from attribution.core.records import DerivativeSentence
from attribution.pipeline import compare


def _evidence(source: str, derivative: str, embedder) -> DerivativeSentence:  # type: ignore[no-untyped-def]
    report = compare(source, derivative, embedder=embedder)
    story = [d for d in report.derivative_sentences if d.sentence.role.is_story]
    assert len(story) == 1 and story[0].sources
    return story[0]


SPLIT_SOURCE = (
    "The city council said it will repave the main bridge next spring and said it will not raise "
    "parking fees in the old town this year."
)


def test_a_negation_in_the_clause_a_split_left_out_is_no_flip(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    split = _evidence(SPLIT_SOURCE, "The council will repave the main bridge next spring.", fake_embedder)
    assert split.evidence.negation_flip == 0.0
    kept = _evidence(SPLIT_SOURCE, "The council will raise parking fees in the old town this year.", fake_embedder)
    assert kept.evidence.negation_flip == 1.0  # the negation governs "raise", a word the sentence keeps


def test_a_sentence_as_long_as_its_source_reads_any_negation(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    # Not a split: the support model was fitted on this reading, and a same-length retelling
    # with a negation of its own mostly says something else.
    flipped = _evidence(
        "The council plans to repave the main bridge next spring.",
        "The council will repave the main bridge next spring, not the old one.",
        fake_embedder,
    )
    assert flipped.evidence.negation_flip == 1.0


def test_failed_to_retells_not_in_a_split(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Inspectors found the rear lights did not work in the cold and said the fault was traced "
        "to a loose cable in the housing of the trailer."
    )
    split = _evidence(source, "The rear lights failed to work in the cold.", fake_embedder)
    assert split.evidence.negation_flip == 0.0


def test_a_rounded_figure_is_no_number_change(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "The company will invest $43.55 million in a new glass plant in the county, officials said."
    rounded = _evidence(source, "The company will invest $43M in a new glass plant in the county.", fake_embedder)
    assert rounded.evidence.number_change == 0.0
    other = _evidence(source, "The company will invest $53M in a new glass plant in the county.", fake_embedder)
    assert other.evidence.number_change == 1.0
    words = _evidence(
        "The company will build six new glass plants in the county, officials said.",
        "The company will build 6 new glass plants in the county.",
        fake_embedder,
    )
    assert words.evidence.number_change == 0.0


def test_a_compound_written_another_way_is_the_sources_word(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    joined = _evidence(
        "The recall covers trucks whose tail lights may fail to turn on.",
        "The recall covers trucks whose taillights may fail to turn on.",
        fake_embedder,
    )
    assert joined.evidence.novel == 0.0
    apart = _evidence(
        "The recall covers trucks whose taillights may fail to turn on.",
        "The recall covers trucks whose tail lights may fail to turn on.",
        fake_embedder,
    )
    assert apart.evidence.novel == 0.0
    other = _evidence(
        "The recall covers trucks whose tail lights may fail to turn on.",
        "The recall covers trucks whose headlamps may fail to turn on.",
        fake_embedder,
    )
    assert other.evidence.novel > 0.0


def test_agreement_is_meaning_and_words_together(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    d = _evidence(SPLIT_SOURCE, "The council will repave the main bridge next spring.", fake_embedder)
    assert d.evidence.agreement == d.evidence.cosine * d.evidence.lexical
    assert 0.0 < d.evidence.agreement < min(d.evidence.cosine, d.evidence.lexical)


def test_saying_something_the_source_does_not_never_raises_support() -> None:
    # Added details and changed facts may only lower support: a stored weight above 0 would make
    # a sentence with a new name or a changed figure *more* a paraphrase of its source.
    from attribution.core import thresholds as T

    conflicts = (
        "added_details",
        "number_change",
        "negation_flip",
        "changed_number",
        "changed_name",
        "changed_negation",
    )
    assert all(T.SUPPORT_WEIGHTS[field] <= 0.0 for field in conflicts)
