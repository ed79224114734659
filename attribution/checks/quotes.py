"""Quotations: found in both texts, and each derivative quotation checked against the source.

A quotation in the derivative ``matches`` when the source has the same words inside
quotation marks, is ``altered`` when the source quotes it with words changed,
``unquoted_in_source`` when the words are in the source but not as a quotation, and
``not_in_source`` otherwise. A quotation nested in another (the speaker quoting a phrase)
is found when its words are anywhere in the source. Spelling variants (destabilizing/destabilising) align
at a high partial ratio, so they come out altered or matching, never missing.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from ..core import thresholds as T
from ..core.lexicon import stem, stop_words
from ..core.records import Quote, QuoteStatus, SentenceMatch
from ..core.text import PreparedText
from ..core.textfold import Folded, Word, fold, words
from .quotation_marks import QuoteSpan, find_quotations

_WINDOWS = 8
"""How many places in the source a quotation is aligned against: those where most of its content words gather."""


class SourceIndex:
    """The source, folded once, for looking quotations up."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded: Folded = fold(text)
        self.words: list[Word] = words(text, self.folded)
        self.quotes = find_quotations(text)
        # How many quotations cover each character, summed: any span's quoted share in O(1).
        coverage = np.zeros(len(text) + 1, dtype=np.int64)
        for q in self.quotes:
            coverage[q.start] += 1
            coverage[q.end] -= 1
        self._quoted_before = np.concatenate(([0], np.cumsum(np.cumsum(coverage)[:-1])))
        self._positions: dict[str, list[int]] = {}
        for k, w in enumerate(self.words):
            self._positions.setdefault(w.text, []).append(k)
        # Words as integer ids, so a quotation's occurrences are found by array comparisons:
        # an article of 10,000 quotations of common words must not cost quotations x occurrences in Python.
        ids = {t: n for n, t in enumerate(self._positions)}
        self._ids = ids
        self._exact: dict[tuple[str, ...], tuple[tuple[int, int] | None, tuple[int, int] | None]] = {}
        self._word_ids = np.array([ids[w.text] for w in self.words], dtype=np.int64)
        self._position_arrays = {t: np.array(p, dtype=np.int64) for t, p in self._positions.items()}
        self._starts_array = np.array([w.start for w in self.words], dtype=np.int64)
        self._ends_array = np.array([w.end for w in self.words], dtype=np.int64)
        self.spaced = " ".join(self.folded.text.split())
        self._spaced_origin = _spaced_origin(self.folded)
        self._spaced_at = [-1] * (len(text) + 1)
        for i, o in enumerate(self._spaced_origin):
            if self._spaced_at[o] < 0:
                self._spaced_at[o] = i
        self._spaced_at_array = np.array(self._spaced_at, dtype=np.int64)
        self._word_starts = [w.start for w in self.words]
        self._word_ends = [w.end for w in self.words]

    def exact(self, tokens: list[str]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """Where the word sequence first occurs exactly, and where it first occurs inside quotation marks.

        Vectorised over the occurrences of its rarest word, and remembered per word
        sequence: 10,000 quotations of common words cost 25 s as quotations x occurrences.
        """
        key = tuple(tokens)
        if key not in self._exact:
            self._exact[key] = self._find_exact(tokens)
        return self._exact[key]

    def _find_exact(self, tokens: list[str]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        if not tokens or any(t not in self._ids for t in tokens):
            return None, None
        size = len(tokens)
        anchor = min(range(size), key=lambda j: (len(self._positions[tokens[j]]), j))
        starts = self._position_arrays[tokens[anchor]] - anchor
        starts = starts[(starts >= 0) & (starts + size <= len(self.words))]
        for j, t in enumerate(tokens):
            if starts.size:
                starts = starts[self._word_ids[starts + j] == self._ids[t]]
        if not starts.size:
            return None, None
        begin, finish = self._starts_array[starts], self._ends_array[starts + size - 1]
        first = (int(begin[0]), int(finish[0]))
        inside = self._quoted_before[finish] - self._quoted_before[begin]
        quoted = np.flatnonzero(inside >= 0.5 * (finish - begin))
        return first, ((int(begin[quoted[0]]), int(finish[quoted[0]])) if quoted.size else None)

    def fuzzy(self, needle: str, tokens: list[str], stops: frozenset[str]) -> tuple[float, int, int]:
        """Best partial alignment of ``needle`` in the source: (score 0..1, start, end).

        Aligned only in windows around the source's occurrences of the quotation's
        content words: a quotation sharing none of them cannot score as altered, and a
        long source is not scanned whole for every quotation. ``stops``: the stop words, no content words.
        """
        # Sorted, never a set: a tie between two equally rare words must not follow the process's hash seed.
        anchors = sorted({t for t in tokens if len(t) >= 4 and t not in stops and t in self._positions})
        if not needle or not anchors:
            return 0.0, 0, 0
        at = {t: self._spaced_at_array[self._starts_array[self._position_arrays[t]]] for t in anchors}
        reach = len(needle) + 8
        # The windows where most of the quotation's content words gather, a handful at most:
        # for each place of the rarest word, how many content words occur within reach (vectorised).
        rarest = at[min(anchors, key=lambda t: (len(at[t]), t))]
        gathered = np.zeros(len(rarest), dtype=np.int64)
        for places in at.values():
            within = np.searchsorted(places, rarest + reach, "right") - np.searchsorted(places, rarest - reach, "left")
            gathered += within > 0
        ranked = [int(rarest[k]) for k in np.lexsort((rarest, -gathered))]
        best = (0.0, 0, 0)
        for p in ranked[:_WINDOWS]:
            a, b = max(0, p - reach), min(len(self.spaced), p + reach)
            hit = fuzz.partial_ratio_alignment(needle, self.spaced[a:b])
            if hit is not None and hit.dest_end > hit.dest_start and hit.score > best[0]:
                best = (hit.score, a + hit.dest_start, a + hit.dest_end)
        score, first, last = best
        if score <= 0:
            return 0.0, 0, 0
        start = self._spaced_origin[first]
        end = self._spaced_origin[last - 1] + 1
        # Snap to whole words: the alignment may cut a word at either edge.
        lo = bisect.bisect_right(self._word_ends, start)
        hi = bisect.bisect_left(self._word_starts, end)
        if lo < hi:
            start, end = min(start, self.words[lo].start), max(end, self.words[hi - 1].end)
        return score / 100.0, start, end

    def quoted_share(self, start: int, end: int) -> float:
        """How much of the source span [start, end) lies inside quotation marks."""
        if end <= start:
            return 0.0
        return float(self._quoted_before[end] - self._quoted_before[start]) / (end - start)


def _quotation_words(source: SourceIndex) -> list[tuple[QuoteSpan, list[str]]]:
    return [(q, [w.text for w in words(source.text[q.start : q.end])]) for q in source.quotes]


def _one_word_changed(tokens: list[str], source: SourceIndex) -> tuple[int, int] | None:
    """A source quotation of three words or more that the quotation repeats with one word changed."""
    if len(tokens) < 3:
        return None  # "hostile policy" for "hostile nature" is another quotation
    for q, theirs in _quotation_words(source):
        if len(theirs) == len(tokens) and sum(a != b for a, b in zip(tokens, theirs, strict=True)) == 1:
            return q.start, q.end
    return None


def _spun(tokens: list[str], source: SourceIndex, stops: frozenset[str]) -> tuple[int, int] | None:
    """The one source quotation whose content words the quotation mostly keeps, its other words swapped.

    A quotation "spun" with synonyms scores under the alignment cut, yet keeps most
    content words of one source quotation, in the same order: that is an altered
    quotation, not an invented one.
    """
    mine = [stem(t) for t in tokens if t not in stops and len(t) > 2]
    if len(mine) < T.QUOTE_SPUN_MIN_WORDS:
        return None
    best: tuple[float, tuple[int, int]] | None = None
    for q, theirs in _quotation_words(source):
        kept = [stem(t) for t in theirs if t not in stops and len(t) > 2]
        in_order = Indel.opcodes(kept, mine)
        shared = sum(op.dest_end - op.dest_start for op in in_order if op.tag == "equal")
        share = shared / len(mine)
        if shared >= T.QUOTE_SPUN_MIN_WORDS and share >= T.QUOTE_SPUN_SHARE and (best is None or share > best[0]):
            best = (share, (q.start, q.end))
    return None if best is None else best[1]


def _same_words(quoted: list[str], found: list[str]) -> bool:
    """The same words, allowing only spelling variants (destabilizing/destabilising)."""
    for op in Levenshtein.opcodes(found, quoted):
        if op.tag == "equal":
            continue
        a, b = found[op.src_start : op.src_end], quoted[op.dest_start : op.dest_end]
        if len(a) != len(b) or not all(_spelling_variant(x, y) for x, y in zip(a, b, strict=True)):
            return False
    return True


def _spelling_variant(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= 5 and a[:4] == b[:4] and fuzz.ratio(a, b) >= T.SPELLING_VARIANT * 100


def _spaced_origin(folded: Folded) -> list[int]:
    """Origin of each character of the white-space-collapsed folded text."""
    origin: list[int] = []
    pending_space = False
    for ch, o in zip(folded.text, folded.origin, strict=True):
        if ch.isspace():
            pending_space = bool(origin)
            continue
        if pending_space:
            origin.append(o)
            pending_space = False
        origin.append(o)
    return origin


def check_quotes(
    derivative: PreparedText,
    source: PreparedText,
    language: str | None = None,
    matches: Sequence[SentenceMatch] = (),
) -> tuple[Quote, ...]:
    """Every quotation of the derivative, against the source's quotations and words.

    ``language``: the derivative's, as ``checks.language`` detects it (None: not identified); its stop
    words are not the content words a quotation is looked for by. ``matches``: the alignment of each
    derivative sentence (``core.align``), for a quotation whose every word was swapped (``_in_place``).
    """
    stops = stop_words(language)
    index = source.derived("quotes.index", lambda prepared: SourceIndex(prepared.text))
    starts = derivative.starts
    word_starts = [w.start for w in derivative.words]
    spans = find_quotations(derivative.text)
    result = []
    for span in spans:
        text = derivative.text[span.start : span.end]
        # The quotation's words as folded in the whole text, as the source's are: a look-alike
        # letter is folded by its context, and the quotation alone may lack that context.
        first = bisect.bisect_left(word_starts, span.start)
        last = bisect.bisect_left(word_starts, span.end)
        tokens = [w.text for w in derivative.words[first:last] if w.end <= span.end]
        if not tokens:
            continue
        sentence = max(0, bisect.bisect_right(starts, span.start) - 1)
        status, score, src = _status(text, tokens, index, stops)
        if span.nested and status is QuoteStatus.UNQUOTED_IN_SOURCE:
            # The speaker's marks inside a quotation: the source may set them as italics or none at all;
            # the outer quotation is what the writer claims was said, and is checked as such.
            status = QuoteStatus.MATCHES
        if status is QuoteStatus.NOT_IN_SOURCE and sentence < len(matches):
            placed = _in_place(span, derivative, spans, matches[sentence], source, index)
            if placed is not None:
                status, src = QuoteStatus.ALTERED, placed
        result.append(Quote(span.start, span.end, text, sentence, status, src[0], src[1], round(score, 4)))
    return tuple(result)


def _in_place(
    span: QuoteSpan,
    derivative: PreparedText,
    spans: Sequence[QuoteSpan],
    match: SentenceMatch,
    source: PreparedText,
    index: SourceIndex,
) -> tuple[int, int] | None:
    """The source quotation this one stands in place of, when every word was swapped.

    A spun copy rewrites a sentence quotation and all ("the situation was "intense"" for "the
    situation was "severe""): the words share nothing, but the sentence says what one source
    sentence says (cosine at least ``QUOTE_IN_PLACE_COSINE``) and holds as many quotations as its
    sources do, so this one is the altered form of the source quotation in the same place.
    """
    if not match.sources or match.cosine < T.QUOTE_IN_PLACE_COSINE:
        return None
    here = derivative.sentences[match.sentence]
    mine = [q for q in spans if here.start <= q.start < here.end]
    theirs = [
        q
        for j in sorted(match.sources)
        for q in index.quotes
        if source.sentences[j].start <= q.start < source.sentences[j].end
    ]
    if len(mine) != len(theirs) or span not in mine:
        return None
    paired = theirs[mine.index(span)]
    # Word for word: a short quotation swapped for as many words. A longer one in other words is invented,
    # whatever it stands beside ("called the cuts "a betrayal of every reader"" for "said the cuts "fall
    # hardest on the families who can least afford them"").
    sizes = [len(words(text[q.start : q.end])) for text, q in ((derivative.text, span), (source.text, paired))]
    if max(sizes) > T.QUOTE_IN_PLACE_MAX_WORDS or sizes[0] != sizes[1]:
        return None
    return paired.start, paired.end


def _status(
    text: str, tokens: list[str], source: SourceIndex, stops: frozenset[str]
) -> tuple[QuoteStatus, float, tuple[int | None, int | None]]:
    first, quoted = source.exact(tokens)
    if quoted is not None:
        return QuoteStatus.MATCHES, 1.0, quoted
    if first is not None:
        return QuoteStatus.UNQUOTED_IN_SOURCE, 1.0, first
    if len(tokens) < T.QUOTE_MIN_WORDS_FUZZY:
        near = _one_word_changed(tokens, source)
        if near is not None:
            return QuoteStatus.ALTERED, 0.0, near
        return QuoteStatus.NOT_IN_SOURCE, 0.0, (None, None)
    score, start, end = source.fuzzy(" ".join(fold(text).text.split()), tokens, stops)
    found = {w.text for w in words(source.text[start:end])}
    shared = sum(1 for t in tokens if t in found) / len(tokens)
    if score < T.QUOTE_ALTERED or shared < T.QUOTE_SHARED_WORDS:
        spun = _one_word_changed(tokens, source) or _spun(tokens, source, stops)
        if spun is not None:
            return QuoteStatus.ALTERED, score, spun
        return QuoteStatus.NOT_IN_SOURCE, score, (None, None)
    if source.quoted_share(start, end) >= 0.5:
        same = _same_words(tokens, [w.text for w in words(source.text[start:end])])
        return (QuoteStatus.MATCHES if same else QuoteStatus.ALTERED), score, (start, end)
    return QuoteStatus.UNQUOTED_IN_SOURCE, score, (start, end)
