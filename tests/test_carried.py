"""A derivative sentence that fuses two source sentences and takes one fact from the second (core/carried.py)."""

from __future__ import annotations

from attribution import compare
from attribution.core.carried import carried_sources
from attribution.core.records import Derivation, DerivativeLabel, SourceLabel
from attribution.core.text import PreparedText

SOURCE = (
    "Governor Jane Ellis today announced that Brightline Foods will invest $40 million to expand its plant "
    "in Harlan County. The company will build a 120,000-square-foot addition to its existing plant in Harlan "
    "County. The project will create 245 new jobs. Headquartered in Tromso, Norway, Brightline was founded in "
    "1987 and employs 900 people. The company supplies frozen meals to grocers across Europe and Asia. "
    "\u201cThis is a great day for Harlan County and for the families who live here,\u201d said Ellis."
)
REWRITE = (
    "Brightline Foods will invest $40 million to expand its plant in Harlan County, Governor Jane Ellis "
    "announced. The 120,000-square-foot addition to the plant in Harlan County will increase its workforce by 245. "
    "The Norway-based company supplies frozen meals to grocers across Europe and Asia."
)


def test_a_number_and_a_name_taken_from_a_second_source_sentence_make_it_used(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, REWRITE, embedder=fake_embedder)
    assert report.verdict.derived
    labels = [s.label for s in report.source_sentences]
    # "by 245" is the job count's, "Norway-based" the headquarters': alignment names neither sentence.
    assert labels[2] is SourceLabel.USED
    assert labels[3] is SourceLabel.USED
    assert labels[5] is SourceLabel.OMITTED, "the governor's quotation is left out"
    # ``used`` still means named: the sentence that carries the fact names its sentence after its own sources.
    assert 2 in report.derivative_sentences[1].sources and report.derivative_sentences[1].sources[0] == 1
    assert 3 in report.derivative_sentences[2].sources and report.derivative_sentences[2].sources[0] == 4


def test_a_rewording_that_keeps_a_number_uses_its_sentence_even_when_labelled_added(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = PreparedText.of(SOURCE)
    rewrite = "Approximately 245 people will be hired. " + REWRITE
    report = compare(SOURCE, rewrite, embedder=fake_embedder)
    hired = report.derivative_sentences[0]
    assert hired.label is DerivativeLabel.ADDED, "too few shared words to be supported"
    assert report.source_sentences[2].label is SourceLabel.USED
    assert carried_sources(source, PreparedText.of(rewrite), report.derivative_sentences)[0] == {2}


def test_a_hedged_number_a_year_a_month_or_a_name_in_an_added_sentence_carries_nothing(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = PreparedText.of(SOURCE + " Hiring starts in March.")
    for added in (
        "The plant now employs over 200 people.",  # "over 200" may be 245, but it is not the number stated
        "Harlan County lost a paper mill in 1987.",  # a bare year
        "Ellis also visited Asia in March.",  # a month alone; names in an added sentence
    ):
        rewrite = PreparedText.of(added + " " + REWRITE)
        report = compare(source.text, rewrite.text, embedder=fake_embedder)
        assert report.derivative_sentences[0].label is DerivativeLabel.ADDED, added
        assert 0 not in carried_sources(source, rewrite, report.derivative_sentences), added


def test_a_fact_stated_by_many_source_sentences_is_not_distinctive(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    # "Harlan" is in three source sentences: the fused sentence takes it from none in particular.
    report = compare(SOURCE, REWRITE, embedder=fake_embedder)
    carried = carried_sources(PreparedText.of(SOURCE), PreparedText.of(REWRITE), report.derivative_sentences)
    assert 5 not in set().union(*carried.values())


def test_an_independent_report_uses_no_source_sentence_by_a_shared_fact(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    own = [
        "Harlan County has waited a long time for good news about work.",
        "Residents packed the library on Tuesday night to hear about training courses.",
        "The county's unemployment office expects a rush of applications this winter.",
        "Local builders say they are short of electricians and welders.",
        "Brightline's rival, a dairy cooperative, closed its plant nearby two years ago.",
        "The new jobs, 245 of them, will pay above the county's median wage, officials said.",
    ]
    report = compare(SOURCE, " ".join(own), embedder=fake_embedder)
    assert report.verdict.derivation is Derivation.NOT
    assert all(s.label is not SourceLabel.USED for s in report.source_sentences)
