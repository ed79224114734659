"""Stage 7: the finished audit, and its JSON document (schema_version 1)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .records import (
    AddedDetail,
    Attribution,
    ChangedFact,
    CopiedRun,
    Credit,
    DerivativeSentence,
    Document,
    Evasion,
    Finding,
    Languages,
    Passage,
    Quote,
    Sentence,
    SourcePart,
    SourceSentence,
    Verdict,
)

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Report:
    tool_version: str
    model: str
    source: Document
    derivative: Document
    source_sentences: tuple[SourceSentence, ...]
    derivative_sentences: tuple[DerivativeSentence, ...]
    copied_runs: tuple[CopiedRun, ...]
    quotes: tuple[Quote, ...]
    added_details: tuple[AddedDetail, ...]
    attributions: tuple[Attribution, ...]
    credit: Credit
    evasions: tuple[Evasion, ...]
    findings: tuple[Finding, ...]
    verdict: Verdict
    parts: tuple[SourcePart, ...]
    """Each source and its own verdict and credit; one part when there is one source."""
    passages: tuple[Passage, ...] = ()
    changed_facts: tuple[ChangedFact, ...] = ()
    languages: Languages | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "attrib", "version": self.tool_version, "model": self.model},
            "source": {
                **_document(self.source),
                "credited_to": list(self.credit.names),
                "sentences": [
                    {
                        **_sentence(s.sentence),
                        "label": str(s.label),
                        "best_similarity": _num(s.best_similarity),
                    }
                    for s in self.source_sentences
                ],
            },
            "derivative": {
                **_document(self.derivative),
                "sentences": [
                    {
                        **_sentence(d.sentence),
                        "label": str(d.label),
                        # For an added sentence, the nearest source sentences: what an editor checks it against.
                        "sources": list(d.sources),
                        "similarity": _num(d.match.cosine),
                        "lexical": _num(d.match.lexical),
                        "copied": _num(d.match.coverage),
                        "novel": _num(d.evidence.novel),
                        "support": _num(d.support),
                    }
                    for d in self.derivative_sentences
                ],
            },
            "copied_runs": [
                {
                    "source_start": r.source_start,
                    "source_end": r.source_end,
                    "derivative_start": r.derivative_start,
                    "derivative_end": r.derivative_end,
                    "words": r.words,
                }
                for r in self.copied_runs
            ],
            "languages": None
            if self.languages is None
            else {
                "source": self.languages.source,
                "derivative": self.languages.derivative,
                "model": None if self.languages.model is None else list(self.languages.model),
            },
            "passages": [
                {
                    "derivative_start": p.derivative_start,
                    "derivative_end": p.derivative_end,
                    "source_start": p.source_start,
                    "source_end": p.source_end,
                    "sentences": list(p.sentences),
                    "sources": list(p.sources),
                    "kind": str(p.kind),
                    "words": p.words,
                    "support": _num(p.support),
                    "longest_run": p.longest_run,
                    "seeds": p.seeds,
                    "similarity": _num(p.similarity),
                }
                for p in self.passages
            ],
            "quotes": [
                {
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "sentence": q.sentence,
                    "status": str(q.status),
                    "source_start": q.source_start,
                    "source_end": q.source_end,
                    "score": _num(q.score),
                }
                for q in self.quotes
            ],
            "added_details": [
                {"text": d.text, "start": d.start, "end": d.end, "sentence": d.sentence, "kind": str(d.kind)}
                for d in self.added_details
            ],
            "changed_facts": [
                {
                    "kind": str(c.kind),
                    "sentence": c.sentence,
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                    "source_sentence": c.source_sentence,
                    "source_start": c.source_start,
                    "source_end": c.source_end,
                    "source_text": c.source_text,
                }
                for c in self.changed_facts
            ],
            "unsourced_attributions": [
                {"text": a.text, "start": a.start, "end": a.end, "sentence": a.sentence} for a in self.attributions
            ],
            "evasions": [
                {"trick": e.trick, "characters": e.characters, "start": e.start, "end": e.end, "sentence": e.sentence}
                for e in self.evasions
            ],
            "findings": [
                {
                    "kind": str(f.kind),
                    "severity": f.severity,
                    "document": "source" if f.in_source else "derivative",
                    "sentence": f.sentence,
                    "start": f.start,
                    "end": f.end,
                    "message": f.message,
                }
                for f in self.findings
            ],
            "verdict": _verdict(self.verdict),
            **self._sources(),
        }

    def _sources(self) -> dict[str, Any]:
        """With several sources: each one, where it sits in the joined source text, and its own verdict."""
        if len(self.parts) == 1:
            return {}
        return {
            "sources": [
                {
                    **_document(p.document),
                    "offset": p.offset,
                    "sentences": [p.first_sentence, p.first_sentence + p.sentence_count],
                    "credited_to": list(p.credit.names),
                    "verdict": _verdict(p.verdict),
                }
                for p in self.parts
            ]
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _verdict(v: Verdict) -> dict[str, Any]:
    return {
        "derived": v.derived,
        "credits_source": v.credits_source,
        "credited_as": v.credited_as,
        "derivation": str(v.derivation),
        "drawn_share": v.drawn_share,
        "shares": {"verbatim": v.shares.verbatim, "paraphrase": v.shares.paraphrase, "added": v.shares.added},
    }


def _document(doc: Document) -> dict[str, Any]:
    return {"path": doc.path, "sha256": doc.sha256, "encoding": doc.encoding}


def _sentence(s: Sentence) -> dict[str, Any]:
    return {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "role": str(s.role)}


def _num(value: float) -> float:
    """Rounded, so that float noise in the last bits never changes the bytes of the report."""
    return round(float(value), 3)
