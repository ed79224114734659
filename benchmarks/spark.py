"""Throughput of the Spark job (attribution.spark) in local[1] and local[2]: not a test, a measurement.

    python benchmarks/spark.py --data ../shared/data --stories 400 --articles 100 --cores 1 2

For each core count, on the same input (real text from ``benchmarks/archive_data``: planted sources,
same-event hard negatives, filler; the queries, real rewrites, are the articles), with the real model:

- the embedding stage alone (``stages.embed_rows`` over the stories): story sentences and stories a second;
- the audit stage alone (``stages.audit_rows`` over the job's candidate pairs): pairs audited a second;
- the whole job (``job.run_job``) wall time;
- CPU seconds of the Python workers in each stage (``time.process_time``, all threads): rates per
  core-second, which other jobs on a shared machine distort far less than wall time;
- the peak resident memory of a Python worker (``ru_maxrss``, read inside the stages) and of the JVM.

Spark's start-up (half a minute on a busy machine) is left out of every rate. Prints one JSON line per
core count.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def make_input(data: Path, stories: int, articles: int, folder: Path) -> tuple[Path, Path]:
    from archive_data import Corpus, filler, plant

    corpus = Corpus(data, seed=16)
    planted, queries = plant(corpus, mrpc_families=50)
    rows = [s.to_json() for s in planted[:stories]]
    rows += [s.to_json() for s in filler(corpus, max(0, stories - len(rows)))]
    story_path, article_path = folder / "stories.jsonl", folder / "articles.jsonl"
    story_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    wanted = {r["id"] for r in rows}
    picked = [q for q in queries if q.source in wanted][:articles]
    article_path.write_text(
        "".join(json.dumps({"id": q.id, "text": q.text, "published": q.published}) + "\n" for q in picked),
        encoding="utf-8",
    )
    return story_path, article_path


def timed(work):  # type: ignore[no-untyped-def]
    """A stage function that yields, per partition, its output rows and the CPU seconds its worker spent
    (all threads): a rate per core-second that other jobs on a shared machine do not distort."""

    def run(batches):  # type: ignore[no-untyped-def]
        import pandas as pd

        start = time.process_time()
        n = sum(len(out) for out in work(batches))
        yield pd.DataFrame({"n": [n], "cpu": [time.process_time() - start]})

    return run


def peak_rss(batches):  # type: ignore[no-untyped-def]
    import pandas as pd

    for _ in batches:
        pass
    yield pd.DataFrame({"rss_kb": [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]})


def measure(cores: int, story_path: Path, article_path: Path, out: Path) -> dict[str, object]:
    from pyspark.sql import functions as F

    from attribution.spark.audit import audit_rows
    from attribution.spark.executor import EmbedderSpec
    from attribution.spark.job import JobOptions, run_job
    from attribution.spark.main import session
    from attribution.spark.stages import embed_rows

    spark = session(f"local[{cores}]", "attrib-bench")
    parts = 4 * cores
    spark.conf.set("spark.sql.shuffle.partitions", str(parts))
    spec = EmbedderSpec(cache=False)
    stories = spark.read.json(str(story_path)).select(F.monotonically_increasing_id().alias("key"), "text")
    stories = stories.repartition(parts).cache()
    n_stories = stories.count()
    spark.range(parts).repartition(parts).mapInPandas(  # warm the workers: model loaded, not timed
        lambda it: (x for x in it), "id long"
    ).count()
    start = time.perf_counter()
    sentences, embed_cpu = (
        stories.mapInPandas(timed(embed_rows(spec)), "n long, cpu double").agg(F.sum("n"), F.sum("cpu")).first()
    )
    embed_s = time.perf_counter() - start

    start = time.perf_counter()
    options = JobOptions((str(story_path),), (str(article_path),), str(out / f"job-{cores}"), spec, partitions=parts)
    summary = run_job(spark, options)
    job_s = time.perf_counter() - start

    # The audit stage alone, on the pairs the job audited.
    audited_pairs, audit_s, audit_cpu = _audit_only(
        spark, options, spark.read.json(str(article_path)), audit_rows(spec)
    )
    rss = spark.range(parts).repartition(parts).mapInPandas(peak_rss, "rss_kb long").agg(F.max("rss_kb")).first()[0]
    jvm = _jvm_peak_kb()
    spark.stop()
    return {
        "cores": cores,
        "stories": n_stories,
        "story_sentences": sentences,
        "embed_s": round(embed_s, 1),
        "sentences_per_s": round(sentences / embed_s, 1),
        "stories_per_s": round(n_stories / embed_s, 2),
        "embed_cpu_s": round(embed_cpu, 1),
        "sentences_per_cpu_s": round(sentences / embed_cpu, 1),
        "pairs_audited": audited_pairs,
        "audit_s": round(audit_s, 1),
        "pairs_per_s": round(audited_pairs / audit_s, 2) if audit_s else None,
        "audit_cpu_s": round(audit_cpu, 1),
        "pairs_per_cpu_s": round(audited_pairs / audit_cpu, 2),
        "load_average": os.getloadavg()[0],
        "job_s": round(job_s, 1),
        "job_articles": summary.articles,
        "job_pairs_audited": summary.pairs_audited,
        "python_worker_peak_rss_mb": round(rss / 1024),
        "jvm_peak_rss_mb": round(jvm / 1024) if jvm else None,
    }


def _audit_only(spark, options, article_rows, audit):  # type: ignore[no-untyped-def]
    """The audit stage timed alone: the pairs the job audited, audited again; (pairs, seconds)."""
    from pyspark.sql import functions as F

    folder = Path(options.output)
    result = spark.read.parquet(str(folder / "articles")).filter(F.col("status") == "ok")
    pairs = (
        result.select("id", F.explode("candidates").alias("c"))
        .filter(F.col("c.audited"))
        .select(F.col("id").alias("article_id"), F.col("c.id").alias("story_id"))
    )
    stories = spark.read.json(str(options.stories[0])).select(F.col("id").alias("story_id"), "text", "published")
    articles = article_rows.select(F.col("id").alias("article_id"), F.col("text").alias("article_text"))
    joined = pairs.join(stories, "story_id").join(articles, "article_id").repartition(options.partitions).cache()
    joined.count()

    def rows(batches):  # type: ignore[no-untyped-def]
        import pickle

        import pandas as pd

        from attribution.archive.candidates import Candidate
        from attribution.archive.find import FoundCandidate
        from attribution.archive.store import Record

        for pdf in batches:
            out = []
            for r in pdf.to_dict("records"):
                found = FoundCandidate(
                    Record(r["story_id"], r["text"], r["published"]),
                    Candidate(0, 1.0, 1.0, 0.0, 0, (), ()),
                    r["article_text"],
                    (),
                    (),
                )
                out.append({"akey": 0, "rank": 0, "found": pickle.dumps(found), "audit": True, **r})
            yield pd.DataFrame(out)

    schema = "akey long, rank int, found binary, audit boolean, article_id string, article_text string"
    prepared = joined.mapInPandas(
        lambda it: (p[["akey", "rank", "found", "audit", "article_id", "article_text"]] for p in rows(it)), schema
    ).cache()
    prepared.count()
    start = time.perf_counter()
    n, cpu = prepared.mapInPandas(timed(audit), "n long, cpu double").agg(F.sum("n"), F.sum("cpu")).first()
    return n, time.perf_counter() - start, cpu


def _jvm_peak_kb() -> int | None:
    """VmHWM of the JVM this driver started (local mode: the executor too)."""
    try:
        children = subprocess.run(["pgrep", "-P", str(os.getpid()), "java"], capture_output=True, text=True).stdout
    except OSError:
        return None
    for pid in children.split():
        status = Path(f"/proc/{pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--stories", type=int, default=400)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        story_path, article_path = make_input(args.data, args.stories, args.articles, folder)
        for cores in args.cores:
            print(json.dumps(measure(cores, story_path, article_path, folder)), flush=True)


if __name__ == "__main__":
    main()
