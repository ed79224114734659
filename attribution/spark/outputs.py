"""What the job writes, and reads back of an earlier run: the article rows' schema and the rows of
articles whose input was bad, the pickup table, the ``--index`` archive written on the driver, and the
articles an earlier run already finished (a rerun skips them).
"""

from __future__ import annotations

import json
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .cells import BAD_INPUT, FAILED
from .executor import EmbedderSpec

ARTICLE_ROW = (
    "id string, sha256 string, published string, status string, error string, "
    "candidates array<struct<id:string,score:double,lexical:double,semantic:double,audited:boolean,"
    "derived:boolean,credits_source:boolean,passages:int>>, drawn_on array<string>, findings string, result string"
)
"""The schema of ``OUTPUT/articles``: one row per article."""


def bad_input_rows(article_bad: Any) -> Any:
    """Output rows for articles whose input row was bad: the error, nothing else."""
    from pyspark.sql import functions as F

    candidates_type = ARTICLE_ROW.split("candidates ", 1)[1].split(", drawn_on", 1)[0]
    return article_bad.select(
        "id",
        "sha256",
        "published",
        F.lit(BAD_INPUT).alias("status"),
        "error",
        F.array().cast(candidates_type).alias("candidates"),
        F.array().cast("array<string>").alias("drawn_on"),
        F.lit(None).cast("string").alias("findings"),
        F.lit(None).cast("string").alias("result"),
    )


def finished_articles(spark: Any, path: str, fmt: str) -> Any:
    """(id, sha256) of the articles already in the output (not those that failed: a rerun retries them)."""
    from pyspark.sql import functions as F

    try:
        done = spark.read.format(fmt).load(path)
    except Exception:  # no output yet (Spark says so with an AnalysisException)
        return None
    return done.filter(F.col("status") != FAILED).select("id", "sha256").distinct()


def write_pickups(spark: Any, pickups: Any, path: str, fmt: str) -> None:
    """Append the (story, pickled pickup) rows to the pickup table at ``path``."""
    import pandas as pd

    schema = (
        "story string, id string, path string, url string, title string, published string, source_name string, "
        "score double, derived boolean, derived_share double, verbatim double, paraphrase double, "
        "credits_source boolean, credited_as string, derivation string, passages string"
    )

    def rows(batches: Any) -> Any:
        for pdf in batches:
            out = pickup_columns(pdf["pickup"])
            for story, row in zip(pdf["story"], out, strict=True):
                row["story"] = story
            yield pd.DataFrame(out, columns=[c.split(" ")[0] for c in schema.split(", ")])

    pickups.mapInPandas(rows, schema).write.mode("append").option("ignoreNullFields", "false").format(fmt).save(path)


def write_index(stories: Any, story_vectors: Any, folder: str, spec: EmbedderSpec) -> int:
    """The stories (and their vectors) as the archive ``attrib find --archive`` opens, written through
    ``archive.store`` and ``archive.vectors.import_vectors`` on the driver, in input order."""
    import numpy as np

    from ..archive import open_archive
    from ..archive.store import Record
    from ..archive.vectors import VectorIndex, import_vectors

    count = 0
    with open_archive(folder, create=True) as store:
        rows = stories.orderBy("key").toLocalIterator()
        with store.transaction():
            for batch in _batched(rows, 5000):
                result = store.add_in_transaction(
                    Record(r["id"], r["text"], r["published"], r["source_name"], r["url"], r["title"]) for r in batch
                )
                count += len(result.added) + len(result.updated)
        if story_vectors is not None:
            ids: list[str] = []
            sentences: list[int] = []
            vectors: list[Any] = []
            joined = story_vectors.join(stories.select("key", "id"), "key").orderBy("key", "unit")
            for r in joined.toLocalIterator():
                ids.append(r["id"])
                sentences.append(r["sentence"])
                vectors.append(np.asarray(r["vector"], dtype=np.float32))
            if vectors:
                with tempfile.TemporaryDirectory() as tmp:
                    npz = Path(tmp) / "vectors.npz"
                    np.savez(
                        npz,
                        ids=np.array(ids),
                        sentences=np.array(sentences),
                        vectors=np.stack(vectors),
                        model=np.array(spec.name()),
                    )
                    import_vectors(store, npz)
                VectorIndex(store)
    return count


def _batched(rows: Any, size: int) -> Any:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def pickup_columns(blobs: Iterable[bytes]) -> list[dict[str, Any]]:
    """Pickup rows (``archive.pickup.Pickup.to_dict``) from their pickled records."""
    out = []
    for blob in blobs:
        data = pickle.loads(blob).to_dict()
        data["passages"] = json.dumps(data["passages"], ensure_ascii=False)
        out.append(data)
    return out
