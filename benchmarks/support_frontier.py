"""How far one support model can serve MRPC and XSumFaith at once, for the packaged model or another.

    python benchmarks/support_frontier.py --rows DIR [--model PATH] [--data ../shared/data]

Issue 13 asks for MRPC train F1 >= 0.83 while XSumFaith's extrinsic balanced accuracy stays
>= 0.70, from one sentence support model. This refits the stored evidence fields with
XSumFaith's pairs counting less and less (weight 1 down to 0.1 of an MRPC pair, and MRPC
alone), each in 5-fold cross-validation with the weights and cut chosen on the training
folds, every score through the product's own labelling rules (MRPC both ways, as ``attrib
eval`` scores it; ``support_model``). It prints the frontier, and MRPC F1 of the weakest
sentence's cosine alone. ``--model`` collects the rows with another sentence-transformers
model (torch backend; a separate ``--rows`` folder per model): the same rules and fields,
so the difference is the embedding's. Nothing here is used by the product.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from support_model import BASE, THRESHOLD_GRID, Corpus, Mrpc, balanced, constrained_fit, f1, outcomes, support_rows

from attribution.accuracy.learn import folds

XSUM_WEIGHTS = (1.0, 0.5, 0.3, 0.2, 0.1, 0.0)


def frontier_point(m: Mrpc, x: Corpus, xsum_weight: float) -> dict[str, float]:
    names = list(BASE)
    all_m, all_x = np.arange(len(m.pairs)), np.arange(len(x.pairs))

    def fitted(rm: np.ndarray, rx: np.ndarray) -> np.ndarray:
        weight = np.concatenate([np.ones(len(rm)), np.full(len(rx), max(xsum_weight, 1e-6))])
        return constrained_fit(np.vstack([m.x[rm], x.x[rx]]), np.concatenate([m.y[rm], x.y[rx]]), names, weight)

    def scored(w: np.ndarray, t: float, im: np.ndarray, ix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pm, px, _ = outcomes(m, x, (m.support(w), m.swapped.support(w)), x.support(w), t, im, ix)
        return pm, px

    def cut(w: np.ndarray, rm: np.ndarray, rx: np.ndarray) -> float:
        def value(t: float) -> float:
            pm, px = scored(w, t, rm, rx)
            return f1(m.y[rm], pm) + (balanced(~x.y[rx], px) if xsum_weight else 0.0)

        return float(max(THRESHOLD_GRID, key=value))

    pm, px = np.zeros(len(m.y), bool), np.zeros(len(x.y), bool)
    for tm, tx in zip(folds(m.groups), folds(x.groups), strict=True):
        rm, rx = np.setdiff1d(all_m, tm), np.setdiff1d(all_x, tx)
        w = fitted(rm, rx)
        pm[tm], px[tx] = scored(w, cut(w, rm, rx), tm, tx)
    w = fitted(all_m, all_x)
    im, ix = scored(w, cut(w, all_m, all_x), all_m, all_x)
    return {
        "xsum_weight": xsum_weight,
        "cv_mrpc_f1": round(f1(m.y, pm), 4),
        "cv_xsum_balanced_accuracy": round(balanced(~x.y, px), 4),
        "in_sample_mrpc_f1": round(f1(m.y, im), 4),
        "in_sample_xsum_balanced_accuracy": round(balanced(~x.y, ix), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--rows", type=Path, required=True, help="folder of cached support rows (one per model)")
    parser.add_argument("--model", default=None, help="a sentence-transformers model path (default: the packaged one)")
    args = parser.parse_args()
    rows = {c: support_rows(args.data, c, args.rows, args.model) for c in ("mrpc", "mrpc-swapped", "xsumfaith")}
    m = Mrpc(rows["mrpc"], rows["mrpc-swapped"], BASE)
    x = Corpus(rows["xsumfaith"], BASE, "faithful", "x")
    from support_model import cosine_only

    out = {
        "model": args.model or "all-MiniLM-L6-v2 (packaged)",
        "mrpc_cv_f1_cosine_only_one_way": round(cosine_only(m), 4),
        "frontier": [frontier_point(m, x, w) for w in XSUM_WEIGHTS],
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
