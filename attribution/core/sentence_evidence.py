"""What the support model reads from each derivative sentence's words (``evidence.Evidence``).

Three of its fields are read here with care for a rewrite that splits and rewords its source:

- ``novel``: a word the source writes as a compound in another form is the source's word
  ("taillights" for "tail lights" or "tail-light", "airbag" for "air bag", and back);
- ``number_change``: numbers are compared by value with the rounding their writing implies
  (``core.quantities``): "$43M" is the source's "$43.55 million", "6" its "six";
- ``negation_flip``: when the sentence retells part of a longer source sentence (a long
  sentence split in two), a negation counts only where it governs words the other side
  shares: "it will release an update" is not a flip of "it will deploy an update … and
  has no reports of crashes", whose negated clause the sentence left out (``checks.facts``
  reads a close retelling's negation the same way).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from ..core import thresholds as T
from .evidence import Evidence
from .lexicon import content_stems, stem, stop_words
from .quantities import covers, quantities
from .records import AddedDetail, Alignment, FactChange
from .text import PreparedText
from .textfold import Word, words

NEGATORS = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"])
NEGATIVE_WORDS = re.compile(
    r"^(?:fail(?:s|ed|ing|ure)?|unable|unaware|lack(?:s|ed|ing)?|den(?:y|ies|ied)|refus(?:e|es|ed)|reject(?:s|ed)?|"
    r"absent|neither|barely|hardly)$"
)
"""Words that negate by meaning ("failed to", "unaware"): a rewrite may trade them for "not"."""
_DIGIT = re.compile(r"\d")


def novelty(source: PreparedText, derivative: PreparedText, language: str | None = None) -> tuple[float, ...]:
    """For each derivative sentence, the share of its content words (not stop words of ``language``,
    the derivative's) the source story never uses.

    A word counts as the source's when its stem is, or when it is one of the source's
    words or compounds of two adjacent words written another way (without the hyphen or
    the space, singular or plural), or two adjacent words of the sentence written as one
    of those: "taillights" beside the source's "tail lights".
    """
    stops = stop_words(language)
    vocabulary: set[str] = set()
    compounds: set[str] = set()
    for s, (a, b) in zip(source.sentences, source.sentence_words, strict=True):
        if s.role.is_story:
            ws = list(source.words[a:b])
            vocabulary.update(content_stems(ws, language))
            compounds.update(_compound_forms([w.text for w in ws], stops))
    shares = []
    for a, b in derivative.sentence_words:
        texts = [w.text for w in derivative.words[a:b]]
        content = [k for k, t in enumerate(texts) if _is_content(t, stops)]
        joined = {k for k in content if k + 1 in content and _bare(texts[k] + texts[k + 1]) in compounds}
        joined |= {k + 1 for k in joined}
        new = [k for k in content if stem(texts[k]) not in vocabulary and _bare(texts[k]) not in compounds]
        new = [k for k in new if k not in joined]
        shares.append(len(new) / len(content) if content else 0.0)
    return tuple(shares)


def _is_content(word: str, stops: frozenset[str]) -> bool:
    return word not in stops and len(word) > 1


def _bare(word: str) -> str:
    """A word with its hyphens and a plural "s" dropped: the form a compound's spellings share."""
    word = word.replace("-", "")
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _compound_forms(texts: list[str], stops: frozenset[str]) -> set[str]:
    """Each word's bare form, and that of each two adjacent content words joined ("tail lights": "taillight")."""
    forms = {_bare(t) for t in texts if _is_content(t, stops)}
    for x, y in itertools.pairwise(texts):
        if _is_content(x, stops) and _is_content(y, stops):
            forms.add(_bare(x.split("-")[-1] + y.split("-")[0]))
    return forms


def evidence(
    source: PreparedText,
    derivative: PreparedText,
    alignment: Alignment,
    novel: Sequence[float],
    details: Sequence[AddedDetail],
    conflicts: Sequence[AbstractSet[FactChange]] = (),
    language: str | None = None,
) -> tuple[Evidence, ...]:
    """For each derivative sentence, what the support model weighs (``evidence.Evidence``).

    ``conflicts``: for each sentence, the kinds of fact it states differently from its
    nearest source sentences (``checks.facts.sentence_conflicts``); none when not given.
    ``language``: the derivative's (its stop words are no content words).
    """
    detail_count = Counter(d.sentence for d in details)
    rows = []
    for s, match in zip(derivative.sentences, alignment.matches, strict=True):
        changed = conflicts[s.index] if conflicts else frozenset()
        sources = " ".join(source.sentences[j].text for j in match.sources)
        rows.append(
            Evidence(
                cosine=match.cosine,
                lexical=match.lexical,
                agreement=match.cosine * match.lexical,
                copied=match.coverage,
                novel=novel[s.index],
                added_details=float(min(detail_count[s.index], 3)),
                number_change=float(bool(match.sources) and number_changed(s.text, sources)),
                negation_flip=float(bool(match.sources) and negation_flipped(words(s.text), words(sources), language)),
                changed_number=float(FactChange.NUMBER in changed),
                changed_name=float(FactChange.NAME in changed),
                changed_negation=float(FactChange.NEGATION in changed),
            )
        )
    return tuple(rows)


def number_changed(text: str, sources: str) -> bool:
    """Whether the sentence states, in figures, a number none of its sources' numbers can be a rounding of."""
    known = quantities(sources)
    stated = [q for q in quantities(text) if _DIGIT.search(text, q.start, q.end)]
    return any(not any(covers(q, k) for k in known) for q in stated)


def negation_flipped(mine: Sequence[Word], theirs: Sequence[Word], language: str | None = None) -> bool:
    """Whether exactly one of the sentence and its sources is negated.

    When the sentence retells part of its sources (they have ``PART_OF_SOURCE_RATIO`` times
    its content words or more), a negation counts only where it governs a word the other
    side has, and the other side has no negation at all: a negated clause the sentence left
    out is an omission, not a flip, and "failed to" for "not" is no flip either.
    """
    mine_stems, their_stems = set(content_stems(list(mine), language)), set(content_stems(list(theirs), language))
    if len(their_stems) < T.PART_OF_SOURCE_RATIO * len(mine_stems):
        return _any_negator(mine, by_meaning=False) != _any_negator(theirs, by_meaning=False)
    stops = stop_words(language)
    mine_negates, theirs_negate = negates(mine, their_stems, stops), negates(theirs, mine_stems, stops)
    if mine_negates == theirs_negate:
        return False
    return not _any_negator(theirs if mine_negates else mine, by_meaning=True)


def negates(ws: Sequence[Word], other: AbstractSet[str], stops: frozenset[str]) -> bool:
    """Whether a negator ("not", "failed to") governs a content word (the next one, not in ``stops``) whose stem
    is in ``other``."""
    for k, w in enumerate(ws):
        if not _is_negator(w.text, by_meaning=True):
            continue
        governed = next((x.text for x in ws[k + 1 :] if x.text not in stops and x.text not in NEGATORS), "")
        if governed and stem(governed) in other:
            return True
    return False


def _any_negator(ws: Sequence[Word], *, by_meaning: bool) -> bool:
    return any(_is_negator(w.text, by_meaning=by_meaning) for w in ws)


def _is_negator(word: str, *, by_meaning: bool) -> bool:
    return word in NEGATORS or word.endswith("n't") or (by_meaning and bool(NEGATIVE_WORDS.match(word)))
