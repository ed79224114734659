"""Word-level helpers shared by the stages: stop words and a crude stem.

The stem is deliberately blunt (a prefix), so that spelling variants and inflections
("criticised"/"criticized", "threatened"/"threats") meet without a language model.
"""

from __future__ import annotations

from .textfold import Word

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "without",
        "into",
        "onto",
        "upon",
        "about",
        "above",
        "below",
        "over",
        "under",
        "after",
        "before",
        "during",
        "since",
        "until",
        "while",
        "as",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "i",
        "me",
        "my",
        "mine",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "nor",
        "only",
        "also",
        "just",
        "very",
        "too",
        "more",
        "most",
        "such",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "either",
        "neither",
        "other",
        "another",
        "same",
        "own",
        "again",
        "further",
        "once",
        "said",
        "says",
        "say",
        "say,",
        "s",
        "'s",
        "t",
        "if",
        "because",
        "though",
        "although",
        "whether",
        "per",
        "via",
        "up",
        "down",
        "out",
        "off",
    ]
)


MONTH_ABBREVIATIONS = frozenset(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august"]
_MONTH_NAMES += ["september", "october", "november", "december"]
MONTHS = frozenset(_MONTH_NAMES) | MONTH_ABBREVIATIONS
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
ORDINALS += ["eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"]
ORDINALS += ["eighteenth", "nineteenth", "twentieth"]
"""The ordinal words for 1 to 20, in order: ``ORDINALS[n - 1]``."""
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def stem(word: str) -> str:
    w = word.removesuffix("'s")
    if len(w) >= 7:
        return w[:6]
    return w.rstrip("s") if len(w) > 3 else w


def content_stems(words: list[Word]) -> list[str]:
    """Stems of the words that carry content (not stop words, not single characters)."""
    return [stem(w.text) for w in words if w.text not in STOP_WORDS and len(w.text) > 1]


SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "wrote",
        "writes",
        "stated",
        "states",
        "explained",
        "explains",
        "noted",
        "notes",
        "according",
        "announced",
        "announces",
        "continued",
        "continues",
    ]
)
"""Verbs (and "according") that attribute words to a speaker in a quotation's frame."""
