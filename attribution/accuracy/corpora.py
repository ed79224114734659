"""Public labelled corpora, read as source/derivative pairs, and attrib's measures on them.

Adapters (one per corpus) yield ``Item`` records; ``evaluate_corpus`` runs the
pipeline on every item (embedding all sentences in one batch first) and computes
the corpus's published measure:

- ``mrpc``: Microsoft Research Paraphrase Corpus (train). Its label is semantic
  equivalence, which runs both ways, so each pair is audited twice, each sentence as
  the other's source: 1 should come out verbatim or paraphrase both times, 0 added at
  least once. F1 of class 1 (and the one-way figure beside it).
- ``short-answer``: Clough & Stevenson's plagiarised short answers. Derived
  (cut/light/heavy) vs not (non) accuracy, and four-class accuracy from the shares.
- ``xsumfaith``: Maynez et al. XSum summaries; a summary most annotators mark as
  holding extrinsic information should have an added sentence or added details.
  Balanced accuracy.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.classify import is_reused_passage
from ..core.read import text_document
from ..core.records import DerivativeLabel
from ..core.report import Report
from ..core.text import TextStore
from ..embedding import Embedder
from ..errors import CorpusError
from ..pipeline import compare, prepare
from .plagdet import Case, plagdet

CORPORA = ("mrpc", "short-answer", "xsumfaith", "pan13")


@dataclass(frozen=True)
class Item:
    id: str
    source: str
    derivative: str
    label: str
    group: str = ""
    """Items of one group share a source text (cross-validation folds keep them together)."""


def read_mrpc(data: Path) -> Iterator[Item]:
    path = data / "mrpc" / "msr_paraphrase_train.txt"
    if not path.exists():
        raise CorpusError(f"{path}: not found (MRPC train file)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) == 5:
                yield Item(f"{row[1]}-{row[2]}", row[3], row[4], row[0], row[1])


def read_short_answer(data: Path) -> Iterator[Item]:
    base = data / "short-answer"
    labels = base / "labels.csv"
    if not labels.exists():
        raise CorpusError(f"{labels}: not found (short-answer corpus)")
    originals: dict[str, str] = {}
    with labels.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            task = row["Task"]
            if task not in originals:
                originals[task] = _read_cp1252(base / "corpus" / f"orig_task{task}.txt")
            yield Item(row["File"], originals[task], _read_cp1252(base / "corpus" / row["File"]), row["Category"], task)


def _read_cp1252(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_xsumfaith(data: Path) -> Iterator[Item]:
    base = data / "xsumfaith"
    annotations = base / "hallucination_annotations_xsum_summaries.csv"
    articles_file = base / "DERIVED_xsum_articles_union.jsonl"
    if not annotations.exists() or not articles_file.exists():
        raise CorpusError(f"{base}: needs hallucination_annotations_xsum_summaries.csv and the articles jsonl")
    articles = {}
    with articles_file.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles[str(record["bbcid"])] = record["article"]
    summaries, workers, kinds = _xsum_annotations(annotations)
    extrinsic = kinds["extrinsic"]
    for key in sorted(summaries):
        if key[0] not in articles:
            continue
        majority = len(extrinsic[key]) * 2 > len(workers[key])
        summary = summaries[key].replace("\\'", "'")
        yield Item(f"{key[0]}-{key[1]}", articles[key[0]], summary, "extrinsic" if majority else "faithful", key[0])


def _xsum_annotations(
    annotations: Path,
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], set[str]], dict[str, dict[tuple[str, str], set[str]]]]:
    """Summaries, their annotators, and the annotators who marked each kind of hallucination."""
    workers: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds: dict[str, dict[tuple[str, str], set[str]]] = {"extrinsic": defaultdict(set), "intrinsic": defaultdict(set)}
    summaries: dict[tuple[str, str], str] = {}
    with annotations.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["bbcid"], row["system"])
            summaries[key] = row["summary"]
            workers[key].add(row["worker_id"])
            if row["hallucination_type"] in kinds:
                kinds[row["hallucination_type"]][key].add(row["worker_id"])
    return summaries, workers, kinds


def xsum_intrinsic(data: Path) -> set[str]:
    """Ids of the XSumFaith summaries most annotators mark as misstating the article (intrinsic)."""
    _, workers, kinds = _xsum_annotations(data / "xsumfaith" / "hallucination_annotations_xsum_summaries.csv")
    return {f"{k[0]}-{k[1]}" for k, who in kinds["intrinsic"].items() if len(who) * 2 > len(workers[k])}


def read_pan13(data: Path) -> Iterator[Item]:
    """PAN 2013 text alignment sample: pairs/<pair>/source.txt and derivative.txt, categories in index.tsv."""
    base = data / "pan13"
    index = base / "index.tsv"
    if not index.exists():
        raise CorpusError(f"{index}: not found (PAN 2013 text alignment sample)")
    with index.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            folder = base / "pairs" / row["pair"]
            source = _read_cp1252(folder / "source.txt")
            yield Item(row["pair"], source, _read_cp1252(folder / "derivative.txt"), row["category"], row["pair"])


def read_pan13_truth(data: Path) -> dict[str, list[Case]]:
    """PAN's passage annotations (truth.xml), where a pair has them: character ranges in both texts."""
    import xml.etree.ElementTree as ET

    truth: dict[str, list[Case]] = {}
    for path in sorted((data / "pan13" / "pairs").glob("*/truth.xml")):
        pair = path.parent.name
        source_number = pair.split("-r")[-1]
        cases = truth.setdefault(pair, [])
        for feature in ET.parse(path).getroot().iter("feature"):
            a = feature.attrib
            if a.get("name") != "plagiarism" or source_number not in a.get("source_reference", source_number):
                continue
            this, src = int(a["this_offset"]), int(a["source_offset"])
            cases.append(Case(pair, (this, this + int(a["this_length"])), (src, src + int(a["source_length"]))))
    return truth


READERS: dict[str, Callable[[Path], Iterator[Item]]] = {
    "mrpc": read_mrpc,
    "short-answer": read_short_answer,
    "xsumfaith": read_xsumfaith,
    "pan13": read_pan13,
}


def run_items(items: list[Item], embedder: Embedder) -> list[Report]:
    """Every item through the pipeline, all sentences embedded in one batch first."""
    pairs = [
        (text_document(i.source, f"{i.id}:source"), text_document(i.derivative, f"{i.id}:derivative")) for i in items
    ]
    store = TextStore()
    unique = {d.sha256: d for pair in pairs for d in pair}
    prepare(list(unique.values()), embedder, store)
    return [compare(s, d, embedder=embedder, store=store) for s, d in pairs]


def swapped(items: Iterable[Item]) -> list[Item]:
    """The same pairs, each derivative audited as the source of its source."""
    return [replace(i, source=i.derivative, derivative=i.source) for i in items]


def mrpc_both_ways(forward: list[str], backward: list[str]) -> list[str]:
    """Paraphrase ("1") when each sentence is drawn from the other.

    A derivative that carries only part of its source is drawn from it, and attrib says so;
    MRPC calls such a pair no paraphrase (one sentence says more than the other). Asking the
    one-way question both ways is the equivalence MRPC labels.
    """
    return ["1" if a == b == "1" else "0" for a, b in zip(forward, backward, strict=True)]


def mrpc_prediction(report: Report) -> str:
    story = [d.label for d in report.derivative_sentences if d.sentence.role.is_story]
    added = sum(1 for label in story if label == DerivativeLabel.ADDED)
    return "1" if story and added * 2 < len(story) else "0"


def short_answer_class(report: Report) -> str:
    """cut / light / heavy / non from the shares (thresholds in ``thresholds.py``)."""
    from ..core import thresholds as T

    shares = report.verdict.shares
    if not report.verdict.derived:
        return "non"
    if shares.verbatim >= T.CUT_VERBATIM:
        return "cut"
    if shares.verbatim >= T.LIGHT_VERBATIM:
        return "light"
    return "heavy"


def xsum_prediction(report: Report) -> str:
    added = any(d.label == DerivativeLabel.ADDED for d in report.derivative_sentences)
    return "extrinsic" if added or report.added_details else "faithful"


def evaluate_corpus(name: str, data: Path, embedder: Embedder, *, limit: int | None = None) -> dict[str, Any]:
    if name not in READERS:
        raise CorpusError(f"unknown corpus {name!r}; choose one of {', '.join(CORPORA)}")
    if not data.is_dir():
        raise CorpusError(f"{data}: not a folder (give the folder holding mrpc/, short-answer/, xsumfaith/)")
    items = list(READERS[name](data))
    if limit:
        items = items[:limit]
    if name == "mrpc":
        # One batch for both directions: the sentences are embedded once.
        reports = run_items(items + swapped(items), embedder)
        forward = [mrpc_prediction(r) for r in reports[: len(items)]]
        backward = [mrpc_prediction(r) for r in reports[len(items) :]]
        gold = [i.label for i in items]
        return {
            "corpus": name,
            "pairs": len(items),
            **binary_scores(gold, mrpc_both_ways(forward, backward), "1"),
            "one_way": binary_scores(gold, forward, "1"),
        }
    reports = run_items(items, embedder)
    if name == "pan13":
        return pan13_scores(items, reports, read_pan13_truth(data))
    if name == "short-answer":
        four = [short_answer_class(r) for r in reports]
        gold_derived = ["derived" if i.label != "non" else "non" for i in items]
        predicted_derived = ["derived" if c != "non" else "non" for c in four]
        return {
            "corpus": name,
            "pairs": len(items),
            "derived_accuracy": _accuracy(gold_derived, predicted_derived),
            "four_class_accuracy": _accuracy([i.label for i in items], four),
            "confusion": _confusion([i.label for i in items], four),
            "derivation_by_class": _confusion([i.label for i in items], [str(r.verdict.derivation) for r in reports]),
        }
    predicted = [xsum_prediction(r) for r in reports]
    intrinsic = xsum_intrinsic(data)
    changed = ["changed" if r.changed_facts else "kept" for r in reports]
    inner = [i for i, item in enumerate(items) if item.id in intrinsic or item.label == "faithful"]
    either = ["flagged" if i.label == "extrinsic" or i.id in intrinsic else "faithful" for i in items]
    flagged = [
        "flagged" if p == "extrinsic" or c == "changed" else "faithful" for p, c in zip(predicted, changed, strict=True)
    ]
    return {
        "corpus": name,
        "pairs": len(items),
        **binary_scores([i.label for i in items], predicted, "extrinsic"),
        "intrinsic_changed_fact": binary_scores(
            ["changed" if items[i].id in intrinsic else "kept" for i in inner], [changed[i] for i in inner], "changed"
        ),
        "flagged_either_kind": binary_scores(either, flagged, "flagged"),
    }


def pan13_scores(items: list[Item], reports: list[Report], truth: dict[str, list[Case]]) -> dict[str, Any]:
    """Document verdict per category (partially counts as derived) and plagdet on the pairs PAN annotated."""
    by_category: dict[str, list[bool]] = defaultdict(list)
    for item, report in zip(items, reports, strict=True):
        by_category[item.label].append(report.verdict.derived == (item.label != "no-plagiarism"))
    cases, detections = [], []
    for item, report in zip(items, reports, strict=True):
        if item.id not in truth:
            continue
        cases += truth[item.id]
        if report.verdict.derived:
            # The passages that show reuse on their own are the detections; a lone sentence that
            # resembles one of the source's is not a case PAN would annotate.
            detections += [
                Case(item.id, (p.derivative_start, p.derivative_end), (p.source_start, p.source_end))
                for p in report.passages
                if is_reused_passage(p)
            ]
    return {
        "corpus": "pan13",
        "pairs": len(items),
        "document_verdict": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_category.items())},
        "derivation_by_category": _confusion([i.label for i in items], [str(r.verdict.derivation) for r in reports]),
        "plagdet": plagdet(cases, detections) | {"pairs": sum(1 for i in items if i.id in truth)},
    }


def binary_scores(gold: list[str], predicted: list[str], positive: str) -> dict[str, Any]:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == positive and p == positive)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != positive and p == positive)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == positive and p != positive)
    tn = len(gold) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    specificity = tn / (tn + fp) if tn + fp else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "accuracy": _accuracy(gold, predicted),
        "balanced_accuracy": round((recall + specificity) / 2, 4),
        "counts": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def _accuracy(gold: list[str], predicted: list[str]) -> float:
    return round(sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold), 4) if gold else 0.0


def _confusion(gold: list[str], predicted: list[str]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        table.setdefault(g, {}).setdefault(p, 0)
        table[g][p] += 1
    return table


def format_corpus(result: dict[str, Any]) -> str:
    lines = [f"{result['corpus']}: {result['pairs']} pairs"]
    for key, value in result.items():
        if key in ("corpus", "pairs"):
            continue
        lines.append(f"  {key}: {json.dumps(value) if isinstance(value, dict) else value}")
    return "\n".join(lines)
