"""The plan of the job: which stage feeds which, and what is written.

Input rows are checked (``check_rows``) and deduplicated as the store deduplicates (the first row of an
id or of a text wins; the others are recorded). Then, for the articles not already in the output:

1. lexical evidence: (story, shingle) and (article, shingle) rows (``archive.shingles``), the shingles'
   document frequencies, and one join that gives each article its shingles' holders, dropping shingles
   held by more than ``MAX_DF`` stories (passim's and ``attrib find``'s document-frequency pruning);
2. semantic evidence: story and article sentences embedded in ``mapInPandas`` (model once per worker),
   story vectors split into shards, each shard searched for every article sentence (``cogroup``), the
   ``NEIGHBOURS`` best kept over all shards;
3. ranking and choosing: ``archive.find.rank`` and ``choose_candidates`` on each article's rows;
4. the audit: ``pipeline.compare`` on each candidate pair worth auditing (``mapInPandas`` over pairs);
5. ``archive.find.find_result`` per article (with the multi-source audit of the candidates it is derived
   from, when there are several): the row written to ``OUTPUT/articles``, and the pairs the audit found
   derived to ``OUTPUT/pickup``.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..archive.candidates import MAX_DF
from ..archive.find import NEIGHBOURS
from .executor import EmbedderSpec
from .inputs import read_table
from .stages import (
    BAD_INPUT,
    FAILED,
    assemble_rows,
    audit_rows,
    check_rows,
    choose_rows,
    embed_rows,
    neighbour_rows,
    rank_rows,
    shingle_rows,
)

CHECKED = (
    "key long, id string, text string, published string, source_name string, url string, title string, "
    "sha256 string, error string"
)
ARTICLE_ROW = (
    "id string, sha256 string, published string, status string, error string, "
    "candidates array<struct<id:string,score:double,lexical:double,semantic:double,audited:boolean,"
    "derived:boolean,credits_source:boolean,passages:int>>, drawn_on array<string>, findings string, result string"
)
SENTENCES_PER_SHARD = 2_000_000
"""Story sentence vectors searched together (about 1.5 GB of float16 at 384 dimensions, plus the graph)."""


@dataclass(frozen=True)
class JobOptions:
    stories: tuple[str, ...]
    articles: tuple[str, ...]
    output: str
    embedder: EmbedderSpec = field(default_factory=EmbedderSpec)
    vectors: bool = True
    """Semantic evidence (sentence vectors); without it, lexical candidates only (no model is loaded)."""
    top: int = 5
    index: str | None = None
    """Also write the archive of the stories here (``attrib find --archive`` opens it on one machine)."""
    output_format: str = "parquet"
    input_format: str | None = None
    shards: int = 0
    """Vector shards; 0: one per ``SENTENCES_PER_SHARD`` story sentences."""
    partitions: int = 0
    """Partitions of the per-article stages; 0: four per core."""


@dataclass(frozen=True)
class JobSummary:
    stories: int
    stories_rejected: int
    articles: int
    articles_skipped: int
    articles_rejected: int
    story_sentences: int
    pairs_audited: int
    pickups: int


def run_job(spark: Any, options: JobOptions) -> JobSummary:
    """Run the job on ``spark`` (a SparkSession) and write ``options.output``; returns what it did."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    parts = options.partitions or max(2, 4 * spark.sparkContext.defaultParallelism)
    output = options.output.rstrip("/")
    keep = StorageLevel.MEMORY_AND_DISK

    stories, story_bad = _checked(spark, options.stories, options.input_format, "stories", parts, by_text=True)
    stories = stories.persist(keep)
    articles, article_bad = _checked(spark, options.articles, options.input_format, "articles", parts, by_text=False)
    done = _finished(spark, f"{output}/articles", options.output_format)
    skipped = 0
    if done is not None:
        before = articles.count()
        articles = articles.join(done, on=["id", "sha256"], how="left_anti")
        article_bad = article_bad.join(done, article_bad["id"].eqNullSafe(done["id"]), how="left_anti")
        skipped = before - articles.count()
    articles = articles.withColumnRenamed("key", "akey").persist(keep)
    todo = articles.count()
    if todo == 0:  # a rerun with nothing new: no model, no joins
        bad = article_bad.count()
        if bad:
            _bad_rows(article_bad).write.mode("append").option("ignoreNullFields", "false").format(
                options.output_format
            ).save(f"{output}/articles")
        return JobSummary(stories.count(), story_bad.count(), 0, skipped, bad, 0, 0, 0)
    total = stories.count()

    # 1. Lexical: every story shingle's holders, pruned by document frequency, joined to article shingles.
    story_shingles = stories.select("key", "text").mapInPandas(shingle_rows, "key long, hash long")
    df = story_shingles.groupBy("hash").agg(F.count("*").alias("df"))
    holders = (
        story_shingles.join(df.filter(F.col("df") <= MAX_DF), "hash")
        .groupBy("hash")
        .agg(F.first("df").alias("df"), F.collect_list("key").alias("holders"))
        .unionByName(df.filter(F.col("df") > MAX_DF).withColumn("holders", F.array().cast("array<long>")))
    )
    article_shingles = (
        articles.select(F.col("akey").alias("key"), "text")
        .mapInPandas(shingle_rows, "key long, hash long")
        .withColumnRenamed("key", "akey")
    )
    postings = (
        article_shingles.join(holders, "hash")
        .groupBy("akey")
        .agg(F.collect_list(F.struct("hash", "df", "holders")).alias("postings"))
    )

    # 2. Semantic: sentence vectors, searched shard by shard.
    sentences = 0
    ranked_input = articles.select("akey", "text").join(postings, "akey", "left")
    if options.vectors:
        embed = embed_rows(options.embedder)
        vector_schema = "key long, unit int, sentence int, vector array<float>"
        story_vectors = stories.select("key", "text").mapInPandas(embed, vector_schema).persist(keep)
        article_vectors = (
            articles.select(F.col("akey").alias("key"), "text").mapInPandas(embed, vector_schema).persist(keep)
        )
        sentences = story_vectors.count()
        shards = options.shards or max(1, -(-sentences // SENTENCES_PER_SHARD))
        sharded = story_vectors.withColumn("shard", F.col("key") % shards)
        queries = article_vectors.crossJoin(spark.range(shards).withColumnRenamed("id", "shard"))
        found = (
            sharded.groupBy("shard")
            .cogroup(queries.groupBy("shard"))
            .applyInPandas(neighbour_rows(NEIGHBOURS), "akey long, unit int, doc long, sentence int, cosine double")
        )
        nearest = Window.partitionBy("akey", "unit").orderBy(F.desc("cosine"), "doc", "sentence")
        neighbours = (
            found.withColumn("n", F.row_number().over(nearest))
            .filter(F.col("n") <= NEIGHBOURS)
            .groupBy("akey")
            .agg(F.collect_list(F.struct("unit", "doc", "sentence", "cosine")).alias("neighbours"))
        )
        ranked_input = ranked_input.join(neighbours, "akey", "left")
    ranked_input = ranked_input.withColumn("semantic", F.lit(options.vectors and sentences > 0))

    # 3. Rank (archive.find.rank) and choose (archive.find.choose_candidates).
    ranked = ranked_input.repartition(parts, "akey").mapInPandas(
        rank_rows(total, options.top), "akey long, position int, doc long, candidate binary, error string"
    )
    story_records = stories.select(F.col("key").alias("doc"), "id", "text", "published", "source_name", "url", "title")
    ranked = ranked.join(story_records, "doc", "left")
    chosen = (
        ranked.groupBy("akey")
        .cogroup(articles.select("akey", "text", "published").groupBy("akey"))
        .applyInPandas(
            choose_rows(options.top, options.vectors and sentences > 0),
            "akey long, rank int, doc long, found binary, audit boolean, excluded int, semantic boolean, error string",
        )
        .persist(keep)
    )

    # 4. The audit of each candidate pair (pipeline.compare).
    article_info = articles.select(
        "akey",
        F.col("id").alias("article_id"),
        F.col("text").alias("article_text"),
        F.col("published").alias("article_published"),
        F.col("source_name").alias("article_source_name"),
        F.col("url").alias("article_url"),
        F.col("title").alias("article_title"),
    )
    pairs = chosen.filter(F.col("rank") >= 0).join(article_info, "akey")
    if options.vectors:  # the audit reuses the sentence vectors of the embedding stage
        by_doc = F.sort_array(F.collect_list(F.struct("unit", "vector")))
        pairs = pairs.join(
            story_vectors.groupBy(F.col("key").alias("doc")).agg(by_doc.alias("story_vectors")), "doc", "left"
        ).join(article_vectors.groupBy(F.col("key").alias("akey")).agg(by_doc.alias("article_vectors")), "akey", "left")
    audited = (
        pairs.repartition(parts)
        .mapInPandas(
            audit_rows(options.embedder),
            "akey long, rank int, story string, found binary, report binary, pickup binary, error string",
        )
        .persist(keep)
    )

    # 5. One row per article (archive.find.find_result), and the pickup table.
    summary = chosen.filter(F.col("rank") < 0).select(
        "akey",
        "rank",
        F.lit(None).cast("binary").alias("found"),
        F.lit(None).cast("binary").alias("report"),
        "excluded",
        "semantic",
        "error",
    )
    parts_of_result = audited.select(
        "akey",
        "rank",
        "found",
        "report",
        F.lit(0).alias("excluded"),
        F.lit(False).alias("semantic"),
        "error",
    ).unionByName(summary)
    rows = (
        parts_of_result.join(articles.select("akey", "id", "sha256", "published", "text"), "akey")
        .groupBy("akey")
        .applyInPandas(assemble_rows(options.embedder), ARTICLE_ROW)
    )
    bad_rows = _bad_rows(article_bad)
    rows.unionByName(bad_rows).write.mode("append").option("ignoreNullFields", "false").format(
        options.output_format
    ).save(f"{output}/articles")

    pickups = audited.filter(F.col("pickup").isNotNull()).select("story", "pickup").persist(keep)
    pickup_count = pickups.count()
    _write_pickups(spark, pickups, f"{output}/pickup", options.output_format)
    rejected = story_bad.select(F.lit("stories").alias("table"), "id", "sha256", "error").unionByName(
        article_bad.select(F.lit("articles").alias("table"), "id", "sha256", "error")
    )
    rejected.write.mode("overwrite").option("ignoreNullFields", "false").format(options.output_format).save(
        f"{output}/rejected"
    )

    if options.index:
        write_index(stories, story_vectors if options.vectors else None, options.index, options.embedder)

    summary_out = JobSummary(
        stories=total,
        stories_rejected=story_bad.count(),
        articles=todo,
        articles_skipped=skipped,
        articles_rejected=article_bad.count(),
        story_sentences=sentences,
        pairs_audited=audited.filter(F.col("report").isNotNull()).count(),
        pickups=pickup_count,
    )
    for frame in (stories, articles, chosen, audited, pickups):
        frame.unpersist()
    return summary_out


def _bad_rows(article_bad: Any) -> Any:
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


def _checked(
    spark: Any, paths: Sequence[str], fmt: str | None, table: str, parts: int, *, by_text: bool
) -> tuple[Any, Any]:
    """(good rows, rejected rows) of one input: checked, and deduplicated by id (and by text for stories,
    as the store skips a second copy of a text)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    raw, missing = read_table(spark, paths, fmt)
    checked = raw.repartition(parts).mapInPandas(check_rows(table, missing), CHECKED)
    first_of_id = Window.partitionBy("id").orderBy("key")
    checked = checked.withColumn(
        "error",
        F.when(F.col("error").isNotNull(), F.col("error")).when(
            F.row_number().over(first_of_id) > 1,
            F.concat(F.lit(f"{table} row "), F.col("id"), F.lit(": duplicate id (the first row with it is kept)")),
        ),
    )
    if by_text:
        valid = checked.filter(F.col("error").isNull())
        first_of_text = Window.partitionBy("sha256").orderBy("key")
        twins = valid.withColumn("first", F.first("id").over(first_of_text)).filter(F.col("first") != F.col("id"))
        checked = checked.join(twins.select("key", "first"), "key", "left").withColumn(
            "error",
            F.when(F.col("error").isNotNull(), F.col("error")).when(
                F.col("first").isNotNull(),
                F.concat(F.lit(f"{table} row "), F.col("id"), F.lit(": same text as "), F.col("first")),
            ),
        )
        checked = checked.drop("first")
    good = checked.filter(F.col("error").isNull())
    bad = checked.filter(F.col("error").isNotNull())
    return good, bad


def _finished(spark: Any, path: str, fmt: str) -> Any:
    """(id, sha256) of the articles already in the output (not those that failed: a rerun retries them)."""
    from pyspark.sql import functions as F

    try:
        done = spark.read.format(fmt).load(path)
    except Exception:  # no output yet (Spark says so with an AnalysisException)
        return None
    return done.filter(F.col("status") != FAILED).select("id", "sha256").distinct()


def _write_pickups(spark: Any, pickups: Any, path: str, fmt: str) -> None:
    import pandas as pd

    from .stages import pickup_columns

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


def summary_json(summary: JobSummary) -> str:
    from dataclasses import asdict

    return json.dumps(asdict(summary))
