"""The support model's training rows, and the product's labelling rules replayed on them.

A refit of ``SUPPORT_WEIGHTS`` changes only each sentence's support probability, yet
scoring it through ``attrib eval`` reruns the pipeline over MRPC train and XSumFaith
(minutes on two cores, and once per cross-validation fold). So each pair runs once
(``collect``): for every derivative sentence we keep its ``Evidence`` and what the
labelling rules read besides support (role, verbatim, split-off part of a source
sentence, a claim hung on unnamed speakers), and, for XSumFaith's prediction, what a
different label changes downstream (a phrase detail is reported only in a sentence
drawn from the source; a changed fact only in an aligned one). ``labels`` replays
``core.classify.judge_derivative``'s rules in its order; ``mrpc_outcome`` and
``xsum_outcome`` replay ``accuracy.corpora``'s predictions. With the stored weights
they give exactly what ``attrib eval --corpus`` gives (``benchmarks/calibrate.py``
checks it on every run; ``tests/test_support_rows.py`` on small pairs), so scores
of a refit, cross-validated, are the product's own.

The private helpers of ``classify`` and ``facts`` are imported on purpose: this
module must decide as they do, not as a copy of them would.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..checks import facts
from ..checks.facts import sentence_conflicts
from ..checks.phrases import find_added_phrases
from ..checks.variants import name_variants
from ..core import classify
from ..core import thresholds as T
from ..core.evidence import Evidence
from ..core.records import DerivativeLabel, DerivativeSentence, DetailKind, FactChange, Role
from ..core.report import Report
from ..core.text import TextStore
from ..embedding import Embedder
from .corpora import Item, mrpc_prediction, run_items, xsum_prediction


@dataclass(frozen=True)
class SentenceRow:
    """One derivative sentence: what the labelling rules read, and what its label changes downstream."""

    story: bool
    subhead: bool
    sourced: bool
    """It has source sentences (support is 0 without)."""
    copied: bool
    """Some of its words are inside copied runs (an unsupported subhead is credit only without)."""
    verbatim: bool
    contained: bool
    """Part of one longer source sentence (``classify._contained``): supported whatever its support."""
    unnamed: bool
    """A claim hung on unnamed speakers the source does not cite: added whatever its support."""
    evidence: tuple[float, ...]
    """``Evidence.values()``."""
    phrase_if_drawn: bool
    """A phrase detail is found in it when it is labelled verbatim or paraphrase."""
    changed_if_aligned: bool
    """A changed fact is found in it when it is aligned (``facts._aligned``)."""
    aligned_if_added: bool
    """Labelled added, it still counts as aligned (it shares most of its source's words)."""
    text: str
    source_text: str
    """Its source sentences, joined (for candidate features)."""


@dataclass(frozen=True)
class PairRows:
    id: str
    group: str
    label: str
    rows: tuple[SentenceRow, ...]
    details: bool
    """Added names, numbers, dates or places (reported whatever the labels)."""
    misattributed: bool
    """A quotation given to another speaker (a changed fact whatever the labels)."""
    predicted: tuple[str, str, bool]
    """What ``attrib eval`` predicted with the stored weights (MRPC, XSumFaith, a changed fact): checks the replay."""


def pair_rows(item: Item, report: Report, embedder: Embedder, store: TextStore | None = None) -> PairRows:
    """The rows of one audited pair (``report`` is ``compare``'s for ``item``)."""
    store = store or TextStore()
    source, derivative = store.get(report.source.text), store.get(report.derivative.text)
    variants = name_variants(source, derivative, embedder.encode)
    matches = [d.match for d in report.derivative_sentences]
    # Stop words and word rarity in the derivative's language, as compare read them.
    language = report.languages.derivative if report.languages else None
    conflicts = sentence_conflicts(source, derivative, matches, variants, language)
    taken = [d for d in report.added_details if d.kind != DetailKind.PHRASE]
    unnamed = {a.sentence for a in report.attributions}
    quoted = [(q.start, q.end) for q in report.quotes]
    rows = []
    for d, changed in zip(report.derivative_sentences, conflicts, strict=True):
        s, m = d.sentence, d.match
        as_added = DerivativeSentence(s, m, d.evidence, d.support, DerivativeLabel.ADDED)
        rows.append(
            SentenceRow(
                story=s.role.is_story,
                subhead=s.role == Role.SUBHEAD,
                sourced=bool(m.sources),
                copied=bool(m.coverage),
                verbatim=classify._verbatim(s.text, m, source)
                or classify.quoted_verbatim(derivative, s.index, report.quotes),
                contained=classify._contained(derivative, s.index, m, source, language),
                unnamed=s.index in unnamed,
                evidence=d.evidence.values(),
                phrase_if_drawn=bool(
                    find_added_phrases(
                        source,
                        derivative,
                        [s.index],
                        taken,
                        quoted=quoted,
                        language=language,
                        sources={s.index: m.sources},
                    )
                ),
                changed_if_aligned=bool(changed),
                aligned_if_added=facts._aligned(as_added),
                text=s.text,
                source_text=" ".join(source.sentences[j].text for j in m.sources),
            )
        )
    misattributed = any(f.kind == FactChange.QUOTE_MISATTRIBUTED for f in report.changed_facts)
    predicted = (mrpc_prediction(report), xsum_prediction(report), bool(report.changed_facts))
    return PairRows(item.id, item.group, item.label, tuple(rows), bool(taken), misattributed, predicted)


def collect(items: Sequence[Item], embedder: Embedder) -> list[PairRows]:
    """Every item through the pipeline once, as rows."""
    reports = run_items(list(items), embedder)
    store = TextStore()
    return [pair_rows(i, r, embedder, store) for i, r in zip(items, reports, strict=True)]


def stored_support(row: SentenceRow) -> float:
    """The support the pipeline gives with the stored weights."""
    if not row.sourced:
        return 0.0
    return _same_meaning_floor(row, T.probability(T.SUPPORT_WEIGHTS, Evidence.names(), row.evidence))


def _same_meaning_floor(row: SentenceRow, p: float) -> float:
    """``classify.support``'s floor where the model reads the same meaning, for any fitted support ``p``."""
    return max(p, T.SAME_MEANING_SUPPORT) if row.evidence[_COSINE] >= T.SAME_MEANING_COSINE else p


_COSINE = Evidence.names().index("cosine")


def labels(rows: Sequence[SentenceRow], support: Sequence[float], threshold: float) -> list[DerivativeLabel]:
    """``judge_derivative``'s labels for these sentences with these support probabilities (the fitted
    model's; ``classify.support``'s floor for the same meaning is applied here)."""
    out = []
    for row, p in zip(rows, support, strict=True):
        p = _same_meaning_floor(row, p) if row.sourced else 0.0
        if not row.story or (row.subhead and p < threshold and not row.copied):
            out.append(DerivativeLabel.CREDIT)  # by role, or an unsupported subhead the rewrite added
        elif row.verbatim:
            out.append(DerivativeLabel.VERBATIM)
        elif (p < threshold and not row.contained) or row.unnamed:
            out.append(DerivativeLabel.ADDED)
        else:
            out.append(DerivativeLabel.PARAPHRASE)
    return out


_DRAWN = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)


def mrpc_outcome(pair: PairRows, support: Sequence[float], threshold: float) -> bool:
    """``corpora.mrpc_prediction``: a paraphrase unless half its story sentences or more are added."""
    story = [label for row, label in zip(pair.rows, labels(pair.rows, support, threshold), strict=True) if row.story]
    added = sum(1 for label in story if label == DerivativeLabel.ADDED)
    return bool(story) and added * 2 < len(story)


def xsum_outcome(pair: PairRows, support: Sequence[float], threshold: float) -> tuple[bool, bool]:
    """``corpora.xsum_prediction`` (extrinsic: an added sentence or an added detail) and whether a fact changed."""
    found = list(zip(pair.rows, labels(pair.rows, support, threshold), strict=True))
    extrinsic = (
        pair.details
        or any(label == DerivativeLabel.ADDED for _, label in found)
        or any(row.phrase_if_drawn and label in _DRAWN for row, label in found)
    )
    changed = pair.misattributed or any(
        row.changed_if_aligned
        and row.story
        and row.sourced
        and (label in _DRAWN or (label == DerivativeLabel.ADDED and row.aligned_if_added))
        for row, label in found
    )
    return extrinsic, changed


def replay_disagreements(pairs: Sequence[PairRows]) -> list[str]:
    """Pairs whose replay with the stored weights differs from what the pipeline predicted (none, unless the
    labelling rules changed without this module)."""
    wrong = []
    for p in pairs:
        support = [stored_support(r) for r in p.rows]
        extrinsic, changed = xsum_outcome(p, support, T.SUPPORT_THRESHOLD)
        replayed = (
            "1" if mrpc_outcome(p, support, T.SUPPORT_THRESHOLD) else "0",
            "extrinsic" if extrinsic else "faithful",
        )
        if (*replayed, changed) != p.predicted:
            wrong.append(p.id)
    return wrong


def save(pairs: Sequence[PairRows], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump([asdict(p) for p in pairs], handle)


def load(path: Path) -> list[PairRows]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = json.load(handle)
    return [
        PairRows(
            p["id"],
            p["group"],
            p["label"],
            tuple(SentenceRow(**{**r, "evidence": tuple(r["evidence"])}) for r in p["rows"]),
            p["details"],
            p["misattributed"],
            tuple(p["predicted"]),
        )
        for p in raw
    ]
