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
   from, when there are several, on the sentence vectors its derived pairs carry from stage 2): the row
   written to ``OUTPUT/articles``, and the pairs the audit found derived to ``OUTPUT/pickup``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..archive.candidates import MAX_DF
from ..archive.find import NEIGHBOURS
from .audit import assemble_rows, audit_rows
from .executor import EmbedderSpec
from .inputs import read_table
from .outputs import ARTICLE_ROW, bad_input_rows, finished_articles, write_index, write_pickups
from .stages import check_rows, choose_rows, embed_rows, neighbour_rows, rank_rows, shingle_rows

CHECKED = (
    "key long, id string, text string, published string, source_name string, url string, title string, "
    "sha256 string, error string"
)
UNIT_VECTORS = "array<struct<unit:int,vector:array<float>>>"
"""A text's sentence vectors as the audit stages carry them: its sentence units' (index, vector)."""
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
    done = finished_articles(spark, f"{output}/articles", options.output_format)
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
            bad_input_rows(article_bad).write.mode("append").option("ignoreNullFields", "false").format(
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
            "akey long, rank int, story string, found binary, report binary, pickup binary, error string, "
            f"story_vectors {UNIT_VECTORS}, article_vectors {UNIT_VECTORS}",
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
        F.lit(None).cast(UNIT_VECTORS).alias("story_vectors"),
        F.lit(None).cast(UNIT_VECTORS).alias("article_vectors"),
    )
    parts_of_result = audited.select(
        "akey",
        "rank",
        "found",
        "report",
        F.lit(0).alias("excluded"),
        F.lit(False).alias("semantic"),
        "error",
        "story_vectors",
        "article_vectors",
    ).unionByName(summary)
    rows = (
        parts_of_result.join(articles.select("akey", "id", "sha256", "published", "text"), "akey")
        .groupBy("akey")
        .applyInPandas(assemble_rows(options.embedder), ARTICLE_ROW)
    )
    bad_rows = bad_input_rows(article_bad)
    rows.unionByName(bad_rows).write.mode("append").option("ignoreNullFields", "false").format(
        options.output_format
    ).save(f"{output}/articles")

    pickups = audited.filter(F.col("pickup").isNotNull()).select("story", "pickup").persist(keep)
    pickup_count = pickups.count()
    write_pickups(spark, pickups, f"{output}/pickup", options.output_format)
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


def summary_json(summary: JobSummary) -> str:
    from dataclasses import asdict

    return json.dumps(asdict(summary))
