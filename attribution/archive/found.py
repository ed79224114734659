"""What ``archive.find`` returns: each candidate story with its evidence and, once audited, its verdict
(``FoundCandidate``, ``CandidateAudit``), and the whole result of a search (``FindResult``), with the JSON
``attrib find --json`` writes. Records only: the search and the audits that fill them are ``archive.find``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.report import Report
from .candidates import AlignedSentence, Candidate, Passage
from .store import Record


@dataclass(frozen=True)
class CandidateAudit:
    derived: bool
    credits_source: bool
    shares: dict[str, float]
    support: float = 0.0
    """How much of the article the candidate explains, and how closely (``support``): added to the retrieval
    score, it re-ranks the audited candidates."""


@dataclass(frozen=True)
class FoundCandidate:
    record: Record
    evidence: Candidate
    article_text: str
    candidate_sentences: tuple[str, ...]
    article_sentences: tuple[str, ...]
    audit: CandidateAudit | None = None

    def to_dict(self) -> dict[str, Any]:
        r, e = self.record, self.evidence
        return {
            **r.described(),
            "score": round(e.score, 3),
            "lexical": round(e.lexical, 3),
            "semantic": round(e.semantic, 3),
            "shared_shingles": e.shared_shingles,
            "passages": [_passage(p, self.article_text) for p in e.passages],
            "aligned_sentences": [self._aligned(a) for a in e.aligned],
            "audit": None
            if self.audit is None
            else {
                "derived": self.audit.derived,
                "credits_source": self.audit.credits_source,
                "shares": self.audit.shares,
                "support": self.audit.support,
            },
        }

    def _aligned(self, a: AlignedSentence) -> dict[str, Any]:
        return {
            "article_sentence": a.query_sentence,
            "source_sentence": a.candidate_sentence,
            "similarity": round(a.similarity, 3),
            "article_text": _at(self.article_sentences, a.query_sentence),
            "source_text": _at(self.candidate_sentences, a.candidate_sentence),
        }


@dataclass(frozen=True)
class FindResult:
    candidates: tuple[FoundCandidate, ...]
    excluded_published_after: int
    published_before: str | None
    drawn_on: tuple[str, ...] = ()
    """Ids of the candidates the article draws on (the sources of ``report``), best first."""
    report: Report | None = None
    """The audit against every source it draws on (one source: the single-source audit), or against the best
    candidate when it draws on none."""
    semantic: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "published_before": self.published_before,
            "semantic": self.semantic,
            "excluded_published_after": self.excluded_published_after,
            "candidates": [c.to_dict() for c in self.candidates],
            "drawn_on": list(self.drawn_on),
            "audit": None if self.report is None else self.report.to_dict(),
        }


def _passage(p: Passage, text: str) -> dict[str, Any]:
    return {"start": p.start, "end": p.end, "text": text[p.start : p.end], "shingles": p.shingles}


def _at(items: Sequence[str], index: int) -> str | None:
    return items[index] if 0 <= index < len(items) else None
