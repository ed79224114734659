"""The records that pass from stage to stage: frozen, typed, and free of behaviour.

read → segment → roles → embed → align → classify → report. Each stage takes the
records of the stages before it and returns new ones; none mutates its input. A
finished audit holds one record per sentence (``DerivativeSentence``,
``SourceSentence``), so nothing downstream re-zips parallel tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .evidence import Evidence


class Role(StrEnum):
    """What a sentence is on the page, before anything is compared."""

    HEADLINE = "headline"
    SUBHEAD = "subhead"
    BYLINE = "byline"
    DATELINE = "dateline"
    CREDIT = "credit"
    CAPTION = "caption"
    CHROME = "chrome"
    OTHER_HEADLINE = "other_headline"
    ASIDE = "aside"
    """Prose at the edge of a source's story on another subject (a teaser, an appeal): ``core/asides.py``."""
    BODY = "body"

    @property
    def is_story(self) -> bool:
        """Story content: what a rewrite can copy, paraphrase or leave out."""
        return self in (Role.HEADLINE, Role.SUBHEAD, Role.BODY)


class DerivativeLabel(StrEnum):
    VERBATIM = "verbatim"
    PARAPHRASE = "paraphrase"
    ADDED = "added"
    CREDIT = "credit"


class SourceLabel(StrEnum):
    USED = "used"
    OMITTED = "omitted"
    BOILERPLATE = "boilerplate"


class QuoteStatus(StrEnum):
    MATCHES = "matches"
    ALTERED = "altered"
    UNQUOTED_IN_SOURCE = "unquoted_in_source"
    NOT_IN_SOURCE = "not_in_source"


class DetailKind(StrEnum):
    NAME = "name"
    NUMBER = "number"
    DATE = "date"
    PLACE = "place"
    PHRASE = "phrase"


class Severity(StrEnum):
    """How much a finding matters; a policy maps rules to error or warning."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingKind(StrEnum):
    QUOTE_NOT_IN_SOURCE = "quote_not_in_source"
    QUOTE_ALTERED = "quote_altered"
    QUOTE_UNQUOTED = "quote_unquoted_in_source"
    ADDED_CLAIM = "added_claim"
    ADDED_DETAIL = "added_detail"
    UNSOURCED_ATTRIBUTION = "unsourced_attribution"
    OMITTED = "omitted"
    UNCREDITED = "uncredited"
    SOURCE_UNNAMED = "source_unnamed"
    """Derived, but the source's name was found nowhere, so whether it is credited cannot be said."""
    LANGUAGE_MISMATCH = "language_mismatch"
    """The texts are in different languages, or in one the model was not trained on."""
    EVASION = "evasion"
    CHANGED_FACT = "changed_fact"
    """A number, date, name or negation of an aligned sentence differs from its source sentence."""
    HEDGE_DROPPED = "hedge_dropped"
    """The source hedges ("may", "allegedly"); the rewrite states it flat."""
    ATTRIBUTION_DROPPED = "attribution_dropped"
    """The source attributes the claim ("police said"); the rewrite states it as fact."""
    QUOTE_MISATTRIBUTED = "quote_misattributed"
    """A source quotation hung on a different speaker."""


class FactChange(StrEnum):
    """What changed between an aligned derivative sentence and its source."""

    NUMBER = "number"
    NAME = "name"
    NEGATION = "negation"
    HEDGE_DROPPED = "hedge_dropped"
    ATTRIBUTION_DROPPED = "attribution_dropped"
    QUOTE_MISATTRIBUTED = "quote_misattributed"


@dataclass(frozen=True)
class Document:
    """A decoded input. ``text`` is what every offset in the report points into."""

    text: str
    path: str | None
    sha256: str
    encoding: str
    names: tuple[str, ...] = ()
    """Names the document goes by, from outside its text: given by the user (``--source-name``) or read from
    its page's metadata (site name, author, publisher)."""
    urls: tuple[str, ...] = ()
    """Where the document is published, from outside its text: its page's canonical URL and ``og:url``, an
    archive story's ``url``. A derivative's link to the same domain credits it (``checks.credit_links``)."""


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    block: int
    """Index of the line or paragraph the sentence came from."""
    role: Role = Role.BODY


@dataclass(frozen=True)
class CopiedRun:
    """Words the derivative shares with the source, in the same order."""

    source_start: int
    source_end: int
    derivative_start: int
    derivative_end: int
    words: int


@dataclass(frozen=True)
class SentenceMatch:
    """How one derivative sentence relates to the source."""

    sentence: int
    sources: tuple[int, ...]
    cosine: float
    """Best cosine similarity with a source story sentence or neighbouring pair."""
    lexical: float
    """rapidfuzz token-set similarity with the chosen sources, 0..1."""
    coverage: float
    """Share of the sentence's words inside copied runs, 0..1."""


@dataclass(frozen=True)
class Alignment:
    matches: tuple[SentenceMatch, ...]
    runs: tuple[CopiedRun, ...]
    source_best: tuple[float, ...]
    """For each source sentence, its best cosine with any derivative sentence."""


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    sentence: int
    status: QuoteStatus
    source_start: int | None
    source_end: int | None
    score: float


@dataclass(frozen=True)
class AddedDetail:
    start: int
    end: int
    text: str
    sentence: int
    kind: DetailKind


@dataclass(frozen=True)
class ChangedFact:
    """A fact stated one way in the derivative and another in the aligned source, with both spans."""

    kind: FactChange
    sentence: int
    start: int
    end: int
    text: str
    source_sentence: int
    source_start: int
    source_end: int
    source_text: str


@dataclass(frozen=True)
class Attribution:
    """An unnamed speaker a claim is hung on ("Analysts say")."""

    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True)
class Credit:
    names: tuple[str, ...]
    """Who the source credits itself to, from its own credit lines."""
    credited_as: str | None
    """The name as the derivative writes it, if it credits the source."""
    sentence: int | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Evasion:
    """A character trick in the derivative: homoglyphs, zero-width characters..."""

    trick: str
    start: int
    end: int
    sentence: int
    characters: str


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    sentence: int | None
    start: int | None
    end: int | None
    message: str
    severity: Severity = Severity.WARNING

    @property
    def in_source(self) -> bool:
        """Whether its sentence and offsets point into the source (an omission) rather than the derivative."""
        return self.kind is FindingKind.OMITTED


@dataclass(frozen=True)
class Shares:
    verbatim: float
    paraphrase: float
    added: float

    @property
    def drawn(self) -> float:
        """The share of story words in sentences drawn from the source (verbatim or paraphrase)."""
        return round(self.verbatim + self.paraphrase, 4)


class Derivation(StrEnum):
    """How much of the derivative was written from the source (the METER corpus's three classes, Clough et al. 2002)."""

    WHOLLY = "wholly"
    PARTIALLY = "partially"
    NOT = "not"


class PassageKind(StrEnum):
    VERBATIM = "verbatim"
    PARAPHRASE = "paraphrase"
    MIXED = "mixed"
    OBFUSCATED = "obfuscated"
    """No sentence of it is labelled verbatim or paraphrase, but sentence after sentence keeps the source's
    words (shuffled, swapped, machine-translated): found by seed and extend (``core/seeds.py``)."""
    SUMMARY = "summary"
    """Adjacent sentences drawn from the source that each condense a few neighbouring source sentences
    (a summary of it, or of a long part): found by ``core/summaries.py``; reuse on its own."""


@dataclass(frozen=True)
class Passage:
    """A maximal stretch of the derivative aligned to one stretch of the source (contiguous or nearly so in both)."""

    derivative_start: int
    derivative_end: int
    source_start: int
    source_end: int
    sentences: tuple[int, ...]
    """The derivative sentences it spans that draw on the source."""
    sources: tuple[int, ...]
    """The source sentences they draw on."""
    kind: PassageKind
    words: int
    """Words of the derivative sentences it spans that draw on the source."""
    support: float
    """Sum of its sentences' support: about how many sentences' worth of the source it carries."""
    longest_run: int
    """Words in the longest copied run inside it."""
    seeds: int = 0
    """Sentence pairs of it whose content words agree, when seed and extend found and validated it
    (``core/seeds.py``: it is then reuse on its own); 0 for a passage that only sentence labels show."""
    similarity: float = 0.0
    """For a passage seed and extend found: the tf-isf cosine of the content words of its two stretches; for a
    summary passage: the mean share of its sentences' weighted content words that their source windows hold."""


@dataclass(frozen=True)
class Languages:
    source: str | None
    derivative: str | None
    """ISO 639-1 codes, or None where the text is too short or too mixed to tell."""
    model: tuple[str, ...] | None
    """The languages the model compares, or None for any (a multilingual model)."""


@dataclass(frozen=True)
class Verdict:
    derived: bool
    """True for wholly and partially derived."""
    credits_source: bool
    credited_as: str | None
    shares: Shares
    derivation: Derivation = Derivation.NOT
    drawn_share: float = 0.0
    """Share of the derivative's story words in sentences drawn from the source (verbatim or paraphrase)."""


@dataclass(frozen=True)
class DerivativeSentence:
    """One sentence of the derivative and everything the audit decided about it."""

    sentence: Sentence
    match: SentenceMatch
    evidence: Evidence
    support: float
    """Probability that the source supports it (0 when it has no source)."""
    label: DerivativeLabel

    @property
    def index(self) -> int:
        return self.sentence.index

    @property
    def sources(self) -> tuple[int, ...]:
        return self.match.sources


@dataclass(frozen=True)
class SourceSentence:
    """One sentence of the source: whether the derivative used it."""

    sentence: Sentence
    best_similarity: float
    """Its best cosine with any derivative story sentence."""
    label: SourceLabel

    @property
    def index(self) -> int:
        return self.sentence.index


@dataclass(frozen=True)
class SourcePart:
    """One source of an audit. With several sources they are joined into one text (a blank line
    between them); this says where this one sits in it, and what the audit found for it alone."""

    document: Document
    offset: int
    """Where its text begins in the joined source text."""
    first_sentence: int
    sentence_count: int
    credit: Credit
    verdict: Verdict
    """As if it were the only source: derived from it, credited to it, and the shares drawn from it."""

    def holds_sentence(self, index: int) -> bool:
        return self.first_sentence <= index < self.first_sentence + self.sentence_count

    def holds_offset(self, offset: int) -> bool:
        return self.offset <= offset < self.offset + len(self.document.text)
