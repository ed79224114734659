"""The support rows replay the pipeline's labelling rules exactly (so a refit is scored as the product decides)."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution.accuracy.corpora import Item, mrpc_prediction, run_items, xsum_prediction
from attribution.accuracy.support_rows import (
    collect,
    labels,
    load,
    mrpc_outcome,
    replay_disagreements,
    save,
    stored_support,
    xsum_outcome,
)
from attribution.core import thresholds as T
from attribution.core.records import DerivativeLabel
from tests.conftest import FIXTURES, SEED_DERIVATIVE, SEED_SOURCE, FakeEmbedder

CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir())
PAIRS = [
    Item(
        c.name, (c / "source.txt").read_text(encoding="utf-8"), (c / "derivative.txt").read_text(encoding="utf-8"), "1"
    )
    for c in CASES
]
PAIRS += [
    Item("seed", SEED_SOURCE.read_text(encoding="utf-8"), SEED_DERIVATIVE.read_text(encoding="utf-8"), "1"),
    Item(
        "split",
        "The city council approved the new budget on Monday evening after a long debate about road repairs and"
        " school funding.",
        "On Monday evening the new budget was approved by the city council. Analysts say the vote was rushed.",
        "1",
    ),
    Item(
        "number",
        "Police said 40 people were arrested near the stadium on Saturday.",
        "Police said 400 people were arrested near the stadium on Saturday, and the mayor resigned.",
        "0",
    ),
]


@pytest.fixture(scope="module")
def audited():  # type: ignore[no-untyped-def]
    embedder = FakeEmbedder()
    return run_items(PAIRS, embedder), collect(PAIRS, embedder)


def test_rows_replay_the_pipeline_labels(audited) -> None:  # type: ignore[no-untyped-def]
    reports, pairs = audited
    compared = 0
    for report, pair in zip(reports, pairs, strict=True):
        support = [stored_support(r) for r in pair.rows]
        assert [d.support for d in report.derivative_sentences] == pytest.approx(support)
        assert labels(pair.rows, support, T.SUPPORT_THRESHOLD) == [d.label for d in report.derivative_sentences]
        assert mrpc_outcome(pair, support, T.SUPPORT_THRESHOLD) == (mrpc_prediction(report) == "1")
        extrinsic, changed = xsum_outcome(pair, support, T.SUPPORT_THRESHOLD)
        assert extrinsic == (xsum_prediction(report) == "extrinsic")
        assert changed == bool(report.changed_facts)
        compared += len(pair.rows)
    assert compared > 25
    assert replay_disagreements(pairs) == []
    rows = [r for p in pairs for r in p.rows]
    assert any(r.contained for r in rows) and any(r.unnamed for r in rows) and any(r.verbatim for r in rows)
    kinds = {d.label for r in reports for d in r.derivative_sentences}
    assert {DerivativeLabel.VERBATIM, DerivativeLabel.PARAPHRASE, DerivativeLabel.ADDED} <= kinds


def test_a_higher_cut_adds_only_what_support_decides(audited) -> None:  # type: ignore[no-untyped-def]
    _, pairs = audited
    for pair in pairs:
        now = labels(pair.rows, [stored_support(r) for r in pair.rows], 1.01)
        for row, label in zip(pair.rows, now, strict=True):
            if not row.story:
                assert label == DerivativeLabel.CREDIT
            elif row.verbatim:
                assert label == DerivativeLabel.VERBATIM  # copied words stay verbatim whatever the support
            elif row.contained and not row.unnamed:
                assert label == DerivativeLabel.PARAPHRASE  # part of one source sentence, split off
            elif not (row.subhead and not row.copied):
                assert label == DerivativeLabel.ADDED
    number = next(p for p in pairs if p.id == "number")
    assert number.rows[0].changed_if_aligned  # 40 became 400
    assert xsum_outcome(number, [1.0], 0.5) == (True, True)  # a new clause's words; the changed number


def test_rows_survive_the_cache(audited, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, pairs = audited
    save(pairs, tmp_path / "rows.json.gz")
    assert load(tmp_path / "rows.json.gz") == pairs
