"""The orchestrator: wires the stages together and does nothing else."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ._version import __version__
from .checks.credit import find_credit, find_unnamed_attributions, has_unnamed_attribution, source_credit_names
from .checks.details import find_added_details
from .checks.findings import build_findings
from .checks.quotes import SourceIndex, check_quotes
from .checks.tricks import find_evasions
from .core.align import Side, align, cosine_matrix, lexical_matrices
from .core.classify import evidence, label_derivative, label_source, novelty, verdict
from .core.read import text_document
from .core.records import Document
from .core.report import Report
from .core.roles import assign_roles
from .core.segment import segment
from .core.textfold import clean
from .embedding import Embedder, default_embedder
from .errors import InputError


def compare(
    source: str | Document,
    derivative: str | Document,
    *,
    embedder: Embedder | None = None,
) -> Report:
    """Audit ``derivative`` against the ``source`` it was written from.

    ``embedder`` is any ``attribution.embedding.Embedder`` (build one with
    ``attribution.embedding.load_embedder(model, backend=..., cache=..., device=...)``);
    None takes the packaged all-MiniLM-L6-v2 with the on-disk cache, loaded once per process.
    """
    source_doc = as_document(source)
    derivative_doc = as_document(derivative)
    if embedder is None:
        embedder = default_embedder()

    source_side = side_of(source_doc.text)
    derivative_side = side_of(derivative_doc.text)
    source_vectors, derivative_vectors = embed_story(embedder, source_side, derivative_side)
    lexical, order = lexical_matrices(derivative_side, source_side)
    alignment = align(source_side, derivative_side, cosine_matrix(derivative_vectors, source_vectors), lexical, order)

    quotes = check_quotes(derivative_doc.text, derivative_side.sentences, source_index(source_doc.text))
    details = find_added_details(source_doc.text, derivative_doc.text, derivative_side.sentences)
    # Unnamed speakers count only where the derivative adds them: copied from the source, they are the source's.
    attributions = tuple(
        a
        for a in find_unnamed_attributions(derivative_side.sentences)
        if not any(
            has_unnamed_attribution(source_side.sentences[j].text) for j in alignment.matches[a.sentence].sources
        )
    )
    credit = find_credit(
        derivative_doc.text, derivative_side.sentences, source_credit_names(source_doc.text, source_side.sentences)
    )
    evasions = find_evasions(derivative_doc.text, derivative_side.sentences)

    novel = novelty(source_side, derivative_side)
    features = evidence(source_side, derivative_side, alignment, novel, details)
    derivative_labels = label_derivative(source_side, derivative_side, alignment, attributions, features)
    source_labels = label_source(source_side, alignment, derivative_labels)
    outcome = verdict(derivative_side, derivative_labels, credit.credited_as, alignment)
    findings = build_findings(
        derivative_side.sentences,
        derivative_labels,
        source_side.sentences,
        source_labels,
        quotes,
        details,
        attributions,
        evasions,
        outcome,
        credit.names,
    )
    return Report(
        tool_version=__version__,
        model=embedder.name,
        source=source_doc,
        derivative=derivative_doc,
        source_sentences=source_side.sentences,
        derivative_sentences=derivative_side.sentences,
        source_labels=source_labels,
        derivative_labels=derivative_labels,
        alignment=alignment,
        novelty=novel,
        evidence=features,
        quotes=quotes,
        added_details=details,
        attributions=attributions,
        credit=credit,
        evasions=evasions,
        findings=findings,
        verdict=outcome,
    )


@lru_cache(maxsize=64)
def side_of(text: str) -> Side:
    """A text segmented, with roles, ready to align; kept for reuse (a batch compares one wire story many times)."""
    return Side.of(text, assign_roles(segment(text)))


@lru_cache(maxsize=16)
def source_index(text: str) -> SourceIndex:
    return SourceIndex(text)


def prepare(documents: list[Document], embedder: Embedder) -> None:
    """Embed the story sentences of many documents in one call, so that comparing them finds every vector ready.

    Worth it with a caching embedder (as ``load_embedder`` returns): batch and check use it.
    """
    texts = dict.fromkeys(text for doc in documents for text in _story_texts(side_of(doc.text))[1])
    if texts:
        embedder.encode(list(texts))


def as_document(text: str | Document) -> Document:
    if isinstance(text, Document):
        return text
    if not text.strip():
        raise InputError("the text is empty; there is no text to audit")
    return text_document(text)


def embed_story(embedder: Embedder, source: Side, derivative: Side) -> tuple[np.ndarray, np.ndarray]:
    """Vectors for every sentence; only story sentences are embedded (the rest stay zero)."""
    sides = (source, derivative)
    picked = [_story_texts(side) for side in sides]
    wanted = [indexes for indexes, _ in picked]
    texts = [text for _, side_texts in picked for text in side_texts]
    vectors = embedder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
    dim = vectors.shape[1] if len(vectors) else 1
    out = []
    offset = 0
    for side, idx in zip(sides, wanted, strict=True):
        matrix = np.zeros((len(side.sentences), dim), dtype=np.float32)
        matrix[idx] = vectors[offset : offset + len(idx)]
        offset += len(idx)
        out.append(matrix)
    return out[0], out[1]


def _story_texts(side: Side) -> tuple[list[int], list[str]]:
    """The story sentences of a text and what the model reads of them (disguises undone)."""
    indexes = [s.index for s in side.sentences if s.role.is_story]
    return indexes, [clean(side.sentences[i].text) for i in indexes]
