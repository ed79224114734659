"""Sentence vectors of the archive's stories and their approximate-nearest-neighbour index (usearch).

The vectors live in the SQLite store (``sentences.vector``, float16), so they are added and removed in the
same transaction as their story; the usearch HNSW index is a file derived from them
(``vectors-<generation>.usearch``, rebuilt or extended whenever the vectors change, and memory-mapped to
search). usearch rather than faiss: one small wheel with no BLAS of its own, cosine HNSW over float16, and
an index file that is searched memory-mapped (``view``), so a large archive opens in milliseconds.

Vectors can be built elsewhere: ``export_sentences`` lists what to embed (story sentences, as the audit
embeds them), and ``import_vectors`` loads the vectors back (an ``.npz`` with ``ids``, ``sentences``,
``vectors`` and ``model``), e.g. from a GPU machine or the cluster job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..core.text import PreparedText
from ..core.textfold import clean
from ..embedding import Embedder
from ..errors import InputError
from .store import Archive

MAX_SENTENCES = 400
"""Story sentences embedded per document (the first ones: a 20,000-word feature has about 900)."""
ENCODE_BATCH = 256
EXACT_BELOW = 50_000
"""Up to this many sentence vectors, search them all (exact, a fraction of a second) instead of walking the
HNSW graph: a graph built on several threads differs from build to build, and on a small archive its
approximate search missed a neighbour one run in four (the Spark job's shards use the same rule)."""
_FILE = re.compile(r"vectors-(\d+)\.usearch$")


@dataclass(frozen=True)
class SentenceUnit:
    sentence: int
    """Index among the text's sentences (``attribution.core.segment``), as in the audit report."""
    start: int
    end: int
    text: str
    """What the model reads (disguises undone)."""


def sentence_units(text: str) -> list[SentenceUnit]:
    """The story sentences of ``text`` that get vectors (headline, subheads, body), in order."""
    side = PreparedText.of(text)
    units = [SentenceUnit(s.index, s.start, s.end, clean(s.text)) for s in side.sentences if s.role.is_story and s.text]
    return units[:MAX_SENTENCES]


def build_vectors(archive: Archive, embedder: Embedder, doc_keys: Sequence[int] | None = None) -> int:
    """Embed the story sentences of these documents (default: every document without vectors).

    Runs inside the caller's transaction when there is one; returns the number of sentences embedded.
    """
    _check_model(archive, embedder.name)
    keys = list(doc_keys) if doc_keys is not None else _docs_without_vectors(archive)
    done = 0
    pending: list[tuple[int, SentenceUnit]] = []
    for key, text in _texts(archive, keys):
        archive.db.execute("DELETE FROM sentences WHERE doc = ?", (key,))
        pending.extend((key, unit) for unit in sentence_units(text))
        if len(pending) >= ENCODE_BATCH:
            done += _store(archive, embedder, pending)
            pending = []
    done += _store(archive, embedder, pending)
    if done:
        archive.set_meta("vector_model", embedder.name)
        archive.bump_vectors()
    return done


def _store(archive: Archive, embedder: Embedder, pending: list[tuple[int, SentenceUnit]]) -> int:
    if not pending:
        return 0
    vectors = np.asarray(embedder.encode([u.text for _, u in pending]), dtype=np.float32)
    _check_dim(archive, vectors.shape[1])
    archive.db.executemany(
        'INSERT INTO sentences (doc, sentence, start, "end", vector) VALUES (?, ?, ?, ?, ?)',
        (
            (key, u.sentence, u.start, u.end, v.astype(np.float16).tobytes())
            for (key, u), v in zip(pending, vectors, strict=True)
        ),
    )
    return len(pending)


def export_sentences(archive: Archive) -> Iterator[dict[str, Any]]:
    """What to embed elsewhere: ``{"id", "sentence", "text"}`` for each story sentence of each document
    that has no vectors yet."""
    for key, text in _texts(archive, _docs_without_vectors(archive)):
        doc = archive.docs([key])[key]
        for unit in sentence_units(text):
            yield {"id": doc.record.id, "sentence": unit.sentence, "text": unit.text}


def import_vectors(archive: Archive, path: Path) -> int:
    """Load vectors made elsewhere from ``path`` (.npz: ``ids``, ``sentences``, ``vectors``, ``model``)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            ids, sentences, vectors = data["ids"], data["sentences"], np.asarray(data["vectors"], dtype=np.float32)
            model = str(data["model"])
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a vectors file (.npz with ids, sentences, vectors, model): {exc}") from None
    if not (len(ids) == len(sentences) == len(vectors)) or vectors.ndim != 2:
        raise InputError(f"{path}: ids, sentences and vectors differ in length")
    _check_model(archive, model)
    _check_dim(archive, vectors.shape[1])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)
    by_doc: dict[str, dict[int, np.ndarray]] = {}
    for doc_id, sentence, vector in zip(ids, sentences, vectors, strict=True):
        by_doc.setdefault(str(doc_id), {})[int(sentence)] = vector
    count = 0
    with archive.transaction():
        for doc_id, vecs in by_doc.items():
            stored = archive.get(doc_id)
            if stored is None:
                raise InputError(f"{path}: id {doc_id!r} is not in the archive")
            units = {u.sentence: u for u in sentence_units(stored.record.text)}
            missing = sorted(set(vecs) - set(units))
            if missing:
                raise InputError(f"{path}: {doc_id!r} has no story sentence {missing[0]}")
            # Only these sentences: a story's vectors may come in several files (shards of one export).
            archive.db.executemany(
                "DELETE FROM sentences WHERE doc = ? AND sentence = ?", ((stored.key, i) for i in sorted(vecs))
            )
            archive.db.executemany(
                'INSERT INTO sentences (doc, sentence, start, "end", vector) VALUES (?, ?, ?, ?, ?)',
                (
                    (stored.key, i, units[i].start, units[i].end, v.astype(np.float16).tobytes())
                    for i, v in sorted(vecs.items())
                ),
            )
            count += len(vecs)
        archive.set_meta("vector_model", model)
        archive.bump_vectors()
    return count


class VectorIndex:
    """The ANN index of the archive's sentence vectors, at the archive's current generation."""

    def __init__(self, archive: Archive) -> None:
        from usearch.index import Index

        self.archive = archive
        generation = int(archive.meta("vector_generation") or 0)
        path = archive.folder / f"vectors-{generation}.usearch"
        restored = Index.restore(str(path), view=True) if path.exists() else None
        self.index: Any
        if restored is not None:
            self.index = restored
        else:
            self.index = self._build(Index)
            self._save(path)

    def _build(self, index_class: Any) -> Any:
        dim = int(self.archive.meta("vector_dim") or 0)
        index = index_class(ndim=max(dim, 1), metric="cos", dtype="f16")
        rows = self.archive.db.execute("SELECT key, vector FROM sentences WHERE vector IS NOT NULL ORDER BY key")
        while chunk := rows.fetchmany(50_000):
            keys = np.array([k for k, _ in chunk], dtype=np.uint64)
            vectors = np.frombuffer(b"".join(v for _, v in chunk), dtype=np.float16).reshape(len(chunk), dim)
            index.add(keys, vectors.astype(np.float32))
        return index

    def _save(self, path: Path) -> None:
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            self.index.save(str(tmp))
            tmp.replace(path)
        except OSError:  # a read-only archive: the index stays in memory for this run
            tmp.unlink(missing_ok=True)
            return
        for old in path.parent.glob("vectors-*.usearch"):
            if old != path and _FILE.search(old.name):
                old.unlink(missing_ok=True)

    def __len__(self) -> int:
        return len(self.index)

    def search(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, int, float]]]:
        """For each query vector, its ``k`` nearest archive sentences as (doc key, sentence, cosine)."""
        if len(self.index) == 0 or len(vectors) == 0:
            return [[] for _ in range(len(vectors))]
        found: Any = self.index.search(
            np.asarray(vectors, dtype=np.float32), min(k, len(self.index)), exact=len(self.index) <= EXACT_BELOW
        )
        keys = np.atleast_2d(found.keys)
        distances = np.atleast_2d(found.distances)
        # One query row comes back as a single Matches (no counts), several as BatchMatches.
        counts = np.atleast_1d(getattr(found, "counts", len(found.keys)))
        wanted = sorted({int(key) for row, n in zip(keys, counts, strict=True) for key in row[:n]})
        where: dict[int, tuple[int, int]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, doc, sentence in self.archive.db.execute(
                f"SELECT key, doc, sentence FROM sentences WHERE key IN ({marks})", chunk
            ):
                where[key] = (doc, sentence)
        out = []
        for row, dist, n in zip(keys, distances, counts, strict=True):
            hits = []
            for key, d in zip(row[:n], dist[:n], strict=True):
                located = where.get(int(key))
                if located is not None:
                    hits.append((located[0], located[1], 1.0 - float(d)))
            out.append(hits)
        return out


def has_vectors(archive: Archive) -> bool:
    return archive.db.execute("SELECT 1 FROM sentences WHERE vector IS NOT NULL LIMIT 1").fetchone() is not None


def _docs_without_vectors(archive: Archive) -> list[int]:
    rows = archive.db.execute("SELECT rowid FROM docs WHERE rowid NOT IN (SELECT DISTINCT doc FROM sentences)")
    return [r[0] for r in rows]


def _texts(archive: Archive, keys: Sequence[int]) -> Iterator[tuple[int, str]]:
    for i in range(0, len(keys), 500):
        chunk = list(keys[i : i + 500])
        marks = ",".join("?" * len(chunk))
        yield from archive.db.execute(f"SELECT rowid, text FROM docs WHERE rowid IN ({marks}) ORDER BY rowid", chunk)


def _check_model(archive: Archive, model: str) -> None:
    current = archive.meta("vector_model")
    if current is not None and current != model and has_vectors(archive):
        raise InputError(
            f"{archive.folder}: the archive's vectors were made with {current}, not {model}; "
            f"use --model {current} (or --no-vectors)"
        )


def _check_dim(archive: Archive, dim: int) -> None:
    current = archive.meta("vector_dim")
    if current is not None and int(current) != dim and has_vectors(archive):
        raise InputError(f"{archive.folder}: the archive's vectors have {current} dimensions, these have {dim}")
    archive.set_meta("vector_dim", str(dim))
