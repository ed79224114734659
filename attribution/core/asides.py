"""Asides: text at the edge of a source page's story that is about something else.

A news page carries, around the story it shows, paragraphs that are not that story:
the teaser of an unrelated story after it ("A utility company has run the numbers
and warns that the US grid can't provide the charging power..." under a story on an
air-bag recall), the publisher's appeal for support before it ("Your donation allows
us to keep sending journalists..."). They are prose, so their form alone does not
tell them from the story (``core/roles.py`` reads form and position before anything is
compared); what tells them is that they are off the story's topic, and that the rewrite
never draws on them. Reported as omitted, they are false findings.

So, per source: the story's paragraphs (blocks of story sentences; the headline always
counts as story) are read from each edge of the page inwards. An edge run of paragraphs
is an aside when every one of them, and the run as a whole, sits off the topic of the
rest of the story (the cosine of their mean sentence vectors under ``ASIDE_COSINE``),
when it is long enough for its vectors to say what it is about (``ASIDE_MIN_SENTENCES``,
``ASIDE_MIN_WORDS``), when it is at most half of the story's paragraphs (the story is
what the page is mostly about), and when the derivative draws on none of it (a sentence
the rewrite uses is the story's, whatever its topic). The longest such run at each edge
is taken, the more clearly separated edge first, and the other edge is then measured
against what remains (a long appeal before the story must not make the story's own end
look off its topic).

Applied to the source's records once the derivative has been judged: it needs the
sentence vectors and what the derivative drew on, so it is no part of the roles a text
gets before it is compared (and the prepared text, shared by every pair, keeps its own).
Derivative sentences are not read as asides: an off-topic paragraph in a rewrite is what
an added claim looks like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from . import thresholds as T
from .records import Role, SourceLabel, SourceSentence
from .text import PreparedText

_QUOTE_OPENS = re.compile(r"^\W{0,3}[\"“”„«‘’']")
"""A paragraph that opens with a quotation mark quotes one of the story's speakers."""


def mark_asides(
    source: PreparedText,
    vectors: np.ndarray,
    judged: Sequence[SourceSentence],
    sizes: Sequence[int] = (),
) -> tuple[SourceSentence, ...]:
    """``judged`` with each aside's sentences given the role ``aside`` and the label ``boilerplate``.

    ``vectors``: one row per source sentence (story sentences unit length, the rest zero).
    ``sizes``: how many sentences each source has when several are joined (default: one source).
    """
    found: set[int] = set()
    first = 0
    for size in sizes or [len(judged)]:
        found |= _asides_in(source, vectors, judged[first : first + size])
        first += size
    if not found:
        return tuple(judged)
    return tuple(
        replace(s, sentence=replace(s.sentence, role=Role.ASIDE), label=SourceLabel.BOILERPLATE)
        if s.index in found
        else s
        for s in judged
    )


def _asides_in(source: PreparedText, vectors: np.ndarray, judged: Sequence[SourceSentence]) -> set[int]:
    story = [s for s in judged if s.sentence.role.is_story]
    headline = [s.index for s in story if s.sentence.role is Role.HEADLINE]
    blocks: list[list[SourceSentence]] = []
    for s in story:
        if s.sentence.role is Role.HEADLINE:
            continue
        if blocks and blocks[-1][0].sentence.block == s.sentence.block:
            blocks[-1].append(s)
        else:
            blocks.append([s])
    budget = len(blocks) // 2
    low, high = 0, len(blocks)  # the blocks not yet taken: blocks[low:high]
    found: set[int] = set()
    for _ in range(2):
        runs = [
            (cosine, side, k)
            for side in ("start", "end")
            if side == "end" or headline
            for cosine, k in [_edge_run(source, vectors, blocks[low:high], headline, side, budget)]
            if k
        ]
        if not runs:
            break
        _, side, k = min(runs)
        run = blocks[low : low + k] if side == "start" else blocks[high - k : high]
        found |= {s.index for block in run for s in block}
        low, high = (low + k, high) if side == "start" else (low, high - k)
        budget -= k
    return found


def _edge_run(
    source: PreparedText,
    vectors: np.ndarray,
    blocks: list[list[SourceSentence]],
    headline: list[int],
    side: str,
    budget: int,
) -> tuple[float, int]:
    """How many paragraphs at one edge make the longest run off the rest's topic, and its cosine with the rest."""
    best = (1.0, 0)
    for k in range(1, budget + 1):
        cut = k if side == "start" else len(blocks) - k
        run, rest = (blocks[:cut], blocks[cut:]) if side == "start" else (blocks[cut:], blocks[:cut])
        newest = run[-1] if side == "start" else run[0]
        if any(s.label is SourceLabel.USED for s in newest) or _QUOTE_OPENS.match(newest[0].sentence.text):
            break  # the rewrite draws on it, or it quotes the story's speaker: the story's, as is all further in
        centre = _mean(vectors, headline + [s.index for block in rest for s in block])
        members = [s.index for block in run for s in block]
        if centre is None or not rest:
            break
        cosines = [_cosine(vectors, members, centre)] + [_cosine(vectors, [s.index for s in b], centre) for b in run]
        words = sum(b - a for a, b in (source.sentence_words[i] for i in members))
        if max(cosines) < T.ASIDE_COSINE and len(members) >= T.ASIDE_MIN_SENTENCES and words >= T.ASIDE_MIN_WORDS:
            best = (cosines[0], k)
    return best


def _cosine(vectors: np.ndarray, rows: list[int], centre: np.ndarray) -> float:
    mean = _mean(vectors, rows)
    return 0.0 if mean is None else float(mean @ centre)


def _mean(vectors: np.ndarray, rows: list[int]) -> np.ndarray | None:
    """The unit mean of some sentences' vectors (None when they have none)."""
    if not rows:
        return None
    total = vectors[rows].sum(axis=0)
    norm = float(np.linalg.norm(total))
    return total / norm if norm else None
