"""Source sentences whose distinctive facts a derivative sentence carries.

Alignment (``core.align``) names a derivative sentence's sources by meaning and shared words: the
best candidate, then any other that adds several content words. A sentence that fuses two source
sentences often takes a single fact from the second: a number ("workforce by 335" from "The
project will create 335 new jobs."), a name ("The Poland-based company" from "Headquartered in
Poczesna, Poland, ..."), a day ("last Wednesday"). One word is too little for the word-gain rule,
so the second sentence goes unnamed and comes out ``omitted``. And a rewording that keeps a source
sentence's number in other words ("Approximately 350 employees will be laid off" from "The plant
closing will affect approximately 350 team members.") falls under the support cut and is labelled
``added``, so the sentence it retells is not used either. Both draw on that source sentence: the
fact is there, and in at most one other source sentence.

A fact is distinctive when at most ``CARRIED_MAX_HOLDERS`` of the source's story sentences state it:
a number by value, within the rounding it is written to (``core.quantities``; not a bare year, and at
least ``CARRIED_MIN_NUMBER``, as small counts recur), or a weekday; for a sentence labelled verbatim
or paraphrase also a content word that is a name (capitalised inside a sentence that is not written
in title case; a month alone is not one) or rare in the derivative's language (Zipf frequency at most
``CARRIED_MAX_ZIPF``, ``core.wordfrequency``). An added sentence names the story's people and places
in claims of its own, so only its numbers and days count. A sentence carries, for each of its
distinctive facts, the one source sentence it comes from: a sentence it already names if one states
it, else the holder of which it carries the largest share of content words. ``with_carried`` then
makes the omitted ones ``used`` (derived texts only: an independent report uses a source sentence
only by copying it). A cosine plays no part: two sentences on one story sit close in meaning without
sharing a fact.

Written here rather than taken from a library: it reads the pipeline's own numbers, stems and word
frequencies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from ..core import thresholds as T
from .lexicon import MONTHS, WEEKDAYS, content_stems, stem, stop_words
from .quantities import Quantity, quantities
from .records import DerivativeLabel, DerivativeSentence, SourceLabel, SourceSentence
from .text import PreparedText
from .wordfrequency import zipf

_JUDGED = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE, DerivativeLabel.ADDED)


@dataclass(frozen=True)
class _Facts:
    numbers: tuple[Quantity, ...]
    words: frozenset[str]
    """Content stems."""


def carried_sources(
    source: PreparedText,
    derivative: PreparedText,
    sentences: Sequence[DerivativeSentence],
    language: str | None = None,
) -> dict[int, frozenset[int]]:
    """For each derivative story sentence, the source sentences whose distinctive facts it carries.

    ``language``: the derivative's (None: not identified, read as English).
    """
    held = [
        _facts(source, j, language) if s.role.is_story else _Facts((), frozenset())
        for j, s in enumerate(source.sentences)
    ]
    found: dict[int, frozenset[int]] = {}
    for d in sentences:
        if not d.sentence.role.is_story or d.label not in _JUDGED:
            continue
        i = d.sentence.index
        mine = set(content_stems(list(derivative.words_of(i)), language))
        chosen: set[int] = set()
        drawn = d.label is not DerivativeLabel.ADDED
        for holders in _holders(derivative, i, held, drawn, language):
            if not holders or len(holders) > T.CARRIED_MAX_HOLDERS:
                continue
            named = [j for j in holders if j in d.sources]
            chosen.add(named[0] if named else max(holders, key=lambda j: (_share(mine, held[j].words), -j)))
        if chosen:
            found[i] = frozenset(chosen)
    return found


def with_carried(
    sentences: Sequence[DerivativeSentence],
    judged: Sequence[SourceSentence],
    carried: Mapping[int, AbstractSet[int]],
) -> tuple[tuple[DerivativeSentence, ...], tuple[SourceSentence, ...]]:
    """Omitted source sentences that a derivative sentence carries a distinctive fact of, made ``used``.

    The derivative sentence names each of them after the sources alignment chose, so that ``used``
    still means a derivative sentence names it. Sentences already used keep their own sources: the
    rule fills what alignment left out, it does not second-guess it.
    """
    omitted = {s.sentence.index for s in judged if s.label is SourceLabel.OMITTED}
    now_used = {j for js in carried.values() for j in js if j in omitted}
    named = tuple(
        replace(d, match=replace(d.match, sources=(*d.sources, *sorted(extra))))
        if (extra := (carried.get(d.sentence.index, frozenset()) & now_used) - set(d.sources))
        else d
        for d in sentences
    )
    labelled = tuple(replace(s, label=SourceLabel.USED) if s.sentence.index in now_used else s for s in judged)
    return named, labelled


def _holders(
    derivative: PreparedText, i: int, held: Sequence[_Facts], drawn: bool, language: str | None
) -> Iterator[list[int]]:
    """For each fact of derivative sentence ``i`` that may be distinctive, the source sentences that state it.

    Numbers and days for every sentence; names and rare words only for a sentence drawn from the source
    (an added one names the story's people and places in claims of its own).
    """
    s = derivative.sentences[i]
    for q in quantities(derivative.text, s.start, s.end):
        if q.year or q.value < T.CARRIED_MIN_NUMBER:
            continue
        yield [j for j, f in enumerate(held) if any(_same_number(q, k) for k in f.numbers)]
    words = _distinctive_words(derivative, i, language) if drawn else set()
    words |= {stem(w.text.removesuffix("'s")) for w in derivative.words_of(i) if w.text.removesuffix("'s") in WEEKDAYS}
    for word in sorted(words):
        yield [j for j, f in enumerate(held) if word in f.words]


def _same_number(a: Quantity, b: Quantity) -> bool:
    """The same value within the rounding either implies (a hedge does not stretch it: "over 300" is not 335)."""
    if a.year or b.year or a.unit != b.unit:
        return a.value == b.value and a.unit == b.unit
    return abs(a.value - b.value) <= 0.5 * max(a.step, b.step) + 1e-9 * max(abs(a.value), 1.0)


def _distinctive_words(derivative: PreparedText, i: int, language: str | None) -> set[str]:
    """Stems of the sentence's names and rare words (each part of a hyphenated word: "Poland-based")."""
    stops = stop_words(language)
    parts = [p for w in derivative.words_of(i) for p in _parts(w.text, w.start)]
    parts = [(p, at) for p, at in parts if p not in stops and len(p) > 2 and p.isalpha()]
    # Folding can change a word's length (a ligature), so a later part's offset is checked.
    capitalised = [at < len(derivative.text) and derivative.text[at].isupper() for _, at in parts]
    title_case = sum(capitalised) * 2 > len(parts)
    found = set()
    for (part, at), upper in zip(parts, capitalised, strict=True):
        # A month alone recurs across a story's dates (its day is the number).
        is_name = upper and not title_case and at > derivative.sentences[i].start and part not in MONTHS
        frequency = zipf(part, language)
        if is_name or (frequency is not None and frequency <= T.CARRIED_MAX_ZIPF):
            found.add(stem(part))
    return found


def _parts(word: str, start: int) -> list[tuple[str, int]]:
    """A word's hyphen-separated parts with their offsets (a possessive ending dropped)."""
    found = []
    for part in word.removesuffix("'s").split("-"):
        found.append((part, start))
        start += len(part) + 1
    return found


def _facts(text: PreparedText, j: int, language: str | None) -> _Facts:
    s = text.sentences[j]
    numbers = tuple(quantities(text.text, s.start, s.end))
    stems = set(content_stems(list(text.words_of(j)), language))
    stems |= {stem(p) for w in text.words_of(j) if "-" in w.text for p, _ in _parts(w.text, w.start) if p}
    return _Facts(numbers, frozenset(stems))


def _share(mine: set[str], theirs: frozenset[str]) -> float:
    return len(mine & theirs) / max(len(theirs), 1)
