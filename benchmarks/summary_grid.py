"""How the summary-passage constants were chosen: a grid over the PAN 2013 sample, the short answers and the real pairs.

    python benchmarks/summary_grid.py [--data ../shared/data] [--show]

Runs the PAN 2013 sample (all five categories), the short-answer corpus and the real pairs
(``fixtures/gold/real``) through the pipeline once, then, for each setting of SUMMARY_WINDOW
and SUMMARY_COVERAGE (core/summaries.py), recomputes the passages and the document verdict
and prints, per corpus and category, how many pairs come out derived, and every pair whose
verdict the setting changes against the pipeline without summary passages. A setting is
admissible when it flags no pair written without the source (PAN no-plagiarism beyond the
one flagged before, short answers "non", the real pairs labelled "not"). ``--show`` prints
the stored setting's summary passages in the PAN summary pairs. Nothing here runs in the
product.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter
from pathlib import Path

from attribution.accuracy.corpora import Item, read_pan13, read_short_answer, run_items
from attribution.accuracy.gold import load_gold
from attribution.core import thresholds as T
from attribution.core.classify import verdict
from attribution.core.following import following_evidence
from attribution.core.passages import find_passages
from attribution.core.read import read_path
from attribution.core.records import PassageKind, QuoteStatus
from attribution.core.report import Report
from attribution.core.text import PreparedText
from attribution.embedding import load_embedder
from attribution.pipeline import compare

WINDOWS = [1, 2, 3, 4, 5]
COVERAGES = [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65]
STORED = (T.SUMMARY_WINDOW, T.SUMMARY_COVERAGE)
NOT_DERIVED = ("no-plagiarism", "non", "not")
OFF = (0, 2.0)
"""A setting that finds no summary passage (no window covers anything at a coverage over 1)."""


def derived(report: Report) -> tuple[bool, tuple[str, ...]]:
    """The document verdict again from the report's sentences, runs and quotations (one source, one language, as in
    these corpora); and its summary passages."""
    source, derivative = PreparedText.of(report.source.text), PreparedText.of(report.derivative.text)
    quoted = [(q.start, q.end) for q in report.quotes if q.status in (QuoteStatus.MATCHES, QuoteStatus.ALTERED)]
    sentences = report.derivative_sentences
    passages = find_passages(source, derivative, sentences, report.copied_runs, quoted)
    summaries = tuple(
        f"d{p.sentences[0]}-d{p.sentences[-1]} <- s{p.sources[0]}-s{p.sources[-1]} ({p.similarity:.2f})"
        for p in passages
        if p.kind is PassageKind.SUMMARY
    )
    following = following_evidence(source, derivative, sentences, quoted)
    return verdict(derivative, sentences, None, report.copied_runs, passages, following).derived, summaries


def real_items() -> list[tuple[Item, Report]]:
    out = []
    embedder = load_embedder()
    for path in sorted(Path("fixtures/gold/real").glob("*.gold.json")):
        pair = load_gold(path)
        report = compare(read_path(pair.source), read_path(pair.derivative), embedder=embedder)
        label = str(pair.labels.get("verdict", {}).get("derivation", "wholly"))
        out.append((Item(path.name.removesuffix(".gold.json"), "", "", label), report))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    embedder = load_embedder()
    pairs: list[tuple[str, Item, Report]] = []
    for corpus, items in (("pan13", list(read_pan13(args.data))), ("short", list(read_short_answer(args.data)))):
        pairs += [(corpus, i, r) for i, r in zip(items, run_items(items, embedder), strict=True)]
    pairs += [("real", i, r) for i, r in real_items()]

    def run(setting: tuple[int, float]) -> dict[str, tuple[bool, tuple[str, ...]]]:
        T.SUMMARY_WINDOW, T.SUMMARY_COVERAGE = setting
        return {f"{c}:{i.id}": derived(r) for c, i, r in pairs}

    before = run(OFF)
    for setting in [STORED] if args.show else list(itertools.product(WINDOWS, COVERAGES)):
        after = run(setting)
        tally: Counter[tuple[str, str]] = Counter()
        total: Counter[tuple[str, str]] = Counter()
        changed, false_alarms = [], []
        for corpus, item, _ in pairs:
            key = f"{corpus}:{item.id}"
            total[(corpus, item.label)] += 1
            tally[(corpus, item.label)] += after[key][0]
            if after[key][0] != before[key][0]:
                changed.append(f"{'+' if after[key][0] else '-'}{key} ({item.label})")
                if after[key][0] and item.label in NOT_DERIVED:
                    false_alarms.append(key)
        flag = "admissible" if not false_alarms else "NOT admissible"
        mark = " (stored)" if setting == STORED else ""
        print(f"window {setting[0]}, coverage {setting[1]}{mark}: {flag}")
        print("  " + ", ".join(f"{c}/{label} {tally[(c, label)]}/{n}" for (c, label), n in sorted(total.items())))
        print("  changed: " + (" ".join(changed) or "none"))
        if args.show:
            for corpus, item, _ in pairs:
                key = f"{corpus}:{item.id}"
                if after[key][1]:
                    print(f"  {key} ({item.label}): {'; '.join(after[key][1])}")


if __name__ == "__main__":
    main()
