"""Word-level helpers shared by the stages: stop words in the text's language and a crude stem.

The stem is deliberately blunt (a prefix), so that spelling variants and inflections
("criticised"/"criticized", "threatened"/"threats") meet without a language model; it
is the same in every language.

Stop words are read in a language (``stop_words``): the derivative's, as ``checks.language``
detects it and the pipeline passes it along, once per comparison (as ``core.wordfrequency``
reads word rarity), for both texts: the checks ask whether a derivative's word is the
source's, which needs one list on both sides. English, and a text whose language is not identified, keep ``STOP_WORDS``,
the list every English figure was measured with, exactly. Another language's list comes
from the ``stop-words`` package (``get_stop_words``, keyed by ISO 639-1 codes; 30-odd
languages), chosen over ``stopwordsiso``: stopwords-iso merges several sources into long
lists (620 words for German, 691 for French) that hold news content words such as
"jahr", "uhr", "heute", "drei", "zehn" (numbers and dates are details here), while
stop-words' German list is the Snowball one of function words (263) and its French one
mostly so (348, with a few content words: "deux", "état", "nouveau"). A language stop-words
has no list for gets the English list alone.

The other language's list is added to the English one, not put in its place: news in
German or French quotes English speakers, and names organisations, titles and products in
English ("Bank of England", "Chief Executive Officer"); read as content, their "of" and
"the" would be words two texts share and could make up a phrase detail. What the union
gives up is a handful of English function words that are content words elsewhere (French
"but", a goal; German "Mine"), far rarer in a story than English names and quotations.

Our tokenizer keeps an elided article with its word ("qu'il", "c'est", "l'a" are one
word each), while the lists give the article alone ("qu'", "l'", "c"): for a language
whose list writes elisions, each one-letter or elided entry joined by an apostrophe to
an entry of the list is a stop word too (``_elided``); "l'économie" stays a content word.
"""

from __future__ import annotations

from functools import cache

from .textfold import Word, word_strings

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
ABBREVIATED_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "rep",
        "sen",
        "gov",
        "pres",
        "rev",
        "hon",
        "messrs",
        "mme",
        "mlle",
        "supt",
        "insp",
        "det",
        "cpl",
        "pvt",
    ]
)
"""A person's titles written short with a full stop ("Dr. Bruce Ivins", "Gov. Youngkin"): the stop ends no sentence
and no name."""
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


def content_stems(words: list[Word], language: str | None = None) -> list[str]:
    """Stems of the words that carry content (not stop words of ``language``, not single characters)."""
    stops = stop_words(language)
    return [stem(w.text) for w in words if w.text not in stops and len(w.text) > 1]


@cache
def stop_words(language: str | None) -> frozenset[str]:
    """The stop words of a text in ``language`` (an ISO 639-1 code; None: not identified, read as English):
    ``STOP_WORDS`` and, for another language that ``stop-words`` has a list for (or one near-identical
    to it, as ``core.wordfrequency`` matches codes: Norwegian "no" reads "nb"), that list, folded as
    the texts' words are."""
    if language is None:
        return STOP_WORDS
    # Imported here: every stage reads this module, and English texts never need them (wordfreq's is 0.1 s).
    import langcodes
    from stop_words import LANGUAGE_MAPPING, get_stop_words

    from .wordfrequency import ENGLISH, MAX_DISTANCE

    found, _ = langcodes.closest_match(language, sorted(LANGUAGE_MAPPING), max_distance=MAX_DISTANCE)
    if found in ("und", ENGLISH):
        return STOP_WORDS
    listed = get_stop_words(found)
    own = {w for entry in listed for w in _folded(entry)}
    return STOP_WORDS | own | _elided(listed, own)


def _folded(entry: str) -> list[str]:
    """A list entry as the texts' words are folded ("d'" is "d"), if it is one word."""
    found = word_strings(entry)
    return found if len(found) == 1 else []


def _elided(listed: list[str], own: set[str]) -> set[str]:
    """Elided articles and pronouns joined to a stop word ("qu'il", "c'est", "n'a"), where the list writes
    elisions ("qu'", "l'"): the prefixes are those entries and the list's one-letter words."""
    elisions = {w for entry in listed if entry.endswith("'") for w in _folded(entry)}
    if not elisions:
        return set()
    prefixes = elisions | {w for w in own if len(w) == 1 and w.isalpha()}
    return {f"{p}'{w}" for p in prefixes for w in own}


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
