"""Added details: names, numbers, dates and places the derivative has and the source never mentions.

Candidates are found by form: runs of capitalised words (with "of", "the", "al-"
and the like inside them: ``checks.name_groups``), numbers (``core.quantities``: parsed whole, with
separators, currencies, scales and number words), weekday and month names, years.
A number is known to the source when the source states one its rounding allows
("over a thousand" and 1,115). A name is known when its words occur there (folded,
stemmed, accents and case aside, each part of a hyphenated word on its own), when it
is an acronym of one of the source's names or the other way round ("BOE" and "Bank
of England", "US" and "U.S."), or when it is the demonym of a place the source names
("British" and "Britain": the root left once demonym and country endings are cut, a
rule rather than a table; no maintained library maps English demonyms).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..core.lexicon import ABBREVIATED_TITLES, MONTHS, ORDINALS, STOP_WORDS, WEEKDAYS, stem
from ..core.quantities import Quantity, covers, quantities
from ..core.records import AddedDetail, DetailKind
from ..core.text import PreparedText
from ..core.textfold import Word, fold
from .name_groups import CONNECTORS, name_groups
from .not_names import names_nobody
from .regions import compass_point, region_before

_DEMONYM_ENDINGS = ("ese", "ish", "ian", "ean", "ans", "an", "ia", "ain", "a", "n", "i", "y", "e")
"""Endings cut from both sides to meet at a root: Brit-ish/Brit-ain, Kore-an/Kore-a, Chin-ese/Chin-a."""


@dataclass(frozen=True)
class _SourceFacts:
    stems: frozenset[str]
    roots: frozenset[str]
    quantities: tuple[Quantity, ...]
    folded: str
    abbreviations: frozenset[str]
    """Short words the source ends with a full stop ("Gov.", "Va."): the start of a longer word."""
    acronyms: frozenset[str]
    """The source's all-capital words, dots dropped ("U.S." as "us")."""
    initials: frozenset[str]
    """The initials of its multi-word names, with and without their connectors ("boe", "be")."""
    compass: frozenset[str]
    """The compass points its words name ("Southern" is "south")."""
    dates: frozenset[str]
    """The months and weekdays it names, with their days (``_date_keys``)."""


def _facts(source: PreparedText) -> _SourceFacts:
    """What the source mentions, worked out once per source (kept on it: a batch reuses wire stories)."""
    text, source_words = source.text, list(source.words)
    plain_words = [_plain(w.text) for w in source_words]
    parts = {p for w in plain_words for p in _parts(w)}
    names = [group for _, group in name_groups(text, source_words, [])]
    initials = {i for group in names if len(group) > 1 for i in _initials(group)}
    return _SourceFacts(
        frozenset(stem(p) for p in parts),
        frozenset(r for p in parts if (r := _root(p))),
        tuple(q for q in quantities(text) if not _day_of_month(text, q)),  # "September 30" is no count of 30
        " ".join(_plain(fold(text).text).split()),
        frozenset(_plain(w.text) for w in source_words if _abbreviated(text, w)),
        frozenset(w.text.replace(".", "") for w in source_words if text[w.start : w.end].replace(".", "").isupper()),
        frozenset(initials),
        frozenset(p for w in plain_words if (p := compass_point(w))),
        frozenset(_date_keys(text, source_words)),
    )


def _date_keys(text: str, ws: Sequence[Word]) -> Iterator[str]:
    """Each capitalised month or weekday, by its first three letters, and with the day of the month that
    follows it ("sep", "sep 30" for "Sept. 30" and "September 30"; the verb "may" is no month)."""
    for w in ws:
        if text[w.start : w.start + 1].isupper() and (key := _date_word(w.text)):
            yield key
            day = _DAY_AFTER.match(text, w.end)
            if day:
                yield f"{key} {int(day.group(1))}"


_DAY_AFTER = re.compile(r"\.?\s+(\d{1,2})\b(?![.,]?\d)")


def _known_date(text: str, kind: DetailKind, group: list[Word], facts: _SourceFacts) -> bool:
    """A month or weekday the source writes another way ("Sept. 30" for "September 30", "Tues" for "Tuesday"),
    with the same day of the month when one follows: "November 1" is not the source's "Nov 18"."""
    keys = list(_date_keys(text, group)) if kind == DetailKind.DATE else []
    # A date is one word (``name_groups``): its key is the last, with the day when one follows.
    return bool(keys) and keys[-1] in facts.dates


def _date_word(word: str) -> str:
    """A month's or a weekday's first three letters, however it is written ("sept." -> "sep"); else ""."""
    bare = _plain(word).rstrip(".")
    if bare in MONTHS or bare in WEEKDAYS or bare in _WEEKDAY_ABBREVIATIONS:
        return bare[:3]
    return ""


_WEEKDAY_ABBREVIATIONS = frozenset(["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"])


def name_texts(source: PreparedText) -> set[str]:
    """Every name, place and date of a text, folded ("bangalore", "foxconn technology group")."""
    return {_plain(source.text[g[0].start : g[-1].end]) for _, g in name_groups(source.text, list(source.words), [])}


def new_name_texts(source: PreparedText, derivative: PreparedText) -> list[str]:
    """The names and places (not dates) of the derivative's story the source does not know in any form, folded."""
    facts = source.derived("details.facts", _facts)
    found, text = [], derivative.text
    for s in derivative.sentences:
        if s.role.is_story:
            for kind, group in name_groups(derivative.text, list(derivative.words_of(s.index)), []):
                if (
                    kind != DetailKind.DATE
                    and not _known(kind, group, facts)
                    and not names_nobody(text, group, facts.folded)
                ):
                    found.append(_plain(derivative.text[group[0].start : group[-1].end]))
    return found


def is_variant(text: str, group: Sequence[Word], variants: frozenset[str]) -> bool:
    """Whether the name ``group`` of ``text`` is one of ``name_variants``."""
    return bool(group) and _plain(text[group[0].start : group[-1].end]) in variants


def find_added_details(
    source: PreparedText, derivative: PreparedText, variants: frozenset[str] = frozenset()
) -> tuple[AddedDetail, ...]:
    """Names, numbers, dates and places of the derivative's story sentences that the source never has.

    ``variants``: names that spell one of the source's another way (``name_variants``).
    """
    facts = source.derived("details.facts", _facts)
    text = derivative.text
    found: list[AddedDetail] = []
    seen: set[str] = set()
    reported: list[
        tuple[_SourceFacts, set[str]]
    ] = []  # a name is new once: "State Department" after "U.S. Department of State"
    for s in derivative.sentences:
        if not s.role.is_story:
            continue
        numbers = quantities(text, s.start, s.end)
        for q in numbers:
            key = f"{q.value}:{q.unit}"
            if key in seen or any(covers(q, k) for k in facts.quantities) or _day_of_month(text, q):
                continue
            if _numbers_a_name(text, q) or _implied(text, q, facts):
                continue  # "HH 1177", "Boeing 737": the number is part of the name, reported with it
            seen.add(key)
            found.append(AddedDetail(q.start, q.end, q.text, s.index, DetailKind.DATE if q.year else DetailKind.NUMBER))
        spans = [(q.start, q.end) for q in numbers]
        sentence_words = [w for w in derivative.words_of(s.index)]
        groups = name_groups(text, sentence_words, spans)
        if _title_case(text, sentence_words):
            lower = derivative.derived("details.lower", _lower_words) | source.derived("details.lower", _lower_words)
            groups = _names_in_title_case(groups, lower)
        for kind, group in groups:
            key = " ".join(stem(w.text) for w in group)
            if key in seen or names_nobody(text, group, facts.folded):
                continue
            if _known_as_written(text, kind, group, facts) or is_variant(text, group, variants):
                point = region_before(text, sentence_words, group, facts.compass)  # "southwestern Virginia"
                if point is not None and f"{point} {key}" not in seen:
                    seen.add(f"{point} {key}")
                    start, end = sentence_words[sentence_words.index(group[0]) - 1].start, group[-1].end
                    found.append(AddedDetail(start, end, text[start:end], s.index, DetailKind.PLACE))
                continue
            if _abbreviation_of(text, group, facts) or _repeats(group, facts, reported):
                continue
            seen.add(key)
            start, end = group[0].start, group[-1].end
            found.append(AddedDetail(start, end, text[start:end], s.index, kind))
            if kind != DetailKind.DATE:
                reported.append((_facts(PreparedText.of(text[start:end])), _name_words(group)))
    return tuple(sorted(found, key=lambda d: d.start))


def _title_case(text: str, ws: Sequence[Word]) -> bool:
    """A line in title case ("States Receive Suspicious Packages"): three words of four letters or more, and
    three quarters of them capitalised, so a capital says nothing about a word."""
    long = [text[w.start : w.end] for w in ws if len(w.text) >= 4 and w.text.isalpha()]
    return len(long) >= 3 and sum(1 for t in long if t[:1].isupper()) * 4 >= 3 * len(long)


def _lower_words(prepared: PreparedText) -> frozenset[str]:
    """Stems of the words a text also writes in lower case: ordinary words wherever they are capitalised."""
    return frozenset(stem(w.text) for w in prepared.words if prepared.text[w.start : w.start + 1].islower())


def _names_in_title_case(
    groups: Iterable[tuple[DetailKind, list[Word]]], lower: frozenset[str]
) -> Iterator[tuple[DetailKind, list[Word]]]:
    """The names in a title-case line: each group's runs of words the text never writes in lower case, in any
    form ("Tesla" in "Tesla Recalls", nothing in "States Receive Suspicious Packages" over "received")."""

    def ordinary(w: Word) -> bool:
        return stem(w.text) in lower or (w.text in STOP_WORDS and w.text not in CONNECTORS)

    for kind, group in groups:
        for is_ordinary, words_of_run in itertools.groupby(group, key=ordinary):
            run = list(words_of_run)
            while run and run[-1].text in CONNECTORS:
                run.pop()
            while run and run[0].text in CONNECTORS:
                run.pop(0)
            if run and not is_ordinary and any(w.text.isalpha() for w in run):  # "300" of "Creating 300+ Jobs"
                yield (kind if run[-1] is group[-1] else DetailKind.NAME), run


def _name_words(group: list[Word]) -> set[str]:
    """The stems of a name's words and their parts ("U.S. Department of State": us, department, state)."""
    return {
        stem(p.replace(".", ""))
        for w in group
        if w.text not in CONNECTORS
        for p in _parts(_plain(w.text).removesuffix("'s"))
    }


def _repeats(group: list[Word], facts: _SourceFacts, reported: list[tuple[_SourceFacts, set[str]]]) -> bool:
    """Whether the name names again one the check has already reported.

    Its words the source does not know are all that earlier name's, and it is that name
    in another form: half of the earlier name's words, or its acronym ("State Department"
    after "U.S. Department of State", "U.S." after "United States"); a name that shares
    one word of three with it is another name ("State of the American Refrigerator" after
    "Ohio State University").
    """
    unknown = [
        (k, p)
        for k, w in enumerate(group)
        if w.text not in CONNECTORS and w.text not in STOP_WORDS
        for p in _parts(_plain(w.text).removesuffix("'s"))
        if not _word_known(p, facts)
    ]
    if not unknown:
        return False
    mine = _name_words(group) | set(_initials(group))
    for earlier, words in reported:
        spelled = _spelled_acronyms(group, earlier)  # "United States" after "U.S. ..."
        if not all(k in spelled or _word_known(p, earlier) for k, p in unknown):
            continue
        acronym = len(unknown) == 1 and unknown[0][1].replace(".", "") in earlier.acronyms | earlier.initials
        if acronym or 2 * len(words & mine) >= len(words):
            return True
    return False


def _abbreviation_of(text: str, group: list[Word], facts: _SourceFacts) -> bool:
    """ "Gov." where the source writes "Governor": a short word ended by a full stop that begins a source word."""
    if len(group) != 1 or not _abbreviated(text, group[0]):
        return False
    short = _plain(group[0].text)
    return any(s.startswith(short) for s in facts.stems)


def _implied(text: str, q: Quantity, facts: _SourceFacts) -> bool:
    """A small whole number the source states another way: as an ordinal ("six reports" beside "the sixth
    report", "6th"), or one of a thing it names ("1 millimeter" beside "millimetre-sized" or "a millimetre")."""
    if q.unit or q.year or q.value != int(q.value) or not 1 <= q.value <= len(ORDINALS):
        return False
    n = int(q.value)
    ordinal = ORDINALS[n - 1]
    if re.search(rf"\b(?:{ordinal}|{n}(?:st|nd|rd|th))\b", facts.folded):
        return True
    counted = re.match(r"\s+([a-z]{5,})", text[q.end : q.end + 30].lower())
    return n == 1 and counted is not None and counted.group(1)[:5] in {w[:5] for w in facts.folded.split()}


def _numbers_a_name(text: str, q: Quantity) -> bool:
    """A bare whole number right after a capitalised word that is not a date: "HH 1177", "Boeing 737"."""
    if q.year or q.unit or not q.text.isdigit():
        return False
    before = re.search(r"([A-Z][\w'’-]*) $", text[max(0, q.start - 40) : q.start])
    if not before or before.group(1).lower() in MONTHS | WEEKDAYS or 1800 <= q.value <= 2100:
        return False
    previous = text[: q.start - len(before.group(0))].rstrip()
    opens = not previous or previous[-1:] in '.!?\n"“:('
    return not opens or before.group(1).isupper()  # "About 300" opens a sentence; "HH 1177" is a name there too


def _day_of_month(text: str, q: Quantity) -> bool:
    """ "March 19", "19 March": the day is part of a date, reported (if at all) with its month."""
    before = text[max(0, q.start - 12) : q.start].split()
    after = text[q.end : q.end + 12].split()
    near = [w.strip(".,").lower() for w in before[-1:] + after[:1]]
    return q.value <= 31 and q.value == int(q.value) and any(w in MONTHS for w in near)


def _known(kind: DetailKind, group: list[Word], facts: _SourceFacts) -> bool:
    phrase = " ".join(_plain(w.text) for w in group)
    # Boundaries as words have them: "_" is \w to re but not part of a word ("_No." names "No").
    if re.search(r"(?<![^\W_])" + re.escape(phrase) + r"(?![^\W_])", facts.folded):
        return True
    if kind == DetailKind.DATE:
        return False
    # "United States" where the source writes "U.S.", and "DPRK" or "BOE" where it spells the name out; a run of
    # the name's words may be such an acronym ("United Nations Secretary-General António Guterres" beside "UN").
    spelled = _spelled_acronyms(group, facts)
    if len(group) == 1:
        bare = _plain(group[0].text).removesuffix("'s").replace(".", "")
        if bare in facts.initials or bare in facts.acronyms:
            return True
    significant = [
        w.text
        for k, w in enumerate(group)
        if k not in spelled
        and w.text not in CONNECTORS
        and w.text not in STOP_WORDS
        and not (len(group) > 1 and w.text in ABBREVIATED_TITLES)  # "Gov. Youngkin" is known as "Governor Youngkin"
    ]
    return (bool(significant) or bool(spelled)) and all(_word_known(t, facts) for t in significant)


def _spelled_acronyms(group: list[Word], facts: _SourceFacts) -> set[int]:
    """Positions of the name's words inside a run of two or more whose initials are one of the source's acronyms."""
    covered: set[int] = set()
    for a in range(len(group)):
        for b in range(a + 2, len(group) + 1):
            run = group[a:b]
            if all("." not in w.text for w in run) and set(_initials(run)) & facts.acronyms:
                covered.update(range(a, b))
    return covered


def _word_known(word: str, facts: _SourceFacts) -> bool:
    """A word of a name is known by its stem, part by part ("Covid-19", "Secretary-General"), or by its root."""
    parts = _parts(_plain(word).removesuffix("'s"))
    return all(
        stem(p) in facts.stems
        or _root(p) in facts.roots
        or any(p.startswith(a) for a in facts.abbreviations)
        or p.replace(".", "") in facts.initials | facts.acronyms
        for p in parts
    )


def _abbreviated(text: str, w: Word) -> bool:
    raw = text[w.start : w.end]
    return 2 <= len(raw) <= 4 and raw[:1].isupper() and raw.isalpha() and text[w.end : w.end + 1] == "."


def _parts(word: str) -> list[str]:
    """The alphabetic parts of a hyphenated word, digits dropped ("covid-19" is "covid")."""
    pieces = [p for p in re.split(r"[-/]", word) if p and not p.isdigit()]
    return pieces or [word]


def _root(word: str) -> str:
    """What is left of a proper word once a demonym or country ending is cut (at least four letters), else ""."""
    word = word.replace(".", "")
    for ending in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word if len(word) >= 4 else ""


def _plain(text: str) -> str:
    """Folded text without accents ("António" is "antonio") and with straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _initials(group: list[Word]) -> tuple[str, ...]:
    """Initials without and with the connectors: "Bank of England" is "be" and "boe"."""
    bare = "".join(w.text[0] for w in group if w.text not in CONNECTORS)
    full = "".join(w.text[0] for w in group)
    return (bare, full) if full != bare else (bare,)


def known_name(source: PreparedText, kind: DetailKind, group: list[Word], text: str | None = None) -> bool:
    """Whether ``source`` mentions the name ``group`` in any of the forms the added-detail check accepts
    (``text``: the group's own text, for a date written another way: "Sept. 30" for "September 30")."""
    facts = source.derived("details.facts", _facts)
    return _known(kind, group, facts) if text is None else _known_as_written(text, kind, group, facts)


def _known_as_written(text: str, kind: DetailKind, group: list[Word], facts: _SourceFacts) -> bool:
    """Whether the source mentions the name ``group`` of ``text``, a date also as it is written there."""
    return _known(kind, group, facts) or _known_date(text, kind, group, facts)
