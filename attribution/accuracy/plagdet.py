"""PAN's text-alignment measures (Potthast et al. 2010, "An Evaluation Framework for Plagiarism Detection").

A case (true or detected) is a pair of character ranges, one in the suspicious
(derivative) document and one in the source. A detection ``r`` detects a case ``s``
when they overlap in both documents. Over all cases S and detections R, pooled across
documents:

- precision = mean over r in R of |union of (s ∩ r) for the s it detects| / |r|
- recall    = mean over s in S of |union of (s ∩ r) for the r that detect it| / |s|
- granularity = mean over detected s of the number of detections that detect it
- plagdet = F1(precision, recall) / log2(1 + granularity)

|x| counts characters in both documents. Written here because PAN's own script
(perfmeasures.py) reads its XML folders; this takes ranges in memory.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    document: str
    """Which pair the case belongs to (cases of different pairs never overlap)."""
    derivative: tuple[int, int]
    source: tuple[int, int]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo < hi else None


def _detects(s: Case, r: Case) -> bool:
    return (
        s.document == r.document and bool(_overlap(s.derivative, r.derivative)) and bool(_overlap(s.source, r.source))
    )


def _union_length(ranges: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for a, b in sorted(ranges):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def _covered(case: Case, others: list[Case]) -> int:
    """Characters of ``case`` (both documents) inside the ``others`` that overlap it in both."""
    d = [o for x in others if (o := _overlap(case.derivative, x.derivative))]
    s = [o for x in others if (o := _overlap(case.source, x.source))]
    return _union_length(d) + _union_length(s)


def _size(case: Case) -> int:
    return (case.derivative[1] - case.derivative[0]) + (case.source[1] - case.source[0])


def plagdet(truth: Sequence[Case], detections: Sequence[Case]) -> dict[str, float]:
    """Precision, recall, granularity and plagdet of ``detections`` against ``truth``."""
    recall_parts = []
    detected = []
    for s in truth:
        hits = [r for r in detections if _detects(s, r)]
        recall_parts.append(_covered(s, hits) / max(_size(s), 1))
        if hits:
            detected.append(len(hits))
    precision_parts = []
    for r in detections:
        hits = [s for s in truth if _detects(s, r)]
        precision_parts.append(_covered(r, hits) / max(_size(r), 1))
    precision = sum(precision_parts) / len(precision_parts) if precision_parts else 0.0
    recall = sum(recall_parts) / len(recall_parts) if recall_parts else 0.0
    granularity = sum(detected) / len(detected) if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "granularity": round(granularity, 4),
        "plagdet": round(f1 / math.log2(1 + granularity), 4),
        "cases": len(truth),
        "detections": len(detections),
    }
