"""The audit stages (pandas in, pandas out, for ``mapInPandas`` and ``applyInPandas``): each candidate
pair audited with ``archive.find.audit_candidate`` (``pipeline.compare``), and each article's candidates
and audits assembled into its output row with ``archive.find.find_result``, the JSON ``attrib find --json``
writes. The sentence vectors of the embedding stage travel with the pairs and are handed to the embedder
(``CachedEmbedder.remember``), so the audit does not run the model on sentences already embedded.

Records cross stages as pickled bytes (frozen dataclasses of this same code: the job runs one version).
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..archive.find import FindResult, FoundCandidate, audit_candidate, audit_sources, find_result, with_audit
from ..archive.pickup import pickup_of
from ..archive.store import Record
from ..archive.vectors import sentence_units
from ..core.read import text_document
from ..core.report import Report
from ..core.text import TextStore
from .cells import FAILED, OK, cell, cell_list, error_line
from .executor import EmbedderSpec

Batches = Iterator[pd.DataFrame]


def audit_rows(spec: EmbedderSpec) -> Callable[[Batches], Batches]:
    """Candidate pairs to audits: ``compare(candidate, article)`` for each pair worth auditing (the
    report pickled), the candidate with its verdict, and the pickup row when the article is derived.

    A derived pair keeps the pair's sentence vectors (``story_vectors``, ``article_vectors``): the
    assembly stage audits the candidates an article is derived from together, with those vectors."""
    columns = ["akey", "rank", "story", "found", "report", "pickup", "error", "story_vectors", "article_vectors"]

    def run(batches: Batches) -> Batches:
        embedder = spec.load()
        store = TextStore()
        for pdf in batches:
            out = []
            for row in pdf.to_dict("records"):
                found: FoundCandidate = pickle.loads(row["found"])
                report = pickup = error = None
                vectors: tuple[Any, Any] = (None, None)
                if row["audit"]:
                    try:
                        _remember(embedder, found.record.text, row.get("story_vectors"))
                        _remember(embedder, row["article_text"], row.get("article_vectors"))
                        article = text_document(row["article_text"], path=row["article_id"])
                        result = audit_candidate(found, article, embedder=embedder, store=store)
                        found = with_audit(found, result)
                        report = pickle.dumps(result)
                        if result.verdict.derived:
                            pickup = pickle.dumps(pickup_of(_article_record(row), found.evidence.score, result))
                            vectors = (_units(row.get("story_vectors")), _units(row.get("article_vectors")))
                    except Exception as exc:
                        error = error_line(exc)
                story = found.record.id
                out.append([row["akey"], row["rank"], story, pickle.dumps(found), report, pickup, error, *vectors])
            yield pd.DataFrame(out, columns=columns)

    return run


def _remember(embedder: Any, text: str, vectors: Any) -> None:
    """Hand the embedder the vectors the embedding stage made for ``text``'s sentence units (``compare``
    embeds the same sentences: story sentences, cleaned), so the audit does not run the model again."""
    remember = getattr(embedder, "remember", None)
    rows = cell_list(vectors)
    if remember is None or not rows:
        return
    units = sentence_units(text)
    by_unit = {int(r["unit"]): r["vector"] for r in rows}
    known = [(u.text, by_unit[i]) for i, u in enumerate(units) if i in by_unit]
    if known:
        remember([t for t, _ in known], np.stack([np.asarray(v, dtype=np.float32) for _, v in known]))


def _units(vectors: Any) -> list[dict[str, Any]] | None:
    """A vectors cell as the rows Arrow writes back (``unit``, ``vector``), None when it is missing."""
    rows = cell_list(vectors)
    return [{"unit": int(r["unit"]), "vector": np.asarray(r["vector"], dtype=np.float32)} for r in rows] or None


def _article_record(row: dict[str, Any]) -> Record:
    return Record(
        row["article_id"],
        row["article_text"],
        cell(row.get("article_published")),
        cell(row.get("article_source_name")),
        cell(row.get("article_url")),
        cell(row.get("article_title")),
    )


def assemble_rows(spec: EmbedderSpec) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """One article's chosen and audited candidates to its output row, with ``archive.find.find_result``:
    ``result`` is the JSON ``attrib find --json`` writes, the other columns are its parts to query. An
    article derived from several candidates gets their multi-source audit here (the embedder is loaded
    only then, once per worker), with the sentence vectors of the embedding stage that its derived pairs
    carry: the model does not embed the article and its sources again."""

    def run(pdf: pd.DataFrame) -> pd.DataFrame:
        first = pdf.iloc[0]
        summary = pdf[pdf["rank"] == -1]
        head = summary.iloc[0] if len(summary) else first
        base = {
            "id": first["id"],
            "sha256": first["sha256"],
            "published": cell(first["published"]),
            "status": OK,
            "error": None,
            "candidates": [],
            "drawn_on": [],
            "findings": None,
            "result": None,
        }
        errors = [e for e in pdf["error"] if cell(e)]
        if cell(head["error"]):
            return pd.DataFrame([{**base, "status": FAILED, "error": head["error"]}])
        rows = pdf[pdf["rank"] >= 0].sort_values("rank")
        candidates: list[FoundCandidate] = [pickle.loads(b) for b in rows["found"]]
        reports: dict[str, Report] = {}
        for cand, blob in zip(candidates, rows["report"], strict=True):
            if blob is not None and not (isinstance(blob, float) and np.isnan(blob)):
                reports[cand.record.id] = pickle.loads(blob)
        article = text_document(first["text"], path=first["id"])  # as the audit stage names it
        store = TextStore()

        story_vectors = dict(zip([c.record.id for c in candidates], rows["story_vectors"], strict=True))
        article_vectors = next((v for v in rows["article_vectors"] if cell_list(v)), None)

        def together(sources: Sequence[FoundCandidate]) -> Report:
            embedder = spec.load()
            _remember(embedder, article.text, article_vectors)
            for source in sources:
                _remember(embedder, source.record.text, story_vectors.get(source.record.id))
            return audit_sources(sources, article, embedder=embedder, store=store)

        try:
            result = find_result(
                candidates, reports, int(head["excluded"]), cell(first["published"]), bool(head["semantic"]), together
            )
        except Exception as exc:
            return pd.DataFrame([{**base, "status": FAILED, "error": error_line(exc)}])
        return pd.DataFrame([{**base, **_result_columns(result), "error": "; ".join(errors) or None}])

    return run


def _result_columns(result: FindResult) -> dict[str, Any]:
    data = result.to_dict()
    return {
        "candidates": [
            {
                "id": c["id"],
                "score": c["score"],
                "lexical": c["lexical"],
                "semantic": c["semantic"],
                "audited": c["audit"] is not None,
                "derived": None if c["audit"] is None else c["audit"]["derived"],
                "credits_source": None if c["audit"] is None else c["audit"]["credits_source"],
                "passages": len(c["passages"]),
            }
            for c in data["candidates"]
        ],
        "drawn_on": list(result.drawn_on),
        "findings": None if data["audit"] is None else json.dumps(data["audit"]["findings"], ensure_ascii=False),
        "result": json.dumps(data, ensure_ascii=False, sort_keys=True),
    }
