"""The HTML side-by-side report: one self-contained file, safe to open and to forward.

Article text appears once, escaped, in the two columns; the scores the page needs
for interaction travel in one compact JSON block. A Content-Security-Policy allows
nothing but this page's own inline style and script (pinned by hash), so nothing
in an article can run or load anything.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath

from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup, escape

from ..core.read import is_url
from ..core.records import CopiedRun, DerivativeLabel, DerivativeSentence, FindingKind, Sentence
from ..core.report import Report
from ..core.thresholds import MIN_RUN_WORDS
from ..core.wordfrequency import zipf
from .common import derivation_words, percent, source_name, verdict_sentence

_TEMPLATES = ("report.html.j2", "report.css", "report.js")
_KIND_TITLES = {
    FindingKind.EVASION: "evasion",
    FindingKind.QUOTE_NOT_IN_SOURCE: "quotes not in source",
    FindingKind.QUOTE_ALTERED: "altered quotes",
    FindingKind.QUOTE_UNQUOTED: "unquoted in source",
    FindingKind.ADDED_CLAIM: "added claims",
    FindingKind.UNSOURCED_ATTRIBUTION: "unnamed speakers",
    FindingKind.ADDED_DETAIL: "added details",
    FindingKind.OMITTED: "omitted",
    FindingKind.UNCREDITED: "uncredited",
    FindingKind.SOURCE_UNNAMED: "source unnamed",
    FindingKind.LANGUAGE_MISMATCH: "language",
}


@dataclass(frozen=True)
class SentenceView:
    id: str
    label: str
    html: Markup
    part: int | None = None
    """With several sources: the source (0-based) a derivative sentence draws on first, for its colour."""


def _template_folder() -> Traversable:
    """The top-level ``templates/`` beside this checkout, else the wheel's ``attribution.templates``.

    The checkout's own folder comes first: an editable install of another checkout
    (a git worktree sharing one virtualenv) maps ``attribution.templates`` to its templates.
    """
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if (checkout / "report.html.j2").is_file():
        return checkout
    return resources.files("attribution.templates")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    folder = _template_folder()
    sources = {name: folder.joinpath(name).read_text(encoding="utf-8") for name in _TEMPLATES}
    env = Environment(
        loader=DictLoader(sources), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )
    env.globals["sentence"] = _sentence_markup
    return env


def render_html(report: Report, *, generated: datetime | None = None) -> str:
    env = _environment()
    loader = env.loader
    assert isinstance(loader, DictLoader)
    shares = report.verdict.shares
    share_rows = [
        {"name": name, "percent": round(value * 100)}
        for name, value in (("verbatim", shares.verbatim), ("paraphrase", shares.paraphrase), ("added", shares.added))
    ]
    # Widths go in the hashed stylesheet: the CSP forbids style attributes.
    style = loader.mapping["report.css"] + "".join(
        f".bar .{row['name']}{{width:{row['percent']}%}}" for row in share_rows
    )
    script = loader.mapping["report.js"]
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    page = env.get_template("report.html.j2").render(
        verdict=verdict_sentence(report),
        shares=share_rows,
        shares_label=", ".join(f"{r['name']} {r['percent']}%" for r in share_rows),
        derivative_name=_name(report.derivative.path, "derivative"),
        source_name=_name(report.source.path, "source"),
        version=report.tool_version,
        model=report.model,
        generated=when,
        derivative=_blocks(_derivative_views(report)),
        source_parts=_source_parts(report),
        findings=_findings(report),
        kinds=_kinds(report),
        passages=_passages(report),
        data=Markup(_script_json(_data(report))),
        style=Markup(style),
        script=Markup(script),
        style_hash=_csp_hash(style),
        script_hash=_csp_hash(script),
    )
    return page


def _name(path: str | None, fallback: str) -> str:
    if path and is_url(path):  # an archive story with no file: its URL, whole
        return path
    return PurePath(path).name if path else f"{fallback} (standard input or text)"


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _script_json(value: object) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _data(report: Report) -> dict[str, object]:
    return {
        "d": [
            [
                str(d.label),
                list(d.sources),
                round(d.match.cosine, 3),
                round(d.match.lexical, 3),
                round(d.match.coverage, 3),
            ]
            for d in report.derivative_sentences
        ],
        "s": [[str(s.label), round(s.best_similarity, 3)] for s in report.source_sentences],
    }


def _sentence_markup(view: SentenceView) -> Markup:
    part = Markup(' data-part="{}"').format(view.part) if view.part is not None else Markup("")
    return Markup(
        '<span class="sent" id="{id}" data-label="{label}"{part} tabindex="0" role="button" aria-pressed="false">'
        '<span class="tag">{tag}</span>{html}</span>'
    ).format(id=view.id, label=view.label, part=part, tag=view.label.upper(), html=view.html)


def _marked(text: str, sentence: Sentence, marks: Iterable[tuple[int, int, str]]) -> Markup:
    """The sentence's text, escaped, cut at every mark boundary; each piece carries its marks' classes."""
    spans = [(max(a, sentence.start), min(b, sentence.end), cls) for a, b, cls in marks]
    spans = [s for s in spans if s[0] < s[1]]
    cuts = sorted({sentence.start, sentence.end, *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        classes = sorted({cls for s0, s1, cls in spans if s0 <= a and b <= s1})
        chunk = escape(text[a:b])
        pieces.append(Markup('<span class="{}">{}</span>').format(" ".join(classes), chunk) if classes else chunk)
    return Markup("").join(pieces)


def _derivative_views(report: Report) -> list[tuple[int, SentenceView]]:
    text = report.derivative.text
    runs = _runs_that_matter(report)
    marks: list[tuple[int, int, str]] = [(r.derivative_start, r.derivative_end, "run") for r in runs]
    marks += [(c.start, c.end, "fact") for c in report.changed_facts]
    marks += [(q.start, q.end, f"q-{q.status}") for q in report.quotes]
    marks += [(d.start, d.end, "det") for d in report.added_details]
    marks += [(a.start, a.end, "unnamed") for a in report.attributions]
    marks += [(e.start, e.end, "trick") for e in report.evasions]
    marks += [(p.derivative_start, p.derivative_end, "psg") for p in report.passages]
    return [
        (
            d.sentence.block,
            SentenceView(
                f"d-{d.index}",
                str(d.label),
                _marked(text, d.sentence, _within(marks, d.sentence)),
                _part_of(report, d) if len(report.parts) > 1 else None,
            ),
        )
        for d in report.derivative_sentences
    ]


def _part_of(report: Report, d: DerivativeSentence) -> int | None:
    if d.label not in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE) or not d.sources:
        return None
    return next((k for k, part in enumerate(report.parts) if part.holds_sentence(d.sources[0])), None)


def _source_views(report: Report) -> list[tuple[int, SentenceView]]:
    text = report.source.text
    marks = [(r.source_start, r.source_end, "run") for r in _runs_that_matter(report)]
    marks += [(c.source_start, c.source_end, "fact") for c in report.changed_facts]
    marks += [(p.source_start, p.source_end, "psg") for p in report.passages]
    return [
        (
            s.sentence.block,
            SentenceView(f"s-{s.index}", str(s.label), _marked(text, s.sentence, _within(marks, s.sentence))),
        )
        for s in report.source_sentences
    ]


HIGHLIGHT_RUN_WORDS = 6
"""Design: six words in the same order are rarely chance; shorter runs need a rare word."""
RARE_ZIPF = 3.5
"""Design: a word rarer than about once in 300,000 words of its language makes a short run telling."""


def _runs_that_matter(report: Report) -> list[CopiedRun]:
    """Copied runs worth a highlight: long ones, and shorter ones carried by a rare word.

    As churnalism tools weigh shared text (by length, and by how unusual the shared
    words are), a run of three or four everyday words ("his willingness to") is left
    plain: it still counts in the copied share, but highlighting it makes a page look
    copied that is not. Rarity is the word's Zipf frequency in ``wordfreq``, in the derivative's language
    (``core.wordfrequency``): in a language wordfreq has no table for, no word is rare.
    """
    text = report.derivative.text
    language = report.languages.derivative if report.languages is not None else None
    kept = []
    for r in report.copied_runs:
        if r.words >= HIGHLIGHT_RUN_WORDS:
            kept.append(r)
            continue
        words = re.findall(r"[^\W\d_]+", text[r.derivative_start : r.derivative_end].lower())
        if r.words >= MIN_RUN_WORDS and any(_rare(w, language) for w in words):
            kept.append(r)
    return kept


def _rare(word: str, language: str | None) -> bool:
    frequency = zipf(word, language)
    return frequency is not None and frequency < RARE_ZIPF


def _within(marks: Sequence[tuple[int, int, str]], s: Sentence) -> list[tuple[int, int, str]]:
    return [m for m in marks if m[0] < s.end and m[1] > s.start]


def _blocks(views: list[tuple[int, SentenceView]]) -> list[list[SentenceView]]:
    blocks: list[list[SentenceView]] = []
    last = None
    for block, view in views:
        if block != last:
            blocks.append([])
            last = block
        blocks[-1].append(view)
    return blocks


def _source_parts(report: Report) -> list[dict[str, object]]:
    """Each source's paragraphs (one source: one part, shown without a heading)."""
    views = _source_views(report)
    parts = []
    for number, part in enumerate(report.parts, start=1):
        own = [view for view in views if part.holds_sentence(int(view[1].id[2:]))]
        v = part.verdict
        summary = derivation_words(v) + (f", credited as {v.credited_as}" if v.credits_source else ", not credited")
        summary += f": {percent(v.shares.verbatim)} verbatim, {percent(v.shares.paraphrase)} paraphrased from it"
        parts.append({"number": number, "name": source_name(part), "summary": summary, "groups": _source_groups(own)})
    return parts


def _source_groups(views: list[tuple[int, SentenceView]]) -> list[dict[str, object]]:
    """Source paragraphs, with runs of all-boilerplate paragraphs folded into one collapsible group."""
    groups: list[dict[str, object]] = []
    for block in _blocks(views):
        boiler = all(v.label == "boilerplate" for v in block)
        if groups and groups[-1]["boilerplate"] == boiler:
            blocks = groups[-1]["blocks"]
            assert isinstance(blocks, list)
            blocks.append(block)
        else:
            groups.append({"boilerplate": boiler, "blocks": [block]})
    for g in groups:
        blocks = g["blocks"]
        assert isinstance(blocks, list)
        g["count"] = sum(len(b) for b in blocks)
    return groups


def _findings(report: Report) -> list[dict[str, str]]:
    rows = []
    for f in report.findings:
        target = "" if f.sentence is None else f"{'s' if f.in_source else 'd'}-{f.sentence}"
        rows.append({"kind": str(f.kind), "severity": f.severity, "message": f.message, "target": target})
    return rows


def _passages(report: Report) -> list[dict[str, str]]:
    """Each reused passage: its kind, its opening words, and its character ranges in both texts."""
    rows = []
    for p in report.passages:
        text = " ".join(report.derivative.text[p.derivative_start : p.derivative_end].split())
        rows.append(
            {
                "kind": str(p.kind),
                "text": text if len(text) <= 90 else text[:89].rstrip() + "…",
                "target": f"d-{p.sentences[0]}",
                "derivative": f"{p.derivative_start}–{p.derivative_end}",
                "source": f"{p.source_start}–{p.source_end}",
            }
        )
    return rows


def _kinds(report: Report) -> list[dict[str, object]]:
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[str(f.kind)] = counts.get(str(f.kind), 0) + 1
    return [
        {"name": str(kind), "title": title, "count": counts[str(kind)]}
        for kind, title in _KIND_TITLES.items()
        if str(kind) in counts
    ]
