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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from . import thresholds as T
from .lexicon import STOP_WORDS, content_stems
from .records import Alignment, CopiedRun, Sentence, SentenceMatch
from .textfold import Word, plain, words


@dataclass(frozen=True)
class Side:
    """One text, prepared for alignment."""

    text: str
    sentences: tuple[Sentence, ...]
    words: tuple[Word, ...]
    sentence_words: tuple[tuple[int, int], ...]
    """For each sentence, the range of its words in ``words``."""

    @classmethod
    def of(cls, text: str, sentences: Sequence[Sentence]) -> Side:
        all_words = words(text)
        ranges = []
        i = 0
        for s in sentences:
            while i < len(all_words) and all_words[i].start < s.start:
                i += 1
            j = i
            while j < len(all_words) and all_words[j].end <= s.end:
                j += 1
            ranges.append((i, j))
            i = j
        return cls(text, tuple(sentences), tuple(all_words), tuple(ranges))

    def sentence_of_word(self) -> np.ndarray:
        owner = np.full(len(self.words), -1, dtype=np.int64)
        for k, (a, b) in enumerate(self.sentence_words):
            owner[a:b] = k
        return owner


def cosine_matrix(derivative_vectors: np.ndarray, source_vectors: np.ndarray) -> np.ndarray:
    if not len(derivative_vectors) or not len(source_vectors):
        return np.zeros((len(derivative_vectors), len(source_vectors)), dtype=np.float32)
    return np.clip(derivative_vectors @ source_vectors.T, -1.0, 1.0)


def lexical_matrix(derivative: Side, source: Side) -> np.ndarray:
    d = [plain(s.text) for s in derivative.sentences]
    s = [plain(s.text) for s in source.sentences]
    if not d or not s:
        return np.zeros((len(d), len(s)), dtype=np.float32)
    return process.cdist(d, s, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1) / 100.0


def align(
    source: Side,
    derivative: Side,
    cosine: np.ndarray,
    lexical: np.ndarray,
) -> Alignment:
    story = np.array([s.role.is_story for s in source.sentences], dtype=bool)
    content = [s.role.is_story for s in derivative.sentences]
    combined = np.where(story[None, :], (cosine + lexical) / 2.0, -1.0) if len(story) else cosine
    source_owner = source.sentence_of_word()
    source_stems = [set(content_stems(list(source.words[a:b]))) for a, b in source.sentence_words]

    runs: list[CopiedRun] = []
    matches: list[SentenceMatch] = []
    for i, (a, b) in enumerate(derivative.sentence_words):
        if not content[i] or a == b or not story.any():
            matches.append(SentenceMatch(i, (), _best(cosine, i, story), 0.0, 0.0))
            continue
        ranked = [int(j) for j in np.argsort(-combined[i], kind="stable") if story[j]]
        candidates = ranked[: T.ALIGN_CANDIDATES]
        sentence_runs = _copied_runs(source, derivative, (a, b), candidates, source_owner)
        runs.extend(sentence_runs)
        covered = sum(r.words for r in sentence_runs)
        sources = _choose_sources(
            i,
            ranked,
            cosine,
            combined,
            content_stems(list(derivative.words[a:b])),
            source_stems,
            sentence_runs,
            source_owner,
            source,
        )
        lex = float(max((lexical[i, j] for j in sources), default=0.0))
        matches.append(SentenceMatch(i, tuple(sources), _best(cosine, i, story), lex, min(1.0, covered / (b - a))))

    source_best = tuple(
        float(max((cosine[i, j] for i in range(len(content)) if content[i]), default=0.0))
        for j in range(len(source.sentences))
    )
    return Alignment(tuple(matches), tuple(_join_runs(runs)), source_best)


def _best(cosine: np.ndarray, i: int, story: np.ndarray) -> float:
    if not story.any():
        return 0.0
    return round(float(cosine[i][story].max()), 4)


def _choose_sources(
    i: int,
    ranked: list[int],
    cosine: np.ndarray,
    combined: np.ndarray,
    stems: list[str],
    source_stems: list[set[str]],
    sentence_runs: list[CopiedRun],
    source_owner: np.ndarray,
    source: Side,
) -> list[int]:
    chosen: list[int] = []
    if ranked and cosine[i, ranked[0]] >= T.SOURCE_FLOOR:
        chosen.append(ranked[0])
    needed = set(stems)
    covered = set().union(*(source_stems[j] for j in chosen)) if chosen else set()
    for j in ranked[1 : T.ALIGN_CANDIDATES]:
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
        at = _sentence_at(source, run.source_start)
        if at is not None and at not in chosen and source.sentences[at].role.is_story:
            chosen.append(at)
    return chosen


def _sentence_at(side: Side, offset: int) -> int | None:
    for s in side.sentences:
        if s.start <= offset < s.end:
            return s.index
    return None


def _copied_runs(
    source: Side,
    derivative: Side,
    word_range: tuple[int, int],
    candidates: list[int],
    source_owner: np.ndarray,
) -> list[CopiedRun]:
    """Word runs of the derivative sentence found in the source near its candidates."""
    if not candidates:
        return []
    wanted: set[int] = set()
    for j in candidates:
        wanted.update((j - 1, j, j + 1))
    window = [k for k in range(len(source.words)) if source_owner[k] in wanted]
    source_tokens = [source.words[k].text for k in window]
    runs: list[CopiedRun] = []
    pending = [word_range]
    # Two passes: the second aligns what the first left, catching reordered clauses.
    for _ in range(2):
        next_pending = []
        for a, b in pending:
            tokens = [w.text for w in derivative.words[a:b]]
            for op in Indel.opcodes(source_tokens, tokens):
                if op.tag != "equal":
                    if op.dest_end - op.dest_start >= T.MIN_RUN_WORDS:
                        next_pending.append((a + op.dest_start, a + op.dest_end))
                    continue
                size = op.src_end - op.src_start
                if size < T.MIN_RUN_WORDS or all(t in STOP_WORDS for t in tokens[op.dest_start : op.dest_end]):
                    if size:
                        next_pending.append((a + op.dest_start, a + op.dest_end))
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
        pending = _merge_ranges(next_pending)
        if not pending:
            break
    return sorted(runs, key=lambda r: r.derivative_start)


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
