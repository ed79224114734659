"""How far one support model can serve MRPC and XSumFaith at once, for the packaged model or another.

    python benchmarks/support_frontier.py --rows DIR [--model PATH] [--both-ways] [--data ../shared/data]

Issue 13 asks for MRPC train F1 >= 0.83 while XSumFaith's extrinsic balanced accuracy stays
>= 0.70, from one sentence support model. This refits the stored evidence fields with
XSumFaith's pairs counting less and less (weight 1 down to 0.1 of an MRPC pair, and MRPC
alone), each in 5-fold cross-validation with the weights and cut chosen on the training
folds, every score through the product's own labelling rules (MRPC both ways, as ``attrib
eval`` scores it; ``support_model``). It prints the frontier, and MRPC F1 of the weakest
sentence's cosine alone. ``--model`` collects the rows with another sentence-transformers
model (torch backend; a separate ``--rows`` folder per model): the same rules and fields,
so the difference is the embedding's. ``--both-ways`` fits each MRPC pair in both directions
(each at half weight), as ``attrib eval`` scores it. Nothing here is used by the product.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from support_model import BASE, Corpus, Mrpc, Scores, cosine_only, refit, scorer, support_rows

XSUM_WEIGHTS = (1.0, 0.5, 0.3, 0.2, 0.1, 0.0)


def frontier_point(m: Mrpc, x: Corpus, scores: Scores, xsum_weight: float, both_ways: bool) -> dict[str, float]:
    fit = refit(m, x, list(BASE), scores, xsum_weight, both_ways)
    cv, inside = fit["cross_validated"], fit["in_sample"]
    assert isinstance(cv, dict) and isinstance(inside, dict)
    return {
        "xsum_weight": xsum_weight,
        "cv_mrpc_f1": cv["mrpc_f1"],
        "cv_xsum_balanced_accuracy": cv["xsum_balanced_accuracy"],
        "in_sample_mrpc_f1": inside["mrpc_f1"],
        "in_sample_xsum_balanced_accuracy": inside["xsum_balanced_accuracy"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--rows", type=Path, required=True, help="folder of cached support rows (one per model)")
    parser.add_argument("--model", default=None, help="a sentence-transformers model path (default: the packaged one)")
    parser.add_argument(
        "--both-ways", action="store_true", help="fit each MRPC pair in both directions at half weight, as it is scored"
    )
    args = parser.parse_args()
    rows = {c: support_rows(args.data, c, args.rows, args.model) for c in ("mrpc", "mrpc-swapped", "xsumfaith")}
    m = Mrpc(rows["mrpc"], rows["mrpc-swapped"], BASE)
    x = Corpus(rows["xsumfaith"], BASE, "faithful", "x")
    scores = scorer(m, x, set())
    out = {
        "model": args.model or "all-MiniLM-L6-v2 (packaged)",
        "mrpc_cv_f1_cosine_only_one_way": round(cosine_only(m), 4),
        "mrpc_fitted": "both ways" if args.both_ways else "forward",
        "frontier": [frontier_point(m, x, scores, w, args.both_ways) for w in XSUM_WEIGHTS],
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
