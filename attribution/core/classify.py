"""Stage 6: labels for every sentence, and the verdict.

Derivative sentences: ``credit`` by role; ``verbatim`` when copied runs cover it or
it is within a few edits of its sources; ``added`` when nothing in the source
supports it (low similarity, mostly words the source never uses, or a claim hung on
unnamed speakers the source does not cite); ``paraphrase`` otherwise.
Source sentences: ``boilerplate`` by role, ``used`` when a derivative sentence is
aligned to them (draws on them), ``omitted`` when none is (``core.carried`` then makes used
those whose distinctive fact, a number or a name, a derivative sentence carries).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from rapidfuzz import fuzz

from ..core import thresholds as T
from .align import part_of
from .evidence import DerivationEvidence, Evidence, FollowingEvidence
from .following import follows
from .lexicon import SPEECH_VERBS, content_stems
from .records import (
    AddedDetail,
    Alignment,
    Attribution,
    CopiedRun,
    Derivation,
    DerivativeLabel,
    DerivativeSentence,
    FactChange,
    Passage,
    PassageKind,
    Quote,
    QuoteStatus,
    Role,
    SentenceMatch,
    Shares,
    SourceLabel,
    SourceSentence,
    Verdict,
)
from .sentence_evidence import evidence, novelty
from .text import PreparedText
from .textfold import plain


def support(match: SentenceMatch, features: Evidence) -> float:
    """Probability that the source supports the sentence (logistic model fitted on MRPC and XSumFaith).

    Where the model reads the same meaning (``SAME_MEANING_COSINE``), at least the share of such
    MRPC pairs that are paraphrases, whatever the words.
    """
    if not match.sources:
        return 0.0
    fitted = T.probability(T.SUPPORT_WEIGHTS, Evidence.names(), features.values())
    return max(fitted, T.SAME_MEANING_SUPPORT) if features.cosine >= T.SAME_MEANING_COSINE else fitted


def judge_derivative(
    source: PreparedText,
    derivative: PreparedText,
    alignment: Alignment,
    details: Sequence[AddedDetail],
    attributions: Sequence[Attribution],
    *,
    across_languages: bool = False,
    conflicts: Sequence[AbstractSet[FactChange]] = (),
    quotes: Sequence[Quote] = (),
    language: str | None = None,
) -> tuple[DerivativeSentence, ...]:
    """One record per derivative sentence: its match, evidence, support and label.

    ``across_languages``: the texts are in different languages and the model reads both
    (a multilingual model). No word can be shared between them, so the word-based
    evidence says nothing: the support model then reads the model's similarity in its
    place (``lexical`` becomes the cosine, ``agreement`` its square, ``novel`` 0), and otherwise
    the same rules apply.
    ``conflicts``: facts each sentence states differently from its sources (see ``evidence``).
    ``quotes``: the quotation check's findings (a copied quotation, retagged, is verbatim).
    ``language``: the derivative's, as ``checks.language`` detects it (None: not identified); its stop
    words are no content words.
    """
    novel = novelty(source, derivative, language)
    unnamed = {a.sentence for a in attributions}
    judged = []
    found = evidence(source, derivative, alignment, novel, details, conflicts, language)
    if across_languages:
        found = tuple(replace(f, lexical=f.cosine, agreement=f.cosine**2, novel=0.0) for f in found)
    for s, match, features in zip(derivative.sentences, alignment.matches, found, strict=True):
        supported = support(match, features)
        if not s.role.is_story:
            label = DerivativeLabel.CREDIT
        elif s.role == Role.SUBHEAD and supported < T.SUPPORT_THRESHOLD and not match.coverage:
            label = DerivativeLabel.CREDIT  # a heading the rewrite added ("What's the story?") states no claim
        elif _verbatim(s.text, match, source) or quoted_verbatim(derivative, s.index, quotes):
            label = DerivativeLabel.VERBATIM
        elif supported < T.SUPPORT_THRESHOLD and not _contained(derivative, s.index, match, source, language):
            label = DerivativeLabel.ADDED
        elif s.index in unnamed:
            label = DerivativeLabel.ADDED  # "Analysts say": a claim the source does not make
        else:
            label = DerivativeLabel.PARAPHRASE
        judged.append(DerivativeSentence(s, match, features, supported, label))
    return tuple(judged)


def quoted_verbatim(derivative: PreparedText, i: int, quotes: Sequence[Quote]) -> bool:
    """Whether sentence ``i`` is a quotation the source has word for word, retagged.

    The quotation check has found each quotation in the source (``QuoteStatus.MATCHES``); the
    words around them are an attribution frame, short and with a speech verb ("said Brandon
    Achen in a press release"). Copied-run coverage counts that new frame against the copy.
    """
    spans = [(q.start, q.end) for q in quotes if q.sentence == i and q.status == QuoteStatus.MATCHES]
    if not spans:
        return False
    sentence_words = derivative.words_of(i)
    frame = [w for w in sentence_words if not any(a <= w.start < b for a, b in spans)]
    quoted = len(sentence_words) - len(frame)
    return (
        quoted >= T.QUOTED_VERBATIM_SHARE * len(sentence_words)
        and len(frame) <= T.QUOTED_FRAME_WORDS
        and any(w.text in SPEECH_VERBS for w in frame)
    )


def _contained(
    derivative: PreparedText, i: int, match: SentenceMatch, source: PreparedText, language: str | None = None
) -> bool:
    """Whether the sentence is part of one source sentence (a long sentence split in two): supported by it.

    Most of its content words are that sentence's, and it is shorter: a split keeps
    the words of the half it retells, which the embedding of the whole sentence (and
    so the cosine) does not show.
    """
    mine = set(content_stems(list(derivative.words_of(i)), language))
    return any(part_of(mine, set(content_stems(list(source.words_of(j)), language))) for j in match.sources)


def _verbatim(text: str, match: SentenceMatch, source: PreparedText) -> bool:
    if match.coverage >= T.VERBATIM_COVERAGE:
        return True
    if not match.sources:
        return False
    mine = plain(text)
    joined = " ".join(source.sentences[j].text for j in sorted(match.sources))
    ratio = max(fuzz.ratio(mine, plain(joined)), fuzz.ratio(mine, plain(source.sentences[match.sources[0]].text)))
    return ratio >= T.VERBATIM_RATIO * 100


def judge_source(
    source: PreparedText,
    alignment: Alignment,
    derivative: Sequence[DerivativeSentence],
    *,
    derived: bool = True,
) -> tuple[SourceSentence, ...]:
    """One record per source sentence: used, omitted or boilerplate.

    ``derived``: False for an independent report (``as_independent``), where only copying uses a
    source sentence: its added sentences that share a source sentence's facts and words retell the
    same event, not the source.
    """
    # ``used`` means aligned: a derivative sentence drawn from the source names it. A cosine
    # alone, or a short run of common words, is no use of it, and would hide a real omission.
    drawing = [d for d in derivative if (_draws_on_sources(d) if derived else d.label == DerivativeLabel.VERBATIM)]
    named = {j for d in drawing for j in d.sources}
    drawn = [(d.sentence.start, d.sentence.end) for d in drawing]
    named |= _copied_whole(source, alignment.runs, drawn)
    # A credit line that cites the source's headline as a title (a reference list's entry) uses the headline.
    cited = [plain(d.sentence.text) for d in derivative if d.sentence.role == Role.CREDIT]
    named |= {
        s.index
        for s in source.sentences
        if s.role == Role.HEADLINE and any(fuzz.ratio(plain(s.text), c) >= T.VERBATIM_RATIO * 100 for c in cited)
    }
    # A sentence the source repeats word for word is used when any copy of it is.
    used_texts = {plain(source.sentences[j].text) for j in named}
    named |= {s.index for s in source.sentences if plain(s.text) in used_texts}
    judged = []
    for s, best in zip(source.sentences, alignment.source_best, strict=True):
        if not s.role.is_story:
            label = SourceLabel.BOILERPLATE
        elif s.index in named:
            label = SourceLabel.USED
        else:
            # Headings carry no content of their own to leave out.
            label = SourceLabel.BOILERPLATE if s.role in (Role.HEADLINE, Role.SUBHEAD) else SourceLabel.OMITTED
        judged.append(SourceSentence(s, best, label))
    return tuple(judged)


def _copied_whole(source: PreparedText, runs: Sequence[CopiedRun], drawn: Sequence[tuple[int, int]]) -> set[int]:
    """Source sentences at least half copied, word for word, by derivative sentences drawn from the source.

    A run can cross sentences (a repeated line copied twice is named once by alignment).
    """
    found: set[int] = set()
    for run in runs:
        if not any(a <= run.derivative_start < b for a, b in drawn):
            continue
        for j, (a, b) in enumerate(source.sentence_words):
            if b <= a or source.words[a].start >= run.source_end or source.words[b - 1].end <= run.source_start:
                continue
            inside = sum(1 for w in source.words[a:b] if run.source_start <= w.start and w.end <= run.source_end)
            if inside * 2 >= b - a:
                found.add(j)
    return found


def _draws_on_sources(d: DerivativeSentence) -> bool:
    """Whether the sentence is drawn from the sources it names.

    Verbatim and paraphrased sentences are; so is an added sentence that still retells
    its nearest source sentence in many of the same words (an invented quotation
    wrapped around a paraphrase), but not one that only sits close in meaning.
    """
    if d.label in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE):
        return True
    return d.label == DerivativeLabel.ADDED and d.match.lexical >= T.DRAWN_LEXICAL and d.match.cosine >= T.DRAWN_COSINE


def derivation_evidence(sentences: Sequence[DerivativeSentence], runs: Sequence[CopiedRun]) -> DerivationEvidence:
    """Evidence that a whole text was written from the source, not just about the same events.

    Two independent reports of one event are close in meaning; a rewrite also keeps
    runs of the source's words.
    """
    story = [d for d in sentences if d.sentence.role.is_story]
    if not story:
        return DerivationEvidence(0.0, 0.0, 0.0, 0.0, 0.0)
    words = sum(len(d.sentence.text.split()) for d in story)
    copied = sum(r.words for r in runs)
    longest = max((r.words for r in runs), default=0)
    drawn = sum(1 for d in story if d.label in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE))
    return DerivationEvidence(
        copied_share=min(1.0, copied / max(words, 1)),
        longest_run=math.log1p(longest),
        mean_cosine=sum(d.match.cosine for d in story) / len(story),
        mean_lexical=sum(d.match.lexical for d in story) / len(story),
        drawn_share=drawn / len(story),
    )


def verdict(
    derivative: PreparedText,
    sentences: Sequence[DerivativeSentence],
    credited_as: str | None,
    runs: Sequence[CopiedRun],
    passages: Sequence[Passage] = (),
    following: FollowingEvidence | None = None,
) -> Verdict:
    """Shares, credit, and how much was derived.

    ``wholly``: at least ``WHOLLY_DRAWN_SHARE`` of the story words are drawn from the
    source, either the whole-text model (``DERIVED_WEIGHTS``) says it was written from
    the source or a reused passage shows it (a rewrite that follows the source sentence
    by sentence in meaning, with no copied run) or the text follows the source through
    (``core.following``), at least ``WHOLLY_VOCABULARY_SHARE`` of its words are the
    source's, and it does not tell a story of its own: a text whose lead is the writer's own
    (``opens_with_own``) and whose own words are a third of its story or more
    (``OWN_LEAD_MAX_DRAWN_SHARE``) sets the source's passages into its own story. ``partially``:
    a reused passage stands inside original text
    (``is_reused_passage``): PAN's and METER's partial reuse, which whole-text averages
    dilute; or the text follows the source through in other words (a heavy rewrite whose
    sentences fall under the support cut); or it would be wholly derived but its words
    are mostly another document's (written from a document that overlaps the source in
    facts, drawing on the source for some of them) or it tells its own story. Two reports of one event share
    single sentences in meaning but no passage, so they are ``not`` derived.
    ``following``: ``core.following``'s evidence; without it (texts in two languages share
    no words) neither of its rules applies.
    """
    shares = label_shares(derivative, sentences)
    found = derivation_evidence(sentences, runs)
    whole = T.probability(T.DERIVED_WEIGHTS, DerivationEvidence.names(), found.values()) >= T.DERIVED_THRESHOLD
    drawn = shares.drawn
    reused = any(is_reused_passage(p) for p in passages)
    through = following is not None and follows(following)
    own_words = following is None or following.vocabulary_share >= T.WHOLLY_VOCABULARY_SHARE
    mostly = drawn >= T.WHOLLY_DRAWN_SHARE and (whole or reused or through)
    own_story = drawn <= T.OWN_LEAD_MAX_DRAWN_SHARE and opens_with_own(sentences, passages)
    if mostly and own_words and not own_story:
        derivation = Derivation.WHOLLY
    elif mostly or reused or through:
        derivation = Derivation.PARTIALLY
    else:
        derivation = Derivation.NOT
    derived = derivation is not Derivation.NOT
    return Verdict(derived, credited_as is not None, credited_as, shares, derivation, drawn)


def opens_with_own(sentences: Sequence[DerivativeSentence], passages: Sequence[Passage] = ()) -> bool:
    """Whether the story's lead (its first body sentence of story content) is the writer's own.

    The lead says what the story is. A rewrite opens with the source's news, however it words
    it; a story of the writer's own that takes a passage from the source opens with its own
    news (a live-blog entry leading on a statement the source never has, then quoting the
    agency's paragraph). Own means labelled added, not close in meaning to any source sentence
    (cosine under ``DRAWN_COSINE``, where sentences on one subject sit without sharing content)
    and in no reused passage: a heavy rewrite's lead that falls under the support cut still
    retells the source, and is not the writer's own.
    """
    story = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE, DerivativeLabel.ADDED)
    lead = next((d for d in sentences if d.sentence.role is Role.BODY and d.label in story), None)
    if lead is None or lead.label is not DerivativeLabel.ADDED or lead.match.cosine >= T.DRAWN_COSINE:
        return False
    return not any(lead.index in p.sentences for p in passages if is_reused_passage(p))


def label_shares(derivative: PreparedText, sentences: Sequence[DerivativeSentence]) -> Shares:
    """The shares of the story's words in verbatim, paraphrased and added sentences."""
    counts = dict.fromkeys(DerivativeLabel, 0)
    for (a, b), d in zip(derivative.sentence_words, sentences, strict=True):
        counts[d.label] += b - a
    story_words = counts[DerivativeLabel.VERBATIM] + counts[DerivativeLabel.PARAPHRASE] + counts[DerivativeLabel.ADDED]
    if story_words == 0:
        return Shares(0.0, 0.0, 0.0)
    return Shares(
        round(counts[DerivativeLabel.VERBATIM] / story_words, 4),
        round(counts[DerivativeLabel.PARAPHRASE] / story_words, 4),
        round(counts[DerivativeLabel.ADDED] / story_words, 4),
    )


def is_reused_passage(passage: Passage) -> bool:
    """A passage that shows reuse on its own: sentences following the source in order that together carry
    ``PASSAGE_MIN_SUPPORT`` sentences' worth of it, a long copied run, or a cluster of sentences sharing
    the source's words that seed and extend validated (``core/seeds.py``), or a run of sentences that each
    condense a few source sentences (a summary: ``core/summaries.py``)."""
    return (
        passage.support >= T.PASSAGE_MIN_SUPPORT
        or passage.longest_run >= T.PASSAGE_MIN_RUN_WORDS
        or passage.seeds > 0
        or passage.kind is PassageKind.SUMMARY
    )


def drawing_on(
    sentences: Sequence[DerivativeSentence], holds_sentence: Callable[[int], bool]
) -> list[DerivativeSentence]:
    """The derivative's sentences as if one source of several were the only one: what draws on the others is added."""
    drawn = (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE)
    return [
        d if d.label not in drawn or any(map(holds_sentence, d.sources)) else replace(d, label=DerivativeLabel.ADDED)
        for d in sentences
    ]


def with_datelines(
    source: PreparedText,
    derivative: Sequence[DerivativeSentence],
    judged: Sequence[SourceSentence],
) -> tuple[tuple[DerivativeSentence, ...], tuple[SourceSentence, ...]]:
    """The report's view of an agency dateline: one sentence with the lead it opens, in either text.

    The segmenter keeps "WASHINGTON, Nov 19 (Reuters) –" apart so that the credit checks read it as
    a credit line, but in the agency's text it is the opening of its lead sentence, and a reader
    (or a gold label, which names a sentence by any text in it) takes the two as one. So, once every
    check has run: a derivative sentence drawn from a lead also names the lead's dateline, and the
    dateline takes its lead's label (``used`` or ``omitted``); a dateline the rewrite keeps is reported
    with its own lead (the lead's label, sources and evidence). Applied last because the checks must not read the
    dateline's place and date as the lead's facts.
    """
    sentences = source.sentences
    dateline_of = {
        s.index + 1: s.index
        for s in sentences[:-1]
        if s.role is Role.DATELINE and sentences[s.index + 1].block == s.block
    }
    named = [
        d
        if not any(j in dateline_of for j in d.sources)
        else replace(
            d,
            match=replace(
                d.match, sources=tuple(sorted({*d.sources, *(dateline_of[j] for j in d.sources if j in dateline_of)}))
            ),
        )
        for d in derivative
    ]
    lead_labels = {
        dateline_of[s.sentence.index]: s.label
        for s in judged
        if s.sentence.index in dateline_of and s.label in (SourceLabel.USED, SourceLabel.OMITTED)
    }
    labelled = [replace(s, label=lead_labels.get(s.sentence.index, s.label)) for s in judged]
    # The rewrite's own dateline ("WASHINGTON (Reuters) -" kept at the head of its lead) is its lead's opening.
    with_leads = [
        replace(named[k + 1], sentence=d.sentence)
        if d.sentence.role is Role.DATELINE and k + 1 < len(named) and named[k + 1].sentence.block == d.sentence.block
        else d
        for k, d in enumerate(named)
    ]
    return tuple(with_leads), tuple(labelled)
