"""The archive as a source of sources: what ``attrib check`` (``archive = "PATH"`` in the policy) and ``attrib
batch --archive`` use for an article that names no source. Opened once per run, asked once per article.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..core.records import Document
from ..embedding import Embedder
from .find import find, source_document
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

    def sources_of(self, article: Document, *, published_before: str | None = None) -> list[FoundSource]:
        """The archive stories ``article`` draws on, best first (as ``attrib find`` decides: the sources of
        its multi-source audit), or none."""
        result = find(self.archive, article, embedder=self.embedder, published_before=published_before)
        records = {c.record.id: c.record for c in result.candidates}
        return [self._found(records[i]) for i in result.drawn_on]

    def source_documents(self, article: Document) -> list[Document] | None:
        """``sources_of`` as just the documents, None when there are none (what ``run_batch`` asks for)."""
        return [found.document for found in self.sources_of(article)] or None

    def _found(self, record: Record) -> FoundSource:
        label = record.path or record.url or f"{self.folder}#{record.id}"
        document = source_document(record)
        return FoundSource(replace(document, path=label), record, label)

    def close(self) -> None:
        self.archive.close()
