"""``attrib check`` output: human, json, github (Actions annotations), markdown, junit.

Paths, front-matter values, error messages and quotations all come from the
repository under check, that is from the author of a pull request. Every format
passes them through ``visible`` (controls and newlines escaped, ``::`` broken) or its
own escaping (GitHub's ``%0A``, XML entities), so none can end a line, start a
workflow command, move the terminal's cursor or make the XML invalid. JSON keeps the
text as it is (``json.dumps`` escapes controls).
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .._version import __version__
from ..core.records import Severity
from ..newsroom.check import ArticleResult, CheckResult
from ..newsroom.policy import Violation
from .common import visible

FORMATS = ("human", "json", "github", "markdown", "junit")
_STATUS_WORD = {"ok": "ok", "warn": "warnings", "fail": "FAILED", "error": "ERROR"}


def _rel(path: Path | str, root: Path) -> str:
    if isinstance(path, str):  # a URL (an archive story with no file)
        return path
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def render_check(result: CheckResult, fmt: str, *, colour: bool = False) -> str:
    return {
        "human": lambda: render_human(result, colour=colour),
        "json": lambda: render_json(result),
        "github": lambda: render_github(result),
        "markdown": lambda: render_markdown(result),
        "junit": lambda: render_junit(result),
    }[fmt]()


def tally(result: CheckResult) -> dict[str, int]:
    counts = {"articles": len(result.results), "ok": 0, "warn": 0, "fail": 0, "error": 0}
    for r in result.results:
        counts[r.status] += 1
    return counts


def summary_line(result: CheckResult) -> str:
    t = tally(result)
    return (
        f"{t['articles']} article{'s' if t['articles'] != 1 else ''} checked: {t['fail']} failed, "
        f"{t['warn']} with warnings, {t['ok']} ok, {t['error']} could not be read"
    )


def _level(v: Violation) -> str:
    """error, warning, or allowed (a quotation ``allow_quotes`` excused)."""
    return "allowed" if v.severity is Severity.INFO else str(v.severity)


def _overrides(r: ArticleResult) -> str:
    return "front matter overrides the policy: " + "; ".join(r.overrides)


def render_human(result: CheckResult, *, colour: bool = False) -> str:
    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if colour else text

    codes = {"ok": "32", "warn": "33", "fail": "31;1", "error": "31;1"}
    severity_codes = {"error": "31", "warning": "33", "allowed": "36"}
    lines = []
    for r in result.results:
        name = visible(_rel(r.path, result.root))
        lines.append(f"{paint(_STATUS_WORD[r.status], codes[r.status])}  {name}")
        if r.overrides:
            lines.append(f"  note: {visible(_overrides(r))}")
        if r.error:
            lines.append(f"  {visible(r.error)}")
        for v in r.violations:
            where = f"{name}:{r.line(v.start)}:{r.column(v.start)}"
            sev = paint(_level(v), severity_codes[_level(v)])
            lines.append(f"  {where}: {sev} [{v.rule}] {visible(v.message)}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def _result_dict(r: ArticleResult, root: Path) -> dict[str, object]:
    verdict = None
    if r.report is not None:
        v = r.report.verdict
        verdict = {
            "derived": v.derived,
            "credits_source": v.credits_source,
            "credited_as": v.credited_as,
            "shares": {"verbatim": v.shares.verbatim, "paraphrase": v.shares.paraphrase, "added": v.shares.added},
        }
    return {
        "path": _rel(r.path, root),
        "sources": [_rel(s, root) for s in r.sources],
        "status": r.status,
        "error": r.error,
        "verdict": verdict,
        "overrides": list(r.overrides),
        "violations": [
            {
                "rule": v.rule,
                "severity": _level(v),
                "line": r.line(v.start),
                "column": r.column(v.start),
                "start": v.start,
                "end": v.end,
                "message": v.message,
            }
            for v in r.violations
        ],
    }


def render_json(result: CheckResult) -> str:
    doc = {
        "schema_version": 1,
        "tool": {"name": "attrib", "version": __version__},
        "summary": {**tally(result), "exit_code": result.exit_code},
        "articles": [_result_dict(r, result.root) for r in result.results],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _gh_data(text: str) -> str:
    """GitHub's own escaping of a command's message, after every other control is made visible."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult) -> str:
    lines = []
    for r in result.results:
        name = _gh_property(_rel(r.path, result.root))
        if r.overrides:
            lines.append(f"::notice file={name},title=attrib policy override::{_gh_data(_overrides(r))}")
        if r.error:
            lines.append(f"::error file={name},title=attrib::{_gh_data(r.error)}")
        for v in r.violations:
            level = {"error": "error", "warning": "warning", "allowed": "notice"}[_level(v)]
            title = f"attrib {v.rule}" + (" (allowed)" if level == "notice" else "")
            lines.append(
                f"::{level} file={name},line={r.line(v.start)},col={r.column(v.start)},"
                f"title={_gh_property(title)}::{_gh_data(v.message)}"
            )
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def render_markdown(result: CheckResult) -> str:
    icon = "❌" if result.exit_code else "✅"
    lines = [
        f"## {icon} attrib source check",
        "",
        f"{summary_line(result)}.",
        "",
        "| article | status | verbatim | paraphrase | added | credited | problems |",
        "| --- | --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in result.results:
        name = _md_code(_rel(r.path, result.root)).replace("|", "\\|")
        if r.report is None:
            lines.append(f"| {name} | {_STATUS_WORD[r.status]} | | | | | |")
            continue
        verdict = r.report.verdict
        credited = _md_text(verdict.credited_as or ("no" if verdict.derived else "-")).replace("|", "\\|")
        shares = verdict.shares
        lines.append(
            f"| {name} | {_STATUS_WORD[r.status]} | {round(shares.verbatim * 100)}% | "
            f"{round(shares.paraphrase * 100)}% | {round(shares.added * 100)}% | {credited} | {len(r.problems)} |"
        )
    problems = [r for r in result.results if r.violations or r.error or r.overrides]
    if problems:
        lines += ["", "### Problems", ""]
        for r in problems:
            name = _rel(r.path, result.root)
            if r.overrides:
                lines.append(f"- {_md_code(name)}: note: {_md_text(_overrides(r))}")
            if r.error:
                lines.append(f"- {_md_code(name)}: {_md_text(r.error)}")
            for v in r.violations:
                mark = {"error": "**error**", "warning": "warning", "allowed": "allowed"}[_level(v)]
                lines.append(f"- {_md_code(f'{name}:{r.line(v.start)}')} {mark} `{v.rule}`: {_md_text(v.message)}")
    return "\n".join(lines) + "\n"


def _md_code(text: str) -> str:
    """An inline code span that no backtick in ``text`` can close early."""
    text = visible(text)
    longest = 0
    run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_text(text: str) -> str:
    """Repository text in Markdown prose: one line, no raw HTML, no table break."""
    return escape(visible(text)).replace("|", "\\|")


def render_junit(result: CheckResult) -> str:
    t = tally(result)
    failures = t["fail"]
    errors = t["error"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="attrib" tests="{t["articles"]}" failures="{failures}" errors="{errors}">',
        f'  <testsuite name="attrib check" tests="{t["articles"]}" failures="{failures}" errors="{errors}">',
    ]
    for r in result.results:
        # visible(): XML 1.0 has no escape for most control characters; one raw ESC makes the file invalid.
        name = visible(_rel(r.path, result.root))
        out.append(f'    <testcase classname="attrib" name={quoteattr(name)} file={quoteattr(name)}>')
        if r.error:
            out.append(f"      <error message={quoteattr(visible(r.error))}/>")
        errors_ = [v for v in r.violations if v.severity is Severity.ERROR]
        if errors_:
            body = "\n".join(f"{name}:{r.line(v.start)}: [{v.rule}] {visible(v.message)}" for v in errors_)
            out.append(
                f"      <failure message={quoteattr(f'{len(errors_)} policy failure(s)')}>{escape(body)}</failure>"
            )
        notes = [_overrides(r)] if r.overrides else []
        notes += [
            f"{name}:{r.line(v.start)}: {_level(v)} [{v.rule}] {v.message}"
            for v in r.violations
            if v.severity is not Severity.ERROR
        ]
        if notes:
            out.append(f"      <system-out>{escape(chr(10).join(visible(n) for n in notes))}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"
