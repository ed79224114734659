"""Candidate ranking (pure functions), sentence vectors made elsewhere, and find on the fixture archive."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from attribution.archive import Record, open_archive
from attribution.archive.candidates import (
    MAX_DF,
    LexicalHit,
    SemanticHit,
    combine,
    passages,
    rank_lexical,
    rank_semantic,
)
from attribution.archive.find import find, find_candidates
from attribution.archive.ingest import read_records
from attribution.archive.shingles import Shingle, shingle_hashes, shingles
from attribution.archive.vectors import VectorIndex, build_vectors, export_sentences, import_vectors
from attribution.errors import InputError
from tests.conftest import FIXTURES, SEED_DERIVATIVE

STORIES = FIXTURES / "archive" / "stories.jsonl"


def sh(h: int, position: int) -> Shingle:
    return Shingle(h, position * 6, position * 6 + 5, position)


def test_shingle_hashes_are_pinned() -> None:
    # The Spark job and archives built by other versions depend on these exact values: change them only with
    # a new FORMAT_VERSION.
    assert shingle_hashes("Tesla recalls 321,000 U.S. vehicles over rear light issue", sample=1) == [
        -7928906018277855140,
        -6996708587983355146,
        -6617682130829548810,
        -4876210359954739600,
        8401630604223309045,
        8799261435662367287,
    ]


def test_offsets_of_kept_shingles_point_into_the_text() -> None:
    text = "Officials said on Monday that the bridge would reopen in March after repairs, the ministry confirmed."
    for s in shingles(text, sample=1):
        assert len(text[s.start : s.end].split()) == 5


def test_rank_lexical_scores_weighted_containment_and_prunes_common_shingles() -> None:
    query = [sh(1, 0), sh(2, 1), sh(3, 2), sh(4, 20)]
    common = list(range(100, 100 + MAX_DF + 1))  # in more documents than MAX_DF: dropped
    postings = {1: [10], 2: [10, 11], 3: [10], 4: [*common, 11]}
    hits = rank_lexical(query, postings, total_docs=10_000)
    assert [h.doc for h in hits] == [10, 11]
    assert hits[0].score == pytest.approx(1.0) and hits[0].shared == 3
    assert 0 < hits[1].score < 0.5
    assert all(h.doc < 100 for h in hits)
    assert len(hits[0].passages) == 1 and hits[0].passages[0].shingles == 3


def test_passages_merge_nearby_shingles_only() -> None:
    merged = passages([sh(1, 0), sh(2, 3), sh(3, 40)])
    assert [(p.start, p.shingles) for p in merged] == [(0, 2), (240, 1)]


def test_rank_semantic_counts_close_sentences_only() -> None:
    neighbours = [[(1, 0, 0.95), (2, 4, 0.55)], [(1, 3, 0.85), (1, 5, 0.9)], []]
    hits = rank_semantic(neighbours)
    assert [h.doc for h in hits] == [1]  # doc 2's 0.55 is below the floor
    assert hits[0].score == pytest.approx((0.95 + 0.9) / 3, abs=1e-4)
    assert [(a.query_sentence, a.candidate_sentence) for a in hits[0].aligned] == [(0, 0), (1, 5)]


def test_combine_adds_weighted_semantic_evidence() -> None:
    lexical = [LexicalHit(1, 0.2, 4, ()), LexicalHit(2, 0.25, 5, ())]
    semantic = [SemanticHit(1, 0.8, ()), SemanticHit(3, 0.3, ())]
    ranked = combine(lexical, semantic, semantic_weight=0.5)
    assert [c.doc for c in ranked] == [1, 2, 3]
    assert ranked[0].score == pytest.approx(0.6)


@pytest.fixture
def fixture_archive(tmp_path: Path, fake_embedder):  # type: ignore[no-untyped-def]
    store = open_archive(tmp_path / "archive", create=True)
    store.add(read_records([STORIES]))
    with store.transaction():
        build_vectors(store, fake_embedder)
    yield store
    store.close()


def test_the_fixture_archive_is_real_text_with_same_event_families() -> None:
    rows = [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines()]
    assert 30 <= len(rows) <= 80
    ids = {r["id"] for r in rows}
    assert {"reuters-north-korea", "b-agency-uncredited-modelx-source", "b-reworded-modelx-derivative"} <= ids


def test_find_ranks_real_sources_first_with_the_fake_embedder(fixture_archive, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "a-blog-ipcc": "a-blog-ipcc-source",
        "b-agency-uncredited-modelx": "b-agency-uncredited-modelx-source",
        "a-pressrelease-westliberty": "a-pressrelease-westliberty-source",
    }
    for name, source in cases.items():
        derivative = (FIXTURES / "gold" / "real" / f"{name}-derivative.txt").read_text(encoding="utf-8")
        found, _, semantic = find_candidates(fixture_archive, derivative, embedder=fake_embedder)
        assert semantic and found[0].record.id == source, name
        assert found[0].evidence.passages  # the shared passages are the evidence
    result = find(fixture_archive, SEED_DERIVATIVE.read_text(encoding="utf-8"), embedder=fake_embedder)
    assert result.drawn_on[0] == "reuters-north-korea"
    assert result.report is not None and result.report.verdict.derived


def test_the_article_itself_is_never_its_own_source(fixture_archive) -> None:  # type: ignore[no-untyped-def]
    text = fixture_archive.get("b-reworded-modelx-derivative").record.text
    found, _, _ = find_candidates(fixture_archive, text)
    assert "b-reworded-modelx-derivative" not in [c.record.id for c in found]
    assert found[0].record.id == "b-agency-uncredited-modelx-source"


def test_vectors_made_elsewhere_load_and_search(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    with open_archive(tmp_path / "a", create=True) as store:
        store.add(read_records([STORIES]))
        rows = list(export_sentences(store))
        assert rows and {"id", "sentence", "text"} <= rows[0].keys()
        vectors = fake_embedder.encode([r["text"] for r in rows])
        npz = tmp_path / "vectors.npz"
        np.savez(npz, ids=np.array([r["id"] for r in rows]), sentences=np.array([r["sentence"] for r in rows]),
                 vectors=vectors, model=np.array(fake_embedder.name))  # fmt: skip
        assert import_vectors(store, npz) == len(rows)
        assert list(export_sentences(store)) == []
        index = VectorIndex(store)
        assert len(index) == len(rows)
        hits = index.search(vectors[:1], 3)[0]
        assert hits[0][2] == pytest.approx(1.0, abs=1e-2)
        assert store.get(rows[0]["id"]).key == hits[0][0]


def test_a_story_whose_vectors_come_in_two_files_keeps_them_all(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    with open_archive(tmp_path / "a", create=True) as store:
        store.add(read_records([STORIES]))
        rows = list(export_sentences(store))
        story = rows[0]["id"]
        mine = [r for r in rows if r["id"] == story]
        assert len(mine) >= 2
        vectors = fake_embedder.encode([r["text"] for r in mine])
        for part, (rows_part, vectors_part) in enumerate(((mine[:1], vectors[:1]), (mine[1:], vectors[1:]))):
            npz = tmp_path / f"vectors-{part}.npz"
            np.savez(npz, ids=np.array([r["id"] for r in rows_part]),
                     sentences=np.array([r["sentence"] for r in rows_part]),
                     vectors=vectors_part, model=np.array(fake_embedder.name))  # fmt: skip
            import_vectors(store, npz)
        assert store.stats().sentences_with_vectors == len(mine)


def test_vectors_of_another_model_are_refused(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    with open_archive(tmp_path / "a", create=True) as store:
        store.add([Record("x", "The council approved the budget on Tuesday after a long debate.")])
        with store.transaction():
            build_vectors(store, fake_embedder)
        other = type("Other", (), {"name": "other-model", "encode": fake_embedder.encode})()
        with pytest.raises(InputError, match="made with fake-bag-of-words"):
            build_vectors(store, other)
        with pytest.raises(InputError, match="use --model fake-bag-of-words"):
            find_candidates(store, "The council approved the budget.", embedder=other)
        bad = tmp_path / "bad.npz"
        bad.write_bytes(b"not a zip")
        with pytest.raises(InputError, match="not a vectors file"):
            import_vectors(store, bad)


def test_a_stale_vector_index_file_is_rebuilt(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    with open_archive(tmp_path / "a", create=True) as store:
        store.add(read_records([STORIES]))
        with store.transaction():
            build_vectors(store, fake_embedder)
        size = len(VectorIndex(store))
        for path in (tmp_path / "a").glob("vectors-*.usearch"):
            path.unlink()
        assert len(VectorIndex(store)) == size
        assert list((tmp_path / "a").glob("vectors-*.usearch"))
        store.remove(["reuters-north-korea"])
        assert len(VectorIndex(store)) < size


def test_a_small_archive_finds_the_true_nearest_sentences(tmp_path: Path) -> None:
    """Exact below EXACT_BELOW: the neighbours of a brute-force search, whatever HNSW graph the build made
    (an approximate search over these 3,000 random vectors misses some)."""
    rng = np.random.default_rng(7)
    stories, per_story, dim = 300, 10, 384
    vectors = rng.standard_normal((stories * per_story, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [" ".join(f"Sentence {d} {i} of the story is here." for i in range(per_story)) for d in range(stories)]
    with open_archive(tmp_path / "a", create=True) as store:
        store.add([Record(f"d{d}", text) for d, text in enumerate(texts)])
        rows = list(export_sentences(store))
        assert len(rows) == len(vectors)
        npz = tmp_path / "vectors.npz"
        np.savez(npz, ids=np.array([r["id"] for r in rows]), sentences=np.array([r["sentence"] for r in rows]),
                 vectors=vectors, model=np.array("random"))  # fmt: skip
        import_vectors(store, npz)
        stored = vectors.astype(np.float16).astype(np.float32)  # as the archive keeps them
        queries = rng.standard_normal((50, dim)).astype(np.float32)
        index_of = {(r["id"], r["sentence"]): i for i, r in enumerate(rows)}
        found = VectorIndex(store).search(queries, 10)
        for query, hits in zip(queries, found, strict=True):
            # float16 cosines may swap near-ties, so compare the cosines of the hits, not their identities
            best = np.sort(stored @ query)[::-1][:10]
            got = np.sort(
                [float(stored[index_of[(store.docs([doc])[doc].record.id, s)]] @ query) for doc, s, _ in hits]
            )
            assert np.allclose(got[::-1], best, atol=2e-3)
