"""Passages: maximal stretches of the derivative aligned to one stretch of the source.

A reused passage shows as a run of derivative sentences drawn from the source whose
sources sit close together and move forward (PAN's "plagiarism cases", METER's reused
stretches). Sentences are chained while each next drawn sentence follows within
``PASSAGE_GAP_SENTENCES`` in the derivative and its sources lie within
``PASSAGE_SOURCE_WINDOW`` sentences of the passage's source stretch; copied runs
of ``RUN_NAMES_SOURCE_WORDS`` words or more that no drawn sentence holds (a copied
clause inside an otherwise added sentence) seed passages too.

Disguised reuse (words shuffled and swapped, machine-translated) breaks those chains:
its sentences fall under the support cut and are labelled added. Seed and extend
(``seeds.py``) finds it from the words the sentences still share; each cluster it
validates becomes one passage, taking in the label-based passages it overlaps; the
sentences of label-based passages that are already reuse on their own give no seeds.

A summary breaks them too: its sentences are drawn from the source, but each condenses
several source sentences and the next one jumps elsewhere in the source.
``summaries.py`` finds runs of such sentences; each becomes one ``summary`` passage the
same way.

Written here rather than taken from a library: the chaining reads the pipeline's own
sentence labels and sources; the text-alignment libraries (e.g. PAN baselines) work
on raw n-gram seeds and would redo the alignment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core import thresholds as T
from .classify import is_reused_passage
from .records import CopiedRun, DerivativeLabel, DerivativeSentence, Passage, PassageKind
from .seeds import Cluster, seed_clusters
from .summaries import summary_runs
from .text import PreparedText

_DRAWN = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)


def find_passages(
    source: PreparedText,
    derivative: PreparedText,
    sentences: Sequence[DerivativeSentence],
    runs: Sequence[CopiedRun],
    quoted: Sequence[tuple[int, int]] = (),
    holds_sentence: Callable[[int], bool] | None = None,
    language: str | None = None,
) -> tuple[Passage, ...]:
    """The passages of the derivative, in reading order.

    ``quoted`` are the derivative's quotations found in the source (as they are or altered): a run inside one is
    the speaker's words, which two independent reports of one press conference share, so
    it does not count as a passage's longest run. ``holds_sentence``: with several sources,
    the source sentences of the one whose passages these are. ``language``: the derivative's, whose stop
    words are no content words.
    """
    runs = [r for r in runs if not any(a <= r.derivative_start and r.derivative_end <= b + 1 for a, b in quoted)]
    drawn = [d for d in sentences if d.label in _DRAWN and d.sources]
    groups: list[list[DerivativeSentence]] = []
    for d in drawn:
        if groups and _continues(groups[-1], d):
            groups[-1].append(d)
        else:
            groups.append([d])
    passages = [_passage(source, derivative, group, runs) for group in groups]
    held = {d.index for d in drawn}
    for run in runs:
        at = derivative.sentence_at(run.derivative_start)
        if run.words >= T.RUN_NAMES_SOURCE_WORDS and at is not None and at not in held:
            src = source.sentence_at(run.source_start)
            passages.append(
                Passage(
                    run.derivative_start,
                    run.derivative_end,
                    run.source_start,
                    run.source_end,
                    (at,),
                    (src,) if src is not None else (),
                    PassageKind.VERBATIM,
                    run.words,
                    0.0,
                    run.words,
                )
            )
    for cluster in seed_clusters(source, derivative, holds_sentence, _shown(passages), language):
        passages = _absorbed(source, derivative, sentences, runs, cluster, passages)
    for condensed in summary_runs(source, derivative, sentences, holds_sentence, _shown(passages), language):
        summary = Cluster(condensed.sentences, condensed.sources, 0, condensed.coverage)
        passages = _absorbed(source, derivative, sentences, runs, summary, passages, PassageKind.SUMMARY)
    return tuple(sorted(passages, key=lambda p: (p.derivative_start, p.source_start)))


def _shown(passages: Sequence[Passage]) -> list[int]:
    """The derivative sentences inside passages that are already reuse on their own."""
    return [i for p in passages if is_reused_passage(p) for i in range(p.sentences[0], p.sentences[-1] + 1)]


def _absorbed(
    source: PreparedText,
    derivative: PreparedText,
    sentences: Sequence[DerivativeSentence],
    runs: Sequence[CopiedRun],
    cluster: Cluster,
    passages: list[Passage],
    kind: PassageKind | None = None,
) -> list[Passage]:
    """``passages`` with the cluster's passage in place of those it overlaps in the derivative.

    ``kind``: the passage's kind when its sentences' labels do not decide it (a summary run).
    """
    first, last = cluster.sentences[0], cluster.sentences[-1]
    inside = [p for p in passages if any(first <= i <= last for i in p.sentences)]
    rest = [p for p in passages if p not in inside]
    members = sorted(set(cluster.sentences).union(*(p.sentences for p in inside)))
    group = [sentences[i] for i in members]
    sources = sorted(set(cluster.sources).union(*(p.sources for p in inside)))
    start = min([derivative.sentences[members[0]].start, *(p.derivative_start for p in inside)])
    end = max([derivative.sentences[members[-1]].end, *(p.derivative_end for p in inside)])
    source_start = min([source.sentences[sources[0]].start, *(p.source_start for p in inside)])
    source_end = max([source.sentences[sources[-1]].end, *(p.source_end for p in inside)])
    merged = Passage(
        start,
        end,
        source_start,
        source_end,
        tuple(members),
        tuple(sources),
        kind or _kind(group),
        sum(b - a for d in group for a, b in [derivative.sentence_words[d.index]]),
        round(sum(d.support for d in group), 4),
        max(
            [*(r.words for r in runs if start <= r.derivative_start < end), *(p.longest_run for p in inside)], default=0
        ),
        cluster.seeds,
        cluster.similarity,
    )
    return [*rest, merged]


def _kind(group: Sequence[DerivativeSentence]) -> PassageKind:
    labels = {d.label for d in group}
    if labels == {DerivativeLabel.VERBATIM}:
        return PassageKind.VERBATIM
    if labels == {DerivativeLabel.PARAPHRASE}:
        return PassageKind.PARAPHRASE
    if not labels & set(_DRAWN):
        return PassageKind.OBFUSCATED
    return PassageKind.MIXED


def _continues(group: list[DerivativeSentence], d: DerivativeSentence) -> bool:
    if d.index - group[-1].index > T.PASSAGE_GAP_SENTENCES + 1:
        return False
    low = min(j for g in group for j in g.sources)
    high = max(j for g in group for j in g.sources)
    return any(low - T.PASSAGE_SOURCE_WINDOW <= j <= high + T.PASSAGE_SOURCE_WINDOW for j in d.sources)


def _passage(
    source: PreparedText, derivative: PreparedText, group: list[DerivativeSentence], runs: Sequence[CopiedRun]
) -> Passage:
    sources = sorted({j for d in group for j in d.sources})
    start, end = group[0].sentence.start, group[-1].sentence.end
    inside = [r.words for r in runs if start <= r.derivative_start < end]
    return Passage(
        start,
        end,
        min(source.sentences[j].start for j in sources),
        max(source.sentences[j].end for j in sources),
        tuple(d.index for d in group),
        tuple(sources),
        _kind(group),
        sum(b - a for d in group for a, b in [derivative.sentence_words[d.index]]),
        round(sum(d.support for d in group), 4),
        max(inside, default=0),
    )
