"""Stage 6: labels for every sentence, and the verdict.

Derivative sentences: ``credit`` by role; ``verbatim`` when copied runs cover it or
it is within a few edits of its sources; ``added`` when nothing in the source
supports it (low similarity, mostly words the source never uses, or a claim hung on
unnamed speakers the source does not cite); ``paraphrase`` otherwise.
Source sentences: ``boilerplate`` by role, ``used`` when the derivative draws on
them, ``omitted`` when it does not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..core import thresholds as T
from .align import Side
from .lexicon import content_stems
from .records import (
    AddedDetail,
    Alignment,
    Attribution,
    DerivativeLabel,
    Role,
    Sentence,
    SentenceMatch,
    Shares,
    SourceLabel,
    Verdict,
)
from .textfold import plain, words


def novelty(source: Side, derivative: Side) -> tuple[float, ...]:
    """For each derivative sentence, the share of its content words the source story never uses."""
    vocabulary: set[str] = set()
    for s, (a, b) in zip(source.sentences, source.sentence_words, strict=True):
        if s.role.is_story:
            vocabulary.update(content_stems(list(source.words[a:b])))
    shares = []
    for a, b in derivative.sentence_words:
        stems = content_stems(list(derivative.words[a:b]))
        shares.append(sum(1 for x in stems if x not in vocabulary) / len(stems) if stems else 0.0)
    return tuple(shares)


_NEGATION = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"])
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def evidence(
    source: Side,
    derivative: Side,
    alignment: Alignment,
    novel: Sequence[float],
    details: Sequence[AddedDetail],
) -> tuple[tuple[float, ...], ...]:
    """For each derivative sentence, what the support model weighs.

    (cosine, lexical similarity, copied share, new-word share, added details (max 3),
    a number its sources do not have, negation present on one side only).
    """
    detail_count = Counter(d.sentence for d in details)
    rows = []
    for s, match in zip(derivative.sentences, alignment.matches, strict=True):
        sources = " ".join(source.sentences[j].text for j in match.sources)
        own_numbers = set(_NUMBER.findall(s.text))
        number_change = float(bool(match.sources) and bool(own_numbers - set(_NUMBER.findall(sources))))
        negation_flip = float(bool(match.sources) and _negated(s.text) != _negated(sources))
        rows.append(
            (
                match.cosine,
                match.lexical,
                match.coverage,
                novel[s.index],
                float(min(detail_count[s.index], 3)),
                number_change,
                negation_flip,
            )
        )
    return tuple(rows)


def _negated(text: str) -> bool:
    return any(w.text in _NEGATION or w.text.endswith("n't") for w in words(text))


def support(match: SentenceMatch, features: Sequence[float]) -> float:
    """Probability that the source supports the sentence (logistic model fitted on MRPC and XSumFaith)."""
    if not match.sources:
        return 0.0
    return T.probability(T.SUPPORT_WEIGHTS, features)


def label_derivative(
    source: Side,
    derivative: Side,
    alignment: Alignment,
    attributions: Sequence[Attribution],
    features: Sequence[Sequence[float]],
) -> tuple[DerivativeLabel, ...]:
    unnamed = {a.sentence for a in attributions}
    labels = []
    for s, match in zip(derivative.sentences, alignment.matches, strict=True):
        if not s.role.is_story:
            labels.append(DerivativeLabel.CREDIT)
        elif _verbatim(s.text, match, source):
            labels.append(DerivativeLabel.VERBATIM)
        elif support(match, features[s.index]) < T.SUPPORT_THRESHOLD:
            labels.append(DerivativeLabel.ADDED)
        elif s.index in unnamed:
            labels.append(DerivativeLabel.ADDED)  # "Analysts say": a claim the source does not make
        else:
            labels.append(DerivativeLabel.PARAPHRASE)
    return tuple(labels)


def _verbatim(text: str, match: SentenceMatch, source: Side) -> bool:
    if match.coverage >= T.VERBATIM_COVERAGE:
        return True
    if not match.sources:
        return False
    mine = plain(text)
    joined = " ".join(source.sentences[j].text for j in sorted(match.sources))
    ratio = max(fuzz.ratio(mine, plain(joined)), fuzz.ratio(mine, plain(source.sentences[match.sources[0]].text)))
    return ratio >= T.VERBATIM_RATIO * 100


def label_source(
    source: Side,
    alignment: Alignment,
    derivative_labels: Sequence[DerivativeLabel],
) -> tuple[SourceLabel, ...]:
    named = {
        j
        for m, label in zip(alignment.matches, derivative_labels, strict=True)
        if label in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)
        for j in m.sources
    }
    copied = {source.sentence_at(r.source_start) for r in alignment.runs if r.words >= T.RUN_NAMES_SOURCE_WORDS}
    labels = []
    for s in source.sentences:
        if not s.role.is_story:
            labels.append(SourceLabel.BOILERPLATE)
            continue
        used = s.index in named or s.index in copied or alignment.source_best[s.index] >= T.USED_COSINE
        if used:
            labels.append(SourceLabel.USED)
        else:
            labels.append(SourceLabel.BOILERPLATE if s.role == Role.HEADLINE else SourceLabel.OMITTED)
    return tuple(labels)


def derivation_features(
    sentences: Sequence[Sentence], alignment: Alignment, labels: Sequence[DerivativeLabel]
) -> tuple[float, ...]:
    """Evidence that a whole text was written from the source, not just about the same events.

    (share of words in copied runs, log of the longest run, mean cosine, mean lexical
    similarity, share of sentences verbatim or paraphrase). Two independent reports of
    one event are close in meaning; a rewrite also keeps runs of the source's words.
    """
    story = [m for s, m in zip(sentences, alignment.matches, strict=True) if s.role.is_story]
    if not story:
        return (0.0, 0.0, 0.0, 0.0, 0.0)
    words = sum(len(s.text.split()) for s in sentences if s.role.is_story)
    copied = sum(r.words for r in alignment.runs)
    longest = max((r.words for r in alignment.runs), default=0)
    drawn = sum(
        1
        for s, label in zip(sentences, labels, strict=True)
        if s.role.is_story and label in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)
    )
    return (
        min(1.0, copied / max(words, 1)),
        math.log1p(longest),
        sum(m.cosine for m in story) / len(story),
        sum(m.lexical for m in story) / len(story),
        drawn / len(story),
    )


def verdict(
    derivative: Side, labels: Sequence[DerivativeLabel], credited_as: str | None, alignment: Alignment
) -> Verdict:
    counts = dict.fromkeys(DerivativeLabel, 0)
    for (a, b), label in zip(derivative.sentence_words, labels, strict=True):
        counts[label] += b - a
    story_words = counts[DerivativeLabel.VERBATIM] + counts[DerivativeLabel.PARAPHRASE] + counts[DerivativeLabel.ADDED]
    if story_words == 0:
        shares = Shares(0.0, 0.0, 0.0)
    else:
        shares = Shares(
            round(counts[DerivativeLabel.VERBATIM] / story_words, 4),
            round(counts[DerivativeLabel.PARAPHRASE] / story_words, 4),
            round(counts[DerivativeLabel.ADDED] / story_words, 4),
        )
    evidence = derivation_features(derivative.sentences, alignment, labels)
    derived = bool(T.probability(T.DERIVED_WEIGHTS, evidence) >= T.DERIVED_THRESHOLD)
    return Verdict(derived, credited_as is not None, credited_as, shares)
