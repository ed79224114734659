"""The archive: an on-disk index of many stories, to find which of them an article came from.

- ``shingles``: word n-gram shingles of folded text, hashed to 64-bit integers (pure; the Spark job reuses it)
- ``store``: the SQLite store (one folder): texts, metadata, the shingle inverted index, sentence vectors
- ``postings``: the inverted index as sorted segments merged in tiers (indexing speed flat as the archive grows)
- ``ingest``: files, folders, JSONL and CSV turned into records to add
- ``vectors``: sentence vectors and their approximate-nearest-neighbour index (usearch)
- ``candidates``: lexical and semantic candidates for a text, and their ranking (pure ranking functions)
- ``find``: candidates for an article, then the audit against the ones it draws on
- ``found``: what ``find`` returns (candidates, their audits, the result) and its JSON
- ``pickup``: the indexed articles that draw on a story

May import: ``attribution.pipeline`` and everything below it (core, checks, embedding, errors), and
third-party libraries (sqlite3, numpy, usearch). Never newsroom, accuracy, render or cli: newsroom uses
the archive (``archive = "PATH"`` in the check policy), not the other way round.
"""

from .store import FORMAT_VERSION, Archive, ArchiveStats, Record, open_archive

__all__ = ["FORMAT_VERSION", "Archive", "ArchiveStats", "Record", "open_archive"]
