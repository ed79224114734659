"""Input tables for the job: JSONL, CSV or Parquet (local paths or any URL Spark reads: s3a://, gs://,
hdfs://), with the columns of ``attrib index add``: ``id``, ``text`` and optionally ``published``,
``source_name``, ``url``, ``title``.

Reading never fails on a row: JSON and CSV are read in Spark's PERMISSIVE mode with a corrupt-record
column, a missing column is added empty (every row then says which column the table lacks), and every
value is read as a string and checked by ``archive.ingest`` (in ``stages.check_rows``). Each row gets a
``key``: its position in the input (``monotonically_increasing_id``, in file order), which orders ties as
``attrib index add`` would order the same file's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import UsageError

COLUMNS = ("id", "text", "published", "source_name", "url", "title")
CORRUPT = "_corrupt_record"
FORMATS = {".jsonl": "json", ".json": "json", ".ndjson": "json", ".csv": "csv", ".parquet": "parquet"}


def input_format(paths: Sequence[str], given: str | None = None) -> str:
    """The format of ``paths`` by their suffix (``.jsonl``, ``.csv``, ``.parquet``; a folder: Parquet)."""
    if given:
        return given
    found = set()
    for path in paths:
        name = path.rstrip("/").rsplit("/", 1)[-1].lower()
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        found.add(FORMATS.get(suffix.removesuffix(".gz") if suffix != ".gz" else "", "parquet"))
    if len(found) != 1:
        raise UsageError(f"mixed input formats ({', '.join(sorted(found))}); give one kind of table per option")
    return found.pop()


def read_table(spark: Any, paths: Sequence[str], fmt: str | None = None) -> tuple[Any, tuple[str, ...]]:
    """The rows of ``paths`` as a DataFrame of ``key``, the ``COLUMNS`` (strings) and ``_corrupt_record``,
    and the columns the table lacks."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    kind = input_format(paths, fmt)
    reader = spark.read.option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
    if kind == "json":
        present = set(reader.json(list(paths)).columns)
        schema = StructType([StructField(c, StringType()) for c in (*COLUMNS, CORRUPT)])
        frame = reader.schema(schema).json(list(paths))
    elif kind == "csv":
        reader = reader.option("header", True).option("multiLine", True).option("escape", '"')
        header = reader.csv(list(paths)).columns
        present = set(header)
        schema = StructType([StructField(c, StringType()) for c in (*header, CORRUPT)])
        frame = reader.schema(schema).csv(list(paths))
    elif kind == "parquet":
        frame = spark.read.parquet(*paths)
        present = set(frame.columns)
        frame = frame.withColumn(CORRUPT, F.lit(None).cast("string"))
    else:
        raise UsageError(f"unknown input format {kind!r}; use json, csv or parquet")
    missing = tuple(c for c in COLUMNS if c not in present)
    columns = [
        (F.col(f"`{c}`").cast("string") if c in frame.columns else F.lit(None).cast("string")).alias(c)
        for c in (*COLUMNS, CORRUPT)
    ]
    frame = frame.select(*columns).withColumn("key", F.monotonically_increasing_id())
    return frame, missing
