"""The archive store: one folder holding ``archive.sqlite`` (and the vector index file, see ``vectors``).

SQLite, because it is one file with transactions and no server: an ``index add`` runs in one transaction,
so an interrupted add leaves the archive as it was. Tables:

- ``meta(key, value)``: ``format_version`` (``FORMAT_VERSION``), the shingle parameters, the vector model
- ``docs``: one row per story: ``id`` (the caller's), ``sha256`` of the text, ``path``, ``url``, ``title``,
  ``published``, ``source_name``, ``text``; ``rowid`` (never reused) keys everything else
- ``segments`` and ``postings_<n>(shingle, doc)``: the inverted index of kept shingle hashes (``shingles``),
  as sorted segments merged in tiers (``postings``)
- ``sentences(key, doc, sentence, start, end, vector)``: story sentences and their vectors (float16), when built

Opening a folder that holds no archive, a file that is not SQLite, or an archive of another format
version raises a one-line ``InputError``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from .postings import SCHEMA as POSTINGS_SCHEMA
from .postings import Postings
from .shingles import SAMPLE, SHINGLE_WORDS, hash_texts, shingle_hashes

FORMAT_VERSION = 2
"""1: one postings table; 2: postings in segments (``postings``)."""
_FLUSH = 10_000
"""Documents whose postings are sorted and written together (while the other processes shingle the next)."""
DB_NAME = "archive.sqlite"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    path TEXT, url TEXT, title TEXT, published TEXT, source_name TEXT,
    text TEXT NOT NULL
);
CREATE INDEX docs_sha256 ON docs (sha256);
CREATE TABLE sentences (
    key INTEGER PRIMARY KEY, doc INTEGER NOT NULL, sentence INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, vector BLOB
);
CREATE INDEX sentences_doc ON sentences (doc);
"""


@dataclass(frozen=True)
class Record:
    """A story to add: its text and what is known about it."""

    id: str
    text: str
    published: str | None = None
    """ISO date or date-time, as given."""
    source_name: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def published_after(self, date: str | None) -> bool:
        """Dated after ``date``, by day (so it cannot be the source of an article of that date); a story or
        a date that is missing never is."""
        return bool(date and self.published and self.published[:10] > date[:10])

    def described(self) -> dict[str, str | None]:
        """What is known about the story, as find's candidates and pickup's rows report it."""
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "source_name": self.source_name,
        }


@dataclass(frozen=True)
class StoredDoc:
    key: int
    """The store's own integer key (``docs.rowid``)."""
    record: Record


@dataclass(frozen=True)
class AddResult:
    added: tuple[str, ...]
    updated: tuple[str, ...]
    """Ids already present with another text, now replaced."""
    unchanged: tuple[str, ...]
    """Ids already present with the same text: nothing to do."""
    duplicates: tuple[tuple[str, str], ...]
    """(new id, id already holding the same text): not added again."""


@dataclass(frozen=True)
class ArchiveStats:
    format_version: int
    documents: int
    postings: int
    distinct_shingles: int
    sentences_with_vectors: int
    vector_model: str | None
    earliest: str | None
    latest: str | None
    bytes_on_disk: int


class Archive:
    """An open archive; use ``open_archive``. Not thread-safe (one connection)."""

    def __init__(self, folder: Path, connection: sqlite3.Connection) -> None:
        self.folder = folder
        self.db = connection
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        self.shingle_words = int(meta.get("shingle_words", SHINGLE_WORDS))
        self.sample = int(meta.get("sample", SAMPLE))
        self.index = Postings(connection)

    # -- reading -------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def hashes(self, text: str) -> list[int]:
        return shingle_hashes(text, size=self.shingle_words, sample=self.sample)

    def get(self, doc_id: str) -> StoredDoc | None:
        row = self.db.execute(f"SELECT {_DOC_COLUMNS} FROM docs WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else _stored(row)

    def with_sha256(self, digest: str) -> StoredDoc | None:
        """The story with this text (by SHA-256 of its UTF-8 bytes; ``add`` keeps one story per text)."""
        row = self.db.execute(f"SELECT {_DOC_COLUMNS} FROM docs WHERE sha256 = ? LIMIT 1", (digest,)).fetchone()
        return None if row is None else _stored(row)

    def docs(self, keys: Sequence[int]) -> dict[int, StoredDoc]:
        """The documents with these store keys."""
        out: dict[int, StoredDoc] = {}
        for chunk in _chunks(list(keys), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {_DOC_COLUMNS} FROM docs WHERE rowid IN ({marks})", chunk):
                doc = _stored(row)
                out[doc.key] = doc
        return out

    def postings(self, shingle: int, limit: int) -> list[int]:
        """Up to ``limit`` documents holding ``shingle``."""
        return self.index.lookup(shingle, limit)

    def all_ids(self) -> Iterator[tuple[int, str]]:
        yield from self.db.execute("SELECT rowid, id FROM docs ORDER BY rowid")

    def stats(self) -> ArchiveStats:
        one = self.db.execute
        documents = int(one("SELECT COUNT(*) FROM docs").fetchone()[0])
        postings = self.index.count()
        distinct = self.index.distinct_shingles()
        vectors = int(one("SELECT COUNT(*) FROM sentences WHERE vector IS NOT NULL").fetchone()[0])
        earliest, latest = one("SELECT MIN(published), MAX(published) FROM docs").fetchone()
        size = sum(p.stat().st_size for p in self.folder.iterdir() if p.is_file())
        return ArchiveStats(
            FORMAT_VERSION, documents, postings, distinct, vectors, self.meta("vector_model"), earliest, latest, size
        )

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception or an interrupt rolls every change back."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.index.reload()
            yield
        except BaseException:
            self.db.rollback()
            self.index.reload()
            raise
        self.db.commit()

    def add(self, records: Iterable[Record], *, jobs: int = 1) -> AddResult:
        """Add records in one transaction. Same id and text: nothing; same id, new text: replaced.

        ``jobs`` > 1 shingles the texts in that many processes (the inserts stay in this one).
        """
        with self.transaction():
            return self.add_in_transaction(records, jobs=jobs)

    def add_in_transaction(self, records: Iterable[Record], *, jobs: int = 1) -> AddResult:
        """``add`` inside the caller's transaction (so that vectors can join it)."""
        added: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        duplicates: list[tuple[str, str]] = []
        todo: list[tuple[Record, str]] = []
        seen_digests: dict[str, str] = {}
        for record in records:
            digest = record.sha256
            existing = self.db.execute("SELECT rowid, sha256 FROM docs WHERE id = ?", (record.id,)).fetchone()
            if existing is not None and existing[1] == digest:
                unchanged.append(record.id)
                continue
            twin = self.db.execute("SELECT id FROM docs WHERE sha256 = ? LIMIT 1", (digest,)).fetchone()
            twin_id = twin[0] if twin is not None else seen_digests.get(digest)
            if twin_id is not None and existing is None:
                duplicates.append((record.id, twin_id))
                continue
            if existing is not None:
                self._delete(existing[0])
                updated.append(record.id)
            else:
                added.append(record.id)
            seen_digests[digest] = record.id
            todo.append((record, digest))
        hashes = hash_texts([r.text for r, _ in todo], size=self.shingle_words, sample=self.sample, jobs=jobs)
        pending: list[tuple[int, np.ndarray]] = []
        segment: int | None = None
        for (record, digest), doc_hashes in zip(todo, hashes, strict=True):
            pending.append((self._insert(record, digest), doc_hashes))
            if len(pending) >= _FLUSH:
                segment = self._insert_postings(pending, segment)
                pending = []
        if pending:
            self._insert_postings(pending, segment)
        self.index.merge()
        return AddResult(tuple(added), tuple(updated), tuple(unchanged), tuple(duplicates))

    def remove(self, doc_ids: Sequence[str]) -> None:
        """Remove documents by id, in one transaction; an unknown id is an error and removes nothing."""
        with self.transaction():
            for doc_id in doc_ids:
                row = self.db.execute("SELECT rowid FROM docs WHERE id = ?", (doc_id,)).fetchone()
                if row is None:
                    raise InputError(f"{doc_id}: no such id in the archive {self.folder}")
                self._delete(row[0])
            self.bump_vectors()

    def _insert(self, record: Record, digest: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO docs (id, sha256, path, url, title, published, source_name, text) VALUES (?,?,?,?,?,?,?,?)",
            (
                record.id,
                digest,
                record.path,
                record.url,
                record.title,
                record.published,
                record.source_name,
                record.text,
            ),
        )
        return int(cursor.lastrowid or 0)

    def _insert_postings(self, pending: list[tuple[int, np.ndarray]], segment: int | None) -> int | None:
        shingle = np.concatenate([h for _, h in pending])
        doc = np.repeat(np.array([k for k, _ in pending], dtype=np.int64), [len(h) for _, h in pending])
        return self.index.add(shingle, doc, into=segment)

    def _delete(self, key: int) -> None:
        (text,) = self.db.execute("SELECT text FROM docs WHERE rowid = ?", (key,)).fetchone()
        self.index.delete(key, self.hashes(text))
        if self.db.execute("DELETE FROM sentences WHERE doc = ?", (key,)).rowcount:
            self.bump_vectors()
        self.db.execute("DELETE FROM docs WHERE rowid = ?", (key,))

    def bump_vectors(self) -> None:
        """The vector index file is rebuilt after any change to the vectors (see ``vectors``)."""
        generation = int(self.meta("vector_generation") or 0) + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('vector_generation', ?)", (str(generation),))

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_DOC_COLUMNS = "rowid, id, text, published, source_name, url, title, path"


def _stored(row: tuple) -> StoredDoc:
    key, doc_id, text, published, source_name, url, title, path = row
    return StoredDoc(key, Record(doc_id, text, published, source_name, url, title, path))


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def open_archive(folder: str | Path, *, create: bool = False) -> Archive:
    """Open the archive in ``folder``; with ``create``, make it (and the folder) when it is not there yet.

    One-line ``InputError`` for: no such folder, a folder with no archive in it (without ``create``),
    a file that is not an archive, an archive of another format version.
    """
    root = Path(folder)
    db_path = root / DB_NAME
    if root.exists() and not root.is_dir():
        raise InputError(f"{root}: is a file, not an archive folder (an archive is a folder holding {DB_NAME})")
    if not db_path.exists():
        if not create:
            if not root.exists():
                raise InputError(f"{root}: no such archive folder")
            raise InputError(f"{root}: is not an archive (no {DB_NAME}; make one with attrib index add)")
        root.mkdir(parents=True, exist_ok=True)
        return _create(root, db_path)
    try:
        connection = sqlite3.connect(db_path, isolation_level=None)
        _tune(connection)
        version = connection.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone()
        connection.execute("SELECT rowid FROM docs LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{db_path}: is not a readable archive index ({exc})") from None
    if version is None:
        raise InputError(f"{db_path}: is not an archive index (no format_version)")
    if str(version[0]) != str(FORMAT_VERSION):
        raise InputError(
            f"{root}: archive format version {version[0]}, this attrib reads version {FORMAT_VERSION}; "
            "rebuild it with attrib index add"
        )
    return Archive(root, connection)


def _create(root: Path, db_path: Path) -> Archive:
    tmp = db_path.with_name(f".{DB_NAME}.creating")
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp, isolation_level=None)
    connection.executescript(_SCHEMA + POSTINGS_SCHEMA)
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("format_version", str(FORMAT_VERSION)), ("shingle_words", str(SHINGLE_WORDS)), ("sample", str(SAMPLE))],
    )
    connection.close()
    tmp.replace(db_path)  # a half-made index never carries the real name
    connection = sqlite3.connect(db_path, isolation_level=None)
    _tune(connection)
    return Archive(root, connection)


def _tune(connection: sqlite3.Connection) -> None:
    # Rollback journal (not WAL): a single file plus a journal that SQLite replays or discards on the next
    # open, so an add killed half-way leaves the archive as it was. A large page cache for bulk adds.
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -262144")  # 256 MiB
    connection.execute("PRAGMA temp_store = MEMORY")
