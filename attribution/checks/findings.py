"""What an editor should look at, one finding per problem, in reading order."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from ..core.records import (
    AddedDetail,
    Attribution,
    ChangedFact,
    Derivation,
    DerivativeLabel,
    DerivativeSentence,
    Evasion,
    FactChange,
    Finding,
    FindingKind,
    Passage,
    Quote,
    QuoteStatus,
    Severity,
    SourceLabel,
    SourcePart,
    SourceSentence,
    Verdict,
)
from ..core.textfold import TRICK_NAMES

_QUOTE_FINDINGS = {
    QuoteStatus.NOT_IN_SOURCE: (FindingKind.QUOTE_NOT_IN_SOURCE, Severity.ERROR, "quotation not found in the source"),
    QuoteStatus.ALTERED: (FindingKind.QUOTE_ALTERED, Severity.WARNING, "quotation differs from the source's wording"),
    QuoteStatus.UNQUOTED_IN_SOURCE: (
        FindingKind.QUOTE_UNQUOTED,
        Severity.WARNING,
        "quoted words that the source does not present as a quotation",
    ),
}


_FACT_FINDINGS = {
    FactChange.NUMBER: (FindingKind.CHANGED_FACT, Severity.ERROR, "number changed"),
    FactChange.NAME: (FindingKind.CHANGED_FACT, Severity.ERROR, "name or date changed"),
    FactChange.NEGATION: (FindingKind.CHANGED_FACT, Severity.ERROR, "negation flipped"),
    FactChange.HEDGE_DROPPED: (FindingKind.HEDGE_DROPPED, Severity.WARNING, "stated flat where the source hedges"),
    FactChange.ATTRIBUTION_DROPPED: (
        FindingKind.ATTRIBUTION_DROPPED,
        Severity.WARNING,
        "stated as fact where the source attributes it",
    ),
    FactChange.QUOTE_MISATTRIBUTED: (
        FindingKind.QUOTE_MISATTRIBUTED,
        Severity.ERROR,
        "quotation given to another speaker",
    ),
}


def build_findings(
    derivative: Sequence[DerivativeSentence],
    source: Sequence[SourceSentence],
    quotes: Sequence[Quote],
    details: Sequence[AddedDetail],
    attributions: Sequence[Attribution],
    evasions: Sequence[Evasion],
    verdict: Verdict,
    parts: Sequence[SourcePart],
    changed: Sequence[ChangedFact] = (),
    passages: Sequence[Passage] = (),
    retold: AbstractSet[int] = frozenset(),
) -> tuple[Finding, ...]:
    """``retold``: sentences of an independent report (``core.independent.as_independent``) that say what the
    source says: added, since the report was not written from the source, but no claim without support."""
    found: list[Finding] = []
    # A sentence that seed and extend puts in a reused passage rewords the source: it is not a claim
    # with no support, whatever its own label says (its support fell under the cut, its words did not).
    reworded = {i for p in passages if p.seeds for i in p.sentences} | set(retold)
    for e in evasions:
        found.append(
            Finding(
                FindingKind.EVASION,
                e.sentence,
                e.start,
                e.end,
                f"{TRICK_NAMES[e.trick]} ({_codepoints(e.characters)}) disguise the text",
                Severity.ERROR,
            )
        )
    for q in quotes:
        if q.status in _QUOTE_FINDINGS:
            kind, severity, what = _QUOTE_FINDINGS[q.status]
            found.append(Finding(kind, q.sentence, q.start, q.end, f"{what}: {_quoted(_clip(q.text))}", severity))
    for c in changed:
        kind, severity, what = _FACT_FINDINGS[c.kind]
        found.append(
            Finding(
                kind,
                c.sentence,
                c.start,
                c.end,
                f"{what}: {_quoted(_clip(c.text, 60))} where the source has {_quoted(_clip(c.source_text, 60))}",
                severity,
            )
        )
    for judged in derivative:
        s = judged.sentence
        if judged.label == DerivativeLabel.ADDED and s.index not in reworded:
            found.append(
                Finding(
                    FindingKind.ADDED_CLAIM,
                    s.index,
                    s.start,
                    s.end,
                    f"claim with no support in the source: {_quoted(_clip(s.text))}",
                )
            )
    for a in attributions:
        found.append(
            Finding(
                FindingKind.UNSOURCED_ATTRIBUTION,
                a.sentence,
                a.start,
                a.end,
                f"claim attributed to unnamed speakers: {_quoted(a.text)}",
            )
        )
    for d in details:
        found.append(
            Finding(
                FindingKind.ADDED_DETAIL,
                d.sentence,
                d.start,
                d.end,
                f"{d.kind} not in the source: {_quoted(d.text)}",
                Severity.INFO,
            )
        )
    for used in source:
        s = used.sentence
        if used.label == SourceLabel.OMITTED:
            found.append(
                Finding(
                    FindingKind.OMITTED,
                    s.index,
                    s.start,
                    s.end,
                    f"source content left out: {_quoted(_clip(s.text))}",
                    Severity.INFO,
                )
            )
    uncredited = [p for p in parts if p.verdict.derived and not p.verdict.credits_source]
    if verdict.derived and not verdict.credits_source and not uncredited:
        uncredited = [p for p in parts if not p.verdict.credits_source]  # drawn from them together, none credited
    for part in uncredited if verdict.derived else ():
        names = part.credit.names
        which = f" {part.document.path or 'source'}" if len(parts) > 1 else ""
        if names:
            found.append(
                Finding(
                    FindingKind.UNCREDITED,
                    None,
                    None,
                    None,
                    f"{_how_derived(part.verdict)} from the source{which} without crediting it"
                    f" (the source goes by {', '.join(names[:3])})",
                    Severity.ERROR,
                )
            )
        else:
            found.append(
                Finding(
                    FindingKind.SOURCE_UNNAMED,
                    None,
                    None,
                    None,
                    f"{_how_derived(part.verdict)} from the source{which}, but the source names itself nowhere "
                    "(no credit line, byline, outlet or page metadata), so whether it is credited cannot be checked; "
                    "give its name with --source-name NAME",
                    Severity.WARNING,
                )
            )
    return tuple(found)


_OPENING_QUOTES = "\"'“‘„‚«‹「『"


def _quoted(text: str) -> str:
    """The excerpt in curly quotes, unless it opens with a quotation mark of its own (no “““)."""
    return text if text.startswith(tuple(_OPENING_QUOTES)) else f"“{text}”"


def _how_derived(verdict: Verdict) -> str:
    return "partially derived" if verdict.derivation == Derivation.PARTIALLY else "derived"


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _codepoints(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in chars[:6])
