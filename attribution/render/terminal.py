"""The terminal summary: verdict, shares, sentence map, findings.

Paths and article text go through ``visible``: an article ending in ``ESC[2K`` must not
wipe the findings from the editor's terminal.
"""

from __future__ import annotations

from ..core.records import DerivativeLabel
from ..core.report import Report
from .common import derivation_words, percent, verdict_sentence, visible

_COLOURS = {
    "verbatim": "31",
    "paraphrase": "33",
    "added": "35",
    "credit": "2",
    "error": "31;1",
    "warning": "33",
    "info": "36",
}


def render_terminal(report: Report, *, colour: bool = False, width: int = 100) -> str:
    def paint(text: str, key: str) -> str:
        code = _COLOURS.get(key)
        return f"\x1b[{code}m{text}\x1b[0m" if colour and code else text

    story = sum(1 for s in report.source_sentences if s.sentence.role.is_story)
    source, derivative = visible(report.source.path or "<text>"), visible(report.derivative.path or "<text>")
    lines = [
        f"attrib {report.tool_version} · model {report.model}",
        f"source      {source} ({len(report.source_sentences)} sentences, {story} story)",
        f"derivative  {derivative} ({len(report.derivative_sentences)} sentences)",
        "",
        visible(verdict_sentence(report)),
        "",
    ]
    shares = report.verdict.shares
    for name, share in (("verbatim", shares.verbatim), ("paraphrase", shares.paraphrase), ("added", shares.added)):
        bar = "█" * round(share * 40)
        lines.append(f"  {name:<10} {percent(share):>4}  {paint(bar, name)}")
    if len(report.parts) > 1:
        lines += ["", "Sources"]
        for part in report.parts:
            v = part.verdict
            first, last = part.first_sentence, part.first_sentence + part.sentence_count - 1
            state = derivation_words(v)
            credit = f"credited as {v.credited_as}" if v.credits_source else "not credited"
            drawn = f"{percent(v.shares.verbatim)} verbatim, {percent(v.shares.paraphrase)} paraphrased from it"
            lines.append(f"  {f's{first}–s{last}':<10} {state}, {credit}: {drawn}  {part.document.path or '<text>'}")
    lines += ["", "Sentences (derivative ← source)"]
    text_width = max(20, width - 32)
    for d in report.derivative_sentences:
        label = d.label
        sources = ",".join(f"s{j}" for j in d.sources) if label != DerivativeLabel.CREDIT else ""
        text = " ".join(d.sentence.text.split())
        if len(text) > text_width:
            text = text[: text_width - 1] + "…"
        text = visible(text)  # article text never moves the cursor or wipes a line
        lines.append(f"  d{d.index:<3} {paint(f'{label:<10}', str(label))} {sources:<12} {text}")
    if report.passages:
        lines += ["", "Passages (derivative ← source, characters)"]
        for p in report.passages:
            text = " ".join(report.derivative.text[p.derivative_start : p.derivative_end].split())
            if len(text) > text_width - 12:
                text = text[: text_width - 13] + "…"
            where = f"{p.derivative_start}-{p.derivative_end} ← {p.source_start}-{p.source_end}"
            lines.append(f"  {paint(f'{p.kind:<10}', str(p.kind))} {where:<24} {visible(text)}")
    lines += ["", f"Findings ({len(report.findings)})"]
    if not report.findings:
        lines.append("  none")
    for f in report.findings:
        where = "" if f.sentence is None else ("s" if f.in_source else "d") + str(f.sentence)
        lines.append(f"  {paint(f'{f.severity:<8}', f.severity)} {where:<5} {f.kind}: {visible(f.message)}")
    return "\n".join(lines) + "\n"
