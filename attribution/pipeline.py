"""The orchestrator: wires the stages and checks together and does nothing else.

read → prepare (segment, roles, words) → embed → align → checks → classify → report.
Collaborators come in: the ``embedder`` (built at the edge with
``attribution.embedding.load_embedder``) and, for a run over many pairs, the
``TextStore`` that prepares each text once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ._version import __version__
from .checks.credit import attribution_in_source, find_credit, find_unnamed_attributions, source_credit_names
from .checks.details import find_added_details
from .checks.facts import find_changed_facts, sentence_conflicts, without_changed_names
from .checks.findings import build_findings
from .checks.language import across, language_findings, languages
from .checks.phrases import find_added_phrases
from .checks.quotes import check_quotes
from .checks.tricks import find_evasions
from .checks.variants import name_variants
from .core.align import align, cosine_matrix, lexical_matrices
from .core.asides import mark_asides
from .core.carried import carried_sources, with_carried
from .core.classify import drawing_on, judge_derivative, judge_source, verdict, with_datelines
from .core.following import following_evidence
from .core.independent import as_independent, is_independent, with_labels
from .core.joins import rejoined, with_joins
from .core.links import link_domain
from .core.passages import find_passages
from .core.read import text_document
from .core.records import (
    Alignment,
    Attribution,
    CopiedRun,
    Credit,
    DerivativeLabel,
    DerivativeSentence,
    Document,
    Passage,
    Quote,
    QuoteStatus,
    Shares,
    SourcePart,
    Verdict,
)
from .core.report import Report
from .core.text import PreparedText, TextStore, joined
from .core.textfold import clean
from .embedding import Embedder, default_embedder
from .errors import InputError


def compare(
    source: str | Document | Sequence[str | Document],
    derivative: str | Document,
    *,
    embedder: Embedder | None = None,
    store: TextStore | None = None,
    source_names: Sequence[str] = (),
    source_urls: Sequence[str] = (),
) -> Report:
    """Audit ``derivative`` against the ``source`` it was written from, or against several sources at once.

    With several sources, every derivative sentence is traced to the best source sentences
    across all of them; quotations and details are checked against all of them; the verdict
    is given overall (``report.verdict``: drawn from any source) and per source
    (``report.parts``), with each source's credit.

    ``embedder`` is any ``attribution.embedding.Embedder`` (build one with
    ``attribution.embedding.load_embedder(model, backend=..., cache=..., device=...)``);
    None takes the packaged all-MiniLM-L6-v2 with the on-disk cache, loaded once per process.
    ``store`` keeps prepared texts across calls (a batch compares one wire story many times).
    ``source_names`` are names the source goes by that its text may not say (``--source-name``; with
    several sources, one name per source in order, or names that apply to every source);
    they join the source document's own ``names``. ``source_urls`` (``--source-url``) are the source's own
    URLs, given the same way; they join each source document's ``urls``, so a link in the derivative to
    one of their domains credits it (an InputError for one that has no domain).
    """
    source_docs = [as_document(s) for s in ([source] if isinstance(source, str | Document) else source)]
    if not source_docs:
        raise InputError("no source to compare with")
    urls = _user_names(given_urls(source_urls), len(source_docs))
    source_docs = [replace(d, urls=tuple(dict.fromkeys((*d.urls, *u)))) for d, u in zip(source_docs, urls, strict=True)]
    derivative_doc = as_document(derivative)
    if embedder is None:
        embedder = default_embedder()
    if store is None:
        store = TextStore()

    part_texts = [store.get(doc.text) for doc in source_docs]
    offsets: tuple[int, ...]
    if len(source_docs) == 1:
        source_doc, source_text, offsets = source_docs[0], part_texts[0], (0,)
    else:
        source_text, offsets = joined(part_texts)
        source_doc = text_document(source_text.text, ", ".join(d.path or "<text>" for d in source_docs), "mixed")
    derivative_text = store.get(derivative_doc.text)
    source_vectors, derivative_vectors = embed_story(embedder, source_text, derivative_text)
    found_languages = languages(source_text, derivative_text, embedder)
    across_languages = across(found_languages)
    # Word rarity and stop words are read in the derivative's language (None: not identified, read as English).
    language = found_languages.derivative
    lexical, order = lexical_matrices(derivative_text, source_text)
    cosine = cosine_matrix(derivative_vectors, source_vectors)
    alignment = align(source_text, derivative_text, cosine, lexical, order, language)

    variants = name_variants(source_text, derivative_text, embedder.encode)
    details = find_added_details(source_text, derivative_text, variants)
    credits = [
        find_credit(derivative_text, source_credit_names(part, (*names, *doc.names)), doc.urls)
        for part, doc, names in zip(part_texts, source_docs, _user_names(source_names, len(source_docs)), strict=True)
    ]
    # The name a credit gives the source ("told Phys.org") is no name the rewrite added.
    credited = [(c.start, c.end) for c in credits if c.start is not None and c.end is not None]
    details = tuple(d for d in details if not any(a < d.end and d.start < b for a, b in credited))
    evasions = find_evasions(derivative_text)

    def judged(
        alignment: Alignment,
    ) -> tuple[tuple[Quote, ...], tuple[Attribution, ...], tuple[DerivativeSentence, ...]]:
        quotes = check_quotes(derivative_text, source_text, language, alignment.matches)
        # Unnamed speakers count only where the derivative adds them: copied from the source, they are the source's.
        attributions = tuple(
            a
            for a in find_unnamed_attributions(derivative_text.sentences)
            if not any(
                attribution_in_source(a, source_text.sentences[j].text) for j in alignment.matches[a.sentence].sources
            )
        )
        sentences = judge_derivative(
            source_text,
            derivative_text,
            alignment,
            details,
            attributions,
            across_languages=across_languages,
            conflicts=sentence_conflicts(source_text, derivative_text, alignment.matches, variants, language),
            quotes=quotes,
            language=language,
        )
        return quotes, attributions, sentences

    quotes, attributions, derivative_sentences = judged(alignment)
    # A sentence merged from two source sentences, or split from one, in other words embeds far from any
    # single sentence: the added ones get a second look, and keep a join only where it makes them supported.
    weak = [d.index for d in derivative_sentences if d.label == DerivativeLabel.ADDED]
    options = rejoined(
        source_text, derivative_text, alignment, (source_vectors, derivative_vectors), weak, embedder.encode
    )
    rejoined_alignment = with_joins(
        alignment, options, lambda a: [d.label != DerivativeLabel.ADDED for d in judged(a)[2]]
    )
    if rejoined_alignment is not alignment:
        alignment = rejoined_alignment
        quotes, attributions, derivative_sentences = judged(alignment)

    quoted = [(q.start, q.end) for q in quotes if q.status in (QuoteStatus.MATCHES, QuoteStatus.ALTERED)]
    following = (
        None
        if across_languages
        else following_evidence(source_text, derivative_text, derivative_sentences, quoted, language=language)
    )
    if len(source_docs) == 1:
        (credit,) = credits
        passages = find_passages(
            source_text, derivative_text, derivative_sentences, alignment.runs, quoted, None, language
        )
        outcome = verdict(
            derivative_text, derivative_sentences, credit.credited_as, alignment.runs, passages, following
        )
        parts: tuple[SourcePart, ...] = (SourcePart(source_doc, 0, 0, len(source_text.sentences), credit, outcome),)
    else:
        parts, passages = _parts(
            source_docs,
            part_texts,
            offsets,
            credits,
            (source_text, derivative_text),
            derivative_sentences,
            alignment.runs,
            quoted,
            across_languages,
            language,
        )
        credit = _overall_credit(parts)
        outcome = verdict(
            derivative_text, derivative_sentences, credit.credited_as, alignment.runs, passages, following
        )
        outcome = _overall_verdict(outcome, parts)
    # The verdict weighs the whole text: a report written without the source paraphrases none of it.
    independent = is_independent(derivative_sentences, outcome)
    retold: frozenset[int] = frozenset()
    if independent:
        # Its passages are sentences that say what the source says in the source's order: the event's, not reuse.
        retold = frozenset(d.index for d in derivative_sentences if d.label == DerivativeLabel.PARAPHRASE)
        derivative_sentences = as_independent(derivative_sentences)
        outcome = with_labels(outcome, derivative_text, derivative_sentences)
        own = [drawing_on(derivative_sentences, p.holds_sentence) for p in parts]
        parts = tuple(
            replace(p, verdict=with_labels(p.verdict, derivative_text, o)) for p, o in zip(parts, own, strict=True)
        )
        passages = ()
    source_sentences = judge_source(source_text, alignment, derivative_sentences, derived=not independent)
    if not independent:
        # A fused sentence takes a number or a name from a second source sentence that alignment left unnamed.
        carried = carried_sources(source_text, derivative_text, derivative_sentences, language)
        derivative_sentences, source_sentences = with_carried(derivative_sentences, source_sentences, carried)
    # Each source's own story edges hold its asides (a teaser, an appeal) once the derivative is judged.
    sizes = [len(part.sentences) for part in part_texts]
    source_sentences = mark_asides(source_text, source_vectors, source_sentences, sizes)
    # Rewordings around a rare new word count in sentences drawn from the source; a noun phrase of words the
    # source never uses counts in added sentences too (an added sentence is a finding whole, its new things details).
    drawn = [d.index for d in derivative_sentences if d.label in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)]
    claims = [d.index for d in derivative_sentences if d.label == DerivativeLabel.ADDED]
    phrases = find_added_phrases(
        source_text,
        derivative_text,
        drawn,
        details,
        added=claims,
        quoted=[(q.start, q.end) for q in quotes],
        language=language,
        sources={d.index: d.sources for d in derivative_sentences},
    )
    details = tuple(sorted((*details, *phrases), key=lambda d: d.start))
    changed = find_changed_facts(source_text, derivative_text, derivative_sentences, quotes, variants, language)
    details = without_changed_names(details, changed)
    findings = build_findings(
        derivative_sentences,
        source_sentences,
        quotes,
        details,
        attributions,
        evasions,
        outcome,
        parts,
        changed,
        passages,
        retold,
    )
    findings = language_findings(found_languages, embedder.name) + findings
    derivative_sentences, source_sentences = with_datelines(source_text, derivative_sentences, source_sentences)
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
        changed_facts=changed,
        languages=found_languages,
        parts=parts,
    )


def given_urls(urls: Sequence[str], where: str = "source URL") -> tuple[str, ...]:
    """Source URLs a user gave (``--source-url``, a ``source_url`` column or key), stripped, each checked to have
    a registrable domain: a link can credit the source only through its domain (``checks.credit_links``), so a
    value without one ("reuters", a typo) would credit nothing and say nothing. ``where`` names it in the error."""
    out = tuple(u.strip() for u in urls if u.strip())
    for url in out:
        if link_domain(url) is None:
            raise InputError(f"{where} {url!r} has no domain (give https://www.example.com/story or example.com)")
    return out


def _user_names(names: Sequence[str], sources: int) -> list[Sequence[str]]:
    """The names (or URLs) a user gave: one per source, in order, when there are as many as sources; else all
    for each."""
    if sources > 1 and len(names) == sources:
        return [(name,) for name in names]
    return [names] * sources


def _parts(
    docs: Sequence[Document],
    texts: Sequence[PreparedText],
    offsets: Sequence[int],
    credits: Sequence[Credit],
    joined_texts: tuple[PreparedText, PreparedText],
    judged: Sequence[DerivativeSentence],
    runs: Sequence[CopiedRun],
    quoted: Sequence[tuple[int, int]],
    across_languages: bool = False,
    language: str | None = None,
) -> tuple[tuple[SourcePart, ...], tuple[Passage, ...]]:
    """Each source judged as if it were the only one, and the passages drawn from each (none spans two sources)."""
    source, derivative = joined_texts
    parts = []
    passages: list[Passage] = []
    first = 0
    for doc, text, offset, credit in zip(docs, texts, offsets, credits, strict=True):
        part = SourcePart(doc, offset, first, len(text.sentences), credit, Verdict(False, False, None, Shares(0, 0, 0)))
        own = drawing_on(judged, part.holds_sentence)
        own_runs = [r for r in runs if part.holds_offset(r.source_start)]
        own_passages = find_passages(source, derivative, own, own_runs, quoted, part.holds_sentence, language)
        following = (
            None
            if across_languages
            else following_evidence(source, derivative, own, quoted, part.holds_sentence, language)
        )
        own_verdict = verdict(derivative, own, credit.credited_as, own_runs, own_passages, following)
        parts.append(replace(part, verdict=own_verdict))
        passages += own_passages
        first += len(text.sentences)
    return tuple(parts), tuple(sorted(passages, key=lambda p: (p.derivative_start, p.source_start)))


def _overall_credit(parts: Sequence[SourcePart]) -> Credit:
    """Every source's names; credited as the names the derivative gives, in source order."""
    names = tuple(dict.fromkeys(n for p in parts for n in p.credit.names))
    given = [p.credit for p in parts if p.credit.credited_as is not None]
    if not given:
        return Credit(names, None, None, None, None)
    first = given[0]
    credited_as = ", ".join(dict.fromkeys(c.credited_as for c in given if c.credited_as))
    return Credit(names, credited_as, first.sentence, first.start, first.end)


def _overall_verdict(combined: Verdict, parts: Sequence[SourcePart]) -> Verdict:
    """Derived when drawn from any source (or from all of them together); credited when every source
    it derives from is credited (and, when none alone is, when one is)."""
    derived_from = [p for p in parts if p.verdict.derived]
    if derived_from:
        credited = all(p.verdict.credits_source for p in derived_from)
    else:
        credited = any(p.verdict.credits_source for p in parts)
    if combined.derived or not derived_from:
        return replace(combined, credits_source=credited)
    # No source alone is drawn on enough to call the whole derived, but one holds a reused passage.
    return replace(combined, derived=True, derivation=derived_from[0].verdict.derivation, credits_source=credited)


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
