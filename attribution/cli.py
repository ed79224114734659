"""The ``attrib`` command: a thin layer over the library that reads inputs, writes files and picks exit codes.

Exit codes: 0 success; 1 policy failures (``attrib check``); 2 bad usage, bad
configuration or unreadable input, always with a one-line message and no traceback.
Heavy modules are imported inside the commands, so ``attrib --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import tempfile
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
    if json_out == "-":
        sys.stdout.write(report.to_json())
    elif json_out:
        write_atomic(json_out, report.to_json())
    if not quiet and json_out != "-":
        from .render.terminal import render_terminal

        sys.stdout.write(render_terminal(report, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ))


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path] | None, typer.Argument(help="gold label files (see the README's gold format)")] = None,
    json_out: Annotated[
        str | None, typer.Option("--json", help="write the scores as JSON to PATH (- for stdout)")
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

    if not gold:
        fail("give one or more gold files")
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
    """Write via a temporary file and a rename, so a reader never sees half a report."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        try:
            os.chmod(tmp, _file_mode(target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        fail(f"{path}: cannot be written ({exc.strerror or exc})")


def _file_mode(target: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual mode under the umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


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
