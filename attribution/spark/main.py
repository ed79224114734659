"""The job's command line: ``attrib-spark`` / ``python -m attribution.spark``; ``spark-submit`` runs this file
(absolute imports only, so that it runs as a script):

    spark-submit --master yarn --num-executors 20 --executor-cores 4 \\
        "$(python -c 'import attribution.spark.main as m; print(m.__file__)')" \\
        --stories s3a://wire/2025/ --articles s3a://clients/day.parquet --output s3a://audit/2025-06-01

Without a master (a plain ``python -m attribution.spark``), Spark runs in ``local[*]`` on this machine.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command()
def run(
    stories: Annotated[list[str], typer.Option("--stories", help="archive stories: JSONL, CSV or Parquet path/URL")],
    articles: Annotated[list[str], typer.Option("--articles", help="articles to audit: JSONL, CSV or Parquet")],
    output: Annotated[str, typer.Option("--output", help="folder (or URL) for articles/, pickup/, rejected/")],
    model: Annotated[
        str | None,
        typer.Option("--model", help="sentence-transformers name or path, or module:factory [default: MiniLM]"),
    ] = None,
    backend: Annotated[str, typer.Option("--backend", help="auto, numpy or torch")] = "auto",
    device: Annotated[str, typer.Option("--device", help="auto, cpu or cuda (on each executor)")] = "auto",
    cache: Annotated[bool, typer.Option("--cache", help="use the embedding cache on each executor")] = False,
    no_vectors: Annotated[bool, typer.Option("--no-vectors", help="lexical candidates only; no model")] = False,
    top: Annotated[int, typer.Option("--top", help="candidate sources kept per article", min=1)] = 5,
    index: Annotated[
        str | None, typer.Option("--index", help="also write the stories' archive here (for attrib find)")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="parquet or json (JSON lines)")] = "parquet",
    input_format: Annotated[
        str | None, typer.Option("--input-format", help="json, csv or parquet [default: by suffix]")
    ] = None,
    shards: Annotated[int, typer.Option("--shards", help="vector shards [default: 1 per 2M sentences]")] = 0,
    partitions: Annotated[int, typer.Option("--partitions", help="partitions [default: 4 per core]")] = 0,
    master: Annotated[
        str | None, typer.Option("--master", help="Spark master when not run by spark-submit [default: local[*]]")
    ] = None,
) -> None:
    """Find the sources of ARTICLES among STORIES and audit each article against them, on Spark."""
    from attribution.errors import AttribError
    from attribution.spark.executor import EmbedderSpec
    from attribution.spark.job import JobOptions, run_job, summary_json

    if output_format not in ("parquet", "json"):
        raise typer.BadParameter("--format is parquet or json")
    options = JobOptions(
        stories=tuple(stories),
        articles=tuple(articles),
        output=output,
        embedder=EmbedderSpec(model, backend, device, cache),
        vectors=not no_vectors,
        top=top,
        index=index,
        output_format=output_format,
        input_format=input_format,
        shards=shards,
        partitions=partitions,
    )
    spark = session(master)
    try:
        summary = run_job(spark, options)
    except AttribError as exc:
        typer.echo(f"attrib-spark: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        spark.stop()
    typer.echo(summary_json(summary))


def session(master: str | None = None, app_name: str = "attrib"):  # type: ignore[no-untyped-def]
    """A SparkSession: spark-submit's when it made one, else local[*] (or ``master``)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        typer.echo("attrib-spark: pyspark is not installed; pip install 'attrib[spark]'", err=True)
        raise typer.Exit(2) from None
    # Executors run this same Python (a local run would otherwise start `python3` from PATH).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master or not _submitted():
        builder = builder.master(master or "local[*]")
    return (
        builder.config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
        .config("spark.sql.adaptive.enabled", "true")
        .getOrCreate()
    )


def _submitted() -> bool:
    """Whether spark-submit started this driver (its Python runner hands over a gateway port)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def entry() -> None:
    app()


if __name__ == "__main__":  # spark-submit runs this file as a script
    entry()
