"""Fitting the sentence support model (``SUPPORT_WEIGHTS``, ``SUPPORT_THRESHOLD``), scored as the product decides.

Used by ``calibrate.py`` (the stored fit) and ``support_features.py`` (candidate features).
The model is fitted on each pair's weakest story sentence (lowest cosine), MRPC train
(1 = paraphrase) and XSumFaith (faithful = supported) together. MRPC is scored as
``attrib eval`` scores it, both ways (each sentence audited as the other's source; a
paraphrase when both come out drawn), and the stored fit reads both directions, each at half
weight (``refit(both_ways=True)``). Every score here goes
through the product's own rules (``attribution.accuracy.support_rows``): a verbatim
sentence stays verbatim, a claim hung on unnamed speakers stays added, XSumFaith's
summaries are flagged by added details too, so the figures are ``attrib eval``'s. In
cross-validation (5 folds, by MRPC pair and by XSum article) both the weights and the
threshold are chosen on the training folds only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from attribution.accuracy.corpora import read_mrpc, read_xsumfaith, swapped
from attribution.accuracy.learn import best_threshold, fit, folds
from attribution.accuracy.support_rows import (
    PairRows,
    SentenceRow,
    collect,
    load,
    mrpc_outcome,
    replay_disagreements,
    save,
    stored_support,
    xsum_outcome,
)
from attribution.core import thresholds as T
from attribution.core.evidence import Evidence
from attribution.embedding import load_embedder

Feature = Callable[[SentenceRow], float]
READERS = {
    "mrpc": read_mrpc,
    "mrpc-swapped": lambda data: swapped(read_mrpc(data)),
    "xsumfaith": read_xsumfaith,
}
CONFLICT_FIELDS = (
    "added_details",
    "number_change",
    "negation_flip",
    "changed_number",
    "changed_name",
    "changed_negation",
)
"""Evidence that a sentence states something its source does not: its weight may only lower support. A
field whose fitted weight comes out positive (a changed name making a sentence *more* supported, because
MRPC's own paraphrases often name people differently; added details, because its paraphrases restate
names the other sentence leaves out) is left out (weight 0) and the rest refitted. Left free,
``added_details`` fitted 0.185: an added name raised support, which no editor would accept."""
THRESHOLD_GRID = np.round(np.arange(0.05, 0.80, 0.01), 2)


def support_rows(data: Path, corpus: str, folder: Path | None, model: str | None = None) -> list[PairRows]:
    """The corpus's rows, read from ``folder`` when cached there, else computed (and cached when a folder is given).

    ``model``: another sentence-transformers model (a path; the torch backend) instead of the packaged one.
    """
    path = folder / f"support-rows-{corpus}.json.gz" if folder else None
    if path and path.exists():
        return load(path)
    embedder = load_embedder(model, backend="torch") if model else load_embedder()
    pairs = collect(list(READERS[corpus](data)), embedder)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        save(pairs, path)
    return pairs


def evidence_feature(name: str) -> Feature:
    k = Evidence.names().index(name)
    return lambda row: row.evidence[k]


BASE: dict[str, Feature] = {n: evidence_feature(n) for n in Evidence.names()}


def weakest(pair: PairRows) -> SentenceRow:
    story = [r for r in pair.rows if r.story] or [pair.rows[0]]
    return min(story, key=lambda r: r.evidence[0])


class Corpus:
    """One corpus's pairs with their design matrix (weakest sentence) and every sentence's features."""

    def __init__(
        self, pairs: Sequence[PairRows], features: dict[str, Feature], positive: str, groups: str = ""
    ) -> None:
        self.pairs = list(pairs)
        self.y = np.array([p.label == positive for p in self.pairs])
        self.groups = [groups + p.group for p in self.pairs]
        self.x = np.array([[f(weakest(p)) for f in features.values()] for p in self.pairs])
        rows = [r for p in self.pairs for r in p.rows]
        self.all_x = np.array([[f(r) if r.sourced else 0.0 for f in features.values()] for r in rows])
        self.sizes = np.cumsum([0, *(len(p.rows) for p in self.pairs)])

    def support(self, w: np.ndarray) -> list[np.ndarray]:
        s = _sigmoid(w, self.all_x)
        return [s[a:b] for a, b in zip(self.sizes[:-1], self.sizes[1:], strict=True)]


class Mrpc(Corpus):
    """MRPC's pairs and the same pairs swapped (each sentence the other's source): a paraphrase is drawn both ways."""

    def __init__(self, pairs: Sequence[PairRows], swapped: Sequence[PairRows], features: dict[str, Feature]) -> None:
        super().__init__(pairs, features, "1")
        if [p.id for p in swapped] != [p.id for p in pairs]:
            raise SystemExit("the swapped MRPC rows are not the same pairs in the same order: re-collect them")
        self.swapped = Corpus(swapped, features, "1")

    def said(self, support: list[np.ndarray], backward: list[np.ndarray], t: float, which: np.ndarray) -> np.ndarray:
        """Paraphrase: each sentence comes out drawn from the other (``corpora.mrpc_both_ways``)."""
        return np.array(
            [
                mrpc_outcome(self.pairs[i], support[i], t) and mrpc_outcome(self.swapped.pairs[i], backward[i], t)
                for i in which
            ],
            dtype=bool,
        )


def _sigmoid(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))


def f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    tp = np.sum(gold & predicted)
    return float(2 * tp / (2 * tp + np.sum(~gold & predicted) + np.sum(gold & ~predicted)))


def balanced(gold: np.ndarray, predicted: np.ndarray) -> float:
    return float((np.mean(predicted[gold]) + np.mean(~predicted[~gold])) / 2)


def constrained_fit(x: np.ndarray, y: np.ndarray, names: Sequence[str], weight: np.ndarray | None = None) -> np.ndarray:
    keep = list(range(x.shape[1]))
    while True:
        w = fit(x[:, keep], y.astype(float), sample_weight=weight)
        wrong = [k for k, v in zip(keep, w[:-1], strict=True) if names[k] in CONFLICT_FIELDS and v > 0]
        if not wrong:
            break
        keep = [k for k in keep if k not in wrong]
    full = np.zeros(x.shape[1] + 1)
    full[keep] = w[:-1]
    full[-1] = w[-1]
    return full


Supports = tuple[list[np.ndarray], list[np.ndarray]]
"""Every MRPC sentence's support, forward and swapped."""


def outcomes(
    m: Mrpc, x: Corpus, sm: Supports, sx: list[np.ndarray], t: float, im: np.ndarray, ix: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MRPC said paraphrase; XSum flagged extrinsic; XSum flagged either way (extrinsic or a changed fact)."""
    pm = m.said(*sm, t, im)
    found = [xsum_outcome(x.pairs[i], sx[i], t) for i in ix]
    return pm, np.array([e for e, _ in found], dtype=bool), np.array([e or c for e, c in found], dtype=bool)


def choose_threshold(  # type: ignore[no-untyped-def]
    m: Mrpc, x: Corpus, sm: Supports, sx: list[np.ndarray], im, ix, mrpc_alone: bool = False
) -> float:
    """The cut that maximises MRPC F1 plus XSum balanced accuracy on these pairs (or MRPC F1 alone)."""

    def value(t: float) -> float:
        pm, px, _ = outcomes(m, x, sm, sx, t, im, ix)
        return f1(m.y[im], pm) + (0.0 if mrpc_alone else balanced(~x.y[ix], px))

    return float(max(THRESHOLD_GRID, key=value))


Scores = Callable[[np.ndarray, np.ndarray, np.ndarray], dict[str, float]]


def refit(
    m: Mrpc, x: Corpus, names: Sequence[str], scores: Scores, xsum_weight: float = 1.0, both_ways: bool = False
) -> dict[str, object]:
    """The joint refit's 5-fold cross-validated and in-sample scores, its weights and its cut.

    ``xsum_weight``: how much an XSumFaith pair counts against an MRPC pair in the fit; at 0 the
    model is fitted and cut on MRPC alone (XSum scored, not learned from). ``both_ways``: each MRPC
    pair is fitted in both directions, each at half weight, as it is scored (the stored fit reads
    the forward direction only).
    """
    all_m, all_x = np.arange(len(m.pairs)), np.arange(len(x.pairs))
    mrpc_alone = not xsum_weight

    def fitted(rm: np.ndarray, rx: np.ndarray) -> np.ndarray:
        xsum = np.full(len(rx), max(xsum_weight, 1e-6))
        if both_ways:
            half = np.full(2 * len(rm), 0.5)
            rows, labels = np.vstack([m.x[rm], m.swapped.x[rm], x.x[rx]]), np.concatenate([m.y[rm], m.y[rm], x.y[rx]])
            return constrained_fit(rows, labels, names, np.concatenate([half, xsum]))
        weight = np.concatenate([np.ones(len(rm)), xsum])
        return constrained_fit(np.vstack([m.x[rm], x.x[rx]]), np.concatenate([m.y[rm], x.y[rx]]), names, weight)

    pm, px, pe = np.zeros(len(m.y), bool), np.zeros(len(x.y), bool), np.zeros(len(x.y), bool)
    for tm, tx in zip(folds(m.groups), folds(x.groups), strict=True):
        rm, rx = np.setdiff1d(all_m, tm), np.setdiff1d(all_x, tx)
        w = fitted(rm, rx)
        sm, sx = (m.support(w), m.swapped.support(w)), x.support(w)
        t = choose_threshold(m, x, sm, sx, rm, rx, mrpc_alone)
        pm[tm], px[tx], pe[tx] = outcomes(m, x, sm, sx, t, tm, tx)
    out: dict[str, object] = {"cross_validated": scores(pm, px, pe)}
    w = fitted(all_m, all_x)
    sm, sx = (m.support(w), m.swapped.support(w)), x.support(w)
    t = choose_threshold(m, x, sm, sx, all_m, all_x, mrpc_alone)
    out["in_sample"] = scores(*outcomes(m, x, sm, sx, t, all_m, all_x))
    out["SUPPORT_WEIGHTS"] = dict(zip([*names, "bias"], [round(float(v), 3) for v in w], strict=True))
    out["SUPPORT_THRESHOLD"] = round(t, 3)
    return out


def scorer(m: Mrpc, x: Corpus, intrinsic: set[str]) -> Scores:
    """MRPC F1, XSum extrinsic balanced accuracy and XSum flagged either kind, from each pair's outcome."""
    either = np.array([p.label == "extrinsic" or p.id in intrinsic for p in x.pairs])

    def scores(pm: np.ndarray, px: np.ndarray, pe: np.ndarray) -> dict[str, float]:
        return {
            "mrpc_f1": round(f1(m.y, pm), 4),
            "xsum_balanced_accuracy": round(balanced(~x.y, px), 4),
            "xsum_flagged_either_kind": round(balanced(either, pe), 4),
        }

    return scores


def support_fit(
    mrpc: Sequence[PairRows],
    mrpc_swapped: Sequence[PairRows],
    xsum: Sequence[PairRows],
    intrinsic: set[str],
    features: dict[str, Feature] | None = None,
    *,
    mrpc_alone: bool = False,
) -> dict[str, object]:
    """Stored weights' scores, the refit's 5-fold cross-validated and in-sample scores, and its weights.

    ``mrpc_alone``: fitted and cut on MRPC only (XSum scored, not learned from), for comparison.
    """
    features = features or BASE
    m, x = Mrpc(mrpc, mrpc_swapped, features), Corpus(xsum, features, "faithful", "x")
    scores = scorer(m, x, intrinsic)
    out: dict[str, object] = {}
    disagree = replay_disagreements([*mrpc, *mrpc_swapped, *xsum])
    if disagree:
        raise SystemExit(
            f"the replay of the labelling rules disagrees with the pipeline on {len(disagree)} pairs, "
            f"e.g. {disagree[:3]}: update attribution/accuracy/support_rows.py (or re-collect the rows)"
        )
    if features is BASE:

        def stored(c: Corpus) -> list[np.ndarray]:
            return [np.array([stored_support(r) for r in p.rows]) for p in c.pairs]

        all_m, all_x = np.arange(len(m.pairs)), np.arange(len(x.pairs))
        stored_supports = (stored(m), stored(m.swapped))
        out["stored"] = scores(*outcomes(m, x, stored_supports, stored(x), T.SUPPORT_THRESHOLD, all_m, all_x))
        out["mrpc_cv_f1_cosine_only"] = round(cosine_only(m), 4)
    return out | refit(m, x, list(features), scores, 0.0 if mrpc_alone else 1.0, both_ways=True)


def cosine_only(m: Corpus) -> float:
    """MRPC F1 of the weakest sentence's cosine alone, one threshold chosen on the training folds."""
    cosine = m.x[:, list(BASE).index("cosine")] if m.x.shape[1] >= len(BASE) else m.x[:, 0]
    predicted = np.zeros(len(m.y), dtype=bool)
    for test in folds(m.groups):
        train = np.setdiff1d(np.arange(len(m.y)), test)
        predicted[test] = cosine[test] >= best_threshold(cosine[train], m.y[train].astype(int), "f1")
    return f1(m.y, predicted)
