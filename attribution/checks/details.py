"""Added details: names, numbers, dates and places the derivative has and the source never mentions.

Candidates are found by form: runs of capitalised words (with "of", "the", "al-"
and the like inside them), numerals and number words, weekday and month names,
years. A candidate is known to the source when its words occur there (folded and
stemmed, case aside); numbers compare by value, so "six" and "6" meet.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.lexicon import MONTHS, STOP_WORDS, WEEKDAYS, stem
from ..core.records import AddedDetail, DetailKind
from ..core.text import PreparedText
from ..core.textfold import Word, fold

_CONNECTORS = frozenset(["of", "the", "de", "del", "der", "la", "le", "al", "bin", "van", "von", "da", "di", "du"])
_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "thousand": 1000,
        "million": 10**6,
        "billion": 10**9,
        "dozen": 12,
        "dozens": 12,
    }
)
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TOO_COMMON = frozenset({"one"})
"""Number words that are mostly not numbers ("no one", "one of the")."""
_GEOGRAPHY = frozenset(
    [
        "sea",
        "ocean",
        "river",
        "lake",
        "gulf",
        "bay",
        "strait",
        "island",
        "islands",
        "peninsula",
        "mountain",
        "mountains",
        "mount",
        "valley",
        "desert",
        "province",
        "state",
        "county",
        "city",
        "region",
        "coast",
        "border",
        "canal",
        "channel",
        "sound",
    ]
)
_LOCATIVE = frozenset(["in", "at", "into", "near", "across", "off", "toward", "towards", "outside", "inside", "around"])
_NUMERAL = re.compile(r"^\d[\d,.]*(?:st|nd|rd|th|s|%)?$")
_PRONOUN_I = frozenset({"i", "i'm", "i've", "i'll", "i'd"})


@dataclass(frozen=True)
class _SourceFacts:
    stems: frozenset[str]
    numbers: frozenset[float]
    folded: str
    acronyms: tuple[set[str], set[str]]


def _facts(source: PreparedText) -> _SourceFacts:
    """What the source mentions, worked out once per source (kept on it: a batch reuses wire stories)."""
    source_text, source_words = source.text, list(source.words)
    return _SourceFacts(
        frozenset(stem(w.text) for w in source_words),
        _known_numbers(source_words),
        " ".join(fold(source_text).text.split()),
        _acronyms(source_text, source_words),
    )


def find_added_details(source: PreparedText, derivative: PreparedText) -> tuple[AddedDetail, ...]:
    """Names, numbers, dates and places of the derivative's story sentences that the source never has."""
    facts = source.derived("details.facts", _facts)
    derivative_text, sentences = derivative.text, derivative.sentences
    known_stems, known_numbers, folded_source, known_acronyms = facts.stems, facts.numbers, facts.folded, facts.acronyms
    all_words = derivative.words
    word_starts = [w.start for w in all_words]
    found: list[AddedDetail] = []
    seen: set[str] = set()
    for s in sentences:
        if not s.role.is_story:
            continue
        first = bisect.bisect_left(word_starts, s.start)
        last = bisect.bisect_left(word_starts, s.end)
        sentence_words = [w for w in all_words[first:last] if w.end <= s.end]
        for kind, group in _candidates(derivative_text, sentence_words):
            key = " ".join(stem(w.text) for w in group)
            if key in seen or _known(kind, group, known_stems, known_numbers, folded_source, known_acronyms):
                continue
            seen.add(key)
            start, end = group[0].start, group[-1].end
            found.append(AddedDetail(start, end, derivative_text[start:end], s.index, kind))
    return tuple(found)


def _candidates(text: str, ws: list[Word]) -> Iterable[tuple[DetailKind, list[Word]]]:
    k = 0
    while k < len(ws):
        w = ws[k]
        raw = text[w.start : w.end]
        value = _number_value(w.text)
        if w.text in WEEKDAYS or (w.text in MONTHS and raw[:1].isupper()) or _is_year(w.text):
            yield DetailKind.DATE, [w]
            k += 1
            continue
        if value is not None and (raw[:1].isdigit() or (w.text in _NUMBER_WORDS and w.text not in _TOO_COMMON)):
            group = [w]  # "20 billion", "three million": one number
            while k + len(group) < len(ws) and ws[k + len(group)].text in _SCALES:
                group.append(ws[k + len(group)])
            yield DetailKind.NUMBER, group
            k += len(group)
            continue
        if _capitalised(raw) and w.text not in _PRONOUN_I:
            group = [w]
            j = k + 1
            while j < len(ws) and _joins(text, ws, j, group):
                group.append(ws[j])
                j += 1
            while group and group[-1].text in _CONNECTORS:
                group.pop()
            while len(group) > 1 and group[0].text in STOP_WORDS:
                group.pop(0)  # "The U.N." at the start of a sentence
            sentence_initial = k == 0 or _opens_clause(text, ws[k - 1], w)
            if len(group) > 1 or (group and not sentence_initial):
                yield _name_kind(ws, k, group), group
            k = j
            continue
        k += 1


def _joins(text: str, ws: list[Word], j: int, group: list[Word]) -> bool:
    gap = text[group[-1].end : ws[j].start]
    if gap.startswith(".") and "." in group[-1].text:
        gap = gap[1:]  # the full stop of an acronym: "U.N. Security Council"
    if gap.strip(" ") not in ("", "-"):
        return False  # a comma, a bracket or a quotation mark ends a name
    raw = text[ws[j].start : ws[j].end]
    if _capitalised(raw):
        return True
    # "Republic of Korea": a connector joins only when a capitalised word follows it.
    return ws[j].text in _CONNECTORS and j + 1 < len(ws) and _capitalised(text[ws[j + 1].start : ws[j + 1].end])


def _opens_clause(text: str, previous: Word, w: Word) -> bool:
    gap = text[previous.end : w.start]
    return any(c in gap for c in '.!?:"“”‘(') or "\n" in gap


def _capitalised(raw: str) -> bool:
    return raw[:1].isupper()


def _name_kind(ws: list[Word], k: int, group: list[Word]) -> DetailKind:
    if group[-1].text in _GEOGRAPHY or (k > 0 and ws[k - 1].text in _LOCATIVE):
        return DetailKind.PLACE
    return DetailKind.NAME


def _known(
    kind: DetailKind,
    group: list[Word],
    known_stems: frozenset[str],
    known_numbers: frozenset[float],
    folded_source: str,
    known_acronyms: tuple[set[str], set[str]],
) -> bool:
    if kind == DetailKind.NUMBER:
        return _group_value(group) in known_numbers
    phrase = " ".join(w.text for w in group)
    if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", folded_source):
        return True
    # "United States" where the source writes "U.S.", and "DPRK" where it spells it out.
    acronyms, initials = known_acronyms
    if len(group) > 1 and all("." not in w.text for w in group) and _initials(group) in acronyms:
        return True
    if len(group) == 1 and group[0].text.replace(".", "") in initials:
        return True
    significant = [w.text for w in group if w.text not in _CONNECTORS and w.text not in STOP_WORDS]
    return bool(significant) and all(stem(t) in known_stems for t in significant)


def _initials(group: list[Word]) -> str:
    return "".join(w.text[0] for w in group if w.text not in _CONNECTORS)


def _acronyms(text: str, ws: list[Word]) -> tuple[set[str], set[str]]:
    """The acronyms the source uses ("U.S." as "us"), and the initials of its multi-word names."""
    acronyms = {w.text.replace(".", "") for w in ws if text[w.start : w.end].replace(".", "").isupper()}
    initials = {_initials(group) for _, group in _candidates(text, ws) if len(group) > 1}
    return acronyms, initials


def _group_value(group: list[Word]) -> float | None:
    value = 1.0
    for w in group:
        part = _number_value(w.text)
        if part is None:
            return None
        value *= part
    return value


def _known_numbers(source_words: list[Word]) -> frozenset[float]:
    """Every number the source states, alone and with its scale ("410 million")."""
    found: set[float] = set()
    for i, w in enumerate(source_words):
        value = _number_value(w.text)
        if value is None:
            continue
        found.add(value)
        j = i + 1
        while j < len(source_words) and source_words[j].text in _SCALES:
            value *= _SCALES[source_words[j].text]
            found.add(value)
            j += 1
    return frozenset(found)


def _number_value(token: str) -> float | None:
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    if _NUMERAL.match(token):
        digits = re.sub(r"[^\d.]", "", token.replace(",", ""))
        try:
            return float(digits)
        except ValueError:
            return None
    return None


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2199
