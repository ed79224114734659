"""An independent report: a text the verdict finds ``not`` derived paraphrases none of its source.

Kept apart from ``core.classify`` because it runs after the verdict, on labels the verdict has read:
the pipeline labels every sentence, judges the whole text, and only then, for a report written without
the source, takes back the paraphrase labels that sentence-by-sentence similarity gave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..core import thresholds as T
from .classify import label_shares
from .records import Derivation, DerivativeLabel, DerivativeSentence, Verdict
from .text import PreparedText


def is_independent(sentences: Sequence[DerivativeSentence], outcome: Verdict) -> bool:
    """A report written without the source: ``not`` derived, and long enough for that verdict to weigh a text
    (``INDEPENDENT_MIN_SENTENCES`` story sentences)."""
    story = sum(1 for d in sentences if d.sentence.role.is_story)
    return outcome.derivation is Derivation.NOT and story >= T.INDEPENDENT_MIN_SENTENCES


def as_independent(sentences: Sequence[DerivativeSentence]) -> tuple[DerivativeSentence, ...]:
    """An independent report's sentences (``is_independent``): none of them is drawn from the source.

    Two reports of one event say many of the same things, so some of the report's sentences come out
    close enough in meaning to be labelled paraphrase one by one; but the verdict, which weighs the
    whole text (no passage, under half drawn, not following the source through), says it was not
    written from the source, and a sentence of it that says what the source says retells the event,
    not the source. Its paraphrases are therefore ``added`` (the report's own; their nearest source
    sentences stay as ``sources``, for the reader); word-for-word copies stay ``verbatim`` (a shared
    quotation is copied, whoever copied it first).
    """
    return tuple(
        replace(d, label=DerivativeLabel.ADDED) if d.label == DerivativeLabel.PARAPHRASE else d for d in sentences
    )


def with_labels(outcome: Verdict, derivative: PreparedText, sentences: Sequence[DerivativeSentence]) -> Verdict:
    """The verdict with its shares read from these labels."""
    shares = label_shares(derivative, sentences)
    return replace(outcome, shares=shares, drawn_share=shares.drawn)
