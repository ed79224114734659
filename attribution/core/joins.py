"""Merged and split sentences in other words: a second look at the sentences the support model left unsupported.

``core.align`` compares each derivative sentence with each source sentence. A rewrite that
merges two adjacent source sentences into one, or splits one into two, and swaps the words
leaves no single cosine high; comparing with the joined texts of adjacent sentences finds
it. Only the unsupported sentences are looked at again, and all their joins are embedded in
one call (the embedder's ``encode``, passed in: ``core`` does not import ``embedding``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz

from ..core import thresholds as T
from .align import cosine_matrix
from .records import Alignment, SentenceMatch
from .text import PreparedText
from .textfold import clean, plain


def rejoined(
    source: PreparedText,
    derivative: PreparedText,
    alignment: Alignment,
    vectors: tuple[np.ndarray, np.ndarray],
    weak: Sequence[int],
    encode: Callable[[list[str]], np.ndarray],
) -> dict[int, tuple[SentenceMatch, ...]]:
    """Other matches to try for ``weak`` sentences (those the support model left unsupported), in order:
    a merge of two adjacent source sentences, then half of a split one.

    A rewrite merges two adjacent source sentences into one or splits one into two, in other
    words; the embedding of a merged sentence then sits between its two sources, and that of
    each half of a split far from the whole, so no single cosine is high. All joins are
    embedded in one ``encode`` call, and each is proposed only where its cosine beats the
    sentence's best single cosine by ``JOIN_MARGIN``:

    - merged: the sentence against the joined text of adjacent source pairs around its
      ``JOIN_CANDIDATES`` closest source sentences; it names both.
    - split: the sentence joined with the derivative sentence before or after it, against
      every source sentence; taken only where that neighbour is supported and already aligned
      to the source sentence the join is closest to (the half that kept its meaning) and the
      join is closer to it than the neighbour alone by ``SPLIT_GAIN`` (the weak half adds some
      of its meaning; a sentence that only goes on from a close one, "It models the reuse of
      existing class code…" after a definition, barely moves the join). Two weak neighbours joined are
      often two sentences about one event (an independent report's), closer together than
      either alone: on the real pairs no such join was a split.

    A merge is tried first: it names the sentence's own closest source sentences, where a split's
    join may owe its cosine to the neighbour (on the held-out pairs, both sentences that had both
    were merges). The caller keeps a proposal only where the sentence then passes the support rule.
    """
    source_vectors, derivative_vectors = vectors
    source_story = np.array([s.role.is_story for s in source.sentences], dtype=bool)
    derivative_story = [s.role.is_story for s in derivative.sentences]
    if not source_story.any() or not weak:
        return {}
    cosine = np.where(source_story[None, :], cosine_matrix(derivative_vectors, source_vectors), -1.0)
    best = cosine.max(axis=1)
    weak_set = set(weak)
    merges: dict[int, list[tuple[int, int]]] = {}
    splits: dict[int, list[tuple[int, int]]] = {}
    for i in weak:
        if not derivative_story[i] or not derivative.words_of(i):
            continue
        near = np.argsort(-cosine[i], kind="stable")[: T.JOIN_CANDIDATES]
        pairs = {(k, k + 1) for j in near for k in (int(j) - 1, int(j))}
        merges[i] = sorted(p for p in pairs if p[0] >= 0 and p[1] < len(source_story) and source_story[list(p)].all())
        neighbours = [k for k in (i - 1, i + 1) if 0 <= k < len(derivative_story) and derivative_story[k]]
        splits[i] = [(min(i, k), max(i, k)) for k in neighbours if k not in weak_set and alignment.matches[k].sources]
    source_texts = {p: _joined_text(source, p) for ps in merges.values() for p in ps}
    derivative_texts = {p: _joined_text(derivative, p) for ps in splits.values() for p in ps}
    texts = list(dict.fromkeys([*source_texts.values(), *derivative_texts.values()]))
    if not texts:
        return {}
    row = {t: k for k, t in enumerate(texts)}
    encoded = encode(texts)
    options: dict[int, tuple[SentenceMatch, ...]] = {}
    for i in merges:
        bar = best[i] + T.JOIN_MARGIN
        found: list[tuple[float, tuple[int, ...]]] = []
        merged = [(float(derivative_vectors[i] @ encoded[row[source_texts[p]]]), p) for p in merges[i]]
        c, p = max(merged, default=(-1.0, (0, 0)))
        if c >= bar:
            found.append((c, tuple(sorted(p, key=lambda k: -cosine[i, k]))))  # the closer first: the main source
        for p in splits[i]:
            scores = np.where(source_story, source_vectors @ encoded[row[derivative_texts[p]]], -1.0)
            k, neighbour = int(np.argmax(scores)), p[0] if p[1] == i else p[1]
            split = scores[k] >= max(bar, cosine[neighbour, k] + T.SPLIT_GAIN)
            if split and k in alignment.matches[neighbour].sources:
                found.append((float(scores[k]), (k,)))
        if found:
            options[i] = tuple(_match(source, derivative, alignment.matches[i], c, ks) for c, ks in found)
    return options


def _match(
    source: PreparedText, derivative: PreparedText, old: SentenceMatch, cosine: float, sources: tuple[int, ...]
) -> SentenceMatch:
    """The sentence's match with ``sources``: the join's cosine, token-set similarity with their joined text."""
    joined_source = plain(" ".join(source.sentences[k].text for k in sorted(sources)))
    lexical = fuzz.token_set_ratio(plain(derivative.sentences[old.sentence].text), joined_source) / 100.0
    return replace(old, sources=sources, cosine=round(min(cosine, 1.0), 4), lexical=lexical)


def with_joins(
    alignment: Alignment,
    options: dict[int, tuple[SentenceMatch, ...]],
    supported: Callable[[Alignment], Sequence[bool]],
) -> Alignment:
    """The alignment with, for each sentence, the first of its ``options`` (``rejoined``'s) under which
    ``supported`` (the labelling rules, run on a whole alignment) finds it supported; the same alignment
    when there is none. Each turn tries every sentence's next option at once: one labelling per turn."""
    kept: dict[int, SentenceMatch] = {}
    for turn in range(max(map(len, options.values()), default=0)):
        trying = {i: o[turn] for i, o in options.items() if i not in kept and turn < len(o)}
        if not trying:
            break
        trial = supported(_with_matches(alignment, {**kept, **trying}))
        kept |= {i: m for i, m in trying.items() if trial[i]}
    return _with_matches(alignment, kept) if kept else alignment


def _with_matches(alignment: Alignment, matches: dict[int, SentenceMatch]) -> Alignment:
    return replace(alignment, matches=tuple(matches.get(m.sentence, m) for m in alignment.matches))


def _joined_text(text: PreparedText, pair: tuple[int, int]) -> str:
    """What the model reads of two adjacent sentences as one (as ``pipeline.embed_story`` reads each)."""
    return " ".join(clean(text.sentences[k].text) for k in pair)
