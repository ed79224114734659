"""The held-out real pairs (fixtures/gold/fresh): every gold file loads and every anchor names one sentence.

A label whose anchor names no sentence, or two, would be scored against the wrong sentence without a word, so
this checks the hand labels themselves (no model, no compare): each anchor occurs in its text, all its
occurrences lie inside one sentence as the segmenter cuts the text, and an added detail lies in the sentence its
``in`` names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from attribution.accuracy.gold import load_gold, normalise
from attribution.core.segment import segment
from tests.conftest import FIXTURES

FRESH = FIXTURES / "gold" / "fresh"
GOLD_FILES = sorted(FRESH.glob("*.gold.json"))
KEYS = ("about", "origin", "verdict", "derivative_sentences", "source_sentences", "quotes", "added_details")


def _sentences_holding(text: str, anchor: str) -> set[int]:
    """The indices of the segmenter's sentences where ``anchor`` occurs (empty if it occurs nowhere)."""
    folded, origin = normalise(text)
    needle, _ = normalise(anchor)
    sentences = segment(text)
    found: set[int] = set()
    at = folded.find(needle)
    while needle and at >= 0:
        start = origin[at]
        found |= {k for k, s in enumerate(sentences) if s.start <= start < s.end}
        at = folded.find(needle, at + 1)
    return found


def _one_sentence(text: str, anchor: str, where: str) -> int:
    held = _sentences_holding(text, anchor)
    assert len(held) == 1, f"{where}: anchor “{anchor}” is in {len(held)} sentences"
    return held.pop()


def test_the_fresh_set_holds_gold_files() -> None:
    assert len(GOLD_FILES) >= 3


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_every_anchor_of_a_fresh_pair_names_one_sentence(path: Path) -> None:
    pair = load_gold(path)
    gold: dict[str, Any] = pair.labels
    assert all(key in gold for key in KEYS), f"{path.name}: missing {[k for k in KEYS if k not in gold]}"
    assert {"source_url", "derivative_url", "text"} <= set(gold["origin"])
    assert gold["verdict"]["derivation"] in {"wholly", "partially", "not"}
    source = pair.source.read_text(encoding="utf-8")
    derivative = pair.derivative.read_text(encoding="utf-8")
    for item in gold["derivative_sentences"]:
        _one_sentence(derivative, item["anchor"], f"{path.name} derivative")
        assert item["label"] in item["accept"]
        for anchor in item["sources"]:
            _one_sentence(source, anchor, f"{path.name} source of “{item['anchor']}”")
    labelled = [_one_sentence(derivative, i["anchor"], path.name) for i in gold["derivative_sentences"]]
    assert len(labelled) == len(set(labelled)), f"{path.name}: two derivative labels name one sentence"
    for item in gold["source_sentences"]:
        _one_sentence(source, item["anchor"], f"{path.name} source")
        assert item["label"] in item["accept"]
    named = [_one_sentence(source, i["anchor"], path.name) for i in gold["source_sentences"]]
    assert len(named) == len(set(named)), f"{path.name}: two source labels name one sentence"
    for quote in gold["quotes"]:
        _one_sentence(derivative, quote["anchor"], f"{path.name} quote")
    for detail in gold["added_details"]:
        home = _one_sentence(derivative, detail["in"], f"{path.name} detail's sentence")
        assert home in _sentences_holding(derivative, detail["anchor"]), (
            f"{path.name}: “{detail['anchor']}” not in its sentence"
        )
