"""Numbers as a reader reads them: whole, with their scale, currency and unit, and with the rounding they imply.

"4,785" is one number, "£10,000" is ten thousand pounds, "1.2 million" is 1,200,000,
"a thousand" and "six" are numbers too. Two mentions state the same number when their
values differ by less than the rounding either implies: "1.2 million" stands for
anything from 1,150,000 to 1,250,000, "30,000" for 29,500 to 30,500; a hedge ("over",
"nearly", "about") widens that, so "over a
thousand" is 1,115 and "nearly 30,000" is 29,348, but "30,000" is not 40,000.
Hedges have a direction: "over" a number is at most a quarter above it, "nearly" at
most a quarter below, "about" within a tenth.

Number words are read by ``text2num`` (a maintained parser for English number words:
"twenty-one", "two hundred thousand"); the spans are found here, because text2num's
whole-text mode rewrites text and loses offsets, and "a thousand" and "dozen" are ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_SCALE = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "mn": 1e6,
    "k": 1e3,
}
_UNITS = [
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
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORD = "|".join(_UNITS + _TENS + ["hundred", "thousand", "million", "billion", "trillion"])
_CURRENCY = r"[$£€¥₹]|US\$|A\$|C\$"
_NUMERAL = re.compile(
    rf"(?<![\w.,])(?P<currency>{_CURRENCY})?\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    r"(?P<unit>\s?%|\s?per\s?cent\b|\s?percent\b)?",
    re.IGNORECASE,
)
_WORDS = re.compile(
    rf"\b(?P<article>an?\s+)?(?P<words>(?:{_NUMBER_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_NUMBER_WORD}))*)\b"
    r"(?P<unit>\s?%|\s+per\s?cent\b|\s+percent\b)?",
    re.IGNORECASE,
)
_DOZEN = re.compile(r"\b(?:a|one|two|three|half\s+a)\s+dozen\b", re.IGNORECASE)
_HEDGES = (
    ("up", re.compile(r"(?:over|more\s+than|at\s+least|above|exceeding|upwards\s+of)\s*$", re.I)),
    ("down", re.compile(r"(?:nearly|almost|under|less\s+than|fewer\s+than|up\s+to|just\s+under|below)\s*$", re.I)),
    (
        "about",
        re.compile(r"(?:about|around|approximately|roughly|some|close\s+to|an\s+estimated|estimated|~)\s*$", re.I),
    ),
)
_TOO_COMMON = frozenset({"one"})
""""one" alone is mostly not a number ("no one", "one of the")."""


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    step: float
    """The rounding step the writing implies: 1 for "4,785", 10,000 for "30,000", 100,000 for "1.2 million"."""
    hedge: str
    """"up" after "over", "more than"; "down" after "nearly", "under"; "about" after "about", "some"; else ""."""
    unit: str
    """"%", a currency sign, or ""."""
    year: bool
    """A bare four-digit year (1800-2199)."""

    def same_as(self, other: Quantity) -> bool:
        """Whether the two mentions can state the same number (see the module docstring)."""
        if self.year or other.year:
            return self.value == other.value
        if abs(self.value - other.value) <= 0.5 * max(self.step, other.step) + 1e-9 * max(abs(self.value), 1.0):
            return True
        return _within_hedge(self, other.value) or _within_hedge(other, self.value)


def covers(stated: Quantity, known: Quantity) -> bool:
    """Whether ``stated`` can be a rounding, truncation or hedge of the number ``known`` states.

    One way only: "over a thousand" is covered by 1,115, but 29,348 is not covered by
    "nearly 30,000" (the precise figure is news the rounded one did not give).
    """
    if stated.year or known.year:
        return stated.value == known.value
    gap = known.value - stated.value
    tiny = 1e-9 * max(abs(known.value), 1.0)
    if abs(gap) <= 0.5 * stated.step + tiny or (stated.step > 1 and 0 <= gap < stated.step):
        return True
    return _within_hedge(stated, known.value)


def _within_hedge(hedged: Quantity, value: float) -> bool:
    """Whether ``value`` is what "over/nearly/about <hedged>" can mean: within a quarter of it, on the hedge's side."""
    reach = max(hedged.step, 0.25 * abs(hedged.value))
    if hedged.hedge == "up":
        return hedged.value <= value <= hedged.value + reach
    if hedged.hedge == "down":
        return hedged.value - reach <= value <= hedged.value
    if hedged.hedge == "about":
        return abs(value - hedged.value) <= max(hedged.step, 0.1 * abs(hedged.value))
    return False


def quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number stated in ``text[start:end]``, in order, with offsets into ``text``."""
    end = len(text) if end is None else end
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _DOZEN.finditer(text, start, end):
        head = m.group().lower().split()[0]
        value = {"a": 12.0, "one": 12.0, "two": 24.0, "three": 36.0, "half": 6.0}[head]
        found.append(_quantity(text, m.start(), m.end(), value, 12.0 if head != "half" else 6.0, ""))
        taken.append((m.start(), m.end()))
    for m in _NUMERAL.finditer(text, start, end):
        if _overlaps(taken, m.start(), m.end()) or _inside_token(text, m.start("number"), m.end("number")):
            continue
        digits = m.group("number")
        value = float(digits.replace(",", ""))
        scale = _SCALE.get((m.group("scale") or "").lower(), 1.0)
        step = _step(digits) * scale if "." in digits or scale == 1.0 else max(_step(digits), 1.0) * scale
        unit = "%" if m.group("unit") else (m.group("currency") or "")
        year = not m.group("currency") and not m.group("scale") and not m.group("unit") and _is_year(digits)
        q = _quantity(text, m.start(), m.end(), value * scale, step, unit.strip(), year=year)
        found.append(q)
        taken.append((m.start(), m.end()))
    for m in _WORDS.finditer(text, start, end):
        if _overlaps(taken, m.start(), m.end()):
            continue
        words = m.group("words").lower()
        if words in _TOO_COMMON:
            continue
        spoken = re.sub(r"\s+and\s+|-", " ", words)
        if m.group("article"):
            spoken = "one " + spoken
            if spoken.split()[-1] not in _SCALE:
                continue  # "a five-year plan" is not "one five"
        try:
            value = float(text2num(spoken, "en"))
        except ValueError:
            continue
        last = spoken.split()[-1]
        step = _SCALE.get(last, 1.0)
        unit = "%" if m.group("unit") else ""
        found.append(_quantity(text, m.start(), m.end(), value, step, unit))
        taken.append((m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


def _quantity(text: str, start: int, end: int, value: float, step: float, unit: str, year: bool = False) -> Quantity:
    before = text[max(0, start - 24) : start]
    hedge = next((kind for kind, pattern in _HEDGES if pattern.search(before)), "")
    return Quantity(start, end, text[start:end], value, step, hedge, unit, year)


def _step(digits: str) -> float:
    """The rounding a numeral implies: its last decimal place, or its trailing zeros beyond the first.

    "30,000" is read as rounded to the thousand, not to the ten thousand: a writer who
    rounds 29,348 writes "nearly 30,000", and "10,000" is as often exact as not.
    """
    if "." in digits:
        return float(10.0 ** -len(digits.split(".")[1]))
    plain = digits.replace(",", "")
    zeros = len(plain) - len(plain.rstrip("0"))
    if zeros == len(plain) or zeros < 2:
        return 1.0
    return float(10 ** (zeros - 1))


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2199


def _inside_token(text: str, start: int, end: int) -> bool:
    """Digits glued to letters ("F-35", "COVID-19", "G7", "3D") are part of a name, not a number."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    glued_before = before.isalpha() or (before == "-" and start > 1 and text[start - 2].isalpha())
    clock = before == ":" or (after == ":" and end + 1 < len(text) and text[end + 1].isdigit())
    return glued_before or clock or (after.isalpha() and after.lower() not in "mkb")


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)
