"""Changed facts: what a rewrite states differently from the source sentence it retells.

For each derivative sentence aligned to source sentence(s) (verbatim, paraphrase, or
added but still close to them), the two are compared:

- numbers by value (``core.quantities``: "30,000" and "29,348" differ, "nearly
  30,000" and 29,348 do not), years, weekdays and months;
- names (``checks.fact_names``): a name standing where the aligned source sentence
  has another of the same kind (a near miss of its spelling, another given name, new
  words in a role's slot, another name beside the same word), or two names in both
  sentences in the opposite order around the same verb (who did what to whom); a
  changed name is not also an added detail (``without_changed_names``);
- dates said relative to the story's time (``checks.fact_dates``): a weekday, a part
  of the year, the direction of a period ("next week" for "last week");
- negation: exactly one of the two is negated;
- hedges: the source hedges ("may", "allegedly", "is expected to") and the rewrite
  states it flat ("will", no qualifier): ``hedge_dropped``;
- attribution: the source attributes the claim ("police said", "according to") and
  the rewrite states it as fact, with no attribution in the sentence before or after
  it in the same paragraph either: ``attribution_dropped``;
- quotations: a quotation that matches one of the source's, hung on a different
  speaker: ``quote_misattributed``.

Word lists here are closed-class words (negators, modal verbs, reporting verbs), not
content: the check is about form, as a copy editor reads it. A parser (spaCy) would
find roles more exactly; it is not a dependency of attrib, and the ordered-names
rule catches the swaps SummEdits-style edits make.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.lexicon import STOP_WORDS, stem, stop_words
from ..core.quantities import Quantity, covers, quantities
from ..core.records import (
    AddedDetail,
    ChangedFact,
    DerivativeLabel,
    DerivativeSentence,
    DetailKind,
    FactChange,
    Quote,
    QuoteStatus,
    Sentence,
    SentenceMatch,
)
from ..core.sentence_evidence import NEGATIVE_WORDS, NEGATORS
from ..core.text import PreparedText
from .fact_dates import changed_dates
from .fact_names import changed_names, swapped_names

_NEGATIVE_ADVERBS = frozenset(["rarely", "seldom"])
"""Adverbs that negate as "not" does ("operators rarely keep lists" for "do not keep")."""
_HEDGES = re.compile(
    r"\b(?:may|might|could|allegedly|alleged|reportedly|possibly|probably|likely|unlikely|suspected|"
    r"apparently|seemingly|perhaps|potentially|(?:is|are|was|were)\s+(?:believed|thought|expected|feared)\s+to|"
    r"appears?\s+to|seems?\s+to)\b",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|(?i:according)\s+to|claimed|claims|alleged|alleges|allegedly|stated|states|added|"
    r"announced|reported|reports|reportedly|confirmed|insisted|argued|warned|believes|believe|estimated|"
    r"estimates|testified|wrote|writes|cited|citing|quoted|noted|explained|statement|filing|notice|"
    r"pointed\s+out|replied|acknowledged|conceded|admitted|suggested|suggests|indicated|disclosed|revealed|"
    r"maintained|contended|asserted|stressed|predicted|found|finds|concluded|announcement|published|release|"
    r"report|reporting|accused|accuses|accusing)\b"
)
"""Reporting words, lower-case: "United States" is a place, not a statement."""
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:not\s+)?(?:told|quoted|cited|reported|found|estimated|stated|noted)\b",
    re.I,
)
"""Reporting verbs in the passive report no one's claim: "they were not told", "there are estimated to be"."""
_ATTRIBUTED = re.compile(
    r"(?:,|\bthat)\s+(?:[\w'’.-]+\s+){0,5}(?:said|says|told|claimed|alleged|insisted|according\s+to)\b[^.]*[.!?]?\W*$"
    r"|,\s+(?:[\w'’.-]+\s+){0,4}(?:found|wrote|writes|reported|concluded|estimated|announced)\W*$"
    r"|^\W*(?:[\w'’.-]+\s+){1,4}(?:said|says|told\s+\w+|claimed|alleged)\s+(?:that\s+)?[\w\"“]"
    r"|^\W*according\s+to\b|\b(?:police|prosecutors|officials|authorities)\s+(?:said|say|allege[sd]?|claim(?:s|ed)?)\b",
    re.I,
)
"""A claim the source hangs on a speaker: "…, police said.", "…, the audit found.", "He said there was…",
"According to X, …"."""
_WILL = re.compile(r"\bwill\b|\w'll\b|\bwon't\b", re.I)
_SPEAKER_VERB = r"(?:said|says|told|added|adds|asked|stated|explained|noted|wrote|writes|tweeted|insisted)"
_NAME = r"((?:[A-Z][\w'’-]*(?:\.(?=\s[A-Z]\w*\b(?!\.)))?)(?:\s+(?:[A-Z][\w'’-]*|of|the|de|van|von|al|bin))*)"
_SPEAKER_AFTER = re.compile(rf"^\W*(?:{_SPEAKER_VERB}\s+{_NAME}|{_NAME}\s+{_SPEAKER_VERB})")
_SPEAKER_BEFORE = re.compile(rf"{_NAME}\s+{_SPEAKER_VERB}\W*$")
_ALIGNED_LEXICAL = 0.5
"""Design: an added sentence still retells its nearest source sentence when half its
words are shared (rapidfuzz token-set): its facts can be compared with that sentence's."""
_ALIGNED_COSINE = 0.6
_CLOSE_LEXICAL = 0.6
_CLOSE_COSINE = 0.7
"""Design: negation, hedges and attribution are compared only between one source sentence
and a close retelling of it (token-set 0.6 and cosine 0.7, or token-set 0.8 whatever the
cosine: a negation moves all-MiniLM-L6-v2's embedding far more than it moves the words, so
a flipped sentence can fall to 0.45): between looser pairs the words that carry them belong
to different clauses."""
_SAME_WORDS = 0.8


def find_changed_facts(
    source: PreparedText,
    derivative: PreparedText,
    sentences: Sequence[DerivativeSentence],
    quotes: Sequence[Quote] = (),
    variants: frozenset[str] = frozenset(),
    language: str | None = None,
) -> tuple[ChangedFact, ...]:
    """Facts of aligned derivative sentences that differ from their source sentences, in reading order.

    ``variants``: the derivative's names that spell a source name another way (``details.name_variants``).
    ``language``: the derivative's, as ``checks.language`` detects it (None: not identified), whose stop words
    are no content words (the negation and hedge rules read English words whatever the language).
    """
    stops = stop_words(language)
    found: list[ChangedFact] = []
    for d in sentences:
        if _aligned(d):
            found.extend(_changes(source, derivative, d.sentence, d.match, variants, stops))
    found.extend(_misattributed(source, derivative, quotes))
    return tuple(sorted(found, key=lambda f: (f.start, f.kind)))


def without_changed_names(details: Sequence[AddedDetail], changed: Sequence[ChangedFact]) -> tuple[AddedDetail, ...]:
    """The added details less the names, places and dates that a changed fact reports: a garbled name ("Paul Bate"
    for "Paul Pate") is one finding, a changed fact, not also a name the source never mentions."""
    spans = [(c.start, c.end) for c in changed if c.kind == FactChange.NAME]
    return tuple(
        d
        for d in details
        if d.kind not in (DetailKind.NAME, DetailKind.PLACE, DetailKind.DATE)
        or not any(d.start < end and start < d.end for start, end in spans)
    )


def sentence_conflicts(
    source: PreparedText,
    derivative: PreparedText,
    matches: Sequence[SentenceMatch],
    variants: frozenset[str] = frozenset(),
    language: str | None = None,
) -> tuple[frozenset[FactChange], ...]:
    """For each derivative sentence, the kinds of fact it states differently from its nearest source sentences.

    The same comparison as ``find_changed_facts``, made for every story sentence with
    sources before it is labelled: the support model weighs it (a number, name or
    negation at odds with the sentence a rewrite retells is evidence it is not that
    sentence's paraphrase), whatever the label then says. ``language`` as for ``find_changed_facts``.
    """
    stops = stop_words(language)
    found = []
    for s, match in zip(derivative.sentences, matches, strict=True):
        if not match.sources or not s.role.is_story:
            found.append(frozenset[FactChange]())
            continue
        found.append(frozenset(f.kind for f in _changes(source, derivative, s, match, variants, stops)))
    return tuple(found)


def _changes(
    source: PreparedText,
    derivative: PreparedText,
    sentence: Sentence,
    match: SentenceMatch,
    variants: frozenset[str] = frozenset(),
    stops: frozenset[str] = STOP_WORDS,
) -> list[ChangedFact]:
    """What one derivative sentence states differently from the source sentences it is aligned to."""
    known = source.derived("facts.quantities", lambda prepared: tuple(quantities(prepared.text)))
    i, sources = sentence.index, match.sources
    first = min(sources)
    src = [source.sentences[j] for j in sorted(sources)]
    s_start, s_end = src[0].start, src[-1].end
    s_text = source.text[s_start:s_end]
    text = sentence.text
    close = len(sources) == 1 and match.lexical >= _CLOSE_LEXICAL
    close = close and (match.cosine >= _CLOSE_COSINE or match.lexical >= _SAME_WORDS)
    found = _numbers(derivative, sentence, source, s_start, s_end, known, close)
    found += changed_names(derivative, i, sources, source, variants, stops)
    found += swapped_names(derivative, i, source, first, stops)
    found += [c for c in changed_dates(derivative, i, source, sources) if not any(_overlap(c, f) for f in found)]
    here = (i, sentence.start, sentence.end, text, first, s_start, s_end, s_text)
    if not close:
        return found
    mine, theirs = _stems(derivative, i, stops), _stems(source, first, stops)
    negated_mine, negated_theirs = _negated(derivative, i, theirs), _negated(source, first, mine)
    flat = (source, first) if negated_mine else (derivative, i)
    if (negated_mine != negated_theirs and not _negated(*flat, None)) or _flipped(derivative, i, source, first):
        found.append(ChangedFact(FactChange.NEGATION, *here))
    elif (_hedged(s_text, mine) and not _hedged(text, theirs)) or _made_certain(s_text, text):
        found.append(ChangedFact(FactChange.HEDGE_DROPPED, *here))
    elif _ATTRIBUTED.search(s_text) and not _attributes(text) and not _quoted_whole(text):
        # A rewrite often hangs the attribution on the sentence before or after ("…, sources said."), or opens the
        # next paragraph with it: a lead stated flat, then "According to a filing made public Saturday, …".
        beside = [derivative.sentences[k] for k in (i - 1, i + 1) if 0 <= k < len(derivative.sentences)]
        if not any((b.block == sentence.block or b.index == i + 1) and _attributes(b.text) for b in beside):
            found.append(ChangedFact(FactChange.ATTRIBUTION_DROPPED, *here))
    return found


def _overlap(a: ChangedFact, b: ChangedFact) -> bool:
    return a.start < b.end and b.start < a.end


def _aligned(d: DerivativeSentence) -> bool:
    if not d.sources or not d.sentence.role.is_story:
        return False
    if d.label in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE):
        return True
    return d.label == DerivativeLabel.ADDED and (
        d.match.lexical >= _ALIGNED_LEXICAL and (d.match.cosine >= _ALIGNED_COSINE or d.match.lexical >= _SAME_WORDS)
    )


def _numbers(
    derivative: PreparedText,
    sentence: Sentence,
    source: PreparedText,
    s_start: int,
    s_end: int,
    known: tuple[Quantity, ...],
    close: bool = True,
) -> list[ChangedFact]:
    """A number of the sentence that the source never states, where the aligned source states another in its place.

    ``close``: the sentence closely retells one source sentence (see ``_same_slot``).
    """
    mine = quantities(derivative.text, sentence.start, sentence.end)
    # A source number the derivative states anywhere is kept, not changed: "roughly 30 percent of responses" is no
    # change of the source's "joy at around 17%" when the next sentence has "joy ... at around 17 percent".
    restated = derivative.derived("facts.quantities", lambda prepared: tuple(quantities(prepared.text)))
    theirs = [q for q in known if s_start <= q.start < s_end and not any(_restates(m, q) for m in restated)]
    changed = []
    for q in mine:
        if any((covers(q, k) or k.same_as(q)) and _same_kind(q, k) for k in known):
            continue
        rivals = [k for k in theirs if k.year == q.year and k.unit == q.unit]
        rival = _same_slot(derivative.text, q, source.text, rivals, close)
        if rival is not None:
            changed.append(
                ChangedFact(
                    FactChange.NUMBER,
                    sentence.index,
                    q.start,
                    q.end,
                    q.text,
                    source.sentence_at(rival.start) or 0,
                    rival.start,
                    rival.end,
                    rival.text,
                )
            )
    return changed


def _same_slot(text: str, q: Quantity, source_text: str, rivals: list[Quantity], close: bool = True) -> Quantity | None:
    """The source number in the same place: followed or, in a close retelling, preceded by the same word
    ("30,000 cars", "roughly 36,000 people" and "roughly 72,000 Americans"), else the only candidate.

    Outside a close retelling of one sentence the words before and after must both be the same: "the last 200 years" and
    "took scientists eight years" count different spans of time.
    """
    after = _next_word(text, q.end)
    before = _previous_word(text, q.start)
    for k in rivals:
        same_after = bool(after) and _next_word(source_text, k.end) == after
        same_before = bool(before) and _previous_word(source_text, k.start) == before
        if (same_after and (close or same_before)) or (close and same_before):
            return k
    return rivals[0] if len(rivals) == 1 and q.unit and rivals[0].unit == q.unit else None


def _restates(mine: Quantity, theirs: Quantity) -> bool:
    """Whether ``mine`` states the source's number ``theirs`` again, in its unit ("17 percent" for "17%")."""
    return mine.unit == theirs.unit and mine.year == theirs.year and mine.same_as(theirs)


def _same_kind(q: Quantity, k: Quantity) -> bool:
    """A share is not a count: "3.5 percent" is not the "three" of "three months"."""
    return (q.unit == "%") == (k.unit == "%")


def _previous_word(text: str, at: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, at - 30) : at])
    return stem(m.group(1).lower()) if m else ""


def _next_word(text: str, at: int) -> str:
    m = re.match(r"[\s-]*([A-Za-z]+)", text[at : at + 30])
    return stem(m.group(1).lower()) if m else ""


def _stems(text: PreparedText, i: int, stops: frozenset[str] = STOP_WORDS) -> set[str]:
    return {stem(w.text) for w in text.words_of(i) if w.text not in stops}


def _negated(text: PreparedText, i: int, other: set[str] | None) -> bool:
    """Whether the sentence negates something the other sentence also says.

    A negator ("not", "failed to", "n't") counts when the content word it governs (the
    next one) is in the other sentence: a negated clause the rewrite left out is an
    omission, not a flip. "No" before a capitalised word, or anywhere in a text that
    uses it so, is a name ("No Kwang Chol"). With ``other`` None, any negator counts.
    """
    governed = _negations(text, i)
    return any(other is None or (g and g in other) for g in governed)


def _negations(text: PreparedText, i: int) -> list[str]:
    """The stem of the content word each negator of the sentence governs ("" when none follows)."""
    ws = text.words_of(i)
    named_no = text.derived("facts.no_is_a_name", lambda t: bool(re.search(r"\bNo\s+[A-Z]", t.text)))
    found = []
    for k, w in enumerate(ws):
        negates = w.text in NEGATORS or w.text in _NEGATIVE_ADVERBS or w.text.endswith("n't")
        if not (negates or NEGATIVE_WORDS.match(w.text)):
            continue
        if w.text == "no" and text.text[w.start : w.start + 1] == "N" and named_no:
            continue
        governed = next((x.text for x in ws[k + 1 :] if x.text not in STOP_WORDS and x.text not in NEGATORS), "")
        found.append(stem(governed) if governed else "")
    return found


def _flipped(derivative: PreparedText, i: int, source: PreparedText, j: int) -> bool:
    """A word both sentences say, negated in the one with more negators only ("didn't happen" for "did happen").

    Both may negate other things ("Nobody knows…, and … didn't happen"); a negation
    worded another way ("unaware of the plan" for "did not know of the plan") has as many
    negators on each side, so it is no flip.
    """
    mine, theirs = _negations(derivative, i), _negations(source, j)
    if len(mine) == len(theirs):
        return False
    shared = _stems(derivative, i) & _stems(source, j)
    more, fewer = (mine, theirs) if len(mine) > len(theirs) else (theirs, mine)
    return any(g and g in shared and g not in fewer for g in more)


def _made_certain(s_text: str, text: str) -> bool:
    """The source hedges ("may", "could") and the rewrite, hedging nothing, says "will" where the source does not."""
    return _hedged(s_text, set()) and not _hedged(text, set()) and bool(_WILL.search(text)) and not _WILL.search(s_text)


def _attributes(text: str) -> bool:
    """Whether the rewrite hangs what it says on someone: a reporting word, not in the passive."""
    return bool(_ATTRIBUTION.search(_PASSIVE.sub(" ", text)))


def _hedged(text: str, other: set[str]) -> bool:
    """A hedge word (not the month "May 7") whose next content word the other sentence also has."""
    for m in _HEDGES.finditer(text):
        if re.match(r"May\s+\d", text[m.start() : m.end() + 3]):
            continue
        following = [w for w in re.findall(r"[A-Za-z']+", text[m.end() : m.end() + 60].lower()) if w not in STOP_WORDS]
        following = [w for w in following if w not in ("be", "been", "have", "has", "not")]
        if not other or (following and stem(following[0]) in other):
            return True
    return False


def _quoted_whole(text: str) -> bool:
    return bool(re.match(r"^\W*[\"“‘']", text))


def _misattributed(source: PreparedText, derivative: PreparedText, quotes: Sequence[Quote]) -> list[ChangedFact]:
    found = []
    for q in quotes:
        if q.status not in (QuoteStatus.MATCHES, QuoteStatus.ALTERED) or q.source_start is None:
            continue
        mine = _speaker(derivative.text, q.start, q.end, derivative)
        theirs = _speaker(source.text, q.source_start, q.source_end or q.source_start, source)
        if mine is None or theirs is None:
            continue
        if {stem(w) for w in mine[2].lower().split()} & {stem(w) for w in theirs[2].lower().split()}:
            continue
        j = source.sentence_at(theirs[0]) or 0
        found.append(ChangedFact(FactChange.QUOTE_MISATTRIBUTED, q.sentence, mine[0], mine[1], mine[2], j, *theirs))
    return found


def _speaker(text: str, start: int, end: int, prepared: PreparedText) -> tuple[int, int, str] | None:
    """The named speaker of a quotation: "..., Name said" after it, or "Name said: ..." before it."""
    tail = text[end : end + 80].split("\n")[0]
    m = _SPEAKER_AFTER.match(tail.lstrip("”\"’' ,"))
    if m:
        name = m.group(1) or m.group(2)
        at = text.find(name, end)
        return at, at + len(name), name
    head = text[max(0, start - 80) : start].split("\n")[-1]
    m = _SPEAKER_BEFORE.search(head.rstrip("“\"‘' :,"))
    if m:
        name = m.group(1)
        at = text.rfind(name, 0, start)
        return at, at + len(name), name
    return None
