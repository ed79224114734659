"""sentence-transformers (and torch) for models the numpy encoder cannot run, and for GPUs.

Imported only when such a model is first used, so ``attrib --help`` and the
default numpy path never pay for torch.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

INSTALL_HINT = "pass --model with a sentence-transformers model name or local path"
TORCH_EXTRA_HINT = "pip install 'attrib[torch]'"
DEVICES = ("auto", "cpu", "cuda")
GPU_BATCH = 256
"""Sentences a GPU batch: on one H100, 256 ran 1.5x faster than 64 and as fast as 1,024 (the README's GPU figures)."""


def torch_device(device: str) -> str:
    """``auto`` is CUDA when torch sees a GPU, else the CPU."""
    if device != "auto":
        return device
    try:
        import torch
    except ImportError:
        return "cpu"
    return "cuda" if torch.cuda.is_available() else "cpu"


class SentenceTransformerEmbedder:
    def __init__(self, location: str, name: str, *, device: str = "cpu", batch_size: int = 64) -> None:
        self.name = name
        self._location = location
        self._device = device
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
                    raise ModelError(f"sentence-transformers is not installed; {TORCH_EXTRA_HINT}") from None
                _quiet_libraries()
                try:
                    self._model = SentenceTransformer(self._location, device=torch_device(self._device))
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
        if str(model.device).startswith("cuda"):
            return encode_pipelined(model, list(texts), max(self._batch_size, GPU_BATCH))
        vectors = model.encode(
            list(texts),
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def encode_pipelined(model: Any, texts: list[str], batch_size: int, *, workers: int | None = None) -> np.ndarray:
    """``model.encode`` with tokenisation off the critical path: the next batches are tokenised by a pool of
    threads while the device runs the current one (sentence-transformers tokenises each batch in line, and
    a GPU waits for it; one tokenising thread kept an H100 at 5,200 to 7,000 sentences a second, eight at
    10,500: the README's GPU figures). Batches longest first, as sentence-transformers makes them;
    vectors normalised. ``workers``: tokenising threads (default: the cores but one, at most 8)."""
    import torch
    from sentence_transformers.util import batch_to_device

    tokenize = getattr(model, "preprocess", None) or model.tokenize  # preprocess from sentence-transformers 6
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    threads = workers or max(1, min(8, (os.cpu_count() or 2) - 1))
    parts: list[tuple[list[int], Any]] = []
    first = tokenize([texts[i] for i in batches[0]])  # in line: the call that sets the tokenizer's padding state
    with ThreadPoolExecutor(max_workers=threads) as pool, torch.inference_mode():
        # Keep `threads` batches in flight: the tokenizer releases the GIL, so they run side by side (a fast
        # tokenizer shared by threads is safe once its padding and truncation are set: the calls only read them).
        pending = deque(pool.submit(tokenize, [texts[i] for i in batch]) for batch in batches[1 : threads + 1])
        for n, batch in enumerate(batches):
            features = first if n == 0 else pending.popleft().result()
            ahead = n + threads + 1
            if ahead < len(batches):
                pending.append(pool.submit(tokenize, [texts[i] for i in batches[ahead]]))
            vectors = model(batch_to_device(features, model.device))["sentence_embedding"]
            parts.append((batch, torch.nn.functional.normalize(vectors.float(), p=2, dim=1)))
        out = np.zeros((len(texts), parts[0][1].shape[1]), dtype=np.float32)
        for batch, vectors in parts:  # one copy back at the end: no wait for the device between batches
            out[batch] = vectors.cpu().numpy()
    return out


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
