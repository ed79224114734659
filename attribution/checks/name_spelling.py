"""How two names' words are spelt: a near miss of one spelling (a garbled name) or one name spelt two ways.

Part of the changed-name check (``checks.fact_names``). Edit distance is rapidfuzz's; the
transliteration and demonym rules are the few forms of one name that a letter count calls close.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import JaroWinkler, Levenshtein

from ..core.textfold import Word
from .variants import VARIANT_SPELLING


def misspelt(mine: list[Word], theirs: list[Word]) -> bool:
    """Whether one word is a near miss of the other's spelling (rapidfuzz Levenshtein): a letter apart, two in a word
    of seven letters or more, at most one letter longer ("Bate" for "Pate", "Stephen" for "Steven"), and not the
    same name spelt another way (``spelt_as``)."""
    if len(mine) != 1 or len(theirs) != 1 or spelt_as(mine[0], theirs[0]):
        return False
    a, b = _spelling(mine[0].text), _spelling(theirs[0].text)
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    return Levenshtein.distance(a, b) <= (1 if max(len(a), len(b)) < 7 else 2)


def spelt_as(mine: Word, theirs: Word) -> bool:
    """Whether two words are one name spelt two ways: only vowels or doubled letters differ ("Mohammad", "Muhammad";
    "Zelensky", "Zelenskiy"), as transliterations do, or one is a people's name beside its country's ("Mexican",
    "Mexico"; "Israeli", "Israel")."""
    a, b = _spelling(mine.text), _spelling(theirs.text)
    if _consonants(a) == _consonants(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(longer) > len(shorter) >= 4 and longer.startswith(shorter[:-1]) and longer.endswith(_DEMONYM_ENDINGS)


_DEMONYM_ENDINGS = ("an", "i", "n", "ese", "ish")


def spelt_as_one(mine: list[Word], theirs: list[Word]) -> bool:
    return len(mine) == len(theirs) == 1 and spelt_as(mine[0], theirs[0])


def _spelling(word: str) -> str:
    """A name's word as spelt, without possessive or apostrophes ("O'Neill's": "oneill")."""
    return re.sub(r"['’]", "", re.sub(r"['’]s$", "", word))


def _consonants(word: str) -> str:
    """The first letter and the consonants after it, doubled letters once: what transliterations keep."""
    return word[:1] + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word[1:]))


def spelt_alike(mine: list[Word], theirs: list[Word]) -> bool:
    return JaroWinkler.similarity(" ".join(w.text for w in mine), " ".join(w.text for w in theirs)) >= VARIANT_SPELLING
