"""A small logistic regression (Newton's method, L2), for calibrating decision rules.

Only the calibration scripts fit; the pipeline uses the stored weights
(``core/thresholds.py``) and ``core.thresholds.probability``, so nothing is learned at run time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def fit(
    features: np.ndarray,
    labels: np.ndarray,
    *,
    l2: float = 1e-3,
    steps: int = 50,
    sample_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Weights (bias last) maximising the penalised log-likelihood of ``labels`` (0/1).

    ``sample_weight``: how much each row counts (1 each when not given), so that one
    corpus of a joint fit can count less than the other.
    """
    x = np.hstack([features, np.ones((len(features), 1))])
    weight = np.ones(len(x)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (weight * (p - labels)) + penalty @ w
        hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def best_threshold(scores: np.ndarray, labels: np.ndarray, objective: str = "f1") -> float:
    """The cut on ``scores`` that maximises F1 (of class 1) or balanced accuracy on these labels."""
    best, best_value = 0.5, -1.0
    for t in np.unique(np.round(scores, 3)):
        predicted = scores >= t
        tp = float(np.sum(predicted & (labels == 1)))
        fp = float(np.sum(predicted & (labels == 0)))
        fn = float(np.sum(~predicted & (labels == 1)))
        tn = float(np.sum(~predicted & (labels == 0)))
        if objective == "f1":
            value = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        else:
            value = (tp / max(tp + fn, 1) + tn / max(tn + fp, 1)) / 2
        if value > best_value:
            best, best_value = float(t), value
    return best


def folds(groups: Sequence[str], k: int = 5) -> list[np.ndarray]:
    """k test-index arrays, keeping each group in one fold (deterministic)."""
    names = sorted(set(groups))
    assignment = {g: i % k for i, g in enumerate(names)}
    index = np.array([assignment[g] for g in groups])
    return [np.flatnonzero(index == f) for f in range(k)]
