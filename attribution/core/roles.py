"""Stage 3: what each sentence is on the page (story text, byline, caption, chrome...).

Decided from form and position, never from what the story is about (and on text
with disguising characters undone, so "Sоurce: Reuters" with a Cyrillic o is still
a credit line): credit and
byline formulas, photo-credit marks, navigation phrases, and where a line stands
relative to the story's prose (a punctuation-less line before the prose is the
headline; after it, other stories' headlines).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from ..core import thresholds as T
from .lexicon import MONTHS, STOP_WORDS, WEEKDAYS
from .links import is_credit_formula, links
from .page_edges import bottom_banner, reference_list, top_banner
from .records import Role, Sentence
from .segment import AGENCY_DATELINE, DATELINE, is_dateline
from .textfold import clean

_CREDIT = re.compile(
    r"""^[(\[]?\s*(?:
        (?:additional\s+)?(?:reporting|editing|writing|compiled|edited|produced|translated|research)
            (?:\s+\w+)?\s+by\b
      | sources?\s*:
      | (?:via|credit|credits|courtesy(?:\s+of)?)\s*:?\s+[A-Z]
      | (?:©|\(c\)|copyright\b)
      | (?:photo|image|picture|video|graphic)s?(?:\s+(?:credit|source))?\s*:
      | this\s+(?:story|article|report|post|piece)\s+(?:was|has\s+been|first)\s+(?:originally\s+)?
            (?:published|appeared|produced)
      | (?:this\s+(?:story|article|report|post|piece)\s+)?(?:contains|includes|uses)\s+
            (?:material|reporting|information|content)\s+from\b
      | with\s+(?:agency\s+)?(?:inputs?|reporting|additional\s+reporting)\s+from\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CONTRIBUTED = re.compile(
    r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b"
    r"|\ball\s+rights\s+reserved\b"
    r"|\bmay\s+not\s+be\s+(?:published|reproduced|redistributed)\b"
    r"|\b(?:auto-generated|generated)\s+from\s+a\s+syndicated\s+feed\b"
    r"|\bhas\s+not\s+been\s+edited\s+by\b"
    r"|\beditorial\s+(?:process|policies|standards|guidelines)\b"
    r"|\boriginally\s+(?:published|appeared)\s+(?:on|in|at)\b",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"^[,;]\s*(?:reports?|reported|writes|wrote|citing|cites|via|according\s+to)\s+[A-Z].{0,100}$"
)
"""The tail of a sentence broken off by a stray full stop, naming who reported it: ", reports News.ro with
reference to the Reuters agency." It states no claim of its own."""
_CONTRIBUTORS = re.compile(
    r"^[A-Z][\w.'’-]*(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){1,11}\s+contributed"
    r"(?:\s+(?:reporting|writing|research))?\.?$"
)
"""A line of names and "contributed" ("Toluse Olorunnipa and Henry Meyer contributed."); case matters."""
_BYLINE = re.compile(r"^(?:by|written\s+by|words\s+by|story\s+by|author)\s*:?\s+\S", re.IGNORECASE)
_CAPTION_START = re.compile(
    r"^(?:FILE\s+PHOTO\b|PHOTO\s*:|FILE\s*[-–—]|In\s+this\s+(?:file\s+)?photo\b"
    r"|(?:representational|representative|file)\s+(?:image|photo|picture)\b)",
    re.I,
)
_PHOTO_CREDIT = re.compile(
    r"\b[A-Z][A-Z]+(?:\s+Photo)?/[A-Z][a-z][\w.-]*|\b(?:Getty|AFP via Getty) Images\b|©"
    r"|\b(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Ii]llustration)s?\s*(?:by|courtesy|credit|source)\b"
    r"|\bon\s+(?:Unsplash|Pexels|Pixabay)\b"
)
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
_LABEL_IN_PROSE = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored|comments?|trending|recommended|newsletter|related)"
    r"\s+(?-i:[a-z])[^:|]*[.!?]\W*$",
    re.IGNORECASE,
)
"""A page label's word opening a sentence of prose ("Advertising and circulation revenues have taken a
hit."): a lower-case word follows it and the sentence ends, with no colon or bar of a label line."""
_COUNTER = re.compile(r"^\W*(?:[^\W\d]+\s+){0,2}\d+\s*(?:of|/)\s*\d+\W*$", re.IGNORECASE)
"""A pager or a gallery counter: a word or two and "N of M" ("Image 1 of 1", "Slide 3/12", "Page 2 of 5")."""
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
    repeated = _repeated_lines(sentences, blocks)
    bylines = _affiliation_bylines(sentences, first_prose)

    roles: list[Role] = []
    headline_seen = False
    for s in sentences:
        role = _role(s, caption_blocks, first_prose, last_prose, headline_seen, len(blocks[s.block]))
        if role in (Role.SUBHEAD, Role.BODY, Role.HEADLINE) and s.index in repeated:
            role = Role.CHROME  # a line the page repeats is furniture ("Back to Gallery", rating widgets)
        elif role in (Role.HEADLINE, Role.SUBHEAD) and s.index in bylines:
            role = Role.BYLINE  # "Jane Doe, University of Leeds" over or under the headline (the next line may be it)
        elif role == Role.SUBHEAD and _is_name_line(s.text) and (first_prose is None or s.block < first_prose):
            role = Role.BYLINE  # "Justin Sink, Margaret Talev and Ilya Arkhipov" under the headline
        headline_seen = headline_seen or role == Role.HEADLINE
        roles.append(role)
    _by_neighbours(sentences, blocks, roles)
    top_banner(sentences, roles)
    # The bottom banner first, so that a reference list above a sign-up box reads as the page's last lines.
    bottom_banner(sentences, roles)
    reference_list(sentences, roles)
    _after_sign_off(sentences, roles)
    return tuple(replace(s, role=role) for s, role in zip(sentences, roles, strict=True))


def _repeated_lines(sentences: tuple[Sentence, ...], blocks: dict[int, list[Sentence]]) -> set[int]:
    """Short lines that occur more than once on the page, or repeat one word pattern within themselves."""
    counts: dict[str, int] = {}
    short: dict[int, str] = {}
    for s in sentences:
        tokens = _TOKEN.findall(clean(s.text).lower())
        if len(blocks[s.block]) == 1 and 0 < len(tokens) <= 8:
            key = " ".join(tokens)
            short[s.index] = key
            counts[key] = counts.get(key, 0) + 1
    found = {i for i, key in short.items() if counts[key] > 1}
    for s in sentences:
        tokens = _TOKEN.findall(clean(s.text).lower())
        if len(tokens) >= 4 and len(set(tokens)) * 2 <= len(tokens) and not _FINAL.search(s.text.strip()):
            found.add(s.index)  # "Star InactiveStar InactiveStar Inactive"
    return found


def _by_neighbours(sentences: tuple[Sentence, ...], blocks: dict[int, list[Sentence]], roles: list[Role]) -> None:
    """Roles that follow from the lines around a line.

    A short line beside a photo credit or caption is the picture's title; the rest of
    a short block that opens with chrome ("Sign up for our newsletter. Explore the
    universe...") is the same promotion.
    """
    by_block: dict[int, list[int]] = {}
    for s in sentences:
        by_block.setdefault(s.block, []).append(s.index)
    order = sorted(by_block)
    for k, b in enumerate(order):
        members = by_block[b]
        block_roles = {roles[i] for i in members}
        words = sum(len(_TOKEN.findall(sentences[i].text)) for i in members)
        if len(members) > 1 and len(members) <= 3 and words <= 40 and roles[members[0]] == Role.CHROME:
            for i in members:
                roles[i] = Role.CHROME
        if len(members) == 1 and block_roles <= {Role.SUBHEAD, Role.BODY} and words <= 8:
            text = clean(sentences[members[0]].text).strip()
            if _FINAL.search(text) and not text.endswith("?"):
                continue
            neighbours = [by_block[order[j]] for j in (k - 1, k + 1) if 0 <= j < len(order)]
            if any(roles[n[0]] in (Role.CAPTION,) or _is_photo_credit(sentences[n[0]].text) for n in neighbours):
                roles[members[0]] = Role.CAPTION


def _after_sign_off(sentences: tuple[Sentence, ...], roles: list[Role]) -> None:
    """What follows a story's closing credit line ("Reporting by...", a photo credit) is other stories, bios, links.

    Only when the credit comes after the story's prose and what follows is the smaller
    part of the page: a caption credit near the top is not a sign-off.
    """
    story_words = [len(_TOKEN.findall(s.text)) if roles[s.index].is_story else 0 for s in sentences]
    for i in range(len(sentences) - 1, -1, -1):
        photo = roles[i] == Role.CAPTION and _is_photo_credit(sentences[i].text)
        if roles[i] != Role.CREDIT and not photo:
            continue
        before, after = sum(story_words[:i]), sum(story_words[i + 1 :])
        later_blocks = {sentences[j].block for j in range(i + 1, len(sentences)) if roles[j].is_story}
        if before >= 40 and after * 2 < before and (not photo or len(later_blocks) <= 1):
            for j in range(i + 1, len(sentences)):
                if roles[j].is_story:
                    roles[j] = Role.CHROME
        break
    # A short line after the story's last paragraph and after page furniture is more furniture (a slogan).
    # Roles change below only at i, never after it: the last paragraph's index can be taken once.
    last_body = max((j for j, role in enumerate(roles) if role == Role.BODY), default=-1)
    for i in range(1, len(sentences)):
        s = sentences[i]
        footer = not roles[i - 1].is_story and i >= last_body
        if footer and roles[i].is_story and len(_TOKEN.findall(s.text)) < 8 and sentences[i - 1].block != s.block:
            roles[i] = Role.CHROME


def _is_photo_credit(text: str) -> bool:
    return bool(_PHOTO_CREDIT.search(text) or re.match(r"^\W*(?:photo|image|picture)s?\s*:", text, re.I))


_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|and|&|de|van|von|der|la|al|bin)$")


def _is_name_line(text: str) -> bool:
    """A line of nothing but a person's name or names, maybe with a contact ("Andrew Pam <xanni [at]>")."""
    text = re.sub(r"<[^>]*>?|\[[^\]]*\]?|\S+@\S+", " ", clean(text)).strip(" ,;|-")
    tokens = [t.strip(",") for t in text.split() if t.strip(",")]
    return 2 <= len(tokens) <= 10 and all(_NAME_WORD.match(t) for t in tokens) and tokens[-1][:1].isupper()


_JOINERS = frozenset(["of", "in", "for", "and", "at", "on", "the", "de", "du", "des", "la", "le", "&"])
"""Lower-case words an organisation's or a title's name holds ("University of Leeds", "Professor in Law")."""


def _affiliation_bylines(sentences: tuple[Sentence, ...], first_prose: int | None) -> set[int]:
    """Lines above the story's prose that are a name and an affiliation (``_is_name_and_affiliation``), where
    another line of three words or more stands there too (the headline): a line that stands alone over the
    prose is the headline, whatever its form ("Markets Rally, Stocks Climb")."""
    top = [s for s in sentences if first_prose is None or s.block < first_prose]
    found = {s.index for s in top if _is_name_and_affiliation(s.text)}
    others = [s for s in top if s.index not in found and len(_TOKEN.findall(s.text)) >= 3]
    return found if others else set()


def _is_name_and_affiliation(text: str) -> bool:
    """A line of a person's name (or names), a comma and an organisation, maybe after a title: "Jane Doe,
    University of Leeds", "Dave Cook, PhD Candidate in Anthropology, UCL".

    Every word after the name is capitalised, or a joiner of an organisation's name ("of", "in"), and no
    figure: a headline that names someone states what they did ("Jane Doe, chemist, wins award") in
    lower-case words, or, written in title case, with a function word ("Jane Doe, Who Led The Fight,
    Is Dead"), which no organisation's name holds but its joiners.
    """
    parts = [p.strip() for p in clean(text).strip().split(",")]
    if len(parts) < 2 or _FINAL.search(parts[-1]) or _shouted(text) or not _is_name_line(parts[0]):
        return False
    after = [t.strip("()") for p in parts[1:] for t in p.split()]
    if not after or len(after) > T.BYLINE_AFFILIATION_MAX_WORDS or any(not p.split() for p in parts[1:]):
        return False
    for t in after:
        low = t.lower()
        if low in _JOINERS:
            continue
        if not t[:1].isupper() or any(c.isdigit() for c in t) or (low in STOP_WORDS and not t.isupper()):
            return False
    return all(p.split()[0][:1].isupper() for p in parts[1:])


def _role(
    s: Sentence,
    caption_blocks: set[int],
    first_prose: int | None,
    last_prose: int | None,
    headline_seen: bool,
    block_size: int,
) -> Role:
    text = clean(s.text).strip()
    if (is_dateline(text) and DATELINE.fullmatch(text + " ")) or AGENCY_DATELINE.fullmatch(text + " "):
        return Role.DATELINE
    if _CREDIT.match(text) or _CONTRIBUTED.search(text) or _CONTRIBUTORS.match(text) or _CREDIT_TAIL.match(text):
        return Role.CREDIT
    if _is_link_credit(text):
        return Role.CREDIT  # "Content: https://www.sciencedaily.com/...", "(via theguardian.com)": not a headline
    words = _TOKEN.findall(text)
    if not words:
        return Role.CHROME  # rules, asterisks, stray punctuation: nothing to compare
    if _BYLINE.match(text) and len(words) - _datelike_count(words) <= 12 and not _FINAL.search(text.rstrip(".")):
        return Role.BYLINE
    if s.block in caption_blocks:
        return Role.CAPTION
    if len(words) <= 15 and _CHROME.match(text) and not (len(words) >= 6 and _LABEL_IN_PROSE.match(text)):
        return Role.CHROME
    if _is_date_line(words) or (_BULLET.match(text) and len(words) <= 4) or _BREADCRUMB.match(text):
        return Role.CHROME
    if _COUNTER.match(text):
        return Role.CHROME
    if _URL_LINE.match(text):
        return Role.CHROME
    inside = first_prose is not None and s.block > first_prose
    if block_size == 1 and inside and not _FINAL.search(text) and (_shouted(text) or " | " in text):
        return Role.OTHER_HEADLINE  # an all-capitals or piped line inside a page: a link to another story
    if block_size == 1 and _CLOCK.match(text) and not _FINAL.search(text):
        return Role.CHROME  # "01:17 Apple opens its first store": a video's running time, a timestamp
    if block_size == 1 and text.endswith("?") and len(words) <= 10 and first_prose is not None:
        return Role.SUBHEAD  # a question standing alone as a heading ("What's the story?")
    if block_size == 1 and not _FINAL.search(text):
        if first_prose is None or s.block < first_prose:
            if not headline_seen and len(words) >= 3:
                return Role.HEADLINE
            return Role.SUBHEAD if len(words) >= 4 else Role.CHROME
        if last_prose is not None and s.block > last_prose:
            return Role.OTHER_HEADLINE if len(words) >= 3 else Role.CHROME
        return Role.SUBHEAD if len(words) >= 2 else Role.CHROME
    return Role.BODY


def _is_link_credit(text: str) -> bool:
    """A line that is a credit formula and links and nothing more ("Source: reuters.com", "Read the full story
    at apnews.com.", "(via theguardian.com)", "Sources: reuters.com, apnews.com")."""
    found = links(text)
    if not found or not is_credit_formula(text[: found[0].start].lstrip("([ \t")):
        return False
    between = [text[a.end : b.start] for a, b in itertools.pairwise(found)] + [text[found[-1].end :]]
    return all(len(_TOKEN.findall(gap)) <= 1 for gap in between)


def _is_prose(members: list[Sentence]) -> bool:
    text = clean(" ".join(m.text for m in members))
    return bool(_FINAL.search(text.strip())) and len(_TOKEN.findall(text)) >= 8


def _is_caption(members: list[Sentence]) -> bool:
    """A short block that opens as a caption or carries a photo credit.

    Short: a caption is a line or two under a picture; a long block that mentions a photo
    credit ("Photo by the senator's office" inside a paragraph, a whole article pasted as
    one block) is story text, which would otherwise never be audited.
    """
    if len(members) > T.CAPTION_MAX_SENTENCES:
        return False
    text = clean(" ".join(m.text for m in members))
    return bool(_CAPTION_START.match(text.strip()) or _PHOTO_CREDIT.search(text))


_TIME_WORDS = frozenset(["am", "pm", "gmt", "utc", "et", "ist", "today", "yesterday", "at", "ago", "updated"])
_AGO_UNITS = frozenset(["sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hour", "hours"])
_AGO_UNITS |= frozenset(["hr", "hrs", "day", "days", "week", "weeks", "month", "months", "year", "years"])
_ZONE = re.compile(r"^[A-Z]{1,3}[SD]?T$|^\d{1,2}(?:am|pm)$", re.I)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}\b")
_URL_LINE = re.compile(r"^\S*(?:https?://|www\.)\S+$|^\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?$", re.I)


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _datelike_count(words: list[str]) -> int:
    ago = "ago" in (w.lower() for w in words)
    count = 0
    for w in words:
        low = w.lower()
        calendar = any(name.startswith(low[:3]) for name in MONTHS | WEEKDAYS) and len(low) >= 3
        zone = bool(_ZONE.match(w)) and (w.isupper() or low[-2:] in ("am", "pm"))
        if w.isdigit() or calendar or low in _TIME_WORDS or zone or (ago and low in _AGO_UNITS):
            count += 1
    return count


def _is_date_line(words: list[str]) -> bool:
    """A line of nothing but a date or time ("Saturday, 08 Nov 2025", "4:53 am PDT", "5 hours ago").

    One other word may stand beside it ("21 November 2022 | Other", "Period: 28.11.2025").
    """
    if not words or len(words) > 10 or not any(w[:1].isdigit() for w in words):
        return False
    datelike = _datelike_count(words)
    return datelike == len(words) or (len(words) >= 3 and datelike >= len(words) - 1)
