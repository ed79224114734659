"""Whole-text evidence that a derivative follows its source through, in the source's words.

The sentence labels miss two kinds of text that matter to the verdict:

- A **heavy rewrite** rewords every sentence, so many fall under the support cut and no
  passage clears its bar alone. It still takes the source's points in the source's order
  from start to end: **ordered support** is the most support that a chain of its story
  sentences collects while their source sentences move strictly forward through the
  source (a weighted longest increasing subsequence). Texts written without the source
  on the same subject keep returning to its opening definition or summary, so their
  chains stay short; a sentence that is mostly a quotation the source also has is left
  out (two reports of one speech share the speaker's words, in order).
- A text **written from another document** that overlaps the source in facts (a story
  written from a regulator's notice, compared with the agency story on the same notice)
  has many sentences that retell the source's facts, but its particular words come from
  the other document: **vocabulary share** is the share of the derivative's story
  vocabulary, each word weighted by how rare it is in the derivative's language
  (``core.wordfrequency``; every word alike in a language wordfreq has no table for), that the
  source's story uses. A rewrite keeps the source's rarer words, and so does a writer
  who had only the source; a writer with another document uses its words.

``follows`` combines the two (``FOLLOWS_WEIGHTS``, fitted on the short-answer corpus);
``classify.verdict`` counts a text that follows its source as reused, and calls a text
``wholly`` derived only when its vocabulary share reaches ``WHOLLY_VOCABULARY_SHARE``.

Written here rather than taken from a library: the chain reads the pipeline's own labels'
support and sources, and a weighted longest increasing subsequence over them is a short
loop over a Fenwick tree (no maintained package offers a weighted one).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ..core import thresholds as T
from .evidence import FollowingEvidence
from .lexicon import stem, stop_words
from .records import DerivativeSentence
from .text import PreparedText
from .wordfrequency import zipf


def following_evidence(
    source: PreparedText,
    derivative: PreparedText,
    sentences: Sequence[DerivativeSentence],
    quoted: Sequence[tuple[int, int]] = (),
    holds_sentence: Callable[[int], bool] | None = None,
    language: str | None = None,
) -> FollowingEvidence:
    """Vocabulary share and ordered support of the derivative against the source.

    ``quoted``: the derivative's quotations found in the source (character ranges).
    ``holds_sentence``: with several sources, the source sentences of the one being judged.
    ``language``: the derivative's, as ``checks.language`` detects it (None: not identified).
    """
    return FollowingEvidence(
        vocabulary_share=vocabulary_share(source, derivative, holds_sentence, language),
        ordered_support=ordered_support(sentences, quoted, holds_sentence),
    )


def follows(evidence: FollowingEvidence) -> bool:
    """Whether the derivative follows its source through (the model of ``FOLLOWS_WEIGHTS``)."""
    return T.probability(T.FOLLOWS_WEIGHTS, FollowingEvidence.names(), evidence.values()) >= T.FOLLOWS_THRESHOLD


def vocabulary_share(
    source: PreparedText,
    derivative: PreparedText,
    holds_sentence: Callable[[int], bool] | None = None,
    language: str | None = None,
) -> float:
    """Share of the derivative's story vocabulary (stems, weighted by rarity in ``language``, the
    derivative's) that the source's story uses."""
    theirs = _vocabulary(source, holds_sentence, language)
    mine = _vocabulary(derivative, None, language)
    total = sum(mine.values())
    if not total:
        return 0.0
    return round(sum(w for s, w in mine.items() if s in theirs) / total, 4)


def ordered_support(
    sentences: Sequence[DerivativeSentence],
    quoted: Sequence[tuple[int, int]] = (),
    holds_sentence: Callable[[int], bool] | None = None,
) -> float:
    """log(1 + the most support a chain of story sentences collects while their sources move forward),
    the chain's sum scaled to ``ORDER_SCALE_SENTENCES`` sentences when more of them draw on the source."""
    chain = [
        (d, held)
        for d in sentences
        if d.sentence.role.is_story and not _mostly_quoted(d, quoted)
        for held in [[j for j in d.sources if holds_sentence is None or holds_sentence(j)]]
        if held
    ]
    size = max((j for _, held in chain for j in held), default=-1) + 2
    tree = [0.0] * (size + 1)
    best = 0.0
    for d, held in chain:
        # Every source of one sentence reads the chain before any of them extends it.
        ends = [(j, _best_before(tree, j) + d.support) for j in held]
        for j, value in ends:
            _raise(tree, j + 1, value)
            best = max(best, value)
    # Past the length the model was fitted on, the chain counts by its density, not its length: two long
    # reports of one event line up weakly, sentence after sentence, and would otherwise add up.
    return round(math.log1p(best * min(1.0, T.ORDER_SCALE_SENTENCES / max(len(chain), 1))), 4)


def _best_before(tree: list[float], index: int) -> float:
    """The best chain ending on a source sentence before ``index`` (Fenwick prefix maximum)."""
    best, i = 0.0, index
    while i > 0:
        best = max(best, tree[i])
        i -= i & -i
    return best


def _raise(tree: list[float], position: int, value: float) -> None:
    i = position
    while i < len(tree):
        tree[i] = max(tree[i], value)
        i += i & -i


def _mostly_quoted(d: DerivativeSentence, quoted: Sequence[tuple[int, int]]) -> bool:
    start, end = d.sentence.start, d.sentence.end
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in quoted)
    return inside * 2 >= end - start > 0


def _vocabulary(
    text: PreparedText, holds_sentence: Callable[[int], bool] | None, language: str | None
) -> dict[str, float]:
    """Content stems of the story sentences (stop words of ``language`` left out), each weighted by its
    rarest surface form."""
    found: dict[str, float] = {}
    stops = stop_words(language)
    for s in text.sentences:
        if not s.role.is_story or (holds_sentence is not None and not holds_sentence(s.index)):
            continue
        for w in text.words_of(s.index):
            if w.text in stops or len(w.text) <= 2:
                continue
            key = stem(w.text)
            found[key] = max(found.get(key, 0.0), _rarity(w.text, language))
    return found


def _rarity(word: str, language: str | None) -> float:
    """How much rarer than ``RARITY_CEILING`` the word is in ``language`` (Zipf scale; 0 for commoner
    words), or 1 for every word of a language wordfreq has no table for: the share then counts words alike."""
    frequency = zipf(word, language)
    return 1.0 if frequency is None else max(0.0, T.RARITY_CEILING - frequency)
