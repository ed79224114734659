"""Names, places and dates found by their form: runs of capitalised words, weekdays and months.

A run of capitalised words is one name, past the full stop of an acronym, a title or a middle
initial ("U.N. Security Council", "Dr. Bruce Ivins", "Brian P. Kemp"), with connectors ("of", "the",
"al", "van") inside it when a capitalised word follows them and a number right after it when the
number names it ("HH 1177"); a capitalised word that only opens a sentence is not a name on its own.
A name is a place when it ends in a geographical word ("Yellow Sea") or follows a locative
preposition ("in Paju"). The added-detail check (``checks.details``) asks which of these groups the
source knows.

Found by rule rather than by a named-entity recogniser: the check needs every capitalised run, with
the word offsets the rest of the audit uses, and no recogniser that is a dependency here finds them
offline (spaCy's models download at run time; see ``checks.nounphrases`` and ``checks.source_names``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.lexicon import ABBREVIATED_TITLES, MONTHS, STOP_WORDS, WEEKDAYS
from ..core.quantities import quantities
from ..core.records import DetailKind
from ..core.text import PreparedText
from ..core.textfold import Word

CONNECTORS = frozenset(["of", "the", "de", "del", "der", "la", "le", "al", "bin", "van", "von", "da", "di", "du"])
_GEOGRAPHY = frozenset(
    [
        "sea",
        "ocean",
        "river",
        "lake",
        "gulf",
        "bay",
        "strait",
        "island",
        "islands",
        "peninsula",
        "mountain",
        "mountains",
        "mount",
        "valley",
        "desert",
        "province",
        "state",
        "county",
        "city",
        "region",
        "coast",
        "border",
        "canal",
        "channel",
        "sound",
    ]
)
_LOCATIVE = frozenset(["in", "at", "into", "near", "across", "off", "toward", "towards", "outside", "inside", "around"])
_PRONOUN_I = frozenset({"i", "i'm", "i've", "i'll", "i'd"})


def names_in(prepared: PreparedText, index: int) -> list[tuple[DetailKind, list[Word]]]:
    """The name, place and date groups of one sentence, as the added-detail check finds them."""
    s = prepared.sentences[index]
    spans = [(q.start, q.end) for q in quantities(prepared.text, s.start, s.end)]
    return list(name_groups(prepared.text, list(prepared.words_of(index)), spans))


def name_groups(text: str, ws: list[Word], numbers: list[tuple[int, int]]) -> Iterable[tuple[DetailKind, list[Word]]]:
    """The name, place and date groups among the words ``ws`` of ``text``, each with its kind; words inside
    the spans ``numbers`` (the quantities, reported on their own) are skipped."""
    k = 0
    while k < len(ws):
        w = ws[k]
        raw = text[w.start : w.end]
        if any(a <= w.start < b for a, b in numbers) or raw[:1].isdigit():
            k += 1
            continue
        if w.text in WEEKDAYS or (w.text in MONTHS and raw[:1].isupper()):
            yield DetailKind.DATE, [w]
            k += 1
            continue
        if raw[:1].isupper() and w.text not in _PRONOUN_I:
            group = [w]
            j = k + 1
            while j < len(ws) and _joins(text, ws, j, group):
                group.append(ws[j])
                j += 1
            sentence_initial = k == 0 or _opens_clause(text, ws[k - 1], w)
            capital_only = sentence_initial and len(group) == 1 and not raw.isupper()
            if j < len(ws) and not capital_only and _name_number(text, group[-1], ws[j]):
                group.append(ws[j])  # "HH 1177"
                j += 1
            while group and group[-1].text in CONNECTORS:
                group.pop()
            if sentence_initial and len(group) > 1 and group[0].text.endswith("ing"):
                group.pop(0)  # "Issuing the Military Aid": the verb is capitalised by its place only
            while len(group) > 1 and (group[0].text in STOP_WORDS or group[0].text in CONNECTORS):
                group.pop(0)  # "The U.N." at the start of a sentence
            if len(group) > 1 or (group and not sentence_initial):
                yield _name_kind(ws, ws.index(group[0]), group), group
            k = j
            continue
        k += 1


def _name_number(text: str, last: Word, nxt: Word) -> bool:
    raw = text[nxt.start : nxt.end]
    return (
        raw.isdigit()
        and not 1800 <= int(raw) <= 2100
        and text[last.end : nxt.start] == " "
        and last.text not in MONTHS | WEEKDAYS
        and not re.match(
            r"\s*(?:%|percent|per\b|[-–]|,\d|(?:hundred|thousand|million|billion|trillion)\b)",
            text[nxt.end : nxt.end + 12],
        )
    )


def _joins(text: str, ws: list[Word], j: int, group: list[Word]) -> bool:
    gap = text[group[-1].end : ws[j].start]
    initial = len(group) > 1 and len(group[-1].text) == 1 and text[group[-1].start : group[-1].end].isupper()
    if gap.startswith(".") and ("." in group[-1].text or group[-1].text in ABBREVIATED_TITLES or initial):
        # The full stop of an acronym, a title or a middle initial: "U.N. Security Council", "Dr. Bruce Ivins",
        # "Brian P. Kemp".
        gap = gap[1:]
    if gap.strip(" ") not in ("", "-"):
        return False  # a comma, a bracket or a quotation mark ends a name
    raw = text[ws[j].start : ws[j].end]
    if raw[:1].isupper():
        return True
    # "Republic of Korea": a connector joins only when a capitalised word follows it.
    return ws[j].text in CONNECTORS and j + 1 < len(ws) and text[ws[j + 1].start : ws[j + 1].end][:1].isupper()


def _opens_clause(text: str, previous: Word, w: Word) -> bool:
    gap = text[previous.end : w.start]
    return any(c in gap for c in '.!?:"“”‘(') or "\n" in gap


def _name_kind(ws: list[Word], k: int, group: list[Word]) -> DetailKind:
    if group[-1].text in _GEOGRAPHY or (k > 0 and ws[k - 1].text in _LOCATIVE):
        return DetailKind.PLACE
    return DetailKind.NAME
