"""Fit attrib's decision rules on the public training corpora, with cross-validation.

    python benchmarks/calibrate.py [--data ../shared/data] [--rows DIR]

Prints cross-validated scores of each fitted rule beside its hand-set or one-feature
baseline, and the numbers to store in attribution/thresholds.py. Nothing here runs
in the product; the pipeline only reads the stored numbers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from support_model import support_fit, support_rows

from attribution.accuracy.corpora import read_short_answer, run_items, xsum_intrinsic
from attribution.accuracy.learn import best_threshold, fit, folds
from attribution.core.evidence import DerivationEvidence
from attribution.embedding import load_embedder


def short_answer_features(data: Path) -> tuple[np.ndarray, list[str], list[str], list[tuple[float, float]]]:
    items = list(read_short_answer(data))
    reports = run_items(items, load_embedder())
    rows, shares = [], []
    for report in reports:
        rows.append(document_features(report))
        shares.append((report.verdict.shares.verbatim, document_features(report)[0]))
    PASSAGES["short-answer"] = [
        (
            i.label,
            max((p.support for p in r.passages), default=0.0),
            max((p.longest_run for p in r.passages), default=0),
        )
        for i, r in zip(items, reports, strict=True)
    ]
    return np.array(rows), [i.label for i in items], [i.group for i in items], shares


PASSAGES: dict[str, list[tuple[str, float, int]]] = {}
"""Per answer: its class, its strongest passage's support and its longest copied run (for PASSAGE_MIN_*)."""


def passage_bounds() -> dict[str, float]:
    """The strongest passage among answers written without the source: PASSAGE_MIN_SUPPORT and
    PASSAGE_MIN_RUN_WORDS must stay above it, and how many derived answers clear each bound."""
    rows = PASSAGES["short-answer"]
    non = [r for r in rows if r[0] == "non"]
    derived = [r for r in rows if r[0] != "non"]
    return {
        "non_max_passage_support": round(max(r[1] for r in non), 3),
        "non_max_longest_run": max(r[2] for r in non),
        "derived_with_passage_support_2": sum(1 for r in derived if r[1] >= 2.0),
        "derived_answers": len(derived),
    }


def document_features(report) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    from attribution.core.classify import derivation_evidence

    return derivation_evidence(report.derivative_sentences, report.copied_runs).values()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument(
        "--rows",
        type=Path,
        default=None,
        help="folder for the support rows of each corpus (support-rows-CORPUS.json.gz): read when there, else written",
    )
    args = parser.parse_args()
    out: dict[str, object] = {}

    # Sentence support: MRPC (1 = supported) and XSumFaith (faithful = supported), fitted together.
    mrpc, xsum = support_rows(args.data, "mrpc", args.rows), support_rows(args.data, "xsumfaith", args.rows)
    mrpc_swapped = support_rows(args.data, "mrpc-swapped", args.rows)
    out.update(support_fit(mrpc, mrpc_swapped, xsum, xsum_intrinsic(args.data)))

    dx, labels, tasks, shares = short_answer_features(args.data)
    dy = np.array([int(label != "non") for label in labels])
    out["short_answer_cv_derived_accuracy"] = round(_accuracy_cv(dx, dy, tasks), 4)
    dw = fit(dx, dy, l2=DERIVED_L2)
    dscores = 1 / (1 + np.exp(-(np.hstack([dx, np.ones((len(dx), 1))]) @ dw)))
    out["DERIVED_WEIGHTS"] = dict(
        zip([*DerivationEvidence.names(), "bias"], [round(float(v), 3) for v in dw], strict=True)
    )
    out["DERIVED_THRESHOLD"] = round(best_threshold(dscores, dy, "balanced"), 3)
    out["passage_bounds"] = passage_bounds()
    out["four_class_by_verbatim_share"] = four_class_cv([(v, c) for v, c in shares], labels, tasks)
    out["four_class_by_copied_share"] = four_class_cv([(c, v) for v, c in shares], labels, tasks)
    print(json.dumps(out, indent=2))


DERIVED_L2 = 0.1
"""Ridge strength for the derivation model: 95 answers are few, and a stronger penalty
keeps the weights of correlated features (copied share, longest run) sensible."""


def _accuracy_cv(x: np.ndarray, y: np.ndarray, groups: list[str]) -> float:
    predicted = np.zeros(len(y), dtype=bool)
    for test in folds(groups):
        train = np.setdiff1d(np.arange(len(y)), test)
        w = fit(x[train], y[train], l2=DERIVED_L2)
        scores = 1 / (1 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))
        t = best_threshold(scores[train], y[train], "balanced")
        predicted[test] = scores[test] >= t
    return float(np.mean(predicted == (y == 1)))


def four_class_cv(shares: list[tuple[float, float]], labels: list[str], tasks: list[str]) -> dict[str, object]:
    """cut/light/heavy thresholds on the verbatim share, chosen on training folds; derived taken from gold."""
    derived = [i for i, label in enumerate(labels) if label != "non"]
    grid = [round(v, 2) for v in np.arange(0.05, 1.0, 0.05)]

    def classify(v: float, cut: float, light: float) -> str:
        return "cut" if v >= cut else "light" if v >= light else "heavy"

    right = 0
    for test in folds([tasks[i] for i in derived]):
        test_set = {derived[i] for i in test}
        train = [i for i in derived if i not in test_set]
        best = max(
            ((c, li) for c in grid for li in grid if li <= c),
            key=lambda p: sum(classify(shares[i][0], *p) == labels[i] for i in train),
        )
        right += sum(classify(shares[i][0], *best) == labels[i] for i in test_set)
    best_all = max(
        ((c, li) for c in grid for li in grid if li <= c),
        key=lambda p: sum(classify(shares[i][0], *p) == labels[i] for i in derived),
    )
    return {
        "cv_accuracy_on_derived": round(right / len(derived), 4),
        "CUT_VERBATIM": best_all[0],
        "LIGHT_VERBATIM": best_all[1],
    }


if __name__ == "__main__":
    main()
