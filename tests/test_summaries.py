"""Summary passages (core/summaries.py): adjacent sentences that each condense a few source sentences."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pytest

from attribution import compare
from attribution.core import thresholds as T
from attribution.core.classify import is_reused_passage
from attribution.core.records import Derivation, PassageKind
from attribution.core.report import Report
from attribution.core.summaries import summary_runs
from attribution.core.text import PreparedText
from attribution.embedding import default_embedder
from attribution.render.html import render_html
from attribution.render.terminal import render_terminal
from tests.conftest import FakeEmbedder
from tests.test_derivation import ORIGINAL, SOURCE, SOURCE_SENTENCES, paragraphs

SUMMARY = [
    "Schools closed, a bus was diverted and insurers urged caution.",
    "After the rain, firefighters cleared homes and the mayor offered a refuge.",
    "Farmers counted losses, the council pledged grants and engineers will check the bridge.",
]
"""Each condenses three neighbouring source sentences (8-10, 0-2, 5-7) into a few of their words: no one
source sentence shares a third of a summary sentence's words (no seed), and the next sentence jumps
elsewhere in the source (no label-based chain)."""
WINDOWS = [(8, 11), (0, 3), (5, 8)]


class CondensingEmbedder(FakeEmbedder):
    """A stand-in for a model that reads meaning: a summary sentence means what its source sentences say together."""

    def __init__(self) -> None:
        super().__init__()
        self.meanings = {s: " ".join(SOURCE_SENTENCES[a:b]) for s, (a, b) in zip(SUMMARY, WINDOWS, strict=True)}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return super().encode([self.meanings.get(t.strip(), t) for t in texts])


def summarised(derivative: str) -> Report:
    return compare(SOURCE, derivative, embedder=CondensingEmbedder())


def test_a_summary_inside_original_text_is_a_summary_passage() -> None:
    derivative = paragraphs(ORIGINAL[:4], SUMMARY, ORIGINAL[4:])
    report = summarised(derivative)
    condensed = [d for d in report.derivative_sentences if d.sentence.text in SUMMARY]
    # Each sentence is drawn (the model reads its meaning), but alone none carries the reuse.
    assert all(d.label.value == "paraphrase" for d in condensed)
    assert report.verdict.derivation is Derivation.PARTIALLY
    (passage,) = report.passages
    assert passage.kind is PassageKind.SUMMARY and is_reused_passage(passage)
    assert passage.sentences == tuple(d.index for d in condensed)
    assert passage.sources == tuple(j for a, b in sorted(WINDOWS) for j in range(a, b))
    assert passage.seeds == 0 and passage.support < T.PASSAGE_MIN_SUPPORT and passage.longest_run < 12
    assert passage.similarity >= T.SUMMARY_COVERAGE
    assert derivative[passage.derivative_start : passage.derivative_end] == " ".join(SUMMARY)
    assert passage.source_start == 0 and SOURCE[: passage.source_end].endswith(SOURCE_SENTENCES[10])


def test_without_summary_passages_the_summary_is_not_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(T, "SUMMARY_MIN_SENTENCES", 99)
    report = summarised(paragraphs(ORIGINAL[:4], SUMMARY, ORIGINAL[4:]))
    assert report.verdict.derivation is Derivation.NOT
    assert not any(is_reused_passage(p) for p in report.passages)


def test_condensing_sentences_apart_are_what_two_reports_share_not_a_summary() -> None:
    derivative = paragraphs(ORIGINAL[:3], SUMMARY[:1], ORIGINAL[3:6], SUMMARY[1:2], ORIGINAL[6:], SUMMARY[2:])
    report = summarised(derivative)
    assert report.verdict.derivation is Derivation.NOT
    assert not [p for p in report.passages if p.kind is PassageKind.SUMMARY]


def test_one_source_sentence_alone_does_not_cover_a_summary_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    derivative = paragraphs(ORIGINAL[:4], SUMMARY, ORIGINAL[4:])
    report = summarised(derivative)
    source, text = PreparedText.of(SOURCE), PreparedText.of(derivative)
    assert len(summary_runs(source, text, report.derivative_sentences)) == 1
    monkeypatch.setattr(T, "SUMMARY_WINDOW", 1)
    assert summary_runs(source, text, report.derivative_sentences) == []


def test_shared_words_without_shared_meaning_make_no_summary(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    # The bag-of-words fake gives the summary sentences little of any source sentence's meaning: they are
    # labelled added, so the words their windows hold are topic words, not reuse.
    derivative = paragraphs(ORIGINAL[:4], SUMMARY, ORIGINAL[4:])
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    assert all(d.label.value == "added" for d in report.derivative_sentences if d.sentence.text in SUMMARY)
    assert summary_runs(PreparedText.of(SOURCE), PreparedText.of(derivative), report.derivative_sentences) == []
    assert report.verdict.derivation is Derivation.NOT


def test_sentences_already_in_a_reused_passage_start_no_summary() -> None:
    derivative = paragraphs(ORIGINAL[:4], SUMMARY, ORIGINAL[4:])
    report = summarised(derivative)
    shown = [d.index for d in report.derivative_sentences if d.sentence.text in SUMMARY]
    source, text = PreparedText.of(SOURCE), PreparedText.of(derivative)
    assert summary_runs(source, text, report.derivative_sentences, None, shown) == []


def test_every_renderer_names_the_summary_passage() -> None:
    report = summarised(paragraphs(ORIGINAL[:4], SUMMARY, ORIGINAL[4:]))
    doc = json.loads(json.dumps(report.to_dict()))
    assert [p["kind"] for p in doc["passages"]] == ["summary"]
    assert doc["passages"][0]["similarity"] >= T.SUMMARY_COVERAGE
    terminal = render_terminal(report)
    (line,) = [x for x in terminal.splitlines() if x.strip().startswith("summary")]
    p = report.passages[0]
    assert f"{p.derivative_start}-{p.derivative_end} ← {p.source_start}-{p.source_end}" in line
    html = render_html(report)
    assert '<li class="summary"' in html.split("Passages (1)")[1]


# A made-up local story and a column into which its three-sentence summary was pasted (written for this test).
WATER = [
    "The Harlow Creek water treatment plant shut down on Monday after a chlorine pump failed during a routine test.",
    "Engineers from the county utility worked through the night to replace the pump and flush the filters.",
    "About 18,000 households in Ashby and Doverton were told to boil their tap water until further notice.",
    "The county health director, Marisol Quint, said no illness had been linked to the outage.",
    "Schools in Ashby closed their drinking fountains and handed out bottled water at lunch.",
    "Two supermarkets in Doverton sold out of bottled water within hours of the announcement.",
    "The plant was built in 1974 and last upgraded in 2009, according to utility records.",
    "A consultant's report last spring warned that three of its five pumps were near the end of their working life.",
    "County commissioners had postponed a $12 million refit of the plant to balance this year's budget.",
    "Commissioner Ray Odum said on Tuesday that the refit would now be brought forward to the autumn.",
    "The utility expects to lift the boil notice on Thursday once laboratory tests come back clean.",
    "Residents can check the status of the notice on the county website or by calling a hotline.",
]
WATER_SUMMARY = [
    "A 1974 plant that consultants had warned was wearing out, and whose $12 million refit commissioners put off, "
    "failed when a chlorine pump broke at Harlow Creek.",
    "Households in two towns had to boil water while engineers replaced the pump overnight, and no illness was "
    "linked to it.",
    "Odum now wants the refit this autumn, and the boil notice should be lifted on Thursday after lab tests.",
]
ALLOTMENTS = [
    "The allotments behind the old railway station have had a good year.",
    "Runner beans climbed higher than anyone can remember, and the marrow contest drew a record field.",
    "Several plot holders have started keeping bees, which has pleased the orchard next door.",
    "The committee is still arguing about whether to allow a second polytunnel.",
    "A waiting list of forty names suggests the site could easily double in size.",
    "Older members say the soil improved once the council stopped spraying the verges.",
    "The autumn show will be held in the village hall on the last Saturday of September.",
    "Entries for the jam and chutney classes close a week before.",
]


@pytest.mark.model
def test_a_pasted_summary_is_found_with_the_real_model() -> None:
    source = paragraphs(WATER[:4], WATER[4:8], WATER[8:])
    derivative = paragraphs(ALLOTMENTS[:4], WATER_SUMMARY, ALLOTMENTS[4:])
    report = compare(source, derivative, embedder=default_embedder())
    assert report.verdict.derivation is Derivation.PARTIALLY
    (passage,) = [p for p in report.passages if is_reused_passage(p)]
    assert passage.kind is PassageKind.SUMMARY
    assert derivative[passage.derivative_start : passage.derivative_end] == " ".join(WATER_SUMMARY)
    # It condenses the story from its first sentence to the boil notice's end, in another order.
    assert passage.sources[0] == 0 and passage.sources[-1] == 10
    assert not any(d.sentence.text in ALLOTMENTS for d in report.derivative_sentences if d.index in passage.sentences)


def test_with_several_sources_a_summary_counts_for_the_source_it_condenses() -> None:
    concert = paragraphs(
        [
            "The orchestra announced its winter season on Monday.",
            "Tickets go on sale next week at the box office.",
            "The conductor will lead four new works by young composers.",
        ]
    )
    derivative = paragraphs(ORIGINAL[:4], SUMMARY, ORIGINAL[4:])
    report = compare([concert, SOURCE], derivative, embedder=CondensingEmbedder())
    assert [p.verdict.derivation for p in report.parts] == [Derivation.NOT, Derivation.PARTIALLY]
    (passage,) = report.passages
    flood = report.parts[1]
    assert passage.kind is PassageKind.SUMMARY and all(flood.holds_sentence(j) for j in passage.sources)
    assert len(passage.sources) == 9
