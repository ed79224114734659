"""The ``attrib`` command: a thin layer over the library that reads inputs, writes files and picks exit codes.

Exit codes: 0 success; 1 policy failures (``attrib check``); 2 bad usage, bad
configuration or unreadable input, always with a one-line message and no traceback.
Heavy modules are imported inside the commands, so ``attrib --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from .records import Document

app = typer.Typer(
    name="attrib",
    help="Audit a rewrite against the wire story it came from: what it copied, paraphrased and added.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK = 0
EXIT_POLICY = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A request attrib refuses; the message is one line."""


def fail(message: str) -> NoReturn:
    typer.echo(f"attrib: error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="sentence-transformers model name or path [default: packaged all-MiniLM-L6-v2]"),
]
BackendOption = Annotated[
    str, typer.Option("--backend", help="auto, numpy (no torch) or torch (sentence-transformers)")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="neither read nor write the embedding cache (ATTRIB_CACHE_DIR)")
]
MaxCharsOption = Annotated[int, typer.Option("--max-chars", help="refuse texts longer than this", min=1)]


@app.command()
def compare(
    source: Annotated[
        str, typer.Argument(help="the SOURCE: the wire story or press release (first, as in diff OLD NEW); - for stdin")
    ],
    derivative: Annotated[str, typer.Argument(help="the DERIVATIVE: the article written from it; - for stdin")],
    json_out: Annotated[str | None, typer.Option("--json", help="write the JSON report to PATH (- for stdout)")] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="write the HTML side-by-side report to PATH")] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = 400_000,
    plain: Annotated[
        bool, typer.Option("--plain", help="read HTML input as plain text, no article extraction")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no terminal summary")] = False,
) -> None:
    """Compare SOURCE with DERIVATIVE and print the audit."""
    from .embed import ModelError
    from .read import InputError

    try:
        if source == derivative == "-":
            raise UsageError("only one of SOURCE and DERIVATIVE can be read from standard input")
        outputs = [p for p in (json_out, html_out) if p and p != "-"]
        guard_outputs(outputs, [source, derivative])
        html_mode = "never" if plain else "auto"
        source_doc = read_input(source, max_chars, html_mode)
        derivative_doc = read_input(derivative, max_chars, html_mode)
        from .pipeline import compare as run_compare

        report = run_compare(source_doc, derivative_doc, model=model, backend=backend, cache=not no_cache)
    except (InputError, ModelError, UsageError) as exc:
        fail(str(exc))

    if html_out:
        from .render.html import render_html

        write_atomic(html_out, render_html(report))
    if json_out:
        from .render.json import render_json

        if json_out == "-":
            sys.stdout.write(render_json(report))
        else:
            write_atomic(json_out, render_json(report))
    if not quiet and json_out != "-":
        from .render.terminal import render_terminal

        sys.stdout.write(render_terminal(report, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ))


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path] | None, typer.Argument(help="gold label files (see the README's gold format)")] = None,
    json_out: Annotated[
        str | None, typer.Option("--json", help="write the scores as JSON to PATH (- for stdout)")
    ] = None,
    corpus: Annotated[
        str | None, typer.Option("--corpus", help="score on a public corpus instead: mrpc, short-answer or xsumfaith")
    ] = None,
    data: Annotated[Path | None, typer.Option("--data", help="the folder holding the corpora (shared/data)")] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="score only the first N pairs of the corpus", min=1)
    ] = None,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    no_cache: NoCacheOption = False,
) -> None:
    """Score attrib on hand-labelled pairs: per-label precision/recall/F1, quotes, details, verdict, misses."""
    import json

    from .embed import ModelError
    from .evaluate import Scores, format_scores, load_gold, score
    from .read import InputError, read_path

    if corpus is not None:
        _evaluate_corpus(corpus, data, limit, json_out, model, backend, not no_cache)
        return
    if not gold:
        fail("give one or more gold files, or --corpus NAME --data DIR")
    scores = Scores()
    try:
        from .pipeline import compare as run_compare

        for path in gold:
            try:
                pair = load_gold(path)
            except (OSError, ValueError, KeyError) as exc:
                raise UsageError(f"{path}: not a gold file ({exc})") from None
            report = run_compare(
                read_path(pair.source), read_path(pair.derivative), model=model, backend=backend, cache=not no_cache
            )
            score(pair.labels, report.to_dict(), scores, name=path.name)
    except (InputError, ModelError, UsageError) as exc:
        fail(str(exc))
    if json_out == "-":
        sys.stdout.write(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    if json_out:
        write_atomic(json_out, json.dumps(scores.to_dict(), indent=2, ensure_ascii=False) + "\n")
    sys.stdout.write(format_scores(scores) + "\n")


@app.command()
def check(
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
    model: ModelOption = None,
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = 400_000,
) -> None:
    """Check articles against their wire copy under the newsroom's policy. Exit 0 ok, 1 policy failures, 2 errors."""
    from .checkrun import changed_files, discover, read_manifest, run_check
    from .embed import ModelError
    from .policy import ConfigError, load_policy
    from .read import InputError
    from .render.ci import FORMATS, render_check

    chosen = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human")
    try:
        if chosen not in FORMATS:
            raise UsageError(f"unknown format {chosen!r}; choose one of {', '.join(FORMATS)}")
        if not articles and manifest is None:
            raise UsageError("give articles (paths or globs) or --manifest pairs.csv")
        cwd = Path.cwd()
        policy = load_policy(cwd, config)
        root = _repository_root(cwd, policy.config_path)
        paths = discover(articles or [], root)
        pairs = read_manifest(manifest) if manifest is not None else []
        changed = changed_files(changed_since, cwd) if changed_since else None
        result = run_check(
            paths, pairs, policy, root, changed=changed, model=model, cache=not no_cache, max_chars=max_chars
        )
    except (InputError, ModelError, UsageError, ConfigError) as exc:
        fail(str(exc))
    text = render_check(
        result, chosen, colour=chosen == "human" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if chosen == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(render_check(result, "markdown"))
    raise typer.Exit(result.exit_code)


def _repository_root(cwd: Path, config_path: str | None) -> Path:
    """The git work tree's top, else the configuration's folder, else the working directory."""
    for directory in (cwd, *cwd.parents):
        if (directory / ".git").exists():
            return directory
    return Path(config_path).parent if config_path else cwd


@app.command()
def batch(
    manifest: Annotated[Path, typer.Argument(help="CSV of pairs: columns source,derivative and optionally id")],
    out: Annotated[Path, typer.Option("--out", help="folder for the reports, summary.csv and summary.json")],
    html: Annotated[bool, typer.Option("--html", help="also write an HTML report per pair")] = False,
    model: ModelOption = None,
    backend: BackendOption = "auto",
    no_cache: NoCacheOption = False,
    max_chars: MaxCharsOption = 400_000,
) -> None:
    """Audit many pairs: one report each and a summary ranked by copied share. Rerun to resume."""
    from .batch import read_pairs, run_batch
    from .embed import ModelError, get_embedder
    from .read import InputError

    show_progress = sys.stderr.isatty()

    def progress(done: int, total: int, row: object) -> None:
        if show_progress:
            width = 30
            filled = int(width * done / total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    try:
        pairs = read_pairs(manifest)
        embedder = get_embedder(model, backend=backend, cache=not no_cache)
        rows = run_batch(pairs, out, embedder, html=html, max_chars=max_chars, progress=progress)
    except (InputError, ModelError, UsageError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{out}: cannot be written ({exc.strerror or exc})")
    counts = {k: sum(1 for r in rows if r.status == k) for k in ("done", "resumed", "failed")}
    typer.echo(
        f"{len(rows)} pairs: {counts['done']} compared, {counts['resumed']} already done, {counts['failed']} failed; "
        f"summary in {out / 'summary.csv'}"
    )
    for r in rows:
        if r.error:
            typer.echo(f"attrib: failed: {r.id}: {r.error}", err=True)
    raise typer.Exit(EXIT_USAGE if counts["failed"] else EXIT_OK)


def _evaluate_corpus(
    corpus: str,
    data: Path | None,
    limit: int | None,
    json_out: str | None,
    model: str | None,
    backend: str,
    cache: bool,
) -> None:
    import json

    from .corpora import CorpusError, evaluate_corpus, format_corpus
    from .embed import ModelError, get_embedder

    if data is None:
        fail("--corpus needs --data DIR (the folder holding mrpc/, short-answer/, xsumfaith/)")
    try:
        result = evaluate_corpus(corpus, data, get_embedder(model, backend=backend, cache=cache), limit=limit)
    except (CorpusError, ModelError) as exc:
        fail(str(exc))
    text = json.dumps(result, indent=2) + "\n"
    if json_out == "-":
        sys.stdout.write(text)
        return
    if json_out:
        write_atomic(json_out, text)
    sys.stdout.write(format_corpus(result) + "\n")


def read_input(name: str, max_chars: int, html: str) -> Document:
    from .read import read_bytes, read_path

    if name == "-":
        return read_bytes(sys.stdin.buffer.read(), path=None, max_chars=max_chars, html=html)
    return read_path(name, max_chars=max_chars, html=html)


def guard_outputs(outputs: list[str], inputs: list[str]) -> None:
    """attrib never writes over one of its inputs, nor two outputs to one file."""
    resolved_inputs = {Path(p).resolve() for p in inputs if p != "-"}
    seen: set[Path] = set()
    for out in outputs:
        target = Path(out).resolve()
        if target in resolved_inputs:
            raise UsageError(f"{out}: is one of the inputs; attrib will not write over it")
        if target in seen:
            raise UsageError(f"{out}: given for two outputs")
        if target.is_dir():
            raise UsageError(f"{out}: is a directory")
        seen.add(target)


def write_atomic(path: str | Path, text: str) -> None:
    from .files import write_atomic as write

    try:
        write(path, text)
    except OSError as exc:
        fail(f"{path}: cannot be written ({exc.strerror or exc})")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting (for tests and embedding)."""
    try:
        # Not standalone: click returns an Exit's code instead of exiting.
        result = app(args=argv, prog_name="attrib", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # pragma: no cover - click may still raise it
        return int(exc.code or 0)
    except KeyboardInterrupt:
        typer.echo("attrib: interrupted", err=True)
        return 130
    except Exception as exc:
        # Click's own errors (typer may vendor click, so match them by shape, not class).
        message = getattr(exc, "format_message", None)
        if message is None or not hasattr(exc, "exit_code"):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(message())
            return EXIT_OK
        if type(exc).__name__ == "Abort":
            return 130
        typer.echo(f"attrib: error: {' '.join(message().split())}", err=True)
        return EXIT_USAGE
    return result if isinstance(result, int) else EXIT_OK


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
