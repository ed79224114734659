"""``attrib batch``: many pairs from a manifest, one JSON report each and a ranked summary.

Interrupted and run again, it skips every pair whose report is already written for
the same two inputs (by their SHA-256) and the same names and URLs given their source
(the row's ``source_name`` and ``source_url``, with the derivative's front matter's:
``manifest.with_front_matter``; the report records them as ``given``). A pair that
cannot be read is recorded in the summary and the rest go on. A pair whose sources are found in an archive
(``batch --archive``) is searched for as ``attrib check`` searches for an unsourced
article (a Markdown derivative's front-matter date and source names) and is not
compared again: the archive's audit of it against them
(``archive.sources.SourceFinder.audit_of``) is its report. Run again, such a pair
is neither searched nor compared while its report is there for the same derivative
and the archive still holds the stories it was made against (``SourceFinder.holds``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.read import DEFAULT_MAX_CHARS, read_path
from ..core.records import Document
from ..core.report import Report
from ..core.text import TextStore
from ..embedding import Embedder
from ..errors import InputError
from ..pipeline import compare, given_urls, prepare
from .articles import read_derivative
from .files import remove_stale_temporaries, write_atomic
from .manifest import manifest_rows, source_name_cell, source_url_cell, with_front_matter

if TYPE_CHECKING:
    from ..archive.sources import SourceFinder


@dataclass(frozen=True)
class BatchPair:
    id: str
    source: Path | None
    """None: found in the archive (``batch --archive``)."""
    derivative: Path
    source_names: tuple[str, ...] = ()
    """From the manifest's optional ``source_name`` column."""
    source_urls: tuple[str, ...] = ()
    """From the manifest's optional ``source_url`` column."""


@dataclass(frozen=True)
class BatchRow:
    id: str
    source: str
    derivative: str
    status: str
    """"done" (compared now), "resumed" (report already there), "failed"."""
    derived: bool | None = None
    derivation: str | None = None
    """wholly, partially or not."""
    drawn_share: float | None = None
    credits_source: bool | None = None
    credited_as: str | None = None
    verbatim: float | None = None
    paraphrase: float | None = None
    added: float | None = None
    quotes_not_in_source: int | None = None
    added_claims: int | None = None
    report: str | None = None
    error: str | None = None


def read_pairs(manifest: Path, *, sources_optional: bool = False) -> list[BatchPair]:
    rows = manifest_rows(manifest, need_source=not sources_optional)
    pairs = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        wanted = (row.get("id") or "").strip() or f"{n:04d}-{Path(row['derivative']).stem}"
        ident = re.sub(r"[^\w.-]+", "_", wanted)[:100].lstrip(".") or f"{n:04d}"
        if ident.lower() in RESERVED_IDS:
            raise InputError(f"{manifest}: row {n}: id {ident!r} is reserved for the batch's own summary files")
        if ident in seen:
            raise InputError(f"{manifest}: row {n}: id {ident!r} is used twice")
        seen.add(ident)
        pairs.append(
            BatchPair(
                ident,
                manifest.parent / row["source"] if (row.get("source") or "").strip() else None,
                manifest.parent / row["derivative"],
                source_name_cell(row),
                source_url_cell(row),
            )
        )
    return pairs


RESERVED_IDS = frozenset({"summary"})
"""``summary.json`` and ``summary.csv`` are the batch's own: no pair's report may take their names."""
LOCK_NAME = ".attrib-batch.lock"


def run_batch(
    pairs: list[BatchPair],
    out: Path,
    embedder: Embedder,
    **options: Any,
) -> list[BatchRow]:
    """``_run_batch`` holding ``out``'s lock, after removing what a killed run left there.

    Two batches writing one folder at once would each write a summary of only its own
    rows; the second is refused at once instead. The lock is the ``filelock`` library's
    (an OS lock on a file in ``out``, released when the process ends, even by kill -9).
    """
    from filelock import FileLock, Timeout

    out.mkdir(parents=True, exist_ok=True)
    _refuse_inputs_as_outputs(pairs, out)
    try:
        with FileLock(str(out / LOCK_NAME), timeout=0):
            remove_stale_temporaries(out)
            return _run_batch(pairs, out, embedder, **options)
    except Timeout:
        raise InputError(f"{out}: another attrib batch is writing to this folder; wait for it to finish") from None


def _refuse_inputs_as_outputs(pairs: list[BatchPair], out: Path) -> None:
    outputs = {(out / f"summary.{ext}").resolve() for ext in ("csv", "json")}
    outputs |= {(out / f"{p.id}.{ext}").resolve() for p in pairs for ext in ("json", "html")}
    for pair in pairs:
        for path in (pair.source, pair.derivative):
            if path is not None and path.resolve() in outputs:
                raise InputError(f"{path}: is an input of the batch and one of its outputs; choose another --out")


@dataclass(frozen=True)
class _Loaded:
    pair: BatchPair
    sources: list[Document] | None = None
    """Read from the pair's source, or found in the archive; None when resumed from an archive pair's report."""
    derivative: Document | None = None
    error: str | None = None
    found: Report | None = None
    """The archive's audit against the sources found there: the pair's report (not compared again)."""
    recorded: dict[str, Any] | None = None
    """The report already written for these inputs (resumed: neither searched nor compared again)."""
    given: dict[str, list[str]] | None = None
    """The names and URLs the pair's source was given (the row's and the front matter's; ``_given``)."""


def _run_batch(
    pairs: list[BatchPair],
    out: Path,
    embedder: Embedder,
    *,
    render_html: Callable[[Report], str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: Callable[[int, int, BatchRow], None] | None = None,
    archive: SourceFinder | None = None,
) -> list[BatchRow]:
    """Audit every pair into ``out``; ``render_html`` (from ``attribution.render``) adds an HTML report per pair.

    ``archive`` finds the sources of a pair that has none (``batch --archive``: the archive stories it draws
    on, audited together when there are several); its audit is the pair's report."""
    html = render_html is not None
    out.mkdir(parents=True, exist_ok=True)
    loaded = [_load(pair, out, html, max_chars, archive) for pair in pairs]

    todo = [e for e in loaded if e.error is None and e.found is None and e.recorded is None]
    store = TextStore()
    unique: dict[str, Document] = {}
    for entry in todo:
        assert entry.sources is not None and entry.derivative is not None
        for text in (*entry.sources, entry.derivative):
            unique.setdefault(text.sha256, text)
    prepare(list(unique.values()), embedder, store)  # one embedding pass for the whole batch

    rows: list[BatchRow] = []
    for n, entry in enumerate(loaded, start=1):
        pair, source, derivative = entry.pair, entry.sources, entry.derivative
        named = str(pair.source) if pair.source is not None else _named(source, entry.recorded)
        base = (pair.id, named or "", str(pair.derivative))
        if entry.recorded is not None:
            row = _row(base, "resumed", entry.recorded, out, pair)
        elif entry.error is not None or source is None or derivative is None:
            row = BatchRow(*base, status="failed", error=entry.error)
        else:
            given = entry.given or {}
            report = entry.found or compare(
                source,
                derivative,
                embedder=embedder,
                store=store,
                source_names=given.get("source_names", ()),
                source_urls=given.get("source_urls", ()),
            )
            if render_html is not None:
                write_atomic(out / f"{pair.id}.html", render_html(report))
            document = report.to_dict() | ({"given": given} if given else {})
            write_atomic(out / f"{pair.id}.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")
            row = _row(base, "done", document, out, pair)
        rows.append(row)
        if progress is not None:
            progress(n, len(loaded), row)

    ranked = sorted(rows, key=lambda r: (r.verbatim is None, -(r.verbatim or 0), -(r.paraphrase or 0), r.id))
    write_atomic(
        out / "summary.json",
        json.dumps({"schema_version": 1, "pairs": [asdict(r) for r in ranked]}, indent=2, ensure_ascii=False) + "\n",
    )
    write_atomic(out / "summary.csv", _csv(ranked))
    return ranked


def _load(pair: BatchPair, out: Path, html: bool, max_chars: int, archive: SourceFinder | None) -> _Loaded:
    """The pair read: its report already written for the same inputs, or its sources (read, or found in the
    archive with the archive's audit), or the error that stops it."""
    try:
        derivative, article = read_derivative(pair.derivative, max_chars=max_chars)
        # The row's names and URLs, and the front matter's unless it names another source (as ``attrib check``).
        sources = (pair.source,) if pair.source is not None else None
        names, urls = with_front_matter(pair.source_names, pair.source_urls, article, sources)
        urls = given_urls(urls, f"{pair.derivative}: source_url") if pair.source is not None else ()
        given = _given(names, urls)
        recorded = _recorded(out, pair, derivative, html, given)
        if pair.source is not None:
            read = [read_path(pair.source, max_chars=max_chars)]
            if recorded is not None and _source_hashes(recorded) != [s.sha256 for s in read]:
                recorded = None
            return _Loaded(pair, read, derivative, recorded=recorded, given=given)
        if archive is not None:
            # As ``attrib check`` searches for an unsourced article: its date, and the names its source goes by.
            date = article.published if article is not None else None
            if recorded is not None and archive.holds(_source_hashes(recorded), published_before=date):
                return _Loaded(pair, None, derivative, recorded=recorded)
            audit = archive.audit_of(derivative, published_before=date, source_names=names)
            if audit.sources and audit.report is not None:
                found = [source.document for source in audit.sources]
                return _Loaded(pair, found, derivative, found=audit.report, given=given)
        why = "the archive holds no story it draws on" if archive is not None else "no --archive to find one in"
        raise InputError(f"{pair.derivative}: no source given, and {why}")
    except InputError as exc:
        return _Loaded(pair, error=str(exc))


def _given(names: tuple[str, ...], urls: tuple[str, ...]) -> dict[str, list[str]]:
    """What the pair's source was given beside its text, as its report records it (``given``; nothing when
    nothing was): part of the resume key, so a changed ``source_name`` or ``source_url`` is audited again."""
    return {k: list(v) for k, v in (("source_names", names), ("source_urls", urls)) if v}


def _named(sources: list[Document] | None, recorded: dict[str, Any] | None) -> str | None:
    """How the summary names sources found in an archive: their paths, joined (as the report names them)."""
    if sources:
        return ", ".join(d.path or "<text>" for d in sources)
    if recorded is not None:
        parts = recorded.get("sources") or [recorded.get("source") or {}]
        return ", ".join(str(p.get("path") or "<text>") for p in parts)
    return None


def _recorded(
    out: Path, pair: BatchPair, derivative: Document, html: bool, given: dict[str, list[str]]
) -> dict[str, Any] | None:
    """The pair's report already in ``out`` for this derivative (by SHA-256) and the names and URLs ``given``
    its source now, with its HTML when asked for; None when there is none, or it is damaged (redone). Its
    sources are the caller's to check."""
    report = out / f"{pair.id}.json"
    if not report.exists() or (html and not (out / f"{pair.id}.html").exists()):
        return None
    try:
        doc = json.loads(report.read_text(encoding="utf-8"))
        if (
            isinstance(doc, dict)
            and doc["derivative"]["sha256"] == derivative.sha256
            and doc.get("given", {}) == given
            and _source_hashes(doc)
        ):
            return doc
    except (OSError, ValueError, KeyError, TypeError):
        pass  # a damaged report is redone
    return None


def _source_hashes(doc: dict[str, Any]) -> list[str]:
    """The SHA-256 of each source a report was made against (with several sources the report lists each
    one; its ``source`` is their joined text); none for a report that does not say."""
    try:
        parts = doc["sources"] if "sources" in doc else [doc["source"]]
        return [str(p["sha256"]) for p in parts]
    except (KeyError, TypeError):
        return []


def _row(base: tuple[str, str, str], status: str, doc: dict[str, Any], out: Path, pair: BatchPair) -> BatchRow:
    verdict = doc["verdict"]
    kinds = [f["kind"] for f in doc["findings"]]
    return BatchRow(
        *base,
        status=status,
        derived=verdict["derived"],
        derivation=verdict.get("derivation"),
        drawn_share=verdict.get("drawn_share"),
        credits_source=verdict["credits_source"],
        credited_as=verdict["credited_as"],
        verbatim=verdict["shares"]["verbatim"],
        paraphrase=verdict["shares"]["paraphrase"],
        added=verdict["shares"]["added"],
        quotes_not_in_source=kinds.count("quote_not_in_source"),
        added_claims=kinds.count("added_claim"),
        report=str(out / f"{pair.id}.json"),
    )


def _csv(rows: list[BatchRow]) -> str:
    buffer = io.StringIO()
    names = list(BatchRow.__dataclass_fields__)
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else _cell(v) for k, v in asdict(r).items()})
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
