"""Merged and split sentences in other words: alignment tries adjacent joins for unsupported sentences."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from attribution.core import thresholds as T
from attribution.core.joins import rejoined
from attribution.core.records import DerivativeLabel, SourceLabel
from attribution.core.text import PreparedText
from attribution.pipeline import compare, embed_story
from tests.conftest import FakeEmbedder, ReadsAlike

HARBOUR = (
    "The city council approved a new budget for the harbour district on Monday evening. "
    "The plan sets aside money for repairing the old lighthouse and dredging the shipping channel. "
    "Officials expect tourism to grow once the works are finished next spring."
)
# Two source sentences merged into one, most of their words swapped for others that read alike to the model.
MERGED = (
    "The councillors backed a port budget on Monday evening, covering beacon fixes and canal deepening. "
    "Officials expect tourism to grow once the works are finished next spring."
)
MERGED_READS = {
    "councillors": "council",
    "backed": "approved",
    "port": "harbour",
    "beacon": "lighthouse",
    "fixes": "repairing",
    "canal": "channel",
    "deepening": "dredging",
    "covering": "plan",
}

MUSEUM = (
    "The museum will close for six months from January while builders replace its leaking glass roof and "
    "install new climate controls to protect the paintings. "
    "Visitors can still see part of the collection at the town library."
)
# One source sentence split in two; the second half in other words.
SPLIT = (
    "The museum will close for six months from January while builders replace its leaking glass roof. "
    "Workers will also install modern cooling systems to protect the artworks. "
    "Visitors can still see part of the collection at the town library."
)
SPLIT_READS = {"Workers": "builders", "modern": "new", "cooling systems": "climate controls", "artworks": "paintings"}


class Counting:
    """An encode function that counts its calls."""

    def __init__(self, embedder: FakeEmbedder | ReadsAlike) -> None:
        self.embedder, self.calls = embedder, 0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return self.embedder.encode(list(texts))


def _options(source: str, derivative: str, reads: dict[str, str], weak: list[int]):  # type: ignore[no-untyped-def]
    from attribution.core.align import align, cosine_matrix, lexical_matrices

    embedder = ReadsAlike(FakeEmbedder(), reads)
    src, der = PreparedText.of(source), PreparedText.of(derivative)
    vectors = embed_story(embedder, src, der)
    lexical, order = lexical_matrices(der, src)
    alignment = align(src, der, cosine_matrix(vectors[1], vectors[0]), lexical, order)
    encode = Counting(embedder)
    return rejoined(src, der, alignment, vectors, weak, encode), encode


def test_a_merged_sentence_in_other_words_names_both_sources(fake_embedder: FakeEmbedder) -> None:
    report = compare(HARBOUR, MERGED, embedder=ReadsAlike(fake_embedder, MERGED_READS))
    merged = report.derivative_sentences[0]
    assert merged.label == DerivativeLabel.PARAPHRASE
    assert set(merged.sources) == {0, 1}
    assert report.source_sentences[1].label == SourceLabel.USED


def test_without_the_join_the_merged_sentence_is_added(fake_embedder: FakeEmbedder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The same pair with joins out of reach: what the join rule changes, and so what the test above tests.
    monkeypatch.setattr(T, "JOIN_MARGIN", 9.0)
    report = compare(HARBOUR, MERGED, embedder=ReadsAlike(fake_embedder, MERGED_READS))
    assert report.derivative_sentences[0].label == DerivativeLabel.ADDED
    assert report.source_sentences[1].label == SourceLabel.OMITTED


def test_half_of_a_split_sentence_in_other_words_is_supported(fake_embedder: FakeEmbedder) -> None:
    report = compare(MUSEUM, SPLIT, embedder=ReadsAlike(fake_embedder, SPLIT_READS))
    half = report.derivative_sentences[1]
    assert half.label == DerivativeLabel.PARAPHRASE
    assert half.sources == (0,)
    assert half.match.cosine > 0.9  # the join's cosine, not the half's own


def test_a_split_needs_a_neighbour_already_aligned() -> None:
    # Both halves unsupported: two weak neighbours joined are often two sentences about one event.
    alone, _ = _options(MUSEUM, SPLIT, SPLIT_READS, [1])
    assert any(m.sources == (0,) for m in alone[1])
    both, _ = _options(MUSEUM, SPLIT, SPLIT_READS, [0, 1])
    assert not any(len(m.sources) == 1 for m in both.get(1, ()))


def test_a_sentence_that_barely_moves_its_neighbours_join_is_no_split(fake_embedder: FakeEmbedder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The neighbour retells nearly all of the source sentence (cosine 0.94); joined with the next sentence it
    # comes 0.03 closer, under SPLIT_GAIN: that sentence goes on from its neighbour, it is not the other half.
    near_whole = (
        "The museum will close for six months from January while builders replace its leaking glass roof "
        "and install new climate controls. That will protect the paintings from damp. "
        "Visitors can still see part of the collection at the town library."
    )
    report = compare(MUSEUM, near_whole, embedder=fake_embedder)
    assert report.derivative_sentences[1].label == DerivativeLabel.ADDED
    monkeypatch.setattr(T, "SPLIT_GAIN", 0.0)
    report = compare(MUSEUM, near_whole, embedder=FakeEmbedder())
    assert report.derivative_sentences[1].label == DerivativeLabel.PARAPHRASE


def test_all_joins_are_embedded_in_one_call() -> None:
    options, encode = _options(HARBOUR, MERGED, MERGED_READS, [0, 1])
    assert options
    assert encode.calls == 1


def test_supported_sentences_embed_no_join() -> None:
    options, encode = _options(HARBOUR, MERGED, MERGED_READS, [])
    assert options == {}
    assert encode.calls == 0


def test_a_merge_is_tried_before_a_split() -> None:
    options, _ = _options(HARBOUR, MERGED, MERGED_READS, [0])
    assert len(options[0][0].sources) == 2
