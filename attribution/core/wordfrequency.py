"""How common a word is in the language of its text: wordfreq's Zipf frequency, where wordfreq has a table.

wordfreq holds word frequencies for about forty languages (``available_languages``). A text's language
is the one ``checks.language`` detects (fastText's identifier, ISO 639-1 codes); it reads wordfreq's table
for that language, or for one near-identical to it (a langcodes distance under ``MAX_DISTANCE``: Norwegian
"no" reads Bokmål "nb", Serbian, Croatian and Bosnian read "sh"). A language wordfreq has no table for
gets no frequency at all (None), so callers fall back to treating every word alike: wordfreq itself would
answer from its English table, where every word of another language is rare. A text too short to
identify is read as English, as every text was before languages were told apart. Chinese, Japanese
and Korean count as having no table unless wordfreq's tokenizers for them (its ``cjk`` and ``mecab``
extras) are installed.
"""

from __future__ import annotations

from functools import cache, lru_cache

import langcodes
from wordfreq import available_languages, zipf_frequency

ENGLISH = "en"
MAX_DISTANCE = 10
"""langcodes' distance between two codes for one to stand in for the other (under 10: the same language
under another code or a close standard; English for Swahili is 34)."""


@cache
def frequency_table(language: str | None) -> str | None:
    """The wordfreq table for a text in ``language`` (None: not identified, read as English), or None when
    wordfreq has none for it."""
    if language is None:
        return ENGLISH
    found, _ = langcodes.closest_match(language, sorted(available_languages()), max_distance=MAX_DISTANCE)
    if found == "und":
        return None
    try:
        zipf_frequency("a", found)
    except ImportError:  # Japanese and Korean need MeCab, Chinese jieba: wordfreq's extras, not installed
        return None
    return found


@lru_cache(maxsize=65536)
def zipf(word: str, language: str | None) -> float | None:
    """The word's Zipf frequency (0 to about 8; 4 is once in ten thousand words) in the table of
    ``language`` (as ``frequency_table`` chooses it), or None when wordfreq has no table for it."""
    table = frequency_table(language)
    return None if table is None else zipf_frequency(word, table)
