"""Seed and extend: reused passages that no sentence label shows (PAN's obfuscated plagiarism).

A passage whose words were shuffled, dropped and swapped, or run through a chain of
machine translations, keeps too little of each sentence's meaning for the embedding to
call the sentence a paraphrase, and the label-based chains of ``passages`` break. Such a
passage still keeps many of the source's rarer words, sentence after sentence. Following
the text alignment of Sanchez-Perez, Sidorov and Gelbukh (PAN 2014):

1. **Seeds**: sentence pairs whose content words agree: the tf-isf cosine (term
   frequency times the inverse frequency of the word among the sentences of both texts)
   and the Dice coefficient of the two sets of content words both at least
   ``SEED_SIMILARITY``. (Sentences the alignment labels verbatim or paraphrase, the
   embedding's evidence, already chain into passages; taken as seeds as well they
   changed no verdict on the corpora and widened passages past PAN's annotated cases.)
2. **Extension**: seeds at most ``SEED_GAP`` sentences apart in both texts join one
   cluster (single linkage), so a passage whose sentences were reordered, merged or
   split locally stays one.
3. **Validation**: a cluster is a reused passage when the two stretches it spans agree
   as bags of words (tf-isf cosine at least ``SEED_PASSAGE_SIMILARITY``) and it holds
   at least ``SEED_MIN_SENTENCES`` seeded sentences on each side, or, with one sentence
   on a side (a long sentence split, or two merged), when the stretches are long
   (``SEED_LONE_WORDS`` content words) and keep most of each other's words
   (``SEED_LONE_SIMILARITY``).

Written here rather than taken from a library: the published implementation is a
script over PAN's files with its own preprocessing; this reads the pipeline's own
sentences and content words, and the light install has no sparse-matrix library (the
sentences are compared in blocks, as dense matrices over the words both blocks use).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from ..core import thresholds as T
from .lexicon import content_stems
from .text import PreparedText

_CHUNK = 256
"""Derivative sentences per block of the similarity product: bounds memory on long texts."""


@dataclass(frozen=True)
class Cluster:
    """A validated cluster of seeds: the derivative and source sentences it spans, and how well they agree."""

    sentences: tuple[int, ...]
    """Derivative sentences holding a seed."""
    sources: tuple[int, ...]
    """Source sentences holding a seed."""
    seeds: int
    similarity: float
    """tf-isf cosine of the content words of the two stretches (first to last sentence on each side)."""


@dataclass(frozen=True)
class _Side:
    """One text's story sentences as rows of (word id, count) entries, in sentence order (compressed rows)."""

    starts: np.ndarray
    """Where each sentence's entries begin in ``ids`` and ``counts`` (one more than there are sentences)."""
    ids: np.ndarray
    counts: np.ndarray
    norms: np.ndarray
    """tf-isf norm of each sentence."""
    sizes: np.ndarray
    """Distinct content words of each sentence."""


@dataclass(frozen=True)
class _Words:
    """Content-word counts of the story sentences of both texts, as bags and as rows of word ids."""

    derivative_bags: list[Counter[str]]
    source_bags: list[Counter[str]]
    isf: dict[str, float]
    """Inverse sentence frequency of each word among the story sentences of both texts."""
    weights: np.ndarray
    """``isf`` by word id."""
    derivative: _Side
    source: _Side


def seed_clusters(
    source: PreparedText,
    derivative: PreparedText,
    holds_sentence: Callable[[int], bool] | None = None,
    shown: Collection[int] = (),
    language: str | None = None,
) -> list[Cluster]:
    """The validated clusters of seeds, in derivative order.

    ``holds_sentence``: with several sources, the source sentences of the one being judged.
    ``shown``: derivative sentences inside passages the labels already show to be reuse; their
    seeds are left out, since the labels bound that reuse more tightly than the seeds (which
    take in neighbours on the same subject), and the seeds look for what the labels miss.
    ``language``: the derivative's, whose stop words are no content words.
    """
    words = _words(source, derivative, language)
    held = set(shown)
    seeds = {(i, j) for i, j in _seeds(words) if i not in held}
    if holds_sentence is not None:
        seeds = {(i, j) for i, j in seeds if holds_sentence(j)}
    found = []
    for group in _single_linkage(sorted(seeds)):
        cluster = _validated(words, group)
        if cluster is not None:
            found.append(cluster)
    return sorted(found, key=lambda c: c.sentences[0])


def _words(source: PreparedText, derivative: PreparedText, language: str | None) -> _Words:
    mine, theirs = sentence_bags(derivative, None, language), sentence_bags(source, None, language)
    isf = inverse_sentence_frequency([*mine, *theirs])
    ids = {w: k for k, w in enumerate(isf)}
    weights = np.array(list(isf.values()), dtype=np.float32)
    return _Words(mine, theirs, isf, weights, _side(mine, ids, isf), _side(theirs, ids, isf))


def inverse_sentence_frequency(bags: Sequence[Counter[str]]) -> dict[str, float]:
    """log(sentences / sentences holding the word) for every word of ``bags``, over its non-empty bags."""
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    sentences = sum(1 for bag in bags if bag)
    return {w: math.log(sentences / n) for w, n in frequency.items()}


def _side(bags: list[Counter[str]], ids: dict[str, int], isf: dict[str, float]) -> _Side:
    starts = np.zeros(len(bags) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(bag) for bag in bags])
    return _Side(
        starts,
        np.array([ids[w] for bag in bags for w in bag], dtype=np.int64),
        np.array([n for bag in bags for n in bag.values()], dtype=np.float32),
        np.array([_norm(bag, isf) for bag in bags], dtype=np.float32),
        np.array([len(bag) for bag in bags], dtype=np.float32),
    )


def _norm(bag: Counter[str], isf: dict[str, float]) -> float:
    return math.sqrt(sum((n * isf[w]) ** 2 for w, n in bag.items()))


def sentence_bags(
    text: PreparedText, holds_sentence: Callable[[int], bool] | None = None, language: str | None = None
) -> list[Counter[str]]:
    """Content-word counts (stop words of ``language`` left out) of each sentence; empty for sentences
    that are not story (or, given ``holds_sentence``, not the judged source's)."""
    return [
        Counter(content_stems(list(text.words[a:b]), language))
        if s.role.is_story and (holds_sentence is None or holds_sentence(k))
        else Counter()
        for k, (s, (a, b)) in enumerate(zip(text.sentences, text.sentence_words, strict=True))
    ]


def _seeds(words: _Words) -> set[tuple[int, int]]:
    """Sentence pairs whose tf-isf cosine and Dice coefficient both reach SEED_SIMILARITY.

    Blocks of ``_CHUNK`` sentences a side are compared as dense matrices over the words both
    blocks use, so memory stays small on long texts and the products skip every other word.
    """
    found: set[tuple[int, int]] = set()
    lookup = np.full(len(words.weights), -1, dtype=np.int64)
    mine, theirs = words.derivative, words.source
    for row in range(0, len(mine.norms), _CHUNK):
        for col in range(0, len(theirs.norms), _CHUNK):
            rows, cols = (
                range(row, min(row + _CHUNK, len(mine.norms))),
                range(col, min(col + _CHUNK, len(theirs.norms))),
            )
            local = np.intersect1d(
                mine.ids[mine.starts[rows.start] : mine.starts[rows.stop]],
                theirs.ids[theirs.starts[cols.start] : theirs.starts[cols.stop]],
            )
            if not local.size:
                continue
            lookup[local] = np.arange(local.size)
            left, right = _dense(mine, rows, lookup, local.size), _dense(theirs, cols, lookup, local.size)
            lookup[local] = -1
            weight = words.weights[local]
            dot = (left * weight) @ (right * weight).T
            norms = np.outer(mine.norms[rows.start : rows.stop], theirs.norms[cols.start : cols.stop])
            tfisf = np.divide(dot, norms, out=np.zeros_like(dot), where=norms > 0)
            shared = (left > 0).astype(np.float32) @ (right > 0).astype(np.float32).T
            sizes = mine.sizes[rows.start : rows.stop, None] + theirs.sizes[None, cols.start : cols.stop]
            dice = np.divide(2 * shared, sizes, out=np.zeros_like(shared), where=sizes > 0)
            hits = (tfisf >= T.SEED_SIMILARITY) & (dice >= T.SEED_SIMILARITY)
            found.update((row + int(i), col + int(j)) for i, j in zip(*np.nonzero(hits), strict=True))
    return found


def _dense(side: _Side, rows: range, lookup: np.ndarray, width: int) -> np.ndarray:
    """The counts of ``rows`` over the block's words (``lookup``: word id to column, -1 for other words)."""
    begin, end = side.starts[rows.start], side.starts[rows.stop]
    row_of = np.repeat(np.arange(len(rows)), np.diff(side.starts[rows.start : rows.stop + 1]))
    column = lookup[side.ids[begin:end]]
    kept = column >= 0
    matrix = np.zeros((len(rows), width), dtype=np.float32)
    matrix[row_of[kept], column[kept]] = side.counts[begin:end][kept]
    return matrix


def _single_linkage(seeds: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Seeds at most SEED_GAP sentences apart in both texts, joined transitively."""
    parent = list(range(len(seeds)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, (i, j) in enumerate(seeds):
        for b in range(a + 1, len(seeds)):
            if seeds[b][0] - i > T.SEED_GAP:
                break
            if abs(seeds[b][1] - j) <= T.SEED_GAP:
                parent[root(a)] = root(b)
    groups: dict[int, list[tuple[int, int]]] = {}
    for k, seed in enumerate(seeds):
        groups.setdefault(root(k), []).append(seed)
    return list(groups.values())


def _validated(words: _Words, group: list[tuple[int, int]]) -> Cluster | None:
    rows = sorted({i for i, _ in group})
    cols = sorted({j for _, j in group})
    similarity = _stretch_similarity(words, (rows[0], rows[-1] + 1), (cols[0], cols[-1] + 1))
    if similarity < T.SEED_PASSAGE_SIMILARITY:
        return None
    if min(len(rows), len(cols)) < T.SEED_MIN_SENTENCES and not _lone_long_seed(words, rows, cols):
        return None
    return Cluster(tuple(rows), tuple(cols), len(group), round(similarity, 4))


def _stretch_similarity(words: _Words, rows: tuple[int, int], cols: tuple[int, int]) -> float:
    """tf-isf cosine of the summed content words of two stretches of sentences."""
    return _cosine(
        _joined(words.derivative_bags[rows[0] : rows[1]]), _joined(words.source_bags[cols[0] : cols[1]]), words.isf
    )


def _joined(bags: list[Counter[str]]) -> Counter[str]:
    joined: Counter[str] = Counter()
    for bag in bags:
        joined.update(bag)
    return joined


def _cosine(mine: Counter[str], theirs: Counter[str], isf: dict[str, float]) -> float:
    norms = _norm(mine, isf) * _norm(theirs, isf)
    if not norms:
        return 0.0
    return sum(n * theirs[w] * isf[w] ** 2 for w, n in mine.items() if w in theirs) / norms


def _lone_long_seed(words: _Words, rows: list[int], cols: list[int]) -> bool:
    """A cluster with one sentence on a side (a long sentence split, or two merged): reuse on its own when
    the stretches are long and keep most of each other's words.

    Long: ``SEED_LONE_WORDS`` content words (counted with repeats) in the derivative stretch; most: tf-isf
    cosine and Dice coefficient of the two stretches both at least ``SEED_LONE_SIMILARITY``.
    """
    mine = _joined(words.derivative_bags[rows[0] : rows[-1] + 1])
    theirs = _joined(words.source_bags[cols[0] : cols[-1] + 1])
    if sum(mine.values()) < T.SEED_LONE_WORDS:
        return False
    dice = 2 * len(mine.keys() & theirs.keys()) / (len(mine) + len(theirs))
    return min(dice, _cosine(mine, theirs, words.isf)) >= T.SEED_LONE_SIMILARITY
