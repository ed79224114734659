"""The logistic fit behind the calibrated weights."""

from __future__ import annotations

import numpy as np

from attribution.accuracy.learn import fit


def _data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] - 0.5 * x[:, 1] + rng.normal(scale=0.8, size=200) > 0).astype(float)
    return x, y


def test_fit_finds_the_signs_of_the_signal() -> None:
    x, y = _data()
    w = fit(x, y)
    assert w[0] > 0 > w[1]


def test_a_row_of_weight_two_counts_as_two_rows() -> None:
    x, y = _data()
    weight = np.where(np.arange(len(y)) < 50, 2.0, 1.0)
    doubled = fit(np.vstack([x, x[:50]]), np.concatenate([y, y[:50]]))
    assert np.allclose(fit(x, y, sample_weight=weight), doubled, atol=1e-6)
    assert not np.allclose(fit(x, y), doubled, atol=1e-3)


def test_a_corpus_of_weight_zero_is_not_learned_from() -> None:
    x, y = _data()
    flipped = np.vstack([x, x]), np.concatenate([y, 1 - y])
    weight = np.concatenate([np.ones(len(y)), np.zeros(len(y))])
    assert np.allclose(fit(*flipped, sample_weight=weight), fit(x, y), atol=1e-6)
