"""Credit given by a link: "Content: https://www.sciencedaily.com/...", "Source: reuters.com", "(via
theguardian.com)", "Read the full story at apnews.com", a bare URL on a line of its own at the story's end.

A link credits the source when its registrable name (``core.links``: "sciencedaily" in
"www.sciencedaily.com", "bbc" in "news.bbc.co.uk") is one of the source's names written without
spaces and punctuation, or its acronym ("sciencedaily" for "ScienceDaily", "apnews" for "AP News",
"theguardian" or "guardian" for "The Guardian", "bloomberg" for "Bloomberg News"), or when its domain
is the source's own (a page's canonical URL, an archive story's ``url``). The whole name must be the
whole label: "reutersinsider" is not Reuters. Under a private suffix the label is the holder's
("name" in "name.substack.com", "name.github.io": ``core.links``).

Where the link stands decides whether it is a credit: a URL (with a scheme or "www.") pointing to the
source anywhere in the text is a link to the source; a bare domain counts after a credit formula
("Source: ", "via", "Read more at") or alone on a line before or after the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.links import Link, credit_link_at, link_domain, links
from ..core.records import Role, Sentence
from ..core.textfold import fold

_ORG_SUFFIX = frozenset({"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "news", "group", "agency"})
_SMALL = frozenset({"of", "the", "for", "and", "&"})


@dataclass(frozen=True)
class LinkCredit:
    credited_as: str
    """The name the link's domain matched, else the registrable domain as written."""
    start: int
    end: int
    """The link in the sentence's text."""


def letters(text: str) -> str:
    """A name or label with case, spaces and punctuation left out ("AP News" -> "apnews")."""
    return re.sub(r"[\W_]+", "", fold(text).text).casefold()


def name_keys(name: str) -> set[str]:
    """The domain labels that are ``name``: its letters, without a leading "The" or a trailing "News" /
    "Inc", and the acronym of two or more capitalised words ("ap" for "Associated Press")."""
    words = name.split()
    forms = [words]
    if len(words) >= 2 and words[0].casefold() == "the":
        forms.append(words[1:])
    for form in list(forms):
        if len(form) >= 2 and form[-1].casefold().rstrip(".") in _ORG_SUFFIX:
            forms.append(form[:-1])
    keys = {letters(" ".join(f)) for f in forms}
    capitals = [w for w in words if w.casefold() not in _SMALL]
    if len(capitals) >= 2 and all(w[:1].isupper() and w.isalpha() for w in capitals):
        keys.add("".join(w[0] for w in capitals).casefold())
    return {k for k in keys if len(k) >= 2}


def source_domains(urls: Iterable[str]) -> set[str]:
    """The registrable domains of the source's own URLs."""
    return {d for d in (link_domain(u) for u in urls) if d}


def link_credit(
    sentences: tuple[Sentence, ...], s: Sentence, names: tuple[str, ...], domains: set[str]
) -> LinkCredit | None:
    """The first link in ``s`` (one of ``sentences``) that credits the source, if one does."""
    text = s.text
    for link in links(text):
        name = _named(link, names)
        if name is None and link.domain not in domains:
            continue
        if link.bare and not credit_link_at(text, link) and not _alone_outside(sentences, s, link):
            continue
        return LinkCredit(name or _as_written(text[link.start : link.end], link.domain), link.start, link.end)
    return None


def _named(link: Link, names: tuple[str, ...]) -> str | None:
    label = letters(link.name)
    return next((n for n in names if label in name_keys(n)), None)


def _as_written(link: str, domain: str) -> str:
    """The registrable domain as the link writes it ("Example-Wire.org" in "https://news.Example-Wire.org/a")."""
    at = link.casefold().find(domain)
    return link[at : at + len(domain)] if at >= 0 else domain


def _alone_outside(sentences: tuple[Sentence, ...], s: Sentence, link: Link) -> bool:
    """Whether the link is a line of its own before the story's first paragraph or after its last."""
    if s.text[: link.start].strip() or s.text[link.end :].strip(" .;,"):
        return False
    if any(o.block == s.block and o.index != s.index for o in sentences):
        return False
    body = [o.index for o in sentences if o.role == Role.BODY and o.index != s.index]
    return not body or s.index < body[0] or s.index > body[-1]
