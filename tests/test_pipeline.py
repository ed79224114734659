"""The whole pipeline with the fake embedder: fast, no torch."""

import json

from attribution import compare
from attribution.core.records import DerivativeLabel, FindingKind, Role, SourceLabel

SOURCE = """Council approves new budget

CITYVILLE (Wire) - The city council approved a budget of 40 million dollars on Monday after a long debate.
The mayor said the plan "puts families first and keeps taxes flat" for the coming year.
Opposition members voted against the measure, citing rising debt.
The library will close on Sundays under the plan.

(Reporting by Ann Lee; Editing by Bo Chan)
"""

DERIVATIVE = """The city council approved a budget of 40 million dollars on Monday after a long debate.
According to the mayor, the plan "puts families first and keeps taxes flat" next year.
Opposition members rejected the measure because of rising debt, the Wire reported.
Critics say the budget will be remembered as a historic betrayal of taxpayers across Westfield.
"""


def test_labels_and_verdict(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, DERIVATIVE, embedder=fake_embedder)
    labels = [str(d.label) for d in report.derivative_sentences]
    assert labels[0] == DerivativeLabel.VERBATIM
    assert labels[1] == DerivativeLabel.PARAPHRASE
    assert labels[3] == DerivativeLabel.ADDED
    assert report.verdict.derived
    assert report.verdict.credited_as == "Wire"
    omitted = [s.sentence.text for s in report.source_sentences if s.label == SourceLabel.OMITTED]
    assert omitted == ["The library will close on Sundays under the plan."]
    assert [q.status for q in report.quotes] == ["matches"]
    assert {d.text for d in report.added_details} == {"Westfield"}
    assert [a.text for a in report.attributions] == ["Critics say"]


def test_json_document_has_the_required_shape(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    doc = compare(SOURCE, DERIVATIVE, embedder=fake_embedder).to_dict()
    assert doc["schema_version"] == 1
    assert set(doc["tool"]) >= {"name", "version", "model"}
    for side in ("source", "derivative"):
        assert set(doc[side]) >= {"path", "sha256", "sentences"}
    for s in doc["source"]["sentences"]:
        assert set(s) >= {"index", "text", "start", "end", "role", "label"}
        assert SOURCE[s["start"] : s["end"]] == s["text"]
    for s in doc["derivative"]["sentences"]:
        assert set(s) >= {"index", "text", "start", "end", "role", "label", "sources", "similarity"}
        assert DERIVATIVE[s["start"] : s["end"]] == s["text"]
    for q in doc["quotes"]:
        assert set(q) >= {"text", "start", "end", "sentence", "status", "source_start", "source_end"}
        assert DERIVATIVE[q["start"] : q["end"]] == q["text"]
    for d in doc["added_details"]:
        assert set(d) >= {"text", "start", "end", "sentence", "kind"}
        assert DERIVATIVE[d["start"] : d["end"]] == d["text"]
    for f in doc["findings"]:
        assert set(f) >= {"kind", "sentence", "start", "end", "message"}
    assert set(doc["verdict"]) >= {"derived", "credits_source", "credited_as", "shares"}
    assert abs(sum(doc["verdict"]["shares"].values()) - 1) < 0.01
    json.dumps(doc)


def test_same_inputs_same_bytes(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    assert (
        compare(SOURCE, DERIVATIVE, embedder=fake_embedder).to_json()
        == compare(SOURCE, DERIVATIVE, embedder=fake_embedder).to_json()
    )


def test_a_text_against_itself_is_all_verbatim(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, SOURCE, embedder=fake_embedder)
    story = [d.label for d in report.derivative_sentences if d.sentence.role.is_story]
    assert set(story) == {DerivativeLabel.VERBATIM}
    assert SourceLabel.OMITTED not in [s.label for s in report.source_sentences]


def test_only_story_sentences_are_embedded(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    compare(SOURCE, DERIVATIVE, embedder=fake_embedder)
    # The story in one batch, then the joins of any unsupported sentences (``core.align.rejoined``) in another.
    assert 1 <= len(fake_embedder.calls) <= 2
    assert not any(text.startswith("(Reporting by") for batch in fake_embedder.calls for text in batch)


def test_an_attribution_copied_from_the_source_is_not_added(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    source = "A navy official on the scene said divers were scanning the river bed before rain drove them ashore."
    derivative = "A navy official said divers scanned the river bed before rain drove them ashore."
    report = compare(source, derivative, embedder=fake_embedder)
    assert report.attributions == ()
    assert report.derivative_sentences[0].label != DerivativeLabel.ADDED
    added = compare(
        "Divers were scanning the river bed before rain drove them ashore.", derivative, embedder=fake_embedder
    )
    assert [a.text for a in added.attributions] == ["official said"]


def test_a_dateline_is_one_sentence_with_the_lead_it_opens(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, DERIVATIVE, embedder=fake_embedder)
    dateline, lead = report.source_sentences[1], report.source_sentences[2]
    assert dateline.sentence.text == "CITYVILLE (Wire) -" and lead.label == SourceLabel.USED
    # A sentence drawn from the lead names its dateline too, and the dateline is used with it.
    assert report.derivative_sentences[0].sources == (1, 2)
    assert dateline.label == SourceLabel.USED
    # The checks still read the dateline as a credit line, not as the lead's facts.
    assert report.credit.names[0] == "Wire"


def test_a_dateline_whose_lead_is_left_out_is_left_out_with_it(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = "Opposition members voted against the measure, citing rising debt.\n"
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    assert report.source_sentences[2].label == SourceLabel.OMITTED
    assert report.source_sentences[1].label == SourceLabel.OMITTED  # one sentence in the agency's text
    assert all(1 not in d.sources for d in report.derivative_sentences)
    # The omission is reported once, for the lead: the dateline holds no content of its own.
    omitted = [f.sentence for f in report.findings if f.kind is FindingKind.OMITTED]
    assert 2 in omitted and 1 not in omitted


def test_a_rewrites_dateline_is_reported_with_its_lead(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = "CITYVILLE (Wire) - " + DERIVATIVE.replace(", the Wire reported", "")
    report = compare(SOURCE, derivative, embedder=fake_embedder)
    dateline, lead = report.derivative_sentences[0], report.derivative_sentences[1]
    assert dateline.sentence.text == "CITYVILLE (Wire) -" and dateline.sentence.role == Role.DATELINE
    assert lead.label == DerivativeLabel.VERBATIM
    # Reported as the opening of its lead: the lead's label and sources (the source's dateline among them).
    assert (dateline.label, dateline.sources) == (lead.label, lead.sources) == (DerivativeLabel.VERBATIM, (1, 2))
    assert report.to_dict()["derivative"]["sentences"][0]["label"] == "verbatim"
    # The credit checks still read it as a credit line, and it is no finding of its own.
    assert (report.credit.credited_as, report.credit.sentence) == ("Wire", 0)
    assert all(f.sentence != 0 for f in report.findings if not f.in_source)
