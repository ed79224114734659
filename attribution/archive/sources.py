"""The archive as a source of sources: what ``attrib check`` (``archive = "PATH"`` in the policy) and ``attrib
batch --archive`` use for an article that names no source. Opened once per run, asked once per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.records import Document
from ..core.report import Report
from ..embedding import Embedder
from .find import find, source_document
from .store import Archive, Record, open_archive


@dataclass(frozen=True)
class FoundSource:
    document: Document
    record: Record
    label: str
    """How reports name it: the story's file, else its URL, else ``ARCHIVE#ID``."""


@dataclass(frozen=True)
class ArchiveAudit:
    sources: list[FoundSource]
    """The stories the article draws on, best first (none: it draws on no archive story)."""
    report: Report | None
    """The audit against all of them, as ``compare(sources, article, source_names=...)`` makes it (None when
    there are none): ``attrib check`` reports it instead of comparing again."""


class SourceFinder:
    def __init__(self, folder: str | Path, embedder: Embedder) -> None:
        self.folder = Path(folder)
        self.archive: Archive = open_archive(self.folder)
        self.embedder = embedder

    def audit_of(
        self, article: Document, *, published_before: str | None = None, source_names: Sequence[str] = ()
    ) -> ArchiveAudit:
        """The stories ``article`` draws on, best first (as ``attrib find`` decides: the sources of its
        multi-source audit), none published after ``published_before``, and ``find``'s audit against them,
        each document named by its label and ``source_names`` given to ``compare``."""
        result = find(
            self.archive,
            article,
            embedder=self.embedder,
            published_before=published_before,
            source_of=lambda record: self._found(record).document,
            source_names=source_names,
        )
        records = {c.record.id: c.record for c in result.candidates}
        sources = [self._found(records[i]) for i in result.drawn_on]
        return ArchiveAudit(sources, result.report if sources else None)

    def holds(self, digests: Sequence[str], *, published_before: str | None = None) -> bool:
        """Whether every one of these texts (SHA-256) is a story the archive still holds, not published after
        ``published_before``: an audit against them still stands (``batch --archive`` resuming a pair)."""
        for digest in digests:
            stored = self.archive.with_sha256(digest)
            if stored is None or stored.record.published_after(published_before):
                return False
        return bool(digests)

    def _found(self, record: Record) -> FoundSource:
        label = record.path or record.url or f"{self.folder}#{record.id}"
        document = source_document(record)
        return FoundSource(replace(document, path=label), record, label)

    def close(self) -> None:
        self.archive.close()
