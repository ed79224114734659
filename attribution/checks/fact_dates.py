"""Changed dates said relative to the story's time: "on Wednesday" for "on Tuesday", "the third quarter" for the second.

Part of the changed-fact check (``checks.facts``). A rewrite may move a date's form with the
day it is written ("yesterday" for "on Tuesday", "last week" for "earlier this month"), so
only forms that name the same time whenever they are read are compared: a weekday, a quarter
or half of the year ("second quarter", "Q2", "first half"), and the direction of a relative
period ("last week" and "next week" point opposite ways; "last week" and "last month" may
both be right a few days apart). A fact counts as changed when the derivative sentence and
its aligned source sentences each state exactly one date of a form, and the two differ.
Closed-class words, matched by form; a date parser (dateparser, parsedatetime) resolves dates
against a reference day, which neither text gives, so it would not say more here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..core.lexicon import STOP_WORDS
from ..core.records import ChangedFact, FactChange
from ..core.text import PreparedText

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_DATES = re.compile(
    r"(?P<day>\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
    r"|(?P<part>\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:quarter|half)\b)"
    r"|(?P<q>\b(?-i:[QH])[1-4]\b)"
    r"|(?P<when>\b(?:last|past|previous|next|coming)\s+(?:week|weekend|month|year)\b"
    r"|\b(?:earlier|later)\s+this\s+(?:week|month|year)\b)",
    re.IGNORECASE,
)
"""A weekday (not in a name: "Super Tuesday", "Good Friday"), a part of the year, a relative period."""
_PAST = frozenset(["last", "past", "previous", "earlier"])


def changed_dates(derivative: PreparedText, i: int, source: PreparedText, sources: Sequence[int]) -> list[ChangedFact]:
    """The dates of derivative sentence ``i`` that differ from the one its aligned source sentences state; a
    weekday only beside the same word as the source's (``_beside_the_same``)."""
    s = derivative.sentences[i]
    mine = _by_form(list(_dates(derivative.text, s.start, s.end)))
    spans = [(source.sentences[j].start, source.sentences[j].end) for j in sorted(sources)]
    theirs = _by_form([d for a, b in spans for d in _dates(source.text, a, b)])
    found = []
    for form, dates in mine.items():
        other = theirs.get(form, [])
        if len({v for v, _, _ in dates}) != 1 or len({v for v, _, _ in other}) != 1 or dates[0][0] == other[0][0]:
            continue
        (_, start, end), (_, s_start, s_end) = dates[0], other[0]
        if form == "day" and not _beside_the_same(derivative.text, start, end, source.text, s_start, s_end):
            continue
        found.append(
            ChangedFact(
                FactChange.NAME,
                i,
                start,
                end,
                derivative.text[start:end],
                source.sentence_at(s_start) or 0,
                s_start,
                s_end,
                source.text[s_start:s_end],
            )
        )
    return found


def _beside_the_same(text: str, start: int, end: int, source_text: str, s_start: int, s_end: int) -> bool:
    """Whether the word before or after the two weekdays is the same ("on Tuesday", "on Wednesday"): a weekday in
    another place may date another event, or the day the rewrite's reporter asked ("could not be reached Thursday"
    for "… for comment Wednesday")."""
    before = (
        _word(text[max(0, start - 30) : start], r"(\w+)\W*$"),
        _word(source_text[max(0, s_start - 30) : s_start], r"(\w+)\W*$"),
    )
    after = _word(text[end : end + 30], r"^\W*(\w+)"), _word(source_text[s_end : s_end + 30], r"^\W*(\w+)")
    return (bool(before[0]) and before[0] == before[1]) or (bool(after[0]) and after[0] == after[1])


def _word(text: str, pattern: str) -> str:
    m = re.search(pattern, text)
    return m.group(1).lower() if m else ""


def _by_form(dates: list[tuple[str, str, int, int]]) -> dict[str, list[tuple[str, int, int]]]:
    found: dict[str, list[tuple[str, int, int]]] = {}
    for form, value, start, end in dates:
        found.setdefault(form, []).append((value, start, end))
    return found


def _in_name(text: str, at: int) -> bool:
    """Whether the weekday at ``at`` ends a name ("Super Tuesday", "Good Friday"): a capitalised word before it."""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, at - 30) : at])
    return before is not None and before.group(1)[0].isupper() and before.group(1).lower() not in STOP_WORDS


def _dates(text: str, start: int, end: int) -> Iterator[tuple[str, str, int, int]]:
    """Each date of ``text[start:end]``: its form ("day", "part", "when"), its value, and its span."""
    for m in _DATES.finditer(text, start, end):
        said = m.group().lower()
        if m.group("day"):
            if not _in_name(text, m.start()):
                yield "day", said, m.start(), m.end()
        elif m.group("part") or m.group("q"):
            words = re.split(r"[\s-]+", said)
            if m.group("q"):
                words = [f"{said[1]}", "quarter" if said[0] == "q" else "half"]
            yield "part", f"{_ORDINALS.get(words[0], words[0])} {words[-1]}", m.start(), m.end()
        else:
            yield "when", "past" if said.split()[0] in _PAST else "future", m.start(), m.end()
