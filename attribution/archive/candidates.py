"""Candidate sources for a text: lexical (shared shingles) and semantic (near sentence vectors), ranked.

Lexical: the text's kept shingles (``shingles``) are looked up in the inverted index; a shingle held by
more than ``MAX_DF`` documents is dropped (document-frequency pruning: boilerplate and stock phrases say
nothing about where a text came from, and their posting lists are what makes queries slow), and each
document is scored by the IDF-weighted share of the text's shingles it holds: a weighted containment, so a
rewrite that copies three paragraphs of a long story still finds it (whole-document Jaccard, what MinHash
LSH estimates, would not: that is why the lexical part is an inverted index and not datasketch's
MinHashLSH; its LSH Ensemble handles containment but holds everything in memory). This is how passim,
TextPAIR and churnalism.com find reused passages among millions of documents.

Semantic: the text's story sentences are searched in the vector index (``vectors``); a document scores the
mean, over the text's sentences, of its best cosine to them (cosines under ``SEMANTIC_FLOOR`` count 0).

``rank_lexical`` and ``combine`` are pure (inputs in, ranked hits out), so another engine (the Spark job)
that builds postings and neighbours its own way produces the same candidates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .shingles import Shingle

MAX_DF = 500
"""Shingles held by more documents than this are dropped from a query."""
SEMANTIC_FLOOR = 0.65
"""Cosines below this are not evidence of use: with MiniLM, sentences of independent reports of one event
reach 0.5 to 0.65, paraphrases 0.7 and more (chosen on the fixture archive's real same-event stories)."""
SEMANTIC_WEIGHT = 0.5
"""Weight of the semantic score against the lexical one in the combined score."""
PASSAGE_GAP = 8
"""Matched shingles this many words apart or closer form one shared passage."""


@dataclass(frozen=True)
class Passage:
    """A stretch of the query text that shares shingles with a candidate (character offsets)."""

    start: int
    end: int
    shingles: int


@dataclass(frozen=True)
class AlignedSentence:
    query_sentence: int
    candidate_sentence: int
    similarity: float


@dataclass(frozen=True)
class LexicalHit:
    doc: int
    score: float
    """IDF-weighted share of the query's shingles the document holds (0 to 1)."""
    shared: int
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class SemanticHit:
    doc: int
    score: float
    aligned: tuple[AlignedSentence, ...]


@dataclass(frozen=True)
class Candidate:
    doc: int
    score: float
    lexical: float
    semantic: float
    shared_shingles: int
    passages: tuple[Passage, ...]
    aligned: tuple[AlignedSentence, ...]


def rank_lexical(
    query: Sequence[Shingle],
    postings: Mapping[int, Sequence[int]],
    total_docs: int,
    *,
    max_df: int = MAX_DF,
    limit: int = 50,
) -> list[LexicalHit]:
    """Documents ranked by weighted containment of ``query`` (the text's kept shingles, in text order).

    ``postings[h]`` are the documents holding shingle ``h`` (a list longer than ``max_df`` means the
    shingle is too common and it is dropped); shingles with no entry are in no document.
    """
    weights: dict[int, float] = {}
    for shingle in query:
        holders = postings.get(shingle.hash, ())
        if len(holders) > max_df:
            continue
        weights[shingle.hash] = math.log(1.0 + total_docs / max(1, len(holders)))
    total = sum(weights.values()) or 1.0
    score: dict[int, float] = defaultdict(float)
    matched: dict[int, list[Shingle]] = defaultdict(list)
    for shingle in _distinct(query):
        weight = weights.get(shingle.hash)
        if weight is None:
            continue
        for doc in postings.get(shingle.hash, ()):
            score[doc] += weight
    best = sorted(score, key=lambda d: (-score[d], d))[:limit]
    chosen = set(best)
    for shingle in query:
        if shingle.hash in weights:
            for doc in postings.get(shingle.hash, ()):
                if doc in chosen:
                    matched[doc].append(shingle)
    return [
        LexicalHit(doc, round(min(1.0, score[doc] / total), 6), len(matched[doc]), passages(matched[doc]))
        for doc in best
    ]


def lexical_postings(
    query: Sequence[Shingle], lookup: Callable[[int, int], Sequence[int]], max_df: int = MAX_DF
) -> dict[int, Sequence[int]]:
    """``lookup(shingle, limit)`` for each distinct shingle, asking for one more than ``max_df`` rows."""
    return {s.hash: lookup(s.hash, max_df + 1) for s in _distinct(query)}


def passages(matched: Sequence[Shingle]) -> tuple[Passage, ...]:
    """Matched shingles merged into stretches of the query text."""
    out: list[Passage] = []
    last_position = -(10**9)
    for shingle in sorted(matched, key=lambda s: s.position):
        if out and shingle.position - last_position <= PASSAGE_GAP:
            prev = out[-1]
            out[-1] = Passage(prev.start, max(prev.end, shingle.end), prev.shingles + 1)
        else:
            out.append(Passage(shingle.start, shingle.end, 1))
        last_position = shingle.position
    return tuple(out)


def rank_semantic(
    neighbours: Sequence[Sequence[tuple[int, int, float]]],
    *,
    floor: float = SEMANTIC_FLOOR,
) -> list[SemanticHit]:
    """Documents ranked by how well they cover the query's sentences.

    ``neighbours[i]`` are (doc, doc sentence, cosine) for query sentence ``i`` (its nearest sentences in the
    archive). A document's score is the mean over query sentences of its best cosine, 0 under ``floor``.
    """
    if not neighbours:
        return []
    best: dict[int, dict[int, AlignedSentence]] = defaultdict(dict)
    for i, hits in enumerate(neighbours):
        for doc, sentence, cosine in hits:
            if cosine < floor:
                continue
            current = best[doc].get(i)
            if current is None or cosine > current.similarity:
                best[doc][i] = AlignedSentence(i, sentence, round(float(cosine), 4))
    hits_out = [
        SemanticHit(
            doc,
            round(sum(a.similarity for a in aligned.values()) / len(neighbours), 6),
            tuple(sorted(aligned.values(), key=lambda a: a.query_sentence)),
        )
        for doc, aligned in best.items()
    ]
    hits_out.sort(key=lambda h: (-h.score, h.doc))
    return hits_out


def combine(
    lexical: Sequence[LexicalHit],
    semantic: Sequence[SemanticHit],
    *,
    semantic_weight: float = SEMANTIC_WEIGHT,
    limit: int = 10,
) -> list[Candidate]:
    """One ranking from both kinds of evidence: lexical score plus ``semantic_weight`` times semantic."""
    lex = {h.doc: h for h in lexical}
    sem = {h.doc: h for h in semantic}
    out = []
    for doc in lex.keys() | sem.keys():
        lh, sh = lex.get(doc), sem.get(doc)
        lexical_score = lh.score if lh else 0.0
        semantic_score = sh.score if sh else 0.0
        out.append(
            Candidate(
                doc,
                round(lexical_score + semantic_weight * semantic_score, 6),
                lexical_score,
                semantic_score,
                lh.shared if lh else 0,
                lh.passages if lh else (),
                sh.aligned if sh else (),
            )
        )
    out.sort(key=lambda c: (-c.score, c.doc))
    return out[:limit]


def _distinct(query: Sequence[Shingle]) -> list[Shingle]:
    seen: set[int] = set()
    out = []
    for s in query:
        if s.hash not in seen:
            seen.add(s.hash)
            out.append(s)
    return out
