"""Summary passages: a stretch of the derivative that condenses the source (PAN's summary obfuscation).

A summary sentence compresses several source sentences into one, so no single source
sentence lines up with it well, and the sources of consecutive summary sentences jump
about the source (a summary reorders and skips). The label-based chains of
``passages`` then break (each next sentence draws on source sentences too far from the
last), and seed and extend finds no seed (no one source sentence shares a third of its
words). What a summary keeps is its source's rarer words, gathered from a few
neighbouring source sentences. The published system this project's seed and extend
follows (Sanchez-Perez, Sidorov and Gelbukh, PAN 2014; its authors' code, PAN2015.py,
``compare``) has a summary branch: it clusters the same seeds again with wider gaps and
takes that result when its source side is at least three times as long as its
suspicious side. That needs seeds, and in PAN 2013's summaries a summary sentence
rarely shares a third of any one source sentence's words, so here the unit is a window
of source sentences instead, sentence by sentence:

1. **Windows**: each derivative sentence is compared with every window of one to
   ``SUMMARY_WINDOW`` consecutive source sentences; its *coverage* is the share of its
   distinct content words (weighted by inverse sentence frequency over both texts, so
   rare words count more) that the window holds. Its best window is the one of highest
   coverage (the shortest, then the first, among equals).
2. **Runs**: a summary passage is a run of adjacent derivative sentences that the
   support model labels verbatim or paraphrase (meaning agrees) and whose best windows
   cover at least ``SUMMARY_COVERAGE`` of their words (the words agree), with at least
   ``SUMMARY_MIN_SENTENCES`` such sentences. A drawn sentence too short to measure
   (under ``SUMMARY_MIN_WORDS`` content words) may stand inside a run without counting.

Both kinds of evidence are needed: two reports of one event share single sentences in
meaning and words, and answers written on a source's narrow topic share its words, but
neither holds adjacent sentences that each condense a few neighbouring source sentences.

Written here rather than taken from a library: it reads the pipeline's own sentence
labels and content words; the window coverage is a weighted set containment over a
sliding window, a few numpy lines (rapidfuzz's token measures compare two strings, not a
sentence with every window of another text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from ..core import thresholds as T
from .records import DerivativeLabel, DerivativeSentence
from .seeds import inverse_sentence_frequency, sentence_bags
from .text import PreparedText

_DRAWN = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)


@dataclass(frozen=True)
class SummaryRun:
    """A run of adjacent derivative sentences that each condense a window of source sentences."""

    sentences: tuple[int, ...]
    """The derivative sentences of the run, in order."""
    sources: tuple[int, ...]
    """The source sentences of their best windows, and of the labels' sources of the sentences too short to measure."""
    coverage: float
    """Mean coverage of its measured sentences by their best windows."""


def summary_runs(
    source: PreparedText,
    derivative: PreparedText,
    sentences: Sequence[DerivativeSentence],
    holds_sentence: Callable[[int], bool] | None = None,
    shown: Collection[int] = (),
    language: str | None = None,
) -> list[SummaryRun]:
    """The summary passages' runs, in derivative order.

    ``holds_sentence``: with several sources, the source sentences of the one being judged (windows
    hold only those). ``shown``: derivative sentences already inside reused passages; a run never
    takes them in. ``language``: the derivative's, whose stop words are no content words.
    """
    held = set(shown)
    drawn = {d.index for d in sentences if d.label in _DRAWN and d.sources and d.index not in held}
    if not drawn:
        return []
    mine = sentence_bags(derivative, None, language)
    theirs = sentence_bags(source, holds_sentence, language)
    windows = _Windows(mine, theirs)
    runs: list[SummaryRun] = []
    current: list[tuple[int, _Measure | None]] = []
    for d in sentences:
        if not d.sentence.role.is_story:
            continue
        joins, measure = _member(d, drawn, mine, windows)
        if joins and (not current or d.index == current[-1][0] + 1):
            current.append((d.index, measure))
            continue
        runs += _closed(current, sentences)
        current = [(d.index, measure)] if joins else []
    runs += _closed(current, sentences)
    return runs


_Measure = tuple[float, tuple[int, int]]
"""A measured sentence's coverage and its best window (first source sentence, one past the last)."""


def _member(
    d: DerivativeSentence, drawn: set[int], mine: list[Counter[str]], windows: _Windows
) -> tuple[bool, _Measure | None]:
    """Whether ``d`` may stand in a run, and its measure (``None``: too short to measure, so it does not count)."""
    if d.index not in drawn:
        return False, None
    if len(mine[d.index]) < T.SUMMARY_MIN_WORDS:
        return True, None
    coverage, window = windows.best(mine[d.index])
    return coverage >= T.SUMMARY_COVERAGE, (coverage, window)


def _closed(current: list[tuple[int, _Measure | None]], sentences: Sequence[DerivativeSentence]) -> list[SummaryRun]:
    measured = [m for _, m in current if m is not None]
    if len(measured) < T.SUMMARY_MIN_SENTENCES:
        return []
    sources = {j for _, (a, b) in measured for j in range(a, b)}
    sources.update(j for i, m in current if m is None for j in sentences[i].sources)
    coverage = sum(c for c, _ in measured) / len(measured)
    return [SummaryRun(tuple(i for i, _ in current), tuple(sorted(sources)), round(coverage, 4))]


class _Windows:
    """The source side: which sentences hold each word, and each word's inverse sentence frequency."""

    def __init__(self, mine: list[Counter[str]], theirs: list[Counter[str]]) -> None:
        self.isf = inverse_sentence_frequency([*mine, *theirs])
        self.size = len(theirs)
        self.postings: dict[str, list[int]] = {}
        for j, bag in enumerate(theirs):
            for w in bag:
                self.postings.setdefault(w, []).append(j)

    def best(self, bag: Counter[str]) -> tuple[float, tuple[int, int]]:
        """The highest coverage of ``bag``'s words by a window of source sentences, and that window."""
        words = list(bag)
        weights = np.array([self.isf[w] for w in words], dtype=np.float64)
        total = float(weights.sum())
        if not total or not self.size:
            return 0.0, (0, 0)
        held = np.zeros((len(words), self.size), dtype=bool)
        for k, w in enumerate(words):
            held[k, self.postings.get(w, [])] = True
        best, where = 0.0, (0, 0)
        covered = held.copy()
        for width in range(1, min(T.SUMMARY_WINDOW, self.size) + 1):
            if width > 1:
                # covered[:, j] holds the words of sentences j .. j + width - 1.
                covered = covered[:, :-1] | held[:, width - 1 :]
            scores = weights @ covered / total
            j = int(np.argmax(scores))
            if scores[j] > best + 1e-9:
                best, where = float(scores[j]), (j, j + width)
        return best, where
