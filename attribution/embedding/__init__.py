"""Embedding: the ``Embedder`` protocol, ``load_embedder`` (the edge), the numpy and
sentence-transformers backends, and the on-disk vector cache.

May import: ``attribution.errors`` and third-party libraries only. Nothing here knows
about sentences, reports or newsrooms.
"""

from .load import default_embedder, load_embedder
from .protocol import DEFAULT_MODEL, Embedder

__all__ = ["DEFAULT_MODEL", "Embedder", "default_embedder", "load_embedder"]
