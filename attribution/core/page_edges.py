"""Page furniture at the edges of a story that reads like story text: decided from form and position.

A reference list after the story ("Timshina A. et al. (March 2021). “The last straw: …” Chemosphere") is
credit, and a stack of short one-line sentences at the very top that runs into page furniture (a subscription
banner: "Get all your news in one place. / One app. / Start reading") is chrome, as is a tagline of very short
sentences under chrome at the very bottom (a sign-up box: "Newsletter" / "Only the best. We promise."). Called by
``roles.assign_roles`` once each line has its own role; kept apart so that ``roles`` stays readable.
"""

from __future__ import annotations

import re

from .records import Role, Sentence
from .textfold import clean

_FINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _is_citation_part(text: str) -> bool:
    """A piece of a reference entry: its head, a quoted title, or a short line without final punctuation."""
    return bool(
        _CITATION_HEAD.match(text)
        or _QUOTED_TITLE.match(text)
        or (len(_TOKEN.findall(text)) <= 4 and not _FINAL.search(text))
    )


def top_banner(sentences: tuple[Sentence, ...], roles: list[Role]) -> None:
    """Short one-line sentences at the very top of the page that run into page furniture are a banner.

    "Get all your news in one place. / 100's of premium titles. / One app. / Start reading": two or
    more lines from the first, each a block of one sentence of at most 8 words with a full stop, before
    any headline or paragraph, and the line after them chrome (the banner's button). A story's opening
    is a headline or a paragraph, never a stack of such lines; one sentence alone is never a banner.
    """
    run = 0
    for i, s in enumerate(sentences):
        short = len(_TOKEN.findall(s.text)) <= 8 and _FINAL.search(clean(s.text).strip())
        alone = s.block != (sentences[i - 1].block if i else -1) and (
            i + 1 == len(sentences) or sentences[i + 1].block != s.block
        )
        if roles[i] == Role.BODY and short and alone:
            run += 1
            continue
        if roles[i] == Role.CHROME and run >= 2:
            for j in range(i - run, i):
                roles[j] = Role.CHROME
        return


_TAGLINE_WORDS = 4
"""The most words in one sentence of a sign-up box's tagline ("Only the best." / "We promise.")."""
_QUOTE_OR_DIGIT = re.compile(r"[\d\"“”‘’«»„]")


def bottom_banner(sentences: tuple[Sentence, ...], roles: list[Role]) -> None:
    """The page's last paragraph, a tagline of two or more very short sentences under page furniture, is chrome.

    A newsletter sign-up box ("Newsletter" / "Only the best. We promise.") closes many pages: a
    line of chrome, then one block of two or more sentences of at most four words each, with full
    stops, no figures and no quotation, and nothing of the story after it. A story's last paragraph
    after an "Advertisement" line is a claim or a quotation, never such a stack of slogans.
    """
    story = [i for i, r in enumerate(roles) if r.is_story]
    if not story:
        return
    block = sentences[story[-1]].block
    members = [i for i, s in enumerate(sentences) if s.block == block]
    texts = [clean(sentences[i].text).strip() for i in members]
    if len(members) < 2 or any(roles[i] != Role.BODY for i in members):
        return
    if not all(len(_TOKEN.findall(t)) <= _TAGLINE_WORDS and _FINAL.search(t) for t in texts):
        return
    if any(_QUOTE_OR_DIGIT.search(t) for t in texts) or members[0] == 0:
        return
    above = members[0] - 1
    alone = sentences[above].block != block and (above == 0 or sentences[above - 1].block != sentences[above].block)
    if roles[above] == Role.CHROME and alone:
        for i in members:
            roles[i] = Role.CHROME


_NAME_PART = r"(?:[A-Z][\w'’-]+|[A-Z]\.(?:\s?-?[A-Z]\.)*)"
_CITED_DATE = r"\((?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?(?:[A-Z][a-z]+\.?\s+)?\d{4}[a-z]?\)"
_CITATION_HEAD = re.compile(
    rf"^{_NAME_PART}(?:,?\s+(?:and\s+|&\s+)?{_NAME_PART}){{0,7}}"
    rf"(?:,?\s+et\s+al\.?(?:\s+{_CITED_DATE})?|\s+{_CITED_DATE})[.,:]?$"
)
"""The head of a reference-list entry: authors, perhaps with initials, then "et al." or a date in parentheses
("Timshina A. et al.", "Quinn McVeigh (April 15, 2021).", "EUWID (April 27, 2021)."). Case matters."""
_QUOTED_TITLE = re.compile(r"^[“\"‘'«„].{3,}[”\"’'»“][.,]?$")
_REFERENCES_HEADING = re.compile(r"^(?:references?|sources?|further\s+reading|bibliography|works\s+cited)\s*:?$", re.I)
_ENTRY_WORDS = 80
"""The most words a block of a reference list holds: a paragraph longer than this is story."""


def reference_list(sentences: tuple[Sentence, ...], roles: list[Role]) -> None:
    """A trailing reference list after the story is credit: its entries are no claims of the story.

    Read from the end of the page backwards, the list is a run of lines each of which is page
    furniture, an entry that opens with a citation's head (authors and "et al." or a date in
    parentheses), a quoted title, or a short line without final punctuation (a journal's name);
    it counts from its first entry on, and only after 40 words of story, so one sentence is never
    read as a list. A "References" / "Sources" / "Further reading" heading after the story makes the
    short lines under it credit too.
    """
    by_block: dict[int, list[int]] = {}
    for s in sentences:
        by_block.setdefault(s.block, []).append(s.index)
    order = sorted(by_block)
    story_words = [len(_TOKEN.findall(s.text)) if roles[s.index] == Role.BODY else 0 for s in sentences]
    start: int | None = None
    for k in range(len(order) - 1, -1, -1):
        members = by_block[order[k]]
        texts = [clean(sentences[i].text).strip() for i in members]
        words = sum(len(_TOKEN.findall(t)) for t in texts)
        if all(not roles[i].is_story for i in members):
            continue
        parts = [t for i, t in zip(members, texts, strict=True) if roles[i].is_story]
        if words > _ENTRY_WORDS or len(members) > 5 or not all(_is_citation_part(t) for t in parts):
            break
        if _CITATION_HEAD.match(texts[0]):
            start = k
    heading = max(
        (
            k
            for k, b in enumerate(order)
            if len(by_block[b]) == 1 and _REFERENCES_HEADING.match(clean(sentences[by_block[b][0]].text).strip())
        ),
        default=None,
    )
    if heading is not None and all(
        sum(len(_TOKEN.findall(sentences[i].text)) for i in by_block[b]) <= _ENTRY_WORDS for b in order[heading:]
    ):
        start = heading if start is None else min(start, heading)
    if start is None or sum(story_words[: by_block[order[start]][0]]) < 40:
        return
    for b in order[start:]:
        for i in by_block[b]:
            roles[i] = Role.CREDIT
