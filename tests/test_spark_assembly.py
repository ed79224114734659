"""The Spark job's assembly stage (``spark.audit.assemble_rows``) on pandas rows, without a Spark session:
an article derived from several candidates gets its multi-source audit on the sentence vectors that the
embedding stage made and its derived pairs carry, never embedding the article or its sources again."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, FakeEmbedder

pytest.importorskip("pyspark")  # the stage's embedder spec shares the Spark task's cores (pyspark.TaskContext)

STORIES = FIXTURES / "archive" / "stories.jsonl"
ARTICLE = FIXTURES / "gold" / "real" / "b-agency-uncredited-tesla-derivative.txt"
MODEL_CALLS: list[str] = []
"""Every text the fake model behind the stage's cache embedded."""


class _CountingFake(FakeEmbedder):
    def encode(self, texts):  # type: ignore[no-untyped-def]
        MODEL_CALLS.extend(texts)
        return super().encode(texts)


def cached_fake() -> Any:
    """The stage's embedder (``EmbedderSpec("tests.test_spark_assembly:cached_fake")``): the counting fake
    behind the in-memory cache that ``remember`` fills, as ``load_embedder`` builds it for a real model."""
    from attribution.embedding.cache import CachedEmbedder

    return CachedEmbedder(FakeEmbedder.name, "fake", _CountingFake, None)


def unit_vectors(text: str) -> list[dict[str, Any]]:
    """The embedding stage's rows for a text: (unit, vector) per sentence unit."""
    from attribution.archive.vectors import sentence_units

    vectors = FakeEmbedder().encode([u.text for u in sentence_units(text)])
    return [{"unit": i, "vector": v} for i, v in enumerate(vectors)]


def test_the_multi_source_audit_reuses_the_embedding_stage_vectors(tmp_path: Path) -> None:
    import pandas as pd

    from attribution.archive import open_archive
    from attribution.archive.find import audit_candidate, find, find_candidates, with_audit, worth_auditing
    from attribution.archive.ingest import read_records
    from attribution.archive.vectors import build_vectors, sentence_units
    from attribution.core.read import text_document
    from attribution.spark import executor
    from attribution.spark.audit import assemble_rows

    text = ARTICLE.read_text(encoding="utf-8")
    article = text_document(text, path="tesla")  # named as the stages name it: by its id
    fake = FakeEmbedder()
    with open_archive(tmp_path / "archive", create=True) as store:
        store.add(read_records([STORIES]))
        with store.transaction():
            build_vectors(store, fake)
        expected = find(store, article, embedder=fake)
        found, excluded, semantic = find_candidates(store, text, embedder=fake)
    assert len(expected.drawn_on) >= 2  # the case at hand: derived from several candidates

    # The rows the audit stage hands the assembly: a summary row, then each candidate with its audit,
    # the derived ones with the pair's vectors from the embedding stage.
    rows: list[dict[str, Any]] = [
        {"rank": -1, "found": None, "report": None, "excluded": excluded, "semantic": semantic, "error": None}
    ]
    for rank, candidate in enumerate(found):
        report = audit_candidate(candidate, article, embedder=fake) if worth_auditing(rank, candidate) else None
        derived = report is not None and report.verdict.derived
        rows.append(
            {
                "rank": rank,
                "found": pickle.dumps(candidate if report is None else with_audit(candidate, report)),
                "report": None if report is None else pickle.dumps(report),
                "excluded": 0,
                "semantic": False,
                "error": None,
                "story_vectors": unit_vectors(candidate.record.text) if derived else None,
                "article_vectors": unit_vectors(text) if derived else None,
            }
        )
    pdf = pd.DataFrame(rows).assign(akey=1, id="tesla", sha256="-", published=None, text=text)

    spec = executor.EmbedderSpec("tests.test_spark_assembly:cached_fake")
    executor._LOADED.pop(spec, None)
    MODEL_CALLS.clear()
    (out,) = assemble_rows(spec)(pdf).to_dict("records")

    assert out["status"] == "ok" and out["drawn_on"] == list(expected.drawn_on)
    assert json.loads(out["result"]) == json.loads(json.dumps(expected.to_dict(), ensure_ascii=False))
    sources = [c.record.text for c in found if c.record.id in expected.drawn_on]
    embedded_before = {u.text for t in (text, *sources) for u in sentence_units(t)}
    # Before: the multi-source audit ran the model on every story sentence of the article and its sources.
    assert not embedded_before & set(MODEL_CALLS)
