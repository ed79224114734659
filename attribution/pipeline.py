"""The orchestrator: wires the stages and checks together and does nothing else.

read → prepare (segment, roles, words) → embed → align → checks → classify → report.
Collaborators come in: the ``embedder`` (built at the edge with
``attribution.embedding.load_embedder``) and, for a run over many pairs, the
``TextStore`` that prepares each text once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._version import __version__
from .checks.credit import find_credit, find_unnamed_attributions, has_unnamed_attribution, source_credit_names
from .checks.details import find_added_details
from .checks.findings import build_findings
from .checks.language import across, language_findings, languages
from .checks.quotes import check_quotes
from .checks.tricks import find_evasions
from .core.align import align, cosine_matrix, lexical_matrices
from .core.classify import judge_derivative, judge_source, verdict
from .core.passages import find_passages
from .core.read import text_document
from .core.records import Document, QuoteStatus
from .core.report import Report
from .core.text import PreparedText, TextStore
from .core.textfold import clean
from .embedding import Embedder, default_embedder
from .errors import InputError


def compare(
    source: str | Document,
    derivative: str | Document,
    *,
    embedder: Embedder | None = None,
    store: TextStore | None = None,
    source_names: Sequence[str] = (),
) -> Report:
    """Audit ``derivative`` against the ``source`` it was written from.

    ``embedder`` is any ``attribution.embedding.Embedder`` (build one with
    ``attribution.embedding.load_embedder(model, backend=..., cache=..., device=...)``);
    None takes the packaged all-MiniLM-L6-v2 with the on-disk cache, loaded once per process.
    ``store`` keeps prepared texts across calls (a batch compares one wire story many times).
    ``source_names`` are names the source goes by that its text may not say (``--source-name``);
    they join the source document's own ``names``.
    """
    source_doc = as_document(source)
    derivative_doc = as_document(derivative)
    if embedder is None:
        embedder = default_embedder()
    if store is None:
        store = TextStore()

    source_text = store.get(source_doc.text)
    derivative_text = store.get(derivative_doc.text)
    source_vectors, derivative_vectors = embed_story(embedder, source_text, derivative_text)
    lexical, order = lexical_matrices(derivative_text, source_text)
    alignment = align(source_text, derivative_text, cosine_matrix(derivative_vectors, source_vectors), lexical, order)

    quotes = check_quotes(derivative_text, source_text)
    details = find_added_details(source_text, derivative_text)
    # Unnamed speakers count only where the derivative adds them: copied from the source, they are the source's.
    attributions = tuple(
        a
        for a in find_unnamed_attributions(derivative_text.sentences)
        if not any(
            has_unnamed_attribution(source_text.sentences[j].text) for j in alignment.matches[a.sentence].sources
        )
    )
    credit = find_credit(derivative_text, source_credit_names(source_text, (*source_names, *source_doc.names)))
    evasions = find_evasions(derivative_text)

    found_languages = languages(source_text, derivative_text, embedder)
    derivative_sentences = judge_derivative(
        source_text, derivative_text, alignment, details, attributions, across_languages=across(found_languages)
    )
    source_sentences = judge_source(source_text, alignment, derivative_sentences)
    quoted = [(q.start, q.end) for q in quotes if q.status in (QuoteStatus.MATCHES, QuoteStatus.ALTERED)]
    passages = find_passages(source_text, derivative_text, derivative_sentences, alignment.runs, quoted)
    outcome = verdict(derivative_text, derivative_sentences, credit.credited_as, alignment.runs, passages)
    findings = build_findings(
        derivative_sentences,
        source_sentences,
        quotes,
        details,
        attributions,
        evasions,
        outcome,
        credit.names,
    )
    findings = language_findings(found_languages, embedder.name) + findings
    return Report(
        tool_version=__version__,
        model=embedder.name,
        source=source_doc,
        derivative=derivative_doc,
        source_sentences=source_sentences,
        derivative_sentences=derivative_sentences,
        copied_runs=alignment.runs,
        quotes=quotes,
        added_details=details,
        attributions=attributions,
        credit=credit,
        evasions=evasions,
        findings=findings,
        verdict=outcome,
        passages=passages,
        languages=found_languages,
    )


def prepare(documents: list[Document], embedder: Embedder, store: TextStore) -> None:
    """Embed the story sentences of many documents in one call, so that comparing them finds every vector ready.

    Worth it with a caching embedder (as ``load_embedder`` returns): batch and check use it.
    """
    texts = dict.fromkeys(text for doc in documents for text in _story_texts(store.get(doc.text))[1])
    if texts:
        embedder.encode(list(texts))


def as_document(text: str | Document) -> Document:
    if isinstance(text, Document):
        return text
    if not text.strip():
        raise InputError("the text is empty; there is no text to audit")
    return text_document(text)


def embed_story(embedder: Embedder, source: PreparedText, derivative: PreparedText) -> tuple[np.ndarray, np.ndarray]:
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


def _story_texts(text: PreparedText) -> tuple[list[int], list[str]]:
    """The story sentences of a text and what the model reads of them (disguises undone)."""
    indexes = [s.index for s in text.sentences if s.role.is_story]
    return indexes, [clean(text.sentences[i].text) for i in indexes]
