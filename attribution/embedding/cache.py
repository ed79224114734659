"""An on-disk cache of sentence embeddings, keyed by model and sentence text.

A rerun in CI embeds only the sentences that changed. SQLite in WAL mode lets
concurrent attrib processes read and write one cache without corrupting it; a
cache that cannot be opened is skipped with a warning, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger("attrib")
FILENAME = "embeddings-v1.sqlite3"
MEMORY_LIMIT = 50_000
"""Vectors kept in memory per model (about 80 MB at 384 dimensions)."""


def default_cache_dir() -> Path:
    configured = os.environ.get("ATTRIB_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("attrib"))


class EmbeddingCache:
    def __init__(self, directory: Path) -> None:
        self.path = directory / FILENAME
        self._connection: sqlite3.Connection | None = None
        self._failed = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and not self._failed:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
                self._connection = connection
            except (OSError, sqlite3.Error) as exc:
                log.warning("embedding cache disabled: %s: %s", self.path, exc)
                self._failed = True
        return self._connection

    def get(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        with self._lock:
            connection = self._connect()
            if connection is None or not keys:
                return {}
            found: dict[bytes, np.ndarray] = {}
            try:
                for start in range(0, len(keys), 500):
                    chunk = list(keys[start : start + 500])
                    marks = ",".join("?" * len(chunk))
                    for key, blob in connection.execute(
                        f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
                    ):
                        found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
            except sqlite3.Error as exc:
                log.warning("embedding cache read failed: %s", exc)
            return found

    def put(self, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        with self._lock:
            connection = self._connect()
            if connection is None or not items:
                return
            try:
                with connection:
                    connection.executemany(
                        "INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)",
                        [(key, np.asarray(v, dtype=np.float32).tobytes()) for key, v in items],
                    )
            except sqlite3.Error as exc:
                log.warning("embedding cache write failed: %s", exc)


class CachedEmbedder:
    """An embedder that asks memory, then the disk cache, and loads the model only for what is missing.

    The memory layer lets a batch embed every pair's sentences in one call up front;
    ``disk`` None keeps vectors for this process only (``--no-cache``).
    """

    def __init__(self, name: str, fingerprint: str, factory: Callable[[], object], disk: EmbeddingCache | None) -> None:
        self.name = name
        self._fingerprint = fingerprint
        self._factory = factory
        self._inner: object | None = None
        self._disk = disk
        self._memory: dict[bytes, np.ndarray] = {}
        self.misses = 0

    def _key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self._fingerprint}\x00{text}".encode()).digest()[:20]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found = {k: self._memory[k] for k in keys if k in self._memory}
        unseen = sorted(set(keys) - set(found))
        if unseen and self._disk is not None:
            found.update(self._disk.get(unseen))
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if missing:
            if self._inner is None:
                self._inner = self._factory()
            vectors = self._inner.encode([t for _, t in missing])  # type: ignore[attr-defined]
            self.misses += len(missing)
            fresh = [(k, np.asarray(vectors[i], dtype=np.float32)) for i, (k, _) in enumerate(missing)]
            if self._disk is not None:
                self._disk.put(fresh)
            found.update(fresh)
        if len(self._memory) > MEMORY_LIMIT:
            self._memory.clear()  # a long-lived process keeps a bounded working set
        self._memory.update(found)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)
