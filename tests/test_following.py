"""Following the source through (core/following.py): ordered support, vocabulary share, and their verdict rules."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from attribution import compare
from attribution.core.following import ordered_support, vocabulary_share
from attribution.core.records import Derivation
from attribution.core.text import PreparedText
from tests.test_derivation import REWRITE, SOURCE, SOURCE_SENTENCES, MeaningEmbedder, paragraphs

# Each retells one source sentence, in the source's order, keeping two of its rarer words and
# rewording the rest: no sentence pair shares enough words for seed and extend, no copied run.
HEAVY = [
    "Days of downpour sent the water over the edges in Millbrook that evening.",
    "Forty households were led out by firefighters ahead of twelve.",
    "A municipal building became a shelter, the mayor decided, for those left out.",
    "Helpers arrived with blankets, drinks and warm broth.",
    "Meteorologists see levels going down gradually by the weekend.",
    "People who grow barley lost crops and sheep on low land.",
    "Money for firms hit by the deluge was pledged by the council.",
    "An old crossing gets a check from engineers when things calm.",
    "Classes did not resume in the valley midweek.",
    "Coaches took other routes as the ring road lay underwater.",
    "Homeowners ought to take pictures first, insurers advised.",
    "A mill was wrecked when this area last saw such a deluge, in 1998.",
]
SHUFFLED = [HEAVY[i] for i in (0, 11, 5, 10, 4, 9, 3, 8, 2, 7, 1, 6)]


class BlendEmbedder:
    """A model that reads each rewritten sentence as close to, not the same as, its source sentence (cosine 0.78).

    0.78 rather than 0.75 since the support model reads meaning and words together (``agreement``):
    at 0.75, keeping two rare words a sentence, the chain sums 2.8 sentences' worth of support, not 3.1,
    and the rewrite no longer follows its source. At 0.80 its passages become reuse on their own.
    """

    name = "fake-blend"

    def __init__(self, twins: dict[str, str], share: float = 0.78) -> None:
        self.twins, self.share = twins, share

    def _vector(self, key: str) -> np.ndarray:
        v = np.random.default_rng(zlib.crc32(key.encode())).standard_normal(64)
        return v / np.linalg.norm(v)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            v = self._vector(text.strip())
            if text.strip() in self.twins:
                v = self.share * self._vector(self.twins[text.strip()]) + np.sqrt(1 - self.share**2) * v
            out[row] = v / np.linalg.norm(v)
        return out


def test_a_heavy_rewrite_that_follows_the_source_in_order_is_derived_and_its_sentences_shuffled_are_not() -> None:
    embedder = BlendEmbedder(dict(zip(HEAVY, SOURCE_SENTENCES, strict=True)))
    rewrite = compare(SOURCE, paragraphs(HEAVY[:4], HEAVY[4:8], HEAVY[8:]), embedder=embedder)
    # No passage shows it: its sentences are weakly supported, no run is copied, no seed forms.
    assert all(p.support < 2 and p.longest_run < 12 and not p.seeds for p in rewrite.passages)
    assert rewrite.verdict.derived and rewrite.verdict.derivation is not Derivation.NOT
    shuffled = compare(SOURCE, paragraphs(SHUFFLED), embedder=embedder)
    assert shuffled.verdict.derivation is Derivation.NOT and not shuffled.verdict.derived
    chain = ordered_support(rewrite.derivative_sentences)
    assert chain > ordered_support(shuffled.derivative_sentences) + 0.5


def test_ordered_support_counts_sentences_whose_sources_move_forward_and_leaves_quotations_out() -> None:
    report = compare(SOURCE, paragraphs(HEAVY), embedder=BlendEmbedder(dict(zip(HEAVY, SOURCE_SENTENCES, strict=True))))
    sentences = report.derivative_sentences
    # Every sentence draws on the source sentence of its own position: the chain takes them all.
    assert [d.sources[0] for d in sentences] == list(range(len(HEAVY)))
    total = sum(d.support for d in sentences)
    # Twelve sentences draw on the source: past ten, the chain counts by its density (scaled to ten).
    assert ordered_support(sentences) == round(float(np.log1p(total * 10 / 12)), 4)
    first = sentences[0].sentence
    without_first = (total - sentences[0].support) * 10 / 11
    assert ordered_support(sentences, quoted=[(first.start, first.end)]) == round(float(np.log1p(without_first)), 4)
    # With several sources, only the chain through the one judged counts.
    assert ordered_support(sentences, holds_sentence=lambda j: j < 3) == round(
        float(np.log1p(sum(d.support for d in sentences[:3]))), 4
    )
    # Backwards, each sentence's source comes before the last one's: the chain holds one sentence.
    backwards = list(reversed(sentences))
    assert ordered_support(backwards) == round(float(np.log1p(max(d.support for d in sentences) * 10 / 12)), 4)


def test_vocabulary_share_weighs_rare_words_the_source_uses() -> None:
    source = PreparedText.of("The airbag in the recalled vehicles could deploy incorrectly, the company said.")
    same_words = PreparedText.of("The company said the airbag could deploy incorrectly in recalled vehicles.")
    other_words = PreparedText.of("A restraint control module calibration fault makes the passenger airbag misfire.")
    common_only = PreparedText.of("People said it was so.")
    assert vocabulary_share(source, same_words) == 1.0
    assert 0.05 < vocabulary_share(source, other_words) < 0.4
    # Words commoner than the ceiling weigh nothing: nothing rare, nothing to share.
    assert vocabulary_share(source, common_only) == 0.0


def test_a_retelling_in_none_of_the_sources_words_is_partially_derived_not_wholly() -> None:
    """Drawn throughout in meaning, but with barely any of the source's rarer words (14%): as the
    words go, it cannot be told from a text written from another document with the same facts."""
    embedder = MeaningEmbedder(dict(zip(REWRITE, SOURCE_SENTENCES, strict=False)))
    report = compare(SOURCE, paragraphs(REWRITE), embedder=embedder)
    assert report.verdict.drawn_share == 1.0
    assert report.verdict.derivation is Derivation.PARTIALLY and report.verdict.derived
    kept = compare(SOURCE, paragraphs(SOURCE_SENTENCES[:6]), embedder=MeaningEmbedder({}))
    assert kept.verdict.derivation is Derivation.WHOLLY
