"""The archive audit as a Spark job: ``python -m attribution.spark`` (``attrib-spark``), run by spark-submit.

What ``attrib index add`` + ``attrib find`` do on one machine, done as Spark stages so that a cluster does
it for millions of stories (passim's design): validate the input rows, embed story sentences where the
model lives once per Python worker, join article shingles to story shingles with document-frequency
pruning, find vector neighbours shard by shard, rank with the archive's own pure functions, and audit
each candidate pair with ``attribution.pipeline.compare``. Nothing here decides a rule: every decision
is a call into ``attribution.archive`` or ``attribution.pipeline``, so the job and ``attrib find`` give
the same answers.

- ``executor``: the embedder an executor loads (once per Python worker), from a picklable spec
- ``inputs``: JSONL, CSV or Parquet tables read and checked row by row (bad rows recorded, never fatal)
- ``stages``: the per-partition functions run in ``mapInPandas`` / ``applyInPandas``
- ``job``: the plan (which stage feeds which) and the outputs
- ``main``: the command line that spark-submit runs

The top layer beside the CLI: it may import everything below it (archive, pipeline, embedding, core).
Spark (``pyspark``) is an optional dependency, ``pip install 'attrib[spark]'``.
"""
