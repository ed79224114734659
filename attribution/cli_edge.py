"""What every command shares: its collaborators (``Edge``), the one place an ``AttribError`` becomes an exit
code, reading inputs and writing outputs safely. Used by ``cli`` and ``archive_cli``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import AttribError, UsageError

if TYPE_CHECKING:
    from .core.records import Document
    from .embedding import Embedder


ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="sentence-transformers model name or path [default: packaged all-MiniLM-L6-v2]"),
]
BackendOption = Annotated[
    str, typer.Option("--backend", help="auto, numpy (no torch) or torch (sentence-transformers)")
]
DeviceOption = Annotated[
    str, typer.Option("--device", help="auto, cpu or cuda: where the torch backend runs the model")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="neither read nor write the embedding cache (ATTRIB_CACHE_DIR)")
]
MaxCharsOption = Annotated[int, typer.Option("--max-chars", help="refuse texts longer than this", min=1)]


@dataclass(frozen=True)
class Edge:
    """What the commands get from outside: how to load an embedder (a test passes a fake)."""

    load_embedder: Callable[..., Embedder] | None = None

    def embedder_for(self, *, cache: bool, device: str = "auto") -> Callable[[str | None, str], Embedder]:
        """(model, backend) → embedder, each loaded once for the run."""
        load = self.load_embedder
        if load is None:
            from .embedding import load_embedder as load

        @functools.cache
        def build(model: str | None, backend: str) -> Embedder:
            assert load is not None
            return load(model, backend=backend, cache=cache, device=device)

        return build


def edge_of(ctx: typer.Context) -> Edge:
    return ctx.obj if isinstance(ctx.obj, Edge) else Edge()


@contextmanager
def reporting_errors() -> Iterator[None]:
    """The one place an ``AttribError`` becomes a message and an exit code."""
    try:
        yield
    except AttribError as exc:
        typer.echo(f"attrib: error: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(exc.exit_code) from None


def read_input(name: str, max_chars: int, html: str) -> Document:
    from .core.read import max_bytes, read_bytes, read_path

    if name == "-":  # bounded: `attrib compare - x < /dev/zero` ends with a one-line error
        return read_bytes(sys.stdin.buffer.read(max_bytes(max_chars) + 1), path=None, max_chars=max_chars, html=html)
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
    write_outputs([(path, text)])


def write_outputs(outputs: list[tuple[str | Path, str]]) -> None:
    """Every output of one run, or none: a second output that cannot be written leaves no first one behind."""
    from .newsroom.files import write_all

    try:
        write_all(outputs)
    except OSError as exc:
        where = exc.filename or ", ".join(str(p) for p, _ in outputs)
        raise UsageError(f"{where}: cannot be written ({exc.strerror or exc}); nothing was written") from None
