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
from collections import Counter
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
        self._warned = False

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
            bad: list[bytes] = []
            try:
                for start in range(0, len(keys), 500):
                    chunk = list(keys[start : start + 500])
                    marks = ",".join("?" * len(chunk))
                    for key, blob in connection.execute(
                        f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
                    ):
                        vector = _vector(blob)
                        if vector is None:
                            bad.append(bytes(key))
                        else:
                            found[bytes(key)] = vector
            except sqlite3.Error as exc:
                log.warning("embedding cache read failed: %s", exc)
        if bad:
            self.forget(bad)
        return found

    def forget(self, keys: Sequence[bytes]) -> None:
        """Delete damaged rows (one warning per run), so that the vectors computed again replace them."""
        with self._lock:
            connection = self._connect()
            if connection is None or not keys:
                return
            if not self._warned:
                log.warning(
                    "embedding cache: dropped %d damaged vector(s) from %s; they are computed again",
                    len(keys),
                    self.path,
                )
                self._warned = True
            try:
                with connection:
                    connection.executemany("DELETE FROM vectors WHERE key = ?", [(k,) for k in keys])
            except sqlite3.Error as exc:
                log.warning("embedding cache write failed: %s", exc)

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


def _vector(blob: object) -> np.ndarray | None:
    """A stored vector, or None for a damaged row: not whole float32s, empty, or not finite (NaN flips verdicts)."""
    if not isinstance(blob, bytes) or not blob or len(blob) % 4:
        return None
    vector = np.frombuffer(blob, dtype=np.float32)
    return vector if bool(np.isfinite(vector).all()) else None


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

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Hold vectors made elsewhere for these texts (by this model: a Spark stage that embedded them),
        so that ``encode`` finds them in memory instead of running the model again."""
        if len(self._memory) + len(texts) > MEMORY_LIMIT:
            self._memory.clear()
        for text, vector in zip(texts, vectors, strict=True):
            self._memory[self._key(text)] = np.asarray(vector, dtype=np.float32)

    def _key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self._fingerprint}\x00{text}".encode()).digest()[:20]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found = {k: self._memory[k] for k in keys if k in self._memory}
        unseen = sorted(set(keys) - set(found))
        if unseen and self._disk is not None:
            stored = self._disk.get(unseen)
            if stored:
                # Every vector of one model has one length: a row of another length is damaged.
                # The width is the one this process already holds, else the one most rows agree on
                # (a tie trusts none of them: all are computed again).
                widths = Counter(len(v) for v in stored.values())
                ranked = widths.most_common(2)
                held = next(iter(self._memory.values()), None)
                width = len(held) if held is not None else ranked[0][0]
                if held is None and len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
                    width = -1
                damaged = [k for k, v in stored.items() if len(v) != width]
                if damaged:
                    self._disk.forget(damaged)
                found.update((k, v) for k, v in stored.items() if len(v) == width)
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
