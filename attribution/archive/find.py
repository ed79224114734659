"""Find the sources of an article in an archive, then audit it against the ones it draws on.

``find_candidates`` ranks archive stories by lexical and semantic evidence (``candidates``), drops those
published after the article when both dates are known, and returns the best ``top`` with their evidence
(the article's shared passages, its sentences aligned to theirs). ``find`` then audits the article against
each leading candidate on its own with ``attribution.pipeline.compare`` and re-ranks them by what the audit
found (``support``: the share of the article drawn from each, weighted by how close the matches are, added to
the retrieval score; shared shingles and near vectors find candidates, the comparison judges them). Those
it is derived from are audited together, in one multi-source ``compare``, and the sources that audit finds
drawn on are the article's sources (``drawn_on``). A candidate derived alone but drawn on by no sentence once the better
candidates stand beside it (a copy of the source, or another report sharing the same sentences) is not one:
every derivative sentence is traced to its best source sentence across all of them, so the multi-source audit
itself decides, with the product's own evidence, which candidates the article draws on.

What it returns (``FoundCandidate``, ``CandidateAudit``, ``FindResult``) is ``archive.found``'s, imported here
so that callers keep naming them ``archive.find``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace

from ..core.records import DerivativeLabel, Document
from ..core.report import Report
from ..core.text import PreparedText, TextStore
from ..embedding import Embedder
from ..errors import InputError
from ..pipeline import compare
from .candidates import AlignedSentence, Candidate, combine, lexical_postings, rank_lexical, rank_semantic
from .found import CandidateAudit, FindResult, FoundCandidate
from .shingles import Shingle, shingles
from .store import Archive, Record, StoredDoc
from .vectors import SentenceUnit, VectorIndex, has_vectors, sentence_units

LEXICAL_POOL = 100
"""Lexical hits considered before ranking (more than any ``--top``)."""
NEIGHBOURS = 10
"""Nearest archive sentences fetched per article sentence."""
AUDIT_MAX = 3
"""Candidates audited with the full comparison (each costs one ``compare``)."""
TIE_DIGITS = 2
"""Scores equal to this many decimals are a tie, broken by publication date."""
MIN_EVIDENCE = 0.02
"""A candidate with a combined score under this shares too little to be worth auditing."""


def find_candidates(
    archive: Archive,
    text: str,
    *,
    embedder: Embedder | None = None,
    top: int = 5,
    published_before: str | None = None,
) -> tuple[list[FoundCandidate], int, bool]:
    """The best ``top`` candidate sources of ``text`` (best first), how many later stories were dropped,
    and whether semantic evidence was used (it is when the archive has vectors and an embedder is given)."""
    query = shingles(text, size=archive.shingle_words, sample=archive.sample)
    postings = lexical_postings(query, archive.postings)
    article_units = sentence_units(text)
    neighbours: list[list[tuple[int, int, float]]] = []
    use_semantic = embedder is not None and has_vectors(archive) and bool(article_units)
    if use_semantic:
        assert embedder is not None
        model = archive.meta("vector_model")
        if model != embedder.name:
            raise InputError(f"{archive.folder}: the archive's vectors were made with {model}; use --model {model}")
        vectors = embedder.encode([u.text for u in article_units])
        neighbours = VectorIndex(archive).search(vectors, NEIGHBOURS)
    ranked = rank(query, postings, archive.count(), neighbours, top=top)
    found, excluded = choose_candidates(
        ranked, archive.docs([c.doc for c in ranked]), text, article_units, top=top, published_before=published_before
    )
    return found, excluded, use_semantic


def rank(
    query: Sequence[Shingle],
    postings: Mapping[int, Sequence[int]],
    total_docs: int,
    neighbours: Sequence[Sequence[tuple[int, int, float]]],
    *,
    top: int,
) -> list[Candidate]:
    """Every candidate with lexical or semantic evidence, best first (pure: the Spark job calls it too).

    ``postings`` as ``lexical_postings`` returns them; ``neighbours[i]``, the nearest archive sentences
    (doc, sentence, cosine) of the article's ``i``-th sentence unit (empty without vectors).
    """
    lexical = rank_lexical(query, postings, total_docs, limit=max(LEXICAL_POOL, 4 * top))
    semantic_hits = rank_semantic(neighbours)
    return combine(lexical, semantic_hits, limit=len(lexical) + len(semantic_hits))


def choose_candidates(
    ranked: Sequence[Candidate],
    docs: Mapping[int, StoredDoc],
    text: str,
    article_units: Sequence[SentenceUnit],
    *,
    top: int,
    published_before: str | None,
) -> tuple[list[FoundCandidate], int]:
    """The first ``top`` of ``ranked`` that can be sources of ``text`` (not the text itself, not published
    after it), with their evidence, and how many were left out for their date. ``docs`` holds the stored
    documents of ``ranked`` (pure: the Spark job calls it with documents it joined itself)."""
    # Near-equal evidence: the earlier story first (a source predates its copies; undated stories last).
    ranked = sorted(ranked, key=lambda c: (-round(c.score, TIE_DIGITS), _published(docs, c.doc)))
    own = Record("", text).sha256
    out: list[FoundCandidate] = []
    excluded = 0
    article_sentences = tuple(s.text for s in PreparedText.of(text).sentences)
    for cand in ranked:
        doc = docs.get(cand.doc)
        if doc is None or doc.record.sha256 == own:
            continue
        if doc.record.published_after(published_before):
            excluded += 1
            continue
        if len(out) < top:
            aligned = tuple(
                AlignedSentence(article_units[a.query_sentence].sentence, a.candidate_sentence, a.similarity)
                for a in cand.aligned
            )
            evidence = Candidate(
                cand.doc, cand.score, cand.lexical, cand.semantic, cand.shared_shingles, cand.passages, aligned
            )
            out.append(
                FoundCandidate(
                    doc.record,
                    evidence,
                    text,
                    tuple(s.text for s in PreparedText.of(doc.record.text).sentences) if aligned else (),
                    article_sentences if aligned else (),
                )
            )
    return out, excluded


def find(
    archive: Archive,
    article: str | Document,
    *,
    embedder: Embedder | None = None,
    top: int = 5,
    published_before: str | None = None,
    audit: bool = True,
    source_of: Callable[[Record], Document] | None = None,
    source_names: Sequence[str] = (),
) -> FindResult:
    """Candidates for ``article``, then the audit against the leading ones (``AUDIT_MAX`` at most).

    ``source_of`` and ``source_names`` as ``audit_sources`` takes them: ``attrib check`` passes its own, so
    the report against the sources drawn on is the one it would make, and it reuses it."""
    text = article.text if isinstance(article, Document) else article
    found, excluded, semantic = find_candidates(
        archive, text, embedder=embedder, top=top, published_before=published_before
    )
    if not audit or not found:
        return FindResult(tuple(found), excluded, published_before, semantic=semantic)
    reports: dict[str, Report] = {}
    audited: list[FoundCandidate] = []
    store = TextStore()  # the article is prepared once for all its audits

    def together(sources: Sequence[FoundCandidate]) -> Report:
        return audit_sources(sources, article, embedder=embedder, store=store, source_of=source_of, names=source_names)

    for i, cand in enumerate(found):
        if worth_auditing(i, cand):
            report = together((cand,))  # the candidate's own audit
            reports[cand.record.id] = report
            cand = with_audit(cand, report)
        audited.append(cand)
    return find_result(audited, reports, excluded, published_before, semantic, together)


def audit_candidate(
    candidate: FoundCandidate, article: str | Document, *, embedder: Embedder | None, store: TextStore | None = None
) -> Report:
    """The audit of ``article`` against one candidate (``compare``), with the index's ``source_name``."""
    return audit_sources((candidate,), article, embedder=embedder, store=store)


def audit_sources(
    sources: Sequence[FoundCandidate],
    article: str | Document,
    *,
    embedder: Embedder | None,
    store: TextStore | None = None,
    source_of: Callable[[Record], Document] | None = None,
    names: Sequence[str] = (),
) -> Report:
    """The audit of ``article`` against several candidates at once (``compare`` with several sources, each
    with the index's ``source_name``); with one, the single-source audit. ``source_of`` makes a story the
    audit's source document (default ``source_document``); ``names`` are ``compare``'s ``source_names``."""
    documents = [(source_of or source_document)(c.record) for c in sources]
    return compare(documents, article, embedder=embedder, store=store, source_names=names)


def worth_auditing(rank: int, candidate: FoundCandidate) -> bool:
    """Whether the candidate at ``rank`` (0 = best) gets the full audit."""
    return rank < AUDIT_MAX and candidate.evidence.score >= MIN_EVIDENCE


def with_audit(candidate: FoundCandidate, report: Report) -> FoundCandidate:
    """The candidate with the verdict of its audit (``compare(candidate, article)``)."""
    verdict = report.verdict
    shares = {k: round(float(v), 3) for k, v in asdict(verdict.shares).items()}
    audit = CandidateAudit(bool(verdict.derived), bool(verdict.credits_source), shares, support(report))
    return replace(candidate, audit=audit)


def support(report: Report) -> float:
    """The audit's evidence that the article was written from this source: the share of the article's story
    words in sentences drawn from it, each weighted by how close its match is (the cosine of the aligned
    sentences: a paraphrase scores near 1, another outlet's sentence about the same fact, differing in a
    detail, lower). Retrieval counts shared shingles; this is the comparison the product trusts."""
    story = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE, DerivativeLabel.ADDED)
    total = weighted = 0.0
    for d in report.derivative_sentences:
        if d.label not in story:
            continue
        size = len(d.sentence.text.split())
        total += size
        if d.label is not DerivativeLabel.ADDED:
            weighted += size * max(0.0, min(1.0, float(d.match.cosine)))
    return round(weighted / total, 4) if total else 0.0


def reranked(candidates: Sequence[FoundCandidate]) -> list[FoundCandidate]:
    """The audited candidates re-ranked by their retrieval score plus their audit's ``support`` (equal weight:
    the audit adds its evidence to the retrieval's, it does not replace it), in the places the audited ones
    held; near-equal totals keep the retrieval order, and candidates not audited keep theirs."""
    audited = [i for i, c in enumerate(candidates) if c.audit is not None]
    order = sorted(audited, key=lambda i: (-round(_audited_score(candidates[i]), TIE_DIGITS), i))
    out = list(candidates)
    for place, i in zip(audited, order, strict=True):
        out[place] = candidates[i]
    return out


def _audited_score(candidate: FoundCandidate) -> float:
    assert candidate.audit is not None
    return candidate.evidence.score + candidate.audit.support


def find_result(
    candidates: Sequence[FoundCandidate],
    reports: Mapping[str, Report],
    excluded: int,
    published_before: str | None,
    semantic: bool,
    audit_together: Callable[[Sequence[FoundCandidate]], Report],
) -> FindResult:
    """The result of ``find`` from its audited candidates, their own reports (keyed by candidate id) and
    ``audit_together`` (``audit_sources`` of the article: the multi-source audit of several candidates).

    The candidates derived on their own are audited together; one that the joined audit finds not drawn on
    (every sentence it explains is better explained by another) is dropped and the rest audited again, so the
    audit printed is against exactly the sources the article draws on. Pure but for ``audit_together``: the
    Spark job calls it with the reports its audit stage made.
    """
    candidates = reranked(candidates)
    derived = [c for c in candidates if c.audit is not None and c.audit.derived]
    sources, report = drawn_sources(derived, reports, audit_together)
    if report is None:  # drawn on none: the audit against the best candidate audited
        report = next((reports[c.record.id] for c in candidates if c.record.id in reports), None)
    drawn_on = tuple(c.record.id for c in sources)
    return FindResult(tuple(candidates), excluded, published_before, drawn_on, report, semantic)


def drawn_sources(
    derived: Sequence[FoundCandidate],
    reports: Mapping[str, Report],
    audit_together: Callable[[Sequence[FoundCandidate]], Report],
) -> tuple[list[FoundCandidate], Report | None]:
    """The candidates the article draws on, among those derived on their own (best first), and the audit
    against them all (a single source's own report when one is left).

    Two rules, both general: a candidate is another source only if its own audit draws on an article
    sentence that no better candidate kept so far explains (a copy of the source, or an outlet's rewrite of
    it, holds nothing the source does not); and every source kept must be drawn on in the audit against
    them all, where each sentence goes to its best source sentence across all of them.
    """
    sources: list[FoundCandidate] = []
    covered: set[int] = set()
    for candidate in derived:
        drawn = _drawn_sentences(reports[candidate.record.id])
        if not sources or drawn - covered:
            sources.append(candidate)
            covered |= drawn
    if not sources:
        return [], None
    while len(sources) > 1:
        report = audit_together(sources)
        kept = [c for c, part in zip(sources, report.parts, strict=True) if part.verdict.derived]
        if not kept or len(kept) == len(sources):
            # All drawn on (or only all of them together): these are the sources.
            return sources, report
        sources = kept
    return sources, reports[sources[0].record.id]


def _drawn_sentences(report: Report) -> set[int]:
    """The article's sentences an audit finds drawn from its source (verbatim or paraphrase)."""
    drawn = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)
    return {d.index for d in report.derivative_sentences if d.label in drawn}


def _published(docs: Mapping[int, StoredDoc], key: int) -> str:
    doc = docs.get(key)
    return (doc.record.published or "9999") if doc else "9999"


def source_document(record: Record) -> Document:
    """An archive story as an audit's source: named by its path, URL or id, by its ``source_name`` and by
    its ``url`` (a link to its domain credits it)."""
    from ..core.read import text_document

    document = text_document(record.text, path=record.path or record.url or record.id)
    names = (record.source_name,) if record.source_name else ()
    return replace(document, names=names, urls=(record.url,) if record.url else ())
