"""Quotation marks paired into quotations: curly, straight and look-alike double marks, single marks inside
double ones, and a straight quotation nested in a straight one (the speaker quoting a phrase).

Kept apart from ``quotes`` (which checks each quotation against the source) because pairing marks is a
question of typography alone, read the same way in both texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.textfold import QUOTE_FORMS

_OPEN_DOUBLE = "“„«‟"
_CLOSE_DOUBLE = "”»"
# Every other double-quote look-alike (″ ʺ ＂ ...) acts as a straight quotation mark.
_STRAIGHT_DOUBLE = '"＂' + "".join(
    c for c, v in QUOTE_FORMS.items() if v == '"' and c not in _OPEN_DOUBLE + _CLOSE_DOUBLE
)
_TRIM = " \t\n,.;:—–-"
MAX_QUOTE_CHARS = 800


@dataclass(frozen=True)
class QuoteSpan:
    """The text between a pair of quotation marks (marks excluded).

    ``nested``: a quotation inside another one (‘menacing predator’ inside “…”, or
    "majestic" inside "…"): the speaker's quotation marks, not the writer's.
    """

    start: int
    end: int
    nested: bool = False


def find_quotations(text: str) -> list[QuoteSpan]:
    """Double-quoted spans (straight or curly) and single-quoted ones (‘…’ or '…').

    A quotation never runs past the end of its paragraph: news style reopens a
    quotation that continues into the next paragraph without closing it. Nor is it
    longer than MAX_QUOTE_CHARS: that is two stray marks paired up. Inside an open
    double quotation, a straight double mark that begins a word opens a nested
    quotation ("the stereotypical "menacing predator" narrative"), kept only when the
    outer one then closes on the same line; otherwise the paragraph is paired flat, each
    mark closing the open quotation, as an unclosed stray mark needs.
    """
    spans: list[QuoteSpan] = []
    n = len(text)
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n" and (i + 1 >= n or text[i + 1] in "\r\n" or (i > 0 and text[i - 1] == "\n")):
            spans += _paragraph_quotations(text, start, i)
            start = i + 1
    spans += _paragraph_quotations(text, start, n)
    spans = [_trimmed(text, s) for s in sorted(spans, key=lambda s: s.start)]
    # Longer than a long paragraph: two stray marks paired up, not a quotation.
    return [s for s in spans if 2 <= s.end - s.start <= MAX_QUOTE_CHARS]


def _paragraph_quotations(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    nested = _paired(text, lo, hi, nest=True)
    return nested if nested is not None else (_paired(text, lo, hi, nest=False) or [])


def _paired(text: str, lo: int, hi: int, *, nest: bool) -> list[QuoteSpan] | None:
    """The quotations of text[lo:hi]; None when an outer quotation holding a nested one is not closed on its line.

    A line that ends inside a quotation is news style's unclosed paragraph (the next one reopens it), so a mark
    that seemed to open a nested quotation there was that outer quotation's end: the flat pairing reads it so.
    """
    spans: list[QuoteSpan] = []
    double_open: int | None = None
    inner_open: int | None = None  # a straight double quotation nested in the open one
    nesting = False  # the open double quotation holds a nested one
    single_open: int | None = None
    n = len(text)
    for i in range(lo, hi):
        ch = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if nesting and ch == "\n":
            return None
        if ch in _STRAIGHT_DOUBLE and inner_open is not None:
            spans.append(QuoteSpan(inner_open, i, nested=True))
            inner_open = None
        elif (
            nest
            and ch in _STRAIGHT_DOUBLE
            and double_open is not None
            and before in " \t\u00a0([{—–/"
            and after.isalnum()
        ):
            inner_open, nesting = i + 1, True
        elif ch in _OPEN_DOUBLE or (ch in _STRAIGHT_DOUBLE and double_open is None):
            if nesting:
                return None
            double_open = i + 1
        elif ch in _CLOSE_DOUBLE or ch in _STRAIGHT_DOUBLE:
            if double_open is not None:
                spans.append(QuoteSpan(double_open, i))
            double_open, nesting = None, False
        elif ch in "‘'" and single_open is None and not before.isalnum() and after.isalnum():
            single_open = i + 1
        if ch in "’'" and single_open is not None and i > single_open and _closes_single(ch, before, after):
            spans.append(QuoteSpan(single_open, i, nested=double_open is not None and double_open < single_open))
            single_open = None
    return None if nesting else spans


def _closes_single(mark: str, before: str, after: str) -> bool:
    """A single mark that ends a word, not an apostrophe inside one or a plural's ("the teachers' union")."""
    return not after.isalnum() and not before.isspace() and not (before == "s" and after == " " and mark == "'")


def _trimmed(text: str, span: QuoteSpan) -> QuoteSpan:
    start, end = span.start, span.end
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return QuoteSpan(start, end, span.nested)
