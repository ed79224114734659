"""The seed pair through the real model, scored against its hand labels."""

import json

import pytest

from attribution.accuracy.gold import format_scores, score

pytestmark = pytest.mark.model


def test_seed_pair_meets_every_gold_label(seed_report, seed_gold) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(seed_report.to_json())
    scores = score(seed_gold, doc)
    print("\n" + format_scores(scores))
    assert scores.derivative.right == scores.derivative.total == 18
    assert scores.source.right == scores.source.total
    assert scores.quotes.right == scores.quotes.total == 8
    assert scores.verdict.right == 1
    assert scores.details_recall.right >= 3


def test_seed_report_is_deterministic(seed_report) -> None:  # type: ignore[no-untyped-def]
    from attribution import compare

    again = compare(seed_report.source, seed_report.derivative)
    assert again.to_json() == seed_report.to_json()


def test_default_model_is_loaded_once_per_process() -> None:
    from attribution.embedding import default_embedder

    assert default_embedder() is default_embedder()
