"""Links in a text: URLs and bare domains ("https://www.reuters.com/world/...", "apnews.com"), and the
credit formulas that carry one ("Source: reuters.com", "Content: https://...", "Read more at apnews.com").

A host's registrable name is read with ``tld`` against the Public Suffix List it ships with ("bbc" in
"news.bbc.co.uk", "sciencedaily" in "www.sciencedaily.com"): a rule of our own would get "co.uk" or
"com.au" wrong. ``tld`` reads its bundled list file and fetches nothing unless ``update_tld_names`` is
called (never here). Its private part is read too: under a private suffix such as "blogspot.com" or
"github.io" each name is its holder's site, so "name.github.io" is "name"'s, not GitHub's, and two blogs on
one platform are two domains. Blog and newsletter platforms that give each writer a host of their own but
are missing from the list ("name.substack.com", ``PLATFORMS``) are read the same way; the platform's own
pages ("www.substack.com", "substack.com") are the platform's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LINK = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]]+)"
    r"|(?<![\w@./-])(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?P<path>/[^\s<>\"'“”()\[\]]*)?"
    r"(?![\w@-]|\.[a-z0-9])",
    re.IGNORECASE,
)
"""A URL (with a scheme or "www."), or a bare domain with an optional path; a bare one is a domain only
where its last part is a public suffix (``registrable``), so "e.g." or "U.S." never are."""

FORMULA = re.compile(
    r"""(?:^|(?<=[\s(\[—–-]))(?:
        (?:sources?|content|credits?|link)\s*:
      | (?:via|courtesy\s+of|h/t)\s*:?
      | (?:originally\s+|first\s+)?(?:published|posted|appeared)\s+(?:originally\s+|first\s+)?(?:at|on)
      | read\s+(?:more|(?:the\s+)?(?:full|original|whole)(?:\s+(?:story|article|report|piece|post))?)
            (?:\s+(?:at|on|from))?\s*:?
      | (?:more|full\s+(?:story|article|report))\s+(?:at|on)
      | (?:story|article|report|piece)\s+(?:from|at)
    )\s*(?:the\s+)?$""",
    re.IGNORECASE | re.VERBOSE,
)
"""The words that make what follows them a credit ("Source: ", "(via ", "Read the full story at "),
matched against the text right before a link."""

_TRAILING = ".,;:!?)]}'\"’”"


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    """The link as written, without trailing punctuation."""
    domain: str
    """The registrable domain, lower case ("sciencedaily.com")."""
    name: str
    """Its registrable label ("sciencedaily")."""
    bare: bool
    """Written without a scheme or "www." ("reuters.com")."""


def links(text: str) -> list[Link]:
    """The links in ``text`` whose host has a public suffix, in order."""
    found = []
    for m in LINK.finditer(text):
        written = m.group(0).rstrip(_TRAILING)
        bare = m.group("url") is None
        host = (m.group("domain") if bare else _host(written)) or ""
        parts = registrable(host)
        if parts is not None:
            found.append(Link(m.start(), m.start() + len(written), parts[0], parts[1], bare))
    return found


def link_domain(url: str) -> str | None:
    """The registrable domain of a URL or host ("https://www.reuters.com/x" -> "reuters.com")."""
    parts = registrable(_host(url.strip()) or "")
    return parts[0] if parts else None


def credit_link_at(text: str, link: Link) -> bool:
    """Whether a credit formula stands right before ``link`` ("Source: ", "(via ", "Read more at ")."""
    return FORMULA.search(text[: link.start]) is not None


def is_credit_formula(text: str) -> bool:
    """Whether ``text`` is a credit formula and nothing more ("Source:", "Read more at")."""
    return bool(text.strip()) and FORMULA.match(text) is not None


def _host(url: str) -> str | None:
    m = re.match(r"(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\s]*@)?([^/:?#\s]+)", url, re.IGNORECASE)
    return m.group(1) if m else None


@lru_cache(maxsize=4096)
def registrable(host: str) -> tuple[str, str] | None:
    """The registrable domain and its label ("www.bbc.co.uk" -> ("bbc.co.uk", "bbc")), or None when the host
    ends in no public suffix or has nothing before it."""
    host = host.strip(".").casefold()
    if not host or "." not in host:
        return None
    from tld import Result, get_tld

    public = get_tld(host, as_object=True, fix_protocol=True, fail_silently=True, search_private=False)
    if not isinstance(public, Result) or not public.domain:
        return None
    private = get_tld(host, as_object=True, fix_protocol=True, fail_silently=True, search_private=True)
    if isinstance(private, Result) and private.domain and private.fld != public.fld and private.domain != "www":
        return str(private.fld), str(private.domain)
    label = str(public.subdomain).rsplit(".", 1)[-1]
    if str(public.fld) in PLATFORMS and label and label != "www":
        return f"{label}.{public.fld}", label
    return str(public.fld), str(public.domain)


PLATFORMS = frozenset(
    {
        "substack.com",
        "medium.com",
        "wordpress.com",
        "tumblr.com",
        "beehiiv.com",
        "ghost.io",
        "typepad.com",
        "livejournal.com",
        "weebly.com",
        "hashnode.dev",
    }
)
"""Blog and newsletter hosts not in the Public Suffix List that give each writer a host name of their own
("name.substack.com"): read as private suffixes, as the list's own "blogspot.com" and "github.io" are."""
