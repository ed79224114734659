"""The ``attrib`` command: a thin layer over the library that reads inputs, writes files and picks exit codes.

Exit codes: 0 success; 1 policy failures (``attrib check``); 2 bad usage, bad
configuration or unreadable input, always with a one-line message and no traceback
(every ``AttribError`` maps to its ``exit_code`` in ``cli_edge.reporting_errors``).
Collaborators (the embedder loader) are built here, at the edge, and passed down;
``main(argv, load_embedder=...)`` lets a test hand in a fake. Heavy modules are
imported inside the commands, so ``attrib --help`` stays fast.

``compare`` and ``eval`` are defined here; the newsroom commands (``check``, ``batch``) live in
``newsroom_cli`` and the archive commands (``index``, ``find``, ``pickup``) in ``archive_cli``, and are
registered on this app in the order ``attrib --help`` lists them.
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
from .newsroom_cli import batch_command, check_command

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
    source_url: Annotated[
        list[str] | None,
        typer.Option(
            "--source-url",
            help="the source's own URL (or domain): a link to its domain in the derivative credits it; "
            "repeat for several",
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
        from .pipeline import compare as run_compare
        from .pipeline import given_urls

        urls = given_urls(source_url or (), "--source-url")  # before reading: a bad value is a usage error at once
        source_docs = [read_input(name, max_chars, html_mode) for name in source]
        derivative_doc = read_input(derivative, max_chars, html_mode)
        embedder = _edge(ctx).embedder_for(cache=not no_cache, device=device)(model, backend)
        report = run_compare(
            source_docs, derivative_doc, embedder=embedder, source_names=tuple(source_name or ()), source_urls=urls
        )

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
    no_origin: Annotated[
        bool,
        typer.Option(
            "--no-origin",
            help="audit blind: without the source's name and URL a gold file's origin states (default: with them)",
        ),
    ] = False,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    device: DeviceOption = "auto",
    no_cache: NoCacheOption = False,
) -> None:
    """Score attrib on hand-labelled pairs: per-label precision/recall/F1, quotes, details, verdict, misses."""
    import json

    with _reporting_errors():
        if json_out and json_out != "-":  # `eval --json a.gold.json b.gold.json` must not write over a.gold.json
            guard_outputs([json_out], [str(p) for p in gold or []])
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
            scores = Scores(origin=not no_origin)
            for path in gold:
                pair = load_gold(path)
                # As a newsroom audits the pair: told who the source is and where it ran, where the gold says.
                names, urls = ((), ()) if no_origin else (pair.source_names, pair.source_urls)
                scores.given += bool(names or urls)
                report = run_compare(
                    read_path(pair.source),
                    read_path(pair.derivative),
                    embedder=embedder_for(model, backend),
                    source_names=names,
                    source_urls=urls,
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


app.command("check")(check_command)
app.command("batch")(batch_command)


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
