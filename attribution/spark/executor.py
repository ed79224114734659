"""The embedder each executor uses, from a picklable description: loaded once per Python worker.

Spark ships the spec (a small frozen dataclass) to the executors; ``load`` builds the embedder on first
use in each Python worker and keeps it in a module-level table for the worker's life (Spark reuses its
Python workers between tasks), so the model's weights are read once per worker, not once per batch.
On an executor with a GPU, ``device="auto"`` puts the model there (``load_embedder`` takes CUDA when
torch sees one).

``model`` may also be ``module:callable``, an importable factory of any ``Embedder`` (tests pass their
fake this way; a site can plug its own model server client in).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

from ..embedding import Embedder, load_embedder
from ..errors import ModelError

_FACTORY = re.compile(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*")
_LOADED: dict[EmbedderSpec, Embedder] = {}


@dataclass(frozen=True)
class EmbedderSpec:
    model: str | None = None
    backend: str = "auto"
    device: str = "auto"
    cache: bool = False
    """The on-disk embedding cache on each executor (off by default: executors are usually fresh machines)."""

    def load(self) -> Embedder:
        _share_cores()
        embedder = _LOADED.get(self)
        if embedder is None:
            embedder = _LOADED[self] = self._build()
        return embedder

    def _build(self) -> Embedder:
        if self.model and _FACTORY.fullmatch(self.model):
            module, name = self.model.split(":")
            try:
                factory = getattr(importlib.import_module(module), name)
            except (ImportError, AttributeError) as exc:
                raise ModelError(f"cannot import the embedder factory {self.model}: {exc}") from None
            embedder: Embedder = factory()
            return embedder
        return load_embedder(self.model, backend=self.backend, cache=self.cache, device=self.device)

    def name(self) -> str:
        """The model's name as reports and archives record it (loads the embedder's description only)."""
        return self.load().name


def _share_cores() -> None:
    """One Python worker runs each concurrent task; its encoder gets the task's cores (spark.task.cpus),
    not every core of the executor (which would start cores x cores threads)."""
    import os

    from pyspark import TaskContext

    context = TaskContext.get()
    if context is not None and "ATTRIB_THREADS" not in os.environ:
        os.environ["ATTRIB_THREADS"] = str(max(1, context.cpus()))
