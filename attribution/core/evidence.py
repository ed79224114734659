"""What the logistic models of ``core.thresholds`` weigh: one frozen record of named features per model.

Kept apart from ``core.records`` (the records that pass from stage to stage) because these are a
model's inputs, keyed by field name in ``SUPPORT_WEIGHTS``, ``DERIVED_WEIGHTS`` and
``FOLLOWS_WEIGHTS``, and read by the calibration code as much as by the pipeline.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields


class _Features:
    """Named features for a logistic model: weights in ``core.thresholds`` are keyed by these field names."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def values(self) -> tuple[float, ...]:
        return astuple(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Evidence(_Features):
    """What the support model weighs for one derivative sentence.

    ``core.thresholds.SUPPORT_WEIGHTS`` is keyed by these field names (plus ``bias``).
    """

    cosine: float
    lexical: float
    """rapidfuzz token-set similarity with the chosen sources, 0..1."""
    agreement: float
    """``cosine`` times ``lexical``: high only when the meaning and the words both agree. A sum
    of the two cannot tell a sentence that shares its source's words but not its meaning (a
    clause added or turned around, MRPC's near misses) from one that shares both."""
    copied: float
    """Share of the sentence's words inside copied runs."""
    novel: float
    """Share of its content words the source story never uses."""
    added_details: float
    """Added names, numbers, dates and places in it (at most 3)."""
    number_change: float
    """1 when it has a number its sources do not."""
    negation_flip: float
    """1 when exactly one of it and its sources is negated."""
    changed_number: float
    """1 when it states a number where its nearest source sentence states another (``checks.facts``)."""
    changed_name: float
    """1 when it puts a name where its nearest source sentence has another, or swaps two around a verb."""
    changed_negation: float
    """1 when it negates what the one source sentence it closely retells affirms, or the reverse."""


@dataclass(frozen=True)
class DerivationEvidence(_Features):
    """What the derivation model weighs for a whole derivative (``core.thresholds.DERIVED_WEIGHTS``)."""

    copied_share: float
    """Share of the story's words inside copied runs."""
    longest_run: float
    """log(1 + words in the longest copied run)."""
    mean_cosine: float
    mean_lexical: float
    drawn_share: float
    """Share of story sentences labelled verbatim or paraphrase."""


@dataclass(frozen=True)
class FollowingEvidence(_Features):
    """Whether a derivative follows its source through (``core.following``; ``core.thresholds.FOLLOWS_WEIGHTS``)."""

    vocabulary_share: float
    """Share of the derivative's story vocabulary, each word weighted by its rarity, that the source's story uses."""
    ordered_support: float
    """log(1 + the support a chain of story sentences collects while their sources move forward through the source)."""
