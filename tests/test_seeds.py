"""Seed and extend (core/seeds.py): disguised reuse that no sentence label shows is still a passage."""

from __future__ import annotations

from attribution import compare
from attribution.core.classify import is_reused_passage
from attribution.core.records import Derivation, DerivativeLabel, FindingKind, PassageKind
from attribution.core.seeds import seed_clusters
from attribution.core.text import PreparedText
from tests.test_derivation import ORIGINAL, SOURCE, SOURCE_SENTENCES, paragraphs

DISGUISED = [
    "Rescue crews emptied forty homes on Mill Street around midnight while worried neighbours watched.",
    "Homeless families sheltered overnight once the mayor unlocked the town hall, clerks fetched folding cots "
    "and kettles.",
    "Volunteers hauled blankets, soup flasks and bottled water through drizzle, humming cheerful hymns past dawn.",
    "Forecasters expect slow receding water this weekend, though further storms may hit inland villages.",
]
"""Source sentences 1 to 4 retold with half their words swapped and new ones added (PAN's obfuscation, by hand)."""


def test_obfuscated_sentences_labelled_added_still_make_a_reused_passage(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = paragraphs(ORIGINAL[:4], DISGUISED, ORIGINAL[4:])
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    disguised = [d for d in report.derivative_sentences if d.sentence.text in DISGUISED]
    # Every retold sentence falls under the support cut: no label-based chain shows the reuse.
    assert [d.label for d in disguised] == [DerivativeLabel.ADDED] * 4
    assert report.verdict.derivation is Derivation.PARTIALLY
    (passage,) = report.passages
    assert passage.kind is PassageKind.OBFUSCATED
    assert passage.sentences == tuple(d.index for d in disguised)
    assert passage.sources == (1, 2, 3, 4)
    assert passage.seeds == 4 and passage.similarity >= 0.34 and passage.support < 2
    assert is_reused_passage(passage)
    assert (passage.derivative_start, passage.derivative_end) == (
        derivative.index(DISGUISED[0]),
        derivative.index(DISGUISED[-1]) + len(DISGUISED[-1]),
    )
    assert passage.source_start == SOURCE.index(SOURCE_SENTENCES[1])
    assert passage.source_end == SOURCE.index(SOURCE_SENTENCES[4]) + len(SOURCE_SENTENCES[4])
    # The retold sentences reword the source: not claims with no support; the writer's own sentences still are.
    claims = {f.sentence for f in report.findings if f.kind is FindingKind.ADDED_CLAIM}
    assert not claims & set(passage.sentences)
    assert {d.index for d in report.derivative_sentences if d.sentence.text in ORIGINAL} <= claims


def test_a_passage_the_labels_show_is_kept_and_the_seeds_find_the_disguised_rest(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    # The first sentence copied word for word (a 12-word run: reuse on its own), the next four disguised.
    derivative = paragraphs(ORIGINAL[:4], [SOURCE_SENTENCES[0]], DISGUISED, ORIGINAL[4:])
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    copied, disguised = report.passages
    assert copied.kind is PassageKind.VERBATIM and copied.seeds == 0 and copied.sources == (0,)
    assert disguised.kind is PassageKind.OBFUSCATED and disguised.sources == (1, 2, 3, 4)
    assert copied.derivative_end <= disguised.derivative_start
    assert all(is_reused_passage(p) for p in report.passages)


def test_texts_on_other_subjects_and_one_shared_short_sentence_make_no_cluster() -> None:
    source = PreparedText.of(SOURCE)
    assert seed_clusters(source, PreparedText.of(paragraphs(ORIGINAL))) == []
    # One sentence retold among unrelated ones: a seed, but no passage on its own (too short to stand alone).
    one = paragraphs(ORIGINAL[:5], [SOURCE_SENTENCES[2]], ORIGINAL[5:])
    assert seed_clusters(source, PreparedText.of(one)) == []


def test_seeds_close_in_both_texts_join_one_cluster_and_far_ones_do_not() -> None:
    source = PreparedText.of(SOURCE)
    derivative = PreparedText.of(
        paragraphs(ORIGINAL[:3], SOURCE_SENTENCES[1:4], ORIGINAL[3:6], SOURCE_SENTENCES[8:11], ORIGINAL[6:])
    )
    clusters = seed_clusters(source, derivative)
    assert [c.sources for c in clusters] == [(1, 2, 3), (8, 9, 10)]
    assert all(c.seeds == 3 and c.similarity > 0.9 for c in clusters)
    # With several sources, only the seeds on the source being judged count.
    assert [c.sources for c in seed_clusters(source, derivative, lambda j: j >= 8)] == [(8, 9, 10)]


def test_one_long_sentence_that_keeps_most_of_a_source_sentence_is_a_cluster_alone() -> None:
    long_source = (
        "The committee approved the harbour dredging contract, the new ferry terminal, the widened "
        "breakwater, the fish market roof, the lifeboat station extension and the coastal footpath repairs."
    )
    source = PreparedText.of(paragraphs(SOURCE_SENTENCES[:3], [long_source], SOURCE_SENTENCES[3:]))
    retold = (
        "Approved by the committee: harbour dredging contract, new ferry terminal, widened breakwater, "
        "fish market roof, lifeboat station extension, coastal footpath repairs, all quickly."
    )
    derivative = PreparedText.of(paragraphs(ORIGINAL[:4], [retold], ORIGINAL[4:]))
    (cluster,) = seed_clusters(source, derivative)
    assert len(cluster.sentences) == 1 and cluster.sources == (3,)
    short = PreparedText.of(paragraphs(ORIGINAL[:4], ["The committee approved the harbour dredging."], ORIGINAL[4:]))
    assert seed_clusters(source, short) == []


def test_with_several_sources_a_disguised_passage_counts_for_the_source_it_came_from(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    concert = paragraphs(
        [
            "The orchestra announced its winter season on Monday.",
            "Tickets go on sale next week at the box office.",
            "The conductor will lead four new works by young composers.",
        ]
    )
    derivative = paragraphs(ORIGINAL[:4], DISGUISED, ORIGINAL[4:])
    report = compare([concert, SOURCE], derivative, embedder=fake_embedder)
    assert [p.verdict.derivation for p in report.parts] == [Derivation.NOT, Derivation.PARTIALLY]
    assert report.verdict.derivation is Derivation.PARTIALLY
    (passage,) = report.passages
    flood = report.parts[1]
    assert passage.kind is PassageKind.OBFUSCATED and all(flood.holds_sentence(j) for j in passage.sources)
