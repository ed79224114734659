"""``load_embedder``: the one place that reads the model, backend, cache and device settings.

The CLI (and any other edge: a Spark executor, a notebook) builds an embedder here
and passes it in; nothing below the edge looks a model up by name. Loading is
lazy: the weights are read when a sentence is first missing from the cache.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import ModelError
from .protocol import DEFAULT_MODEL, Embedder
from .torch_backend import DEVICES, INSTALL_HINT, TORCH_EXTRA_HINT

BACKENDS = ("auto", "numpy", "torch")


def load_embedder(
    model: str | None = None,
    *,
    backend: str = "auto",
    cache: bool = True,
    device: str = "auto",
) -> Embedder:
    """An embedder for ``model`` (a sentence-transformers name or path; None: the packaged all-MiniLM-L6-v2).

    ``backend`` "numpy" runs BERT-shaped sentence-transformers models (the default one
    included) without torch; "torch" uses sentence-transformers; "auto" takes numpy
    where it can, unless ``device`` asks for CUDA. With ``cache``, vectors are kept on
    disk (``attribution.embedding.cache``) and the model loads only when a sentence
    is not in the cache.
    """
    if backend not in BACKENDS:
        raise ModelError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if device not in DEVICES:
        raise ModelError(f"unknown device {device!r}; choose one of {', '.join(DEVICES)}")
    from .cache import CachedEmbedder, EmbeddingCache, default_cache_dir

    name = DEFAULT_MODEL if model is None else model
    location = resolve_model(model)
    chosen = _choose_backend(location, backend, device)
    verify = _is_default(model)
    factory = _factory(location, name, chosen, device, verify=verify)
    fingerprint = f"{chosen}:{name}:{_fingerprint(location)}"
    disk = EmbeddingCache(default_cache_dir()) if cache else None
    return CachedEmbedder(name, fingerprint, factory, disk)


@functools.cache
def default_embedder() -> Embedder:
    """The packaged model with the on-disk cache, loaded once per process (for ``compare(a, b)`` in a notebook)."""
    return load_embedder()


def resolve_model(model: str | None) -> str:
    """A path to load: the packaged all-MiniLM-L6-v2, a local path, or a hub name."""
    if model and _looks_like_path(model) and not Path(model).expanduser().exists():
        raise ModelError(f"no embedding model at {model}; {INSTALL_HINT}")
    if model is None or _is_default(model):
        from .cache import default_cache_dir
        from .default_model import default_model_dir

        return str(default_model_dir(default_cache_dir()))
    return model


def _is_default(model: str | None) -> bool:
    return model is None or model == DEFAULT_MODEL


def _looks_like_path(model: str) -> bool:
    return model.startswith((".", "/", "~")) or (os.sep in model.rstrip(os.sep) and model.count("/") != 1)


def _choose_backend(location: str, backend: str, device: str) -> str:
    chosen = _backend_for(location, backend, device)
    if chosen == "torch" and not _torch_installed():
        why = "--backend torch" if backend == "torch" else f"{location} (not a BERT model on disk that numpy runs)"
        raise ModelError(f"{why} needs sentence-transformers and torch: {TORCH_EXTRA_HINT}")
    return chosen


def _torch_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("sentence_transformers") is not None


def _backend_for(location: str, backend: str, device: str) -> str:
    if backend == "torch":
        return "torch"
    from .numpy_backend import supports

    numpy_runs_it = Path(location).is_dir() and supports(Path(location))
    if backend == "numpy":
        if not numpy_runs_it:
            raise ModelError(f"the numpy backend cannot run {location}: not a BERT sentence-transformers model on disk")
        if device == "cuda":
            raise ModelError("the numpy backend runs on the CPU; use --backend torch (or auto) with --device cuda")
        return "numpy"
    # auto: numpy on the CPU where it can run the model; a GPU (asked for, or seen by torch) goes to torch.
    if numpy_runs_it and (device == "cpu" or (device == "auto" and not _cuda_visible())):
        return "numpy"
    return "torch"


def _cuda_visible() -> bool:
    """Whether torch would find a GPU, without importing torch when there is plainly none."""
    if os.environ.get("CUDA_VISIBLE_DEVICES", None) in ("", "-1"):
        return False
    if not Path("/proc/driver/nvidia").exists() and not Path("/dev/nvidia0").exists():
        return False
    from .torch_backend import torch_device

    return torch_device("auto") == "cuda"


def _factory(location: str, name: str, backend: str, device: str, *, verify: bool) -> Callable[[], Embedder]:
    def load() -> Embedder:
        if verify:  # the packaged weights must be the pinned ones; a user's own --model is theirs
            from .cache import default_cache_dir
            from .default_model import verify_weights

            verify_weights(Path(location), default_cache_dir())
        if backend == "torch":
            from .torch_backend import SentenceTransformerEmbedder

            return SentenceTransformerEmbedder(location, name, device=device)
        from .numpy_backend import NumpyBertEmbedder

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
