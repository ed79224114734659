"""Folding text to a comparable form while keeping every offset into the original.

Two texts are compared after NFKC, case folding, and undoing the character tricks
used to hide copying (look-alike letters from other scripts, zero-width characters,
soft hyphens, odd spaces, fullwidth forms, swapped quote and dash characters). Each
folded character remembers the original character it came from, so any match found
in folded text maps back to exact offsets in the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Cyrillic and Greek letters that render like Latin ones (Unicode confusables, the
# subset that occurs in practice in homoglyph-disguised English text).
_HOMOGLYPHS = {
    **dict(zip("асеорхуіјѕԁһԛԝӏɡ", "aceopxyijsdhqwlg", strict=True)),
    **dict(zip("АВСЕНІЈКМОРЅТХУ", "ABCEHIJKMOPSTXY", strict=True)),
    **dict(zip("οαν", "oav", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
}
_QUOTES = {
    **dict.fromkeys("‘’‚‛′‵ʹʼˈ`´", "'"),
    **dict.fromkeys("“”„‟″‶ʺ«»", '"'),
}
_DASHES = dict.fromkeys("‐‑‒–—―−⁃", "-")
QUOTE_FORMS = _QUOTES
# Ordinary typography that is not a trick: curly quotes, en and em dashes, NBSP.
_TYPOGRAPHY = set("‘’“”–—\u00a0…")

TRICK_NAMES = {
    "homoglyph": "look-alike letters from another script",
    "zero_width": "invisible zero-width characters",
    "soft_hyphen": "soft hyphens",
    "odd_space": "unusual space characters",
    "fullwidth": "fullwidth letters",
    "quote_dash": "unusual quote or dash characters",
    "control": "control characters (terminal escape codes)",
}


@dataclass(frozen=True)
class Folded:
    """``text`` folded; ``origin[i]`` is the index in the original of ``text[i]``."""

    text: str
    origin: Sequence[int]
    """A ``range`` when folding kept every character in place (the common case)."""
    tricks: tuple[tuple[str, int], ...]
    """(trick name, original offset) for each disguising character found."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded slice ``text[start:end]``."""
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(ch: str) -> tuple[str, str | None]:
    """The folded form of one character and the trick it betrays, if any."""
    if ch in _HOMOGLYPHS:
        return _HOMOGLYPHS[ch], "homoglyph"
    if ch in _QUOTES:
        return _QUOTES[ch], None if ch in _TYPOGRAPHY or ch.isascii() else "quote_dash"
    if ch in _DASHES:
        return _DASHES[ch], None if ch in _TYPOGRAPHY else "quote_dash"
    if ch == "\u00ad":
        return "", "soft_hyphen"
    category = unicodedata.category(ch)
    if category == "Cf":
        return "", "zero_width"
    if category == "Cc" and not ch.isspace():
        return "", "control"  # ESC[2K wipes a terminal line; NUL, BEL, DEL have no place in prose
    if ch.isspace():
        odd = ch not in " \t\n\r\u00a0\x0b\x0c"
        return ("\n" if ch in "\n\r" else " "), "odd_space" if odd else None
    if ch.isascii():
        return ch, None
    folded = unicodedata.normalize("NFKC", ch)
    # Fullwidth letters and digits disguise Latin text; fullwidth punctuation is how
    # Japanese and Chinese text is written (（）！？：), not a trick.
    trick = "fullwidth" if ch.isalnum() and "\uff01" <= ch <= "\uff5e" else None
    if folded != ch:
        folded = "".join(_QUOTES.get(c, _DASHES.get(c, c)) for c in folded)
    return folded, trick


@lru_cache(maxsize=4096)
def _fold_char_cached(ch: str) -> tuple[str, str | None]:
    return _fold_char(ch)


_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def disguised_letters(text: str) -> set[int]:
    """Offsets of look-alike letters that disguise a Latin word.

    A word that mixes Latin letters with Cyrillic or Greek look-alikes, or a lower-case
    word (or a single letter) made only of look-alikes among Latin text ("реасе"), is a
    disguise. A word of that script is that language, not a trick: Russian or Greek
    words, and capitalised ones such as "СССР" or "ΟΧΙ" quoted in English copy.
    """
    found: set[int] = set()
    for m in _LETTERS.finditer(text):
        word = m.group()
        confusable = [i for i, ch in enumerate(word) if ch in _HOMOGLYPHS]
        if not confusable:
            continue
        has_latin = any("a" <= ch.lower() <= "z" for ch in word)
        all_confusable = len(confusable) == len(word)
        a_word_of_its_own = len(word) > 1 and word.isupper()
        if has_latin or (all_confusable and not a_word_of_its_own and _latin_context(text, m.start(), m.end())):
            found.update(m.start() + i for i in confusable)
    return found


def _latin_context(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 40) : start] + text[end : end + 40]
    latin = sum(1 for ch in around if "a" <= ch.lower() <= "z")
    return latin >= 0.5 * sum(1 for ch in around if ch.isalpha())


def clean(text: str) -> str:
    """The text as a reader sees it, with disguising characters undone and case kept.

    This is what the embedding model and the pattern rules read, so a disguised copy
    reads like the original.
    """
    return fold(text, lower=False).text


# One-for-one replacements of ordinary typography, for the fast path below.
_PLAIN_TABLE = str.maketrans(
    {
        **{c: v for c, v in _QUOTES.items() if c in _TYPOGRAPHY or c.isascii()},
        **{c: v for c, v in _DASHES.items() if c in _TYPOGRAPHY},
        "\t": " ",
        "\r": "\n",
        "\x0b": " ",
        "\x0c": " ",
        "\u00a0": " ",
    }
)
# Anything that needs the careful path: possible disguises, format characters, odd spaces.
_SPECIAL = re.compile(
    "["
    + re.escape("".join(_HOMOGLYPHS))
    + re.escape("".join(c for c in {**_QUOTES, **_DASHES} if c not in _TYPOGRAPHY and not c.isascii()))
    + "\x00-\x08\x0e-\x1f\x7f\u00ad\u0080-\u009f\u115f\u1160\u1680\u180e\u2000-\u200f\u202a-\u202f"
    + "\u2028\u2029\u205f-\u206f\u3000\ufeff\uff01-\uff5e\ufff9-\ufffb"
    # The other format characters (category Cf): Arabic and Syriac marks, Egyptian hieroglyph
    # joiners, shorthand and musical format controls, and the invisible tag characters, which
    # can carry hidden text ("ASCII smuggling").
    + "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd\U00013430-\U0001343f"
    + "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def fold(text: str, *, lower: bool = True) -> Folded:
    """Fold ``text`` (and, with ``lower``, case-fold it), keeping each character's origin."""
    # Fast path: text already in NFKC with nothing to undo folds one character for one.
    if unicodedata.is_normalized("NFKC", text) and not _SPECIAL.search(text):
        folded = text.translate(_PLAIN_TABLE)
        if lower:
            folded = folded.lower()
        if len(folded) == len(text):
            return Folded(folded, range(len(text)), ())
    return _fold_carefully(text, lower=lower)


def _fold_carefully(text: str, *, lower: bool) -> Folded:
    """Character by character: undoes every disguise and records it."""
    out: list[str] = []
    origin: list[int] = []
    tricks: list[tuple[str, int]] = []
    disguised = disguised_letters(text) if any(ch in _HOMOGLYPHS for ch in text) else set()
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isalnum():
            out.append(ch.lower() if lower else ch)
            origin.append(i)
            continue
        folded, trick = _fold_char_cached(ch)
        if trick == "homoglyph" and i not in disguised:
            folded, trick = ch, None  # a Russian or Greek word is that language, not a disguise
        if lower:
            folded = folded.lower()
        if trick:
            tricks.append((trick, i))
        for c in folded:
            out.append(c)
            origin.append(i)
    return Folded("".join(out), tuple(origin), tuple(tricks))


_WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Word:
    text: str
    """Folded form, for comparison."""
    start: int
    end: int
    """Offsets into the original text."""


def words(text: str, folded: Folded | None = None) -> list[Word]:
    """The words of ``text`` in folded form, with original offsets.

    A possessive ``'s`` stays part of its word: "Korea's" and "Korea’s" fold alike.
    """
    if folded is None:
        return list(_words_cached(text))
    return _words(folded)


@lru_cache(maxsize=256)
def _words_cached(text: str) -> tuple[Word, ...]:
    # A batch compares one wire story with many rewrites: its words are found once.
    return tuple(_words(fold(text)))


def _words(folded: Folded) -> list[Word]:
    result = []
    for m in _WORD.finditer(folded.text):
        start, end = folded.span(m.start(), m.end())
        result.append(Word(m.group(), start, end))
    return result


# The same words in ASCII text: an ASCII class is a bitmap test, [^\W_] a Unicode category lookup per
# character (indexing a million stories runs this on every one of them).
_ASCII_WORD = re.compile(r"[0-9A-Za-z]+(?:['.\-][0-9A-Za-z]+)*")


def word_strings(text: str) -> list[str]:
    """The folded words of ``text`` without offsets: what ``words`` gives as ``.text``, faster (for indexing)."""
    folded = fold(text).text
    return (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)


def plain(text: str) -> str:
    """Folded text with runs of white space collapsed: for comparing snippets."""
    return " ".join(fold(text).text.split())
