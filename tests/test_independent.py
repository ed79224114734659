"""An independent report: `not` derived, so none of its sentences paraphrases the source (`as_independent`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import compare
from attribution.core.records import Derivation, DerivativeLabel, FindingKind, SourceLabel
from tests.test_derivation import ORIGINAL, REWRITE, SOURCE, SOURCE_SENTENCES, MeaningEmbedder, paragraphs

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "real"


@pytest.fixture
def meaning() -> MeaningEmbedder:
    """Each REWRITE sentence means what its SOURCE_SENTENCES twin says, in other words."""
    return MeaningEmbedder(dict(zip(REWRITE, SOURCE_SENTENCES, strict=False)))


def test_a_report_not_derived_from_the_source_paraphrases_none_of_it(meaning: MeaningEmbedder) -> None:
    # Five sentences of its own and one that says what the source's second sentence says.
    report = compare(SOURCE, paragraphs([*ORIGINAL[:5], REWRITE[1]]), embedder=meaning)
    assert report.verdict.derivation is Derivation.NOT
    retelling = report.derivative_sentences[-1]
    assert retelling.label is DerivativeLabel.ADDED
    assert retelling.sources == (1,), "its nearest source sentence is still shown"
    assert report.verdict.shares.paraphrase == 0.0 and report.verdict.drawn_share == 0.0
    assert report.source_sentences[1].label is SourceLabel.OMITTED
    assert not report.passages
    # The report says what the source says: it is the writer's own reporting, not a claim the source lacks.
    claims = {f.sentence for f in report.findings if f.kind is FindingKind.ADDED_CLAIM}
    assert retelling.index not in claims
    assert claims == {d.index for d in report.derivative_sentences[:-1] if d.label is DerivativeLabel.ADDED}


def test_a_short_text_keeps_its_sentence_labels_whatever_its_verdict(meaning: MeaningEmbedder) -> None:
    # One or two sentences: the verdict weighs nothing the labels did not (INDEPENDENT_MIN_SENTENCES).
    for sentences in ([REWRITE[1]], [ORIGINAL[0], REWRITE[1]]):
        report = compare(SOURCE, paragraphs(sentences), embedder=meaning)
        assert report.verdict.derivation is Derivation.NOT
        assert report.derivative_sentences[-1].label is DerivativeLabel.PARAPHRASE
        assert report.source_sentences[1].label is SourceLabel.USED


def test_a_derived_text_keeps_its_paraphrases(meaning: MeaningEmbedder) -> None:
    report = compare(SOURCE, paragraphs(REWRITE), embedder=meaning)
    assert report.verdict.derived
    assert [d.label for d in report.derivative_sentences] == [DerivativeLabel.PARAPHRASE] * len(REWRITE)


def test_a_shared_quotation_copied_word_for_word_stays_verbatim(meaning: MeaningEmbedder) -> None:
    copied = SOURCE_SENTENCES[10]
    report = compare(SOURCE, paragraphs([*ORIGINAL[:6], copied]), embedder=meaning)
    assert report.verdict.derivation is Derivation.NOT
    assert report.derivative_sentences[-1].label is DerivativeLabel.VERBATIM
    assert report.source_sentences[10].label is SourceLabel.USED


@pytest.mark.model
def test_real_independent_reports_have_no_paraphrase() -> None:
    for name in ("a-independent-disc", "a-independent-pressglass"):
        report = compare(
            (REAL / f"{name}-source.txt").read_text(encoding="utf-8"),
            (REAL / f"{name}-derivative.txt").read_text(encoding="utf-8"),
        )
        assert report.verdict.derivation is Derivation.NOT
        assert not [d for d in report.derivative_sentences if d.label is DerivativeLabel.PARAPHRASE]
        assert not [s for s in report.source_sentences if s.label is SourceLabel.USED]
