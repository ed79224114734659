"""The newsroom commands: ``attrib check`` (articles under the newsroom's policy, for CI and pre-commit) and
``attrib batch`` (many pairs from a manifest, with reports and a summary).

A thin layer over ``attribution.newsroom``: reads options, calls the library, renders and writes. Registered
on the main app by ``attribution.cli``; errors become exit codes in ``cli_edge.reporting_errors``, and
``attrib check``'s own exit code (1 on policy failures) is the check result's.
"""

from __future__ import annotations

import os
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
from .errors import EXIT_OK, EXIT_USAGE, UsageError


def check_command(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(help="article files, folders or glob patterns; each names its source(s) in front matter"),
    ] = None,
    manifest: Annotated[
        Path | None, typer.Option("--manifest", help="CSV of pairs (columns source,derivative; paths relative to it)")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="human, json, github, markdown or junit [default: github under GitHub Actions, else human]"
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", help="check only articles (or their sources) changed since this git ref"),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="attrib.toml or pyproject.toml to use instead of the nearest one")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="write the output to PATH instead of stdout")
    ] = None,
    skip_unsourced: Annotated[
        bool,
        typer.Option("--skip-unsourced", help="pass Markdown files whose front matter names no source (README, notes)"),
    ] = False,
    changed_files: Annotated[
        bool,
        typer.Option(
            "--changed-files",
            help="ARTICLES are changed files (pre-commit): check the articles among them and those citing the others",
        ),
    ] = False,
    model: ModelOption = None,
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Check articles against their wire copy under the newsroom's policy. Exit 0 ok, 1 policy failures, 2 errors."""
    from .newsroom.check import CheckRequest, run_check
    from .render.ci import FORMATS, render_check

    chosen = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human")
    with reporting_errors():
        if chosen not in FORMATS:
            raise UsageError(f"unknown format {chosen!r}; choose one of {', '.join(FORMATS)}")
        request = CheckRequest(
            articles=tuple(articles or ()),
            manifest=manifest,
            changed_since=changed_since,
            config=config,
            cwd=Path.cwd(),
            model=model,
            max_chars=max_chars,
            skip_unsourced=skip_unsourced,
            changed_files=changed_files,
        )
        result = run_check(request, edge_of(ctx).embedder_for(cache=not no_cache, device=device))
        text = render_check(
            result, chosen, colour=chosen == "human" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        )
        if output:
            inputs = {p.resolve() for r in result.results for p in (r.path, *r.sources) if isinstance(p, Path)}
            if request.manifest is not None:
                inputs.add(request.manifest.resolve())
            if output != "-" and Path(output).resolve() in inputs:
                raise UsageError(
                    f"{output}: is one of the inputs (an article or its source); attrib will not write over it"
                )
            write_atomic(output, text)
        else:
            sys.stdout.write(text)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if chosen == "github" and summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as handle:
                    handle.write(render_check(result, "markdown"))
            except OSError as exc:
                raise UsageError(
                    f"GITHUB_STEP_SUMMARY={summary_file}: cannot be written ({exc.strerror or exc})"
                ) from None
    raise typer.Exit(result.exit_code)


def batch_command(
    ctx: typer.Context,
    manifest: Annotated[Path, typer.Argument(help="CSV of pairs: columns source,derivative and optionally id")],
    out: Annotated[Path, typer.Option("--out", help="folder for the reports, summary.csv and summary.json")],
    html: Annotated[bool, typer.Option("--html", help="also write an HTML report per pair")] = False,
    archive: Annotated[
        Path | None,
        typer.Option("--archive", help="find each derivative's source in this archive (source column optional)"),
    ] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Audit many pairs: one report each and a summary ranked by copied share. Rerun to resume."""
    from .newsroom.batch import read_pairs, run_batch

    show_progress = sys.stderr.isatty()

    def progress(done: int, total: int, row: object) -> None:
        if show_progress:
            width = 30
            filled = int(width * done / total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    with reporting_errors():
        from .render.html import render_html

        pairs = read_pairs(manifest, sources_optional=archive is not None)
        own = [
            out / "summary.csv",
            out / "summary.json",
            *(out / f"{p.id}.{e}" for p in pairs for e in ("json", "html")),
        ]
        if manifest.resolve() in {p.resolve() for p in own}:
            raise UsageError(
                f"{manifest}: is the manifest and would be one of the batch's outputs; choose another --out"
            )
        embedder = edge_of(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
        finder = None
        if archive is not None:
            from .archive.sources import SourceFinder

            finder = SourceFinder(archive, embedder)
        try:
            rows = run_batch(
                pairs,
                out,
                embedder,
                render_html=render_html if html else None,
                max_chars=max_chars,
                progress=progress,
                archive=finder,
            )
        except OSError as exc:
            raise UsageError(f"{out}: cannot be written ({exc.strerror or exc})") from None
        finally:
            if finder is not None:
                finder.close()
    counts = {k: sum(1 for r in rows if r.status == k) for k in ("done", "resumed", "failed")}
    typer.echo(
        f"{len(rows)} pairs: {counts['done']} compared, {counts['resumed']} already done, {counts['failed']} failed; "
        f"summary in {out / 'summary.csv'}"
    )
    for r in rows:
        if r.error:
            typer.echo(f"attrib: failed: {r.id}: {r.error}", err=True)
    raise typer.Exit(EXIT_USAGE if counts["failed"] else EXIT_OK)
