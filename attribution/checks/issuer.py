"""Who issued a press release: the organisation that speaks in it, found from the release's form.

A release rarely names itself the way a story names its outlet: no dateline agency, no byline. Its issuer
is the organisation it speaks for, and three forms of a release say which (a text that credits an agency
is the agency's story, and is not read this way: ``source_names``):

1. Its lead: the subject that opens it, with a release formula: an announcement ("Governor Ralph Northam
   today announced", "Acme Corp said in a statement"), or the speaker that closes it "today" ("…, the
   Food Safety and Inspection Service (FSIS) announced today": the acronym and the words that spell it), or
   a report dated "today" ("Lee Enterprises, Inc.,
   a leading provider of local news, reported earnings today"): a news story dates what it reports by its
   weekday, the issuer's own text by "today". A corporate designator (", Inc.") and an appositive (", a
   leading provider of …,") between the name and its verb are read through. A report verb without "today"
   counts when the text quotes "we" from someone whose title names no organisation ("said Kevin Mowbray,
   President and Chief Executive Officer"): only in its own text does an organisation leave itself unnamed.
2. Its "About X" section: a heading "About X" whose next paragraph opens with X (the boilerplate at a
   release's end: "About Acme Corp / Acme Corp is a maker of …").
3. Its media contact lines: an e-mail address or link after "Media contact:" or "For more information,
   contact", whose domain is the name of an organisation the text writes ("media@acme.com" for Acme Corp,
   "osu.edu" for The Ohio State University; ``credit_links.name_keys``).

Each rule reads where a name stands, never a list of organisations. A named-entity tagger would say which
runs are organisations, not which one speaks; the form of the release says that.
"""

from __future__ import annotations

import re

from ..core.links import links, registrable
from ..core.records import Role, Sentence
from ..core.text import PreparedText
from ..core.textfold import clean
from .credit_links import name_keys

NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:(?:of|the|for|and|&|de)\s+)?[A-Z][\w&.'’-]*){0,5}"
"""A run of capitalised words, with the small words names carry inside them."""
_DESIGNATOR = r"Inc|Corp|Corporation|Co|Ltd|LLC|L\.L\.C|plc|PLC|LP|L\.P|N\.V|S\.A|AG|GmbH"
_ANNOUNCES = (
    r"announced|announces|unveiled|unveils|launched|launches|released|releases"
    r"|said\s+in\s+(?:a|an|its)\s+(?:statement|press\s+release|news\s+release|release|blog\s+post|post)"
)
_REPORTS = (
    r"reported|reports|posted|posts|declared|declares|named|names|appointed|appoints|completed|completes"
    r"|opened|opens|introduced|introduces|signed|signs|received|receives|awarded|awards|celebrated|celebrates"
    r"|welcomed|welcomes|expanded|expands|reached|reaches|filed|files|issued|issues|marked|marks"
)
_LEAD = re.compile(
    r"^(?:[A-Z][A-Z .,'’-]+(?:\([^)]*\))?\s*[-–—]+\s*)?"  # a dateline: "RICHMOND— "
    rf"(?:[\w ,.'’-]*?-based\s+)?(?:the\s+)?(?P<name>{NAME})"
    rf"(?:,?\s+(?P<designator>{_DESIGNATOR})\.?)?"
    r"(?:,\s+(?:a|an|the|one\s+of)\s+[^.;:\"“”]{0,250}?,)?\s+"  # an appositive: ", a leading provider of …,"
    r"(?P<when>(?:(?:today|yesterday|recently|has|have|this\s+week|on\s+\w+(?:\s+\d+)?)\s+)*)"
    rf"(?:(?P<announces>{_ANNOUNCES})|(?P<reports>{_REPORTS}))\b"
)
_SAYS_TODAY = r"(?:today\s+)?(?:announced|said|reported|stated)(?P<today>\s+today)?\s*[.!]?\s*$"
_TRAILING = re.compile(
    rf"(?:[,;]\s+(?:the\s+)?(?P<name>{NAME})|\((?P<acronym>[A-Z][A-Z&]{{1,7}})\))\s+(?P<says>{_SAYS_TODAY})"
)
"""A lead whose speaker closes it: "…, Governor Ralph Northam announced today.", "… Service (FSIS)
announced today."."""
_TODAY = re.compile(r"^(?:\W*\w+){0,6}?\W+today\b", re.IGNORECASE)
""""today" within the few words after a report verb: "reported earnings today of $4.4 million"."""
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_OWN_TITLE = re.compile(
    r"(?:said|says|added)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3},\s+(?:[A-Z][\w-]*|and|of|&)(?:\s+(?:[A-Z][\w-]*|and|&))*"
    r"\s*[.,]?\s*$"
)
"""A speaker with a title that names no organisation: "said Kevin Mowbray, President and Chief Executive
Officer." (a title "of" an organisation, or an organisation's possessive, names it)."""
_ABOUT = re.compile(rf"^About\s+(?:the\s+)?(?P<name>{NAME})\s*(?:[:.–—-]\s*(?P<rest>.*))?$", re.DOTALL)
_CONTACT = re.compile(
    r"^\W*(?:(?:media|press|news|public\s+relations)\s+)?(?:contacts?|inquiries|enquiries)\s*:"
    r"|\bfor\s+(?:more|further|additional)\s+information,?\s+(?:please\s+)?contact\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,24})\b", re.IGNORECASE)
_LEAD_SENTENCES = 3
_CONTACT_LINES = 4


def issuers(source: PreparedText) -> list[str]:
    """The organisations a press release speaks for, by its lead, its "About" section and its contacts."""
    return [*_lead_speakers(source), *_about(source), *_contacts(source)]


def _lead_speakers(source: PreparedText) -> list[str]:
    lead = [s for s in source.sentences if s.role == Role.BODY][:_LEAD_SENTENCES]
    found = []
    for s in lead:
        closing = _TRAILING.search(clean(s.text))
        if closing is not None and "today" in closing.group("says"):
            found.extend(_closing_speaker(clean(s.text), closing))
        m = _LEAD.match(clean(s.text))
        if m is None or not m.group("name"):
            continue
        dated = "today" in m.group("when") or _TODAY.match(clean(s.text)[m.end() :]) is not None
        if m.group("reports") and not dated and not _speaks_untitled(source.sentences):
            continue
        designator = m.group("designator")
        found.append(f"{m.group('name')} {designator}" if designator else m.group("name"))
    return found


def _closing_speaker(text: str, m: re.Match[str]) -> list[str]:
    """The speaker that closes a lead, and an acronym's name spelled out before it ("Food Safety and
    Inspection Service" before "(FSIS)": the capitalised words whose initials spell it)."""
    acronym = m.group("acronym")
    if acronym is None:
        return [m.group("name")]
    words = text[: m.start()].split()
    letters = [c for c in acronym if c.isalpha()]
    spelled: list[str] = []
    for word in reversed(words):
        if len(spelled) and word.casefold() in ("of", "and", "for", "the", "&"):
            spelled.insert(0, word)
            continue
        if not word[:1].isupper() or len([w for w in spelled if w[:1].isupper()]) == len(letters):
            break
        spelled.insert(0, word)
    initials = "".join(w[0] for w in spelled if w[:1].isupper())
    while spelled and not spelled[0][:1].isupper():
        spelled.pop(0)
    return [" ".join(spelled), acronym] if initials == "".join(letters) else [acronym]


def _speaks_untitled(sentences: tuple[Sentence, ...]) -> bool:
    """Whether the text quotes "we" from someone whose title names no organisation."""
    return any(_WE.search(clean(s.text)) and _OWN_TITLE.search(clean(s.text)) for s in sentences)


def _about(source: PreparedText) -> list[str]:
    sentences = source.sentences
    found = []
    for i, s in enumerate(sentences):
        m = _ABOUT.match(clean(s.text).strip())
        if m is None:
            continue
        name = m.group("name").rstrip(".")
        after = m.group("rest") or (clean(sentences[i + 1].text) if i + 1 < len(sentences) else "")
        if re.match(rf"(?:The\s+)?{re.escape(name.split()[0])}\b", after.strip()):
            found.append(name)
    return found


def _contacts(source: PreparedText) -> list[str]:
    sentences = source.sentences
    labels: set[str] = set()
    for i, s in enumerate(sentences):
        if not _CONTACT.search(clean(s.text)):
            continue
        for t in sentences[i : i + _CONTACT_LINES]:
            hosts = [m.group(1) for m in _EMAIL.finditer(t.text)]
            domains = [(registrable(h) or ("", ""))[1] for h in hosts] + [link.name for link in links(t.text)]
            labels.update(d.casefold() for d in domains if d)
    if not labels:
        return []
    names = {m.group(0).rstrip(".") for s in sentences for m in re.finditer(NAME, clean(s.text))}
    return sorted(n for n in names if labels & name_keys(n))
