"""Wording shared by every renderer."""

from __future__ import annotations

import re

from ..core.records import FindingKind, SourcePart, Verdict
from ..core.report import Report


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def verdict_sentence(report: Report) -> str:
    """The audit in one plain sentence, as an editor would say it."""
    v = report.verdict
    if len(report.parts) > 1:
        head = _several_sources(report)
    elif v.derived:
        head = "Partially derived from the source" if v.derivation == "partially" else "Derived from the source"
        head += f" and credited to {v.credited_as}" if v.credits_source else " without crediting it"
    else:
        head = "Not derived from the source"
        if v.credits_source:
            head += f", though it credits {v.credited_as}"
    drawn = f"{percent(v.drawn_share)} of its story words drawn from it in {len(report.passages)} passage"
    drawn += "s" if len(report.passages) != 1 else ""
    shares = (
        (f"{drawn}; " if v.derived else "") + f"{percent(v.shares.verbatim)} of its words copied verbatim, "
        f"{percent(v.shares.paraphrase)} paraphrased, {percent(v.shares.added)} added"
    )
    missing = sum(1 for f in report.findings if f.kind == FindingKind.QUOTE_NOT_IN_SOURCE)
    tail = "".join(f" Languages: {f.message}." for f in report.findings if f.kind == FindingKind.LANGUAGE_MISMATCH)
    if missing:
        tail += f" {missing} quotation{'s are' if missing != 1 else ' is'} not in the source."
    return f"{head}: {shares}.{tail}"


# C0 and C1 controls (terminal escape sequences among them), DEL, line and paragraph
# separators, and the bidirectional overrides and isolates that reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


_COLONS = re.compile(":(?=:)")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text from the repository (paths, front matter, article text) made safe to print on one line.

    Every control character, newline included, is shown as an escape (``\\x1b``), so no
    article can move the cursor, wipe a line or start a new one; ``::`` becomes ``:\\:``,
    so no line of output can be read as a GitHub Actions workflow command.
    """
    return _COLONS.sub(":\\\\", _UNSAFE.sub(_escape_char, text))


def _several_sources(report: Report) -> str:
    derived = [p for p in report.parts if p.verdict.derived]
    if not report.verdict.derived:
        return f"Not derived from any of the {len(report.parts)} sources"
    head = f"Derived from {len(derived) or 'all'} of the {len(report.parts)} sources together"
    if derived:
        head = f"Derived from {len(derived)} of the {len(report.parts)} sources"
    # Two stories of one agency are one name: "not crediting Reuters", not "Reuters, Reuters".
    credited = list(dict.fromkeys(p.credit.credited_as for p in derived if p.credit.credited_as))
    missing = list(dict.fromkeys(source_name(p) for p in derived if not p.verdict.credits_source))
    if credited:
        head += f", crediting {', '.join(credited)}"
    if missing:
        head += f"{' but not' if credited else ', not crediting'} {', '.join(missing)}"
    return head


def source_name(part: SourcePart) -> str:
    """How to name one source of several: the name it credits itself to, else its file."""
    return part.credit.names[0] if part.credit.names else (part.document.path or "the source")


def derivation_words(v: Verdict) -> str:
    """ "derived", "partially derived" or "not derived"."""
    if not v.derived:
        return "not derived"
    return "partially derived" if v.derivation == "partially" else "derived"
