"""What the rest of attrib knows of an embedding model: a name and ``encode``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Anything that turns sentences into L2-normalised float32 rows.

    ``name`` goes into reports (and into the cache key, with the weights' fingerprint).
    Tests hand in a fake; the CLI builds a real one with ``load_embedder``.
    """

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...
