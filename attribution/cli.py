"""The ``attrib`` command: a thin layer over the library that reads inputs, writes files and picks exit codes.

Exit codes: 0 success; 1 policy failures (``attrib check``); 2 bad usage, bad
configuration or unreadable input, always with a one-line message and no traceback
(every ``AttribError`` maps to its ``exit_code`` in ``cli_edge.reporting_errors``).
Collaborators (the embedder loader) are built here, at the edge, and passed down;
``main(argv, load_embedder=...)`` lets a test hand in a fake. Heavy modules are
imported inside the commands, so ``attrib --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from .archive_cli import find_command, index_app, pickup_command
from .cli_edge import (
    BackendOption,
    DeviceOption,
    Edge,
    MaxCharsOption,
    ModelOption,
    NoCacheOption,
    guard_outputs,
    read_input,
    write_atomic,
    write_outputs,
)
from .cli_edge import edge_of as _edge
from .cli_edge import reporting_errors as _reporting_errors
from .core.read import DEFAULT_MAX_CHARS
from .errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, AttribError, UsageError

app = typer.Typer(
    name="attrib",
    help="Audit a rewrite against the wire story it came from: what it copied, paraphrased and added.",
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(index_app)


def _print_version(value: bool) -> None:
    if value:
        from ._version import __version__

        typer.echo(f"attrib {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="print attrib's version and exit", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    pass


app.command("find")(find_command)
app.command("pickup")(pickup_command)


@app.command()
def compare(
    ctx: typer.Context,
    source: Annotated[
        list[str],
        typer.Argument(
            help="the SOURCE: the wire story or press release (first, as in diff OLD NEW); several for an article "
            "written from several; - for stdin",
        ),
    ],
    derivative: Annotated[
        str,
        typer.Argument(help="the DERIVATIVE: the article written from it (always last); - for stdin"),
    ],
    json_out: Annotated[str | None, typer.Option("--json", help="write the JSON report to PATH (- for stdout)")] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="write the HTML side-by-side report to PATH")] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    plain: Annotated[
        bool, typer.Option("--plain", help="read HTML input as plain text, no article extraction")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no terminal summary")] = False,
    source_name: Annotated[
        list[str] | None,
        typer.Option(
            "--source-name", help="a name the source goes by (outlet, agency, organisation); repeat for several"
        ),
    ] = None,
) -> None:
    """Compare SOURCE (one or more) with DERIVATIVE and print the audit."""
    with _reporting_errors():
        if [*source, derivative].count("-") > 1:
            raise UsageError("only one of SOURCE and DERIVATIVE can be read from standard input")
        outputs = [p for p in (json_out, html_out) if p and p != "-"]
        guard_outputs(outputs, [*source, derivative])
        html_mode = "never" if plain else "auto"
        source_docs = [read_input(name, max_chars, html_mode) for name in source]
        derivative_doc = read_input(derivative, max_chars, html_mode)
        from .pipeline import compare as run_compare

        embedder = _edge(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
        report = run_compare(source_docs, derivative_doc, embedder=embedder, source_names=tuple(source_name or ()))

        files: list[tuple[str | Path, str]] = []
        if html_out:
            from .render.html import render_html

            files.append((html_out, render_html(report)))
        if json_out:
            from .render.json import render_json

            if json_out == "-":
                sys.stdout.write(render_json(report))
            else:
                files.append((json_out, render_json(report)))
        write_outputs(files)  # both land, or neither
    if not quiet and json_out != "-":
        from .render.terminal import render_terminal

        sys.stdout.write(render_terminal(report, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ))


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    gold: Annotated[list[Path] | None, typer.Argument(help="gold label files (see the README's gold format)")] = None,
    json_out: Annotated[
        str | None, typer.Option("--json", help="write the scores as JSON to PATH (- for stdout)")
    ] = None,
    corpus: Annotated[
        str | None,
        typer.Option("--corpus", help="score on a public corpus instead: mrpc, short-answer, xsumfaith or pan13"),
    ] = None,
    data: Annotated[Path | None, typer.Option("--data", help="the folder holding the corpora (shared/data)")] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="score only the first N pairs of the corpus", min=1)
    ] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
) -> None:
    """Score attrib on hand-labelled pairs: per-label precision/recall/F1, quotes, details, verdict, misses."""
    import json

    with _reporting_errors():
        embedder_for = _edge(ctx).embedder_for(cache=not no_cache, device=device)
        if corpus is not None:
            from .accuracy.corpora import evaluate_corpus, format_corpus

            if data is None:
                raise UsageError("--corpus needs --data DIR (the folder holding mrpc/, short-answer/, xsumfaith/)")
            result = evaluate_corpus(corpus, data, embedder_for(model, backend), limit=limit)
            text, summary = json.dumps(result, indent=2) + "\n", format_corpus(result)
        else:
            from .accuracy.gold import Scores, format_scores, load_gold, score
            from .core.read import read_path
            from .pipeline import compare as run_compare

            if not gold:
                raise UsageError("give one or more gold files, or --corpus NAME --data DIR")
            scores = Scores()
            for path in gold:
                pair = load_gold(path)
                report = run_compare(
                    read_path(pair.source), read_path(pair.derivative), embedder=embedder_for(model, backend)
                )
                score(pair.labels, report.to_dict(), scores, name=path.name)
            text = json.dumps(scores.to_dict(), indent=2, ensure_ascii=False) + "\n"
            summary = format_scores(scores)
        if json_out == "-":
            sys.stdout.write(text)
            return
        if json_out:
            write_atomic(json_out, text)
    sys.stdout.write(summary + "\n")


@app.command()
def check(
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
    with _reporting_errors():
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
        result = run_check(request, _edge(ctx).embedder_for(cache=not no_cache, device=device))
        text = render_check(
            result, chosen, colour=chosen == "human" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        )
        if output:
            inputs = {p.resolve() for r in result.results for p in (r.path, *r.sources)}
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


@app.command()
def batch(
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

    with _reporting_errors():
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
        embedder = _edge(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
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
                find_source=finder.source_documents if finder else None,
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


def main(argv: list[str] | None = None, *, load_embedder: Callable[..., Any] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting (for tests and embedding).

    ``load_embedder`` replaces ``attribution.embedding.load_embedder`` (same signature).
    Standard output that cannot be written (``> /dev/full``, a closed pipe) is a one-line
    error and exit 2, never a traceback.
    """
    try:
        code = _run(argv, load_embedder)
        sys.stdout.flush()
        return code
    except OSError as exc:
        # Standard output gone or full (> /dev/full, a closed pipe): one line, no traceback.
        _silence_stdout()
        where = exc.filename or "standard output"
        typer.echo(f"attrib: error: {where}: cannot be written ({exc.strerror or exc})", err=True)
        return EXIT_USAGE


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush of what is buffered cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to flush
        pass


def _run(argv: list[str] | None, load_embedder: Callable[..., Any] | None) -> int:
    try:
        # Not standalone: click returns an Exit's code instead of exiting.
        result = app(args=argv, prog_name="attrib", standalone_mode=False, obj=Edge(load_embedder))
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # pragma: no cover - click may still raise it
        return int(exc.code or 0)
    except KeyboardInterrupt:
        typer.echo("attrib: interrupted", err=True)
        return EXIT_INTERRUPTED
    except AttribError as exc:  # raised outside a command body (none today); still one line
        typer.echo(f"attrib: error: {' '.join(str(exc).split())}", err=True)
        return exc.exit_code
    except Exception as exc:
        # Click's own errors (typer may vendor click, so match them by shape, not class).
        message = getattr(exc, "format_message", None)
        if message is None or not hasattr(exc, "exit_code"):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(message())
            return EXIT_OK
        if type(exc).__name__ == "Abort":
            return EXIT_INTERRUPTED
        typer.echo(f"attrib: error: {' '.join(message().split())}", err=True)
        return EXIT_USAGE
    return result if isinstance(result, int) else EXIT_OK


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
