"""Candidate features for the sentence support model, each scored as the product decides.

    python benchmarks/support_features.py [--data ../shared/data] [--rows DIR] [--word-vectors] [--only NAME ...]

Issue 13 asked for MRPC train F1 >= 0.83 with XSumFaith's extrinsic balanced accuracy
kept >= 0.70. This adds each cheap "do these two sentences say the same thing" measure
to the stored evidence fields in turn (and a few together), refits the joint model,
and prints its 5-fold cross-validated and in-sample scores (``support_model.support_fit``:
weights and threshold chosen on training folds, scores through the product's own
labelling rules), beside the same features fitted on MRPC alone. ``--word-vectors``
adds measures from all-MiniLM-L6-v2 vectors of content words (one extra encoding of
every content word and of each sentence's content words; about 2 minutes, not cached) and of
clauses (each derivative sentence split at commas and conjunctions, its weakest clause's cosine
with its sources).
The measures are rapidfuzz's (the product's string library) and wordfreq's Zipf
frequencies (already a dependency); nothing here is used by the product.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from support_model import BASE, Feature, SentenceRow, support_fit, support_rows
from wordfreq import zipf_frequency

from attribution.accuracy.corpora import xsum_intrinsic
from attribution.core.lexicon import STOP_WORDS, content_stems, stem
from attribution.core.textfold import plain, words
from attribution.embedding import load_embedder

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _information(word: str) -> float:
    """How rare a word is: 7 minus its Zipf frequency ("said" 1.0, "disarray" 4.0), at least 0."""
    return max(0.0, 7.0 - zipf_frequency(word, "en"))


def _stems(text: str) -> dict[str, float]:
    """Content stems of a text, each with the rarity of its first word."""
    out: dict[str, float] = {}
    for w in words(text):
        if w.text not in STOP_WORDS and len(w.text) > 1:
            out.setdefault(stem(w.text), _information(w.text))
    return out


def _rare_share(mine: dict[str, float], theirs: dict[str, float]) -> float:
    """Share of ``mine``'s rarity-weighted content words that ``theirs`` has."""
    total = sum(mine.values())
    return sum(v for s, v in mine.items() if s in theirs) / total if total else 1.0


def _numbers_kept(a: str, b: str) -> float:
    mine = set(_NUMBER.findall(a))
    return len(mine & set(_NUMBER.findall(b))) / len(mine) if mine else 1.0


def _novel_run(a: str, b: str) -> int:
    """The longest run of ``a``'s content words that ``b`` never uses, stop words passed over: an added clause
    ("... until elections can be held") rather than words swapped one by one."""
    theirs = set(content_stems(list(words(b))))
    best = run = 0
    for w in words(a):
        if w.text in STOP_WORDS or len(w.text) < 2 or not any(c.isalnum() for c in w.text):
            continue
        run = 0 if stem(w.text) in theirs else run + 1
        best = max(best, run)
    return best


_CLAUSE_BREAK = re.compile(r"\s*(?:,|;|--|\s-\s|\b(?:while|but|and|which|who|until|after|because|as|where|when)\b)\s*")


def _clauses(text: str) -> list[str]:
    """A sentence's clauses of three content words or more, split at commas and conjunctions (the sentence if none)."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(text) if p and p.strip()]
    return [p for p in parts if len(content_stems(list(words(p)))) >= 3] or [text]


def lexical_features() -> dict[str, Feature]:
    def pair(measure: Callable[[str, str], float]) -> Feature:
        return lambda r: measure(r.text, r.source_text)

    return {
        "ratio": pair(lambda a, b: fuzz.ratio(plain(a), plain(b)) / 100),
        "partial_ratio": pair(lambda a, b: fuzz.partial_ratio(plain(a), plain(b)) / 100),
        "token_sort_ratio": pair(lambda a, b: fuzz.token_sort_ratio(plain(a), plain(b)) / 100),
        "content_indel": pair(
            lambda a, b: Indel.normalized_similarity(content_stems(list(words(a))), content_stems(list(words(b))))
        ),
        "rare_kept_derivative": pair(lambda a, b: _rare_share(_stems(a), _stems(b))),
        "rare_kept_source": pair(lambda a, b: _rare_share(_stems(b), _stems(a))),
        "log_length_ratio": pair(lambda a, b: math.log((len(list(words(a))) + 1) / (len(list(words(b))) + 1))),
        "numbers_kept_derivative": pair(_numbers_kept),
        "numbers_kept_source": pair(lambda a, b: _numbers_kept(b, a)),
        "novel_run": pair(lambda a, b: math.log1p(_novel_run(a, b))),
        "cosine_squared": lambda r: BASE["cosine"](r) ** 2,
    }


def _content_words(text: str) -> list[str]:
    return list(
        dict.fromkeys(w.text for w in words(text) if w.text not in STOP_WORDS and any(c.isalpha() for c in w.text))
    )


def vector_features(rows: list[SentenceRow]) -> dict[str, Feature]:
    """Cosine of the sentences' content words only; rarity-weighted best match of each word in the other sentence."""
    embedder = load_embedder(cache=False)
    texts = sorted({" ".join(_content_words(t)) or t for r in rows for t in (r.text, r.source_text)})
    vocabulary = sorted({w for r in rows for t in (r.text, r.source_text) for w in _content_words(t)})
    text_vectors = dict(zip(texts, embedder.encode(texts), strict=True))
    word_vectors = dict(zip(vocabulary, embedder.encode(vocabulary), strict=True))

    def content_cosine(r: SentenceRow) -> float:
        u, v = (text_vectors[" ".join(_content_words(t)) or t] for t in (r.text, r.source_text))
        return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) or 1.0))

    def soft_kept(a: str, b: str, worst: bool) -> float:
        mine, theirs = _content_words(a), _content_words(b)
        if not mine or not theirs:
            return 1.0 if not mine else 0.0
        m = np.array([word_vectors[w] for w in mine])
        t = np.array([word_vectors[w] for w in theirs])
        m /= np.linalg.norm(m, axis=1, keepdims=True)
        t /= np.linalg.norm(t, axis=1, keepdims=True)
        best = (m @ t.T).max(axis=1)
        weight = np.array([_information(w) for w in mine]) + 1e-3
        return float(best.min() if worst else (best * weight).sum() / weight.sum())

    clause_texts = sorted({c for r in rows for c in _clauses(r.text)} | {r.source_text for r in rows})
    clause_vectors = dict(zip(clause_texts, embedder.encode(clause_texts), strict=True))

    def weakest_clause(r: SentenceRow) -> float:
        """Cosine with the sources of the sentence's clause least like them (an added clause scores low)."""
        v = clause_vectors[r.source_text]
        cs = [clause_vectors[c] for c in _clauses(r.text)]
        return min(float(c @ v / (np.linalg.norm(c) * np.linalg.norm(v) or 1.0)) for c in cs)

    return {
        "weakest_clause_cosine": weakest_clause,
        "content_cosine": content_cosine,
        "soft_kept_derivative": lambda r: soft_kept(r.text, r.source_text, False),
        "soft_worst_derivative": lambda r: soft_kept(r.text, r.source_text, True),
        "soft_kept_source": lambda r: soft_kept(r.source_text, r.text, False),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--rows", type=Path, default=None, help="folder of cached support rows (as calibrate.py)")
    parser.add_argument("--word-vectors", action="store_true", help="add the measures from content-word vectors")
    parser.add_argument("--only", nargs="+", default=None, help="score only these candidates (and the stored fields)")
    args = parser.parse_args()
    mrpc, xsum = support_rows(args.data, "mrpc", args.rows), support_rows(args.data, "xsumfaith", args.rows)
    mrpc_swapped = support_rows(args.data, "mrpc-swapped", args.rows)
    intrinsic = xsum_intrinsic(args.data)
    candidates = lexical_features()
    if args.word_vectors:
        candidates |= vector_features([r for p in [*mrpc, *mrpc_swapped, *xsum] for r in p.rows])

    def line(name: str, features: dict[str, Feature]) -> None:
        joint = support_fit(mrpc, mrpc_swapped, xsum, intrinsic, features)
        alone = support_fit(mrpc, mrpc_swapped, xsum, intrinsic, features, mrpc_alone=True)
        print(
            json.dumps(
                {
                    "features": name,
                    "joint_cv": joint["cross_validated"],
                    "joint_in_sample": joint["in_sample"],
                    "threshold": joint["SUPPORT_THRESHOLD"],
                    "mrpc_alone_cv_f1": alone["cross_validated"]["mrpc_f1"],  # type: ignore[index]
                    "mrpc_alone_in_sample_f1": alone["in_sample"]["mrpc_f1"],  # type: ignore[index]
                    "mrpc_alone_xsum_cv": alone["cross_validated"]["xsum_balanced_accuracy"],  # type: ignore[index]
                }
            ),
            flush=True,
        )

    if args.only:
        candidates = {name: candidates[name] for name in args.only}
    line("stored evidence fields", dict(BASE))
    for name, feature in candidates.items():
        line(f"+ {name}", {**BASE, name: feature})
    line("+ all", {**BASE, **candidates})


if __name__ == "__main__":
    main()
