"""attrib eval: the gold scorer, the corpus adapters, and the CLI."""

import json
from pathlib import Path

import pytest

from attribution.accuracy.corpora import evaluate_corpus, read_mrpc, read_short_answer, read_xsumfaith
from attribution.accuracy.gold import score
from attribution.cli import main
from tests.conftest import FIXTURES

CORPORA = FIXTURES / "corpora"
EVERY = FIXTURES / "gold" / "every-measure.gold.json"


def test_adapters_read_the_corpus_layouts() -> None:
    mrpc = list(read_mrpc(CORPORA))
    assert [i.label for i in mrpc] == ["1", "0", "1", "0"]
    assert mrpc[0].source.startswith("The council approved")
    answers = list(read_short_answer(CORPORA))
    assert [(i.label, i.group) for i in answers] == [("cut", "a"), ("non", "a")]
    assert "don’t" in answers[1].derivative  # cp1252 0x92
    summaries = {i.id: i for i in read_xsumfaith(CORPORA)}
    assert summaries["100-Gold"].label == "faithful"  # one of three annotators: not a majority
    assert summaries["100-PtGen"].label == "extrinsic"
    assert "town's" in summaries["100-Gold"].derivative  # escaped quotes undone


@pytest.mark.parametrize("corpus", ["mrpc", "short-answer", "xsumfaith"])
def test_corpus_measures(fake_embedder, corpus: str) -> None:  # type: ignore[no-untyped-def]
    result = evaluate_corpus(corpus, CORPORA, fake_embedder)
    assert result["corpus"] == corpus and result["pairs"] >= 2
    if corpus == "short-answer":
        assert result["derived_accuracy"] == 1.0  # a copy and an unrelated answer
        assert result["confusion"]["cut"] == {"cut": 1}
    else:
        assert {"precision", "recall", "f1", "balanced_accuracy", "counts"} <= set(result)
        assert sum(result["counts"].values()) == result["pairs"]


def _report_dict(gold: dict) -> dict:  # type: ignore[type-arg]
    """A hand-made report in the JSON schema, answering the every-measure gold file."""
    src = (EVERY.parent / gold["source"]).read_text()
    der = (EVERY.parent / gold["derivative"]).read_text()

    def sentences(text: str, labels: list[str]) -> list[dict]:  # type: ignore[type-arg]
        out, pos = [], 0
        for n, line in enumerate(row for row in text.splitlines() if row.strip()):
            start = text.index(line, pos)
            out.append(
                {"index": n, "text": line, "start": start, "end": start + len(line), "label": labels[n], "sources": [2]}
            )
            pos = start + len(line)
        return out

    q = "serious danger to drivers"
    return {
        "source": {
            "sentences": sentences(
                src, ["used", "boilerplate", "used", "used", "used", "omitted", "boilerplate", "boilerplate"]
            )
        },
        "derivative": {
            "sentences": sentences(
                der, ["verbatim", "paraphrase", "paraphrase", "paraphrase", "paraphrase", "paraphrase", "credit"]
            )
        },
        "quotes": [{"start": der.index(q), "end": der.index(q) + len(q), "status": "altered"}],
        "added_details": [
            {"start": der.index("Christmas"), "end": der.index("Christmas") + 9},
            {"start": der.index("Maria Lund"), "end": der.index("Maria Lund") + 10},  # not in the gold
        ],
        "verdict": {"derived": True, "credits_source": True, "credited_as": "coast news"},
    }


def test_scorer_counts_every_measure() -> None:
    gold = json.loads(EVERY.read_text())
    scores = score(gold, _report_dict(gold), name="every")
    assert (scores.derivative_label.right, scores.derivative_label.total) == (6, 7)  # the added claim missed
    assert scores.source.right == 8 and scores.source.total == 9  # the GLENPORT dateline line is not split here
    assert (scores.quotes.right, scores.quotes.total) == (0, 4)  # one wrong status, three quotes missing
    assert (scores.details_recall.right, scores.details_recall.total) == (1, 2)
    assert (scores.details_precision.right, scores.details_precision.total) == (1, 2)
    assert scores.verdict.right == 1  # credited_as compares without case
    per_label = scores.per_label("derivative")
    assert per_label["added"]["recall"] == 0.0 and per_label["paraphrase"]["precision"] == 0.8
    assert any("Experts say the closure" in miss for miss in scores.misses)
    assert "every: added detail “Maria Lund”: reported, not in the gold" in scores.misses


@pytest.mark.model
def test_eval_cli_on_gold_files(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["eval", str(EVERY), str(FIXTURES / "seed-pair.gold.json"), "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["pairs"] == 2
    for key in (
        "derivative_labels",
        "source_alignment",
        "source_sentences",
        "quotes",
        "added_details_recall",
        "added_details_precision",
        "verdict",
        "derivative_per_label",
        "source_per_label",
        "misses",
    ):
        assert key in doc
    assert doc["verdict"]["right"] == 2


def test_eval_cli_on_a_corpus(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli(["eval", "--corpus", "short-answer", "--data", str(CORPORA)]) == 0
    assert "derived_accuracy: 1.0" in capsys.readouterr().out
    assert cli(["eval", "--corpus", "nope", "--data", str(CORPORA)]) == 2
    assert cli(["eval", "--corpus", "mrpc"]) == 2
    assert cli(["eval", "--corpus", "mrpc", "--data", str(Path("/nonexistent"))]) == 2


def test_an_added_detail_is_found_in_the_sentence_gold_names() -> None:
    """The gold format names a detail by its anchor and its sentence (``in``): a name the text repeats is looked
    for in that sentence, not at its first mention."""
    text = "Kim met Moon in Seoul. Later Kim flew to Tokyo with Moon."
    sentences = [
        {"index": 0, "text": "Kim met Moon in Seoul.", "start": 0, "end": 22},
        {"index": 1, "text": "Later Kim flew to Tokyo with Moon.", "start": 23, "end": len(text)},
    ]
    second = text.index("Moon", 23)
    report = {
        "source": {"sentences": [{"index": 0, "text": "Kim met Moon.", "start": 0, "end": 13, "label": "used"}]},
        "derivative": {"sentences": sentences},
        "quotes": [],
        "added_details": [{"start": second, "end": second + 4}],
    }
    gold = {"added_details": [{"anchor": "Moon", "in": "Later Kim flew"}]}
    scores = score(gold, report)
    assert (scores.details_recall.right, scores.details_precision.right) == (1, 1)


def test_mrpc_asks_for_a_paraphrase_both_ways(fake_embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A sentence that carries only part of the other is drawn from it (one way), but MRPC's
    equivalence needs each sentence drawn from the other: the pair is no paraphrase."""
    longer = (
        "The council approved the budget after a long debate, while outside angry farmers blocked three highways "
        "with tractors and burning hay bales, demanding subsidies for wheat, barley, potatoes and dairy herds "
        "from ministers in distant capitals."
    )
    rows = [
        "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String",
        f"0\t1\t2\t{longer}\tThe council approved the budget after a long debate.",
        "1\t3\t4\tRescuers pulled two hikers from the river on Sunday.\tTwo hikers were rescued from the river.",
    ]
    (tmp_path / "mrpc").mkdir()
    (tmp_path / "mrpc" / "msr_paraphrase_train.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = evaluate_corpus("mrpc", tmp_path, fake_embedder)
    assert result["one_way"]["counts"] == {"tp": 1, "fp": 1, "fn": 0, "tn": 0}
    assert result["counts"] == {"tp": 1, "fp": 0, "fn": 0, "tn": 1}


def test_eval_will_not_write_its_scores_over_a_gold_file(cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # `attrib eval --json a.gold.json b.gold.json`: the shell's glob put a gold file where the output path goes.
    gold = tmp_path / "a.gold.json"
    gold.write_bytes(EVERY.read_bytes())
    assert cli(["eval", "--json", str(gold), str(gold)]) == 2
    assert "is one of the inputs" in capsys.readouterr().err
    assert gold.read_bytes() == EVERY.read_bytes()
