"""The archive commands: ``attrib index add|remove|stats|vectors``, ``attrib find``, ``attrib pickup``.

A thin layer over ``attribution.archive``: reads options, calls the library, renders and writes. Registered
on the main app by ``attribution.cli``; errors become exit codes in ``cli_edge.reporting_errors``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .cli_edge import (
    BackendOption,
    DeviceOption,
    MaxCharsOption,
    ModelOption,
    NoCacheOption,
    edge_of,
    reporting_errors,
    write_atomic,
)
from .core.read import DEFAULT_MAX_CHARS
from .errors import UsageError

index_app = typer.Typer(
    name="index",
    help="Build and maintain an archive index of stories (attrib find and attrib pickup search it).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

ArchiveOption = Annotated[Path, typer.Option("--archive", help="the archive folder (holds archive.sqlite)")]
JsonOption = Annotated[str | None, typer.Option("--json", help="write the result as JSON to PATH (- for stdout)")]


@index_app.command("add")
def index_add(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="files (.txt, .md, .html), folders, or JSONL/CSV tables")],
    archive: ArchiveOption,
    no_vectors: Annotated[
        bool, typer.Option("--no-vectors", help="lexical index only: no sentence vectors (fast; no paraphrase search)")
    ] = False,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    jobs: Annotated[
        int, typer.Option("--jobs", help="processes that shingle the texts (the writes stay in one)", min=1)
    ] = 2,
) -> None:
    """Add stories to the archive (made if missing); re-adding the same text does nothing. All or nothing."""
    from .archive import open_archive
    from .archive.ingest import read_records
    from .archive.vectors import VectorIndex, build_vectors

    with reporting_errors():
        records = read_records(paths, max_chars=max_chars)
        with open_archive(archive, create=True) as store:
            embedder = (
                None if no_vectors else edge_of(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
            )
            with store.transaction():
                result = store.add_in_transaction(records, jobs=jobs)
                embedded = 0
                if embedder is not None:
                    changed = [store.get(i) for i in (*result.added, *result.updated)]
                    embedded = build_vectors(store, embedder, [d.key for d in changed if d is not None])
            if embedded:
                VectorIndex(store)  # writes the index file for the new generation
            total = store.count()
    typer.echo(
        f"{len(result.added)} added, {len(result.updated)} updated, {len(result.unchanged)} unchanged, "
        f"{len(result.duplicates)} duplicate texts skipped; {embedded} sentence vectors; {total} stories in {archive}"
    )
    for new_id, old_id in result.duplicates:
        typer.echo(f"attrib: skipped: {new_id}: same text as {old_id}", err=True)


@index_app.command("remove")
def index_remove(
    ids: Annotated[list[str], typer.Argument(help="ids of the stories to remove")],
    archive: ArchiveOption,
) -> None:
    """Remove stories by id (all or nothing: an unknown id removes none)."""
    from .archive import open_archive

    with reporting_errors(), open_archive(archive) as store:
        store.remove(ids)
        total = store.count()
    typer.echo(f"{len(ids)} removed; {total} stories in {archive}")


@index_app.command("stats")
def index_stats(archive: ArchiveOption, json_out: JsonOption = None) -> None:
    """What the archive holds: stories, shingles, vectors, dates, size, format version."""
    from dataclasses import asdict

    from .archive import open_archive

    with reporting_errors(), open_archive(archive) as store:
        stats = store.stats()
        if json_out:
            text = json.dumps(asdict(stats), indent=2) + "\n"
            if json_out == "-":
                sys.stdout.write(text)
                return
            write_atomic(json_out, text)
    typer.echo(
        f"archive {archive} (format version {stats.format_version})\n"
        f"  stories          {stats.documents:,}\n"
        f"  shingle postings {stats.postings:,} ({stats.distinct_shingles:,} distinct shingles)\n"
        f"  sentence vectors {stats.sentences_with_vectors:,}"
        + (f" ({stats.vector_model})" if stats.vector_model else "")
        + "\n"
        f"  published        {stats.earliest or '?'} to {stats.latest or '?'}\n"
        f"  size on disk     {stats.bytes_on_disk / 2**20:.1f} MiB"
    )


@index_app.command("vectors")
def index_vectors(
    ctx: typer.Context,
    archive: ArchiveOption,
    export: Annotated[
        str | None,
        typer.Option("--export", help="write the sentences still needing vectors as JSONL (id, sentence, text)"),
    ] = None,
    import_path: Annotated[
        Path | None, typer.Option("--import", help="load vectors made elsewhere (.npz: ids, sentences, vectors, model)")
    ] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
) -> None:
    """Build the sentence vectors missing from the archive here (e.g. --device cuda), or export/import them."""
    from .archive import open_archive
    from .archive.vectors import VectorIndex, build_vectors, export_sentences, import_vectors

    with reporting_errors(), open_archive(archive) as store:
        if export and import_path:
            raise UsageError("give --export or --import, not both")
        if export:
            lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in export_sentences(store))
            sys.stdout.write(lines) if export == "-" else write_atomic(export, lines)
            return
        if import_path:
            count = import_vectors(store, import_path)
        else:
            embedder = edge_of(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
            with store.transaction():
                count = build_vectors(store, embedder)
        size = len(VectorIndex(store))
    typer.echo(f"{count} sentence vectors added; {size} in the index")


def find_command(
    ctx: typer.Context,
    article: Annotated[
        str, typer.Argument(help="the ARTICLE whose sources to find (.md front matter: date/published)")
    ],
    archive: ArchiveOption,
    top: Annotated[int, typer.Option("--top", help="how many candidate sources to list", min=1)] = 5,
    published_before: Annotated[
        str | None,
        typer.Option("--published-before", help="the article's date (YYYY-MM-DD): later stories cannot be sources"),
    ] = None,
    json_out: JsonOption = None,
    html_out: Annotated[
        str | None, typer.Option("--html", help="write the HTML report of the audit against the sources it draws on")
    ] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no terminal summary")] = False,
) -> None:
    """Find the stories in the archive that ARTICLE was written from, then audit it against them."""
    import os

    from .archive import open_archive
    from .archive.find import find
    from .archive.ingest import iso_date
    from .cli_edge import guard_outputs

    with reporting_errors():
        guard_outputs([p for p in (json_out, html_out) if p and p != "-"], [article])
        document, date = read_article_input(article, max_chars)
        if published_before is not None:
            date = iso_date(published_before, "--published-before")
        with open_archive(archive) as store:
            embedder = edge_of(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
            result = find(store, document, embedder=embedder, top=top, published_before=date)
        if html_out:
            if result.report is None:
                raise UsageError("no candidate source found: there is no audit to write as HTML")
            from .render.html import render_html

            write_atomic(html_out, render_html(result.report))
        if json_out:
            text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
            if json_out == "-":
                sys.stdout.write(text)
                return
            write_atomic(json_out, text)
    if quiet:
        return
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(format_candidates(result))
    if result.report is not None:
        from .render.terminal import render_terminal

        sys.stdout.write("\n" + render_terminal(result.report, colour=colour))


def format_candidates(result: object) -> str:
    from .archive.find import FindResult

    assert isinstance(result, FindResult)
    evidence = "lexical and semantic" if result.semantic else "lexical"
    lines = [f"Candidate sources ({evidence} evidence; the audited ones re-ranked by score plus audit support)"]
    if not result.candidates:
        lines.append("  none: no story in the archive shares a passage with the article")
    for rank, cand in enumerate(result.candidates, 1):
        r, e = cand.record, cand.evidence
        verdict = ""
        if cand.audit is not None:
            verdict = f"  audit {cand.audit.support:.2f}, " + ("derived" if cand.audit.derived else "not derived")
            verdict += ", credited" if cand.audit.derived and cand.audit.credits_source else ""
            verdict += ", uncredited" if cand.audit.derived and not cand.audit.credits_source else ""
            if cand.audit.derived and r.id not in result.drawn_on:
                # Derived alone, but beside the sources the audit keeps, no sentence draws on it first.
                verdict += "; not a source beside those above (they hold all it gives)"
        when = f"  {r.published[:10]}" if r.published else ""
        shared = _count(len(e.passages), "shared passage")
        lines.append(
            f"  {rank:>2}. {e.score:.3f}  {r.id}{when}  "
            f"(lexical {e.lexical:.2f}, {shared}; semantic {e.semantic:.2f}){verdict}"
        )
    if result.excluded_published_after:
        lines.append(
            f"  ({result.excluded_published_after} stories published after {result.published_before} left out)"
        )
    if result.report is not None and len(result.drawn_on) > 1:
        lines.append(
            f"Audit against the {len(result.drawn_on)} sources it draws on, together: {_and(result.drawn_on)}:"
        )
    elif result.report is not None and result.drawn_on:
        lines.append(f"Audit against {result.drawn_on[0]}:")
    elif result.report is not None:
        lines.append("The article is derived from none of the candidates; the audit against the best one:")
    return "\n".join(lines) + "\n"


def _and(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def read_article_input(name: str, max_chars: int):  # type: ignore[no-untyped-def]
    """An article and its date from front matter (``published`` or ``date``), if it has one."""
    from .cli_edge import read_input

    if name != "-" and Path(name).suffix.lower() in (".md", ".markdown"):
        from .newsroom.articles import read_article

        art = read_article(Path(name), max_chars=max_chars)
        return art.document, art.published
    return read_input(name, max_chars, "auto"), None


def pickup_command(
    ctx: typer.Context,
    story: Annotated[str, typer.Argument(help="the STORY (a wire story) whose pickups to list")],
    archive: Annotated[Path, typer.Option("--archive", help="the archive folder of ARTICLES to search")],
    json_out: JsonOption = None,
    csv_out: Annotated[str | None, typer.Option("--csv", help="write one row per pickup as CSV to PATH")] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """List the indexed articles that draw on STORY: derived share, copied passages, whether they credit it."""
    import csv
    import io

    from .archive import open_archive
    from .archive.pickup import pickup
    from .cli_edge import guard_outputs, read_input

    with reporting_errors():
        guard_outputs([p for p in (json_out, csv_out) if p and p != "-"], [story])
        document = read_input(story, max_chars, "auto")
        with open_archive(archive) as store:
            embedder = edge_of(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
            found = pickup(store, document, embedder=embedder)
        if csv_out:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(
                [
                    "id",
                    "path",
                    "url",
                    "published",
                    "derived_share",
                    "verbatim",
                    "paraphrase",
                    "credits_source",
                    "credited_as",
                    "derivation",
                    "passages",
                ]
            )
            for p in found:
                writer.writerow(
                    [
                        p.record.id,
                        p.record.path or "",
                        p.record.url or "",
                        p.record.published or "",
                        p.derived_share,
                        p.verbatim,
                        p.paraphrase,
                        str(p.credits_source).lower(),
                        p.credited_as or "",
                        p.derivation,
                        len(p.passages),
                    ]
                )
            write_atomic(csv_out, buffer.getvalue())
        if json_out:
            text = (
                json.dumps(
                    {"schema_version": 1, "story": document.path, "pickups": [p.to_dict() for p in found]},
                    indent=2,
                    ensure_ascii=False,
                )
                + "\n"
            )
            if json_out == "-":
                sys.stdout.write(text)
                return
            write_atomic(json_out, text)
    lines = [f"{len(found)} articles draw on {story}"]
    for p in found:
        credit = f"credits it ({p.credited_as})" if p.credits_source else "does not credit it"
        lines.append(
            f"  {p.derived_share:>4.0%} derived ({p.verbatim:.0%} verbatim)  {p.record.id}  "
            f"{_count(len(p.passages), 'passage')} drawn from it; {credit}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
