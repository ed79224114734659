"""Derivation as a degree (wholly / partially / not), passages, and the policy's partially_derived switch."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from attribution import compare
from attribution.accuracy.plagdet import Case, plagdet
from attribution.core import thresholds as T
from attribution.core.classify import is_reused_passage, opens_with_own
from attribution.core.records import Derivation, DerivativeLabel, FindingKind, PassageKind, Severity
from attribution.newsroom.policy import Policy, apply, evaluate

SOURCE_SENTENCES = [
    "The river burst its banks near Millbrook on Tuesday night after three days of rain.",
    "Firefighters evacuated forty homes along Mill Street before midnight.",
    "The mayor opened the town hall as a shelter for displaced families.",
    "Volunteers carried blankets, bottled water and hot soup into the hall.",
    "Forecasters expect the water to recede slowly over the weekend.",
    "Farmers reported heavy losses of barley and sheep in the lower fields.",
    "The regional council promised emergency grants for damaged businesses.",
    "Engineers will inspect the old stone bridge once the current slows.",
    "Schools across the valley stayed closed on Wednesday morning.",
    "Bus services were diverted around the flooded ring road.",
    "Insurers urged residents to photograph damage before cleaning up.",
    "A similar flood struck the valley in 1998, destroying the mill.",
]
ORIGINAL = [
    "Our columnist spent the summer walking the coastal path in Cornwall.",
    "She found that cream teas cost twice what they did a decade ago.",
    "Cafe owners blame energy prices and a shortage of seasonal staff.",
    "Several pubs now close on Mondays and Tuesdays outside August.",
    "Tourism officials hope a new railway timetable will bring visitors back.",
    "The cliffs near Tintagel drew record crowds during the heatwave.",
    "Lifeguards patrolled beaches that had been unstaffed for years.",
    "A surfing school in Newquay doubled its prices without losing custom.",
    "Local bakers still argue about how to crimp a proper pasty.",
    "The column ends with a recipe for saffron buns.",
]


def paragraphs(*groups: Sequence[str]) -> str:
    return "\n\n".join(" ".join(g) for g in groups) + "\n"


SOURCE = paragraphs(SOURCE_SENTENCES[:4], SOURCE_SENTENCES[4:8], SOURCE_SENTENCES[8:])


def test_two_reused_paragraphs_inside_original_text_are_partial_with_passages(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = paragraphs(ORIGINAL[:4], SOURCE_SENTENCES[1:4], ORIGINAL[4:7], SOURCE_SENTENCES[8:11], ORIGINAL[7:])
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    assert report.verdict.derivation is Derivation.PARTIALLY
    assert report.verdict.derived
    assert 0.2 < report.verdict.drawn_share < 0.6
    reused = [p for p in report.passages if len(p.sentences) >= 2]
    assert len(reused) == 2
    first, second = (derivative.index(SOURCE_SENTENCES[i]) for i in (1, 8))
    assert reused[0].derivative_start == first and reused[1].derivative_start == second
    assert derivative[reused[0].derivative_start : reused[0].derivative_end].endswith("hot soup into the hall.")
    assert SOURCE[reused[1].source_start : reused[1].source_end].startswith("Schools across the valley")
    assert all(p.kind is PassageKind.VERBATIM for p in reused)
    doc = report.to_dict()
    assert doc["verdict"]["derivation"] == "partially" and doc["verdict"]["derived"] is True
    assert doc["passages"][0]["kind"] == "verbatim" and "source_start" in doc["passages"][0]
    uncredited = [f for f in report.findings if f.kind in (FindingKind.UNCREDITED, FindingKind.SOURCE_UNNAMED)]
    assert uncredited and uncredited[0].message.startswith("partially derived")


def test_a_whole_copy_is_wholly_derived_and_unrelated_text_is_not(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    whole = compare(SOURCE, paragraphs(SOURCE_SENTENCES[:6], SOURCE_SENTENCES[6:]), embedder=fake_embedder)
    assert whole.verdict.derivation is Derivation.WHOLLY
    assert whole.verdict.drawn_share == 1.0
    unrelated = compare(SOURCE, paragraphs(ORIGINAL), embedder=fake_embedder)
    assert unrelated.verdict.derivation is Derivation.NOT
    assert not unrelated.verdict.derived and not [p for p in unrelated.passages if len(p.sentences) > 1]


def test_a_story_that_leads_with_its_own_news_and_sets_a_source_passage_in_it_is_partial(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    # The live-blog shape: the writer's own lead, then the agency's paragraph, then its own close.
    own_lead = compare(SOURCE, paragraphs(ORIGINAL[:2], SOURCE_SENTENCES[1:5], ORIGINAL[2:3]), embedder=fake_embedder)
    assert opens_with_own(own_lead.derivative_sentences, own_lead.passages)
    assert own_lead.verdict.derivation is Derivation.PARTIALLY and own_lead.verdict.derived
    # The same sentences with the source's paragraph leading: a retelling with the writer's additions after it.
    source_lead = compare(SOURCE, paragraphs(SOURCE_SENTENCES[1:5], ORIGINAL[:3]), embedder=fake_embedder)
    assert not opens_with_own(source_lead.derivative_sentences, source_lead.passages)
    assert source_lead.verdict.drawn_share == own_lead.verdict.drawn_share > 0.5
    assert source_lead.verdict.derivation is Derivation.WHOLLY
    # One line of the writer's own before a whole copy introduces the copy: still wholly derived.
    introduced = compare(SOURCE, paragraphs(ORIGINAL[:1], SOURCE_SENTENCES[:8]), embedder=fake_embedder)
    assert opens_with_own(introduced.derivative_sentences, introduced.passages)
    assert introduced.verdict.drawn_share > T.OWN_LEAD_MAX_DRAWN_SHARE
    assert introduced.verdict.derivation is Derivation.WHOLLY


def test_a_lead_close_to_the_source_or_inside_a_reused_passage_is_not_the_writers_own(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, paragraphs(ORIGINAL[:2], SOURCE_SENTENCES[1:5], ORIGINAL[2:3]), embedder=fake_embedder)
    sentences, lead = list(report.derivative_sentences), report.derivative_sentences[0]
    assert lead.label is DerivativeLabel.ADDED and lead.match.cosine < T.DRAWN_COSINE
    # Added, but as close in meaning as a retelling (a heavy rewrite's lead under the support cut).
    close = replace(lead, match=replace(lead.match, cosine=T.DRAWN_COSINE))
    assert not opens_with_own([close, *sentences[1:]], report.passages)
    # Taken into a reused passage (seed and extend, a summary run): it retells the source.
    reused = next(p for p in report.passages if is_reused_passage(p))
    taken = replace(reused, sentences=(lead.index, *reused.sentences))
    assert not opens_with_own(sentences, [taken])
    # Labelled drawn, it is the source's; a text with no body sentence has no lead.
    assert not opens_with_own([replace(lead, label=DerivativeLabel.PARAPHRASE), *sentences[1:]])
    assert not opens_with_own([])


REWRITE = [
    "Heavy rainfall for seventy-two hours pushed Millbrook's waterway over its edges late Tuesday.",
    "Crews from the brigade moved residents out of two score dwellings on the lane before twelve.",
    "Civic leaders turned the municipal building into a refuge for people who lost their houses.",
    "Helpers brought in bedding, drinks and warm broth for those staying there.",
    "Meteorologists think the level will fall gradually across Saturday and Sunday.",
    "Growers lost much of their grain and livestock on low-lying land, they said.",
]


class MeaningEmbedder:
    """A stand-in for a model that reads meaning: a rewrite gets its source sentence's vector, words aside."""

    name = "fake-meaning"

    def __init__(self, twins: dict[str, str]) -> None:
        self.twins = twins

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            key = self.twins.get(text.strip(), text.strip())
            rng = np.random.default_rng(zlib.crc32(key.encode()))
            out[row] = rng.standard_normal(64)
            out[row] /= np.linalg.norm(out[row])
        return out


def test_a_rewrite_that_follows_the_source_in_meaning_with_no_copied_run_is_derived() -> None:
    embedder = MeaningEmbedder(dict(zip(REWRITE, SOURCE_SENTENCES, strict=False)))
    report = compare(SOURCE, paragraphs(REWRITE), embedder=embedder)
    assert not [r for r in report.copied_runs if r.words >= 5]
    assert report.verdict.derived
    # Partially, not wholly: it keeps barely any of the source's rarer words (WHOLLY_VOCABULARY_SHARE;
    # tests/test_following.py), so it reads as well as a text written from another document on the same facts.
    assert report.verdict.derivation is Derivation.PARTIALLY
    assert report.passages and report.passages[0].kind is PassageKind.PARAPHRASE
    assert len(report.passages[0].sentences) >= 4


@pytest.mark.parametrize(
    ("setting", "expected"), [("uncredited", Severity.ERROR), ("warn", Severity.WARNING), ("ignore", None)]
)
def test_policy_partially_derived_switch(fake_embedder, setting: str, expected: Severity | None) -> None:  # type: ignore[no-untyped-def]
    derivative = paragraphs(ORIGINAL[:4], SOURCE_SENTENCES[1:4], ORIGINAL[4:7], SOURCE_SENTENCES[8:11], ORIGINAL[7:])
    report = compare(SOURCE, derivative, embedder=fake_embedder, source_names=("Valley Wire",))
    policy = apply(Policy(), {"partially_derived": setting}, "test")
    found = [v.severity for v in evaluate(report, policy) if v.rule == "uncredited"]
    assert found == ([expected] if expected else [])


def test_policy_rejects_an_unknown_partially_derived_setting() -> None:
    from attribution.errors import ConfigError

    with pytest.raises(ConfigError, match="partially_derived"):
        apply(Policy(), {"partially_derived": "sometimes"}, "test")


def test_plagdet_matches_hand_computed_values() -> None:
    truth = [Case("a", (0, 100), (0, 100))]
    assert plagdet(truth, truth)["plagdet"] == 1.0
    halves = [Case("a", (0, 50), (0, 50)), Case("a", (50, 100), (50, 100))]
    split = plagdet(truth, halves)
    assert split["precision"] == 1.0 and split["recall"] == 1.0 and split["granularity"] == 2.0
    assert split["plagdet"] == pytest.approx(1 / np.log2(3), abs=1e-4)
    half = plagdet(truth, [Case("a", (0, 50), (0, 50)), Case("b", (0, 10), (0, 10))])
    assert half["recall"] == 0.5 and half["precision"] == 0.5
    assert plagdet(truth, [])["plagdet"] == 0.0


def test_pan13_corpus_scores_document_verdicts_and_plagdet(fake_embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from attribution.accuracy.corpora import evaluate_corpus

    base = tmp_path / "pan13"
    reused = paragraphs(ORIGINAL[:4], SOURCE_SENTENCES[1:4], ORIGINAL[4:])
    for pair, derivative in (("s001-r002", reused), ("s003-r004", paragraphs(ORIGINAL))):
        folder = base / "pairs" / pair
        folder.mkdir(parents=True)
        (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
        (folder / "derivative.txt").write_text(derivative, encoding="utf-8")
    start = reused.index(SOURCE_SENTENCES[1])
    end = reused.index(SOURCE_SENTENCES[3]) + len(SOURCE_SENTENCES[3])
    src = SOURCE.index(SOURCE_SENTENCES[1])
    (base / "pairs" / "s001-r002" / "truth.xml").write_text(
        f'<document reference="suspicious-document001.txt"><feature name="plagiarism" obfuscation="none" '
        f'source_reference="source-document002.txt" this_offset="{start}" this_length="{end - start}" '
        f'source_offset="{src}" source_length="{end - start}"/></document>',
        encoding="utf-8",
    )
    (base / "index.tsv").write_text("pair\tcategory\ns001-r002\tno-obfuscation\ns003-r004\tno-plagiarism\n")
    result = evaluate_corpus("pan13", tmp_path, fake_embedder)
    assert result["document_verdict"] == {"no-obfuscation": 1.0, "no-plagiarism": 1.0}
    assert result["plagdet"]["cases"] == 1 and result["plagdet"]["recall"] == 1.0
    assert result["plagdet"]["plagdet"] > 0.9


def test_gold_scoring_checks_the_derivation() -> None:
    from attribution.accuracy.gold import Scores, score

    report = {
        "source": {"sentences": [{"index": 0, "text": "A b c.", "start": 0, "end": 6}]},
        "derivative": {"sentences": [{"index": 0, "text": "A b c.", "start": 0, "end": 6}]},
        "quotes": [],
        "added_details": [],
        "verdict": {"derived": True, "credits_source": False, "credited_as": None, "derivation": "wholly"},
    }
    gold = {"verdict": {"derived": True, "credits_source": False, "derivation": "partially"}}
    assert score(gold, report, Scores()).verdict.right == 0
    gold["verdict"]["derivation_accept"] = ["wholly", "partially"]
    scored = score(gold, report, Scores(), name="x")
    assert scored.verdict.right == 1 and scored.items[0]["derivation"] == "wholly"
