"""Who the source is: every name it goes by, from what it says about itself and from the user.

Names come from, in order of trust:
1. the names the document carries (``Document.names``): what the user gave
   (``--source-name``, ``source_name:`` in front matter, a manifest column) and, for a
   page, its HTML metadata (site name, author, JSON-LD publisher);
2. its credit lines: a dateline's "(Reuters)", a photo credit's "REUTERS/", "Source: AP",
   "© AFP", "Reporting by", "This story was originally published by the Guardian";
3. its byline ("By The Associated Press", "By: Governor Glenn Youngkin");
4. the outlet naming itself in its text ("told Reuters", "Bloomberg News reported");
5. the organisation a press release speaks for (``checks.issuer``: the subject of its lead
   with a release formula, its "About X" section, its media contacts), in a text that
   credits no agency (an agency's story opening "Tesla said" is Tesla's news, not
   Tesla's release).

Each rule reads the form and position of a phrase, never a list of outlets. No
library names organisations from text this reliably without a large model (spaCy's
small English NER tags "Reuters" as a person as often as an organisation), and
what matters here is the formula a name stands in, not what kind of name it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.records import Role
from ..core.text import PreparedText
from ..core.textfold import clean
from .issuer import NAME, issuers

_DATELINE_AGENCY = re.compile(r"\(([A-Z][\w .&/-]{0,40}?)\)\s*[-–—]*\s*$")
_PHOTO_AGENCY = re.compile(r"(?:^|(?<=\s))([A-Z][A-Za-z&]+(?:\s[A-Z][A-Za-z&]+)?)(?:\s+Photo)?/[A-Z]")
_NAMED_CREDIT = re.compile(
    r"(?:^|[(\[;]\s*)(?:sources?|via|credit|courtesy(?:\s+of)?|©|\(c\)|copyright)\s*:?\s*(?:\d{4}\s+)?"
    r"([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})",
    re.IGNORECASE,
)
_PEOPLE = re.compile(r"\b(?i:reporting|writing|edited|editing)\s+by\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")
_NAME = NAME
_PUBLISHED = re.compile(
    rf"\b(?:published|appeared|produced|reprinted|republished)\s+(?:\w+\s+)?(?:in|on|by|from)\s+(?:the\s+)?({_NAME})"
)
_SELF_NAMED = re.compile(
    rf"\b(?:told|informed)\s+(?:the\s+)?({_NAME})|\b({_NAME})\s+(?:has\s+|had\s+)?(?:reported|learned|reports)"
    r"(?=\s+(?:in|on|last|earlier|previously|first|exclusively|this|that)\b|\s*[,.;])"
)
_BODY = re.compile(
    r"\b(?:Congress|Parliament|Senate|House|Courts?|(?:Sub)?[Cc]ommittee|Assembly|Council|Commission|Legislature"
    r"|Commons|Lords|Jury|Judge|Tribunal|Inquiry|Hearing|Conference|Summit|Nations|Union|Cabinet|Board|Panel)\b"
)
"""What people tell and bodies that report without being outlets: "told Congress", "the Commission reported"."""
_NOT_NAMES = frozenset({"file", "pool", "photo", "all", "rights", "reserved", "the", "staff", "by"})
_NOT_A_NAME = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "this", "that", "there", "sources", "officials", "police", "a", "an"}
)
_WEEKDAY_OR_MONTH = re.compile(
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$"
)
_CREDIT_ROLES = (Role.DATELINE, Role.CREDIT, Role.CAPTION, Role.BYLINE)


def source_names(source: PreparedText, given: Iterable[str] = ()) -> tuple[str, ...]:
    """Every name the source goes by, the user's and the page's first, without repeats."""
    given = [" ".join(g.split()) for g in given if g.strip()]
    agencies: list[str] = []
    people: list[str] = []
    bylines: list[str] = []
    for s in source.sentences:
        text = clean(s.text)
        if s.role in _CREDIT_ROLES:
            for pattern in (_DATELINE_AGENCY, _PHOTO_AGENCY, _NAMED_CREDIT, _PUBLISHED):
                agencies.extend(m.group(1) for m in pattern.finditer(text))
            people.extend(m.group(1) for m in _PEOPLE.finditer(text))
        if s.role == Role.BYLINE:
            bylines.append(re.sub(r"^\W*(?:written\s+|words\s+|story\s+)?(?:by|author)\s*:?\s*", "", text, flags=re.I))
    outlets = [
        name
        for s in source.sentences
        for m in _SELF_NAMED.finditer(clean(s.text))
        if not _BODY.search(name := m.group(1) or m.group(2))
    ]
    found = [*agencies, *bylines, *outlets]
    if not agencies:
        found += issuers(source)
    names = [n for n in (_clean_name(raw) for raw in found) if n]
    return _unique([*given, *names, *(n for n in (_clean_name(p) for p in people) if n)])


def _clean_name(raw: str) -> str | None:
    words: list[str] = []
    for w in raw.strip(" .;:,").split():
        if _WEEKDAY_OR_MONTH.match(w) or any(ch.isdigit() for ch in w):
            break  # "By The Associated Press July 31, 2018": the date ends the name
        if w.casefold() in _NOT_NAMES and not words:
            continue
        words.append(w)
    while words and words[-1].casefold() in ("of", "the", "for", "and", "&", "de"):
        words.pop()
    name = " ".join(words).strip(" .;:,")
    if len(name) < 2 or name.casefold() in _NOT_A_NAME or name.casefold() in _NOT_NAMES:
        return None
    return name.title() if name.isupper() and len(name) > 4 else name


def _unique(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        # Prefer the form written in mixed case ("Reuters" over "REUTERS").
        if key not in seen or (seen[key].isupper() and not name.isupper()):
            seen[key] = name
    return tuple(seen.values())
