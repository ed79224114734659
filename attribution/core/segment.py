"""Stage 2: a text becomes sentences with character offsets into it.

Rules, in order:
- A line that does not end in sentence-final punctuation (a headline, a byline,
  a navigation item) is a sentence of its own, unless the paragraph is hard-wrapped
  prose, whose lines are joined.
- Inside a line, a sentence ends at ``. ! ? …`` (with any closing quotes or
  brackets) before white space and a word that does not start in lower case.
- Abbreviations (U.S., Dr., No. 5, Jan. 1) and initials (J. Smith) do not end a
  sentence; a dotted acronym does when the next word plainly starts a sentence.
- An agency dateline ("SEOUL (Reuters) -") is a sentence of its own.
- No sentence grows past MAX_SENTENCE_CHARS: text without punctuation is cut at
  white space, so pathological input stays bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import ABBREVIATED_TITLES, MONTH_ABBREVIATIONS
from .records import Sentence
from .textfold import clean

MAX_SENTENCE_CHARS = 1000

_CLOSERS = "\"'”’»)]"
_LINE_END_FINAL = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*\s*$")
# Linear on any input: a run of marks is tried once, from its first mark (the lookbehind), and
# never backtracked (possessive): "?!" * 20000 took 47 s, 40,000 dots 30 s, when every position
# of the run rescanned the rest of it.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s++\S)|[。！？]+[\"'”’»)\]]*")
_WORD_BEFORE = re.compile(r"(\S+)$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_INITIAL = re.compile(r"^[A-Z]\.$")
DATELINE = re.compile(
    r"[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z0-9.\- ]{1,30}){0,2}\s*"
    r"(?:\([A-Za-z][A-Za-z0-9 .&/\-]{0,40}\)\s*)?[-–—]+\s*"
)
AGENCY_DATELINE = re.compile(
    r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3},\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?\s+"
    r"\([A-Z]{2,8}\)\s*(?:[-–—]+\s*)?"
)
"""A dateline in the case its place is written in, with a date and an agency's initials in brackets and no
dash ("New Delhi, Dec 13 (IANS) Taiwanese contract manufacturer...")."""

_TITLES = ABBREVIATED_TITLES | frozenset(
    [
        "inc",
        "corp",
        "co",
        "ltd",
        "bros",
        "vs",
        "mt",
        "ft",
        "ave",
        "blvd",
        "dept",
        "univ",
    ]
)
# Abbreviations only when a number follows: "No. 5", "Jan. 1", "Art. 3".
_NUMBERED = ["no", "nos", "art", "arts", "fig", "figs", "vol", "vols", "p", "pp", "ch", "sec", "para"]
_BEFORE_NUMBER = frozenset(_NUMBERED) | MONTH_ABBREVIATIONS
# Words that plainly open a sentence, so "... the U.S. The talks ..." splits.
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "but",
        "and",
        "this",
        "that",
        "these",
        "those",
        "there",
        "his",
        "her",
        "its",
        "their",
        "in",
        "on",
        "at",
        "after",
        "before",
        "when",
        "while",
        "however",
        "meanwhile",
    ]
)


def segment(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for block, (start, end) in enumerate(_blocks(text)):
        for s, e in _split_block(text, start, end):
            sentences.append(Sentence(len(sentences), s, e, text[s:e], block))
    return tuple(sentences)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"))
        pos += len(line)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Lines, with hard-wrapped prose joined into paragraphs."""
    paragraph: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if text[start:end].strip():
            paragraph.append((start, end))
            continue
        yield from _paragraph_blocks(text, paragraph)
        paragraph = []
    yield from _paragraph_blocks(text, paragraph)


def _paragraph_blocks(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    if not lines:
        return
    if _is_wrapped(text, lines):
        yield lines[0][0], lines[-1][1]
        return
    group = [lines[0]]
    for line in lines[1:]:
        previous = text[group[-1][0] : group[-1][1]]
        following = text[line[0] : line[1]].lstrip()
        if not _LINE_END_FINAL.search(previous) and following[:1].islower() and len(previous.split()) >= 4:
            group.append(line)  # a sentence carried over a line break (a short line is a list item)
        else:
            yield group[0][0], group[-1][1]
            group = [line]
    yield group[0][0], group[-1][1]


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Hard-wrapped prose: long lines of near-equal width, mostly open at the end, some carried on in lower case."""
    if len(lines) < 3:
        return False
    widths = [e - s for s, e in lines[:-1]]
    if min(widths) < 40 or max(widths) - min(widths) > 20:
        return False
    open_ends = sum(1 for s, e in lines[:-1] if not _LINE_END_FINAL.search(text[s:e]))
    carried = sum(1 for s, e in lines[1:] if text[s:e].lstrip()[:1].islower())  # the line, not the rest of the text
    return carried > 0 and open_ends * 2 >= len(lines) - 1


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    at = _skip_space(text, start, end)
    dateline = DATELINE.match(text, at, end)
    if not (dateline and is_dateline(dateline.group())):
        dateline = AGENCY_DATELINE.match(text, at, end)
    if (
        dateline
        and dateline.end() < end
        and (is_dateline(dateline.group()) or AGENCY_DATELINE.fullmatch(dateline.group()))
    ):
        yield _trim(text, cursor, dateline.end())
        cursor = dateline.end()
    for m in _BOUNDARY.finditer(text, cursor, end):
        if m.end() <= cursor or not _ends_sentence(text, m.start(), m.end(), end):
            continue
        yield from _bounded(text, *_trim(text, cursor, m.end()))
        cursor = m.end()
    if text[cursor:end].strip():
        yield from _bounded(text, *_trim(text, cursor, end))


def is_dateline(candidate: str) -> bool:
    # An all-caps place name ("SEOUL", "CEDAR RIDGE, Colo."), then an agency in brackets or a dash.
    head = candidate.split("(")[0].split(",")[0].strip(" -–—")
    letters = [c for c in head if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _ends_sentence(text: str, mark_start: int, mark_end: int, end: int) -> bool:
    mark = text[mark_start:mark_end]
    if mark[0] in "。！？":
        return True
    nxt = clean(_next_word(text, mark_end, end))
    if not nxt or nxt[0].islower():
        return False
    if mark.rstrip(_CLOSERS) != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, mark_start - 40), mark_start + 1)
    word = clean(before.group(1)).lstrip("(\"'“‘") if before else ""
    bare = word.rstrip(".").lower()
    if _INITIAL.match(word) or bare in _TITLES:
        return False
    if bare in _BEFORE_NUMBER and nxt[0].isdigit():
        return False
    if _DOTTED_ACRONYM.match(word):
        return nxt.strip("\"'“‘(").lower() in _OPENERS
    return True


def _next_word(text: str, pos: int, end: int) -> str:
    m = re.compile(r"\s+(\S+)").match(text, pos, end)
    return m.group(1) if m else ""


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long stretch at white space (or anywhere, if it has none)."""
    if start >= end:
        return
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        s, e = _trim(text, start, cut)
        if s < e:
            yield s, e
        start = _skip_space(text, cut, end)
    if start < end:
        yield start, end
