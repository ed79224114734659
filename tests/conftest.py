"""Shared fixtures: the seed pair, a deterministic fake embedder, and the real model."""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

from attribution.core.lexicon import content_stems
from attribution.core.textfold import words

# In CI, property tests replay the same examples every run: a failure is a change's, not luck's.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED_SOURCE = FIXTURES / "seed-source.txt"
SEED_DERIVATIVE = FIXTURES / "seed-derivative.txt"
SEED_GOLD = FIXTURES / "seed-pair.gold.json"


class FakeEmbedder:
    """Bag-of-stems vectors hashed into 512 dimensions: cosine tracks shared content words.

    Deterministic and free of torch, so unit tests of every stage run in milliseconds.
    """

    name = "fake-bag-of-words"
    dimensions = 512

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for stem in content_stems(words(text)):
                out[row, zlib.crc32(stem.encode()) % self.dimensions] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


class ReadsAlike:
    """The fake embedder, except that some names read as others (``same``: written -> read; a lower-case
    form too), so that their sentences share a vector, as the real model nearly makes them."""

    name = "fake-reads-alike"
    dimensions = 512

    def __init__(self, fake: FakeEmbedder, same: dict[str, str]) -> None:
        self.fake, self.same = fake, same

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        def read(text: str) -> str:
            for written, meant in self.same.items():
                text = text.replace(written, meant).replace(written.lower(), meant.lower())
            return text

        return self.fake.encode([read(t) for t in texts])


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def fake_model() -> FakeEmbedder:
    """The fake that CLI tests hand to the command line (through ``cli`` and ``edge`` below)."""
    return FakeEmbedder()


@pytest.fixture
def edge(fake_model: FakeEmbedder):  # type: ignore[no-untyped-def]
    """The CLI's collaborators with the fake embedder, for ``CliRunner().invoke(app, ..., obj=edge)``."""
    from attribution.cli import Edge

    return Edge(load_embedder=lambda *_, **__: fake_model)


@pytest.fixture
def cli(fake_model: FakeEmbedder) -> Callable[[list[str]], int]:
    """``attrib ARGV`` with the fake embedder; returns the exit code."""
    from attribution.cli import main

    return lambda argv: main(argv, load_embedder=lambda *_, **__: fake_model)


@pytest.fixture(scope="session")
def seed_texts() -> tuple[str, str]:
    return SEED_SOURCE.read_text(encoding="utf-8"), SEED_DERIVATIVE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_report(seed_texts: tuple[str, str]):  # type: ignore[no-untyped-def]
    """The seed pair through the real model, once per test session."""
    from attribution import compare
    from attribution.core.read import read_path

    return compare(read_path(SEED_SOURCE), read_path(SEED_DERIVATIVE))


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # The suite never touches the user's cache: one fresh cache per run.
    import tempfile

    os.environ["ATTRIB_CACHE_DIR"] = tempfile.mkdtemp(prefix="attrib-test-cache-")
