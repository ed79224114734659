"""Wording shared by every renderer."""

from __future__ import annotations

from ..core.records import FindingKind
from ..core.report import Report


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def verdict_sentence(report: Report) -> str:
    """The audit in one plain sentence, as an editor would say it."""
    v = report.verdict
    if v.derived:
        head = "Derived from the source"
        head += f" and credited to {v.credited_as}" if v.credits_source else " without crediting it"
    else:
        head = "Not derived from the source"
        if v.credits_source:
            head += f", though it credits {v.credited_as}"
    shares = (
        f"{percent(v.shares.verbatim)} of its words copied verbatim, "
        f"{percent(v.shares.paraphrase)} paraphrased, {percent(v.shares.added)} added"
    )
    missing = sum(1 for f in report.findings if f.kind == FindingKind.QUOTE_NOT_IN_SOURCE)
    tail = ""
    if missing:
        tail = f" {missing} quotation{'s are' if missing != 1 else ' is'} not in the source."
    return f"{head}: {shares}.{tail}"
