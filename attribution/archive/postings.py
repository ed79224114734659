"""The inverted index of shingle hashes, as sorted segments merged in tiers (a log-structured layout).

One B-tree of (shingle, doc) over the whole archive made every add slower as the archive grew: the
shingles of new stories are random, so a batch of them touched nearly every leaf page of the index and
the rollback journal copied each page first (603 stories a second at a million stories, against 1,515 at
ten thousand). Here each add writes its postings, sorted, into a new table of its own (``postings_<n>``,
clustered by shingle: the rows are appended in key order; an add of more than ``SEGMENT_ROWS`` postings
writes several), and when ``FANOUT`` segments of one size tier
exist, SQLite merges them into one (``INSERT ... SELECT ... UNION ALL ... ORDER BY``, which SQLite runs
as a streaming merge of the segments' ordered scans, with no sort). Each posting is then written about
once per tier it climbs (twice to reach a million stories), whatever the archive's size: how Lucene and
LSM trees keep indexing speed flat. A lookup reads every segment (a handful: at most ``FANOUT - 1`` per
tier).

Why not a library: an engine with segments of its own (tantivy, RocksDB) would be a second store beside
SQLite, and an add must stay one transaction over the texts, the postings and the vectors, so that an
interrupted ``index add`` leaves the archive as it was; SQLite's own tables and transactions give that.
"""

from __future__ import annotations

import math
import sqlite3

import numpy as np

FANOUT = 10
"""Segments of one tier merged together (and so at most ``FANOUT - 1`` per tier between adds)."""
SMALLEST_TIER = 5
"""Segments under 10**5 postings (adds of about a thousand stories or fewer) all count as one tier."""

SEGMENT_ROWS = 4_000_000
"""Postings one add writes into one segment (about 48,000 stories; 70 MB, well inside the page cache)."""
_CHUNK = 1_000_000

SCHEMA = "CREATE TABLE segments (id INTEGER PRIMARY KEY, rows INTEGER NOT NULL);"


class Postings:
    """The segments of one archive connection. Call ``reload`` after a rollback (the archive does)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.reload()

    def reload(self) -> None:
        self._version = self._data_version()
        self.segments: list[tuple[int, int]] = [tuple(r) for r in self.db.execute("SELECT id, rows FROM segments")]
        self._lookup = " UNION ALL ".join(f"SELECT doc FROM {_table(i)} WHERE shingle = ?1" for i, _ in self.segments)

    # -- reading -------------------------------------------------------------------------------

    def lookup(self, shingle: int, limit: int) -> list[int]:
        """Up to ``limit`` documents holding ``shingle``."""
        if self._data_version() != self._version:  # another process changed the archive since
            self.reload()
        if not self.segments:
            return []
        return [r[0] for r in self.db.execute(f"{self._lookup} LIMIT ?2", (shingle, limit))]

    def count(self) -> int:
        return sum(int(self.db.execute(f"SELECT COUNT(*) FROM {_table(i)}").fetchone()[0]) for i, _ in self.segments)

    def distinct_shingles(self) -> int:
        if not self.segments:
            return 0
        union = " UNION ".join(f"SELECT shingle FROM {_table(i)}" for i, _ in self.segments)
        return int(self.db.execute(f"SELECT COUNT(*) FROM ({union})").fetchone()[0])

    # -- writing (inside the archive's transaction) ----------------------------------------------

    def add(self, shingles: np.ndarray, docs: np.ndarray, *, into: int | None = None) -> int | None:
        """These (shingle, doc) pairs (each pair once) in a new segment, or in ``into``, a segment this same
        add began, while it is under ``SEGMENT_ROWS`` (it is small and in the page cache, so its interleaved
        keys cost little; a large add still writes segments of bounded size). Returns the segment written.
        Call ``merge`` when the add is done."""
        if not len(shingles):
            return into
        order = np.lexsort((docs, shingles))  # in key order: the B-tree is written left to right
        shingles, docs = shingles[order], docs[order]
        rows = dict(self.segments).get(into, SEGMENT_ROWS) if into is not None else SEGMENT_ROWS
        segment = into if into is not None and rows + len(shingles) <= SEGMENT_ROWS else self._new_segment()
        insert = f"INSERT INTO {_table(segment)} (shingle, doc) VALUES (?, ?)"
        for start in range(0, len(shingles), _CHUNK):  # a bounded number of Python ints at a time
            end = start + _CHUNK
            self.db.executemany(insert, zip(shingles[start:end].tolist(), docs[start:end].tolist(), strict=True))
        self.db.execute("UPDATE segments SET rows = rows + ? WHERE id = ?", (len(shingles), segment))
        self.reload()
        return segment

    def merge(self) -> None:
        """Merge the segments of every size tier that holds ``FANOUT`` of them, until none does."""
        while True:
            tiers: dict[int, list[int]] = {}
            for segment, rows in self.segments:
                tiers.setdefault(tier(rows), []).append(segment)
            full = next((ids for _, ids in sorted(tiers.items()) if len(ids) >= FANOUT), None)
            if full is None:
                return
            self._merge(full)

    def delete(self, doc: int, shingles: list[int]) -> None:
        for segment, _ in self.segments:
            removed = self.db.executemany(
                f"DELETE FROM {_table(segment)} WHERE shingle = ? AND doc = ?", ((h, doc) for h in shingles)
            ).rowcount
            if removed > 0:
                self.db.execute("UPDATE segments SET rows = rows - ? WHERE id = ?", (removed, segment))
        self.reload()

    def _merge(self, segments: list[int]) -> None:
        merged = self._new_segment()
        scans = " UNION ALL ".join(f"SELECT shingle, doc FROM {_table(i)}" for i in segments)
        rows = self.db.execute(
            f"INSERT INTO {_table(merged)} (shingle, doc) SELECT shingle, doc FROM ({scans}) ORDER BY shingle, doc"
        ).rowcount
        for segment in segments:
            self.db.execute(f"DROP TABLE {_table(segment)}")
        marks = ",".join("?" * len(segments))
        self.db.execute(f"DELETE FROM segments WHERE id IN ({marks})", segments)
        self._set_rows(merged, rows)

    def _new_segment(self) -> int:
        segment = int(self.db.execute("INSERT INTO segments (rows) VALUES (0)").lastrowid or 0)
        self.db.execute(
            f"CREATE TABLE {_table(segment)} "
            "(shingle INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (shingle, doc)) WITHOUT ROWID"
        )
        return segment

    def _set_rows(self, segment: int, rows: int) -> None:
        self.db.execute("UPDATE segments SET rows = ? WHERE id = ?", (rows, segment))
        self.reload()

    def _data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])


def tier(rows: int) -> int:
    """A segment's size tier: its number of decimal digits (all small segments share the smallest)."""
    return max(SMALLEST_TIER, int(math.log10(max(rows, 1))) + 1)


def _table(segment: int) -> str:
    return f"postings_{int(segment)}"
