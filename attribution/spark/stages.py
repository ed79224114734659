"""The evidence stages on one batch of rows (pandas in, pandas out), for ``mapInPandas`` and
``applyInPandas``: input rows checked, shingled and embedded, vector shards searched, candidates ranked
and chosen. Every decision is a call into ``attribution.archive``: ``archive.ingest`` checks rows,
``archive.shingles`` makes the join keys, ``archive.find`` ranks and chooses candidates. The audit of
the chosen candidates and the assembly of each article's result are ``spark.audit``'s. A row that fails
is recorded with its error and the batch goes on: one bad article never fails a job.

Records cross stages as pickled bytes (frozen dataclasses of this same code: the job runs one version).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from ..archive.candidates import MAX_DF, lexical_postings
from ..archive.find import (
    choose_candidates,
    rank,
    worth_auditing,
)
from ..archive.ingest import _row_record as row_record
from ..archive.shingles import shingle_hashes, shingles
from ..archive.store import Record, StoredDoc
from ..archive.vectors import EXACT_BELOW, SentenceUnit, sentence_units
from ..errors import AttribError
from .cells import cell, cell_list, error_line
from .executor import EmbedderSpec

Batches = Iterator[pd.DataFrame]
ENCODE_CHUNK = 512
"""Sentences per ``encode`` call in the embedding stage (the numpy encoder splits it across cores)."""
RECORD_COLUMNS = ("id", "text", "published", "source_name", "url", "title")


def check_rows(table: str, missing: tuple[str, ...]) -> Callable[[Batches], Batches]:
    """Input rows checked as ``attrib index add`` checks them (``archive.ingest``); a bad row gets its
    one-line error in ``error`` instead of failing the job."""

    def run(batches: Batches) -> Batches:
        for pdf in batches:
            rows = []
            for row in pdf.to_dict("records"):
                rows.append(_checked(row, table, missing))
            yield pd.DataFrame(rows, columns=["key", *RECORD_COLUMNS, "sha256", "error"])

    return run


def _checked(row: dict[str, Any], table: str, missing: tuple[str, ...]) -> dict[str, Any]:
    values = {c: cell(row.get(c)) for c in RECORD_COLUMNS}
    out: dict[str, Any] = {"key": int(row["key"]), **values, "sha256": None, "error": None}
    where = f"{table} row {values['id']!r}" if values["id"] else f"{table} row {row['key']}"
    corrupt = cell(row.get("_corrupt_record"))
    if corrupt is not None:
        out["sha256"] = hashlib.sha256(corrupt.encode("utf-8")).hexdigest()
        out["error"] = f"{where}: corrupt row: {corrupt[:80]!r}"
        return out
    absent = [c for c in missing if c in ("id", "text")]
    if absent:
        out["error"] = f"{where}: the table has no {absent[0]!r} column"
        return out
    try:
        record = row_record(values, where)
    except AttribError as exc:
        out["error"] = str(exc)
        if isinstance(values["text"], str):
            out["sha256"] = hashlib.sha256(values["text"].encode("utf-8")).hexdigest()
        return out
    out.update(
        id=record.id,
        published=record.published,
        source_name=record.source_name,
        url=record.url,
        title=record.title,
        sha256=record.sha256,
    )
    return out


def shingle_rows(batches: Batches) -> Batches:
    """(key, text) rows to (key, hash) rows: a document's distinct kept shingles, as the store indexes them."""
    for pdf in batches:
        keys: list[int] = []
        hashes: list[int] = []
        for key, text in zip(pdf["key"], pdf["text"], strict=True):
            found = shingle_hashes(text)
            keys.extend([int(key)] * len(found))
            hashes.extend(found)
        yield pd.DataFrame({"key": pd.Series(keys, dtype="int64"), "hash": pd.Series(hashes, dtype="int64")})


def embed_rows(spec: EmbedderSpec) -> Callable[[Batches], Batches]:
    """(key, text) rows to one row per sentence unit: (key, unit, sentence, vector).

    Sentence units of the next chunk of texts are made in a second thread while the current chunk is
    encoded (segmenting is Python; encoding runs in BLAS or on the GPU, outside the GIL).
    """

    def run(batches: Batches) -> Batches:
        embedder = spec.load()
        with ThreadPoolExecutor(max_workers=1) as helper:
            for pdf in batches:
                pairs = list(zip(pdf["key"].tolist(), pdf["text"].tolist(), strict=True))
                chunks = _chunks_of_units(pairs)
                pending = helper.submit(_units_of, next(chunks, []))
                while True:
                    units = pending.result()
                    if not units:
                        break
                    pending = helper.submit(_units_of, next(chunks, []))
                    vectors = np.asarray(embedder.encode([u.text for _, _, u in units]), dtype=np.float32)
                    yield pd.DataFrame(
                        {
                            "key": pd.Series([k for k, _, _ in units], dtype="int64"),
                            "unit": pd.Series([i for _, i, _ in units], dtype="int32"),
                            "sentence": pd.Series([u.sentence for _, _, u in units], dtype="int32"),
                            "vector": list(vectors),
                        }
                    )

    return run


def _chunks_of_units(pairs: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    # About ENCODE_CHUNK sentences a chunk, at some 30 sentences a story.
    step = max(1, ENCODE_CHUNK // 30)
    for i in range(0, len(pairs), step):
        yield pairs[i : i + step]


def _units_of(pairs: list[tuple[int, str]]) -> list[tuple[int, int, SentenceUnit]]:
    return [(key, i, unit) for key, text in pairs for i, unit in enumerate(sentence_units(text))]


def neighbour_rows(k: int, exact_below: int = EXACT_BELOW) -> Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]:
    """One shard of the story sentence vectors, searched for the article sentences: the ``k`` nearest of
    each in this shard (usearch, cosine, float16 as the archive stores them; exact when the shard is small).
    The job keeps the ``k`` best over all shards, which is the archive's own search."""
    from usearch.index import Index

    columns = ["akey", "unit", "doc", "sentence", "cosine"]

    def run(stories: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
        if stories.empty or articles.empty:
            return pd.DataFrame(columns=columns)
        vectors = np.stack(stories["vector"].to_numpy()).astype(np.float16).astype(np.float32)
        index = Index(ndim=vectors.shape[1], metric="cos", dtype="f16")
        index.add(np.arange(len(vectors), dtype=np.uint64), vectors)
        queries = np.stack(articles["vector"].to_numpy()).astype(np.float32)
        found: Any = index.search(queries, min(k, len(vectors)), exact=len(vectors) <= exact_below)
        keys = np.atleast_2d(found.keys)
        distances = np.atleast_2d(found.distances)
        counts = np.atleast_1d(found.counts)
        docs, sentences = stories["key"].to_numpy(), stories["sentence"].to_numpy()
        out: dict[str, list[Any]] = {c: [] for c in columns}
        for (akey, unit), row, dist, n in zip(
            zip(articles["key"], articles["unit"], strict=True), keys, distances, counts, strict=True
        ):
            for key, d in zip(row[:n], dist[:n], strict=True):
                out["akey"].append(int(akey))
                out["unit"].append(int(unit))
                out["doc"].append(int(docs[int(key)]))
                out["sentence"].append(int(sentences[int(key)]))
                out["cosine"].append(1.0 - float(d))
        return pd.DataFrame(out, columns=columns)

    return run


def rank_rows(total_docs: int, top: int, max_df: int = MAX_DF) -> Callable[[Batches], Batches]:
    """Articles with their shingles' postings and sentences' neighbours, to ranked candidates:
    (akey, position, doc, candidate) with ``archive.find.rank``, the ranking ``attrib find`` uses."""

    def run(batches: Batches) -> Batches:
        for pdf in batches:
            out: list[dict[str, Any]] = []
            for row in pdf.to_dict("records"):
                try:
                    ranked = _rank_one(row, total_docs, top, max_df)
                except Exception as exc:  # the choose stage records it for the article
                    out.append(
                        {"akey": row["akey"], "position": -1, "doc": -1, "candidate": None, "error": error_line(exc)}
                    )
                    continue
                out.extend(
                    {"akey": row["akey"], "position": i, "doc": c.doc, "candidate": pickle.dumps(c), "error": None}
                    for i, c in enumerate(ranked)
                )
            yield pd.DataFrame(out, columns=["akey", "position", "doc", "candidate", "error"])

    return run


def _rank_one(row: dict[str, Any], total_docs: int, top: int, max_df: int) -> list[Any]:
    text = row["text"]
    query = shingles(text)
    holders: dict[int, list[int]] = {}
    for entry in cell_list(row.get("postings")):
        # Too common: as the store answers, one more holder than max_df (rank_lexical drops the shingle).
        holders[int(entry["hash"])] = (
            [-1] * (max_df + 1) if entry["df"] > max_df else sorted(int(d) for d in cell_list(entry["holders"]))
        )
    postings = lexical_postings(query, lambda h, limit: holders.get(h, [])[:limit], max_df)
    neighbours: list[list[tuple[int, int, float]]] = []
    if row.get("semantic"):
        neighbours = [[] for _ in sentence_units(text)]
        for hit in cell_list(row.get("neighbours")):
            neighbours[int(hit["unit"])].append((int(hit["doc"]), int(hit["sentence"]), float(hit["cosine"])))
    return rank(query, postings, total_docs, neighbours, top=top)


def choose_rows(top: int, semantic: bool) -> Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]:
    """One article's ranked candidates (joined to their stories) to the candidates ``attrib find`` keeps,
    with ``archive.find.choose_candidates``; a row per kept candidate and a summary row (``rank`` -1)."""
    columns = ["akey", "rank", "doc", "found", "audit", "excluded", "semantic", "error"]

    def run(ranked: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
        if articles.empty:
            return pd.DataFrame(columns=columns)
        article = articles.iloc[0]
        akey, text = int(article["akey"]), article["text"]
        try:
            failed = [e for e in ranked["error"] if cell(e)] if "error" in ranked else []
            if failed:
                raise RuntimeError(failed[0])
            ranked = ranked.sort_values("position")
            candidates = [pickle.loads(b) for b in ranked["candidate"]]
            docs = {
                int(r["doc"]): StoredDoc(int(r["doc"]), Record(**{c: cell(r[c]) for c in RECORD_COLUMNS}))
                for r in ranked.to_dict("records")
            }
            units = sentence_units(text)
            found, excluded = choose_candidates(
                candidates, docs, text, units, top=top, published_before=cell(article["published"])
            )
        except Exception as exc:
            return pd.DataFrame([[akey, -1, -1, None, False, 0, False, error_line(exc)]], columns=columns)
        rows: list[list[Any]] = [[akey, -1, -1, None, False, excluded, semantic and bool(units), None]]
        rows.extend(
            [akey, i, c.evidence.doc, pickle.dumps(c), worth_auditing(i, c), 0, False, None]
            for i, c in enumerate(found)
        )
        return pd.DataFrame(rows, columns=columns)

    return run
