"""Several sources in one audit: traced across all of them, judged and credited per source."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from attribution import compare
from attribution.core.records import DerivativeLabel, FindingKind
from attribution.core.text import SOURCE_SEPARATOR, PreparedText, joined

BUDGET = """Council approves new budget

CITYVILLE (Wire) - The city council approved a budget of 40 million dollars on Monday after a long debate.
The mayor said the plan "puts families first and keeps taxes flat" for the coming year.
Opposition members voted against the measure, citing rising debt.
"""

FLOOD = """River floods low-lying streets

MILLBROOK (Agency) - The river burst its banks on Tuesday and flooded dozens of streets near the harbour.
Firefighters pumped water from basements through the night, the fire chief said.
"""

# Drawn from both sources; credits the Wire only.
DERIVATIVE = """The city council approved a budget of 40 million dollars on Monday after a long debate, Wire reported.
Opposition members voted against the measure, citing rising debt.
The river burst its banks on Tuesday and flooded dozens of streets near the harbour.
Firefighters pumped water from basements through the night.
"""


def test_each_sentence_is_traced_to_the_source_it_came_from(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare([BUDGET, FLOOD], DERIVATIVE, embedder=fake_embedder)
    budget, flood = report.parts
    owners = [
        [k for k, p in enumerate(report.parts) if any(p.holds_sentence(j) for j in d.sources)]
        for d in report.derivative_sentences
    ]
    assert owners == [[0], [0], [1], [1]]
    assert all(d.label in (DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE) for d in report.derivative_sentences)
    assert report.source.text == BUDGET + SOURCE_SEPARATOR + FLOOD
    assert (budget.offset, flood.offset) == (0, len(BUDGET) + len(SOURCE_SEPARATOR))
    assert budget.first_sentence + budget.sentence_count == flood.first_sentence


def test_verdict_and_credit_per_source(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare([BUDGET, FLOOD], DERIVATIVE, embedder=fake_embedder)
    budget, flood = report.parts
    assert budget.verdict.derived and budget.verdict.credits_source and budget.verdict.credited_as == "Wire"
    assert flood.verdict.derived and not flood.verdict.credits_source
    # Each source's shares count only what was drawn from it; overall, from any of them.
    assert 0 < budget.verdict.shares.verbatim + budget.verdict.shares.paraphrase < 1
    assert 0 < flood.verdict.shares.verbatim + flood.verdict.shares.paraphrase < 1
    overall = report.verdict
    assert overall.derived and not overall.credits_source
    assert overall.shares.added == 0
    uncredited = [f for f in report.findings if f.kind == FindingKind.UNCREDITED]
    assert len(uncredited) == 1 and "Agency" in uncredited[0].message

    doc = report.to_dict()
    assert [s["verdict"]["credits_source"] for s in doc["sources"]] == [True, False]
    assert doc["sources"][1]["offset"] == flood.offset


def test_an_unused_source_is_not_derived(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    derivative = DERIVATIVE.split("The river")[0]
    report = compare([BUDGET, FLOOD], derivative, embedder=fake_embedder)
    assert report.parts[0].verdict.derived and not report.parts[1].verdict.derived
    assert report.verdict.derived and report.verdict.credits_source  # every source it draws on is credited
    assert not any(f.kind == FindingKind.UNCREDITED for f in report.findings)


def test_one_source_in_a_list_is_the_single_source_audit(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    single = compare(BUDGET, DERIVATIVE, embedder=fake_embedder)
    listed = compare([BUDGET], DERIVATIVE, embedder=fake_embedder)
    assert single.to_json() == listed.to_json()
    assert "sources" not in single.to_dict() and len(single.parts) == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="abc .\n\"'ABC", min_size=1, max_size=60), min_size=1, max_size=4))
def test_joined_texts_keep_every_offset(texts: list[str]) -> None:
    parts = [PreparedText.of(t) for t in texts]
    whole, offsets = joined(parts)
    assert whole.text == SOURCE_SEPARATOR.join(texts)
    flat = [(s, part, offset) for part, offset in zip(parts, offsets, strict=True) for s in part.sentences]
    assert [s.index for s in whole.sentences] == list(range(len(flat)))
    for s, (original, _, offset) in zip(whole.sentences, flat, strict=True):
        assert whole.text[s.start : s.end] == original.text == s.text
        assert s.start == original.start + offset
    for w in whole.words:
        assert whole.text[w.start : w.end]


def test_compare_takes_several_sources_on_the_command_line(cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    paths = []
    for name, text in (("budget.txt", BUDGET), ("flood.txt", FLOOD), ("article.txt", DERIVATIVE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    assert cli(["compare", *paths, "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [Path(s["path"]).name for s in doc["sources"]] == ["budget.txt", "flood.txt"]
    assert cli(["compare", *paths, "--html", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert "Derived from 2 of the 2 sources, crediting Wire but not Agency" in out
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count('class="source-part') == 2 and 'data-part="1"' in page
