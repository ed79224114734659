"""Pathological text, character tricks and properties that hold for any input."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution import compare
from attribution.core.records import DerivativeLabel, SourceLabel
from attribution.core.segment import segment


def test_a_long_paragraph_without_punctuation(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    words = [f"word{i % 997}" for i in range(15_000)]
    text = " ".join(words)
    assert len(text) > 100_000
    report = compare(text, text, embedder=fake_embedder)
    assert all(len(d.sentence.text) <= 1000 for d in report.derivative_sentences)
    assert len(report.derivative_sentences) < 300


def test_fifty_thousand_one_word_lines(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(f"line{i}" for i in range(50_000))
    report = compare(text, "A short rewrite about nothing in particular.", embedder=fake_embedder)
    assert len(report.source_sentences) == 50_000


def test_emoji_rtl_and_combining_marks(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor 🎉 celebrated the vote. قال رئيس البلدية إن التصويت كان ناجحا. "
        "שלום לכולם. Ze\u0301ro cafe\u0301s were closed. 👩‍👩‍👧 Family day!"
    )
    report = compare(text, text, embedder=fake_embedder)
    for d in report.derivative_sentences:
        assert text[d.sentence.start : d.sentence.end] == d.sentence.text
    story = [d.label for d in report.derivative_sentences if d.sentence.role.is_story]
    assert story and set(story) == {DerivativeLabel.VERBATIM}


TRICKS = {
    "homoglyph": lambda t: t.translate(str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с"})),
    "zero_width": lambda t: "".join(ch + ("\u200b" if i % 4 == 3 and ch.isalpha() else "") for i, ch in enumerate(t)),
    "soft_hyphen": lambda t: "".join(ch + ("\u00ad" if i % 5 == 4 and ch.isalpha() else "") for i, ch in enumerate(t)),
    "odd_space": lambda t: t.replace(" ", "\u2009"),
    "fullwidth": lambda t: "".join(chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalpha() else ch for ch in t),
    "quote_dash": lambda t: t.replace("“", "ʺ").replace("”", "ʺ").replace("-", "‐").replace("’", "ʼ"),
}


@pytest.mark.model
@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_disguised_copying_is_still_found(trick, seed_report, seed_texts) -> None:  # type: ignore[no-untyped-def]
    source, derivative = seed_texts
    disguised = TRICKS[trick](derivative)
    assert disguised != derivative
    report = compare(source, disguised)
    assert [d.label for d in report.derivative_sentences] == [d.label for d in seed_report.derivative_sentences]
    assert report.verdict.credits_source
    assert [q.status for q in report.quotes] == [q.status for q in seed_report.quotes]
    evasions = {e.trick for e in report.evasions}
    assert trick in evasions
    finding = next(f for f in report.findings if f.kind == "evasion")
    assert finding.severity == "error"
    doc = json.loads(report.to_json())
    assert (
        doc["derivative"]["sentences"][2]["text"]
        == disguised[report.derivative_sentences[2].sentence.start : report.derivative_sentences[2].sentence.end]
    )


def test_typography_is_not_a_trick(fake_embedder, seed_texts) -> None:  # type: ignore[no-untyped-def]
    report = compare(*seed_texts, embedder=fake_embedder)
    assert report.evasions == ()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_offsets_slice_back_and_cover_every_visible_character(text: str) -> None:
    sentences = segment(text)
    covered = [False] * len(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
        for i in range(s.start, s.end):
            covered[i] = True
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)


WORDS_A = st.sampled_from(
    ["harbour", "mayor", "council", "budget", "vote", "river", "bridge", "school", "teacher", "market"]
)
WORDS_B = st.sampled_from(
    ["galaxy", "telescope", "orbit", "comet", "nebula", "photon", "crater", "lunar", "quasar", "pulsar"]
)


def _article(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    sentence = st.lists(words, min_size=3, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
    paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
    return st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_article(WORDS_A))
def test_a_text_against_itself_is_all_verbatim(fake_embedder, text: str) -> None:  # type: ignore[no-untyped-def]
    report = compare(text, text, embedder=fake_embedder)
    story = [d.label for d in report.derivative_sentences if d.sentence.role.is_story]
    assert set(story) <= {DerivativeLabel.VERBATIM}
    assert SourceLabel.OMITTED not in [s.label for s in report.source_sentences]
    assert report.added_details == ()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_article(WORDS_A), _article(WORDS_B))
def test_an_unrelated_text_has_nothing_verbatim(fake_embedder, source: str, derivative: str) -> None:  # type: ignore[no-untyped-def]
    report = compare(source, derivative, embedder=fake_embedder)
    assert DerivativeLabel.VERBATIM not in [d.label for d in report.derivative_sentences]
    assert report.copied_runs == ()
    json.loads(report.to_json())
