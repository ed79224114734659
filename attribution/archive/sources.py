"""The archive as a source of sources: what ``attrib check`` (``archive = "PATH"`` in the policy) and ``attrib
batch --archive`` use for an article that names no source. Opened once per run, asked once per article.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.read import text_document
from ..core.records import Document
from ..embedding import Embedder
from .find import find
from .store import Archive, Record, open_archive


@dataclass(frozen=True)
class FoundSource:
    document: Document
    record: Record
    label: str
    """How reports name it: the story's file, else its URL, else ``ARCHIVE#ID``."""


class SourceFinder:
    def __init__(self, folder: str | Path, embedder: Embedder) -> None:
        self.folder = Path(folder)
        self.archive: Archive = open_archive(self.folder)
        self.embedder = embedder

    def source_of(self, article: Document, *, published_before: str | None = None) -> FoundSource | None:
        """The archive story ``article`` is derived from (the best one), or None when it draws on none."""
        result = find(self.archive, article, embedder=self.embedder, published_before=published_before)
        if not result.drawn_on:
            return None
        record = next(c.record for c in result.candidates if c.record.id == result.drawn_on[0])
        label = record.path or record.url or f"{self.folder}#{record.id}"
        return FoundSource(text_document(record.text, path=label), record, label)

    def source_document(self, article: Document) -> Document | None:
        """``source_of`` as just the document (what ``run_batch`` asks for)."""
        found = self.source_of(article)
        return found.document if found is not None else None

    def close(self) -> None:
        self.archive.close()
