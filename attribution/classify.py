"""Stage 6: labels for every sentence, and the verdict.

Derivative sentences: ``credit`` by role; ``verbatim`` when copied runs cover it or
it is within a few edits of its sources; ``added`` when nothing in the source
supports it (low similarity, mostly words the source never uses, or a claim hung on
unnamed speakers the source does not cite); ``paraphrase`` otherwise.
Source sentences: ``boilerplate`` by role, ``used`` when the derivative draws on
them, ``omitted`` when it does not.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from . import thresholds as T
from .align import Side
from .lexicon import content_stems
from .records import (
    Alignment,
    Attribution,
    DerivativeLabel,
    Role,
    SentenceMatch,
    Shares,
    SourceLabel,
    Verdict,
)
from .textfold import plain


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


def label_derivative(
    source: Side,
    derivative: Side,
    alignment: Alignment,
    attributions: Sequence[Attribution],
) -> tuple[DerivativeLabel, ...]:
    novel = novelty(source, derivative)
    unnamed = {a.sentence for a in attributions}
    labels = []
    for s, match in zip(derivative.sentences, alignment.matches, strict=True):
        if not s.role.is_story:
            labels.append(DerivativeLabel.CREDIT)
        elif _verbatim(s.text, match, source):
            labels.append(DerivativeLabel.VERBATIM)
        elif not _supported(match, novel[s.index]):
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


def _supported(match: SentenceMatch, novel: float) -> bool:
    if not match.sources:
        return False
    if novel > T.NOVEL_SHARE and match.cosine < T.NOVEL_MAX_COSINE:
        return False
    if match.cosine >= T.SUPPORTED_COSINE:
        return True
    return match.cosine >= T.WEAK_COSINE and (match.lexical >= T.WEAK_LEXICAL or match.coverage >= T.WEAK_COVERAGE)


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
    copied = {s.index for s in source.sentences for r in alignment.runs if s.start <= r.source_start < s.end}
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


def verdict(derivative: Side, labels: Sequence[DerivativeLabel], credited_as: str | None) -> Verdict:
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
    derived = shares.verbatim + shares.paraphrase >= T.DERIVED_SHARE
    return Verdict(derived, credited_as is not None, credited_as, shares)
