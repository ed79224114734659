"""Pickup tracking: which indexed articles draw on a story, how much of them comes from it, and whether they
credit it. The wire agency's question, the reverse of ``find``: the story is the query, the archive holds
articles, and each candidate is audited with ``attribution.pipeline.compare(story, article)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.records import Document
from ..core.report import Report
from ..embedding import Embedder
from ..pipeline import compare
from .find import find_candidates, source_document
from .store import Archive, Record

POOL = 50
"""Candidate articles audited at most (the ones with the most evidence)."""
MIN_EVIDENCE = 0.01


@dataclass(frozen=True)
class Pickup:
    record: Record
    score: float
    derived: bool
    derived_share: float
    """Share of the article's story words drawn from the story (verbatim plus paraphrase)."""
    verbatim: float
    paraphrase: float
    credits_source: bool
    credited_as: str | None
    passages: tuple[tuple[int, int, str, str], ...]
    """The report's passages: (start, end, text, kind) in the article; kind verbatim, paraphrase or mixed."""
    derivation: str = "not"
    """The report's degree: wholly, partially or not."""

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {
            **r.described(),
            "score": round(self.score, 3),
            "derived": self.derived,
            "derived_share": self.derived_share,
            "verbatim": self.verbatim,
            "paraphrase": self.paraphrase,
            "credits_source": self.credits_source,
            "credited_as": self.credited_as,
            "derivation": self.derivation,
            "passages": [{"start": s, "end": e, "text": t, "kind": k} for s, e, t, k in self.passages],
        }


def pickup(
    archive: Archive,
    story: str | Document,
    *,
    embedder: Embedder | None = None,
    pool: int = POOL,
    include_not_derived: bool = False,
) -> list[Pickup]:
    """The archive's articles derived from ``story``, by derived share (largest first)."""
    text = story.text if isinstance(story, Document) else story
    found, _, _ = find_candidates(archive, text, embedder=embedder, top=pool)
    out = []
    for cand in found:
        if cand.evidence.score < MIN_EVIDENCE:
            continue
        report = compare(story, source_document(cand.record), embedder=embedder)
        if not report.verdict.derived and not include_not_derived:
            continue
        out.append(pickup_of(cand.record, cand.evidence.score, report))
    out.sort(key=lambda p: (-p.derived_share, p.record.id))
    return out


def pickup_of(article: Record, score: float, report: Report) -> Pickup:
    """The pickup row of ``article`` from its audit against the story (``compare(story, article)``)."""
    verdict = report.verdict
    text = article.text
    runs = tuple(
        (p.derivative_start, p.derivative_end, text[p.derivative_start : p.derivative_end], str(p.kind))
        for p in report.passages
    )
    return Pickup(
        article,
        score,
        bool(verdict.derived),
        round(verdict.shares.verbatim + verdict.shares.paraphrase, 3),
        round(verdict.shares.verbatim, 3),
        round(verdict.shares.paraphrase, 3),
        bool(verdict.credits_source),
        verdict.credited_as,
        runs,
        str(verdict.derivation),
    )
