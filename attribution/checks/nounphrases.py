"""Noun phrases of a sentence, from the part-of-speech tags of HanTa (the Hanover Tagger).

A new detail is a thing or a quality of one ("certain low-speed collision events",
"gas-fired power plants"), so its span is a noun phrase: a run of adjectives and
nouns that ends on a noun, with no punctuation inside. Tagging is HanTa's: a pure
Python hidden-Markov tagger whose English model (BNC/CLAWS5 tags, 1.7 MB) ships in
its wheel, loads in about 0.3 s and tags a sentence in milliseconds, offline.
spaCy was not taken: its English models are not on PyPI (they download at run time,
which this product never does) and it weighs tens of megabytes more; NLTK's tagger
also downloads its data at run time. The chunk rule is the textbook adjective-noun
pattern over the tags (``{<JJ.*|NN.*>*<NN.*>}`` in NLTK's ``RegexpParser`` notation),
a few lines that need no library of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from ..core.textfold import Word

_PUNCTUATION = frozenset(',.;:!?()[]"“”—–')
_MODIFIER = ("AJ", "NN", "ORD")
"""CLAWS5 tag prefixes inside a noun phrase: adjectives (AJ0, AJC, AJS), common nouns
(NN0, NN1, NN2), ordinals. Proper nouns (NP0) are names, the name check's business."""


@cache
def _tagger() -> Any:
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_en.pgz")


def tags(text: str, words: Sequence[Word]) -> list[str]:
    """The CLAWS5 tag of each word of one sentence (punctuation between words is given to the tagger too)."""
    tokens: list[str] = []
    owners: list[int | None] = []
    for k, w in enumerate(words):
        if k:
            for c in text[words[k - 1].end : w.start]:
                if c in _PUNCTUATION:
                    tokens.append(c)
                    owners.append(None)
        tokens.append(text[w.start : w.end])
        owners.append(k)
    found = [""] * len(words)
    for (_, _, tag), owner in zip(_tagger().tag_sent(tokens, taglevel=1), owners, strict=True):
        if owner is not None:
            found[owner] = tag
    return found


def noun_phrases(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Word ranges ``[a, b)`` of the sentence's noun phrases: adjectives and common nouns ending on a noun,
    joined by nothing but spaces or hyphens."""
    tagged = tags(text, words)
    found = []
    k = 0
    while k < len(words):
        if not tagged[k].startswith(_MODIFIER):
            k += 1
            continue
        j = k + 1
        while (
            j < len(words)
            and tagged[j].startswith(_MODIFIER)
            and text[words[j - 1].end : words[j].start].strip(" -") == ""
        ):
            j += 1
        end = j
        while end > k and not tagged[end - 1].startswith("NN"):
            end -= 1
        if end > k:
            found.append((k, end))
        k = j
    return found
