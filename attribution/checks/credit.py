"""Whether the derivative credits the source, and unnamed speakers.

The names to look for are the source's (``checks.source_names``), never a fixed list
of agencies. The derivative credits the source when one of them, in any of the forms
it is written in ("Gov. Youngkin" for "Governor Glenn Youngkin", "AP" for "The
Associated Press"), stands in a credit formula: "Source: Reuters", "(Reuters)",
"according to a release from Gov. Youngkin's office", "Reuters reported", "Reuters
notes", "told the BBC", "citing Reuters", "an article from The Guardian", "This report
contains material from Bloomberg News, Reuters, and The Associated Press", "Reuters and
AP contributed", "Lee said in a news release"; or when a generic word stands for a named
organisation in a formula that names a document ("the university said in a statement");
or when a name appears on a credit line of the derivative's own. A company goes by its
short name too ("Lee" for "Lee Enterprises Inc").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..core.lexicon import STOP_WORDS
from ..core.links import links
from ..core.records import Attribution, Credit, Role, Sentence
from ..core.text import PreparedText
from ..core.textfold import clean, fold
from .credit_links import link_credit, source_domains
from .source_names import source_names

_UNNAMED = re.compile(
    r"""\b(?:(?:some|many|most|several|other|certain|few|numerous|various|independent|outside|western|
            foreign|regional|political|industry|market|security|military|legal|local|leading|top)\s+)*
        (?P<head>analysts?|experts?|observers?|critics?|commentators?|pundits?|insiders?|watchers?|sources?|
           officials?|diplomats?|scholars?|economists?|strategists?|people|residents|many|some|others)
        \s+(?P<middle>\w+\s+)?
        (?P<verb>say|says|said|believe[sd]?|argue[sd]?|note[sd]?|suggest(?:s|ed)?|warn(?:s|ed)?|contend(?:s|ed)?|
           claim(?:s|ed)?|think|thought|expect(?:s|ed)?|fear(?:s|ed)?|predict(?:s|ed)?|point(?:s|ed)?\s+out|
           agree[sd]?|see|saw|view(?:s|ed)?|describe[sd]?|question(?:s|ed)?)\b
      | \bit\s+is\s+(?:widely\s+|generally\s+)?(?:believed|thought|said|understood|expected|feared|rumou?red)\b
      | \baccording\s+to\s+(?:some\s+|unnamed\s+|anonymous\s+|several\s+)?(?P<according>analysts|experts|sources|
           observers|critics|insiders|officials)\b
      | \b(?P<close>sources|people)\s+(?:close\s+to|familiar\s+with)\b
      | \bis\s+widely\s+(?:seen|regarded|considered|viewed)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_BETWEEN = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "in", "on", "of", "at", "for", "with", "from", "by"}
    | {"to", "about", "into", "under", "over", "as", "than", "and", "or"}
)
"""Words that cannot stand between the speakers and their verb: "people were expected to arrive" (a
passive: the people are expected, they expect nothing), "the people in question" (an idiom)."""
_PLURAL = frozenset({"people", "residents", "many", "some", "others"})
_QUANTIFIERS = frozenset({"many", "some"})
"""Heads that say how many, not who: a source mentioning "some" is not naming the same speakers."""


def _misread(m: re.Match[str]) -> bool:
    """A match that is no attribution: a word between speakers and verb that no verb follows ("people
    were expected to", "people in question"), or a verb that cannot agree with plural speakers, so a noun
    ("some questions", "many points")."""
    head, middle, verb = m.group("head"), m.group("middle"), m.group("verb")
    if head is None:
        return False
    if middle is not None and middle.strip().casefold() in _NOT_BETWEEN:
        return True
    plural = head.casefold() in _PLURAL or head.casefold().endswith("s")
    return middle is None and plural and verb.split()[0].casefold().endswith("s")


def _speaker_kind(m: re.Match[str]) -> str | None:
    """The head noun of the speakers, singular ("official" for "A navy official said"), or None when the
    match names no kind of speaker ("it is said", "some say")."""
    head = m.group("head") or m.group("according") or m.group("close")
    if head is None or head.casefold() in _QUANTIFIERS:
        return None
    head = head.casefold()
    return head if head in _PLURAL else head.removesuffix("s")


_CREDIT_ROLES = (Role.DATELINE, Role.CREDIT, Role.CAPTION, Role.BYLINE)


def source_credit_names(source: PreparedText, given: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The names the source goes by (``checks.source_names``)."""
    return source_names(source, given)


_TITLES = {
    "governor": r"gov\.?|governor",
    "gov": r"gov\.?|governor",
    "president": r"pres\.?|president",
    "senator": r"sen\.?|senator",
    "sen": r"sen\.?|senator",
    "representative": r"rep\.?|representative",
    "rep": r"rep\.?|representative",
    "mayor": "mayor",
    "secretary": r"secretary|sec\.?",
    "minister": "minister",
    "prime": r"prime\s+minister|pm",
    "dr": r"dr\.?|doctor",
    "professor": r"prof\.?|professor",
    "prof": r"prof\.?|professor",
    "mr": r"mr\.?",
    "ms": r"ms\.?",
    "mrs": r"mrs\.?",
}
_ORG_SUFFIX = frozenset({"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "news", "group", "agency"})
_DESIGNATORS = frozenset(
    {"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "company", "companies", "group", "enterprises"}
    | {"holdings", "industries", "incorporated", "limited"}
)
"""Words that say a name is a company's and that it drops in short ("Lee" for "Lee Enterprises Inc")."""
_KINDS = (
    "university|college|institute|school|company|firm|ministry|department|agency|foundation|council|government"
    "|office|museum|hospital|society|association|organi[sz]ation|commission|authority|bank|group"
)
_DOCUMENT = r"(?:statement|press\s+release|news\s+release|release|blog\s+post|post|announcement|report|filing)"
_VERBS = (
    r"(?:has\s+|had\s+|have\s+)?(?:reported|reports|said|says|wrote|writes|contributed|announced|announces|stated"
    r"|states|confirmed|confirms|noted|notes|told|tells|explained|explains|news\s+agency)"
)
_SAID = r"(?:said|says|announced|announces|stated|states|wrote|writes|noted|notes|reported|reports)"
_IN_DOCUMENT = rf"{_SAID}\s+in\s+(?:a|an|its|the)\s+(?:\w+\s+)?{_DOCUMENT}"
"""A speaker's words given in a document: "said in a news release", "announced in a statement"."""
_ADVERB = r"(?:(?:also|earlier|first|previously|later|separately|originally|initially|too|then|\w+ly)\s+)?"
"""One word that may stand between a name and its verb: "Reuters also reported", "AP first reported"."""
_CAPITAL = r"(?-i:[A-Z])"
"""A capital letter even inside a pattern compiled to ignore case."""
_LIST = rf"(?:(?:{_CAPITAL}[\w&.'’-]*\s+){{0,4}}?{_CAPITAL}[\w&.'’-]*\s*(?:,\s*(?:and\s+)?|\s+and\s+))*"
"""Other names before this one in a list: "material from Bloomberg News, Reuters, and The Associated Press"."""


def name_pattern(name: str) -> str:
    """A regular expression for the forms a name is written in: "Gov. Youngkin" for "Governor Glenn Youngkin",
    "AP" for "The Associated Press", "Tesla" for "Tesla Inc"."""
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    if not words:
        return re.escape(name)
    forms = [r"\s+".join(re.escape(w) for w in words)]
    title = _TITLES.get(words[0].casefold().rstrip("."))
    if title and len(words) >= 2:
        rest = words[1:]
        if words[0].casefold() == "prime" and len(rest) >= 2:
            rest = rest[1:]
        person = [re.escape(w) for w in rest]
        given_names = "".join(rf"(?:{w}\s+)?" for w in person[:-1])
        forms.append(
            rf"(?:(?:{title})\s+)?{given_names}{person[-1]}" if len(person) > 1 else rf"(?:{title})\s+{person[0]}"
        )
    if len(words) >= 2 and words[-1].casefold().rstrip(".") in _ORG_SUFFIX:
        forms.append(r"\s+".join(re.escape(w) for w in words[:-1]))
    short = short_name(name)
    if short is not None:
        forms.append("(?-i:" + r"\s+".join(re.escape(w) for w in short.split()) + ")")
    capitals = [w for w in words if w[:1].isupper() and w.casefold() not in ("of", "the", "for", "and")]
    if len(capitals) >= 2 and all(w.isalpha() for w in capitals):
        forms.append("(?-i:" + "".join(w[0] for w in capitals) + ")")
    if len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isalpha() and words[0].isupper():
        # An acronym spelled out: "Environmental Health News" for "EHN", capitals in order, "of" and "and" between.
        between = r"(?:\s+(?:of|and|for|the|on|&))*\s+"
        forms.append(between.join(f"(?-i:{c})[\\w'’-]+" for c in words[0]))
    return "(?:" + "|".join(f"(?:{f})" for f in sorted(set(forms), key=len, reverse=True)) + ")"


def short_name(name: str) -> str | None:
    """A company's name without its designators, as a text writes it after the first mention ("Lee" for "Lee
    Enterprises Inc", "Superior" for "Superior Group of Companies"), or None when it has none or nothing
    else. Matched in its own case only: "First" of "First Group" is not "first"."""
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    end = len(words)
    while end > 1 and words[end - 1].casefold().strip(".,") in (_DESIGNATORS | {"of", "and", "&"}):
        end -= 1
    if end == len(words) or not any(w.casefold().strip(".,") in _DESIGNATORS for w in words[end:]):
        return None
    short = " ".join(words[:end]).strip(",")
    if short.casefold() in STOP_WORDS or not short[:1].isupper():
        return None
    return short


def _kind_of(name: str) -> str | None:
    """The generic words a text uses for the named organisation ("the university", "the company"), as a
    pattern, if its name says what it is: a company's designator ("Inc", "Enterprises") says company."""
    m = re.search(rf"\b({_KINDS})\b", name, re.IGNORECASE)
    if m:
        return m.group(1).lower()
    if any(w.casefold().strip(".,") in _DESIGNATORS for w in name.split()[1:]):
        return "(?:company|firm)"
    return None


_OWNER = rf"(?:(?:{_CAPITAL}[\w.&-]*\s+(?:(?:of|and|for|the)\s+)?){{0,4}}{_CAPITAL}[\w.&-]*['’]s\s+)?"
"""The body a named one belongs to, before it: "according to the US Department of Agriculture's Food Safety
and Inspection Service"."""
_POSSESSION = r"(?:['’]s?\s+(?:press\s+)?(?:office|spokes(?:person|man|woman)|team|statement|website|blog|newsroom))?"
"""What a name's holder speaks through: "Gov. Youngkin's office", "the company's spokesperson"."""


def _formulas(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The credit formulas for ``name``: explicit ones (a credit line, "according to", "told", "citing"), and
    a name with a reporting verb ("Reuters notes", "Gov. Northam's office announced"), which counts only where
    no explicit credit stands anywhere."""
    n = name_pattern(name)
    kind = _kind_of(name)
    generic = (
        rf"|according\s+to\s+(?:a|an|the|its)\s+{_DOCUMENT}\s+(?:from|by|of)\s+(?P<k1>the\s+{kind})\b"
        rf"|\b(?P<k2>the\s+{kind})\s+(?:said|says|announced|stated)\s+in\s+(?:a|an|its)\s+{_DOCUMENT}"
        rf"|\bin\s+(?:a|an|its)\s+(?:\w+\s+)?{_DOCUMENT}\s*,\s*(?P<k3>the\s+{kind})\s+{_SAID}"
        if kind
        else ""
    )
    explicit = re.compile(
        rf"(?:sources?|via|credit|courtesy(?:\s+of)?|copyright|©)\s*:?\s*(?:the\s+)?(?P<a>{n})\b"
        rf"|\((?P<b>{n})\)"
        rf"|according\s+to\s+(?:(?:a|an|the|its)\s+(?:\w+\s+){{0,2}}?{_DOCUMENT}\s+(?:from|by|of|in|on)\s+)?"
        rf"(?:the\s+)?{_OWNER}(?P<c>{n}{_POSSESSION})(?!\w)"
        rf"|\b(?:told|informed|interview\s+with|citing|cited|quoting|with\s+reference\s+to)\s+(?:the\s+)?(?P<g>{n})\b"
        rf"|\b(?:article|story|report|piece|post|material|reporting|content|information|inputs?)\s+"
        rf"(?:from|by|in|on|of)\s+(?:the\s+)?{_LIST}(?:the\s+)?(?P<l>{n})\b"
        rf"|\b(?:reported\s+by|from|with)\s+(?:the\s+)?(?P<e>{n})\b"
        rf"|\b(?P<f>{n})/"
        rf"|\b(?P<s>{n})(?:['’]s?\s+(?:[\w-]+\s+){{0,5}}?[\w-]+,?)?\s+{_ADVERB}{_IN_DOCUMENT}"
        rf"|\bin\s+(?:a|an|its|the)\s+(?:\w+\s+)?{_DOCUMENT}\s*,\s*(?:the\s+)?(?P<t>{n})\s+{_SAID}"
        rf"{generic}",
        re.IGNORECASE,
    )
    reporting = re.compile(
        rf"\b(?P<d>{n}{_POSSESSION})(?:(?:,\s*|\s+and\s+)(?:{_CAPITAL}[\w&.'’-]*\s*)+)*\s+{_ADVERB}{_VERBS}\b",
        re.IGNORECASE,
    )
    return explicit, reporting


def find_credit(prepared: PreparedText, names: tuple[str, ...], urls: tuple[str, ...] = ()) -> Credit:
    """Where the derivative credits the source by one of ``names``, or by a link to it (``credit_links``: to a
    domain that is one of ``names``, or to the domain of one of the source's own ``urls``), if it does: the
    first explicit credit in reading order, else the first name with a reporting verb."""
    patterns = [(*_formulas(name), re.compile(rf"\b{name_pattern(name)}\b", re.IGNORECASE)) for name in names]
    domains = source_domains(urls)
    for s in prepared.sentences:
        # Matched on folded text (disguises undone), reported in the original characters.
        folded = fold(s.text, lower=False)
        # A name inside a link ("reuters" in "reuters.example.org") is read as a link or not at all.
        inside = _in_link(folded.text)
        for explicit, _, mention in patterns:
            for m in explicit.finditer(folded.text):
                group = next(g for g, v in m.groupdict().items() if v)
                if (group == "e" and s.role not in _CREDIT_ROLES) or inside(m.start(group), m.end(group)):
                    continue  # "from Reuters" counts only on a credit line
                return _credit(prepared, names, s, folded.span(m.start(group), m.end(group)))
            # A credit line, or a line that is the name alone ("The Conversation" over a republished piece).
            alone = mention.fullmatch(_bare_line(folded.text)) is not None
            lines = mention.finditer(folded.text) if s.role in _CREDIT_ROLES or alone else iter(())
            found = next((f for f in lines if not inside(f.start(), f.end())), None)
            if found:
                return _credit(prepared, names, s, folded.span(found.start(), found.end()))
        linked = link_credit(prepared.sentences, s, names, domains) if names or domains else None
        if linked is not None:
            return Credit(names, linked.credited_as, s.index, s.start + linked.start, s.start + linked.end)
    for s in prepared.sentences:
        folded = fold(s.text, lower=False)
        inside = _in_link(folded.text)
        for _, reporting, _ in patterns:
            spoken = next((m for m in reporting.finditer(folded.text) if not inside(m.start("d"), m.end("d"))), None)
            if spoken:
                return _credit(prepared, names, s, folded.span(spoken.start("d"), spoken.end("d")))
    return Credit(names, None, None, None, None)


def _bare_line(text: str) -> str:
    """A line without its leading "The" and the punctuation around it, to read it as a name alone."""
    return re.sub(r"^(?:the\s+)", "", text.strip(" \t.:;|–—-•"), flags=re.IGNORECASE)


def _in_link(text: str) -> Callable[[int, int], bool]:
    """Whether a match ``start``..``end`` of ``text`` falls inside one of its links. A name that is the whole
    link is the name written as its domain ("told Phys.org", "Salon.com reported"), not a link."""
    spans = [(link.start, link.end) for link in links(text)]
    return lambda at, end: any(a <= at < b and (a, b) != (at, end) for a, b in spans)


def _credit(prepared: PreparedText, names: tuple[str, ...], s: Sentence, span: tuple[int, int]) -> Credit:
    start, end = s.start + span[0], s.start + span[1]
    start -= _leading_the(prepared.text[s.start : start], names)
    return Credit(names, _in_full(prepared.text, prepared.text[start:end], names), s.index, start, end)


def _in_full(text: str, written: str, names: tuple[str, ...]) -> str:
    """The company a credit names in short ("Lee's president … said in a news release"), as the text writes
    it in full elsewhere ("Lee Enterprises", its first mention), else as the credit writes it."""
    for name in names:
        short = short_name(name)
        if short is None or written != short:
            continue
        words = [w.strip(",") for w in name.split() if w.casefold() != "the"]
        for size in range(len(words), len(short.split()), -1):
            full = " ".join(words[:size])
            if re.search(rf"(?<!\w){re.escape(full)}(?!\w)", text):
                return full
    return written


def _leading_the(before: str, names: tuple[str, ...]) -> int:
    """How many characters of ``before`` a capitalised "The" takes that belongs to the name as written
    ("from The Guardian" credits "The Guardian"; "from the Guardian" credits "Guardian"). At the start of a
    sentence the capital says nothing, so there it counts only when a source name begins with "The"."""
    m = re.search(r"\bThe\s+$", before)
    if m is None:
        return 0
    starts_sentence = not before[: m.start()].strip()
    if starts_sentence and not any(n.casefold().startswith("the ") for n in names):
        return 0
    return len(before) - m.start()


def find_unnamed_attributions(sentences: Iterable[Sentence]) -> tuple[Attribution, ...]:
    found = []
    for s in sentences:
        if not s.role.is_story:
            continue
        folded = fold(s.text, lower=False)
        for m in _UNNAMED.finditer(folded.text):
            if _names_the_group(folded.text, m.start()) or _misread(m):
                continue
            start, end = (s.start + x for x in folded.span(m.start(), m.end()))
            found.append(Attribution(start, end, s.text[start - s.start : end - s.start], s.index))
    return tuple(found)


def has_unnamed_attribution(text: str) -> bool:
    text = clean(text)
    return any(not _names_the_group(text, m.start()) and not _misread(m) for m in _UNNAMED.finditer(text))


def attribution_in_source(attribution: Attribution, source_sentence: str) -> bool:
    """Whether a source sentence the attributed sentence draws on already hangs it on speakers: on unnamed
    ones of its own, or on speakers of the same kind, named or modified ("A navy official said" for "A navy
    official on the scene said", "the analyst firm said" for "Gartner analysts said"). Copied from the
    source, the attribution is the source's, not one the derivative adds."""
    if has_unnamed_attribution(source_sentence):
        return True
    m = _UNNAMED.search(fold(attribution.text, lower=False).text)
    kind = _speaker_kind(m) if m is not None else None
    if kind is None:
        return False
    forms = r"people|persons?" if kind == "people" else rf"{kind}s?" if kind not in _PLURAL else kind
    return re.search(rf"\b(?:{forms})\b", clean(source_sentence), re.IGNORECASE) is not None


def _names_the_group(text: str, start: int) -> bool:
    """ "U.S. officials said", "Pentagon sources say": the speakers are named by who they are.

    Only a capitalised word right before them names them; "... across Europe, observers
    note" does not, nor does a function word or a number capitalised to open the sentence
    ("The officials said", "An official said", "But analysts say", "Two diplomats said").
    """
    before = text[:start]
    if not before or not before[-1].isspace():
        return False
    words = before.split()
    previous = words[-1] if words else ""
    if previous.casefold() in STOP_WORDS or previous.casefold() in _NUMBER_WORDS:
        return False
    acronym = re.fullmatch(r"(?:[A-Z]\.)+", previous) is not None  # "U.S. officials"
    return bool(previous) and previous[:1].isupper() and (previous[-1].isalnum() or acronym)


_NUMBER_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds"}
)
"""Numbers that open a sentence ("Two diplomats said"): how many speakers, not who."""
