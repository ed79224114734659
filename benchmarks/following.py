"""Fit and check the rules of core/following.py on the short-answer corpus, with leave-one-task-out folds.

    python benchmarks/following.py [--data ../shared/data]

Prints FOLLOWS_WEIGHTS and FOLLOWS_THRESHOLD to store in attribution/core/thresholds.py, the
derived-vs-not accuracy of the whole verdict with them (in-sample and with the model refitted
on four tasks and scored on the fifth, five folds), the strongest answer written without the
source, and the vocabulary-share bounds that WHOLLY_VOCABULARY_SHARE sits between. Seconds with
a warm embedding cache. Nothing here runs in the product.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from attribution.accuracy.corpora import read_short_answer, run_items
from attribution.accuracy.learn import best_threshold, fit, folds
from attribution.core import thresholds as T
from attribution.core.classify import derivation_evidence, is_reused_passage
from attribution.core.evidence import DerivationEvidence, FollowingEvidence
from attribution.core.following import following_evidence
from attribution.core.records import Derivation, QuoteStatus
from attribution.core.report import Report
from attribution.core.text import PreparedText
from attribution.embedding import load_embedder

RIDGE = 0.1
"""As for DERIVED_WEIGHTS (benchmarks/calibrate.py's DERIVED_L2): 95 answers are few."""


def evidence(report: Report) -> FollowingEvidence:
    """The following evidence of a report, from its own sentences (as the pipeline computes it)."""
    source = PreparedText.of(report.source.text, [s.sentence for s in report.source_sentences])
    derivative = PreparedText.of(report.derivative.text, [d.sentence for d in report.derivative_sentences])
    quoted = [(q.start, q.end) for q in report.quotes if q.status in (QuoteStatus.MATCHES, QuoteStatus.ALTERED)]
    return following_evidence(source, derivative, report.derivative_sentences, quoted)


def other_rules(report: Report) -> tuple[bool, bool]:
    """(reused passage, drawn half and the whole-text model says derived): the verdict's rules besides following."""
    found = derivation_evidence(report.derivative_sentences, report.copied_runs)
    whole = T.probability(T.DERIVED_WEIGHTS, DerivationEvidence.names(), found.values()) >= T.DERIVED_THRESHOLD
    reused = any(is_reused_passage(p) for p in report.passages)
    return reused, report.verdict.drawn_share >= T.WHOLLY_DRAWN_SHARE and whole


def _scores(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))


def _middle(scores: np.ndarray, y: np.ndarray, lowest: float) -> float:
    """The middle of the interval of cuts that score as well as ``lowest`` (best_threshold's lowest best cut):
    between the strongest negative under it and the weakest positive at or over it, for a margin both ways."""
    below = scores[(scores < lowest) & (y == 0)]
    above = scores[(scores >= lowest) & (y == 1)]
    if not len(below) or not len(above):
        return lowest
    return float((below.max() + above.min()) / 2)


def _cross_validate(x: np.ndarray, y: np.ndarray, others: np.ndarray, groups: list[str], mid_gap: bool) -> np.ndarray:
    """Derived or not for each answer, the model fitted on the other four tasks; its cut the lowest best one
    on them (``best_threshold``, as for the other fitted cuts), or the middle of the gap (as stored)."""
    predicted = np.zeros(len(y), dtype=bool)
    for test in folds(groups):
        train = np.setdiff1d(np.arange(len(y)), test)
        w = fit(x[train], y[train], l2=RIDGE)
        scores = _scores(w, x)
        t = best_threshold(scores[train], y[train], "balanced")
        if mid_gap:
            t = _middle(scores[train], y[train], t)
        predicted[test] = others[test] | (scores[test] >= t)
    return predicted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    items = list(read_short_answer(args.data))
    reports = run_items(items, load_embedder())
    x = np.array([evidence(r).values() for r in reports])
    y = np.array([int(i.label != "non") for i in items])
    others = np.array([any(other_rules(r)) for r in reports])

    groups = [i.group for i in items]
    lowest, middle = _cross_validate(x, y, others, groups, False), _cross_validate(x, y, others, groups, True)
    w = fit(x, y, l2=RIDGE)
    scores = _scores(w, x)
    t = _middle(scores, y, best_threshold(scores, y, "balanced"))
    in_sample = others | (scores >= t)
    wholly = [k for k, r in enumerate(reports) if y[k] and r.verdict.derivation is Derivation.WHOLLY]
    out = {
        "FOLLOWS_WEIGHTS": dict(
            zip([*FollowingEvidence.names(), "bias"], [round(float(v), 2) for v in w], strict=True)
        ),
        "FOLLOWS_THRESHOLD": round(t, 2),
        "derived_accuracy_in_sample": round(float(np.mean(in_sample == (y == 1))), 4),
        "derived_accuracy_leave_one_task_out": round(float(np.mean(lowest == (y == 1))), 4),
        "misses_leave_one_task_out": [items[k].id for k in np.flatnonzero(lowest != (y == 1))],
        "derived_accuracy_leave_one_task_out_cut_mid_gap": round(float(np.mean(middle == (y == 1))), 4),
        "misses_leave_one_task_out_cut_mid_gap": [items[k].id for k in np.flatnonzero(middle != (y == 1))],
        "strongest_non_score": round(float(scores[y == 0].max()), 3),
        "vocabulary_share_lowest_wholly_derived": round(float(min(x[k, 0] for k in wholly)), 3),
        "vocabulary_share_highest_non": round(float(x[y == 0, 0].max()), 3),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
