"""Stage 3: what each sentence is on the page (story text, byline, caption, chrome...).

Decided from form and position, never from what the story is about (and on text
with disguising characters undone, so "Sоurce: Reuters" with a Cyrillic o is still
a credit line): credit and
byline formulas, photo-credit marks, navigation phrases, and where a line stands
relative to the story's prose (a punctuation-less line before the prose is the
headline; after it, other stories' headlines).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import MONTHS, WEEKDAYS
from .records import Role, Sentence
from .segment import DATELINE, is_dateline
from .textfold import clean

_CREDIT = re.compile(
    r"""^[(\[]?\s*(?:
        (?:additional\s+)?(?:reporting|editing|writing|compiled|edited|produced|translated|research)
            (?:\s+\w+)?\s+by\b
      | sources?\s*:
      | (?:via|credit|credits|courtesy(?:\s+of)?)\s*:?\s+[A-Z]
      | (?:©|\(c\)|copyright\b)
      | (?:photo|image|picture|video|graphic)s?(?:\s+credit)?\s*:
      | this\s+(?:story|article|report)\s+(?:was|has\s+been|first)\s+(?:originally\s+)?(?:published|appeared|produced)
      | with\s+(?:agency\s+)?(?:inputs?|reporting|additional\s+reporting)\s+from\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CONTRIBUTED = re.compile(
    r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b"
    r"|\ball\s+rights\s+reserved\b"
    r"|\bmay\s+not\s+be\s+(?:published|reproduced|redistributed)\b"
    r"|\b(?:auto-generated|generated)\s+from\s+a\s+syndicated\s+feed\b"
    r"|\bhas\s+not\s+been\s+edited\s+by\b",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|written\s+by|words\s+by|story\s+by|author\s*:)\s+\S", re.IGNORECASE)
_CAPTION_START = re.compile(
    r"^(?:FILE\s+PHOTO\b|PHOTO\s*:|FILE\s*[-–—]|In\s+this\s+(?:file\s+)?photo\b"
    r"|(?:representational|representative|file)\s+(?:image|photo|picture)\b)",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"\b[A-Z][A-Z]+(?:\s+Photo)?/[A-Z][a-z][\w.-]*|\b(?:Getty|AFP via Getty) Images\b")
_CHROME = re.compile(
    r"""^\W*(?:
        follow\s+us | subscribe | sign\s+up | advertisement | advertising | sponsored
      | read\s+more | related(?:\s+(?:stories|articles|news|coverage))? \b | also\s+read | read\s+also | next\s+in
      | share\s+(?:this|on|via) | click\s+here | comments? \b | newsletter | most\s+(?:read|popular|viewed)
      | trending | recommended | others\s+also\s+read | you\s+may\s+also\s+like | more\s+from | more\s+stories
      | listen\s+to | (?:watch|read|listen)\s*[:|] | top\s+stories | latest\s+news
      | download\s+(?:our|the)\s+app | join\s+our
      | (?:updated|published|posted|last\s+updated)\s*:? | skip\s+to | back\s+to\s+top | tags?\s*:
      | see\s+also | continue\s+reading | story\s+continues
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BREADCRUMB = re.compile(r"^\s*[^\W\d][\w .&'-]{0,30}(?:(?:\s*[>»›]\s*|\s+[/|]\s+)[^\W\d][\w .&'-]{0,30}){1,6}\s*$")
"""Navigation trails: "Home > World > Europe"."""
_BULLET = re.compile(r"^\s*[•·▪►*\-–]\s*")
_FINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def assign_roles(sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    blocks: dict[int, list[Sentence]] = {}
    for s in sentences:
        blocks.setdefault(s.block, []).append(s)
    prose = [b for b, members in blocks.items() if _is_prose(members)]
    first_prose = prose[0] if prose else None
    last_prose = prose[-1] if prose else None
    caption_blocks = {b for b, members in blocks.items() if _is_caption(members)}

    roles: list[Role] = []
    headline_seen = False
    for s in sentences:
        role = _role(s, caption_blocks, first_prose, last_prose, headline_seen, len(blocks[s.block]))
        headline_seen = headline_seen or role == Role.HEADLINE
        roles.append(role)
    return tuple(replace(s, role=role) for s, role in zip(sentences, roles, strict=True))


def _role(
    s: Sentence,
    caption_blocks: set[int],
    first_prose: int | None,
    last_prose: int | None,
    headline_seen: bool,
    block_size: int,
) -> Role:
    text = clean(s.text).strip()
    if is_dateline(text) and DATELINE.fullmatch(text + " "):
        return Role.DATELINE
    if _CREDIT.match(text) or _CONTRIBUTED.search(text):
        return Role.CREDIT
    words = _TOKEN.findall(text)
    if not words:
        return Role.CHROME  # rules, asterisks, stray punctuation: nothing to compare
    if _BYLINE.match(text) and len(words) <= 12 and not _FINAL.search(text.rstrip(".")):
        return Role.BYLINE
    if s.block in caption_blocks:
        return Role.CAPTION
    if len(words) <= 15 and _CHROME.match(text):
        return Role.CHROME
    if _is_date_line(words) or (_BULLET.match(text) and len(words) <= 4) or _BREADCRUMB.match(text):
        return Role.CHROME
    if block_size == 1 and not _FINAL.search(text):
        if first_prose is None or s.block < first_prose:
            if not headline_seen and len(words) >= 3:
                return Role.HEADLINE
            return Role.SUBHEAD if len(words) >= 4 else Role.CHROME
        if last_prose is not None and s.block > last_prose:
            return Role.OTHER_HEADLINE if len(words) >= 3 else Role.CHROME
        return Role.SUBHEAD if len(words) >= 2 else Role.CHROME
    return Role.BODY


def _is_prose(members: list[Sentence]) -> bool:
    text = clean(" ".join(m.text for m in members))
    return bool(_FINAL.search(text.strip())) and len(_TOKEN.findall(text)) >= 8


def _is_caption(members: list[Sentence]) -> bool:
    text = clean(" ".join(m.text for m in members))
    return bool(_CAPTION_START.match(text.strip()) or _PHOTO_CREDIT.search(text))


def _is_date_line(words: list[str]) -> bool:
    """A line of nothing but a date or time ("Saturday, 08 Nov 2025", "10:42 GMT")."""
    if not words or len(words) > 8:
        return False
    datelike = 0
    for w in words:
        low = w.lower()
        calendar = any(name.startswith(low[:3]) for name in MONTHS | WEEKDAYS) and len(low) >= 3
        if w.isdigit() or calendar or low in ("am", "pm", "gmt", "utc", "et", "ist"):
            datelike += 1
    return datelike == len(words) and any(w.isdigit() for w in words)
