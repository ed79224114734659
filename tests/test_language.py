"""Languages: detected for both texts, a language_mismatch finding, and a multilingual model aligning across them."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from attribution import compare
from attribution.checks.language import model_languages
from attribution.core.records import DerivativeLabel, FindingKind, Severity

ENGLISH = [
    "Tesla is recalling more than 321,000 vehicles in the United States because the tail lights may fail.",
    "The company said the problem was found after customers complained in late October.",
    "Owners will get a software update over the air and do not need to visit a workshop.",
    "Tesla said it knew of no crashes or injuries related to the fault.",
]
DANISH = [
    "Tesla tilbagekalder mere end 321.000 biler i USA, fordi baglygterne muligvis ikke tænder.",
    "Selskabet oplyste, at fejlen blev fundet, efter at kunder klagede i slutningen af oktober.",
    "Ejerne får en softwareopdatering trådløst og behøver ikke at besøge et værksted.",
    "Tesla sagde, at selskabet ikke kendte til ulykker eller personskader i forbindelse med fejlen.",
]


class TranslatingEmbedder:
    """A stand-in for a multilingual model: a sentence and its translation get one vector."""

    def __init__(self, name: str, languages: tuple[str, ...] | None) -> None:
        self.name = name
        self.languages = languages
        self.twins = dict(zip(DANISH, ENGLISH, strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            key = self.twins.get(text.strip(), text.strip())
            vector = np.random.default_rng(zlib.crc32(key.encode())).standard_normal(64)
            out[row] = vector / np.linalg.norm(vector)
        return out


SOURCE = "\n".join(ENGLISH) + "\n"
TRANSLATION = "\n".join(DANISH) + "\n"


def test_an_english_only_model_says_why_a_translation_looks_added(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, TRANSLATION, embedder=fake_embedder)
    assert report.languages is not None
    assert (report.languages.source, report.languages.derivative) == ("en", "da")
    mismatch = [f for f in report.findings if f.kind is FindingKind.LANGUAGE_MISMATCH]
    assert len(mismatch) == 1 and mismatch[0].severity is Severity.WARNING
    assert "da" in mismatch[0].message and "--model" in mismatch[0].message
    doc = report.to_dict()
    assert doc["languages"] == {"source": "en", "derivative": "da", "model": ["en"]}
    from attribution.render.common import verdict_sentence

    assert "Languages:" in verdict_sentence(report)


def test_a_multilingual_model_aligns_a_translation_with_the_same_rules() -> None:
    embedder = TranslatingEmbedder("paraphrase-multilingual-MiniLM-L12-v2", None)
    report = compare(SOURCE, TRANSLATION, embedder=embedder)
    labels = [d.label for d in report.derivative_sentences]
    assert labels.count(DerivativeLabel.PARAPHRASE) >= 3, labels
    assert report.verdict.derived
    assert [d.sources for d in report.derivative_sentences][:3] == [(0,), (1,), (2,)]
    mismatch = [f for f in report.findings if f.kind is FindingKind.LANGUAGE_MISMATCH]
    assert len(mismatch) == 1 and "multilingual" in mismatch[0].message


def test_same_language_gives_no_finding(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    report = compare(SOURCE, SOURCE, embedder=fake_embedder)
    assert not [f for f in report.findings if f.kind is FindingKind.LANGUAGE_MISMATCH]
    assert report.languages is not None and report.languages.source == "en"


def test_model_languages_from_names_and_declarations() -> None:
    class Named:
        def __init__(self, name: str) -> None:
            self.name = name

    assert model_languages(Named("all-MiniLM-L6-v2")) == ("en",)
    assert model_languages(Named("sentence-transformers/LaBSE")) is None
    assert model_languages(Named("intfloat/multilingual-e5-small")) is None
    assert model_languages(TranslatingEmbedder("x", ("da", "en"))) == ("da", "en")
