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

from ..core.lexicon import STOP_WORDS, stem
from ..core.records import ChangedFact, DetailKind, FactChange
from ..core.text import PreparedText
from ..core.textfold import Word
from .details import is_variant, known_name
from .name_groups import names_in
from .name_spelling import misspelt, spelt_alike, spelt_as, spelt_as_one


def changed_names(
    derivative: PreparedText,
    i: int,
    sources: Sequence[int],
    source: PreparedText,
    variants: frozenset[str],
    stops: frozenset[str] = STOP_WORDS,
) -> list[ChangedFact]:
    """A name, place, weekday or month standing where the aligned sentence has another.

    A new name (one the source never has) is a swap of one of the aligned sentences' names of the same kind when:

    - the two, or as many words of the longer as the shorter has, differ in one word (``_one_word_apart``): a near
      miss of its spelling ("Paul Bate" for "Iowa Secretary of State Paul Pate"), or, two words or more, another word
      the source never uses ("Stanley S. Wolf" for "John S. Wolf", "Jane Smith" for "Secretary John Smith");
    - it keeps the start or end of one and puts new words in the rest (``_replaced_run``), or puts two new words
      where the source has a role before the same name (``_role_taken``: "Mediterranean Airlines Saddam Hussein"
      for "ex-president Saddam Hussein");

    unless it spells the other another way (``details.name_variants``, "Bengaluru" for "Bangalore"). Failing those,
    a name that shares no word with the aligned sentences' names ("Apple Computer" for "Apple's iTunes" is the same
    company), new or one the source has elsewhere (a name of the same text swapped in), is a swap when exactly one
    name of the same kind there is one the rewrite drops (mentions nowhere, or here fewer times than the source
    sentences do: "CenterSoft management" for "PeopleSoft management" beside a "PeopleSoft" both keep), and the two
    stand in the same place: a word beside one is the same word beside the other ("Nash helped found" for "Evan
    helped found"). A name the rewrite adds elsewhere in the sentence while leaving out another is no swap.
    ``stops``: the stop words of the derivative's language (``lexicon.stop_words``), which name no one.
    """
    theirs = [(k, g) for j in sources for k, g in names_in(source, j)]
    source_words = source.derived("fact_names.words", lambda t: frozenset(stem(w.text) for w in t.words))
    mentioned = {stem(w.text) for w in derivative.words}
    mentioned |= {w.text[:k] for w in derivative.words for k in range(3, 5) if len(w.text) > k}  # "Adm." in "Admiral"
    here = [stem(w.text) for w in derivative.words_of(i)]
    there = [stem(w.text) for j in sources for w in source.words_of(j)]
    found = []
    for kind, group in names_in(derivative, i):
        if len(group) == 1 and len(group[0].text.rstrip(".")) < 2:
            continue  # an initial ("Dolores E. Mahoy") names no one on its own
        same_kind = [g for k, g in theirs if (k == DetailKind.DATE) == (kind == DetailKind.DATE)]
        variant = is_variant(derivative.text, group, variants)
        new = not known_name(source, kind, group, derivative.text)
        if new:
            partner = (
                _one_word_apart(group, [g for g in same_kind if len(g) == len(group)], stops, source_words)
                or _replaced_run(group, same_kind, source_words, stops)
                or _one_word_apart(group, [g for g in same_kind if len(g) != len(group)], stops, source_words)
                or _role_taken(group, same_kind, source, stops)
            )
            # A variant spelling ("Bengaluru City" for "Bangalore City") renames, unless the two are close only
            # through the words they share ("Court of Environmental Quality", "Department of Environmental Quality")
            # or one is a near miss of the other's spelling ("Paul Bate" for "Paul Pate").
            if partner is not None and spelt_as_one(*partner):
                continue  # "Mohammad Hussein" for "Muhammad Hussein"
            if partner is not None and not (variant and spelt_alike(*partner) and not misspelt(*partner)):
                found.append(_pair(derivative, i, source, *partner))
                continue
            if variant:
                continue
        stems, others = {stem(w.text) for w in group}, theirs
        if not new:
            # A name of another source sentence (perhaps one alignment carried in for it), swapped in where an
            # aligned sentence that does not hold it has another.
            apart = [j for j in sources if not stems & {stem(w.text) for w in source.words_of(j)}]
            others = [(k, g) for j in apart for k, g in names_in(source, j)]
            if not apart or not _elsewhere(
                group, source_words, [stem(w.text) for j in apart for w in source.words_of(j)], others
            ):
                continue
        if stems & {stem(w.text) for _, g in others for w in g}:
            continue  # "Elon Musk's Tesla" for "Tesla Inc" names the same company
        dropped = [
            g
            for k, g in others
            if (k == DetailKind.DATE) == (kind == DetailKind.DATE)
            and (_left_out(derivative, k, g, mentioned, stops) or (new and _fewer(g, here, there)))
            and _same_place(derivative, group, source, g, stops)
        ]
        if len(dropped) == 1:
            found.append(_pair(derivative, i, source, group, dropped[0]))
    return found


def _elsewhere(
    group: list[Word], source_words: frozenset[str], there: list[str], theirs: list[tuple[DetailKind, list[Word]]]
) -> bool:
    """Whether a name the source has is one of its other sentences' and not the aligned sentences' (whose words'
    stems are ``there``, their names ``theirs``): every word of it written in the source as it is here, none in the
    aligned sentences, even as part of a hyphened word ("XML" of "XML-based") or by its first letters ("Mexico"
    of "Mexican")."""
    mine = [stem(w.text) for w in group]
    if not all(m in source_words for m in mine):
        return False
    parts = {p for t in there for p in re.split(r"[-/]", t)}
    prefixes = {w.text[:4] for _, g in theirs for w in g if len(w.text) >= 4}
    return not any(m in parts or (len(m) >= 4 and m[:4] in prefixes) for m in mine)


def _left_out(
    derivative: PreparedText, kind: DetailKind, name: list[Word], mentioned: set[str], stops: frozenset[str]
) -> bool:
    """Whether the rewrite mentions the source's name nowhere, in any form or any of its words (``mentioned``)."""
    words = {stem(w.text) for w in name if w.text not in stops}
    return not known_name(derivative, kind, name) and not words & mentioned


def _fewer(name: list[Word], here: list[str], there: list[str]) -> bool:
    """Whether the rewrite's sentence (its stems ``here``) names the source's name, but fewer times than the aligned
    source sentences (``there``) do: one of its places has another name ("CenterSoft management" for "PeopleSoft
    management" beside a "PeopleSoft" both keep)."""
    words = [stem(w.text) for w in name]
    return 1 <= _count(words, here) < _count(words, there)


def _count(words: list[str], sentence: list[str]) -> int:
    n = len(words)
    return sum(sentence[k : k + n] == words for k in range(len(sentence) - n + 1))


def _one_word_apart(
    group: list[Word], theirs: list[list[Word]], stops: frozenset[str], source_words: frozenset[str]
) -> tuple[list[Word], list[Word]] | None:
    """A name that differs from ``group`` in one word, the two as long or as many words of the longer as the
    shorter has, both capitalised names: "Sheena November" for "Sheena Young", "Stanley S. Wolf" for "John S. Wolf",
    "Paul Bate" for "Iowa Secretary of State Paul Pate". The differing word is a near miss of the other's spelling
    (``name_spelling.misspelt``), or, in names of two words or more, another word, where one name is longer in the
    words that end it ("Jane Smith" for "Secretary John Smith", not "Delta Air" of "Delta Air Lines" for "Delta
    Connections"). Where one is longer, the new word is one the source never uses (``source_words``) and no short
    form of the other's words ("Fed" of "Federal Reserve"), and a name that only grew or shrank ("Lucas State Office
    Building" for "Lucas Office Building") is none. Initials are left out ("Dolores E. Mahey" for "Dolores Mahoy").
    The two differing words."""
    group = _without_initials(group)
    for g in map(_without_initials, theirs):
        shorter, longer = sorted(({_bare(w.text) for w in group}, {_bare(w.text) for w in g}), key=len)
        if len(group) != len(g) and shorter <= longer:
            continue  # a name that only grew or shrank: "Lucas State Office Building", "Lucas Office Building"
        for mine, their, at_end in _windows(group, g):
            differ = [(a, b) for a, b in zip(mine, their, strict=True) if _bare(a.text) != _bare(b.text)]
            if len(differ) != 1:
                continue
            a, b = differ[0]
            pair = {a.text.rstrip("."), b.text.rstrip(".")}
            if pair & (_CONNECTOR_WORDS | stops | _TITLES) or min(map(len, pair)) < 2 or spelt_as(a, b):
                continue
            if len(group) != len(g) and (stem(a.text) in source_words or _short_form([a.text], [w.text for w in g])):
                continue  # "Fed Chairman Alan Greenspan" for "Federal Reserve Chairman Alan Greenspan"
            if misspelt([a], [b]) or (len(mine) > 1 and at_end):
                return [a], [b]
    return None


def _without_initials(name: list[Word]) -> list[Word]:
    """A name's words less its initials: "Dolores E. Mahoy" is "Dolores Mahoy" word for word."""
    return [w for w in name if len(w.text.rstrip(".")) > 1] or name


def _windows(group: list[Word], g: list[Word]) -> list[tuple[list[Word], list[Word], bool]]:
    """The two names word for word: the shorter beside each run of as many words of the longer, and whether the
    run ends the longer (a person's surname ends the name: "Jane Smith" beside "Secretary John Smith")."""
    if len(group) <= len(g):
        n = len(g) - len(group)
        return [(group, g[k : k + len(group)], k == n) for k in range(n + 1)]
    n = len(group) - len(g)
    return [(group[k : k + len(g)], g, k == n) for k in range(n + 1)]


def _role_taken(
    group: list[Word], theirs: list[list[Word]], source: PreparedText, stops: frozenset[str]
) -> tuple[list[Word], list[Word]] | None:
    """A name that ends with the whole of one of the aligned sentence's, of two words or more, and puts two or more
    capitalised words before it that the source never uses, none a title: a name in the slot of the role the source
    gives the person ("deposed Mediterranean Airlines Saddam Hussein" for "ex-president Saddam Hussein"). A single
    new word before a name is most often a place or a nationality ("Moroccan", "Iowa"), a title ("Sen.", "Foreign
    Minister") a role, and new words before a one-word name its given names ("Justice Sandra Day O'Connor" for
    "O'Connor"). The new words, and the source's role (``_role_of``), or else its name."""
    source_words = source.derived("fact_names.words", lambda t: frozenset(stem(w.text) for w in t.words))
    for g in theirs:
        extra = len(group) - len(g)
        if extra < 2 or len(g) < 2 or [_bare(w.text) for w in group[extra:]] != [_bare(w.text) for w in g]:
            continue
        while extra and group[extra - 1].text in _CONNECTOR_WORDS:
            extra -= 1  # "Al" of "Al Mustapha Sahel", a connector a name does not open with
        words = [w.text.rstrip(".") for w in group[:extra]]
        if len(words) < 2 or any(w in stops or _is_title(w) or stem(w) in source_words for w in words):
            continue
        return group[:extra], _role_of(source, g, stops) or g
    return None


def _role_of(source: PreparedText, name: list[Word], stops: frozenset[str]) -> list[Word]:
    """The words the source puts before a name in its clause, up to three and past a comma of apposition, stop words
    and connectors apart: "ex-president" of "ex-president Saddam Hussein", "Interior Minister" of "The Interior
    Minister, Al Mustapha Sahel"."""
    ws = source.words
    at = next((k for k, w in enumerate(ws) if w.start == name[0].start), 0)
    role: list[Word] = []
    edge = name[0].start
    for w in reversed(ws[:at]):
        gap = source.text[w.end : edge]
        if re.search(r"[.;:!?()\"“”]", gap) or (role and "," in gap) or len(role) == 3:
            break
        edge = w.start
        if w.text in _CONNECTOR_WORDS and not role:
            continue  # "Al" of "Al Mustapha Sahel"
        if w.text in stops:
            break
        role.insert(0, w)
    return role


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


_TITLE_WORDS = ["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"]
_TITLE_WORDS += ["president", "vice", "sen", "senator", "rep", "gov", "governor", "secretary", "minister"]
_TITLE_WORDS += ["prime", "premier", "chairman", "chairwoman", "chair", "chief", "executive"]
_TITLE_WORDS += ["ceo", "cfo", "coo", "judge", "justice", "gen", "general", "col"]
_TITLE_WORDS += ["adm", "admiral", "king", "queen", "prince", "princess"]
_TITLE_WORDS += ["pope", "professor", "prof", "director", "spokesman", "spokeswoman", "attorney"]
_TITLE_WORDS += ["mayor", "commissioner", "inc", "corp", "co", "ltd", "llc", "plc"]
_TITLE_WORDS += ["group", "company", "holdings", "u.s", "us", "uk", "u.n", "un"]
_TITLES = frozenset(_TITLE_WORDS)
"""Closed-class words a rewrite adds to or trades in a name without changing whom it names."""


def _is_title(word: str) -> bool:
    return word in _TITLES or stem(word) in _TITLES or word.rstrip("s") in _TITLES


def _before_connector(words: list[Word]) -> list[Word]:
    """A name's words up to its "of" ("Young" of "Young of Child")."""
    at = next((k for k, w in enumerate(words) if w.text in _CONNECTOR_WORDS), len(words))
    return words[:at]


def _short_form(new: list[str], old: list[str]) -> bool:
    """Whether ``new`` abbreviates ``old``: initials ("CEO") or prefixes ("Fed" of "Federal")."""
    initials = "".join(w[0] for w in old if w not in _CONNECTOR_WORDS)
    joined = "".join(new).replace(".", "")
    return joined == initials or any(o.startswith(n) for n in new for o in old)


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
