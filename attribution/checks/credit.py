"""Who the source is credited to, whether the derivative credits it, and unnamed speakers.

The names to look for come from the source's own credit lines (its dateline's
"(Reuters)", a photo credit's "REUTERS/", "Source: AP", "© AFP", "Reporting by"),
never from a fixed list of agencies. The derivative credits the source when one
of those names stands in a credit formula ("Source: Reuters", "(Reuters)",
"according to Reuters", "Reuters reported") or in a credit line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.records import Attribution, Credit, Role, Sentence
from ..core.text import PreparedText
from ..core.textfold import clean, fold

_DATELINE_AGENCY = re.compile(r"\(([A-Z][\w .&/-]{0,40}?)\)\s*[-–—]*\s*$")
_PHOTO_AGENCY = re.compile(r"(?:^|(?<=\s))([A-Z][A-Za-z&]+(?:\s[A-Z][A-Za-z&]+)?)(?:\s+Photo)?/[A-Z]")
_NAMED_CREDIT = re.compile(
    r"(?:^|[(\[;]\s*)(?:sources?|via|credit|courtesy(?:\s+of)?|©|\(c\)|copyright)\s*:?\s*(?:\d{4}\s+)?"
    r"([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})",
    re.IGNORECASE,
)
_PEOPLE = re.compile(r"\b(?i:reporting|writing|edited|editing)\s+by\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")
_NOT_NAMES = frozenset({"file", "pool", "photo", "all", "rights", "reserved", "the", "staff"})

_UNNAMED = re.compile(
    r"""\b(?:(?:some|many|most|several|other|certain|few|numerous|various|independent|outside|western|
            foreign|regional|political|industry|market|security|military|legal|local|leading|top)\s+)*
        (?:analysts?|experts?|observers?|critics?|commentators?|pundits?|insiders?|watchers?|sources?|
           officials?|diplomats?|scholars?|economists?|strategists?|people|residents|many|some|others)
        \s+(?:\w+\s+)?
        (?:say|says|said|believe[sd]?|argue[sd]?|note[sd]?|suggest(?:s|ed)?|warn(?:s|ed)?|contend(?:s|ed)?|
           claim(?:s|ed)?|think|thought|expect(?:s|ed)?|fear(?:s|ed)?|predict(?:s|ed)?|point(?:s|ed)?\s+out|
           agree[sd]?|see|saw|view(?:s|ed)?|describe[sd]?|question(?:s|ed)?)\b
      | \bit\s+is\s+(?:widely\s+|generally\s+)?(?:believed|thought|said|understood|expected|feared|rumou?red)\b
      | \baccording\s+to\s+(?:some\s+|unnamed\s+|anonymous\s+|several\s+)?(?:analysts|experts|sources|observers|
           critics|insiders|officials)\b
      | \b(?:sources|people)\s+(?:close\s+to|familiar\s+with)\b
      | \bis\s+widely\s+(?:seen|regarded|considered|viewed)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_ROLES = (Role.DATELINE, Role.CREDIT, Role.CAPTION, Role.BYLINE)


def source_credit_names(source: PreparedText) -> tuple[str, ...]:
    """The agency, outlet or people the source credits itself to, most specific first."""
    agencies: list[str] = []
    people: list[str] = []
    for s in source.sentences:
        if s.role not in _CREDIT_ROLES:
            continue
        text = clean(s.text)
        for pattern in (_DATELINE_AGENCY, _PHOTO_AGENCY, _NAMED_CREDIT):
            for m in pattern.finditer(text):
                name = _clean_name(m.group(1))
                if name:
                    agencies.append(name)
        people.extend(m.group(1) for m in _PEOPLE.finditer(text))
    seen: dict[str, str] = {}
    for name in agencies + people:
        key = name.casefold()
        # Prefer the form written in mixed case ("Reuters" over "REUTERS").
        if key not in seen or (seen[key].isupper() and not name.isupper()):
            seen[key] = name
    return tuple(seen.values())


def _clean_name(raw: str) -> str | None:
    words = [w for w in raw.strip(" .;:,").split() if w.casefold() not in _NOT_NAMES and not w.isdigit()]
    name = " ".join(words).strip(" .;:,")
    if len(name) < 2:
        return None
    return name.title() if name.isupper() and len(name) > 4 else name


def find_credit(prepared: PreparedText, names: tuple[str, ...]) -> Credit:
    """Where the derivative credits the source by one of ``names``, if it does."""
    derivative, sentences = prepared.text, prepared.sentences
    for name in names:
        escaped = re.escape(name)
        formulas = re.compile(
            rf"(?:sources?|via|credit|courtesy(?:\s+of)?|copyright|©)\s*:?\s*(?:the\s+)?(?P<a>{escaped})\b"
            rf"|\((?P<b>{escaped})\)"
            rf"|according\s+to\s+(?:the\s+)?(?P<c>{escaped})\b"
            rf"|\b(?P<d>{escaped})\s+(?:reported|reports|said|says|wrote|writes|contributed|news\s+agency)\b"
            rf"|\b(?:told|interview\s+with)\s+(?:the\s+)?(?P<g>{escaped})\b"
            rf"|\b(?:reported\s+by|from|with)\s+(?P<e>{escaped})\b"
            rf"|\b(?P<f>{escaped})/",
            re.IGNORECASE,
        )
        for s in sentences:
            # Matched on folded text (disguises undone), reported in the original characters.
            folded = fold(s.text, lower=False)
            for m in formulas.finditer(folded.text):
                group = next(g for g in "abcdefg" if m.group(g))
                if group == "e" and s.role not in _CREDIT_ROLES:
                    continue  # "from Reuters" counts only on a credit line
                start, end = (s.start + x for x in folded.span(m.start(group), m.end(group)))
                return Credit(names, derivative[start:end], s.index, start, end)
            if s.role in _CREDIT_ROLES:
                mention = re.search(rf"\b{escaped}\b", folded.text, re.IGNORECASE)
                if mention:
                    start, end = (s.start + x for x in folded.span(mention.start(), mention.end()))
                    return Credit(names, derivative[start:end], s.index, start, end)
    return Credit(names, None, None, None, None)


def find_unnamed_attributions(sentences: Iterable[Sentence]) -> tuple[Attribution, ...]:
    found = []
    for s in sentences:
        if not s.role.is_story:
            continue
        folded = fold(s.text, lower=False)
        for m in _UNNAMED.finditer(folded.text):
            if _names_the_group(folded.text, m.start()):
                continue
            start, end = (s.start + x for x in folded.span(m.start(), m.end()))
            found.append(Attribution(start, end, s.text[start - s.start : end - s.start], s.index))
    return tuple(found)


def has_unnamed_attribution(text: str) -> bool:
    text = clean(text)
    return any(not _names_the_group(text, m.start()) for m in _UNNAMED.finditer(text))


def _names_the_group(text: str, start: int) -> bool:
    """ "U.S. officials said", "Pentagon sources say": the speakers are named by who they are.

    Only a capitalised word right before them names them; "... across Europe, observers
    note" does not.
    """
    before = text[:start]
    if not before or not before[-1].isspace():
        return False
    words = before.split()
    previous = words[-1] if words else ""
    acronym = re.fullmatch(r"(?:[A-Z]\.)+", previous) is not None  # "U.S. officials"
    return bool(previous) and previous[:1].isupper() and (previous[-1].isalnum() or acronym)
