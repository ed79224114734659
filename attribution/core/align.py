"""Stage 5: each derivative sentence to the source sentences it draws on.

A rewrite merges, splits and reorders sentences, so nothing here assumes order:
1. Whole matrices of scores, vectorised: cosine of sentence embeddings (one matrix
   product) and rapidfuzz token-set similarity (``process.cdist``).
2. Candidates for a derivative sentence are the source story sentences ranked by
   the mean of the two scores.
3. Copied word runs come from rapidfuzz's alignment (``Indel.opcodes``) of the
   sentence's words against the words of its candidates and their neighbours, so a
   run may cross source sentence boundaries; runs that continue from one
   derivative sentence into the next are joined.
4. The sources are chosen greedily: the best candidate, then any other that covers
   content words the chosen ones do not (a merged sentence names both), then any
   sentence a copied run came from.
5. Once labelled, unsupported sentences get a second look for merges and splits in
   other words (``core.joins``).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ..core import thresholds as T
from .lexicon import content_stems, stop_words
from .records import Alignment, CopiedRun, SentenceMatch
from .text import PreparedText
from .textfold import plain


def cosine_matrix(derivative_vectors: np.ndarray, source_vectors: np.ndarray) -> np.ndarray:
    if not len(derivative_vectors) or not len(source_vectors):
        return np.zeros((len(derivative_vectors), len(source_vectors)), dtype=np.float32)
    return np.clip(derivative_vectors @ source_vectors.T, -1.0, 1.0)


def lexical_matrices(derivative: PreparedText, source: PreparedText) -> tuple[np.ndarray, np.ndarray]:
    """rapidfuzz token-set similarity and plain ratio (0..1) of story sentences, 0 elsewhere.

    Each is one vectorised ``process.cdist`` call over texts folded once.
    """
    rows = [s.index for s in derivative.sentences if s.role.is_story]
    cols = [s.index for s in source.sentences if s.role.is_story]
    shape = (len(derivative.sentences), len(source.sentences))
    matrices = (np.zeros(shape, dtype=np.float32), np.zeros(shape, dtype=np.float32))
    if rows and cols:
        queries = [plain(derivative.sentences[i].text) for i in rows]
        choices = [plain(source.sentences[j].text) for j in cols]
        for matrix, scorer in zip(matrices, (fuzz.token_set_ratio, fuzz.ratio), strict=True):
            scores = process.cdist(queries, choices, scorer=scorer, dtype=np.float32, workers=-1)
            matrix[np.ix_(rows, cols)] = scores / 100.0
    return matrices


def align(
    source: PreparedText,
    derivative: PreparedText,
    cosine: np.ndarray,
    lexical: np.ndarray,
    order: np.ndarray,
    language: str | None = None,
) -> Alignment:
    """``language``: the derivative's, as ``checks.language`` detects it (None: not identified), whose stop
    words are no content words (``lexicon.stop_words``)."""
    story = np.array([s.role.is_story for s in source.sentences], dtype=bool)
    content = [s.role.is_story for s in derivative.sentences]
    # Candidates rank by meaning and shared words; word order (``order``, fuzz.ratio) breaks
    # near-ties, so that of two sentences with the same words, the one in the same order comes first.
    blend = (cosine + lexical) / 2.0 + T.ORDER_TIEBREAK * order
    combined = np.where(story[None, :], blend, -np.inf) if len(story) else cosine
    story_count = int(story.sum())
    source_stems = [set(content_stems(list(source.words[a:b]), language)) for a, b in source.sentence_words]

    runs: list[CopiedRun] = []
    matches: list[SentenceMatch] = []
    for i, (a, b) in enumerate(derivative.sentence_words):
        if not content[i] or a == b or not story.any():
            matches.append(SentenceMatch(i, (), _best(cosine, i, story), 0.0, 0.0))
            continue
        ranked = _top(combined[i], story_count)
        candidates = ranked[: T.ALIGN_CANDIDATES]
        sentence_runs = _copied_runs(source, derivative, (a, b), candidates, stop_words(language))
        runs.extend(sentence_runs)
        covered = sum(r.words for r in sentence_runs)
        sources = _choose_sources(
            i,
            ranked,
            cosine,
            lexical,
            combined,
            content_stems(list(derivative.words[a:b]), language),
            source_stems,
            sentence_runs,
            source,
        )
        lex = float(max((lexical[i, j] for j in sources), default=0.0))
        matches.append(SentenceMatch(i, tuple(sources), _best(cosine, i, story), lex, min(1.0, covered / (b - a))))

    content_rows = np.array(content, dtype=bool)
    if content_rows.any() and len(source.sentences):
        best = cosine[content_rows].max(axis=0)
    else:
        best = np.zeros(len(source.sentences), dtype=np.float32)
    source_best = tuple(float(x) for x in best)
    return Alignment(tuple(matches), tuple(_join_runs(runs)), source_best)


def _top(row: np.ndarray, story_count: int) -> list[int]:
    """The best-scoring story sentences, best first (ties by position), without sorting the whole row."""
    k = min(T.ALIGN_CANDIDATES, story_count)
    if k <= 0:
        return []
    top = np.argpartition(-row, k - 1)[:k] if k < len(row) else np.arange(len(row))
    ordered = sorted((int(j) for j in top if np.isfinite(row[j])), key=lambda j: (-float(row[j]), j))
    return ordered[:k]


def _best(cosine: np.ndarray, i: int, story: np.ndarray) -> float:
    if not story.any():
        return 0.0
    return round(float(cosine[i][story].max()), 4)


def _choose_sources(
    i: int,
    ranked: list[int],
    cosine: np.ndarray,
    lexical: np.ndarray,
    combined: np.ndarray,
    stems: list[str],
    source_stems: list[set[str]],
    sentence_runs: list[CopiedRun],
    source: PreparedText,
) -> list[int]:
    chosen: list[int] = []
    needed = set(stems)
    if ranked and (cosine[i, ranked[0]] >= T.SOURCE_FLOOR or lexical[i, ranked[0]] >= T.SOURCE_SAME_WORDS):
        chosen.append(ranked[0])
    else:
        # A short sentence retelling part of a longer one ("Lindsay is the Chief Talent & Culture Officer."
        # from a quotation's attribution) embeds far from it and shares too few of its words for token-set
        # similarity: it is that sentence's part when most of its content words are that sentence's.
        part = next((j for j in ranked if part_of(needed, source_stems[j])), None)
        if part is not None:
            chosen.append(part)
    covered = set().union(*(source_stems[j] for j in chosen)) if chosen else set()
    for j in ranked[1:]:
        if len(chosen) >= T.MAX_SOURCES or not chosen:
            break
        if cosine[i, j] < T.SOURCE_FLOOR or combined[i, ranked[0]] - combined[i, j] > T.SOURCE_MARGIN:
            continue
        gain = (needed & source_stems[j]) - covered
        if len(gain) >= T.SOURCE_MIN_GAIN_WORDS and len(gain) >= T.SOURCE_MIN_GAIN_SHARE * len(needed):
            chosen.append(j)
            covered |= source_stems[j]
    for run in sentence_runs:
        if run.words < T.RUN_NAMES_SOURCE_WORDS:
            continue
        at = source.sentence_at(run.source_start)
        if at is not None and at not in chosen and source.sentences[at].role.is_story:
            chosen.append(at)
    return chosen


def part_of(mine: set[str], theirs: set[str]) -> bool:
    """Whether a sentence with content stems ``mine`` retells part of one with ``theirs``: five content words or
    more, three quarters of them the longer sentence's (a long sentence split in two, a title from an attribution)."""
    return (
        len(mine) >= T.CONTAINED_MIN_WORDS
        and len(theirs) > len(mine)
        and len(mine & theirs) >= T.CONTAINED_SHARE * len(mine)
    )


def _copied_runs(
    source: PreparedText,
    derivative: PreparedText,
    word_range: tuple[int, int],
    candidates: list[int],
    stops: frozenset[str],
) -> list[CopiedRun]:
    """Word runs of the derivative sentence found in the source near its candidates.

    The first pass aligns against the best candidate alone, so a repeated phrase is
    found where the sentence came from; later passes align what is left against all
    candidates and their neighbours, catching merged sentences and reordered clauses.
    """
    if not candidates:
        return []
    wanted: set[int] = set()
    for j in candidates:
        wanted.update(k for k in (j - 1, j, j + 1) if 0 <= k < len(source.sentences))
    near = [k for j in sorted(wanted) for k in range(*source.sentence_words[j])]
    best = list(range(*source.sentence_words[candidates[0]]))
    runs: list[CopiedRun] = []
    pending = [word_range]
    for window in (best, near, near):
        found, pending = _align_pass(source, derivative, window, pending, stops)
        runs.extend(found)
        if not pending:
            break
    return sorted(runs, key=lambda r: r.derivative_start)


def _align_pass(
    source: PreparedText,
    derivative: PreparedText,
    window: list[int],
    pending: list[tuple[int, int]],
    stops: frozenset[str],
) -> tuple[list[CopiedRun], list[tuple[int, int]]]:
    """Runs of at least MIN_RUN_WORDS words (not all stop words) in one rapidfuzz alignment."""
    source_tokens = [source.words[k].text for k in window]
    runs: list[CopiedRun] = []
    left: list[tuple[int, int]] = []
    for a, b in pending:
        tokens = [w.text for w in derivative.words[a:b]]
        for op in Indel.opcodes(source_tokens, tokens):
            size = op.dest_end - op.dest_start
            is_run = (
                op.tag == "equal"
                and size >= T.MIN_RUN_WORDS
                and not all(t in stops for t in tokens[op.dest_start : op.dest_end])
            )
            if not is_run:
                if size:
                    left.append((a + op.dest_start, a + op.dest_end))
                continue
            s0, s1 = window[op.src_start], window[op.src_end - 1]
            d0, d1 = a + op.dest_start, a + op.dest_end - 1
            runs.append(
                CopiedRun(
                    source.words[s0].start,
                    source.words[s1].end,
                    derivative.words[d0].start,
                    derivative.words[d1].end,
                    size,
                )
            )
    return runs, _merge_ranges(left)


def _merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return [r for r in merged if r[1] - r[0] >= T.MIN_RUN_WORDS]


def _join_runs(runs: list[CopiedRun]) -> list[CopiedRun]:
    """Join runs that go on across a derivative sentence boundary, in both texts."""
    joined: list[CopiedRun] = []
    for run in sorted(runs, key=lambda r: (r.derivative_start, r.source_start)):
        if joined:
            last = joined[-1]
            if _adjacent(last.derivative_end, run.derivative_start) and _adjacent(last.source_end, run.source_start):
                joined[-1] = CopiedRun(
                    last.source_start, run.source_end, last.derivative_start, run.derivative_end, last.words + run.words
                )
                continue
        joined.append(run)
    return joined


def _adjacent(end: int, start: int) -> bool:
    return 0 <= start - end <= 3
