"""Changed names: a name of a rewrite standing where the source sentence it retells has another.

Part of the changed-fact check (``checks.facts``): names, places, weekdays and months,
compared between one derivative sentence and the source sentences it is aligned to.
A parser (spaCy) would find roles more exactly; it is not a dependency of attrib, and
the slot rules below (the same word beside both names, or two names in the opposite
order around one verb) catch the swaps SummEdits-style edits make.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import JaroWinkler

from ..core.lexicon import STOP_WORDS, stem
from ..core.records import ChangedFact, DetailKind, FactChange
from ..core.text import PreparedText
from ..core.textfold import Word
from .details import is_variant, known_name
from .name_groups import names_in
from .variants import VARIANT_SPELLING


def changed_names(
    derivative: PreparedText,
    i: int,
    sources: Sequence[int],
    source: PreparedText,
    variants: frozenset[str],
    stops: frozenset[str] = STOP_WORDS,
) -> list[ChangedFact]:
    """A name, place, weekday or month the source never has, standing where the aligned sentence has another.

    A new name (not another spelling of one of the source's, ``details.name_variants``)
    is a swap when a name of the aligned sentences has as many words and differs in one
    ("Stanley S. Wolf" for "John S. Wolf"); else, when it shares no word with their
    names ("Apple Computer" for "Apple's iTunes" is the same company), when exactly one
    name of the same kind there is one the rewrite mentions nowhere, in any of its
    words, and the two stand in the same place: a word beside one is the same word
    beside the other ("Nash helped found" for "Evan helped found"). A name the rewrite
    adds elsewhere in the sentence while leaving out another is no swap. ``stops``: the stop words of the
    derivative's language (``lexicon.stop_words``), which neither name nor place anyone.
    """
    mine = names_in(derivative, i)
    new = [(kind, g) for kind, g in mine if not known_name(source, kind, g, derivative.text)]
    theirs = [(k, g) for j in sources for k, g in names_in(source, j)]
    their_stems = {stem(w.text) for _, g in theirs for w in g}
    source_words = source.derived("fact_names.words", lambda t: frozenset(stem(w.text) for w in t.words))
    mentioned = {stem(w.text) for w in derivative.words}
    mentioned |= {w.text[:k] for w in derivative.words for k in range(3, 5) if len(w.text) > k}  # "Adm." in "Admiral"
    found = []
    for kind, group in new:
        if len(group) == 1 and len(group[0].text.rstrip(".")) < 2:
            continue  # an initial ("Dolores E. Mahoy") names no one on its own
        same_kind = [g for k, g in theirs if (k == DetailKind.DATE) == (kind == DetailKind.DATE)]
        partner = _one_word_apart(group, same_kind, stops) or _replaced_run(group, same_kind, source_words, stops)
        # A variant spelling ("Bengaluru City" for "Bangalore City") renames; "Court of Environmental Quality"
        # is close to "Department of Environmental Quality" only through the words the two share.
        if partner is not None and not (is_variant(derivative.text, group, variants) and _spelt_alike(*partner)):
            found.append(_pair(derivative, i, source, *partner))
            continue
        if is_variant(derivative.text, group, variants) or {stem(w.text) for w in group} & their_stems:
            continue  # "Elon Musk's Tesla" for "Tesla Inc" names the same company
        dropped = [
            g
            for k, g in theirs
            if (k == DetailKind.DATE) == (kind == DetailKind.DATE)
            and not known_name(derivative, k, g)
            and not {stem(w.text) for w in g if w.text not in stops} & mentioned
            and _same_place(derivative, group, source, g, stops)
        ]
        if len(dropped) == 1:
            found.append(_pair(derivative, i, source, group, dropped[0]))
    return found


def _one_word_apart(
    group: list[Word], theirs: list[list[Word]], stops: frozenset[str]
) -> tuple[list[Word], list[Word]] | None:
    """A name of as many words that differs from ``group`` in one of them, both capitalised names:
    "Sheena November" for "Sheena Young", "Stanley S. Wolf" for "John S. Wolf". The two differing words."""
    for g in theirs:
        if len(g) != len(group) or len(g) < 2:
            continue
        differ = [(a, b) for a, b in zip(group, g, strict=True) if _bare(a.text) != _bare(b.text)]
        pair = {differ[0][0].text.rstrip("."), differ[0][1].text.rstrip(".")} if len(differ) == 1 else set()
        if pair and not pair & (_CONNECTOR_WORDS | stops | _TITLES) and min(map(len, pair)) > 1:
            return [differ[0][0]], [differ[0][1]]
    return None


def _replaced_run(
    group: list[Word], theirs: list[list[Word]], source_words: frozenset[str], stops: frozenset[str]
) -> tuple[list[Word], list[Word]] | None:
    """A name that keeps the start or end of one of the aligned sentence's and puts new words in the rest:
    "Lars Graf Sheriff Roger Vanderpool" for "Pinal County Sheriff Roger Vanderpool", "Sheena November" for
    "Sheena Young of Child". The new words are words the source never uses, and neither a title ("President
    Bush" for "Mr. Bush") nor a short form of the words they replace ("Fed" for "Federal Reserve", "CEO" for
    "Chief Executive Officer"). The two differing runs."""
    for g in theirs:
        mine_bare, their_bare = [_bare(w.text) for w in group], [_bare(w.text) for w in g]
        head = 0
        while head < min(len(group), len(g)) and mine_bare[head] == their_bare[head]:
            head += 1
        tail = 0
        while tail < min(len(group), len(g)) - head and mine_bare[-1 - tail] == their_bare[-1 - tail]:
            tail += 1
        new, old = group[head : len(group) - tail], g[head : len(g) - tail]
        if not head + tail or not new or not old:
            continue
        if not tail and len(new) != len(_before_connector(old)):
            continue  # "Delta Air Lines" is no one-for-one swap of "Delta Connections"
        words = [w.text.rstrip(".") for w in new]
        if any(w in _CONNECTOR_WORDS or w in stops or w in _TITLES or stem(w) in source_words for w in words):
            continue
        if any(w.text.rstrip(".") in _TITLES for w in old) or (len(words) == 1 and len(words[0]) < 2):
            continue  # "Mahmoud Abbas" for "Mr Abbas", "Dolores E. Mahoy" for "Dolores Mahoy"
        if _short_form(words, [w.text for w in old]):
            continue
        return new, old
    return None


_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "vice",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "secretary",
        "minister",
        "prime",
        "premier",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "executive",
        "ceo",
        "cfo",
        "coo",
        "judge",
        "justice",
        "gen",
        "general",
        "col",
        "adm",
        "admiral",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "professor",
        "prof",
        "director",
        "spokesman",
        "spokeswoman",
        "attorney",
        "mayor",
        "commissioner",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "group",
        "company",
        "holdings",
        "u.s",
        "us",
        "uk",
        "u.n",
        "un",
    ]
)
"""Closed-class words a rewrite adds to or trades in a name without changing whom it names."""


def _before_connector(words: list[Word]) -> list[Word]:
    """A name's words up to its "of" ("Young" of "Young of Child")."""
    at = next((k for k, w in enumerate(words) if w.text in _CONNECTOR_WORDS), len(words))
    return words[:at]


def _short_form(new: list[str], old: list[str]) -> bool:
    """Whether ``new`` abbreviates ``old``: initials ("CEO") or prefixes ("Fed" of "Federal")."""
    initials = "".join(w[0] for w in old if w not in _CONNECTOR_WORDS)
    joined = "".join(new).replace(".", "")
    return joined == initials or any(o.startswith(n) for n in new for o in old)


def _spelt_alike(mine: list[Word], theirs: list[Word]) -> bool:
    return JaroWinkler.similarity(" ".join(w.text for w in mine), " ".join(w.text for w in theirs)) >= VARIANT_SPELLING


def _bare(word: str) -> str:
    """A name's word without apostrophes, stemmed ("O'Neill's" and "ONeills" are one)."""
    return stem(re.sub(r"['’]", "", word))


_CONNECTOR_WORDS = frozenset(["of", "the", "de", "al", "bin", "van", "von"])


def _same_place(
    derivative: PreparedText, mine: list[Word], source: PreparedText, theirs: list[Word], stops: frozenset[str]
) -> bool:
    """Whether the word just before or just after each name is the same (a word, not "the" or "of")."""
    return bool(_neighbours(derivative, mine, stops) & _neighbours(source, theirs, stops))


def _neighbours(text: PreparedText, group: list[Word], stops: frozenset[str]) -> set[str]:
    """The word just before and just after the name in its clause, by side, less stop words; past an adverb the
    after the name, past an adverb, the next word too: "Chechen fully repaid" and "Swartz repaid" share the verb."""
    ws = text.words
    at = next((k for k, w in enumerate(ws) if w.start == group[0].start), None)
    if at is None:
        return set()
    found = set()
    for side, steps in (("<", range(at - 1, -1, -1)), (">", range(at + len(group), len(ws)))):
        edge = group[0] if side == "<" else group[-1]
        for k in steps:
            gap = text.text[ws[k].end : edge.start] if side == "<" else text.text[edge.end : ws[k].start]
            if re.search(r"[.!?;:]", gap):
                break
            found.add(side + ws[k].text)
            if side == "<" or not ws[k].text.endswith("ly"):
                break
            edge = ws[k]
    return {n for n in found if n[1:] not in stops or n[1:] in _SLOT_WORDS}


_SLOT_WORDS = frozenset(["said", "says", "told", "added"])
"""Reporting verbs mark a speaker's slot though they are common: "Smith said" for "Keker said"."""


def swapped_names(
    derivative: PreparedText, i: int, source: PreparedText, j: int, stops: frozenset[str] = STOP_WORDS
) -> list[ChangedFact]:
    """Two names both sentences hold, in the opposite order around a shared content word (not in ``stops``, the
    stop words of the derivative's language): who did what to whom."""
    mine = [g[0] for k, g in names_in(derivative, i) if k == DetailKind.NAME]
    theirs = [g[0] for k, g in names_in(source, j) if k == DetailKind.NAME]
    order_mine = [w.text for w in mine]
    order_theirs = [w.text for w in theirs]
    shared = [n for n in dict.fromkeys(order_mine) if n in order_theirs]
    for x in range(len(shared)):
        for y in range(x + 1, len(shared)):
            a, b = shared[x], shared[y]
            if (order_mine.index(a) < order_mine.index(b)) == (order_theirs.index(a) < order_theirs.index(b)):
                continue
            if _between(derivative, i, a, b, stops) & _between(source, j, a, b, stops):
                mine_word = mine[order_mine.index(a)]
                their_word = theirs[order_theirs.index(a)]
                return [_pair(derivative, i, source, [mine_word], [their_word])]
    return []


def _between(text: PreparedText, i: int, a: str, b: str, stops: frozenset[str]) -> set[str]:
    """Content words between two names in one clause (none when punctuation or more than six words part them)."""
    ws = list(text.words_of(i))
    plain = [w.text for w in ws]
    x, y = plain.index(a), plain.index(b)
    lo, hi = min(x, y), max(x, y)
    if hi - lo > 7 or re.search(r"[,;:.()\"“”]", text.text[ws[lo].end : ws[hi].start]):
        return set()
    return {stem(w) for w in plain[lo + 1 : hi] if w not in stops and len(w) > 2}


def _pair(derivative: PreparedText, i: int, source: PreparedText, mine: list[Word], theirs: list[Word]) -> ChangedFact:
    j = source.sentence_at(theirs[0].start) or 0
    start, end = mine[0].start, mine[-1].end
    s_start, s_end = theirs[0].start, theirs[-1].end
    return ChangedFact(
        FactChange.NAME, i, start, end, derivative.text[start:end], j, s_start, s_end, source.text[s_start:s_end]
    )
