"""The Spark job (attribution.spark) in local[2] against attrib find on one machine: same answers.

The small real archive (fixtures/archive) and the real derivatives of fixtures/gold/real as articles,
plus bad rows; the fake embedder runs in the executors (``--model tests.conftest:FakeEmbedder``).
One Spark session and one run of the job serve every test here (starting Spark costs half a minute).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, FakeEmbedder

# CI (.ci/run) installs Java and sets ATTRIB_REQUIRE_SPARK: there, a missing Spark is a failure, not a skip.
if not os.environ.get("ATTRIB_REQUIRE_SPARK"):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: Spark needs one (.ci/run installs openjdk-17)", allow_module_level=True)

REAL = FIXTURES / "gold" / "real"
STORIES = FIXTURES / "archive" / "stories.jsonl"
BAD_ROWS = [
    '{"id": "no-text", "title": "a row without text"}',
    '{"id": "empty", "text": "   "}',
    "this line is not JSON {",
    '{"id": "bad-date", "text": "A story with a date that is not one.", "published": "last Tuesday"}',
]


def articles_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = [
        {"id": p.name.removesuffix("-derivative.txt"), "text": p.read_text(encoding="utf-8")}
        for p in sorted(REAL.glob("*-derivative.txt"))
    ]
    rows[0]["published"] = "2023-04-05"  # one dated article: later stories cannot be its sources
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n".join(BAD_ROWS) + "\n", encoding="utf-8")
    return rows


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    from attribution.spark.main import session

    # The executors import the fake embedder from tests.conftest.
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    spark = session("local[2]", "attrib-test")
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def run(spark, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from attribution.spark.executor import EmbedderSpec
    from attribution.spark.job import JobOptions, run_job

    tmp = tmp_path_factory.mktemp("spark")
    articles = articles_jsonl(tmp / "articles.jsonl")
    options = JobOptions(
        stories=(str(STORIES),),
        articles=(str(tmp / "articles.jsonl"),),
        output=str(tmp / "out"),
        embedder=EmbedderSpec("tests.conftest:FakeEmbedder"),
        index=str(tmp / "index"),
        output_format="json",
        partitions=2,
    )
    import time

    start = time.perf_counter()
    first = run_job(spark, options)
    middle = time.perf_counter()
    second = run_job(spark, options)
    print(f"job: first run {middle - start:.1f} s, rerun {time.perf_counter() - middle:.1f} s")
    rows = [json.loads(line) for f in sorted((tmp / "out" / "articles").glob("*.json")) for line in f.open()]
    return {"tmp": tmp, "articles": articles, "first": first, "second": second, "rows": rows, "options": options}


def one_machine(articles: list[dict[str, Any]], tmp: Path) -> dict[str, dict[str, Any]]:
    """attrib index add + attrib find, as the command line runs them, with the same fake embedder."""
    from attribution.archive import open_archive
    from attribution.archive.find import find
    from attribution.archive.ingest import iso_date, read_records
    from attribution.archive.vectors import build_vectors
    from attribution.core.read import text_document

    embedder = FakeEmbedder()
    out = {}
    with open_archive(tmp / "one-machine", create=True) as store:
        store.add(read_records([STORIES]))
        with store.transaction():
            build_vectors(store, embedder)
        for row in articles:
            date = iso_date(row["published"], "--published-before") if row.get("published") else None
            result = find(store, text_document(row["text"], path=row["id"]), embedder=embedder, published_before=date)
            out[row["id"]] = json.loads(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True))
    return out


def test_same_candidates_verdicts_and_findings_as_attrib_find(run) -> None:  # type: ignore[no-untyped-def]
    expected = one_machine(run["articles"], run["tmp"])
    got = {r["id"]: r for r in run["rows"] if r["status"] == "ok"}
    assert set(got) == set(expected)
    derived = several = 0
    for article_id, want in expected.items():
        result = json.loads(got[article_id]["result"])
        assert [c["id"] for c in result["candidates"]] == [c["id"] for c in want["candidates"]], article_id
        assert result == want, article_id
        assert got[article_id]["drawn_on"] == want["drawn_on"]
        findings = None if want["audit"] is None else want["audit"]["findings"]
        assert (None if got[article_id]["findings"] is None else json.loads(got[article_id]["findings"])) == findings
        derived += bool(want["drawn_on"])
        several += len(want["drawn_on"]) > 1
    assert derived >= 10  # the real derivatives are found and judged derived, not an empty agreement
    assert several >= 1  # and one of them (the Tesla rewrite) gets the multi-source audit, on both sides
    assert run["first"].pairs_audited > 0 and run["first"].story_sentences > 0


def test_bad_rows_are_recorded_and_the_job_goes_on(run) -> None:  # type: ignore[no-untyped-def]
    bad = [r for r in run["rows"] if r["status"] == "bad_input"]
    errors = sorted(r["error"] for r in bad)
    assert len(bad) == len(BAD_ROWS), errors
    assert any("no text" in e for e in errors)
    assert any("corrupt row" in e for e in errors)
    assert any("not ISO 8601" in e for e in errors)
    assert run["first"].articles_rejected == len(BAD_ROWS)


def test_a_rerun_skips_finished_articles(run) -> None:  # type: ignore[no-untyped-def]
    assert run["first"].articles == len(run["articles"])
    assert run["second"].articles == 0 and run["second"].articles_skipped == len(run["articles"])
    ids = [r["id"] for r in run["rows"] if r["status"] == "ok"]
    assert len(ids) == len(set(ids)) == len(run["articles"])


def test_pickup_table_lists_the_derived_pairs(run) -> None:  # type: ignore[no-untyped-def]
    # A pickup is a pair whose own audit finds the article derived from the story (as attrib pickup
    # audits each article against the story alone), whether or not the story is one of its find sources.
    pickups = [json.loads(line) for f in (run["tmp"] / "out" / "pickup").glob("*.json") for line in f.open()]
    derived_pairs = {
        (c["id"], r["id"]) for r in run["rows"] if r["status"] == "ok" for c in r["candidates"] if c["derived"]
    }
    assert {(p["story"], p["id"]) for p in pickups} == derived_pairs
    assert all(set(r["drawn_on"]) <= {s for s, a in derived_pairs if a == r["id"]} for r in run["rows"])
    assert all(0 < p["derived_share"] <= 1 for p in pickups)


def test_the_index_it_writes_is_the_one_attrib_find_opens(run) -> None:  # type: ignore[no-untyped-def]
    from attribution.archive import open_archive
    from attribution.archive.find import find
    from attribution.archive.ingest import iso_date
    from attribution.core.read import text_document

    expected = one_machine(run["articles"][:3], run["tmp"] / "again")
    with open_archive(run["options"].index) as store:
        assert store.count() == 36 and store.stats().sentences_with_vectors > 0
        for row in run["articles"][:3]:
            date = iso_date(row["published"], "--published-before") if row.get("published") else None
            result = find(
                store, text_document(row["text"], path=row["id"]), embedder=FakeEmbedder(), published_before=date
            )
            got = json.loads(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True))
            assert got == expected[row["id"]]


def test_the_audit_reuses_the_vectors_of_the_embedding_stage() -> None:
    import numpy as np

    from attribution.archive.vectors import sentence_units
    from attribution.embedding.cache import CachedEmbedder
    from attribution.spark.audit import _remember

    loads: list[int] = []

    def factory() -> FakeEmbedder:
        loads.append(1)
        return FakeEmbedder()

    cached = CachedEmbedder("fake-bag-of-words", "fingerprint", factory, None)
    text = (FIXTURES / "seed-source.txt").read_text(encoding="utf-8")
    units = sentence_units(text)
    vectors = FakeEmbedder().encode([u.text for u in units])
    _remember(cached, text, [{"unit": i, "vector": v} for i, v in enumerate(vectors)])
    assert np.allclose(cached.encode([u.text for u in units]), vectors)
    assert loads == []  # every sentence came from the stage's vectors: the model never loaded
