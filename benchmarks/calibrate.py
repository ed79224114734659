"""Fit attrib's decision rules on the public training corpora, with cross-validation.

    python benchmarks/calibrate.py [--data ../shared/data]

Prints cross-validated scores of each fitted rule beside its hand-set or one-feature
baseline, and the numbers to store in attribution/thresholds.py. Nothing here runs
in the product; the pipeline only reads the stored numbers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from attribution.accuracy.corpora import read_mrpc, read_short_answer, read_xsumfaith, run_items
from attribution.accuracy.learn import best_threshold, fit, folds
from attribution.core.records import DerivationEvidence, DerivativeLabel, Evidence
from attribution.embedding import load_embedder


def sentence_features(items: list) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    """The support features of each pair's weakest story sentence, and whether it is verbatim."""
    reports = run_items(items, load_embedder())
    rows, verbatim = [], []
    for report in reports:
        story = [d for d in report.derivative_sentences if d.sentence.role.is_story] or [report.derivative_sentences[0]]
        weakest = min(story, key=lambda d: d.evidence.cosine)
        rows.append(weakest.evidence.values())
        verbatim.append(weakest.label == DerivativeLabel.VERBATIM)
    return np.array(rows), np.array(verbatim)


def _score(y: np.ndarray, predicted: np.ndarray, objective: str) -> float:
    tp = np.sum(predicted & (y == 1))
    fp = np.sum(predicted & (y == 0))
    fn = np.sum(~predicted & (y == 1))
    tn = np.sum(~predicted & (y == 0))
    if objective == "f1":
        return float(2 * tp / (2 * tp + fp + fn))
    return float((tp / (tp + fn) + tn / (tn + fp)) / 2)


def cosine_only(x: np.ndarray, y: np.ndarray, groups: list[str]) -> float:
    predicted = np.zeros(len(y), dtype=bool)
    for test in folds(groups):
        train = np.setdiff1d(np.arange(len(y)), test)
        t = best_threshold(x[train, 0], y[train], "f1")
        predicted[test] = x[test, 0] >= t
    return _score(y, predicted, "f1")


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
    args = parser.parse_args()
    out: dict[str, object] = {}

    # Sentence support: MRPC (1 = supported) and XSumFaith (faithful = supported), fitted together.
    mrpc = list(read_mrpc(args.data))
    xsum = list(read_xsumfaith(args.data))
    xm, forced_m = sentence_features(mrpc)
    xx, forced_x = sentence_features(xsum)
    ym = np.array([int(i.label) for i in mrpc])
    yx = np.array([int(i.label == "faithful") for i in xsum])
    gm, gx = [i.group for i in mrpc], ["x" + i.group for i in xsum]
    out["mrpc_cv_f1_cosine_only"] = round(cosine_only(xm, ym, gm), 4)
    cv_m, cv_x = joint_cross_validate(xm, ym, gm, forced_m, xx, yx, gx, forced_x)
    out["mrpc_cv_f1_model"] = round(cv_m, 4)
    out["xsum_cv_balanced_accuracy_model"] = round(cv_x, 4)
    w, t = joint_fit(xm, ym, forced_m, xx, yx, forced_x)
    out["SUPPORT_WEIGHTS"] = dict(zip([*Evidence.names(), "bias"], [round(float(v), 3) for v in w], strict=True))
    out["SUPPORT_THRESHOLD"] = round(t, 3)

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


def _scores(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))


CONFLICT_FIELDS = ("number_change", "negation_flip", "changed_number", "changed_name", "changed_negation")
"""Evidence that a sentence states something other than its source: its weight may only lower support. A
field whose fitted weight comes out positive (a changed name making a sentence *more* supported, because
MRPC's own paraphrases often name people differently) is left out (weight 0) and the rest refitted."""


def _constrained_fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    names = list(Evidence.names())
    keep = list(range(x.shape[1]))
    while True:
        w = fit(x[:, keep], y)
        wrong = [k for k, v in zip(keep, w[:-1], strict=True) if names[k] in CONFLICT_FIELDS and v > 0]
        if not wrong:
            break
        keep = [k for k in keep if k not in wrong]
    full = np.zeros(x.shape[1] + 1)
    full[keep] = w[:-1]
    full[-1] = w[-1]
    return full


def joint_fit(
    xm: np.ndarray, ym: np.ndarray, fm: np.ndarray, xx: np.ndarray, yx: np.ndarray, fx: np.ndarray
) -> tuple[np.ndarray, float]:
    """One model for both corpora; the threshold maximises the mean of MRPC F1 and XSum balanced accuracy."""
    w = _constrained_fit(np.vstack([xm, xx]), np.concatenate([ym, yx]))
    sm, sx = _scores(w, xm), _scores(w, xx)
    grid = np.unique(np.round(np.concatenate([sm, sx]), 2))
    best = max(
        grid,
        key=lambda t: _score(ym, (sm >= t) | fm, "f1") + _score(yx, (sx >= t) | fx, "balanced"),
    )
    return w, float(best)


def joint_cross_validate(
    xm: np.ndarray,
    ym: np.ndarray,
    gm: list[str],
    fm: np.ndarray,
    xx: np.ndarray,
    yx: np.ndarray,
    gx: list[str],
    fx: np.ndarray,
) -> tuple[float, float]:
    pm, px = np.zeros(len(ym), dtype=bool), np.zeros(len(yx), dtype=bool)
    for tm, tx in zip(folds(gm), folds(gx), strict=True):
        rm, rx = np.setdiff1d(np.arange(len(ym)), tm), np.setdiff1d(np.arange(len(yx)), tx)
        w, t = joint_fit(xm[rm], ym[rm], fm[rm], xx[rx], yx[rx], fx[rx])
        pm[tm] = (_scores(w, xm[tm]) >= t) | fm[tm]
        px[tx] = (_scores(w, xx[tx]) >= t) | fx[tx]
    return _score(ym, pm, "f1"), _score(yx, px, "balanced")


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
