"""The inverted index as segments merged in tiers: lookups, merges, deletes and rollbacks agree with a plain map."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from attribution.archive import Record, open_archive
from attribution.archive.postings import FANOUT, SCHEMA, Postings, tier


def fresh() -> tuple[sqlite3.Connection, Postings]:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(SCHEMA)
    return db, Postings(db)


def test_segments_merge_by_tier_and_lookups_see_every_posting() -> None:
    db, index = fresh()
    rng = np.random.default_rng(7)
    expected: dict[int, set[int]] = defaultdict(set)
    for add in range(2 * FANOUT + 3):
        docs = np.repeat(np.arange(add * 10, add * 10 + 10), 5)
        shingles = rng.integers(0, 40, len(docs))  # few distinct shingles: many documents share each one
        pairs = sorted(set(zip(shingles.tolist(), docs.tolist(), strict=True)))
        for h, d in pairs:
            expected[h].add(d)
        index.add(np.array([h for h, _ in pairs], dtype=np.int64), np.array([d for _, d in pairs], dtype=np.int64))
        index.merge()
        assert len(index.segments) < FANOUT  # ten small segments are merged into one at once
    assert len(index.segments) == 2 * FANOUT + 3 - 2 * (FANOUT - 1)  # two merges, each of ten into one
    for h, docs_of in expected.items():
        assert sorted(index.lookup(h, 10_000)) == sorted(docs_of)
        assert len(index.lookup(h, 3)) == min(3, len(docs_of))
    assert index.count() == sum(len(d) for d in expected.values())
    assert index.distinct_shingles() == len(expected)
    for segment, rows in index.segments:  # each merged segment is clustered by shingle, rows counted
        assert db.execute(f"SELECT COUNT(*) FROM postings_{segment}").fetchone()[0] == rows


def test_one_add_fills_its_own_segment_up_to_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from attribution.archive import postings

    monkeypatch.setattr(postings, "SEGMENT_ROWS", 5)
    _, index = fresh()
    first = index.add(np.array([5, 1, 3]), np.array([1, 1, 1]))
    assert index.add(np.array([2, 4]), np.array([2, 2]), into=first) == first  # 5 rows: still one segment
    third = index.add(np.array([9]), np.array([3]), into=first)  # it would pass 5 rows: a new one
    assert third != first and dict(index.segments) == {first: 5, third: 1}
    assert index.lookup(2, 10) == [2] and index.lookup(9, 10) == [3]


def test_delete_removes_a_documents_postings_from_every_segment() -> None:
    _, index = fresh()
    index.add(np.array([1, 2, 3]), np.array([10, 10, 10]))
    index.add(np.array([1, 2]), np.array([11, 11]))
    index.delete(10, [1, 2, 3])
    assert index.lookup(1, 10) == [11] and index.lookup(3, 10) == []
    assert index.count() == 2


def test_tiers_are_sizes_in_decimal_digits_with_one_smallest_tier() -> None:
    assert tier(1) == tier(99_999) == 5
    assert tier(100_000) == 6 and tier(1_700_000) == 7 and tier(17_000_000) == 8


def test_a_rolled_back_add_leaves_no_segment_and_another_connection_sees_new_ones(tmp_path: Path) -> None:
    story = "The council approved the budget on Monday after a long debate about libraries and taxes."
    with open_archive(tmp_path / "a", create=True) as store:
        store.add([Record("one", story)])
        segments = list(store.index.segments)
        with pytest.raises(RuntimeError), store.transaction():
            store.add_in_transaction([Record("two", story + " It passed by five votes to four.")])
            assert len(store.index.segments) == len(segments) + 1
            raise RuntimeError("interrupted")
        assert store.index.segments == segments
        with open_archive(tmp_path / "a") as reader:
            hashes = reader.hashes(story)
            assert reader.postings(hashes[0], 10) == [1]
            store.add([Record("three", story + " Shops will open later.")])  # another connection writes
            assert sorted(reader.postings(hashes[0], 10)) == [1, 2]
